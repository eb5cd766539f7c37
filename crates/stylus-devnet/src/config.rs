//! [`DevnetConfig`]: the chain parameters, with Nitro devnode values as defaults.

use crate::accounts::DEV_ACCOUNT_BALANCE;
use alloy_primitives::U256;

/// Chain id of Nitro's devnode, which cargo-stylus and the project's scripts expect.
pub const NITRO_DEVNODE_CHAIN_ID: u64 = 412_346;

/// Nitro's minimum L2 base fee (0.1 gwei), which an idle devnode keeps.
pub const NITRO_MIN_BASE_FEE: u64 = 100_000_000;

/// Gas limit Nitro puts in every block header (2^50); Nitro's real limits are per transaction.
pub const NITRO_BLOCK_GAS_LIMIT: u64 = 1 << 50;

/// Gas given to `eth_call` / `eth_estimateGas` when the request names none (and their upper
/// bound): large, because activation is expensive on Nitro.
pub const DEFAULT_CALL_GAS_CAP: u64 = 500_000_000;

/// Parameters of a devnet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DevnetConfig {
    /// Chain id (default: Nitro devnode's 412346).
    pub chain_id: u64,
    /// Base fee of every block in wei (default: 0.1 gwei, Nitro's minimum).
    pub base_fee: u64,
    /// Block gas limit (default: Nitro's header value, 2^50).
    pub block_gas_limit: u64,
    /// Gas cap of calls and estimates.
    pub call_gas_cap: u64,
    /// Number of funded dev accounts (the Nitro devnode account is always the first).
    pub dev_account_count: usize,
    /// Starting balance of each dev account.
    pub dev_account_balance: U256,
}

impl Default for DevnetConfig {
    fn default() -> Self {
        Self {
            chain_id: NITRO_DEVNODE_CHAIN_ID,
            base_fee: NITRO_MIN_BASE_FEE,
            block_gas_limit: NITRO_BLOCK_GAS_LIMIT,
            call_gas_cap: DEFAULT_CALL_GAS_CAP,
            dev_account_count: 10,
            dev_account_balance: DEV_ACCOUNT_BALANCE,
        }
    }
}
