//! Real clients against the running server: foundry's `cast` (pinned in
//! `tools/package.json`; `scripts/test.sh` installs it) and cargo-stylus 0.10.10.
//!
//! A missing tool fails the test with a message saying how to install it, unless
//! `GUARD_SKIP_EXTERNAL=1` is set, in which case the test prints why it did nothing.

mod common;

use alloy_primitives::{Address, U256};
use common::counter_code;
use std::{
    path::{Path, PathBuf},
    process::{Command, Output},
};
use stylus_devnet::{rpc::RpcServer, Devnet};

/// The repository root.
fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Whether a missing tool may be skipped (`GUARD_SKIP_EXTERNAL=1`).
fn skipping(tool: &str, why: &str) -> bool {
    if std::env::var("GUARD_SKIP_EXTERNAL").is_ok_and(|value| value == "1") {
        eprintln!("SKIPPED (GUARD_SKIP_EXTERNAL=1): {tool} is not available: {why}");
        return true;
    }
    panic!("{tool} is not available: {why}. Install it, or set GUARD_SKIP_EXTERNAL=1 to skip tests that need external tools.");
}

/// The cast binary: `$GUARD_CAST`, then `<repo>/tools/node_modules/.bin/cast`, then `cast` on PATH.
fn cast() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("GUARD_CAST").map(PathBuf::from),
        Some(repo_root().join("tools/node_modules/.bin/cast")),
        Some(PathBuf::from("cast")),
    ];
    candidates.into_iter().flatten().find(|path| {
        Command::new(path)
            .arg("--version")
            .output()
            .is_ok_and(|output| output.status.success())
    })
}

/// Whether `cargo stylus` (cargo-stylus 0.10.x) runs.
fn cargo_stylus_available() -> bool {
    Command::new("cargo")
        .args(["stylus", "--version"])
        .output()
        .is_ok_and(|output| output.status.success())
}

