//! [`Receipt`]: the outcome of a mined transaction.

use alloy_consensus::{Eip658Value, ReceiptEnvelope, ReceiptWithBloom, TxType};
use alloy_primitives::{Address, Bloom, Bytes, B256};
use alloy_rpc_types_eth::{Log, TransactionReceipt};

/// A mined transaction's receipt (one transaction per block, so `transaction_index` is 0 and
/// `cumulative_gas_used == gas_used`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// Transaction hash.
    pub transaction_hash: B256,
    /// Block hash.
    pub block_hash: B256,
    /// Block number.
    pub block_number: u64,
    /// Block timestamp.
    pub block_timestamp: u64,
    /// Sender.
    pub from: Address,
    /// Recipient (`None` for a creation).
    pub to: Option<Address>,
    /// Address of the created contract, for a successful creation.
    pub contract_address: Option<Address>,
    /// Whether the transaction succeeded (status 1).
    pub status: bool,
    /// Gas used by the transaction.
    pub gas_used: u64,
    /// Gas price paid.
    pub effective_gas_price: u128,
    /// EIP-2718 type.
    pub transaction_type: TxType,
    /// Logs, in emission order, with block positions.
    pub logs: Vec<Log>,
    /// Bloom filter of `logs`.
    pub logs_bloom: Bloom,
    /// Return data (a successful call), deployed code (a creation) or revert data; empty on a halt.
    /// Not part of Ethereum receipts: the Rust API's convenience.
    pub output: Bytes,
}

impl Receipt {
    /// The consensus receipt (what the receipts root commits to).
    pub fn consensus_envelope(&self) -> ReceiptEnvelope<Log> {
        let receipt = alloy_consensus::Receipt {
            status: Eip658Value::Eip658(self.status),
            cumulative_gas_used: self.gas_used,
            logs: self.logs.clone(),
        };
        let with_bloom = ReceiptWithBloom {
            receipt,
            logs_bloom: self.logs_bloom,
        };
        match self.transaction_type {
            TxType::Legacy => ReceiptEnvelope::Legacy(with_bloom),
            TxType::Eip2930 => ReceiptEnvelope::Eip2930(with_bloom),
            TxType::Eip4844 => ReceiptEnvelope::Eip4844(with_bloom),
            TxType::Eip7702 => ReceiptEnvelope::Eip7702(with_bloom),
            TxType::Eip1559 => ReceiptEnvelope::Eip1559(with_bloom),
        }
    }

    /// The receipt in the JSON-RPC shape alloy and cast read.
    pub fn to_rpc(&self) -> TransactionReceipt {
        TransactionReceipt {
            inner: self.consensus_envelope(),
            transaction_hash: self.transaction_hash,
            transaction_index: Some(0),
            block_hash: Some(self.block_hash),
            block_number: Some(self.block_number),
            gas_used: self.gas_used,
            effective_gas_price: self.effective_gas_price,
            blob_gas_used: None,
            blob_gas_price: None,
            from: self.from,
            to: self.to,
            contract_address: self.contract_address,
        }
    }
}
