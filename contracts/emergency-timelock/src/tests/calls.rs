//! How operations call out: value forwarded, revert data re-raised
//! unchanged, no delegatecall, reentrancy into `execute*` refused, and
//! self-administration through the timelock's own calls.

use super::*;
use crate::errors::TimelockReentrantCall;
use guard_test_host::CallKind;

#[test]
fn value_is_forwarded_to_the_target() {
    let (vm, mut tl) = setup();
    let data = set_config(1);
    vm.set_sender(PROPOSER);
    tl.schedule(
        TARGET,
        U256::from(1_000),
        data.clone(),
        B256::ZERO,
        B256::ZERO,
        U256::from(DELAY),
    )
    .unwrap();
    vm.mock_call_with_value(TARGET, data.to_vec(), U256::from(1_000), Ok(vec![]));
    vm.set_block_timestamp(T0 + DELAY);
    vm.set_sender(EXECUTOR);
    vm.set_value(U256::from(1_000));
    tl.execute(
        TARGET,
        U256::from(1_000),
        data.clone(),
        B256::ZERO,
        B256::ZERO,
    )
    .unwrap();
    let calls = vm.calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(
        (calls[0].kind, calls[0].value),
        (CallKind::Call, U256::from(1_000))
    );
}

#[test]
fn revert_data_is_re_raised_unchanged() {
    let custom = vec![0x08, 0xc3, 0x79, 0xa0, 1, 2, 3];
    for answer in [custom, Vec::new()] {
        let (vm, mut tl) = setup();
        let data = set_config(1);
        let id = schedule(&vm, &mut tl, TARGET, &data, B256::ZERO);
        vm.mock_call(TARGET, data.to_vec(), Err(answer.clone()));
        vm.set_block_timestamp(T0 + DELAY);
        let err = in_tx(&vm, || {
            execute(&vm, &mut tl, TARGET, &data, B256::ZERO, B256::ZERO)
        })
        .unwrap_err();
        assert_eq!(err, answer);
        // The chain undoes the attempt: still ready, lock released.
        assert!(tl.is_operation_ready(id));
        assert!(!tl.config_word().executing);
    }
}

#[test]
fn no_call_is_ever_a_delegatecall() {
    let (vm, mut tl) = setup();
    let data = set_config(1);
    schedule(&vm, &mut tl, TARGET, &data, B256::ZERO);
    vm.set_block_timestamp(T0 + DELAY);
    execute(&vm, &mut tl, TARGET, &data, B256::ZERO, B256::ZERO).unwrap();
    assert!(vm.calls().iter().all(|c| c.kind == CallKind::Call));
}

#[test]
fn a_target_cannot_reenter_execute() {
    let (vm, mut tl) = setup();
    let me = this(&vm);
    // Two ready operations; the first's target tries to execute the second.
    let second_data = set_config(2);
    let second = schedule(&vm, &mut tl, OTHER_TARGET, &second_data, salt(2));
    let reenter = ITimelock::executeCall {
        target: OTHER_TARGET,
        value: U256::ZERO,
        payload: second_data.clone(),
        predecessor: B256::ZERO,
        salt: salt(2),
    }
    .abi_encode();
    let attacker = Address::repeat_byte(0x66);
    let first_data = set_config(1);
    schedule(&vm, &mut tl, attacker, &first_data, salt(1));
    vm.set_block_timestamp(T0 + DELAY);
    // Open execution to anyone, so only the lock stands in the way.
    vm.set_sender(me);
    tl.grant_role(crate::roles::EXECUTOR_ROLE, Address::ZERO)
        .unwrap();
    let host = vm.clone();
    vm.route(attacker, move |_| {
        // The attacker calls timelock.execute(second) from inside the call.
        let inner = router_entrypoint::<EmergencyTimelock, EmergencyTimelock>(
            reenter.clone(),
            VM {
                host: Box::new(host.clone()),
            },
        );
        // ... and reverts with whatever it got back.
        inner.and(Err(b"unexpected success".to_vec()))
    });
    let err = in_tx(&vm, || {
        execute(&vm, &mut tl, attacker, &first_data, B256::ZERO, salt(1))
    })
    .unwrap_err();
    assert_eq!(err, enc(TimelockReentrantCall {}));
    assert!(tl.is_operation_ready(second));
    assert!(calls_to(&vm, OTHER_TARGET).is_empty());
}

#[test]
fn self_administration_runs_through_the_timelocks_own_call_and_releases_the_lock() {
    let (vm, mut tl) = setup();
    govern(
        &vm,
        &mut tl,
        ITimelock::updateDelayCall {
            newDelay: U256::from(3 * DAY),
        }
        .abi_encode(),
        salt(1),
    )
    .unwrap();
    assert_eq!(tl.get_min_delay(), U256::from(3 * DAY));
    assert!(!tl.config_word().executing);
    // The nested call's change survived the lock release, and the next
    // execution is not mistaken for a reentrant one.
    let data = set_config(1);
    vm.set_sender(PROPOSER);
    tl.schedule(
        TARGET,
        U256::ZERO,
        data.clone(),
        B256::ZERO,
        B256::ZERO,
        U256::from(3 * DAY),
    )
    .unwrap();
    vm.set_block_timestamp(vm.block_timestamp() + 3 * DAY);
    execute(&vm, &mut tl, TARGET, &data, B256::ZERO, B256::ZERO).unwrap();
}

#[test]
fn a_failing_self_call_reverts_the_operation_with_its_error() {
    let (vm, mut tl) = setup();
    let me = this(&vm);
    let data: Bytes = ITimelock::updateDelayCall {
        newDelay: U256::from(1),
    }
    .abi_encode()
    .into();
    let id = schedule(&vm, &mut tl, me, &data, B256::ZERO);
    vm.set_block_timestamp(T0 + DELAY);
    let err = in_tx(&vm, || {
        execute(&vm, &mut tl, me, &data, B256::ZERO, B256::ZERO)
    })
    .unwrap_err();
    assert_eq!(
        err,
        enc(crate::errors::TimelockInvalidMinDelay {
            delay: U256::from(1),
            lowerBound: U256::from(3_600),
            upperBound: U256::from(30 * DAY),
        })
    );
    assert!(tl.is_operation_ready(id));
}
