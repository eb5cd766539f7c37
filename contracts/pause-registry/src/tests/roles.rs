//! Every mutating function × every role, allowed and refused, and the
//! two-step admin transfer.

use alloy_primitives::B256;
use guard_abi::action::{ALL, OPEN, RISK_INCREASING, RISK_REDUCING, SETTLE};

use super::*;
use crate::errors::PauseRegistryError as E;

type Action = fn(&TestVM, &mut PauseRegistry) -> Result<(), PauseRegistryError>;

/// A mutating function, the setup it needs (run as admin/guardian) and who may call it.
struct Case {
    name: &'static str,
    prepare: fn(&TestVM, &mut PauseRegistry),
    call: Action,
    allowed: &'static [Address],
}

fn nothing(_: &TestVM, _: &mut PauseRegistry) {}

fn paused_all(vm: &TestVM, reg: &mut PauseRegistry) {
    vm.set_sender(GUARDIAN);
    reg.pause(MARKET, ALL, 1_000, B256::ZERO).unwrap();
}

fn changed_config(vm: &TestVM, reg: &mut PauseRegistry) {
    vm.set_sender(ADMIN);
    reg.set_market_config(MARKET, 1 << SETTLE, 60).unwrap();
}

fn open_incident(vm: &TestVM, reg: &mut PauseRegistry) {
    vm.set_sender(GUARDIAN);
    reg.declare_incident(MARKET, T0 - 10).unwrap();
}

const ALL_ROLES: [Address; 4] = [ADMIN, GUARDIAN, SENTINEL, STRANGER];

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "pause",
            prepare: nothing,
            call: |_, r| r.pause(MARKET, RISK_INCREASING, 60, B256::ZERO),
            allowed: &[ADMIN, GUARDIAN, SENTINEL],
        },
        Case {
            name: "unpause (risk-reducing)",
            prepare: paused_all,
            call: |_, r| r.unpause(MARKET, RISK_REDUCING),
            allowed: &[ADMIN, GUARDIAN],
        },
        Case {
            name: "unpause (risk-increasing)",
            prepare: paused_all,
            call: |_, r| r.unpause(MARKET, 1 << OPEN),
            allowed: &[ADMIN],
        },
        Case {
            name: "registerMarket",
            prepare: nothing,
            call: |_, r| r.register_market(OTHER_MARKET, 0, 0),
            allowed: &[ADMIN],
        },
        Case {
            name: "setMarketConfig",
            prepare: nothing,
            call: |_, r| r.set_market_config(MARKET, 0, 0),
            allowed: &[ADMIN],
        },
        Case {
            name: "rollbackConfig",
            prepare: changed_config,
            call: |_, r| r.rollback_config(MARKET),
            allowed: &[ADMIN, GUARDIAN],
        },
        Case {
            name: "declareIncident",
            prepare: nothing,
            call: |_, r| r.declare_incident(MARKET, T0 - 1),
            allowed: &[ADMIN, GUARDIAN, SENTINEL],
        },
        Case {
            name: "closeIncident",
            prepare: open_incident,
            call: |_, r| r.close_incident(MARKET),
            allowed: &[ADMIN, GUARDIAN],
        },
        Case {
            name: "setIncidentLookback",
            prepare: nothing,
            call: |_, r| r.set_incident_lookback(60),
            allowed: &[ADMIN],
        },
        Case {
            name: "setSentinel",
            prepare: nothing,
            call: |_, r| r.set_sentinel(OTHER_SENTINEL, 60),
            allowed: &[ADMIN],
        },
        Case {
            name: "removeSentinel",
            prepare: nothing,
            call: |_, r| r.remove_sentinel(SENTINEL),
            allowed: &[ADMIN, GUARDIAN],
        },
        Case {
            name: "setSentinelPolicy",
            prepare: nothing,
            call: |_, r| r.set_sentinel_policy(1, 60, 60),
            allowed: &[ADMIN],
        },
        Case {
            name: "setOracle",
            prepare: nothing,
            call: |_, r| r.set_oracle(OTHER_SENTINEL),
            allowed: &[ADMIN],
        },
        Case {
            name: "setGuardian",
            prepare: nothing,
            call: |_, r| r.set_guardian(OTHER_SENTINEL),
            allowed: &[ADMIN],
        },
        Case {
            name: "transferAdmin",
            prepare: nothing,
            call: |_, r| r.transfer_admin(OTHER_SENTINEL),
            allowed: &[ADMIN],
        },
        Case {
            name: "acceptAdmin",
            prepare: nothing,
            call: |_, r| r.accept_admin(),
            allowed: &[],
        },
    ]
}

