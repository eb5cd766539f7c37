//! Custom errors of the GuardianMultisig: one named error per refusal.
//!
//! Every refusal is one of these and no state changes when one is returned
//! (a refusal found after the nonce or a proposal was marked used —
//! [`CallReverted`] — reverts the whole transaction, which undoes it).
//!
//! The errors are declared with `sol!` (names, selectors, the exported
//! ABI); [`MultisigError`] encodes them with
//! [`guard_abi::encoding::Writer`] (checked against alloy's encoding in the
//! tests).
#![allow(missing_docs)] // `sol!` generates the items; each error is documented below.

use alloc::vec::Vec;

use alloy_sol_types::{sol, SolError};

use guard_abi::encoding::Writer;

sol! {
    #![sol(all_derives)]

    /// Only the multisig itself may call this function: a call it executes
    /// to itself, authorized at the full threshold.
    error UnauthorizedAccount(address account);
    /// Only an owner may propose, confirm or revoke.
    error NotOwner(address account);
    /// An owner may not be the zero address or the multisig itself.
    error InvalidOwner(address owner);
    /// `owner` is already an owner (or is listed twice).
    error DuplicateOwner(address owner);
    /// `owner` is not an owner.
    error OwnerNotFound(address owner);
    /// The owner set would have `count` owners; it must have 1 to 20.
    error InvalidOwnerCount(uint256 count);
    /// The threshold must be at least 1 and at most the number of owners.
    error InvalidThreshold(uint256 threshold, uint256 owners);
    /// The emergency threshold must be at least 1 and at most the threshold.
    error InvalidEmergencyThreshold(uint256 emergencyThreshold, uint256 threshold);
    /// The emergency lane cannot hold calls to the multisig itself (its
    /// configuration always needs the full threshold).
    error InvalidEmergencyTarget(address target);
    /// A proposal lifetime outside `[minLifetime, maxLifetime]` seconds.
    error InvalidProposalLifetime(uint256 lifetime, uint256 minLifetime, uint256 maxLifetime);

    /// `signatures` is not a whole number of 65-byte `(r, s, v)` signatures.
    error InvalidSignaturesLength(uint256 length);
    /// Signature `index` has a `v` other than 27 or 28.
    error InvalidSignatureV(uint256 index, uint8 v);
    /// Signature `index` has a high `s` (above secp256k1n / 2): malleable.
    error InvalidSignatureS(uint256 index, bytes32 s);
    /// No signer could be recovered from signature `index` (`r` or `s`
    /// zero or out of range, or no point on the curve).
    error InvalidSignature(uint256 index);
    /// The signer recovered from signature `index` over `txHash` is not an
    /// owner. `txHash` binds this multisig, this chain id and the *current*
    /// nonce: a signature made for an already used nonce (a replay), for
    /// another chain or another multisig, or over other call parameters
    /// recovers to an unrelated address and fails here.
    error SignerNotOwner(uint256 index, address signer, bytes32 txHash);
    /// Signature `index` is by an owner not above the previous signer:
    /// signatures must be sorted by strictly ascending signer address, so a
    /// duplicate signer (`signer == previous`) or an unsorted one
    /// (`signer < previous`) fails here.
    error SignersNotAscending(uint256 index, address signer, address previous);
    /// Fewer signatures than the threshold the call needs.
    error InsufficientSignatures(uint256 signatures, uint256 required);

    /// No proposal has this id.
    error UnknownProposal(uint256 proposalId);
    /// The proposal expired at `expiredAt` (it can no longer change or run).
    error ProposalExpired(uint256 proposalId, uint64 expiredAt);
    /// The proposal was already executed.
    error ProposalAlreadyExecuted(uint256 proposalId);
    /// `owner` already confirmed the proposal.
    error AlreadyConfirmed(uint256 proposalId, address owner);
    /// `owner` has no confirmation (that still counts) to revoke.
    error NotConfirmed(uint256 proposalId, address owner);
    /// Fewer confirmations that count (by current owners, given under the
    /// current owner set) than the threshold the call needs.
    error InsufficientConfirmations(uint256 proposalId, uint256 confirmations, uint256 required);

    /// The executed call to `target` reverted with `reason` (its revert
    /// data, unchanged). The whole transaction reverts: the nonce or the
    /// proposal is not used up.
    error CallReverted(address target, bytes reason);
}

guard_abi::error_enum!(
    /// Every error of the GuardianMultisig.
    pub enum MultisigError {
        UnauthorizedAccount,
        NotOwner,
        InvalidOwner,
        DuplicateOwner,
        OwnerNotFound,
        InvalidOwnerCount,
        InvalidThreshold,
        InvalidEmergencyThreshold,
        InvalidEmergencyTarget,
        InvalidProposalLifetime,
        InvalidSignaturesLength,
        InvalidSignatureV,
        InvalidSignatureS,
        InvalidSignature,
        SignerNotOwner,
        SignersNotAscending,
        InsufficientSignatures,
        UnknownProposal,
        ProposalExpired,
        ProposalAlreadyExecuted,
        AlreadyConfirmed,
        NotConfirmed,
        InsufficientConfirmations,
        CallReverted,
    }
);

