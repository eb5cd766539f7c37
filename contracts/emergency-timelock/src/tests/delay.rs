//! The minimum delay and the grace window: only the timelock itself
//! changes them, within bounds; a decrease waits the old delay.

use alloy_sol_types::SolEvent;

use super::*;
use crate::{
    errors::{
        TimelockInsufficientDelay, TimelockInvalidGracePeriod, TimelockInvalidMinDelay,
        TimelockUnauthorizedCaller,
    },
    events::{GracePeriodChange, MinDelayChange, MinDelayDecreaseScheduled},
};

const HOUR: u64 = 3_600;
const MAX: u64 = 30 * DAY;

fn invalid_delay(d: U256) -> Vec<u8> {
    enc(TimelockInvalidMinDelay {
        delay: d,
        lowerBound: U256::from(HOUR),
        upperBound: U256::from(MAX),
    })
}

#[test]
fn only_the_timelock_itself_changes_the_delay_or_the_grace_window() {
    let (vm, mut tl) = setup();
    for who in [PROPOSER, EXECUTOR, GUARDIAN, STRANGER] {
        vm.set_sender(who);
        let err = assert_refused(&vm, || tl.update_delay(U256::from(2 * DAY)));
        assert_eq!(err, enc(TimelockUnauthorizedCaller { caller: who }));
        let err = assert_refused(&vm, || tl.update_grace_period(U256::from(2 * DAY)));
        assert_eq!(err, enc(TimelockUnauthorizedCaller { caller: who }));
    }
}

#[test]
fn the_delay_stays_between_one_hour_and_thirty_days() {
    let (vm, mut tl) = setup();
    vm.set_sender(this(&vm));
    for d in [
        U256::ZERO,
        U256::from(HOUR - 1),
        U256::from(MAX + 1),
        U256::MAX,
    ] {
        let err = assert_refused(&vm, || tl.update_delay(d));
        assert_eq!(err, invalid_delay(d));
    }
    tl.update_delay(U256::from(MAX)).unwrap();
    assert_eq!(tl.get_min_delay(), U256::from(MAX));
    tl.update_delay(U256::from(HOUR)).unwrap();
}

#[test]
fn the_constructor_refuses_a_delay_out_of_bounds() {
    for d in [HOUR - 1, MAX + 1] {
        let vm = TestVM::new();
        let mut tl = EmergencyTimelock::from(&vm);
        let err = tl
            .constructor(U256::from(d), vec![PROPOSER], vec![EXECUTOR], GUARDIAN)
            .unwrap_err();
        assert_eq!(bytes_of(err), invalid_delay(U256::from(d)));
    }
}

#[test]
fn an_increase_takes_effect_at_once() {
    let (vm, mut tl) = setup();
    govern(
        &vm,
        &mut tl,
        ITimelock::updateDelayCall {
            newDelay: U256::from(2 * DAY),
        }
        .abi_encode(),
        salt(1),
    )
    .unwrap();
    assert_eq!(tl.get_min_delay(), U256::from(2 * DAY));
    assert_eq!(tl.get_pending_min_delay(), (U256::ZERO, U256::ZERO));
    let logs = vm.get_emitted_logs();
    let (topics, body) = logs
        .iter()
        .rev()
        .find(|(t, _)| t[0] == MinDelayChange::SIGNATURE_HASH)
        .unwrap();
    let ev = MinDelayChange::decode_raw_log(topics.iter().copied(), body).unwrap();
    assert_eq!(
        (ev.oldDuration, ev.newDuration),
        (U256::from(DAY), U256::from(2 * DAY))
    );
    // Scheduling with the old delay is now refused.
    vm.set_sender(PROPOSER);
    let err = assert_refused(&vm, || {
        tl.schedule(
            TARGET,
            U256::ZERO,
            set_config(1),
            B256::ZERO,
            B256::ZERO,
            U256::from(DAY),
        )
    });
    assert_eq!(
        err,
        enc(TimelockInsufficientDelay {
            delay: U256::from(DAY),
            minDelay: U256::from(2 * DAY),
        })
    );
}

