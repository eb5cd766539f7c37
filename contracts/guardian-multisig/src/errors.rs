//! Custom errors of the GuardianMultisig: one named error per refusal.
//!
//! Every refusal is one of these and no state changes when one is returned
//! (a refusal found after the nonce or a proposal was marked used —
//! [`CallReverted`] — reverts the whole transaction, which undoes it).
//!
//! The errors are declared with `sol!` (names, selectors, the exported
//! ABI); [`MultisigError`] encodes them with the compact encoder of
//! [`guard_abi::encoding`] (checked against alloy's encoding in the tests).
#![allow(missing_docs)] // `sol!` generates the items; each error is documented below.

use alloc::vec::Vec;

use alloy_sol_types::{sol, SolError};

use guard_abi::encoding::{address_word, encode, tail_offset, u256_word, uint_word, Word};

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
        let words = |selector: [u8; 4], words: &[Word]| encode(&selector, words, None);
        match error {
            E::UnauthorizedAccount(e) => {
                words(UnauthorizedAccount::SELECTOR, &[address_word(e.account)])
            }
            E::NotOwner(e) => words(NotOwner::SELECTOR, &[address_word(e.account)]),
            E::InvalidOwner(e) => words(InvalidOwner::SELECTOR, &[address_word(e.owner)]),
            E::DuplicateOwner(e) => words(DuplicateOwner::SELECTOR, &[address_word(e.owner)]),
            E::OwnerNotFound(e) => words(OwnerNotFound::SELECTOR, &[address_word(e.owner)]),
            E::InvalidOwnerCount(e) => words(InvalidOwnerCount::SELECTOR, &[u256_word(e.count)]),
            E::InvalidThreshold(e) => words(
                InvalidThreshold::SELECTOR,
                &[u256_word(e.threshold), u256_word(e.owners)],
            ),
            E::InvalidEmergencyThreshold(e) => words(
                InvalidEmergencyThreshold::SELECTOR,
                &[u256_word(e.emergencyThreshold), u256_word(e.threshold)],
            ),
            E::InvalidEmergencyTarget(e) => {
                words(InvalidEmergencyTarget::SELECTOR, &[address_word(e.target)])
            }
            E::InvalidProposalLifetime(e) => words(
                InvalidProposalLifetime::SELECTOR,
                &[
                    u256_word(e.lifetime),
                    u256_word(e.minLifetime),
                    u256_word(e.maxLifetime),
                ],
            ),
            E::InvalidSignaturesLength(e) => {
                words(InvalidSignaturesLength::SELECTOR, &[u256_word(e.length)])
            }
            E::InvalidSignatureV(e) => words(
                InvalidSignatureV::SELECTOR,
                &[u256_word(e.index), uint_word(e.v)],
            ),
            E::InvalidSignatureS(e) => {
                words(InvalidSignatureS::SELECTOR, &[u256_word(e.index), e.s])
            }
            E::InvalidSignature(e) => words(InvalidSignature::SELECTOR, &[u256_word(e.index)]),
            E::SignerNotOwner(e) => words(
                SignerNotOwner::SELECTOR,
                &[u256_word(e.index), address_word(e.signer), e.txHash],
            ),
            E::SignersNotAscending(e) => words(
                SignersNotAscending::SELECTOR,
                &[
                    u256_word(e.index),
                    address_word(e.signer),
                    address_word(e.previous),
                ],
            ),
            E::InsufficientSignatures(e) => words(
                InsufficientSignatures::SELECTOR,
                &[u256_word(e.signatures), u256_word(e.required)],
            ),
            E::UnknownProposal(e) => words(UnknownProposal::SELECTOR, &[u256_word(e.proposalId)]),
            E::ProposalExpired(e) => words(
                ProposalExpired::SELECTOR,
                &[u256_word(e.proposalId), uint_word(e.expiredAt)],
            ),
            E::ProposalAlreadyExecuted(e) => words(
                ProposalAlreadyExecuted::SELECTOR,
                &[u256_word(e.proposalId)],
            ),
            E::AlreadyConfirmed(e) => words(
                AlreadyConfirmed::SELECTOR,
                &[u256_word(e.proposalId), address_word(e.owner)],
            ),
            E::NotConfirmed(e) => words(
                NotConfirmed::SELECTOR,
                &[u256_word(e.proposalId), address_word(e.owner)],
            ),
            E::InsufficientConfirmations(e) => words(
                InsufficientConfirmations::SELECTOR,
                &[
                    u256_word(e.proposalId),
                    u256_word(e.confirmations),
                    u256_word(e.required),
                ],
            ),
            E::CallReverted(e) => encode(
                &CallReverted::SELECTOR,
                &[address_word(e.target), tail_offset(2)],
                Some(&e.reason),
            ),
        }
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
