//! The constructor and self-administration: owners kept sorted, thresholds
//! kept consistent, every change only by self-call at the full threshold.

use super::*;
use crate::{
    errors::{
        CallReverted, DuplicateOwner, InvalidEmergencyThreshold, InvalidOwner, InvalidOwnerCount,
        InvalidProposalLifetime, InvalidThreshold, OwnerNotFound, UnauthorizedAccount,
    },
    events::{OwnerAdded, OwnerRemoved, ThresholdChanged},
};
use alloy_primitives::FixedBytes;
use alloy_sol_types::SolEvent;

/// Constructor arguments and the error they must produce.
type ConstructorCase = (Vec<Address>, u8, u8, u64, Vec<u8>);

fn fresh() -> (TestVM, GuardianMultisig) {
    let vm = TestVM::new();
    let ms = GuardianMultisig::from(&vm);
    (vm, ms)
}

fn err_of(r: Result<(), MultisigError>) -> Vec<u8> {
    r.unwrap_err().into()
}

#[test]
fn the_constructor_stores_owners_sorted_and_the_thresholds() {
    let keys = sorted_keys(5);
    let (vm, ms) = deploy(&keys, 3, 2);
    let sorted: Vec<Address> = keys.iter().map(address_of).collect();
    assert_eq!(ms.get_owners(), sorted);
    assert!(sorted.windows(2).all(|w| w[0] < w[1]));
    assert!(sorted.iter().all(|o| ms.is_owner(*o)));
    assert!(!ms.is_owner(STRANGER));
    assert_eq!(
        (ms.threshold(), ms.emergency_threshold()),
        (U256::from(3), U256::from(2))
    );
    assert_eq!(ms.proposal_lifetime(), U256::from(LIFETIME));
    assert_eq!(ms.nonce(), U256::ZERO);
    let added = event_sigs(&vm)
        .iter()
        .filter(|t| **t == OwnerAdded::SIGNATURE_HASH)
        .count();
    assert_eq!(added, 5);
}

#[test]
fn the_constructor_refuses_bad_owner_sets_and_thresholds() {
    let a = address!("0000000000000000000000000000000000000a01");
    let b = address!("0000000000000000000000000000000000000a02");
    let (vm, mut ms) = fresh();
    let me = vm.contract_address();
    let cases: Vec<ConstructorCase> = vec![
        (
            vec![],
            1,
            1,
            LIFETIME,
            enc(InvalidOwnerCount { count: U256::ZERO }),
        ),
        (
            (1..=21u8).map(Address::with_last_byte).collect(),
            1,
            1,
            LIFETIME,
            enc(InvalidOwnerCount {
                count: U256::from(21),
            }),
        ),
        (
            vec![a, Address::ZERO],
            1,
            1,
            LIFETIME,
            enc(InvalidOwner {
                owner: Address::ZERO,
            }),
        ),
        (vec![a, me], 1, 1, LIFETIME, enc(InvalidOwner { owner: me })),
        (
            vec![a, b, a],
            1,
            1,
            LIFETIME,
            enc(DuplicateOwner { owner: a }),
        ),
        (
            vec![a, b],
            0,
            0,
            LIFETIME,
            enc(InvalidThreshold {
                threshold: U256::from(0),
                owners: U256::from(2),
            }),
        ),
        (
            vec![a, b],
            3,
            1,
            LIFETIME,
            enc(InvalidThreshold {
                threshold: U256::from(3),
                owners: U256::from(2),
            }),
        ),
        (
            vec![a, b],
            1,
            2,
            LIFETIME,
            enc(InvalidEmergencyThreshold {
                emergencyThreshold: U256::from(2),
                threshold: U256::from(1),
            }),
        ),
        (
            vec![a, b],
            2,
            0,
            LIFETIME,
            enc(InvalidEmergencyThreshold {
                emergencyThreshold: U256::from(0),
                threshold: U256::from(2),
            }),
        ),
        (
            vec![a, b],
            2,
            1,
            60,
            enc(InvalidProposalLifetime {
                lifetime: U256::from(60),
                minLifetime: U256::from(3_600),
                maxLifetime: U256::from(2_592_000),
            }),
        ),
    ];
    for (owners, t, e, life, expected) in cases {
        vm.clear_storage();
        assert_eq!(
            err_of(ms.constructor(owners, U256::from(t), U256::from(e), U256::from(life))),
            expected
        );
    }
}

