//! Gas and size benchmarks of Stylus Incident Guard against the Solidity systems users would
//! pick instead (issue 10), measured in one run on one chain.
//!
//! [`run`] deploys both sides ([`fixture`]) — the four Stylus contracts and SolidityGate,
//! OpenZeppelin TimelockController and Safe v1.4.1 (3-of-5 proxies) from `bench/artifacts/` —
//! wired to the same mock feeds, then measures each hot path ([`paths`]) with the GasProbe
//! ([`probe`]: in-EVM gas, cold first call and warm repeat), the transaction's gas, and on the
//! embedded devnet the access-gas floor and the Stylus meter's profile ([`measure`]). Stylus
//! paths are measured with the programs cached and uncached on the embedded devnet. The result
//! is a [`report::BenchReport`]: JSON for CI and Markdown for people, with each figure's ratio
//! to its Solidity counterpart judged against issue 10's goals ([`goals`]).
//!
//! The same code runs against any node with `--rpc-url` (a Nitro devnode gives real Nitro
//! gas); host-call profiles, access counts and cache toggling need the embedded devnet.

pub mod baselines;
pub mod error;
pub mod fixture;
pub mod goals;
pub mod measure;
pub mod net;
pub mod paths;
pub mod probe;
pub mod report;
pub mod signing;
pub mod throughput;

use std::time::{Duration, Instant};

pub use error::BenchError;
use fixture::Fixture;
use net::BenchNet;
use report::{BenchReport, ChainInfo, Constant, Measurement, SizeRow};
use stylus_evm::costs;

/// What to run against.
#[derive(Debug, Clone, PartialEq)]
pub struct BenchOptions {
    /// A node's JSON-RPC URL; `None` runs the embedded devnet.
    pub rpc_url: Option<String>,
    /// The key that signs on that node (hex); the node must fund it. Unused on the embedded
    /// devnet, which signs with its own funded dev key.
    pub private_key: String,
    /// How long each throughput loop runs.
    pub throughput_budget: Duration,
}

/// Runs the whole benchmark, reporting each step through `progress`.
///
/// # Errors
/// The first step that fails, named; no partial report is produced.
pub async fn run(
    options: &BenchOptions,
    progress: &dyn Fn(&str),
) -> Result<BenchReport, BenchError> {
    let started = Instant::now();
    let net = match &options.rpc_url {
        Some(url) => BenchNet::connect(url, &options.private_key)?,
        None => BenchNet::embedded()?,
    };
    let chain_id = net.chain_id().await?;
    let fixture = Fixture::deploy(&net, progress).await?;
    // Cached is the steady state the goals are about; on the devnet uncached is measured inside
    // snapshots, on another node the bench asks ArbWasmCache to cache the programs.
    let node_cached = if net.set_cached(&fixture.stylus_codehashes(), true) {
        true
    } else {
        progress("asking ArbWasmCache to cache the Stylus programs");
        let programs: Vec<_> = fixture.stylus.iter().map(|code| code.address).collect();
        net.cache_programs(&programs).await?
    };
    let variant = if node_cached { "cached" } else { "node" };
    let run = Run {
        net: &net,
        fixture: &fixture,
        variant,
    };

    let mut measurements = Vec::new();
    progress("measuring the gate: checkSettlement and settlementPrice");
    run.measure_all(&paths::gate(&fixture), &mut measurements)
        .await?;
    progress("measuring the chain's throughput (gate checks per second)");
    let throughput = throughput::measure(
        &net,
        fixture.address("PauseRegistry"),
        &paths::check_settlement(&fixture),
        options.throughput_budget,
    )
    .await?;
    progress("measuring record, pause and tripBreaker");
    let record = paths::record(&net, &fixture).await?;
    run.measure_all(&record, &mut measurements).await?;
    run.measure_all(&paths::pause(&fixture), &mut measurements)
        .await?;
    let trip = paths::trip_breaker(&net, &fixture).await?;
    run.measure_all(&trip, &mut measurements).await?;
    progress("measuring 3-of-5 signature execution: GuardianMultisig, Safe, SafeL2");
    let multisig = paths::multisig(&net, &fixture).await?;
    run.measure_all(&multisig, &mut measurements).await?;
    progress("measuring timelock schedule and execute");
    let operation = paths::TimelockOperation::new(&fixture, net.timestamp().await?);
    run.measure_all(&operation.schedule(&fixture), &mut measurements)
        .await?;
    let mut notes = notes(&net, node_cached);
    if net.increase_time(fixture::MIN_DELAY + 1).await? {
        run.measure_all(&operation.execute(&fixture), &mut measurements)
            .await?;
    } else {
        notes.push("Timelock `execute` was not measured: this node has no time controls (`evm_increaseTime`), and the bench does not wait out the one-hour delay.".into());
    }

    Ok(BenchReport {
        schema: report::SCHEMA_VERSION,
        chain: ChainInfo {
            kind: if net.devnet().is_some() {
                "embedded-devnet"
            } else {
                "rpc"
            }
            .into(),
            rpc_url: options.rpc_url.clone(),
            chain_id,
            profiles: net.devnet().is_some(),
            cache_control: net.devnet().is_some(),
            constants: if net.devnet().is_some() {
                constants()
            } else {
                Vec::new()
            },
        },
        duration_seconds: started.elapsed().as_secs_f64(),
        sizes: sizes(&fixture),
        comparisons: goals::compare(&measurements),
        measurements,
        throughput,
        notes,
    })
}