fn run(command: &mut Command) -> Output {
    let output = command.output().expect("the tool runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        output.status.success(),
        "{command:?} failed\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    output
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

fn start() -> (Devnet, RpcServer) {
    let devnet = Devnet::new().unwrap();
    let server = RpcServer::start(&devnet, "127.0.0.1:0".parse().unwrap()).unwrap();
    (devnet, server)
}

#[test]
fn cast_sends_calls_and_reads_receipts() {
    let Some(cast) = cast() else {
        if skipping(
            "cast",
            "run `npm ci` in tools/ (scripts/test.sh does), or set GUARD_CAST",
        ) {
            return;
        }
        unreachable!();
    };
    let (devnet, server) = start();
    let url = server.url();
    let key = devnet.accounts()[0].private_key.to_string();
    let (store, _) = devnet
        .deploy_evm(devnet.accounts()[0].address, common::store_initcode())
        .unwrap();

    assert_eq!(
        stdout(&run(Command::new(&cast).args([
            "chain-id",
            "--rpc-url",
            &url
        ]))),
        "412346"
    );
    let sent = run(Command::new(&cast)
        .args(["send", "--rpc-url", &url, "--private-key", &key, "--json"])
        .arg(store.to_string())
        .arg(common::store_call(U256::from(99)).to_string()));
    let receipt: serde_json::Value = serde_json::from_str(&stdout(&sent)).unwrap();
    assert_eq!(receipt["status"], "0x1", "{receipt}");
    assert_eq!(devnet.storage(store, U256::ZERO), U256::from(99));

    let hash = receipt["transactionHash"].as_str().unwrap();
    let status = run(Command::new(&cast).args(["receipt", "--rpc-url", &url, hash, "status"]));
    let status = stdout(&status);
    assert!(status.starts_with('1') || status == "true", "{status}");

    let called = run(Command::new(&cast)
        .args(["call", "--rpc-url", &url])
        .arg(store.to_string())
        .arg("0x02"));
    assert_eq!(
        stdout(&called),
        format!("{}", alloy_primitives::B256::from(U256::from(99)))
    );

    let transfer_to = Address::repeat_byte(0x31);
    run(Command::new(&cast)
        .args([
            "send",
            "--rpc-url",
            &url,
            "--private-key",
            &key,
            "--value",
            "1gwei",
        ])
        .arg(transfer_to.to_string()));
    assert_eq!(devnet.balance(transfer_to), U256::from(1_000_000_000u64));

    // A revert is decoded by cast from the error data.
    let reverted = Command::new(&cast)
        .args(["call", "--rpc-url", &url])
        .arg(store.to_string())
        .arg("0x03")
        .output()
        .unwrap();
    assert!(!reverted.status.success());
    let message = String::from_utf8_lossy(&reverted.stderr);
    assert!(
        message.contains("revert") && message.contains("0x12345678"),
        "{message}"
    );
}

/// Copies the stylus-evm Counter fixture project (sources, manifest, lock file, Stylus.toml) to
/// `directory`, so cargo-stylus runs on a project without touching the fixture, and writes its
/// WASM (decompressed from the committed code) next to it; returns the WASM's path.
fn counter_wasm_project(directory: &Path) -> PathBuf {
    let fixture = repo_root().join("crates/stylus-evm/fixtures/counter");
    for file in [
        "Cargo.toml",
        "Cargo.lock",
        "Stylus.toml",
        "rust-toolchain.toml",
        ".cargo/config.toml",
        "src/lib.rs",
        "src/main.rs",
    ] {
        let target = directory.join(file);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(fixture.join(file), &target)
            .unwrap_or_else(|error| panic!("copying {file}: {error}"));
    }
    let wasm =
        stylus_evm::activation::decompress(&counter_code(), stylus_evm::costs::MAX_WASM_SIZE)
            .unwrap();
    let path = directory.join("counter.wasm");
    std::fs::write(&path, wasm).unwrap();
    path
}

#[test]
fn cargo_stylus_checks_and_deploys_the_counter() {
    if !cargo_stylus_available() {
        if skipping(
            "cargo-stylus",
            "cargo install cargo-stylus --version 0.10.10 --locked",
        ) {
            return;
        }
        unreachable!();
    }
    let (devnet, server) = start();
    let url = server.url();
    let directory =
        std::env::temp_dir().join(format!("stylus-devnet-cargo-stylus-{}", std::process::id()));
    let wasm = counter_wasm_project(&directory);
    let key = devnet.accounts()[0].private_key.to_string();

    let check = run(Command::new("cargo")
        .current_dir(&directory)
        .args(["stylus", "check", "-e", &url, "--wasm-file"])
        .arg(&wasm));
    let check_text = combined_output(&check);
    assert!(check_text.contains("wasm data fee"), "{check_text}");

    let deploy = run(Command::new("cargo")
        .current_dir(&directory)
        .args([
            "stylus",
            "deploy",
            "--no-verify",
            "-e",
            &url,
            "--private-key",
            &key,
            "--wasm-file",
        ])
        .arg(&wasm));
    let address = deployed_address(&deploy);
    assert_eq!(&devnet.code(address)[..4], &[0xEF, 0xF0, 0x00, 0x00]);

    // Activated by cargo-stylus' own activation transaction: the program runs.
    let increment = alloy_primitives::keccak256("increment()")[..4].to_vec();
    assert!(
        devnet
            .send(devnet.accounts()[0].address, address, U256::ZERO, increment)
            .unwrap()
            .status
    );
    let number = devnet
        .call(
            devnet.accounts()[0].address,
            address,
            alloy_primitives::keccak256("number()")[..4].to_vec(),
        )
        .unwrap();
    assert_eq!(U256::from_be_slice(&number), U256::from(1));

    // Now active: check exits 0 without a fee.
    run(Command::new("cargo")
        .current_dir(&directory)
        .args(["stylus", "check", "-e", &url, "--wasm-file"])
        .arg(&wasm));
    let _ = std::fs::remove_dir_all(&directory);
}

/// A tool's stdout followed by its stderr (cargo-stylus logs to both).
fn combined_output(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The address in cargo-stylus' "deployed code at address: 0x…" line.
fn deployed_address(output: &Output) -> Address {
    let text = combined_output(output);
    text.split("deployed code at address:")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .map_or_else(
            || panic!("no deployed address in:\n{text}"),
            |address| strip_ansi(address).parse().unwrap(),
        )
}

/// Drops ANSI colour escapes from cargo-stylus output.
fn strip_ansi(text: &str) -> String {
    let mut plain = String::new();
    let mut chars = text.chars();
    while let Some(character) = chars.next() {
        if character == '\u{1b}' {
            for next in chars.by_ref() {
                if next.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            plain.push(character);
        }
    }
    plain
}

#[test]
fn cargo_stylus_deploys_the_pause_registry_with_its_constructor_through_the_stylus_deployer() {
    if !cargo_stylus_available() {
        if skipping(
            "cargo-stylus",
            "cargo install cargo-stylus --version 0.10.10 --locked",
        ) {
            return;
        }
        unreachable!();
    }
    let (devnet, server) = start();
    let url = server.url();
    let key = devnet.accounts()[0].private_key.to_string();
    let (admin, guardian, oracle) = (
        Address::repeat_byte(0xa1),
        Address::repeat_byte(0xa2),
        Address::repeat_byte(0xa3),
    );
    let project = repo_root().join("contracts/pause-registry");

    // Builds the contract's WASM (the first run takes minutes), checks it against the devnet, then
    // deploys it through the StylusDeployer because the contract has a constructor.
    let deploy = run(Command::new("cargo")
        .current_dir(&project)
        .args([
            "stylus",
            "deploy",
            "--no-verify",
            "-e",
            &url,
            "--private-key",
            &key,
            "--constructor-args",
        ])
        .args([admin.to_string(), guardian.to_string(), oracle.to_string()]));
    let address = deployed_address(&deploy);
    assert_eq!(&devnet.code(address)[..3], &[0xEF, 0xF0, 0x00]);

    // The constructor ran inside the deployment transaction.
    let caller = devnet.accounts()[0].address;
    let read = |signature: &str| {
        let output = devnet
            .call(
                caller,
                address,
                alloy_primitives::keccak256(signature)[..4].to_vec(),
            )
            .unwrap();
        Address::from_slice(&output[12..32])
    };
    assert_eq!(read("admin()"), admin);
    assert_eq!(read("guardian()"), guardian);
}

/// `cargo stylus check` then `cargo stylus deploy --constructor-args …` of a
/// project contract against `url`; returns the deployed address.
fn cargo_stylus_check_and_deploy(url: &str, key: &str, contract: &str, args: &[String]) -> Address {
    let project = repo_root().join("contracts").join(contract);
    let check = run(Command::new("cargo")
        .current_dir(&project)
        .args(["stylus", "check", "-e", url]));
    let check_text = combined_output(&check);
    assert!(
        check_text.contains("wasm data fee"),
        "{contract}: {check_text}"
    );
    let deploy = run(Command::new("cargo")
        .current_dir(&project)
        .args([
            "stylus",
            "deploy",
            "--no-verify",
            "-e",
            url,
            "--private-key",
            key,
            "--constructor-args",
        ])
        .args(args));
    deployed_address(&deploy)
}

#[test]
fn cargo_stylus_checks_and_deploys_the_other_project_contracts_with_their_constructors() {
    if !cargo_stylus_available() {
        if skipping(
            "cargo-stylus",
            "cargo install cargo-stylus --version 0.10.10 --locked",
        ) {
            return;
        }
        unreachable!();
    }
    let (devnet, server) = start();
    let url = server.url();
    let key = devnet.accounts()[0].private_key.to_string();
    let caller = devnet.accounts()[0].address;
    let word = |address: Address, signature: &str| {
        let output = devnet
            .call(
                caller,
                address,
                alloy_primitives::keccak256(signature)[..4].to_vec(),
            )
            .unwrap();
        U256::from_be_slice(&output[..32])
    };
    let (admin, guardian, feed) = (
        Address::repeat_byte(0xb1),
        Address::repeat_byte(0xb2),
        Address::repeat_byte(0xb3),
    );

    let oracle = cargo_stylus_check_and_deploy(
        &url,
        &key,
        "oracle-sanity-checker",
        &[admin.to_string(), guardian.to_string(), feed.to_string()],
    );
    assert_eq!(
        word(oracle, "guardian()"),
        U256::from_be_slice(guardian.as_slice())
    );

    let timelock = cargo_stylus_check_and_deploy(
        &url,
        &key,
        "emergency-timelock",
        &[
            "3600".into(),
            format!("[{guardian}]"),
            format!("[{}]", Address::ZERO),
            guardian.to_string(),
        ],
    );
    assert_eq!(word(timelock, "getMinDelay()"), U256::from(3_600));

    let mut owners = [
        Address::repeat_byte(0xc1),
        Address::repeat_byte(0xc2),
        Address::repeat_byte(0xc3),
    ];
    owners.sort();
    let list = owners
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let multisig = cargo_stylus_check_and_deploy(
        &url,
        &key,
        "guardian-multisig",
        &[format!("[{list}]"), "2".into(), "1".into(), "86400".into()],
    );
    assert_eq!(word(multisig, "threshold()"), U256::from(2));
}
