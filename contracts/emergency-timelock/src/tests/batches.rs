//! Batch operations: ids, order, atomicity, length checks.

use alloy_sol_types::SolEvent;

use super::*;
use crate::{
    errors::TimelockInvalidOperationLength,
    events::{CallExecuted, CallScheduled},
};

fn batch() -> (Vec<Address>, Vec<U256>, Vec<Bytes>) {
    (
        vec![TARGET, OTHER_TARGET, TARGET],
        vec![U256::ZERO, U256::ZERO, U256::ZERO],
        vec![set_config(1), set_config(2), set_config(3)],
    )
}

fn schedule_batch(vm: &TestVM, tl: &mut EmergencyTimelock) -> B256 {
    let (t, v, p) = batch();
    vm.set_sender(PROPOSER);
    tl.schedule_batch(
        t.clone(),
        v.clone(),
        p.clone(),
        B256::ZERO,
        salt(1),
        U256::from(DELAY),
    )
    .unwrap();
    tl.hash_operation_batch(t, v, p, B256::ZERO, salt(1))
}

#[test]
fn a_batch_runs_every_call_in_order_once_ready() {
    let (vm, mut tl) = setup();
    let id = schedule_batch(&vm, &mut tl);
    let scheduled: Vec<_> = vm
        .get_emitted_logs()
        .into_iter()
        .filter(|(t, _)| t[0] == CallScheduled::SIGNATURE_HASH)
        .map(|(t, d)| CallScheduled::decode_raw_log(t, &d).unwrap())
        .collect();
    assert_eq!(scheduled.len(), 3);
    for (i, ev) in scheduled.iter().enumerate() {
        assert_eq!((ev.id, ev.index), (id, U256::from(i)));
        assert_eq!(ev.data, set_config(i as u64 + 1));
    }
    let (t, v, p) = batch();
    vm.set_sender(EXECUTOR);
    vm.set_block_timestamp(T0 + DELAY - 1);
    assert!(tl
        .execute_batch(t.clone(), v.clone(), p.clone(), B256::ZERO, salt(1))
        .is_err());
    vm.set_block_timestamp(T0 + DELAY);
    tl.execute_batch(t.clone(), v, p.clone(), B256::ZERO, salt(1))
        .unwrap();
    let calls = vm.calls();
    let made: Vec<_> = calls.iter().map(|c| (c.to, c.data.clone())).collect();
    let expected: Vec<_> = t
        .iter()
        .copied()
        .zip(p.iter().map(|b| b.to_vec()))
        .collect();
    assert_eq!(made, expected);
    let executed: Vec<_> = vm
        .get_emitted_logs()
        .into_iter()
        .filter(|(t, _)| t[0] == CallExecuted::SIGNATURE_HASH)
        .map(|(t, d)| CallExecuted::decode_raw_log(t, &d).unwrap().index)
        .collect();
    assert_eq!(executed, vec![U256::ZERO, U256::from(1), U256::from(2)]);
    assert!(tl.is_operation_done(id));
}

#[test]
fn a_failing_call_reverts_the_whole_batch() {
    let (vm, mut tl) = setup();
    let id = schedule_batch(&vm, &mut tl);
    vm.mock_call(OTHER_TARGET, set_config(2).to_vec(), Err(vec![0xde, 0xad]));
    let (t, v, p) = batch();
    vm.set_sender(EXECUTOR);
    vm.set_block_timestamp(T0 + DELAY);
    let err = in_tx(&vm, || {
        tl.execute_batch(t.clone(), v.clone(), p.clone(), B256::ZERO, salt(1))
    })
    .unwrap_err();
    assert_eq!(err, vec![0xde, 0xad]);
    assert!(tl.is_operation_ready(id));
    assert!(!tl.config_word().executing);
    // The first call was made, then undone with the revert; the third never.
    assert_eq!(vm.calls().len(), 2);
}

#[test]
fn batches_with_mismatched_lengths_are_refused() {
    let (vm, mut tl) = setup();
    let (t, v, p) = batch();
    let cases = [
        (t[..2].to_vec(), v.clone(), p.clone()),
        (t.clone(), v[..2].to_vec(), p.clone()),
        (t.clone(), v.clone(), p[..1].to_vec()),
    ];
    for (t, v, p) in cases {
        let expected = enc(TimelockInvalidOperationLength {
            targets: U256::from(t.len()),
            payloads: U256::from(p.len()),
            values: U256::from(v.len()),
        });
        vm.set_sender(PROPOSER);
        let err = assert_refused(&vm, || {
            tl.schedule_batch(
                t.clone(),
                v.clone(),
                p.clone(),
                B256::ZERO,
                salt(1),
                U256::from(DELAY),
            )
        });
        assert_eq!(err, expected);
        vm.set_sender(EXECUTOR);
        let err = assert_refused(&vm, || {
            tl.execute_batch(t.clone(), v.clone(), p.clone(), B256::ZERO, salt(1))
        });
        assert_eq!(err, expected);
    }
}

#[test]
fn a_batch_and_a_single_call_have_different_ids() {
    let (_vm, tl) = setup();
    let single = tl.hash_operation(TARGET, U256::ZERO, set_config(1), B256::ZERO, B256::ZERO);
    let batch = tl.hash_operation_batch(
        vec![TARGET],
        vec![U256::ZERO],
        vec![set_config(1)],
        B256::ZERO,
        B256::ZERO,
    );
    assert_ne!(single, batch);
}