#[test]
fn every_self_only_function_refuses_a_direct_caller() {
    let keys = sorted_keys(3);
    let (vm, mut ms) = deploy(&keys, 2, 1);
    let owner = address_of(&keys[0]);
    for sender in [STRANGER, owner] {
        vm.set_sender(sender);
        let expected = enc(UnauthorizedAccount { account: sender });
        assert_eq!(
            assert_refused(&vm, || ms.add_owner(STRANGER, U256::from(2))),
            expected
        );
        assert_eq!(
            assert_refused(&vm, || ms.remove_owner(owner, U256::from(2))),
            expected
        );
        assert_eq!(
            assert_refused(&vm, || ms.change_threshold(U256::from(3))),
            expected
        );
        assert_eq!(
            assert_refused(&vm, || ms.change_emergency_threshold(U256::from(2))),
            expected
        );
        assert_eq!(
            assert_refused(&vm, || ms.set_emergency_call(
                TARGET,
                FixedBytes([1; 4]),
                true
            )),
            expected
        );
        assert_eq!(
            assert_refused(&vm, || ms.set_proposal_lifetime(U256::from(7_200))),
            expected
        );
    }
}

#[test]
fn adding_an_owner_by_self_call_keeps_the_list_sorted() {
    let keys = sorted_keys(3);
    let (vm, mut ms) = deploy(&keys, 2, 1);
    let signers = [&keys[0], &keys[1]];
    for new in [
        Address::with_last_byte(1),
        Address::repeat_byte(0xff),
        address!("8000000000000000000000000000000000000000"),
    ] {
        govern(
            &mut ms,
            &vm,
            IMultisig::addOwnerCall {
                owner: new,
                threshold: U256::from(2),
            },
            &signers,
        );
        assert!(ms.is_owner(new));
        let owners = ms.get_owners();
        assert!(owners.windows(2).all(|w| w[0] < w[1]), "sorted: {owners:?}");
    }
    assert_eq!(ms.get_owners().len(), 6);
    govern(
        &mut ms,
        &vm,
        IMultisig::addOwnerCall {
            owner: Address::with_last_byte(2),
            threshold: U256::from(4),
        },
        &signers,
    );
    assert_eq!(ms.threshold(), U256::from(4));
    assert!(event_sigs(&vm).contains(&ThresholdChanged::SIGNATURE_HASH));
}

#[test]
fn a_self_call_that_fails_surfaces_the_inner_error() {
    let keys = sorted_keys(3);
    let (vm, mut ms) = deploy(&keys, 2, 1);
    let me = vm.contract_address();
    let existing = address_of(&keys[2]);
    let data: Bytes = IMultisig::addOwnerCall {
        owner: existing,
        threshold: U256::from(2),
    }
    .abi_encode()
    .into();
    let err = in_tx(&vm, || {
        execute_signed(&mut ms, me, U256::ZERO, &data, &[&keys[0], &keys[1]])
    })
    .unwrap_err();
    assert_eq!(
        Vec::<u8>::from(err),
        enc(CallReverted {
            target: me,
            reason: enc(DuplicateOwner { owner: existing }).into()
        })
    );
    assert_eq!(ms.nonce(), U256::ZERO);
}

