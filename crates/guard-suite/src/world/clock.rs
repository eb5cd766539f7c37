//! The chain's clock: block timestamps, and the time controls of dev nodes.
//!
//! The guard measures every delay, expiry and grace period with
//! `block.timestamp`, so scenarios move time with the node's
//! `evm_increaseTime` + `evm_mine` (the project's devnet, anvil, hardhat).
//! A Nitro devnode has no time controls: [`Clock::detect`] finds out by
//! asking, and [`Clock::advance`] then refuses with
//! [`WorldError::NoTimeControls`] so callers can skip what needs it.

use alloy::{
    eips::BlockNumberOrTag,
    providers::{DynProvider, Provider},
};

use super::WorldError;

/// Reads and (where the node allows it) moves the chain's time.
#[derive(Clone, Debug)]
pub struct Clock {
    provider: DynProvider,
    controls: Option<String>,
}

impl Clock {
    /// Probes the node with `evm_increaseTime(0)`, which moves nothing.
    pub async fn detect(provider: DynProvider) -> Clock {
        let probe: Result<serde_json::Value, _> = provider
            .raw_request("evm_increaseTime".into(), (0u64,))
            .await;
        let controls = match probe {
            Ok(_) => None,
            Err(error) => Some(format!("the node has no evm_increaseTime ({error})")),
        };
        Clock { provider, controls }
    }

    /// Whether the node can move time.
    pub fn has_time_controls(&self) -> bool {
        self.controls.is_none()
    }

    /// Why the node cannot move time (`None` when it can).
    pub fn missing_controls_reason(&self) -> Option<&str> {
        self.controls.as_deref()
    }

    /// The latest block's number and timestamp.
    ///
    /// # Errors
    /// [`WorldError::Rpc`] when the node cannot be read.
    pub async fn latest(&self) -> Result<(u64, u64), WorldError> {
        let block = self
            .provider
            .get_block_by_number(BlockNumberOrTag::Latest)
            .await
            .map_err(|e| WorldError::Rpc {
                step: "reading the latest block".into(),
                detail: e.to_string(),
            })?
            .ok_or_else(|| WorldError::Rpc {
                step: "reading the latest block".into(),
                detail: "the node has no latest block".into(),
            })?;
        Ok((block.header.number, block.header.timestamp))
    }

    /// The latest block's timestamp: the time views (`eth_call` on
    /// `latest`) are evaluated at.
    ///
    /// # Errors
    /// [`WorldError::Rpc`] when the node cannot be read.
    pub async fn now(&self) -> Result<u64, WorldError> {
        self.latest().await.map(|(_, timestamp)| timestamp)
    }

    /// Moves the chain's time forward by `seconds` and mines a block, so the
    /// latest block (and every view) sees the new time.
    ///
    /// # Errors
    /// [`WorldError::NoTimeControls`] on a node without them (nothing is
    /// sent), [`WorldError::Rpc`] when the node refuses.
    pub async fn advance(&self, seconds: u64) -> Result<(), WorldError> {
        if let Some(reason) = &self.controls {
            return Err(WorldError::NoTimeControls(reason.clone()));
        }
        let rpc = |method: &'static str, detail: String| WorldError::Rpc {
            step: method.into(),
            detail,
        };
        let _: serde_json::Value = self
            .provider
            .raw_request("evm_increaseTime".into(), (seconds,))
            .await
            .map_err(|e| rpc("evm_increaseTime", e.to_string()))?;
        let _: serde_json::Value = self
            .provider
            .raw_request("evm_mine".into(), ())
            .await
            .map_err(|e| rpc("evm_mine", e.to_string()))?;
        Ok(())
    }
}
