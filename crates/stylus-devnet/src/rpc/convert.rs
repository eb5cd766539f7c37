//! Conversions of the chain's blocks and transactions to alloy's JSON-RPC types, so the shapes are
//! exactly what alloy (cargo-stylus) and foundry deserialize.

use crate::{
    block::MinedBlock,
    chain::{Chain, MinedTransaction},
};
use alloy_consensus::transaction::Recovered;
use alloy_primitives::U256;
use alloy_rlp::Encodable;
use alloy_rpc_types_eth::{Block, BlockTransactions, Header, Transaction};

/// A mined transaction in the JSON-RPC shape.
pub(crate) fn rpc_transaction(mined: &MinedTransaction) -> Transaction {
    Transaction {
        inner: Recovered::new_unchecked(mined.envelope.clone(), mined.from),
        block_hash: Some(mined.receipt.block_hash),
        block_number: Some(mined.receipt.block_number),
        transaction_index: Some(0),
        effective_gas_price: Some(mined.receipt.effective_gas_price),
    }
}

/// A block in the JSON-RPC shape, with full transactions or only their hashes.
pub(crate) fn rpc_block(chain: &Chain, block: &MinedBlock, full: bool) -> Block {
    let transactions = if full {
        BlockTransactions::Full(
            block
                .transactions
                .iter()
                .filter_map(|hash| chain.transaction(*hash))
                .map(rpc_transaction)
                .collect(),
        )
    } else {
        BlockTransactions::Hashes(block.transactions.clone())
    };
    let header = Header {
        hash: block.hash,
        inner: block.header.clone(),
        total_difficulty: Some(U256::from(block.header.number + 1)),
        size: Some(U256::from(block.header.length())),
    };
    Block {
        header,
        uncles: Vec::new(),
        transactions,
        withdrawals: None,
    }
}
