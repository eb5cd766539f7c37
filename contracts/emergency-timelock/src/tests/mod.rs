//! Unit tests of the EmergencyTimelock on stylus-test's TestVM (through
//! `guard-test-host`): targets are mocked at the calldata level, codehashes
//! set with `set_code`, and calls to the timelock itself routed back into
//! a live instance so self-administration runs end to end.

mod batches;
mod calls;
mod codehash;
mod delay;
mod dispatch;
mod emergency;
mod encoding;
mod lifecycle;
mod model;
mod predecessors;
mod roles;

use alloy_primitives::{address, Address, Bytes, FixedBytes, B256, U256};
use alloy_sol_types::{SolCall, SolError};
pub use guard_test_host::GuardHost as TestVM;
use stylus_sdk::{
    abi::router_entrypoint,
    host::VM,
    stylus_core::{AccountAccess, BlockAccess, MessageAccess},
};

use crate::{errors::TimelockError, EmergencyTimelock};

pub const PROPOSER: Address = address!("00000000000000000000000000000000000a0a0a");
pub const EXECUTOR: Address = address!("00000000000000000000000000000000000b0b0b");
pub const GUARDIAN: Address = address!("00000000000000000000000000000000000c0c0c");
pub const STRANGER: Address = address!("00000000000000000000000000000000000d0d0d");
pub const TARGET: Address = address!("0000000000000000000000000000000000007a01");
pub const OTHER_TARGET: Address = address!("0000000000000000000000000000000000007a02");
pub const T0: u64 = 1_700_000_000;
pub const DAY: u64 = 86_400;
pub const DELAY: u64 = DAY;
pub const GRACE: u64 = 7 * DAY;

alloy_sol_types::sol! {
    /// The timelock's own functions, for calldata of self-administration.
    interface ITimelock {
        function updateDelay(uint256 newDelay);
        function updateGracePeriod(uint256 newGracePeriod);
        function setEmergencyCall(address target, bytes4 selector, bool allowed);
        function grantRole(bytes32 role, address account);
        function revokeRole(bytes32 role, address account);
        function execute(address target, uint256 value, bytes payload, bytes32 predecessor, bytes32 salt);
        function schedule(address target, uint256 value, bytes data, bytes32 predecessor, bytes32 salt, uint256 delay);
    }
    /// A target's functions.
    interface ITarget {
        function pause(bytes32 market, uint16 actions, uint64 duration, bytes32 reason);
        function setConfig(uint256 value);
    }
}

/// A timelock deployed at `T0` with a 1-day delay, `PROPOSER` (proposer and
/// canceller), `EXECUTOR` and `GUARDIAN`; `TARGET` and `OTHER_TARGET` have
/// code; calls to the timelock itself are routed back into it.
pub fn setup() -> (TestVM, EmergencyTimelock) {
    let vm = TestVM::new();
    vm.set_block_timestamp(T0);
    vm.set_code(TARGET, vec![0x60, 0x01]);
    vm.set_code(OTHER_TARGET, vec![0x60, 0x02]);
    let mut tl = EmergencyTimelock::from(&vm);
    tl.constructor(U256::from(DELAY), vec![PROPOSER], vec![EXECUTOR], GUARDIAN)
        .unwrap();
    route_self(&vm);
    vm.set_sender(STRANGER);
    (vm, tl)
}

/// The timelock's own address.
pub fn this(vm: &TestVM) -> Address {
    vm.contract_address()
}

/// Routes calls to the timelock's address into its router, as the
/// timelock itself (msg.sender = the timelock, no value).
pub fn route_self(vm: &TestVM) {
    let host = vm.clone();
    let me = this(vm);
    vm.route(me, move |data| {
        let sender = host.msg_sender();
        let value = host.msg_value();
        host.set_sender(me);
        host.set_value(U256::ZERO);
        let out = router_entrypoint::<EmergencyTimelock, EmergencyTimelock>(
            data.to_vec(),
            VM {
                host: Box::new(host.clone()),
            },
        );
        host.set_sender(sender);
        host.set_value(value);
        out
    });
}

/// Calldata `setConfig(n)` for a target.
pub fn set_config(n: u64) -> Bytes {
    ITarget::setConfigCall {
        value: U256::from(n),
    }
    .abi_encode()
    .into()
}

/// Calldata of a risk-reducing call: `TARGET.pause(...)`.
pub fn pause_call() -> Bytes {
    ITarget::pauseCall {
        market: B256::repeat_byte(1),
        actions: 0x07,
        duration: 3_600,
        reason: B256::ZERO,
    }
    .abi_encode()
    .into()
}

