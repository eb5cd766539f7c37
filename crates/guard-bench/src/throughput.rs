//! Throughput of the chain itself: gate checks per second through the devnet's Rust API and
//! through JSON-RPC.

use std::time::{Duration, Instant};

use alloy::primitives::{Address, Bytes};

use crate::{error::BenchError, net::BenchNet, probe::word, report::Throughput};

fn result(via: &str, checks: u64, elapsed: Duration) -> Throughput {
    let seconds = elapsed.as_secs_f64();
    #[allow(clippy::cast_precision_loss)] // counts are far below 2^52
    let per_second = if seconds > 0.0 {
        checks as f64 / seconds
    } else {
        0.0
    };
    Throughput {
        via: via.to_owned(),
        checks,
        seconds,
        per_second,
        build: if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
        .to_owned(),
    }
}

fn require_ok(output: &[u8], step: &str) -> Result<(), BenchError> {
    match word(output, 0) {
        Some(status) if status.is_zero() => Ok(()),
        other => Err(BenchError::unexpected(
            step,
            format!("status {other:?}, not OK"),
        )),
    }
}

/// Calls `checkSettlement` (`check`, calldata) on `gate` for about `budget` each way: through
/// the embedded devnet's Rust API (when embedded) and through RPC `eth_call`. Every answer
/// must be OK.
///
/// # Errors
/// A failed or non-OK check.
pub async fn measure(
    net: &BenchNet,
    gate: Address,
    check: &Bytes,
    budget: Duration,
) -> Result<Vec<Throughput>, BenchError> {
    let mut results = Vec::new();
    if let Some(devnet) = net.devnet() {
        let step = "gate checks through the Rust API";
        let started = Instant::now();
        let mut checks = 0u64;
        while started.elapsed() < budget {
            let output = devnet
                .call(net.account(), gate, check.clone())
                .map_err(BenchError::devnet(step))?;
            require_ok(&output, step)?;
            checks += 1;
        }
        results.push(result("rust-api", checks, started.elapsed()));
    }
    let step = "gate checks through RPC";
    let started = Instant::now();
    let mut checks = 0u64;
    while started.elapsed() < budget {
        let output = net.call(gate, check.clone(), step).await?;
        require_ok(&output, step)?;
        checks += 1;
    }
    results.push(result("rpc", checks, started.elapsed()));
    Ok(results)
}
