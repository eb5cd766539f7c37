//! [`AccessCounts`] and [`TransactionStats`]: what a transaction touched, for gas benchmarks.
//!
//! The counts come from the transaction's journal (revm's final state), so EVM frames and Stylus
//! host calls are counted the same way: every account and storage slot a transaction loads is
//! loaded once, and its first load is the cold one (EIP-2929). Not counted, because they are warm
//! from the start or are the chain's own bookkeeping: the sender, the recipient, the block's
//! coinbase, accounts created by the transaction, and system addresses below `0x10000`
//! (Ethereum precompiles and ArbOS precompiles such as ArbWasm, whose activation records the
//! Stylus engine reads at every program entry as part of the entry cost).

use alloy_primitives::{Address, U256};
use revm::state::EvmState;
use stylus_evm::StylusStats;

/// EIP-2929 cold account access.
pub const COLD_ACCOUNT_ACCESS_GAS: u64 = 2_600;
/// EIP-2929 cold storage read.
pub const COLD_SLOAD_GAS: u64 = 2_100;
/// SSTORE of a zero slot to a non-zero value (on top of the cold read).
pub const SSTORE_SET_GAS: u64 = 20_000;
/// SSTORE of a non-zero slot to another value (on top of the cold read).
pub const SSTORE_RESET_GAS: u64 = 2_900;

/// Accounts and slots a transaction touched, from its journal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AccessCounts {
    /// Accounts loaded cold (see the module docs for what is left out).
    pub cold_accounts: u64,
    /// Storage slots loaded cold.
    pub cold_slots: u64,
    /// Slots changed from zero to non-zero.
    pub slots_set: u64,
    /// Slots changed from one non-zero value to another value (including zero).
    pub slots_reset: u64,
}

impl AccessCounts {
    /// Counts what `state` (a transaction's journal) loaded and changed, leaving out the accounts
    /// that are warm when the transaction starts (`warm`: sender, recipient, coinbase).
    pub fn from_state(state: &EvmState, warm: &[Address]) -> Self {
        let mut counts = Self::default();
        for (address, account) in state {
            if is_system_address(*address) {
                continue;
            }
            if !warm.contains(address) && !account.is_created() {
                counts.cold_accounts += 1;
            }
            for slot in account.storage.values() {
                counts.cold_slots += 1;
                if slot.is_changed() {
                    if slot.original_value.is_zero() {
                        counts.slots_set += 1;
                    } else {
                        counts.slots_reset += 1;
                    }
                }
            }
        }
        counts
    }

    /// The access-gas floor: cold accounts × 2,600 + cold slots × 2,100 + 20,000 per slot set
    /// and 2,900 per slot reset (refunds not deducted). No execution of these accesses can cost
    /// less.
    pub fn floor_gas(&self) -> u64 {
        self.cold_accounts * COLD_ACCOUNT_ACCESS_GAS
            + self.cold_slots * COLD_SLOAD_GAS
            + self.slots_set * SSTORE_SET_GAS
            + self.slots_reset * SSTORE_RESET_GAS
    }

    /// Storage writes (slots set plus slots reset).
    pub fn slots_written(&self) -> u64 {
        self.slots_set + self.slots_reset
    }
}

/// Ethereum and ArbOS precompiles live below `0x10000`.
fn is_system_address(address: Address) -> bool {
    U256::from_be_slice(address.as_slice()) < U256::from(0x1_0000u64)
}

/// What one transaction (or call) spent: the Stylus meter's profile and the journal's access
/// counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TransactionStats {
    /// Gas the transaction used (intrinsic gas included).
    pub gas_used: u64,
    /// Ink, host calls, entry and memory gas of the Stylus frames.
    pub stylus: StylusStats,
    /// Accounts and slots loaded and written, all frames.
    pub access: AccessCounts,
}

#[cfg(test)]
mod tests {
    use super::*;
    use revm::state::{Account, EvmStorageSlot, TransactionId};

    fn account_with_slots(slots: &[(u64, u64, u64)]) -> Account {
        let mut account = Account::default();
        for &(key, original, present) in slots {
            account.storage.insert(
                U256::from(key),
                EvmStorageSlot::new_changed(
                    U256::from(original),
                    U256::from(present),
                    TransactionId::ZERO,
                ),
            );
        }
        account
    }

    #[test]
    fn warm_and_system_accounts_are_not_counted_cold() {
        let sender = Address::repeat_byte(0x11);
        let other = Address::repeat_byte(0x22);
        let arb_wasm = Address::with_last_byte(0x71);
        let mut state = EvmState::default();
        state.insert(sender, Account::default());
        state.insert(other, Account::default());
        state.insert(arb_wasm, account_with_slots(&[(1, 5, 5)]));
        let counts = AccessCounts::from_state(&state, &[sender]);
        assert_eq!(counts.cold_accounts, 1);
        assert_eq!(counts.cold_slots, 0);
    }

    #[test]
    fn slots_are_counted_cold_once_and_writes_by_kind() {
        let target = Address::repeat_byte(0x33);
        let mut state = EvmState::default();
        // Read only; zero to non-zero; non-zero to another value.
        state.insert(
            target,
            account_with_slots(&[(1, 7, 7), (2, 0, 9), (3, 4, 0)]),
        );
        let counts = AccessCounts::from_state(&state, &[]);
        assert_eq!(
            counts,
            AccessCounts {
                cold_accounts: 1,
                cold_slots: 3,
                slots_set: 1,
                slots_reset: 1,
            }
        );
        assert_eq!(counts.slots_written(), 2);
        assert_eq!(counts.floor_gas(), 2_600 + 3 * 2_100 + 20_000 + 2_900);
    }
}
