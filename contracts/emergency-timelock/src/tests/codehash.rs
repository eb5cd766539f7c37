//! Codehash pinning: an operation refuses to run if any target's code
//! changed since it was scheduled.

use super::*;
use crate::errors::TimelockTargetCodehashChanged;

#[test]
fn execution_is_refused_when_the_target_code_changed() {
    let (vm, mut tl) = setup();
    let id = schedule(&vm, &mut tl, TARGET, &set_config(1), salt(1));
    vm.set_code(TARGET, vec![0xfe]);
    vm.set_block_timestamp(T0 + DELAY);
    let err = assert_refused(&vm, || {
        execute(&vm, &mut tl, TARGET, &set_config(1), B256::ZERO, salt(1))
    });
    assert_eq!(err, enc(TimelockTargetCodehashChanged { operationId: id }));
    assert!(vm.calls().is_empty());
    // The pin is the code itself: the original code back, it runs.
    vm.set_code(TARGET, vec![0x60, 0x01]);
    execute(&vm, &mut tl, TARGET, &set_config(1), B256::ZERO, salt(1)).unwrap();
}

#[test]
fn code_deployed_at_a_codeless_target_counts_as_a_change() {
    let (vm, mut tl) = setup();
    let eoa = Address::repeat_byte(0x42);
    let id = schedule(&vm, &mut tl, eoa, &Bytes::new(), salt(1));
    vm.set_code(eoa, vec![0x60, 0x00]);
    vm.set_block_timestamp(T0 + DELAY);
    let err = execute(&vm, &mut tl, eoa, &Bytes::new(), B256::ZERO, salt(1)).unwrap_err();
    assert_eq!(err, enc(TimelockTargetCodehashChanged { operationId: id }));
}

#[test]
fn an_account_without_code_coming_into_existence_is_not_a_change() {
    let (vm, mut tl) = setup();
    let eoa = Address::repeat_byte(0x42);
    // Unknown account: EXTCODEHASH 0; once funded: keccak256("").
    schedule(&vm, &mut tl, eoa, &Bytes::new(), salt(1));
    vm.set_code(eoa, Vec::new());
    vm.set_block_timestamp(T0 + DELAY);
    execute(&vm, &mut tl, eoa, &Bytes::new(), B256::ZERO, salt(1)).unwrap();
}

#[test]
fn a_batch_is_refused_when_any_target_code_changed() {
    for changed in [TARGET, OTHER_TARGET] {
        let (vm, mut tl) = setup();
        let t = vec![TARGET, OTHER_TARGET];
        let v = vec![U256::ZERO, U256::ZERO];
        let p = vec![set_config(1), set_config(2)];
        vm.set_sender(PROPOSER);
        tl.schedule_batch(
            t.clone(),
            v.clone(),
            p.clone(),
            B256::ZERO,
            B256::ZERO,
            U256::from(DELAY),
        )
        .unwrap();
        let id = tl.hash_operation_batch(t.clone(), v.clone(), p.clone(), B256::ZERO, B256::ZERO);
        vm.set_code(changed, vec![0xfe, 0xfe]);
        vm.set_block_timestamp(T0 + DELAY);
        vm.set_sender(EXECUTOR);
        let err = assert_refused(&vm, || {
            tl.execute_batch(t.clone(), v.clone(), p.clone(), B256::ZERO, B256::ZERO)
        });
        assert_eq!(err, enc(TimelockTargetCodehashChanged { operationId: id }));
        assert!(vm.calls().is_empty());
    }
}