#[test]
fn a_decrease_takes_effect_only_after_the_old_delay() {
    let (vm, mut tl) = setup();
    govern(
        &vm,
        &mut tl,
        ITimelock::updateDelayCall {
            newDelay: U256::from(HOUR),
        }
        .abi_encode(),
        salt(1),
    )
    .unwrap();
    let decided = T0 + DELAY;
    let effective = decided + DELAY;
    assert_eq!(tl.get_min_delay(), U256::from(DELAY));
    assert_eq!(
        tl.get_pending_min_delay(),
        (U256::from(HOUR), U256::from(effective))
    );
    let (topics, body) = vm
        .get_emitted_logs()
        .into_iter()
        .rev()
        .find(|(t, _)| t[0] == MinDelayDecreaseScheduled::SIGNATURE_HASH)
        .unwrap();
    let ev = MinDelayDecreaseScheduled::decode_raw_log(topics, &body).unwrap();
    assert_eq!(
        (ev.oldDuration, ev.newDuration, ev.effectiveAt),
        (U256::from(DELAY), U256::from(HOUR), U256::from(effective))
    );

    vm.set_sender(PROPOSER);
    vm.set_block_timestamp(effective - 1);
    assert_eq!(tl.get_min_delay(), U256::from(DELAY));
    let err = assert_refused(&vm, || {
        tl.schedule(
            TARGET,
            U256::ZERO,
            set_config(1),
            B256::ZERO,
            B256::ZERO,
            U256::from(HOUR),
        )
    });
    assert_eq!(
        err,
        enc(TimelockInsufficientDelay {
            delay: U256::from(HOUR),
            minDelay: U256::from(DELAY),
        })
    );
    vm.set_block_timestamp(effective);
    assert_eq!(tl.get_min_delay(), U256::from(HOUR));
    assert_eq!(tl.get_pending_min_delay(), (U256::ZERO, U256::ZERO));
    tl.schedule(
        TARGET,
        U256::ZERO,
        set_config(1),
        B256::ZERO,
        B256::ZERO,
        U256::from(HOUR),
    )
    .unwrap();
}

#[test]
fn raising_the_delay_again_discards_a_pending_decrease() {
    let (vm, mut tl) = setup();
    vm.set_sender(this(&vm));
    tl.update_delay(U256::from(HOUR)).unwrap();
    tl.update_delay(U256::from(DELAY)).unwrap();
    assert_eq!(tl.get_pending_min_delay(), (U256::ZERO, U256::ZERO));
    vm.set_block_timestamp(T0 + 10 * DAY);
    assert_eq!(tl.get_min_delay(), U256::from(DELAY));
}

#[test]
fn the_grace_window_stays_between_one_and_thirty_days() {
    let (vm, mut tl) = setup();
    assert_eq!(tl.get_grace_period(), U256::from(GRACE));
    vm.set_sender(this(&vm));
    for g in [
        U256::ZERO,
        U256::from(DAY - 1),
        U256::from(MAX + 1),
        U256::MAX,
    ] {
        let err = assert_refused(&vm, || tl.update_grace_period(g));
        assert_eq!(
            err,
            enc(TimelockInvalidGracePeriod {
                gracePeriod: g,
                lowerBound: U256::from(DAY),
                upperBound: U256::from(MAX),
            })
        );
    }
    for g in [DAY, MAX] {
        tl.update_grace_period(U256::from(g)).unwrap();
        assert_eq!(tl.get_grace_period(), U256::from(g));
    }
    let (topics, body) = vm.get_emitted_logs().last().unwrap().clone();
    let ev = GracePeriodChange::decode_raw_log(topics, &body).unwrap();
    assert_eq!(
        (ev.oldDuration, ev.newDuration),
        (U256::from(DAY), U256::from(MAX))
    );
}
