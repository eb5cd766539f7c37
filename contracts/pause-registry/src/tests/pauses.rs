//! Pausing, lifting and expiry.

use alloy_primitives::B256;
use guard_abi::action::{ALL, CLOSE, DEPOSIT, OPEN, RISK_INCREASING, RISK_REDUCING};
use proptest::prelude::*;

use super::*;
use crate::{errors::PauseRegistryError as E, GUARDIAN_MAX_PAUSE};

#[test]
fn a_pause_is_gone_one_second_after_until() {
    let (vm, mut reg) = setup();
    vm.set_sender(GUARDIAN);
    reg.pause(MARKET, 1 << OPEN, 100, B256::ZERO).unwrap();
    vm.set_block_timestamp(T0 + 100);
    assert_eq!(reg.pause_state(MARKET), (1 << OPEN, T0 + 100));
    vm.set_block_timestamp(T0 + 101);
    assert_eq!(reg.pause_state(MARKET), (0, 0));
}

#[test]
fn pause_unions_masks_and_the_later_expiry_wins() {
    let (vm, mut reg) = setup();
    vm.set_sender(GUARDIAN);
    reg.pause(MARKET, 1 << OPEN, 1_000, B256::ZERO).unwrap();
    reg.pause(MARKET, 1 << DEPOSIT, 10, B256::ZERO).unwrap();
    assert_eq!(
        reg.pause_state(MARKET),
        ((1 << OPEN) | (1 << DEPOSIT), T0 + 1_000)
    );
    reg.pause(MARKET, 1 << DEPOSIT, 2_000, B256::ZERO).unwrap();
    assert_eq!(reg.pause_state(MARKET).1, T0 + 2_000);
}

#[test]
fn pause_emits_paused_with_the_resulting_mask() {
    use alloy_sol_types::SolEvent;
    let (vm, mut reg) = setup();
    vm.set_sender(GUARDIAN);
    let reason = B256::repeat_byte(0x77);
    reg.pause(GLOBAL, ALL, 60, reason).unwrap();
    let (topics, data) = vm.get_emitted_logs().last().cloned().unwrap();
    assert_eq!(topics[0], crate::events::Paused::SIGNATURE_HASH);
    let ev = crate::events::Paused::decode_raw_log(topics, &data).unwrap();
    assert_eq!(
        (ev.market, ev.account, ev.actions, ev.mask, ev.until, ev.reason),
        (GLOBAL, GUARDIAN, ALL, ALL, T0 + 60, reason)
    );
}

#[test]
fn pause_reverts_when_the_mask_is_zero_or_outside_all() {
    let (vm, mut reg) = setup();
    vm.set_sender(GUARDIAN);
    for mask in [0u16, 0x80, 0xFFFF] {
        let e = assert_refused(&vm, || reg.pause(MARKET, mask, 60, B256::ZERO));
        assert!(matches!(e, E::InvalidActionMask(_)), "{mask:#x}");
    }
}

#[test]
fn pause_reverts_when_the_duration_is_zero_or_above_fourteen_days() {
    let (vm, mut reg) = setup();
    vm.set_sender(GUARDIAN);
    for d in [0, GUARDIAN_MAX_PAUSE + 1, u64::MAX] {
        let e = assert_refused(&vm, || reg.pause(MARKET, ALL, d, B256::ZERO));
        assert!(matches!(e, E::InvalidPauseDuration(_)));
    }
    reg.pause(MARKET, ALL, GUARDIAN_MAX_PAUSE, B256::ZERO)
        .unwrap();
}

#[test]
fn pause_reverts_for_an_unknown_market() {
    let (vm, mut reg) = setup();
    vm.set_sender(GUARDIAN);
    let e = assert_refused(&vm, || reg.pause(OTHER_MARKET, ALL, 60, B256::ZERO));
    assert!(matches!(e, E::UnknownMarket(_)));
}

#[test]
fn unpause_by_the_admin_lifts_anything_early() {
    let (vm, mut reg) = setup();
    vm.set_sender(GUARDIAN);
    reg.pause(MARKET, ALL, 10_000, B256::ZERO).unwrap();
    vm.set_sender(ADMIN);
    reg.unpause(MARKET, RISK_INCREASING).unwrap();
    assert_eq!(reg.pause_state(MARKET).0, ALL & !RISK_INCREASING);
    reg.unpause(MARKET, ALL).unwrap();
    assert_eq!(reg.pause_state(MARKET), (0, 0));
}

#[test]
fn unpause_by_the_guardian_lifts_only_risk_reducing_actions() {
    let (vm, mut reg) = setup();
    vm.set_sender(GUARDIAN);
    reg.pause(MARKET, ALL, 10_000, B256::ZERO).unwrap();
    let e = assert_refused(&vm, || reg.unpause(MARKET, 1 << OPEN));
    assert!(matches!(e, E::GuardianMayOnlyLiftRiskReducing(_)));
    reg.unpause(MARKET, RISK_REDUCING).unwrap();
    assert_eq!(reg.pause_state(MARKET).0, ALL & !RISK_REDUCING);
}

#[test]
fn unpause_reverts_when_nothing_is_paused() {
    let (vm, mut reg) = setup();
    vm.set_sender(ADMIN);
    let e = assert_refused(&vm, || reg.unpause(MARKET, 1 << CLOSE));
    assert!(matches!(e, E::ActionsNotPaused(_)));
    vm.set_sender(GUARDIAN);
    reg.pause(MARKET, 1 << CLOSE, 10, B256::ZERO).unwrap();
    vm.set_block_timestamp(T0 + 11);
    let e = assert_refused(&vm, || reg.unpause(MARKET, 1 << CLOSE));
    assert!(
        matches!(e, E::ActionsNotPaused(_)),
        "an expired pause is not paused"
    );
}

proptest! {
    #[test]
    fn any_pause_expires_exactly_after_its_duration(mask in 1u16..=ALL, duration in 1u64..=GUARDIAN_MAX_PAUSE, global in any::<bool>()) {
        let (vm, mut reg) = setup();
        vm.set_sender(GUARDIAN);
        let scope = if global { GLOBAL } else { MARKET };
        reg.pause(scope, mask, duration, B256::ZERO).unwrap();
        vm.set_block_timestamp(T0 + duration);
        prop_assert_eq!(reg.pause_state(scope), (mask, T0 + duration));
        vm.set_block_timestamp(T0 + duration + 1);
        prop_assert_eq!(reg.pause_state(scope), (0, 0));
    }
}