/// One run's chain, fixture and the label of Stylus figures on a node.
struct Run<'a> {
    net: &'a BenchNet,
    fixture: &'a Fixture,
    variant: &'static str,
}

impl Run<'_> {
    async fn measure_all(
        &self,
        calls: &[measure::PathCall],
        into: &mut Vec<Measurement>,
    ) -> Result<(), BenchError> {
        for call in calls {
            into.extend(measure::measure(self.net, self.fixture, call, self.variant).await?);
        }
        Ok(())
    }
}

fn sizes(fixture: &Fixture) -> Vec<SizeRow> {
    let stylus = fixture.stylus.iter().map(|code| {
        SizeRow::stylus(
            &code.name,
            code.size,
            code.data_fee.map(|fee| fee.to_string()),
        )
    });
    let evm = fixture
        .evm
        .iter()
        .map(|code| SizeRow::solidity(&code.name, code.size));
    stylus.chain(evm).collect()
}

/// The pricing constants the devnet's Stylus gas comes from.
fn constants() -> Vec<Constant> {
    let params = "arbos/programs/params.go";
    let pricing = "crates/arbutil/src/pricing.rs";
    [
        ("INK_PRICE", costs::INK_PRICE, params),
        ("FREE_PAGES", u64::from(costs::FREE_PAGES), params),
        ("PAGE_GAS", costs::PAGE_GAS, params),
        ("MIN_INIT_GAS", costs::MIN_INIT_GAS, params),
        ("MIN_CACHED_INIT_GAS", costs::MIN_CACHED_INIT_GAS, params),
        ("INIT_COST_SCALAR", costs::INIT_COST_SCALAR, params),
        ("CACHED_COST_SCALAR", costs::CACHED_COST_SCALAR, params),
        (
            "BLOCK_HEADER_INK",
            costs::BLOCK_HEADER_INK,
            "crates/prover/src/programs/config.rs",
        ),
        ("HOSTIO_INK", costs::HOSTIO_INK, pricing),
        ("EVM_API_INK", costs::EVM_API_INK, pricing),
        ("CALL_INK", costs::CALL_INK, pricing),
        ("KECCAK_INK", costs::KECCAK_INK, pricing),
        (
            "STORAGE_LOAD_REQUIRED_GAS",
            costs::STORAGE_LOAD_REQUIRED_GAS,
            "crates/arbutil/src/evm/storage.rs",
        ),
        (
            "STORAGE_CACHE_REQUIRED_GAS",
            costs::STORAGE_CACHE_REQUIRED_GAS,
            "crates/arbutil/src/evm/storage.rs",
        ),
        (
            "COLD_ACCOUNT_GAS",
            costs::COLD_ACCOUNT_GAS,
            "go-ethereum, EIP-2929",
        ),
        (
            "COLD_SLOAD_GAS",
            costs::COLD_SLOAD_GAS,
            "go-ethereum, EIP-2929",
        ),
    ]
    .into_iter()
    .map(|(name, value, source)| Constant {
        name: name.into(),
        value,
        source: source.into(),
    })
    .collect()
}

