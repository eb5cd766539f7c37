//! The emergency threshold applies only to allowlisted risk-reducing
//! `(target, selector)` calls without value, never to the multisig itself.

use super::*;
use crate::errors::{InsufficientSignatures, InvalidEmergencyTarget, UnauthorizedAccount};
use alloy_primitives::FixedBytes;

fn pause_selector() -> FixedBytes<4> {
    FixedBytes::from_slice(&pause_call()[..4])
}

/// 3-of-5 with emergency threshold 2 and `TARGET.pause` allowlisted.
fn setup() -> (TestVM, GuardianMultisig, Vec<SigningKey>) {
    let keys = sorted_keys(5);
    let (vm, mut ms) = deploy(&keys, 3, 2);
    govern(
        &mut ms,
        &vm,
        IMultisig::setEmergencyCallCall {
            target: TARGET,
            selector: pause_selector(),
            allowed: true,
        },
        &[&keys[0], &keys[1], &keys[2]],
    );
    (vm, ms, keys)
}

#[test]
fn an_allowlisted_call_runs_with_the_emergency_threshold() {
    let (vm, mut ms, keys) = setup();
    assert!(ms.is_emergency_call(TARGET, pause_selector()));
    execute_signed(
        &mut ms,
        TARGET,
        U256::ZERO,
        &pause_call(),
        &[&keys[1], &keys[3]],
    )
    .unwrap();
    assert!(vm
        .calls()
        .iter()
        .any(|c| c.to == TARGET && c.data == pause_call().to_vec()));
}

#[test]
fn another_selector_on_the_same_target_needs_the_full_threshold() {
    let (vm, mut ms, keys) = setup();
    let err = assert_refused(&vm, || {
        execute_signed(
            &mut ms,
            TARGET,
            U256::ZERO,
            &set_config(1),
            &[&keys[1], &keys[3]],
        )
    });
    assert_eq!(
        err,
        enc(InsufficientSignatures {
            signatures: U256::from(2),
            required: U256::from(3)
        })
    );
}

#[test]
fn the_allowlisted_selector_on_another_target_needs_the_full_threshold() {
    let (vm, mut ms, keys) = setup();
    assert_refused(&vm, || {
        execute_signed(
            &mut ms,
            STRANGER,
            U256::ZERO,
            &pause_call(),
            &[&keys[1], &keys[3]],
        )
    });
}

#[test]
fn an_allowlisted_call_with_value_needs_the_full_threshold() {
    let (vm, mut ms, keys) = setup();
    assert_refused(&vm, || {
        execute_signed(
            &mut ms,
            TARGET,
            U256::from(1),
            &pause_call(),
            &[&keys[1], &keys[3]],
        )
    });
}

#[test]
fn calldata_shorter_than_a_selector_is_never_an_emergency_call() {
    let (vm, mut ms, keys) = setup();
    let short: Bytes = pause_call()[..3].to_vec().into();
    assert_refused(&vm, || {
        execute_signed(&mut ms, TARGET, U256::ZERO, &short, &[&keys[1], &keys[3]])
    });
}

#[test]
fn a_removed_pair_needs_the_full_threshold_again() {
    let (vm, mut ms, keys) = setup();
    govern(
        &mut ms,
        &vm,
        IMultisig::setEmergencyCallCall {
            target: TARGET,
            selector: pause_selector(),
            allowed: false,
        },
        &[&keys[0], &keys[1], &keys[2]],
    );
    assert!(!ms.is_emergency_call(TARGET, pause_selector()));
    assert_refused(&vm, || {
        execute_signed(
            &mut ms,
            TARGET,
            U256::ZERO,
            &pause_call(),
            &[&keys[1], &keys[3]],
        )
    });
}

#[test]
fn the_multisig_itself_cannot_be_allowlisted() {
    let (vm, mut ms, _keys) = setup();
    let me = vm.contract_address();
    vm.set_sender(me);
    let err = assert_refused(&vm, || {
        ms.set_emergency_call(me, FixedBytes([1, 2, 3, 4]), true)
    });
    assert_eq!(err, enc(InvalidEmergencyTarget { target: me }));
}

#[test]
fn the_allowlist_changes_only_by_self_call() {
    let (vm, mut ms, keys) = setup();
    for sender in [STRANGER, address_of(&keys[0])] {
        vm.set_sender(sender);
        let err = assert_refused(&vm, || {
            ms.set_emergency_call(TARGET, FixedBytes([1, 2, 3, 4]), true)
        });
        assert_eq!(err, enc(UnauthorizedAccount { account: sender }));
    }
}

#[test]
fn the_emergency_threshold_cannot_change_the_configuration() {
    let (vm, mut ms, keys) = setup();
    // Even a selector of the multisig's own needs the full threshold.
    let data: Bytes = IMultisig::changeThresholdCall {
        threshold: U256::from(2),
    }
    .abi_encode()
    .into();
    assert_refused(&vm, || {
        execute_signed(
            &mut ms,
            vm.contract_address(),
            U256::ZERO,
            &data,
            &[&keys[1], &keys[3]],
        )
    });
}
