//! Sentinel keys: risk-increasing only, duration cap, budget and cooldown.

use alloy_primitives::B256;
use guard_abi::action::{ALL, CLOSE, DEPOSIT, LIQUIDATE, OPEN, RISK_INCREASING};

use super::*;
use crate::{errors::PauseRegistryError as E, SENTINEL_DEFAULT_CAP, SENTINEL_MAX_CAP};

#[test]
fn a_sentinel_pauses_risk_increasing_actions_within_its_cap() {
    let (vm, mut reg) = setup();
    vm.set_sender(SENTINEL);
    reg.pause(MARKET, RISK_INCREASING, SENTINEL_DEFAULT_CAP, B256::ZERO)
        .unwrap();
    assert_eq!(
        reg.pause_state(MARKET),
        (RISK_INCREASING, T0 + SENTINEL_DEFAULT_CAP)
    );
    assert_eq!(reg.sentinel(SENTINEL), (SENTINEL_DEFAULT_CAP, T0, 1));
}

#[test]
fn a_sentinel_pause_reverts_for_risk_reducing_actions() {
    let (vm, mut reg) = setup();
    vm.set_sender(SENTINEL);
    for mask in [1 << CLOSE, 1 << LIQUIDATE, ALL, RISK_INCREASING | (1 << 6)] {
        let e = assert_refused(&vm, || reg.pause(MARKET, mask, 60, B256::ZERO));
        assert!(matches!(e, E::SentinelActionNotAllowed(_)), "{mask:#x}");
    }
}

#[test]
fn a_sentinel_pause_reverts_above_its_cap() {
    let (vm, mut reg) = setup();
    vm.set_sender(ADMIN);
    reg.set_sentinel(SENTINEL, 600).unwrap();
    vm.set_sender(SENTINEL);
    let e = assert_refused(&vm, || reg.pause(MARKET, 1 << OPEN, 601, B256::ZERO));
    assert!(matches!(e, E::InvalidPauseDuration(ref x) if x.maxDuration == 600));
    reg.pause(MARKET, 1 << OPEN, 600, B256::ZERO).unwrap();
}

#[test]
fn a_sentinel_cannot_renew_a_scope_before_the_cooldown() {
    let (vm, mut reg) = setup();
    vm.set_sender(SENTINEL);
    reg.pause(MARKET, 1 << OPEN, 100, B256::ZERO).unwrap();
    // Still paused, and after expiry the cooldown (1 h) runs.
    vm.set_block_timestamp(T0 + 50);
    let e = assert_refused(&vm, || reg.pause(MARKET, 1 << DEPOSIT, 100, B256::ZERO));
    assert!(matches!(e, E::SentinelCooldownActive(ref x) if x.allowedAt == T0 + 101 + 3_600));
    vm.set_block_timestamp(T0 + 100 + 3_600);
    assert!(matches!(
        assert_refused(&vm, || reg.pause(MARKET, 1 << OPEN, 100, B256::ZERO)),
        E::SentinelCooldownActive(_)
    ));
    vm.set_block_timestamp(T0 + 101 + 3_600);
    reg.pause(MARKET, 1 << OPEN, 100, B256::ZERO).unwrap();
    // Other scopes are not cooling down.
    reg.pause(GLOBAL, 1 << OPEN, 100, B256::ZERO).unwrap();
}

#[test]
fn a_sentinel_budget_is_per_window() {
    let (vm, mut reg) = setup();
    vm.set_sender(ADMIN);
    reg.set_sentinel_policy(2, 10_000, 0).unwrap();
    reg.register_market(OTHER_MARKET, 0, 0).unwrap();
    vm.set_sender(SENTINEL);
    reg.pause(MARKET, 1 << OPEN, 10, B256::ZERO).unwrap();
    reg.pause(OTHER_MARKET, 1 << OPEN, 10, B256::ZERO).unwrap();
    let e = assert_refused(&vm, || reg.pause(GLOBAL, 1 << OPEN, 10, B256::ZERO));
    assert!(matches!(e, E::SentinelBudgetExhausted(ref x) if x.windowEndsAt == T0 + 10_000));
    vm.set_block_timestamp(T0 + 10_000);
    reg.pause(GLOBAL, 1 << OPEN, 10, B256::ZERO).unwrap();
    assert_eq!(reg.sentinel(SENTINEL).1, T0 + 10_000);
}

#[test]
fn a_guardian_pause_is_not_limited_by_the_sentinel_rules() {
    let (vm, mut reg) = setup();
    vm.set_sender(SENTINEL);
    reg.pause(MARKET, 1 << OPEN, 10, B256::ZERO).unwrap();
    vm.set_sender(GUARDIAN);
    reg.pause(MARKET, ALL, 1_000_000, B256::ZERO).unwrap();
    reg.pause(MARKET, ALL, 1_000_000, B256::ZERO).unwrap();
}

#[test]
fn a_removed_sentinel_cannot_pause() {
    let (vm, mut reg) = setup();
    vm.set_sender(GUARDIAN);
    reg.remove_sentinel(SENTINEL).unwrap();
    vm.set_sender(SENTINEL);
    let e = assert_refused(&vm, || reg.pause(MARKET, 1 << OPEN, 10, B256::ZERO));
    assert!(matches!(e, E::UnauthorizedAccount(_)));
    vm.set_sender(GUARDIAN);
    assert!(matches!(
        assert_refused(&vm, || reg.remove_sentinel(SENTINEL)),
        E::UnknownSentinel(_)
    ));
}

#[test]
fn set_sentinel_validates_its_cap_and_address() {
    let (vm, mut reg) = setup();
    vm.set_sender(ADMIN);
    assert!(matches!(
        assert_refused(&vm, || reg.set_sentinel(STRANGER, SENTINEL_MAX_CAP + 1)),
        E::InvalidSentinelCap(_)
    ));
    assert!(matches!(
        assert_refused(&vm, || reg.set_sentinel(Address::ZERO, 60)),
        E::InvalidZeroAddress(_)
    ));
    reg.set_sentinel(STRANGER, SENTINEL_MAX_CAP).unwrap();
    assert_eq!(reg.sentinel(STRANGER).0, SENTINEL_MAX_CAP);
}

#[test]
fn set_sentinel_policy_refuses_zero_budget_or_window() {
    let (vm, mut reg) = setup();
    vm.set_sender(ADMIN);
    for (b, w, c) in [
        (0, 100, 0),
        (1, 0, 0),
        (1, 31 * 86_400, 0),
        (1, 100, 31 * 86_400),
    ] {
        assert!(matches!(
            assert_refused(&vm, || reg.set_sentinel_policy(b, w, c)),
            E::InvalidSentinelPolicy(_)
        ));
    }
    reg.set_sentinel_policy(5, 3_600, 60).unwrap();
    assert_eq!(reg.sentinel_policy(), (5, 3_600, 60));
}
