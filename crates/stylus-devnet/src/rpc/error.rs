//! [`RpcError`]: JSON-RPC error objects and the mapping from [`DevnetError`].

use crate::error::DevnetError;
use serde_json::{json, Value};

/// A JSON-RPC error object.
#[derive(Debug, Clone, PartialEq)]
pub struct RpcError {
    /// Error code.
    pub code: i64,
    /// Human-readable message.
    pub message: String,
    /// Extra data (for reverts: the raw revert bytes as a hex string).
    pub data: Option<Value>,
}

impl RpcError {
    /// Parse error: the body is not JSON (`-32700`).
    pub const PARSE_ERROR: i64 = -32_700;
    /// Invalid request: JSON, but not a JSON-RPC request (`-32600`).
    pub const INVALID_REQUEST: i64 = -32_600;
    /// Method not found (`-32601`).
    pub const METHOD_NOT_FOUND: i64 = -32_601;
    /// Invalid params (`-32602`).
    pub const INVALID_PARAMS: i64 = -32_602;
    /// Internal error (`-32603`).
    pub const INTERNAL_ERROR: i64 = -32_603;
    /// Server error: the transaction or call was refused (geth's `-32000`).
    pub const SERVER_ERROR: i64 = -32_000;
    /// Execution reverted (geth's and Nitro's `3`; `data` holds the revert bytes).
    pub const EXECUTION_REVERTED: i64 = 3;

    /// An error with `code` and `message` and no data.
    pub fn new(code: i64, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            data: None,
        }
    }

    /// `-32602` with `message`.
    pub fn invalid_params(message: impl Into<String>) -> Self {
        Self::new(Self::INVALID_PARAMS, message)
    }

    /// The JSON error object.
    pub fn to_json(&self) -> Value {
        match &self.data {
            Some(data) => json!({ "code": self.code, "message": self.message, "data": data }),
            None => json!({ "code": self.code, "message": self.message }),
        }
    }
}

impl From<DevnetError> for RpcError {
    fn from(error: DevnetError) -> Self {
        let message = error.to_string();
        match error {
            DevnetError::Reverted { output, .. } => Self {
                code: Self::EXECUTION_REVERTED,
                message,
                data: Some(Value::String(output.to_string())),
            },
            DevnetError::TransactionDecoding(_) => Self::new(Self::INVALID_PARAMS, message),
            DevnetError::Engine(_)
            | DevnetError::Genesis(_)
            | DevnetError::UnexpectedPrecompileOutput(_)
            | DevnetError::MissingContractAddress => Self::new(Self::INTERNAL_ERROR, message),
            DevnetError::Halted { .. }
            | DevnetError::InvalidSignature(_)
            | DevnetError::WrongChainId { .. }
            | DevnetError::NonceTooLow { .. }
            | DevnetError::NonceTooHigh { .. }
            | DevnetError::InsufficientFunds { .. }
            | DevnetError::FeeCapTooLow { .. }
            | DevnetError::GasLimitTooHigh { .. }
            | DevnetError::UnsupportedTransactionType(_)
            | DevnetError::InvalidTransaction(_)
            | DevnetError::UnknownAccount(_)
            | DevnetError::UnknownBlock(_)
            | DevnetError::HistoricalState { .. }
            | DevnetError::TimestampInPast { .. } => Self::new(Self::SERVER_ERROR, message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::Bytes;

    #[test]
    fn revert_maps_to_code_3_with_raw_data() {
        let error = RpcError::from(DevnetError::Reverted {
            output: Bytes::from_static(&[0x6f, 0x80, 0x9c, 0x4e]),
            reason: None,
        });
        assert_eq!(error.code, 3);
        assert!(error.message.contains("execution reverted"));
        assert_eq!(error.data, Some(Value::String("0x6f809c4e".into())));
    }
}
