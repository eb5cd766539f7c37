//! The stylus-sdk 0.10.10 Counter (the `cargo stylus new` template), built by cargo-stylus and
//! committed as `fixtures/counter/counter.initcode.hex`, deployed with a CREATE transaction,
//! activated through ArbWasm and called.
//!
//! The artifact is committed (not built by the test) so the suite needs neither cargo-stylus nor
//! minutes of WASM compilation; `fixtures/counter/regenerate.sh` rebuilds it, and
//! [`the_committed_counter_artifact_matches_its_sources`] fails when the sources changed since.

mod common;

use common::{activate_calldata, Chain, DEV, GAS};
use revm::{
    context::TxEnv,
    primitives::{keccak256, Address, Bytes, TxKind, U256},
};
use sha2::{Digest, Sha256};
use stylus_evm::ARB_WASM;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/counter");

fn initcode() -> Vec<u8> {
    let hex_text = std::fs::read_to_string(format!("{FIXTURE}/counter.initcode.hex"))
        .expect("fixture present");
    hex::decode(hex_text.trim().trim_start_matches("0x")).expect("hex initcode")
}

fn selector(signature: &str) -> Vec<u8> {
    keccak256(signature)[..4].to_vec()
}

fn deploy_counter(chain: &mut Chain) -> Address {
    let tx = TxEnv::builder()
        .caller(DEV)
        .kind(TxKind::Create)
        .data(Bytes::from(initcode()))
        .gas_limit(GAS)
        .gas_price(0)
        .nonce(0)
        .chain_id(Some(412_346))
        .build()
        .expect("valid tx");
    let (result, _) = chain.send_with(tx);
    assert!(
        result.result.is_success(),
        "deploy failed: {:?}",
        result.result
    );
    DEV.create(0)
}

#[test]
fn the_committed_counter_artifact_matches_its_sources() {
    let mut hasher = Sha256::new();
    for file in [
        "Cargo.toml",
        "Cargo.lock",
        "rust-toolchain.toml",
        ".cargo/config.toml",
        "src/lib.rs",
        "src/main.rs",
    ] {
        hasher.update(std::fs::read(format!("{FIXTURE}/{file}")).expect("fixture source"));
    }
    let expected =
        std::fs::read_to_string(format!("{FIXTURE}/sources.sha256")).expect("sources.sha256");
    assert_eq!(
        hex::encode(hasher.finalize()),
        expected.trim(),
        "fixture sources changed: run crates/stylus-evm/fixtures/counter/regenerate.sh"
    );
}

#[test]
fn the_counter_deploys_activates_and_counts() {
    let mut chain = Chain::new();
    let counter = deploy_counter(&mut chain);
    let code = chain.db.cache.accounts[&counter].info.code.clone().unwrap();
    assert_eq!(&code.original_byte_slice()[..4], &[0xEF, 0xF0, 0x00, 0x00]);

    let (not_active, _) = chain.send(counter, selector("number()"), U256::ZERO);
    assert!(
        !not_active.result.is_success(),
        "a program runs only once activated"
    );

    let (activation, _) = chain.send(
        ARB_WASM,
        activate_calldata(counter),
        U256::from(10u128.pow(20)),
    );
    assert!(activation.result.is_success(), "{:?}", activation.result);
    let output = activation.result.output().unwrap();
    assert_eq!(
        U256::from_be_slice(&output[..32]),
        U256::from(2),
        "version 2"
    );

    let mut set = selector("setNumber(uint256)");
    set.extend_from_slice(&U256::from(41).to_be_bytes::<32>());
    let (result, _) = chain.send(counter, set, U256::ZERO);
    assert!(result.result.is_success(), "{:?}", result.result);
    let (result, stats) = chain.send(counter, selector("increment()"), U256::ZERO);
    assert!(result.result.is_success(), "{:?}", result.result);
    assert!(stats.hostios.contains_key("storage_flush_cache"));
    let (result, _) = chain.send(counter, selector("number()"), U256::ZERO);
    assert_eq!(
        U256::from_be_slice(result.result.output().unwrap()),
        U256::from(42)
    );
    assert_eq!(chain.slot0(counter), U256::from(42));
}

#[test]
fn the_counter_reverts_on_an_unknown_selector() {
    let mut chain = Chain::new();
    let counter = deploy_counter(&mut chain);
    chain.send(
        ARB_WASM,
        activate_calldata(counter),
        U256::from(10u128.pow(20)),
    );
    let (result, _) = chain.send(counter, vec![0xde, 0xad, 0xbe, 0xef], U256::ZERO);
    assert!(!result.result.is_success());
}
