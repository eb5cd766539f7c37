//! Every mutating function × every role, the role views and role
//! management (only by the timelock itself).

use alloy_sol_types::SolEvent;

use super::*;
use crate::{
    errors::{AccessControlBadConfirmation, InvalidZeroAddress, TimelockUnsupportedRole},
    events::{RoleGranted, RoleRevoked},
    roles::{CANCELLER_ROLE, DEFAULT_ADMIN_ROLE, EXECUTOR_ROLE, GUARDIAN_ROLE, PROPOSER_ROLE},
};

type Action = fn(&TestVM, &mut EmergencyTimelock) -> Result<(), Vec<u8>>;

/// A mutating function, the state it needs and who may call it.
struct Case {
    name: &'static str,
    prepare: fn(&TestVM, &mut EmergencyTimelock),
    call: Action,
    allowed: &'static [Role],
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Proposer,
    Executor,
    Guardian,
    Stranger,
    Itself,
}

const ALL_ROLES: [Role; 5] = [
    Role::Proposer,
    Role::Executor,
    Role::Guardian,
    Role::Stranger,
    Role::Itself,
];

fn address_of(vm: &TestVM, role: Role) -> Address {
    match role {
        Role::Proposer => PROPOSER,
        Role::Executor => EXECUTOR,
        Role::Guardian => GUARDIAN,
        Role::Stranger => STRANGER,
        Role::Itself => this(vm),
    }
}

fn nothing(_: &TestVM, _: &mut EmergencyTimelock) {}

fn ready_operation(vm: &TestVM, tl: &mut EmergencyTimelock) {
    schedule(vm, tl, TARGET, &set_config(1), B256::ZERO);
    vm.set_block_timestamp(T0 + DELAY);
}

fn ready_batch(vm: &TestVM, tl: &mut EmergencyTimelock) {
    vm.set_sender(PROPOSER);
    tl.schedule_batch(
        vec![TARGET],
        vec![U256::ZERO],
        vec![set_config(1)],
        B256::ZERO,
        B256::ZERO,
        U256::from(DELAY),
    )
    .unwrap();
    vm.set_block_timestamp(T0 + DELAY);
}

fn allowlisted(vm: &TestVM, tl: &mut EmergencyTimelock) {
    vm.set_sender(this(vm));
    tl.set_emergency_call(TARGET, ITarget::setConfigCall::SELECTOR.into(), true)
        .unwrap();
}

fn err<E: Into<Vec<u8>>>(r: Result<(), E>) -> Result<(), Vec<u8>> {
    r.map_err(Into::into)
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "schedule",
            prepare: nothing,
            call: |_, tl| {
                err(tl.schedule(
                    TARGET,
                    U256::ZERO,
                    set_config(1),
                    B256::ZERO,
                    B256::ZERO,
                    U256::from(DELAY),
                ))
            },
            allowed: &[Role::Proposer],
        },
        Case {
            name: "scheduleBatch",
            prepare: nothing,
            call: |_, tl| {
                err(tl.schedule_batch(
                    vec![TARGET],
                    vec![U256::ZERO],
                    vec![set_config(1)],
                    B256::ZERO,
                    B256::ZERO,
                    U256::from(DELAY),
                ))
            },
            allowed: &[Role::Proposer],
        },
        Case {
            name: "cancel",
            prepare: |vm, tl| {
                schedule(vm, tl, TARGET, &set_config(1), B256::ZERO);
            },
            call: |_, tl| {
                let id =
                    tl.hash_operation(TARGET, U256::ZERO, set_config(1), B256::ZERO, B256::ZERO);
                err(tl.cancel(id))
            },
            allowed: &[Role::Proposer],
        },
        Case {
            name: "execute",
            prepare: ready_operation,
            call: |_, tl| tl.execute(TARGET, U256::ZERO, set_config(1), B256::ZERO, B256::ZERO),
            allowed: &[Role::Executor],
        },
        Case {
            name: "executeBatch",
            prepare: ready_batch,
            call: |_, tl| {
                tl.execute_batch(
                    vec![TARGET],
                    vec![U256::ZERO],
                    vec![set_config(1)],
                    B256::ZERO,
                    B256::ZERO,
                )
            },
            allowed: &[Role::Executor],
        },
        Case {
            name: "executeEmergency",
            prepare: allowlisted,
            call: |_, tl| tl.execute_emergency(TARGET, U256::ZERO, set_config(1)),
            allowed: &[Role::Guardian],
        },
        Case {
            name: "updateDelay",
            prepare: nothing,
            call: |_, tl| err(tl.update_delay(U256::from(2 * DAY))),
            allowed: &[Role::Itself],
        },
        Case {
            name: "updateGracePeriod",
            prepare: nothing,
            call: |_, tl| err(tl.update_grace_period(U256::from(2 * DAY))),
            allowed: &[Role::Itself],
        },
        Case {
            name: "setEmergencyCall",
            prepare: nothing,
            call: |_, tl| err(tl.set_emergency_call(TARGET, [1, 2, 3, 4].into(), true)),
            allowed: &[Role::Itself],
        },
        Case {
            name: "grantRole",
            prepare: nothing,
            call: |_, tl| err(tl.grant_role(PROPOSER_ROLE, STRANGER)),
            allowed: &[Role::Itself],
        },
        Case {
            name: "revokeRole",
            prepare: nothing,
            call: |_, tl| err(tl.revoke_role(PROPOSER_ROLE, PROPOSER)),
            allowed: &[Role::Itself],
        },
    ]
}

