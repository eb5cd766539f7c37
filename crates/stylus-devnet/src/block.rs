//! [`MinedBlock`]: a block of the devnet's chain.

use alloy_consensus::Header;
use alloy_primitives::B256;

/// A mined block: its header, its hash (keccak256 of the RLP header) and its transactions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinedBlock {
    /// The header.
    pub header: Header,
    /// The block hash.
    pub hash: B256,
    /// Hashes of the block's transactions (zero or one: the devnet mines one per block).
    pub transactions: Vec<B256>,
}

impl MinedBlock {
    /// Seals `header`: computes its hash.
    pub fn seal(header: Header, transactions: Vec<B256>) -> Self {
        let hash = header.hash_slow();
        Self {
            header,
            hash,
            transactions,
        }
    }
}
