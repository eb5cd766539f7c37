//! Every state transition of a single operation, at its exact boundaries:
//! unset → waiting → ready → done / cancelled / expired.

use alloy_sol_types::SolEvent;

use super::*;
use crate::{
    errors::{
        TimelockExcessiveDelay, TimelockExpiredOperation, TimelockInsufficientDelay,
        TimelockUnexpectedOperationState,
    },
    events::{CallExecuted, CallSalt, CallScheduled, Cancelled},
    operation::OperationState,
};

const UNSET: u8 = 0;
const WAITING: u8 = 1;
const READY: u8 = 2;
const DONE: u8 = 3;

fn bitmap(states: &[OperationState]) -> B256 {
    states.iter().fold(B256::ZERO, |acc, s| acc | s.bitmap())
}

fn assert_state(tl: &EmergencyTimelock, id: B256, state: u8, timestamp: u64, expired: bool) {
    assert_eq!(tl.get_operation_state(id), state);
    assert_eq!(tl.get_timestamp(id), U256::from(timestamp));
    assert_eq!(tl.is_operation(id), state != UNSET);
    assert_eq!(
        tl.is_operation_pending(id),
        state == WAITING || state == READY
    );
    assert_eq!(tl.is_operation_ready(id), state == READY);
    assert_eq!(tl.is_operation_done(id), state == DONE);
    assert_eq!(tl.is_operation_expired(id), expired);
}

#[test]
fn an_unknown_operation_is_unset() {
    let (_vm, tl) = setup();
    assert_state(&tl, B256::repeat_byte(9), UNSET, 0, false);
    assert_eq!(tl.get_expiry(B256::repeat_byte(9)), U256::ZERO);
}

#[test]
fn schedule_records_a_waiting_operation_and_emits_openzeppelin_events() {
    let (vm, mut tl) = setup();
    let data = set_config(1);
    vm.set_sender(PROPOSER);
    tl.schedule(
        TARGET,
        U256::from(5),
        data.clone(),
        B256::ZERO,
        salt(1),
        U256::from(DELAY),
    )
    .unwrap();
    let id = tl.hash_operation(TARGET, U256::from(5), data.clone(), B256::ZERO, salt(1));
    assert_state(&tl, id, WAITING, T0 + DELAY, false);
    assert_eq!(tl.get_expiry(id), U256::from(T0 + DELAY + GRACE));
    let logs = vm.get_emitted_logs();
    let (topics, body) = &logs[logs.len() - 2];
    let ev = CallScheduled::decode_raw_log(topics.iter().copied(), body).unwrap();
    assert_eq!(ev.id, id);
    assert_eq!(ev.index, U256::ZERO);
    assert_eq!(ev.target, TARGET);
    assert_eq!(ev.value, U256::from(5));
    assert_eq!(ev.data, data);
    assert_eq!(ev.predecessor, B256::ZERO);
    assert_eq!(ev.delay, U256::from(DELAY));
    let (topics, body) = &logs[logs.len() - 1];
    let ev = CallSalt::decode_raw_log(topics.iter().copied(), body).unwrap();
    assert_eq!((ev.id, ev.salt), (id, salt(1)));
}

#[test]
fn schedule_with_a_zero_salt_emits_no_call_salt() {
    let (vm, mut tl) = setup();
    schedule(&vm, &mut tl, TARGET, &set_config(1), B256::ZERO);
    assert_eq!(
        *event_sigs(&vm).last().unwrap(),
        CallScheduled::SIGNATURE_HASH
    );
    assert!(!event_sigs(&vm).contains(&CallSalt::SIGNATURE_HASH));
}

#[test]
fn an_operation_becomes_ready_exactly_when_its_delay_has_passed() {
    let (vm, mut tl) = setup();
    let data = set_config(1);
    let id = schedule(&vm, &mut tl, TARGET, &data, salt(1));
    vm.set_block_timestamp(T0 + DELAY - 1);
    assert_state(&tl, id, WAITING, T0 + DELAY, false);
    let err = assert_refused(&vm, || {
        execute(&vm, &mut tl, TARGET, &data, B256::ZERO, salt(1))
    });
    assert_eq!(
        err,
        enc(TimelockUnexpectedOperationState {
            operationId: id,
            expectedStates: bitmap(&[OperationState::Ready]),
        })
    );
    assert!(calls_to(&vm, TARGET).is_empty());

    vm.set_block_timestamp(T0 + DELAY);
    assert_state(&tl, id, READY, T0 + DELAY, false);
    execute(&vm, &mut tl, TARGET, &data, B256::ZERO, salt(1)).unwrap();
    assert_state(&tl, id, DONE, 1, false);
    let calls = calls_to(&vm, TARGET);
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].data, data.to_vec());
    let (topics, body) = vm.get_emitted_logs().last().unwrap().clone();
    let ev = CallExecuted::decode_raw_log(topics, &body).unwrap();
    assert_eq!(
        (ev.id, ev.index, ev.target, ev.data),
        (id, U256::ZERO, TARGET, data)
    );
}

