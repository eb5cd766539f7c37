//! [`DevnetError`]: every way a devnet operation can fail.

use alloy_primitives::{Address, Bytes, U256};
use stylus_evm::EngineError;

/// Why a devnet operation failed. The devnet never panics on bad input: every refusal is one of
/// these, and the JSON-RPC server maps each to a JSON-RPC error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DevnetError {
    /// The call or transaction reverted; `output` holds the raw revert bytes.
    #[error("execution reverted{}", reason.as_ref().map(|reason| format!(": {reason}")).unwrap_or_default())]
    Reverted {
        /// Raw revert data (an ABI-encoded custom error, `Error(string)`, or empty).
        output: Bytes,
        /// The decoded `Error(string)` / `Panic(uint256)` message, if the data is one.
        reason: Option<String>,
    },
    /// The call or transaction halted (out of gas, invalid opcode, stack overflow, …).
    #[error("execution halted: {reason}")]
    Halted {
        /// revm's halt reason.
        reason: String,
    },
    /// The signed transaction bytes could not be decoded.
    #[error("could not decode transaction: {0}")]
    TransactionDecoding(String),
    /// The transaction's signature does not recover to an address.
    #[error("invalid transaction signature: {0}")]
    InvalidSignature(String),
    /// The transaction is signed for another chain.
    #[error(
        "invalid chain id: the devnet's chain id is {expected}, the transaction's is {actual}"
    )]
    WrongChainId {
        /// The devnet's chain id.
        expected: u64,
        /// The transaction's chain id.
        actual: u64,
    },
    /// The transaction's nonce was already used.
    #[error(
        "nonce too low: the next nonce of {address} is {expected}, the transaction has {actual}"
    )]
    NonceTooLow {
        /// Sender.
        address: Address,
        /// The account's current nonce.
        expected: u64,
        /// The transaction's nonce.
        actual: u64,
    },
    /// The transaction's nonce leaves a gap (the devnet has no transaction pool to queue it in).
    #[error(
        "nonce too high: the next nonce of {address} is {expected}, the transaction has {actual} \
         (nonce gap; the devnet mines immediately and does not queue transactions)"
    )]
    NonceTooHigh {
        /// Sender.
        address: Address,
        /// The account's current nonce.
        expected: u64,
        /// The transaction's nonce.
        actual: u64,
    },
    /// The sender cannot pay `gas_limit · max_fee + value`.
    #[error("insufficient funds for gas * price + value: {address} has {balance} wei, the transaction needs {cost} wei")]
    InsufficientFunds {
        /// Sender.
        address: Address,
        /// The sender's balance.
        balance: U256,
        /// `gas_limit · max_fee_per_gas + value`.
        cost: U256,
    },
    /// The transaction's fee cap is below the block's base fee.
    #[error("max fee per gas ({max_fee} wei) is less than the block base fee ({base_fee} wei)")]
    FeeCapTooLow {
        /// The transaction's `maxFeePerGas` (or `gasPrice`).
        max_fee: u128,
        /// The next block's base fee.
        base_fee: u64,
    },
    /// The transaction's gas limit is above the block gas limit.
    #[error("gas limit {gas_limit} exceeds the block gas limit {block_gas_limit}")]
    GasLimitTooHigh {
        /// The transaction's gas limit.
        gas_limit: u64,
        /// The block gas limit.
        block_gas_limit: u64,
    },
    /// The transaction type is not supported by the devnet (EIP-4844 blobs, EIP-7702).
    #[error("transaction type {0} is not supported by the devnet (supported: legacy, EIP-2930, EIP-1559)")]
    UnsupportedTransactionType(u8),
    /// revm refused the transaction (intrinsic gas too low, …).
    #[error("invalid transaction: {0}")]
    InvalidTransaction(String),
    /// `eth_sendTransaction` from an account whose key the devnet does not hold.
    #[error("unknown account {0}: eth_sendTransaction only signs for the devnet's dev accounts")]
    UnknownAccount(Address),
    /// No block with that number or hash.
    #[error("unknown block {0}")]
    UnknownBlock(String),
    /// State was asked for at a block other than the latest one.
    #[error("state of block {requested} is not available: the devnet keeps only the latest state (block {latest})")]
    HistoricalState {
        /// The block asked for.
        requested: u64,
        /// The latest block.
        latest: u64,
    },
    /// A timestamp earlier than the latest block's.
    #[error("timestamp {requested} is before the latest block's timestamp {latest}")]
    TimestampInPast {
        /// The timestamp asked for.
        requested: u64,
        /// The latest block's timestamp.
        latest: u64,
    },
    /// A contract creation succeeded without producing an address (cannot happen in revm).
    #[error("contract creation did not return an address")]
    MissingContractAddress,
    /// The ArbWasm precompile answered something that is not what Nitro answers.
    #[error("unexpected ArbWasm answer: {0}")]
    UnexpectedPrecompileOutput(String),
    /// The genesis state could not be built.
    #[error("genesis failed: {0}")]
    Genesis(String),
    /// The execution engine failed (database or internal error).
    #[error("engine error: {0}")]
    Engine(String),
}

impl From<EngineError> for DevnetError {
    fn from(error: EngineError) -> Self {
        match error {
            EngineError::Transaction(invalid) => Self::InvalidTransaction(invalid.to_string()),
            other => Self::Engine(other.to_string()),
        }
    }
}
