//! On-chain proposals: propose → confirm / revoke → execute, expiry, and
//! confirmations that stop counting when the owner set changes.

use super::*;
use crate::errors::{
    AlreadyConfirmed, CallReverted, InsufficientConfirmations, NotConfirmed, NotOwner,
    ProposalAlreadyExecuted, ProposalExpired, UnknownProposal,
};

fn setup() -> (TestVM, GuardianMultisig, Vec<Address>, Vec<SigningKey>) {
    let keys = sorted_keys(5);
    let (vm, ms) = deploy(&keys, 3, 2);
    let owners = keys.iter().map(address_of).collect();
    (vm, ms, owners, keys)
}

fn propose(vm: &TestVM, ms: &mut GuardianMultisig, by: Address, data: &Bytes) -> U256 {
    vm.set_sender(by);
    ms.propose(TARGET, U256::ZERO, data.clone()).unwrap()
}

fn confirm(vm: &TestVM, ms: &mut GuardianMultisig, by: Address, id: U256) {
    vm.set_sender(by);
    ms.confirm(id).unwrap();
}

#[test]
fn a_proposal_runs_once_confirmations_reach_the_threshold() {
    let (vm, mut ms, o, _) = setup();
    let data = set_config(1);
    let id = propose(&vm, &mut ms, o[0], &data);
    assert_eq!(id, U256::from(1));
    assert_eq!(
        ms.get_proposal(id),
        (U256::from(T0 + LIFETIME), false, U256::from(1)),
        "the proposer confirmed"
    );
    confirm(&vm, &mut ms, o[3], id);
    vm.set_sender(STRANGER);
    let err = assert_refused(&vm, || ms.execute(id));
    assert_eq!(
        err,
        enc(InsufficientConfirmations {
            proposalId: id,
            confirmations: U256::from(2),
            required: U256::from(3)
        })
    );
    confirm(&vm, &mut ms, o[4], id);
    vm.mock_call(TARGET, data.to_vec(), Ok(vec![9]));
    vm.set_sender(STRANGER); // anyone may execute
    assert_eq!(ms.execute(id).unwrap().to_vec(), vec![9]);
    assert!(vm
        .calls()
        .iter()
        .any(|c| c.to == TARGET && c.data == data.to_vec()));
    assert!(ms.get_proposal(id).1, "executed");
    let err = assert_refused(&vm, || ms.execute(id));
    assert_eq!(err, enc(ProposalAlreadyExecuted { proposalId: id }));
}

#[test]
fn only_owners_propose_confirm_and_revoke() {
    let (vm, mut ms, o, _) = setup();
    let id = propose(&vm, &mut ms, o[0], &set_config(1));
    vm.set_sender(STRANGER);
    let not_owner = enc(NotOwner { account: STRANGER });
    assert_eq!(
        assert_refused(&vm, || ms.propose(TARGET, U256::ZERO, set_config(2))),
        not_owner
    );
    assert_eq!(assert_refused(&vm, || ms.confirm(id)), not_owner);
    assert_eq!(assert_refused(&vm, || ms.revoke(id)), not_owner);
}

#[test]
fn confirming_twice_or_revoking_without_a_confirmation_is_refused() {
    let (vm, mut ms, o, _) = setup();
    let id = propose(&vm, &mut ms, o[0], &set_config(1));
    vm.set_sender(o[0]);
    assert_eq!(
        assert_refused(&vm, || ms.confirm(id)),
        enc(AlreadyConfirmed {
            proposalId: id,
            owner: o[0]
        })
    );
    vm.set_sender(o[1]);
    assert_eq!(
        assert_refused(&vm, || ms.revoke(id)),
        enc(NotConfirmed {
            proposalId: id,
            owner: o[1]
        })
    );
}

#[test]
fn a_revoked_confirmation_stops_counting() {
    let (vm, mut ms, o, _) = setup();
    let id = propose(&vm, &mut ms, o[0], &set_config(1));
    confirm(&vm, &mut ms, o[1], id);
    confirm(&vm, &mut ms, o[2], id);
    assert_eq!(ms.get_proposal(id).2, U256::from(3));
    vm.set_sender(o[2]);
    ms.revoke(id).unwrap();
    assert_eq!(ms.get_proposal(id).2, U256::from(2));
    vm.set_sender(STRANGER);
    assert!(matches!(
        ms.execute(id),
        Err(MultisigError::InsufficientConfirmations(_))
    ));
}