#[test]
fn an_operation_expires_exactly_when_its_grace_window_ends() {
    let (vm, mut tl) = setup();
    let data = set_config(1);
    let id = schedule(&vm, &mut tl, TARGET, &data, salt(1));
    let expiry = T0 + DELAY + GRACE;
    vm.set_block_timestamp(expiry - 1);
    assert_state(&tl, id, READY, T0 + DELAY, false);

    vm.set_block_timestamp(expiry);
    // OpenZeppelin's views: an expired operation reads as unset.
    assert_state(&tl, id, UNSET, 0, true);
    assert_eq!(tl.get_expiry(id), U256::from(expiry));
    let err = assert_refused(&vm, || {
        execute(&vm, &mut tl, TARGET, &data, B256::ZERO, salt(1))
    });
    assert_eq!(
        err,
        enc(TimelockExpiredOperation {
            operationId: id,
            expiredAt: U256::from(expiry),
        })
    );
    vm.set_block_timestamp(expiry + 365 * DAY);
    assert!(execute(&vm, &mut tl, TARGET, &data, B256::ZERO, salt(1)).is_err());
    assert!(calls_to(&vm, TARGET).is_empty());
}

#[test]
fn the_one_second_before_expiry_still_executes() {
    let (vm, mut tl) = setup();
    let data = set_config(1);
    let id = schedule(&vm, &mut tl, TARGET, &data, salt(1));
    vm.set_block_timestamp(T0 + DELAY + GRACE - 1);
    execute(&vm, &mut tl, TARGET, &data, B256::ZERO, salt(1)).unwrap();
    assert!(tl.is_operation_done(id));
}

#[test]
fn an_expired_operation_may_be_scheduled_anew_with_a_full_delay() {
    let (vm, mut tl) = setup();
    let data = set_config(1);
    let id = schedule(&vm, &mut tl, TARGET, &data, salt(1));
    let t = T0 + DELAY + GRACE;
    vm.set_block_timestamp(t);
    assert_eq!(schedule(&vm, &mut tl, TARGET, &data, salt(1)), id);
    assert_state(&tl, id, WAITING, t + DELAY, false);
    vm.set_block_timestamp(t + DELAY - 1);
    assert!(execute(&vm, &mut tl, TARGET, &data, B256::ZERO, salt(1)).is_err());
    vm.set_block_timestamp(t + DELAY);
    execute(&vm, &mut tl, TARGET, &data, B256::ZERO, salt(1)).unwrap();
}

#[test]
fn a_done_operation_never_runs_again_nor_is_rescheduled_or_cancelled() {
    let (vm, mut tl) = setup();
    let data = set_config(1);
    let id = schedule(&vm, &mut tl, TARGET, &data, salt(1));
    vm.set_block_timestamp(T0 + DELAY);
    execute(&vm, &mut tl, TARGET, &data, B256::ZERO, salt(1)).unwrap();
    let err = assert_refused(&vm, || {
        execute(&vm, &mut tl, TARGET, &data, B256::ZERO, salt(1))
    });
    assert_eq!(
        err,
        enc(TimelockUnexpectedOperationState {
            operationId: id,
            expectedStates: bitmap(&[OperationState::Ready]),
        })
    );
    vm.set_sender(PROPOSER);
    let err = assert_refused(&vm, || {
        tl.schedule(
            TARGET,
            U256::ZERO,
            data.clone(),
            B256::ZERO,
            salt(1),
            U256::from(DELAY),
        )
    });
    assert_eq!(
        err,
        enc(TimelockUnexpectedOperationState {
            operationId: id,
            expectedStates: bitmap(&[OperationState::Unset]),
        })
    );
    let err = assert_refused(&vm, || tl.cancel(id));
    assert_eq!(
        err,
        enc(TimelockUnexpectedOperationState {
            operationId: id,
            expectedStates: bitmap(&[OperationState::Waiting, OperationState::Ready]),
        })
    );
    // Long after, still done (not expired).
    vm.set_block_timestamp(T0 + 100 * DAY);
    assert_state(&tl, id, DONE, 1, false);
    assert_eq!(calls_to(&vm, TARGET).len(), 1);
}

