//! [`BenchError`]: why a benchmark run stopped, naming the step.

use guard_suite::{ArtifactError, DeployError};

/// Why a benchmark run stopped.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    /// A contract artifact is missing or malformed.
    #[error(transparent)]
    Artifact(#[from] ArtifactError),
    /// Deploying or calling through the suite client failed.
    #[error("{step}: {source}")]
    Deploy {
        /// What was being done.
        step: String,
        /// The cause.
        source: DeployError,
    },
    /// The node refused or failed a request.
    #[error("{step}: {source}")]
    Rpc {
        /// What was being done.
        step: String,
        /// The cause.
        source: alloy::transports::TransportError,
    },
    /// The embedded devnet refused a request.
    #[error("{step}: {source}")]
    Devnet {
        /// What was being done.
        step: String,
        /// The cause.
        source: stylus_devnet::DevnetError,
    },
    /// A contract answered something the benchmark did not expect (it checks every answer, so
    /// that no figure comes from a failed or refused call).
    #[error("{step}: {detail}")]
    Unexpected {
        /// What was being done.
        step: String,
        /// What came back.
        detail: String,
    },
    /// The RPC URL or key is malformed, or the embedded devnet could not start.
    #[error("setup: {0}")]
    Setup(String),
}

impl BenchError {
    /// A [`BenchError::Unexpected`] for `step`.
    pub fn unexpected(step: impl Into<String>, detail: impl Into<String>) -> Self {
        Self::Unexpected {
            step: step.into(),
            detail: detail.into(),
        }
    }

    /// A closure wrapping a [`DeployError`] for `step`.
    pub fn deploy(step: impl Into<String>) -> impl FnOnce(DeployError) -> Self {
        let step = step.into();
        move |source| Self::Deploy { step, source }
    }

    /// A closure wrapping a transport error for `step`.
    pub fn rpc(step: impl Into<String>) -> impl FnOnce(alloy::transports::TransportError) -> Self {
        let step = step.into();
        move |source| Self::Rpc { step, source }
    }

    /// A closure wrapping a devnet error for `step`.
    pub fn devnet(step: impl Into<String>) -> impl FnOnce(stylus_devnet::DevnetError) -> Self {
        let step = step.into();
        move |source| Self::Devnet { step, source }
    }
}