/// The selector of [`pause_call`].
pub const PAUSE: FixedBytes<4> = FixedBytes(ITarget::pauseCall::SELECTOR);

/// Salt `n`.
pub fn salt(n: u8) -> B256 {
    B256::with_last_byte(n)
}

/// Schedules `(target, 0, data, 0, salt)` as `PROPOSER` with `DELAY`; returns its id.
pub fn schedule(
    vm: &TestVM,
    tl: &mut EmergencyTimelock,
    target: Address,
    data: &Bytes,
    s: B256,
) -> B256 {
    schedule_after(vm, tl, target, data, B256::ZERO, s)
}

/// Schedules `(target, 0, data, predecessor, salt)` as `PROPOSER` with `DELAY`.
pub fn schedule_after(
    vm: &TestVM,
    tl: &mut EmergencyTimelock,
    target: Address,
    data: &Bytes,
    predecessor: B256,
    s: B256,
) -> B256 {
    let sender = vm.msg_sender();
    vm.set_sender(PROPOSER);
    tl.schedule(
        target,
        U256::ZERO,
        data.clone(),
        predecessor,
        s,
        U256::from(DELAY),
    )
    .unwrap();
    vm.set_sender(sender);
    tl.hash_operation(target, U256::ZERO, data.clone(), predecessor, s)
}

/// Executes `(target, 0, data, predecessor, salt)` as `EXECUTOR`.
pub fn execute(
    vm: &TestVM,
    tl: &mut EmergencyTimelock,
    target: Address,
    data: &Bytes,
    predecessor: B256,
    s: B256,
) -> Result<(), Vec<u8>> {
    let sender = vm.msg_sender();
    vm.set_sender(EXECUTOR);
    let r = tl.execute(target, U256::ZERO, data.clone(), predecessor, s);
    vm.set_sender(sender);
    r
}

/// Runs a self-administration call through the full delay: scheduled by
/// `PROPOSER`, executed by `EXECUTOR` once ready (the clock moves on).
pub fn govern(
    vm: &TestVM,
    tl: &mut EmergencyTimelock,
    data: Vec<u8>,
    s: B256,
) -> Result<(), Vec<u8>> {
    let me = this(vm);
    let data = Bytes::from(data);
    schedule(vm, tl, me, &data, s);
    let delay = tl.get_min_delay().to::<u64>().max(DELAY);
    vm.set_block_timestamp(vm.block_timestamp() + delay);
    execute(vm, tl, me, &data, B256::ZERO, s)
}

/// The ABI encoding of a custom error.
#[allow(clippy::needless_pass_by_value)] // Call sites build the error inline.
pub fn enc(e: impl SolError) -> Vec<u8> {
    e.abi_encode()
}

/// A `TimelockError` as bytes.
pub fn bytes_of(e: TimelockError) -> Vec<u8> {
    e.into()
}

/// Runs `f` and asserts it failed without touching storage or emitting
/// logs; returns the revert data.
pub fn assert_refused<T: core::fmt::Debug, E: Into<Vec<u8>>>(
    vm: &TestVM,
    f: impl FnOnce() -> Result<T, E>,
) -> Vec<u8> {
    let before = vm.snapshot().storage;
    let logs_before = vm.get_emitted_logs().len();
    let err = f().expect_err("call should have been refused").into();
    assert_eq!(
        vm.snapshot().storage,
        before,
        "a refused call changed storage"
    );
    assert_eq!(
        vm.get_emitted_logs().len(),
        logs_before,
        "a refused call emitted a log"
    );
    err
}

/// Runs `f` as a transaction: if it fails, its storage writes are undone,
/// as the chain does when a contract returns an error (TestVM does not).
/// For failures that come from an executed call, after the timelock has
/// marked the operation done and taken its lock.
pub fn in_tx<T, E>(vm: &TestVM, f: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
    let before = vm.snapshot().storage;
    let r = f();
    if r.is_err() {
        vm.clear_storage();
        for (k, v) in before {
            vm.set_storage(k, v);
        }
    }
    r
}

/// The calls made to `to` so far.
pub fn calls_to(vm: &TestVM, to: Address) -> Vec<guard_test_host::RecordedCall> {
    vm.calls().into_iter().filter(|c| c.to == to).collect()
}

/// The topic-0 of every log emitted so far.
pub fn event_sigs(vm: &TestVM) -> Vec<B256> {
    vm.get_emitted_logs().iter().map(|(t, _)| t[0]).collect()
}