#[test]
fn every_function_is_open_to_exactly_its_roles() {
    for case in cases() {
        for role in ALL_ROLES {
            let (vm, mut tl) = setup();
            (case.prepare)(&vm, &mut tl);
            vm.set_sender(address_of(&vm, role));
            if case.allowed.contains(&role) {
                let r = (case.call)(&vm, &mut tl);
                assert!(r.is_ok(), "{} by {role:?} should succeed: {r:?}", case.name);
            } else {
                let e = assert_refused(&vm, || (case.call)(&vm, &mut tl));
                assert!(!e.is_empty(), "{} by {role:?}: a named error", case.name);
            }
        }
    }
}

#[test]
fn execution_opens_to_anyone_when_granted_to_the_zero_address() {
    let (vm, mut tl) = setup();
    ready_operation(&vm, &mut tl);
    vm.set_sender(STRANGER);
    assert!(tl
        .execute(TARGET, U256::ZERO, set_config(1), B256::ZERO, B256::ZERO)
        .is_err());
    vm.set_sender(this(&vm));
    tl.grant_role(EXECUTOR_ROLE, Address::ZERO).unwrap();
    vm.set_sender(STRANGER);
    tl.execute(TARGET, U256::ZERO, set_config(1), B256::ZERO, B256::ZERO)
        .unwrap();
}

#[test]
fn the_constructor_grants_openzeppelins_roles_and_the_guardian() {
    let (vm, tl) = setup();
    let me = this(&vm);
    assert!(tl.has_role(PROPOSER_ROLE, PROPOSER));
    assert!(tl.has_role(CANCELLER_ROLE, PROPOSER));
    assert!(tl.has_role(EXECUTOR_ROLE, EXECUTOR));
    assert!(tl.has_role(GUARDIAN_ROLE, GUARDIAN));
    assert!(!tl.has_role(PROPOSER_ROLE, GUARDIAN));
    assert!(!tl.has_role(EXECUTOR_ROLE, Address::ZERO));
    assert!(tl.has_role(DEFAULT_ADMIN_ROLE, me));
    for who in [PROPOSER, EXECUTOR, GUARDIAN, STRANGER] {
        assert!(!tl.has_role(DEFAULT_ADMIN_ROLE, who));
    }
    assert_eq!(tl.get_role_admin(PROPOSER_ROLE), DEFAULT_ADMIN_ROLE);
    assert_eq!(tl.proposer_role(), PROPOSER_ROLE);
    assert_eq!(tl.canceller_role(), CANCELLER_ROLE);
    assert_eq!(tl.executor_role(), EXECUTOR_ROLE);
    assert_eq!(tl.guardian_role(), GUARDIAN_ROLE);
    assert_eq!(tl.default_admin_role(), DEFAULT_ADMIN_ROLE);
    let granted: Vec<_> = vm
        .get_emitted_logs()
        .into_iter()
        .filter(|(t, _)| t[0] == RoleGranted::SIGNATURE_HASH)
        .map(|(t, d)| {
            let e = RoleGranted::decode_raw_log(t, &d).unwrap();
            (e.role, e.account)
        })
        .collect();
    assert_eq!(
        granted,
        vec![
            (DEFAULT_ADMIN_ROLE, me),
            (PROPOSER_ROLE, PROPOSER),
            (CANCELLER_ROLE, PROPOSER),
            (EXECUTOR_ROLE, EXECUTOR),
            (GUARDIAN_ROLE, GUARDIAN),
        ]
    );
}