#[test]
fn an_expired_proposal_can_no_longer_change_or_run() {
    let (vm, mut ms, o, _) = setup();
    let id = propose(&vm, &mut ms, o[0], &set_config(1));
    confirm(&vm, &mut ms, o[1], id);
    vm.set_block_timestamp(T0 + LIFETIME - 1);
    confirm(&vm, &mut ms, o[2], id);
    vm.set_block_timestamp(T0 + LIFETIME);
    let expired = enc(ProposalExpired {
        proposalId: id,
        expiredAt: T0 + LIFETIME,
    });
    vm.set_sender(o[3]);
    assert_eq!(assert_refused(&vm, || ms.confirm(id)), expired);
    vm.set_sender(o[1]);
    assert_eq!(assert_refused(&vm, || ms.revoke(id)), expired);
    vm.set_sender(STRANGER);
    assert_eq!(assert_refused(&vm, || ms.execute(id)), expired);
}

#[test]
fn an_unknown_proposal_is_refused() {
    let (vm, mut ms, o, _) = setup();
    vm.set_sender(o[0]);
    let unknown = enc(UnknownProposal {
        proposalId: U256::from(7),
    });
    assert_eq!(assert_refused(&vm, || ms.confirm(U256::from(7))), unknown);
    assert_eq!(assert_refused(&vm, || ms.execute(U256::from(7))), unknown);
}

#[test]
fn a_removed_owners_confirmation_stops_counting() {
    let (vm, mut ms, o, keys) = setup();
    let id = propose(&vm, &mut ms, o[0], &set_config(1));
    confirm(&vm, &mut ms, o[1], id);
    confirm(&vm, &mut ms, o[4], id);
    assert_eq!(ms.get_proposal(id).2, U256::from(3));
    // The council removes o[4] (threshold stays 3 of 4).
    govern(
        &mut ms,
        &vm,
        IMultisig::removeOwnerCall {
            owner: o[4],
            threshold: U256::from(3),
        },
        &[&keys[0], &keys[1], &keys[2]],
    );
    assert_eq!(
        ms.get_proposal(id).2,
        U256::ZERO,
        "pending confirmations restart"
    );
    vm.set_sender(STRANGER);
    assert!(matches!(
        ms.execute(id),
        Err(MultisigError::InsufficientConfirmations(_))
    ));
    // Current owners confirm anew and it runs.
    for owner in [o[0], o[1], o[2]] {
        confirm(&vm, &mut ms, owner, id);
    }
    vm.set_sender(STRANGER);
    ms.execute(id).unwrap();
}

#[test]
fn a_proposal_uses_the_emergency_threshold_for_an_allowlisted_call() {
    let (vm, mut ms, o, keys) = setup();
    let selector = alloy_primitives::FixedBytes::from_slice(&pause_call()[..4]);
    govern(
        &mut ms,
        &vm,
        IMultisig::setEmergencyCallCall {
            target: TARGET,
            selector,
            allowed: true,
        },
        &[&keys[0], &keys[1], &keys[2]],
    );
    let id = propose(&vm, &mut ms, o[2], &pause_call());
    confirm(&vm, &mut ms, o[3], id);
    vm.set_sender(STRANGER);
    ms.execute(id).unwrap();
}

#[test]
fn a_failed_call_leaves_the_proposal_executable_and_surfaces_the_revert_data() {
    let (vm, mut ms, o, _) = setup();
    let data = set_config(1);
    let id = propose(&vm, &mut ms, o[0], &data);
    confirm(&vm, &mut ms, o[1], id);
    confirm(&vm, &mut ms, o[2], id);
    vm.mock_call(TARGET, data.to_vec(), Err(vec![0xde, 0xad]));
    vm.set_sender(STRANGER);
    let err = in_tx(&vm, || ms.execute(id)).unwrap_err();
    assert_eq!(
        Vec::<u8>::from(err),
        enc(CallReverted {
            target: TARGET,
            reason: vec![0xde, 0xad].into()
        })
    );
    assert_eq!(
        ms.get_proposal(id),
        (U256::from(T0 + LIFETIME), false, U256::from(3))
    );
    vm.mock_call(TARGET, data.to_vec(), Ok(vec![]));
    ms.execute(id).unwrap();
}

#[test]
fn the_proposal_lifetime_changes_by_self_call_for_new_proposals() {
    let (vm, mut ms, o, keys) = setup();
    let old = propose(&vm, &mut ms, o[0], &set_config(1));
    govern(
        &mut ms,
        &vm,
        IMultisig::setProposalLifetimeCall {
            lifetime: U256::from(7_200),
        },
        &[&keys[0], &keys[1], &keys[2]],
    );
    assert_eq!(ms.proposal_lifetime(), U256::from(7_200));
    let new = propose(&vm, &mut ms, o[0], &set_config(2));
    assert_eq!(ms.get_proposal(old).0, U256::from(T0 + LIFETIME));
    assert_eq!(ms.get_proposal(new).0, U256::from(T0 + 7_200));
}
