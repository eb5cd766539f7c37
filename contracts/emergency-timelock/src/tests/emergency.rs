//! The emergency lane: only the guardian, only allowlisted
//! `(target, selector)` pairs, at once; the allowlist changes only through
//! the delay.

use alloy_primitives::FixedBytes;
use alloy_sol_types::SolEvent;

use super::*;
use crate::{
    errors::{
        AccessControlUnauthorizedAccount, TimelockEmergencyCallNotAllowed,
        TimelockUnauthorizedCaller,
    },
    events::{EmergencyCallChanged, EmergencyCallExecuted},
    roles::GUARDIAN_ROLE,
};

/// Allowlists `TARGET.pause` through the timelock (the clock moves on by the delay).
fn allow_pause(vm: &TestVM, tl: &mut EmergencyTimelock) {
    govern(
        vm,
        tl,
        ITimelock::setEmergencyCallCall {
            target: TARGET,
            selector: PAUSE,
            allowed: true,
        }
        .abi_encode(),
        salt(0xee),
    )
    .unwrap();
}

#[test]
fn the_guardian_executes_an_allowlisted_call_at_once() {
    let (vm, mut tl) = setup();
    allow_pause(&vm, &mut tl);
    assert!(tl.is_emergency_call(TARGET, PAUSE));
    vm.clear_calls();
    vm.set_sender(GUARDIAN);
    tl.execute_emergency(TARGET, U256::ZERO, pause_call())
        .unwrap();
    let calls = vm.calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(
        (calls[0].to, calls[0].data.clone()),
        (TARGET, pause_call().to_vec())
    );
    let (topics, body) = vm.get_emitted_logs().last().unwrap().clone();
    let ev = EmergencyCallExecuted::decode_raw_log(topics, &body).unwrap();
    assert_eq!(
        (ev.sender, ev.target, ev.data),
        (GUARDIAN, TARGET, pause_call())
    );
    // Again, at once: the lane has no delay and no one-shot state.
    tl.execute_emergency(TARGET, U256::ZERO, pause_call())
        .unwrap();
    assert!(!tl.config_word().executing);
}

#[test]
fn calls_off_the_allowlist_are_refused() {
    let (vm, mut tl) = setup();
    allow_pause(&vm, &mut tl);
    vm.clear_calls();
    vm.set_sender(GUARDIAN);
    let cases: [(Address, Bytes, [u8; 4]); 4] = [
        (OTHER_TARGET, pause_call(), PAUSE.0),
        (TARGET, set_config(1), ITarget::setConfigCall::SELECTOR),
        (
            TARGET,
            Bytes::from(PAUSE.0[..3].to_vec()),
            [PAUSE.0[0], PAUSE.0[1], PAUSE.0[2], 0],
        ),
        (TARGET, Bytes::new(), [0; 4]),
    ];
    for (target, data, selector) in cases {
        let err = assert_refused(&vm, || {
            tl.execute_emergency(target, U256::ZERO, data.clone())
        });
        assert_eq!(
            err,
            enc(TimelockEmergencyCallNotAllowed {
                target,
                selector: FixedBytes(selector),
            })
        );
    }
    assert!(vm.calls().is_empty());
}

#[test]
fn only_the_guardian_uses_the_lane() {
    let (vm, mut tl) = setup();
    allow_pause(&vm, &mut tl);
    vm.clear_calls();
    for who in [PROPOSER, EXECUTOR, STRANGER, this(&vm)] {
        vm.set_sender(who);
        let err = assert_refused(&vm, || {
            tl.execute_emergency(TARGET, U256::ZERO, pause_call())
        });
        assert_eq!(
            err,
            enc(AccessControlUnauthorizedAccount {
                account: who,
                neededRole: GUARDIAN_ROLE,
            })
        );
    }
    assert!(vm.calls().is_empty());
}

#[test]
fn only_the_timelock_itself_changes_the_allowlist() {
    let (vm, mut tl) = setup();
    for who in [PROPOSER, EXECUTOR, GUARDIAN, STRANGER] {
        vm.set_sender(who);
        let err = assert_refused(&vm, || tl.set_emergency_call(TARGET, PAUSE, true));
        assert_eq!(err, enc(TimelockUnauthorizedCaller { caller: who }));
    }
}

#[test]
fn an_allowlist_entry_can_be_removed_through_the_delay() {
    let (vm, mut tl) = setup();
    allow_pause(&vm, &mut tl);
    let (topics, body) = vm
        .get_emitted_logs()
        .into_iter()
        .find(|(t, _)| t[0] == EmergencyCallChanged::SIGNATURE_HASH)
        .unwrap();
    let ev = EmergencyCallChanged::decode_raw_log(topics, &body).unwrap();
    assert_eq!((ev.target, ev.selector, ev.allowed), (TARGET, PAUSE, true));
    govern(
        &vm,
        &mut tl,
        ITimelock::setEmergencyCallCall {
            target: TARGET,
            selector: PAUSE,
            allowed: false,
        }
        .abi_encode(),
        salt(0xef),
    )
    .unwrap();
    assert!(!tl.is_emergency_call(TARGET, PAUSE));
    vm.set_sender(GUARDIAN);
    assert!(tl
        .execute_emergency(TARGET, U256::ZERO, pause_call())
        .is_err());
}

#[test]
fn the_lane_forwards_value_and_bubbles_revert_data() {
    let (vm, mut tl) = setup();
    allow_pause(&vm, &mut tl);
    vm.clear_calls();
    vm.set_sender(GUARDIAN);
    tl.execute_emergency(TARGET, U256::from(7), pause_call())
        .unwrap();
    assert_eq!(vm.calls()[0].value, U256::from(7));
    vm.mock_call(TARGET, pause_call().to_vec(), Err(b"paused: cap".to_vec()));
    let err = in_tx(&vm, || {
        tl.execute_emergency(TARGET, U256::ZERO, pause_call())
    })
    .unwrap_err();
    assert_eq!(err, b"paused: cap".to_vec());
    assert!(!tl.config_word().executing);
}