#[test]
fn a_removal_that_would_break_the_threshold_is_refused() {
    let keys = sorted_keys(3);
    let (vm, mut ms) = deploy(&keys, 3, 2);
    let me = vm.contract_address();
    vm.set_sender(me);
    let owner = address_of(&keys[0]);
    // 2 owners left cannot reach 3.
    assert_eq!(
        assert_refused(&vm, || ms.remove_owner(owner, U256::from(3))),
        enc(InvalidThreshold {
            threshold: U256::from(3),
            owners: U256::from(2)
        })
    );
    // The emergency threshold (2) may not exceed the new threshold.
    assert_eq!(
        assert_refused(&vm, || ms.remove_owner(owner, U256::from(1))),
        enc(InvalidEmergencyThreshold {
            emergencyThreshold: U256::from(2),
            threshold: U256::from(1)
        })
    );
    assert_eq!(
        assert_refused(&vm, || ms.remove_owner(STRANGER, U256::from(2))),
        enc(OwnerNotFound { owner: STRANGER })
    );
    ms.remove_owner(owner, U256::from(2)).unwrap();
    assert!(!ms.is_owner(owner));
    assert_eq!(
        ms.get_owners(),
        vec![address_of(&keys[1]), address_of(&keys[2])]
    );
    assert_eq!(ms.threshold(), U256::from(2));
    assert!(event_sigs(&vm).contains(&OwnerRemoved::SIGNATURE_HASH));
}

#[test]
fn the_last_owner_cannot_be_removed() {
    let keys = sorted_keys(1);
    let (vm, mut ms) = deploy(&keys, 1, 1);
    vm.set_sender(vm.contract_address());
    assert_eq!(
        assert_refused(&vm, || ms.remove_owner(address_of(&keys[0]), U256::from(1))),
        enc(InvalidOwnerCount { count: U256::ZERO })
    );
}

#[test]
fn a_removed_owner_can_no_longer_sign() {
    let keys = sorted_keys(3);
    let (vm, mut ms) = deploy(&keys, 2, 1);
    govern(
        &mut ms,
        &vm,
        IMultisig::removeOwnerCall {
            owner: address_of(&keys[2]),
            threshold: U256::from(2),
        },
        &[&keys[0], &keys[1]],
    );
    let r = execute_signed(
        &mut ms,
        TARGET,
        U256::ZERO,
        &set_config(1),
        &[&keys[0], &keys[2]],
    );
    assert!(matches!(r, Err(MultisigError::SignerNotOwner(_))));
}

#[test]
fn thresholds_change_only_within_their_bounds() {
    let keys = sorted_keys(4);
    let (vm, mut ms) = deploy(&keys, 3, 2);
    vm.set_sender(vm.contract_address());
    assert_eq!(
        assert_refused(&vm, || ms.change_threshold(U256::from(5))),
        enc(InvalidThreshold {
            threshold: U256::from(5),
            owners: U256::from(4)
        })
    );
    assert_eq!(
        assert_refused(&vm, || ms.change_threshold(U256::from(1))),
        enc(InvalidEmergencyThreshold {
            emergencyThreshold: U256::from(2),
            threshold: U256::from(1)
        })
    );
    assert_eq!(
        assert_refused(&vm, || ms.change_emergency_threshold(U256::from(4))),
        enc(InvalidEmergencyThreshold {
            emergencyThreshold: U256::from(4),
            threshold: U256::from(3)
        })
    );
    ms.change_emergency_threshold(U256::from(1)).unwrap();
    ms.change_threshold(U256::from(4)).unwrap();
    assert_eq!(
        (ms.threshold(), ms.emergency_threshold()),
        (U256::from(4), U256::from(1))
    );
}

#[test]
fn owners_beyond_twenty_are_refused() {
    let keys = sorted_keys(20);
    let (vm, mut ms) = deploy(&keys, 1, 1);
    vm.set_sender(vm.contract_address());
    assert_eq!(
        assert_refused(&vm, || ms.add_owner(STRANGER, U256::from(1))),
        enc(InvalidOwnerCount {
            count: U256::from(21)
        })
    );
}