/// The revert data: the error's selector and ABI-encoded fields.
impl From<MultisigError> for Vec<u8> {
    fn from(error: MultisigError) -> Vec<u8> {
        use MultisigError as E;
        let start = |selector: [u8; 4]| Writer::new(&selector, 3);
        let writer = match error {
            E::UnauthorizedAccount(e) => start(UnauthorizedAccount::SELECTOR).address(&e.account),
            E::NotOwner(e) => start(NotOwner::SELECTOR).address(&e.account),
            E::InvalidOwner(e) => start(InvalidOwner::SELECTOR).address(&e.owner),
            E::DuplicateOwner(e) => start(DuplicateOwner::SELECTOR).address(&e.owner),
            E::OwnerNotFound(e) => start(OwnerNotFound::SELECTOR).address(&e.owner),
            E::InvalidOwnerCount(e) => start(InvalidOwnerCount::SELECTOR).u256(&e.count),
            E::InvalidThreshold(e) => start(InvalidThreshold::SELECTOR)
                .u256(&e.threshold)
                .u256(&e.owners),
            E::InvalidEmergencyThreshold(e) => start(InvalidEmergencyThreshold::SELECTOR)
                .u256(&e.emergencyThreshold)
                .u256(&e.threshold),
            E::InvalidEmergencyTarget(e) => {
                start(InvalidEmergencyTarget::SELECTOR).address(&e.target)
            }
            E::InvalidProposalLifetime(e) => start(InvalidProposalLifetime::SELECTOR)
                .u256(&e.lifetime)
                .u256(&e.minLifetime)
                .u256(&e.maxLifetime),
            E::InvalidSignaturesLength(e) => {
                start(InvalidSignaturesLength::SELECTOR).u256(&e.length)
            }
            E::InvalidSignatureV(e) => start(InvalidSignatureV::SELECTOR)
                .u256(&e.index)
                .uint(e.v.into()),
            E::InvalidSignatureS(e) => start(InvalidSignatureS::SELECTOR).u256(&e.index).word(&e.s),
            E::InvalidSignature(e) => start(InvalidSignature::SELECTOR).u256(&e.index),
            E::SignerNotOwner(e) => start(SignerNotOwner::SELECTOR)
                .u256(&e.index)
                .address(&e.signer)
                .word(&e.txHash),
            E::SignersNotAscending(e) => start(SignersNotAscending::SELECTOR)
                .u256(&e.index)
                .address(&e.signer)
                .address(&e.previous),
            E::InsufficientSignatures(e) => start(InsufficientSignatures::SELECTOR)
                .u256(&e.signatures)
                .u256(&e.required),
            E::UnknownProposal(e) => start(UnknownProposal::SELECTOR).u256(&e.proposalId),
            E::ProposalExpired(e) => start(ProposalExpired::SELECTOR)
                .u256(&e.proposalId)
                .uint(e.expiredAt),
            E::ProposalAlreadyExecuted(e) => {
                start(ProposalAlreadyExecuted::SELECTOR).u256(&e.proposalId)
            }
            E::AlreadyConfirmed(e) => start(AlreadyConfirmed::SELECTOR)
                .u256(&e.proposalId)
                .address(&e.owner),
            E::NotConfirmed(e) => start(NotConfirmed::SELECTOR)
                .u256(&e.proposalId)
                .address(&e.owner),
            E::InsufficientConfirmations(e) => start(InsufficientConfirmations::SELECTOR)
                .u256(&e.proposalId)
                .u256(&e.confirmations)
                .u256(&e.required),
            E::CallReverted(e) => start(CallReverted::SELECTOR)
                .address(&e.target)
                .tail_offset(2)
                .tail(&e.reason),
        };
        writer.into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::{Address, Bytes, B256, U256};

    fn check(error: &(impl SolError + Clone + Into<MultisigError>)) {
        assert_eq!(Vec::<u8>::from(error.clone().into()), error.abi_encode());
    }

    #[test]
    fn every_error_encodes_exactly_as_alloy_encodes_it() {
        let a = Address::repeat_byte(0xa1);
        let b = Address::repeat_byte(0xb2);
        let n = U256::from(0x1234_5678u64);
        let h = B256::repeat_byte(0x77);
        check(&UnauthorizedAccount { account: a });
        check(&NotOwner { account: a });
        check(&InvalidOwner { owner: a });
        check(&DuplicateOwner { owner: a });
        check(&OwnerNotFound { owner: a });
        check(&InvalidOwnerCount { count: n });
        check(&InvalidThreshold {
            threshold: U256::MAX,
            owners: n,
        });
        check(&InvalidEmergencyThreshold {
            emergencyThreshold: n,
            threshold: U256::from(8),
        });
        check(&InvalidEmergencyTarget { target: a });
        check(&InvalidProposalLifetime {
            lifetime: U256::MAX,
            minLifetime: U256::from(1),
            maxLifetime: U256::from(2),
        });
        check(&InvalidSignaturesLength { length: n });
        check(&InvalidSignatureV { index: n, v: 0xff });
        check(&InvalidSignatureS { index: n, s: h });
        check(&InvalidSignature { index: n });
        check(&SignerNotOwner {
            index: n,
            signer: a,
            txHash: h,
        });
        check(&SignersNotAscending {
            index: n,
            signer: a,
            previous: b,
        });
        check(&InsufficientSignatures {
            signatures: n,
            required: U256::MAX,
        });
        check(&UnknownProposal { proposalId: n });
        check(&ProposalExpired {
            proposalId: n,
            expiredAt: u64::MAX,
        });
        check(&ProposalAlreadyExecuted { proposalId: n });
        check(&AlreadyConfirmed {
            proposalId: n,
            owner: a,
        });
        check(&NotConfirmed {
            proposalId: n,
            owner: a,
        });
        check(&InsufficientConfirmations {
            proposalId: n,
            confirmations: n,
            required: n,
        });
        for len in [0usize, 1, 31, 32, 33, 100] {
            let reason: Bytes = (0..len)
                .map(|i| u8::try_from(i % 251).unwrap())
                .collect::<Vec<u8>>()
                .into();
            check(&CallReverted { target: a, reason });
        }
    }
}