#[test]
fn the_constructor_refuses_a_zero_guardian() {
    let vm = TestVM::new();
    let mut tl = EmergencyTimelock::from(&vm);
    let e = tl
        .constructor(
            U256::from(DELAY),
            vec![PROPOSER],
            vec![EXECUTOR],
            Address::ZERO,
        )
        .unwrap_err();
    assert_eq!(bytes_of(e), enc(InvalidZeroAddress {}));
}

#[test]
fn the_admin_role_and_unknown_roles_cannot_be_granted_revoked_or_renounced() {
    let (vm, mut tl) = setup();
    let me = this(&vm);
    let unknown = B256::repeat_byte(0x77);
    for role in [DEFAULT_ADMIN_ROLE, unknown] {
        vm.set_sender(me);
        let e = assert_refused(&vm, || tl.grant_role(role, STRANGER));
        assert_eq!(e, enc(TimelockUnsupportedRole { role }));
        let e = assert_refused(&vm, || tl.revoke_role(role, me));
        assert_eq!(e, enc(TimelockUnsupportedRole { role }));
        let e = assert_refused(&vm, || tl.renounce_role(role, me));
        assert_eq!(e, enc(TimelockUnsupportedRole { role }));
        assert!(!tl.has_role(role, STRANGER));
    }
    assert!(tl.has_role(DEFAULT_ADMIN_ROLE, me));
}

#[test]
fn grant_and_revoke_emit_only_on_change() {
    let (vm, mut tl) = setup();
    vm.set_sender(this(&vm));
    let logs = vm.get_emitted_logs().len();
    tl.grant_role(PROPOSER_ROLE, PROPOSER).unwrap();
    tl.revoke_role(PROPOSER_ROLE, STRANGER).unwrap();
    assert_eq!(vm.get_emitted_logs().len(), logs);
    tl.revoke_role(PROPOSER_ROLE, PROPOSER).unwrap();
    assert!(!tl.has_role(PROPOSER_ROLE, PROPOSER));
    assert!(
        tl.has_role(CANCELLER_ROLE, PROPOSER),
        "other roles untouched"
    );
    let (topics, body) = vm.get_emitted_logs().last().unwrap().clone();
    let e = RoleRevoked::decode_raw_log(topics, &body).unwrap();
    assert_eq!(
        (e.role, e.account, e.sender),
        (PROPOSER_ROLE, PROPOSER, this(&vm))
    );
}

#[test]
fn a_holder_may_renounce_its_own_role_at_once() {
    let (vm, mut tl) = setup();
    vm.set_sender(GUARDIAN);
    let e = assert_refused(&vm, || tl.renounce_role(GUARDIAN_ROLE, STRANGER));
    assert_eq!(e, enc(AccessControlBadConfirmation {}));
    tl.renounce_role(GUARDIAN_ROLE, GUARDIAN).unwrap();
    assert!(!tl.has_role(GUARDIAN_ROLE, GUARDIAN));
    let (topics, body) = vm.get_emitted_logs().last().unwrap().clone();
    let e = RoleRevoked::decode_raw_log(topics, &body).unwrap();
    assert_eq!(
        (e.role, e.account, e.sender),
        (GUARDIAN_ROLE, GUARDIAN, GUARDIAN)
    );
}

#[test]
fn a_role_granted_through_the_delay_takes_effect() {
    let (vm, mut tl) = setup();
    govern(
        &vm,
        &mut tl,
        ITimelock::grantRoleCall {
            role: PROPOSER_ROLE,
            account: STRANGER,
        }
        .abi_encode(),
        salt(1),
    )
    .unwrap();
    assert!(tl.has_role(PROPOSER_ROLE, STRANGER));
}