#[test]
fn a_waiting_or_ready_operation_cannot_be_scheduled_twice() {
    let (vm, mut tl) = setup();
    let data = set_config(1);
    let id = schedule(&vm, &mut tl, TARGET, &data, salt(1));
    vm.set_sender(PROPOSER);
    for t in [T0, T0 + DELAY] {
        vm.set_block_timestamp(t);
        let err = assert_refused(&vm, || {
            tl.schedule(
                TARGET,
                U256::ZERO,
                data.clone(),
                B256::ZERO,
                salt(1),
                U256::from(DELAY),
            )
        });
        assert_eq!(
            err,
            enc(TimelockUnexpectedOperationState {
                operationId: id,
                expectedStates: bitmap(&[OperationState::Unset]),
            })
        );
    }
}

#[test]
fn cancel_removes_a_waiting_or_ready_operation() {
    for t in [T0, T0 + DELAY - 1, T0 + DELAY, T0 + DELAY + GRACE - 1] {
        let (vm, mut tl) = setup();
        let data = set_config(1);
        let id = schedule(&vm, &mut tl, TARGET, &data, salt(1));
        vm.set_block_timestamp(t);
        vm.set_sender(PROPOSER);
        tl.cancel(id).unwrap();
        assert_state(&tl, id, UNSET, 0, false);
        let (topics, body) = vm.get_emitted_logs().last().unwrap().clone();
        assert_eq!(Cancelled::decode_raw_log(topics, &body).unwrap().id, id);
        vm.set_block_timestamp(T0 + DELAY);
        assert!(execute(&vm, &mut tl, TARGET, &data, B256::ZERO, salt(1)).is_err());
        // Its id may be scheduled again.
        schedule(&vm, &mut tl, TARGET, &data, salt(1));
        assert!(tl.is_operation_pending(id));
    }
}

#[test]
fn cancel_refuses_unset_and_expired_operations() {
    let (vm, mut tl) = setup();
    let expected = bitmap(&[OperationState::Waiting, OperationState::Ready]);
    vm.set_sender(PROPOSER);
    let unknown = B256::repeat_byte(9);
    let err = assert_refused(&vm, || tl.cancel(unknown));
    assert_eq!(
        err,
        enc(TimelockUnexpectedOperationState {
            operationId: unknown,
            expectedStates: expected,
        })
    );
    let id = schedule(&vm, &mut tl, TARGET, &set_config(1), salt(1));
    vm.set_block_timestamp(T0 + DELAY + GRACE);
    let err = assert_refused(&vm, || tl.cancel(id));
    assert_eq!(
        err,
        enc(TimelockUnexpectedOperationState {
            operationId: id,
            expectedStates: expected,
        })
    );
}

#[test]
fn schedule_refuses_a_delay_below_the_minimum_or_above_thirty_days() {
    let (vm, mut tl) = setup();
    vm.set_sender(PROPOSER);
    let data = set_config(1);
    let try_delay = |tl: &mut EmergencyTimelock, d: U256| {
        tl.schedule(
            TARGET,
            U256::ZERO,
            data.clone(),
            B256::ZERO,
            B256::from(d),
            d,
        )
    };
    let err = assert_refused(&vm, || try_delay(&mut tl, U256::from(DELAY - 1)));
    assert_eq!(
        err,
        enc(TimelockInsufficientDelay {
            delay: U256::from(DELAY - 1),
            minDelay: U256::from(DELAY),
        })
    );
    for d in [U256::from(30 * DAY + 1), U256::MAX] {
        let err = assert_refused(&vm, || try_delay(&mut tl, d));
        assert_eq!(
            err,
            enc(TimelockExcessiveDelay {
                delay: d,
                maxDelay: U256::from(30 * DAY),
            })
        );
    }
    try_delay(&mut tl, U256::from(DELAY)).unwrap();
    try_delay(&mut tl, U256::from(30 * DAY)).unwrap();
}

#[test]
fn the_grace_window_is_pinned_when_an_operation_is_scheduled() {
    let (vm, mut tl) = setup();
    let data = set_config(1);
    let early = schedule(&vm, &mut tl, TARGET, &data, salt(1));
    // Shorten the grace window to 1 day (through the delay: the clock moves
    // to T0 + DELAY).
    govern(
        &vm,
        &mut tl,
        ITimelock::updateGracePeriodCall {
            newGracePeriod: U256::from(DAY),
        }
        .abi_encode(),
        salt(2),
    )
    .unwrap();
    assert_eq!(tl.get_grace_period(), U256::from(DAY));
    let late = schedule(&vm, &mut tl, TARGET, &data, salt(3));
    assert_eq!(tl.get_expiry(early), U256::from(T0 + DELAY + GRACE));
    assert_eq!(tl.get_expiry(late), U256::from(T0 + 2 * DELAY + DAY));
    vm.set_block_timestamp(T0 + 2 * DELAY + DAY);
    assert!(tl.is_operation_expired(late));
    assert!(tl.is_operation_ready(early));
}
