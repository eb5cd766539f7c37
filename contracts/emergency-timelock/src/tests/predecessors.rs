//! Predecessor dependencies, as in OpenZeppelin: an operation with a
//! predecessor runs only once the predecessor is done.

use super::*;
use crate::errors::TimelockUnexecutedPredecessor;

#[test]
fn an_operation_waits_for_its_predecessor_to_be_executed() {
    let (vm, mut tl) = setup();
    let first = schedule(&vm, &mut tl, TARGET, &set_config(1), salt(1));
    schedule_after(&vm, &mut tl, OTHER_TARGET, &set_config(2), first, salt(2));
    vm.set_block_timestamp(T0 + DELAY);
    let err = assert_refused(&vm, || {
        execute(&vm, &mut tl, OTHER_TARGET, &set_config(2), first, salt(2))
    });
    assert_eq!(
        err,
        enc(TimelockUnexecutedPredecessor {
            predecessorId: first
        })
    );
    execute(&vm, &mut tl, TARGET, &set_config(1), B256::ZERO, salt(1)).unwrap();
    execute(&vm, &mut tl, OTHER_TARGET, &set_config(2), first, salt(2)).unwrap();
}

#[test]
fn a_cancelled_expired_or_unknown_predecessor_blocks_its_successor() {
    // Unknown predecessor.
    let (vm, mut tl) = setup();
    let unknown = B256::repeat_byte(0x55);
    schedule_after(&vm, &mut tl, TARGET, &set_config(2), unknown, salt(2));
    vm.set_block_timestamp(T0 + DELAY);
    let err = execute(&vm, &mut tl, TARGET, &set_config(2), unknown, salt(2)).unwrap_err();
    assert_eq!(
        err,
        enc(TimelockUnexecutedPredecessor {
            predecessorId: unknown
        })
    );

    // Cancelled predecessor.
    let (vm, mut tl) = setup();
    let first = schedule(&vm, &mut tl, TARGET, &set_config(1), salt(1));
    schedule_after(&vm, &mut tl, OTHER_TARGET, &set_config(2), first, salt(2));
    vm.set_sender(PROPOSER);
    tl.cancel(first).unwrap();
    vm.set_block_timestamp(T0 + DELAY);
    assert!(execute(&vm, &mut tl, OTHER_TARGET, &set_config(2), first, salt(2)).is_err());

    // Expired predecessor: the successor, scheduled later, is still ready
    // but must not run.
    let (vm, mut tl) = setup();
    let first = schedule(&vm, &mut tl, TARGET, &set_config(1), salt(1));
    vm.set_block_timestamp(T0 + 5 * DAY);
    schedule_after(&vm, &mut tl, OTHER_TARGET, &set_config(2), first, salt(2));
    vm.set_block_timestamp(T0 + DELAY + GRACE);
    assert!(tl.is_operation_expired(first));
    let err = execute(&vm, &mut tl, OTHER_TARGET, &set_config(2), first, salt(2)).unwrap_err();
    assert_eq!(
        err,
        enc(TimelockUnexecutedPredecessor {
            predecessorId: first
        })
    );
    assert!(vm.calls().is_empty());
}
