//! Events of the GuardianMultisig: one past-tense event for every change.
//!
//! The events are declared with `sol!` (names, topics, the exported ABI);
//! [`emit`] logs them with [`guard_abi::encoding::Writer`]
//! (checked against alloy's encoding in the tests).
#![allow(missing_docs)] // `sol!` generates the items; each event is documented below.

use alloy_sol_types::{sol, SolEvent};
use stylus_sdk::stylus_core::RawLogAccess;

use guard_abi::encoding::Writer;
pub use guard_abi::log::emit;
use guard_abi::log::Event;

sol! {
    #![sol(all_derives)]

    /// `owner` joined the owner set.
    event OwnerAdded(address indexed owner);
    /// `owner` left the owner set.
    event OwnerRemoved(address indexed owner);
    /// The threshold (signatures or confirmations for any call) changed.
    event ThresholdChanged(uint8 threshold);
    /// The emergency threshold (for allowlisted risk-reducing calls) changed.
    event EmergencyThresholdChanged(uint8 emergencyThreshold);
    /// `(target, selector)` was added to (`allowed`) or removed from the
    /// emergency allowlist.
    event EmergencyCallChanged(address indexed target, bytes4 indexed selector, bool allowed);
    /// The lifetime of proposals created from now on changed (seconds).
    event ProposalLifetimeChanged(uint64 lifetime);
    /// Owner `proposer` proposed the call `(target, value, data)`; it can
    /// run until `expiresAt` (exclusive).
    event ProposalCreated(
        uint256 indexed proposalId,
        address indexed proposer,
        address indexed target,
        uint256 value,
        bytes data,
        uint64 expiresAt
    );
    /// `owner` confirmed the proposal.
    event ProposalConfirmed(uint256 indexed proposalId, address indexed owner);
    /// `owner` withdrew its confirmation of the proposal.
    event ConfirmationRevoked(uint256 indexed proposalId, address indexed owner);
    /// The proposal's call was executed successfully.
    event ProposalExecuted(uint256 indexed proposalId);
    /// The signed transaction `txHash` (nonce `nonce`) was executed
    /// successfully: a call to `target` with `value`.
    event TransactionExecuted(
        bytes32 indexed txHash,
        uint256 indexed nonce,
        address indexed target,
        uint256 value
    );
}

impl Event for OwnerAdded {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 2)
            .word(&Self::SIGNATURE_HASH)
            .address(&self.owner)
            .emit(host, 2);
    }
}

impl Event for OwnerRemoved {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 2)
            .word(&Self::SIGNATURE_HASH)
            .address(&self.owner)
            .emit(host, 2);
    }
}

impl Event for ThresholdChanged {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 2)
            .word(&Self::SIGNATURE_HASH)
            .uint(self.threshold.into())
            .emit(host, 1);
    }
}

impl Event for EmergencyThresholdChanged {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 2)
            .word(&Self::SIGNATURE_HASH)
            .uint(self.emergencyThreshold.into())
            .emit(host, 1);
    }
}

impl Event for EmergencyCallChanged {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 4)
            .word(&Self::SIGNATURE_HASH)
            .address(&self.target)
            .bytes4(&self.selector)
            .bool(self.allowed)
            .emit(host, 3);
    }
}

impl Event for ProposalLifetimeChanged {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 2)
            .word(&Self::SIGNATURE_HASH)
            .uint(self.lifetime)
            .emit(host, 1);
    }
}

impl Event for ProposalCreated {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 8)
            .word(&Self::SIGNATURE_HASH)
            .u256(&self.proposalId)
            .address(&self.proposer)
            .address(&self.target)
            .u256(&self.value)
            .tail_offset(3)
            .uint(self.expiresAt)
            .tail(&self.data)
            .emit(host, 4);
    }
}

impl Event for ProposalConfirmed {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 3)
            .word(&Self::SIGNATURE_HASH)
            .u256(&self.proposalId)
            .address(&self.owner)
            .emit(host, 3);
    }
}

impl Event for ConfirmationRevoked {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 3)
            .word(&Self::SIGNATURE_HASH)
            .u256(&self.proposalId)
            .address(&self.owner)
            .emit(host, 3);
    }
}

impl Event for ProposalExecuted {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 2)
            .word(&Self::SIGNATURE_HASH)
            .u256(&self.proposalId)
            .emit(host, 2);
    }
}

impl Event for TransactionExecuted {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 5)
            .word(&Self::SIGNATURE_HASH)
            .word(&self.txHash)
            .u256(&self.nonce)
            .address(&self.target)
            .u256(&self.value)
            .emit(host, 4);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::{Address, Bytes, FixedBytes, B256, U256};
    use stylus_sdk::testing::TestVM;

    fn check<E: SolEvent + Event + Clone>(event: E) {
        let vm = TestVM::default();
        let expected = event.encode_log_data();
        emit(&vm, event);
        let logs = vm.get_emitted_logs();
        assert_eq!(logs.len(), 1);
        assert_eq!(logs[0].0, expected.topics().to_vec());
        assert_eq!(logs[0].1, expected.data.to_vec());
    }

    #[test]
    fn every_event_is_logged_exactly_as_alloy_encodes_it() {
        let a = Address::repeat_byte(0xa1);
        let b = Address::repeat_byte(0xb2);
        let n = U256::from(0xfeed_u64);
        check(OwnerAdded { owner: a });
        check(OwnerRemoved { owner: a });
        check(ThresholdChanged { threshold: 0xfe });
        check(EmergencyThresholdChanged {
            emergencyThreshold: 3,
        });
        check(EmergencyCallChanged {
            target: a,
            selector: FixedBytes([1, 2, 3, 4]),
            allowed: true,
        });
        check(EmergencyCallChanged {
            target: b,
            selector: FixedBytes([0xff; 4]),
            allowed: false,
        });
        check(ProposalLifetimeChanged { lifetime: u64::MAX });
        for len in [0usize, 4, 32, 68, 100] {
            let data: Bytes = (0..len)
                .map(|i| u8::try_from(i % 251).unwrap())
                .collect::<Vec<u8>>()
                .into();
            check(ProposalCreated {
                proposalId: n,
                proposer: a,
                target: b,
                value: U256::MAX,
                data,
                expiresAt: u64::MAX - 1,
            });
        }
        check(ProposalConfirmed {
            proposalId: n,
            owner: a,
        });
        check(ConfirmationRevoked {
            proposalId: n,
            owner: b,
        });
        check(ProposalExecuted { proposalId: n });
        check(TransactionExecuted {
            txHash: B256::repeat_byte(9),
            nonce: n,
            target: a,
            value: n,
        });
    }
}