const OTHER_SENTINEL: Address =
    alloy_primitives::address!("00000000000000000000000000000000000f0f0f");

#[test]
fn every_mutating_function_is_allowed_or_refused_per_role() {
    for case in cases() {
        for role in ALL_ROLES {
            let (vm, mut reg) = setup();
            (case.prepare)(&vm, &mut reg);
            vm.set_sender(role);
            if case.allowed.contains(&role) {
                if let Err(e) = (case.call)(&vm, &mut reg) {
                    panic!("{} by {role} should succeed, got {e:?}", case.name);
                }
            } else {
                let e = assert_refused(&vm, || (case.call)(&vm, &mut reg));
                assert!(
                    matches!(e, E::UnauthorizedAccount(ref x) if x.account == role)
                        || matches!(e, E::GuardianMayOnlyLiftRiskReducing(_) if role == GUARDIAN),
                    "{} by {role}: unexpected {e:?}",
                    case.name
                );
            }
        }
    }
}

#[test]
fn admin_transfer_takes_two_steps() {
    let (vm, mut reg) = setup();
    vm.set_sender(ADMIN);
    reg.transfer_admin(OTHER_SENTINEL).unwrap();
    assert_eq!((reg.admin(), reg.pending_admin()), (ADMIN, OTHER_SENTINEL));
    vm.set_sender(STRANGER);
    assert!(matches!(
        assert_refused(&vm, || reg.accept_admin()),
        E::UnauthorizedAccount(_)
    ));
    vm.set_sender(OTHER_SENTINEL);
    reg.accept_admin().unwrap();
    assert_eq!(
        (reg.admin(), reg.pending_admin()),
        (OTHER_SENTINEL, Address::ZERO)
    );
    vm.set_sender(ADMIN);
    assert!(matches!(
        assert_refused(&vm, || reg.set_incident_lookback(60)),
        E::UnauthorizedAccount(_)
    ));
}

#[test]
fn role_setters_refuse_the_zero_address() {
    let (vm, mut reg) = setup();
    vm.set_sender(ADMIN);
    assert!(matches!(
        assert_refused(&vm, || reg.set_oracle(Address::ZERO)),
        E::InvalidZeroAddress(_)
    ));
    assert!(matches!(
        assert_refused(&vm, || reg.set_guardian(Address::ZERO)),
        E::InvalidZeroAddress(_)
    ));
    assert!(matches!(
        assert_refused(&vm, || reg.transfer_admin(Address::ZERO)),
        E::InvalidZeroAddress(_)
    ));
}

#[test]
fn the_constructor_refuses_zero_addresses() {
    for (a, g, o) in [
        (Address::ZERO, GUARDIAN, ORACLE),
        (ADMIN, Address::ZERO, ORACLE),
        (ADMIN, GUARDIAN, Address::ZERO),
    ] {
        let vm = TestVM::new();
        let mut reg = PauseRegistry::from(&vm);
        assert!(matches!(
            reg.constructor(a, g, o),
            Err(E::InvalidZeroAddress(_))
        ));
    }
}

#[test]
fn the_constructor_sets_roles_and_defaults() {
    let (_vm, reg) = setup();
    assert_eq!(
        (reg.admin(), reg.guardian(), reg.oracle()),
        (ADMIN, GUARDIAN, ORACLE)
    );
    assert_eq!(
        reg.incident_lookback(),
        u64::from(crate::DEFAULT_INCIDENT_LOOKBACK)
    );
    assert_eq!(
        reg.sentinel_policy(),
        (
            crate::SENTINEL_DEFAULT_BUDGET,
            u64::from(crate::SENTINEL_DEFAULT_WINDOW),
            u64::from(crate::SENTINEL_DEFAULT_COOLDOWN)
        )
    );
}
