//! [`GasProbe`]: the in-EVM gas meter both sides are measured with.
//!
//! `bench/solidity/probe/GasProbe.sol` (compiled with the pinned solc-js into
//! `bench/artifacts/GasProbe.json`) calls a target with each payload in one transaction and
//! reads `gasleft()` around each `CALL`, so a figure is what a calling contract pays: the call's
//! account access (cold 2,600 on the first call to the target in the transaction, warm 100
//! after) plus everything the callee spends — Stylus entry, ink, host calls, nested calls — with
//! the probe's own bookkeeping calibrated away in the same transaction. The first payload is
//! therefore "cold" and repeats are "warm". It runs as an `eth_call`, so it works on any node.

use alloy::{
    primitives::{Address, Bytes, U256},
    sol,
    sol_types::{SolCall, SolError},
};
use guard_suite::solidity::{ArtifactSet, SolidityArtifact};

use crate::{error::BenchError, net::BenchNet};

sol! {
    /// `bench/solidity/probe/GasProbe.sol`.
    interface GasProbe {
        function measure(address target, bytes[] payloads)
            external returns (uint256[] gasUsed, bytes lastResult);
        error ProbedCallFailed(uint256 index, bytes reason);
    }
}

/// What one probe run measured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeReading {
    /// Gas of each call, in order (the first cold, repeats warm).
    pub gas: Vec<u64>,
    /// What the last call returned.
    pub last_result: Bytes,
}

/// A deployed GasProbe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Probe {
    /// Its address (the `msg.sender` every measured call sees).
    pub address: Address,
}

impl Probe {
    /// Deploys the committed GasProbe artifact.
    ///
    /// # Errors
    /// When the artifact is missing or the deployment fails.
    pub async fn deploy(net: &BenchNet) -> Result<Self, BenchError> {
        let artifact = SolidityArtifact::from_set(ArtifactSet::Bench, "GasProbe")?;
        let address = artifact
            .deploy_at(net.provider(), &[])
            .await
            .map_err(BenchError::deploy("deploying the GasProbe"))?;
        Ok(Self { address })
    }

    /// Calls `target` with each of `payloads` in one `eth_call` and returns the gas of each call.
    ///
    /// # Errors
    /// [`BenchError::Unexpected`] naming the failed call and its revert data, or the node's error.
    pub async fn measure(
        &self,
        net: &BenchNet,
        target: Address,
        payloads: &[Bytes],
        step: &str,
    ) -> Result<ProbeReading, BenchError> {
        let call = GasProbe::measureCall {
            target,
            payloads: payloads.to_vec(),
        };
        let output = match net.call(self.address, call.abi_encode(), step).await {
            Ok(output) => output,
            Err(BenchError::Rpc { source, .. }) => {
                let detail = source
                    .as_error_resp()
                    .and_then(alloy::rpc::json_rpc::ErrorPayload::as_revert_data)
                    .and_then(|data| GasProbe::ProbedCallFailed::abi_decode(&data).ok())
                    .map_or_else(
                        || source.to_string(),
                        |failed| format!("call {} reverted with {}", failed.index, failed.reason),
                    );
                return Err(BenchError::unexpected(step, detail));
            }
            Err(other) => return Err(other),
        };
        let returns = GasProbe::measureCall::abi_decode_returns(&output)
            .map_err(|e| BenchError::unexpected(step, format!("probe output: {e}")))?;
        let gas = returns
            .gasUsed
            .iter()
            .map(|used| u64::try_from(*used).unwrap_or(u64::MAX))
            .collect();
        Ok(ProbeReading {
            gas,
            last_result: returns.lastResult,
        })
    }
}

/// A word of the ABI encoding as `U256` (for checks on return data).
pub fn word(data: &[u8], index: usize) -> Option<U256> {
    data.get(index * 32..(index + 1) * 32)
        .map(U256::from_be_slice)
}
