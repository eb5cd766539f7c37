//! Measuring one path: the probe's in-EVM figures, the transaction's gas, and on the embedded
//! devnet the access floor and the Stylus profile of the same call.

use alloy::primitives::{Address, Bytes, U256};
use stylus_devnet::TransactionStats;

use crate::{
    error::BenchError,
    fixture::Fixture,
    net::BenchNet,
    probe::word,
    report::{Floor, HostCall, Measurement, Profile},
};

/// Which side a system is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// A Stylus contract of the suite.
    Stylus,
    /// A Solidity baseline.
    Solidity,
}

/// Who may make the call directly, which decides where the transaction gas comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    /// Anyone, or a role the bench account holds: the transaction is mined and its receipt read.
    Account,
    /// Only the probe (it holds the guardian / owner role): the transaction from the probe is
    /// simulated by the embedded devnet (contracts cannot sign), and not measured elsewhere.
    Probe,
}

/// What a measured call must answer, so that no figure comes from a refused call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// `(uint8 status, …)` with status 0 (OK).
    StatusOk,
    /// `(uint256 price, …)` with this price.
    Price(U256),
    /// Anything (the call not reverting is the check).
    Success,
}

impl Expect {
    fn check(self, output: &[u8]) -> Result<String, String> {
        match self {
            Expect::StatusOk => match word(output, 0) {
                Some(status) if status.is_zero() => Ok("status 0 (OK)".into()),
                other => Err(format!("gate answered status {other:?}, not OK")),
            },
            Expect::Price(expected) => match word(output, 0) {
                Some(price) if price == expected => Ok(format!("price {price}")),
                other => Err(format!(
                    "gate answered price {other:?}, expected {expected}"
                )),
            },
            Expect::Success => Ok("success".into()),
        }
    }
}

/// One call to measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathCall {
    /// The path, shared by both sides.
    pub path: &'static str,
    /// The system measured.
    pub system: &'static str,
    /// Its side.
    pub side: Side,
    /// The contract called.
    pub target: Address,
    /// The calldata.
    pub payload: Bytes,
    /// Whether to repeat the call in the probe for a warm figure (views and idempotent writes).
    pub warm: bool,
    /// Who may make it directly.
    pub caller: Caller,
    /// What it must answer.
    pub expect: Expect,
}

/// Measures `call` once per variant: on the embedded devnet a Stylus path is measured
/// uncached (in a snapshot that is then reverted, so both variants see the same state) and
/// then cached (kept); elsewhere once, labelled `node_variant` (`"cached"` when the bench
/// cached the programs through ArbWasmCache, else `"node"`).
///
/// # Errors
/// The first probe, transaction or check that fails.
pub async fn measure(
    net: &BenchNet,
    fixture: &Fixture,
    call: &PathCall,
    node_variant: &str,
) -> Result<Vec<Measurement>, BenchError> {
    if call.side == Side::Solidity {
        return Ok(vec![measure_once(net, fixture, call, "evm").await?]);
    }
    let codehashes = fixture.stylus_codehashes();
    let Some(devnet) = net.devnet() else {
        return Ok(vec![measure_once(net, fixture, call, node_variant).await?]);
    };
    let snapshot = devnet.snapshot();
    net.set_cached(&codehashes, false);
    let uncached = measure_once(net, fixture, call, "uncached").await;
    devnet.revert(snapshot);
    net.set_cached(&codehashes, true);
    let uncached = uncached?;
    let cached = measure_once(net, fixture, call, "cached").await?;
    Ok(vec![uncached, cached])
}

async fn measure_once(
    net: &BenchNet,
    fixture: &Fixture,
    call: &PathCall,
    variant: &str,
) -> Result<Measurement, BenchError> {
    let step = format!("{} on {} ({variant})", call.path, call.system);
    let payloads = if call.warm {
        vec![call.payload.clone(), call.payload.clone()]
    } else {
        vec![call.payload.clone()]
    };
    let reading = fixture
        .probe
        .measure(net, call.target, &payloads, &step)
        .await?;
    let answer = call
        .expect
        .check(&reading.last_result)
        .map_err(|detail| BenchError::unexpected(&step, detail))?;
    let cold_gas = reading.gas[0];
    let warm_gas = reading.gas.get(1).copied();

    let caller = match call.caller {
        Caller::Account => net.account(),
        Caller::Probe => fixture.probe.address,
    };
    let stats = net
        .devnet()
        .map(|devnet| devnet.call_with_stats(caller, call.target, call.payload.clone()))
        .transpose()
        .map_err(BenchError::devnet(format!("profiling {step}")))?
        .map(|(_, stats)| stats);
    let (tx_gas, tx_gas_source) = match (call.caller, &stats) {
        (Caller::Account, _) => {
            let receipt = net.send(call.target, call.payload.clone(), &step).await?;
            (Some(receipt.gas_used), Some("mined".to_owned()))
        }
        (Caller::Probe, Some(stats)) => (Some(stats.gas_used), Some("simulated".to_owned())),
        (Caller::Probe, None) => (None, None),
    };
    Ok(Measurement {
        path: call.path.to_owned(),
        system: call.system.to_owned(),
        side: match call.side {
            Side::Stylus => "stylus",
            Side::Solidity => "solidity",
        }
        .to_owned(),
        variant: variant.to_owned(),
        cold_gas,
        warm_gas,
        tx_gas,
        tx_gas_source,
        answer,
        floor: stats.as_ref().map(|s| floor(s, cold_gas)),
        profile: stats
            .as_ref()
            .filter(|s| s.stylus.invocations > 0)
            .map(profile),
    })
}

/// The floor of the call as the probe sees it: the devnet ran it as a transaction, where the
/// target is warm, so the target's cold access is added back.
pub fn floor(stats: &TransactionStats, cold_gas: u64) -> Floor {
    let mut access = stats.access;
    access.cold_accounts += 1;
    let gas = access.floor_gas();
    Floor {
        cold_accounts: access.cold_accounts,
        cold_slots: access.cold_slots,
        slots_set: access.slots_set,
        slots_reset: access.slots_reset,
        gas,
        share_of_cold: crate::report::ratio(gas, cold_gas),
    }
}

/// The Stylus meter's profile, host calls costliest first.
pub fn profile(stats: &TransactionStats) -> Profile {
    let mut host_calls: Vec<HostCall> = stats
        .stylus
        .hostios
        .iter()
        .map(|(name, stat)| HostCall {
            name: (*name).to_owned(),
            count: stat.count,
            ink: stat.ink,
        })
        .collect();
    host_calls.sort_by(|a, b| b.ink.cmp(&a.ink).then_with(|| a.name.cmp(&b.name)));
    Profile {
        invocations: stats.stylus.invocations,
        entry_gas: stats.stylus.entry_gas,
        memory_gas: stats.stylus.memory_gas,
        opcode_ink: stats.stylus.opcode_ink,
        hostio_ink: stats.stylus.hostio_ink(),
        ink_price: stylus_evm::costs::INK_PRICE,
        host_calls,
    }
}
