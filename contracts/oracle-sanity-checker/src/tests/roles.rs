//! Every mutating function × every role, allowed and refused, and the
//! two-step admin transfer.

use super::*;
use stylus_sdk::stylus_core::MessageAccess;

type Action = fn(&TestVM, &mut OracleSanityChecker) -> Result<(), OracleError>;

struct Case {
    name: &'static str,
    call: Action,
    allowed: &'static [Address],
}

const ALL_ROLES: [Address; 3] = [ADMIN, GUARDIAN, STRANGER];

fn configure_again(_: &TestVM, c: &mut OracleSanityChecker) -> Result<(), OracleError> {
    c.configure_market(
        MARKET,
        PRIMARY,
        Address::ZERO,
        60,
        0,
        usd(1),
        usd(10_000),
        100,
        100,
        0,
        1,
        0,
        10_000,
    )
}

fn trip(vm: &TestVM, c: &mut OracleSanityChecker) -> Result<(), OracleError> {
    mock_round(vm, PRIMARY, 3_000 * E8, T0 - 5);
    c.trip_breaker(MARKET)
}

fn reset(vm: &TestVM, c: &mut OracleSanityChecker) -> Result<(), OracleError> {
    let sender = vm.msg_sender();
    vm.set_sender(STRANGER);
    trip(vm, c).unwrap();
    vm.set_sender(sender);
    c.reset_breaker(MARKET)
}

fn rollback(vm: &TestVM, c: &mut OracleSanityChecker) -> Result<(), OracleError> {
    let sender = vm.msg_sender();
    vm.set_sender(ADMIN);
    configure_again(vm, c).unwrap();
    vm.set_sender(sender);
    c.rollback_config(MARKET)
}

fn record(vm: &TestVM, c: &mut OracleSanityChecker) -> Result<(), OracleError> {
    mock_round(vm, PRIMARY, 2_001 * E8, T0 - 5);
    c.record(MARKET)
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "configureMarket",
            call: configure_again,
            allowed: &[ADMIN],
        },
        Case {
            name: "configureTvlTiers",
            call: |_, c| c.configure_tvl_tiers(MARKET, TVL, 0, [1, 0, 0], [5_000, 0, 0]),
            allowed: &[ADMIN],
        },
        Case {
            name: "rollbackConfig",
            call: rollback,
            allowed: &[ADMIN, GUARDIAN],
        },
        Case {
            name: "setSequencerFeed",
            call: |_, c| c.set_sequencer_feed(REFERENCE, 60),
            allowed: &[ADMIN],
        },
        Case {
            name: "record",
            call: record,
            allowed: &ALL_ROLES,
        },
        Case {
            name: "tripBreaker",
            call: trip,
            allowed: &ALL_ROLES,
        },
        Case {
            name: "resetBreaker",
            call: reset,
            allowed: &[ADMIN, GUARDIAN],
        },
        Case {
            name: "setGuardian",
            call: |_, c| c.set_guardian(STRANGER),
            allowed: &[ADMIN],
        },
        Case {
            name: "transferAdmin",
            call: |_, c| c.transfer_admin(STRANGER),
            allowed: &[ADMIN],
        },
    ]
}

#[test]
fn every_mutating_function_is_allowed_exactly_for_its_roles() {
    for case in cases() {
        for who in ALL_ROLES {
            let (vm, mut c) = setup_recorded();
            vm.set_sender(who);
            let result = (case.call)(&vm, &mut c);
            if case.allowed.contains(&who) {
                assert!(result.is_ok(), "{} by {who}: {result:?}", case.name);
            } else {
                assert!(
                    matches!(result, Err(OracleError::UnauthorizedAccount(ref e)) if e.account == who),
                    "{} by {who}: {result:?}",
                    case.name
                );
            }
        }
    }
}

#[test]
fn refused_role_calls_change_nothing() {
    let (vm, mut c) = setup_recorded();
    vm.set_sender(STRANGER);
    assert_refused(&vm, || configure_again(&vm, &mut c));
    assert_refused(&vm, || c.set_sequencer_feed(REFERENCE, 60));
    assert_refused(&vm, || c.set_guardian(STRANGER));
    assert_refused(&vm, || c.transfer_admin(STRANGER));
    assert_refused(&vm, || c.rollback_config(MARKET));
    assert_refused(&vm, || c.accept_admin());
}

#[test]
fn admin_transfer_takes_two_steps() {
    let (vm, mut c) = setup();
    vm.set_sender(ADMIN);
    let err = assert_refused(&vm, || c.transfer_admin(Address::ZERO));
    assert!(matches!(err, OracleError::InvalidZeroAddress(_)));
    c.transfer_admin(STRANGER).unwrap();
    assert_eq!((c.admin(), c.pending_admin()), (ADMIN, STRANGER));
    let err = assert_refused(&vm, || c.accept_admin());
    assert!(matches!(err, OracleError::UnauthorizedAccount(_)));
    vm.set_sender(STRANGER);
    c.accept_admin().unwrap();
    assert_eq!((c.admin(), c.pending_admin()), (STRANGER, Address::ZERO));
    vm.set_sender(ADMIN);
    assert!(matches!(
        c.set_guardian(ADMIN),
        Err(OracleError::UnauthorizedAccount(_))
    ));
}

#[test]
fn set_guardian_refuses_zero_and_hands_over_the_guardian_powers() {
    let (vm, mut c) = setup_recorded();
    vm.set_sender(ADMIN);
    let err = assert_refused(&vm, || c.set_guardian(Address::ZERO));
    assert!(matches!(err, OracleError::InvalidZeroAddress(_)));
    c.set_guardian(STRANGER).unwrap();
    assert_eq!(c.guardian(), STRANGER);
    trip(&vm, &mut c).unwrap();
    vm.set_sender(GUARDIAN);
    assert!(matches!(
        c.reset_breaker(MARKET),
        Err(OracleError::UnauthorizedAccount(_))
    ));
    vm.set_sender(STRANGER);
    c.reset_breaker(MARKET).unwrap();
}

#[test]
fn the_constructor_refuses_zero_roles() {
    let vm = TestVM::new();
    let mut c = OracleSanityChecker::from(&vm);
    assert!(matches!(
        c.constructor(Address::ZERO, GUARDIAN, SEQUENCER),
        Err(OracleError::InvalidZeroAddress(_))
    ));
    assert!(matches!(
        c.constructor(ADMIN, Address::ZERO, SEQUENCER),
        Err(OracleError::InvalidZeroAddress(_))
    ));
    c.constructor(ADMIN, GUARDIAN, SEQUENCER).unwrap();
    assert_eq!((c.admin(), c.guardian()), (ADMIN, GUARDIAN));
    assert_eq!(c.sequencer_config(), (SEQUENCER, 3_600));
}