fn notes(net: &BenchNet, node_cached: bool) -> Vec<String> {
    let mut notes = vec![
        "In-EVM gas: the GasProbe (`bench/solidity/probe/GasProbe.sol`) calls the target and reads `gasleft()` around the CALL, so a figure is what a calling contract pays — the target's account access (cold 2,600 / warm 100), the Stylus entry (init or cached-init gas), ink, host calls and nested calls — with the probe's bookkeeping calibrated away in the same transaction. Cold: the first call in the transaction; warm: the same call repeated in it. The probe is validated against a known target (`PUSH0 SLOAD POP STOP`: 4,704 cold, 204 warm) in the harness's tests.".to_owned(),
        "Transaction gas: the receipt of a transaction sending the same calldata straight to the target from the bench account (intrinsic 21,000 + calldata included, target warm). Where only a role the probe holds may call (`pause`: the registry's guardian and the SolidityGate's owner), the embedded devnet runs that transaction from the probe as an `eth_call` (marked simulated).".to_owned(),
        "Both gates: market ETH-USD, an 8-decimal mock feed at 2,000, 1 h heartbeat, 2 % base band, sequencer feed up for two days, one-hour grace; action SETTLE (needs a price and is sequencer-sensitive, so every check runs). The Stylus gate is the PauseRegistry calling the OracleSanityChecker, which reads the feed and the sequencer feed (one more contract hop than the SolidityGate).".to_owned(),
        "Multisigs: the same five test owners, threshold 3, real EIP-712 / Safe signatures from the three lowest owners, one call with no value and no data to an empty account. Timelocks: one-hour minimum delay, the same operation (`latestRoundData()` on the feed), executed after moving the clock past the delay; execution is open on both.".to_owned(),
    ];
    if net.devnet().is_some() {
        notes.push("Stylus paths are measured twice on the same state: uncached inside a devnet snapshot that is then reverted, and cached (Nitro's cached-init cost, as after an ArbWasmCache bid). Goals judge the cached figures; uncached ones are reported beside them.".into());
        notes.push("Access-gas floor: from the devnet's journal of the same call run as a transaction (`Devnet::call_with_stats`), EVM frames and Stylus host calls alike: every account and slot it loaded, the target added back as cold; sender, coinbase and system addresses below 0x10000 (precompiles, ArbWasm's activation records read at program entry) left out; writes priced 20,000 (zero to non-zero) or 2,900 (other changes), refunds not deducted. No implementation touching the same accounts and slots can cost less.".into());
        notes.push("Profiles: the devnet's Stylus meter (`StylusStats`) for the cold call — programs entered, entry gas, memory gas, instruction ink and host-call ink per `vm_hooks` function (host-call ink includes the EVM gas a call bought, e.g. a nested call's whole cost for `call_contract`/`static_call_contract`).".into());
    } else {
        notes.push("On this node host-call profiles and the access floor are not available (they come from the embedded devnet's meter); gas comes from the node's own execution of the probe and from receipts.".into());
        notes.push(if node_cached {
            "The Stylus programs were cached through ArbWasmCache (`cacheProgram`, allowed to the chain owner) before measuring: the figures are cached ones; uncached figures come from the embedded devnet run.".into()
        } else {
            "The node refused to cache the programs through ArbWasmCache (the bench account is neither chain owner nor cache manager): Stylus figures are labelled `node` — the node's cache state, usually uncached — and judged against the cached goals as they are.".into()
        });
    }
    notes
}
