//! The compact error and event encoder against alloy's: every error and
//! event the contract declares, byte for byte.

use guard_test_host::encoding::{assert_error_encoding, assert_event_encoding, Sample};

use crate::{
    errors::{self, MultisigError},
    events,
};

#[test]
fn every_event_encodes_as_alloy_does() {
    assert_event_encoding(&events::OwnerAdded {
        owner: Sample::sample(1),
    });
    assert_event_encoding(&events::OwnerRemoved {
        owner: Sample::sample(1),
    });
    assert_event_encoding(&events::ThresholdChanged {
        threshold: Sample::sample(1),
    });
    assert_event_encoding(&events::EmergencyThresholdChanged {
        emergencyThreshold: Sample::sample(1),
    });
    assert_event_encoding(&events::EmergencyCallChanged {
        target: Sample::sample(1),
        selector: Sample::sample(2),
        allowed: Sample::sample(3),
    });
    assert_event_encoding(&events::ProposalLifetimeChanged {
        lifetime: Sample::sample(1),
    });
    assert_event_encoding(&events::ProposalCreated {
        proposalId: Sample::sample(1),
        proposer: Sample::sample(2),
        target: Sample::sample(3),
        value: Sample::sample(4),
        data: Sample::sample(5),
        expiresAt: Sample::sample(6),
    });
    assert_event_encoding(&events::ProposalConfirmed {
        proposalId: Sample::sample(1),
        owner: Sample::sample(2),
    });
    assert_event_encoding(&events::ConfirmationRevoked {
        proposalId: Sample::sample(1),
        owner: Sample::sample(2),
    });
    assert_event_encoding(&events::ProposalExecuted {
        proposalId: Sample::sample(1),
    });
    assert_event_encoding(&events::TransactionExecuted {
        txHash: Sample::sample(1),
        nonce: Sample::sample(2),
        target: Sample::sample(3),
        value: Sample::sample(4),
    });
}

#[test]
fn every_error_encodes_as_alloy_does() {
    assert_error_encoding::<_, MultisigError>(&errors::UnauthorizedAccount {
        account: Sample::sample(1),
    });
    assert_error_encoding::<_, MultisigError>(&errors::NotOwner {
        account: Sample::sample(1),
    });
    assert_error_encoding::<_, MultisigError>(&errors::InvalidOwner {
        owner: Sample::sample(1),
    });
    assert_error_encoding::<_, MultisigError>(&errors::DuplicateOwner {
        owner: Sample::sample(1),
    });
    assert_error_encoding::<_, MultisigError>(&errors::OwnerNotFound {
        owner: Sample::sample(1),
    });
    assert_error_encoding::<_, MultisigError>(&errors::InvalidOwnerCount {
        count: Sample::sample(1),
    });
    assert_error_encoding::<_, MultisigError>(&errors::InvalidThreshold {
        threshold: Sample::sample(1),
        owners: Sample::sample(2),
    });
    assert_error_encoding::<_, MultisigError>(&errors::InvalidEmergencyThreshold {
        emergencyThreshold: Sample::sample(1),
        threshold: Sample::sample(2),
    });
    assert_error_encoding::<_, MultisigError>(&errors::InvalidEmergencyTarget {
        target: Sample::sample(1),
    });
    assert_error_encoding::<_, MultisigError>(&errors::InvalidProposalLifetime {
        lifetime: Sample::sample(1),
        minLifetime: Sample::sample(2),
        maxLifetime: Sample::sample(3),
    });
    assert_error_encoding::<_, MultisigError>(&errors::InvalidSignaturesLength {
        length: Sample::sample(1),
    });
    assert_error_encoding::<_, MultisigError>(&errors::InvalidSignatureV {
        index: Sample::sample(1),
        v: Sample::sample(2),
    });
    assert_error_encoding::<_, MultisigError>(&errors::InvalidSignatureS {
        index: Sample::sample(1),
        s: Sample::sample(2),
    });
    assert_error_encoding::<_, MultisigError>(&errors::InvalidSignature {
        index: Sample::sample(1),
    });
    assert_error_encoding::<_, MultisigError>(&errors::SignerNotOwner {
        index: Sample::sample(1),
        signer: Sample::sample(2),
        txHash: Sample::sample(3),
    });
    assert_error_encoding::<_, MultisigError>(&errors::SignersNotAscending {
        index: Sample::sample(1),
        signer: Sample::sample(2),
        previous: Sample::sample(3),
    });
    assert_error_encoding::<_, MultisigError>(&errors::InsufficientSignatures {
        signatures: Sample::sample(1),
        required: Sample::sample(2),
    });
    assert_error_encoding::<_, MultisigError>(&errors::UnknownProposal {
        proposalId: Sample::sample(1),
    });
    assert_error_encoding::<_, MultisigError>(&errors::ProposalExpired {
        proposalId: Sample::sample(1),
        expiredAt: Sample::sample(2),
    });
    assert_error_encoding::<_, MultisigError>(&errors::ProposalAlreadyExecuted {
        proposalId: Sample::sample(1),
    });
    assert_error_encoding::<_, MultisigError>(&errors::AlreadyConfirmed {
        proposalId: Sample::sample(1),
        owner: Sample::sample(2),
    });
    assert_error_encoding::<_, MultisigError>(&errors::NotConfirmed {
        proposalId: Sample::sample(1),
        owner: Sample::sample(2),
    });
    assert_error_encoding::<_, MultisigError>(&errors::InsufficientConfirmations {
        proposalId: Sample::sample(1),
        confirmations: Sample::sample(2),
        required: Sample::sample(3),
    });
    assert_error_encoding::<_, MultisigError>(&errors::CallReverted {
        target: Sample::sample(1),
        reason: Sample::sample(2),
    });
}
