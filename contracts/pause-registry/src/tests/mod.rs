//! Unit tests of the PauseRegistry on stylus-test's TestVM, with the
//! OracleSanityChecker mocked at the calldata level.

mod dispatch;
mod encoding;
mod gate;
mod incidents;
mod markets;
mod pauses;
mod roles;
mod sentinels;

use std::{cell::RefCell, collections::HashMap};

use alloy_primitives::{address, Address, B256, U256};
use alloy_sol_types::{SolCall, SolError};
use guard_abi::{
    interfaces::{
        IOracleGate::{checkMarketCall, checkPriceCall, checkSequencerCall, marginMultiplierCall},
        ISettlementGuard::SettlementBlocked,
    },
    Status,
};
use guard_test_host::Answer;
pub use guard_test_host::GuardHost as TestVM;

use crate::{PauseRegistry, PauseRegistryError};

pub const ADMIN: Address = address!("00000000000000000000000000000000000a0a0a");
pub const GUARDIAN: Address = address!("00000000000000000000000000000000000b0b0b");
pub const ORACLE: Address = address!("00000000000000000000000000000000000c0c0c");
pub const SENTINEL: Address = address!("00000000000000000000000000000000000d0d0d");
pub const STRANGER: Address = address!("00000000000000000000000000000000000e0e0e");
pub const MARKET: B256 = B256::repeat_byte(0x11);
pub const OTHER_MARKET: B256 = B256::repeat_byte(0x22);
pub const GLOBAL: B256 = B256::ZERO;
pub const T0: u64 = 1_700_000_000;
pub const ONE: u64 = 1_000_000_000_000_000_000;

/// A registry deployed by the test at `T0`, with `MARKET` registered
/// (default config) and `SENTINEL` as a sentinel key with the default cap.
pub fn setup() -> (TestVM, PauseRegistry) {
    let vm = TestVM::new();
    vm.set_block_timestamp(T0);
    let mut reg = PauseRegistry::from(&vm);
    reg.constructor(ADMIN, GUARDIAN, ORACLE).unwrap();
    vm.set_sender(ADMIN);
    reg.register_market(
        MARKET,
        guard_abi::action::DEFAULT_SEQUENCER_SENSITIVE,
        3_600,
    )
    .unwrap();
    reg.set_sentinel(SENTINEL, 0).unwrap();
    vm.set_sender(STRANGER);
    MOCKED_GATE.with_borrow_mut(|gate| *gate = MockedGate::default());
    (vm, reg)
}

/// The `checkSequencer()` and `checkPrice(market)` answers mocked since the
/// last [`setup`] (per test thread), from which `checkMarket(market)`'s
/// answer is derived as the real checker derives it.
#[derive(Default)]
struct MockedGate {
    sequencer: Option<Answer>,
    prices: HashMap<B256, Answer>,
}

thread_local! {
    static MOCKED_GATE: RefCell<MockedGate> = RefCell::default();
}

/// Mocks `checkMarket(market)` as the checker answers it: `checkSequencer()`'s
/// return data then `checkPrice(market)`'s (an unmocked call answers empty
/// data), or the revert of either.
fn mock_check_market(vm: &TestVM, gate: &MockedGate, market: B256) {
    let empty = Ok(Vec::new());
    let sequencer = gate.sequencer.as_ref().unwrap_or(&empty);
    let price = gate.prices.get(&market).unwrap_or(&empty);
    let answer = match (sequencer, price) {
        (Err(revert), _) | (_, Err(revert)) => Err(revert.clone()),
        (Ok(sequencer), Ok(price)) => Ok([sequencer.as_slice(), price].concat()),
    };
    vm.mock_static_call(ORACLE, checkMarketCall { market }.abi_encode(), answer);
}

/// Mocks `checkSequencer()` on the oracle with raw return data (`Err`:
/// revert), and `checkMarket` to match.
pub fn mock_sequencer_answer(vm: &TestVM, answer: Answer) {
    vm.mock_static_call(ORACLE, checkSequencerCall {}.abi_encode(), answer.clone());
    MOCKED_GATE.with_borrow_mut(|gate| {
        gate.sequencer = Some(answer);
        for market in [MARKET, OTHER_MARKET] {
            mock_check_market(vm, gate, market);
        }
    });
}

/// Mocks `checkPrice(market)` on the oracle with raw return data (`Err`:
/// revert), and `checkMarket(market)` to match.
pub fn mock_price_answer(vm: &TestVM, market: B256, answer: Answer) {
    vm.mock_static_call(
        ORACLE,
        checkPriceCall { market }.abi_encode(),
        answer.clone(),
    );
    MOCKED_GATE.with_borrow_mut(|gate| {
        gate.prices.insert(market, answer);
        mock_check_market(vm, gate, market);
    });
}

/// Mocks `checkSequencer()` on the oracle.
pub fn mock_sequencer(vm: &TestVM, status: Status, up_since: u64, grace_ends_at: u64) {
    let ret = checkSequencerCall::abi_encode_returns(
        &guard_abi::interfaces::IOracleGate::checkSequencerReturn {
            status: status.code(),
            upSince: up_since,
            graceEndsAt: grace_ends_at,
        },
    );
    mock_sequencer_answer(vm, Ok(ret));
}

/// Mocks a healthy sequencer that came up long ago.
pub fn mock_sequencer_up(vm: &TestVM) {
    mock_sequencer(vm, Status::Ok, T0 - 100_000, T0 - 96_400);
}

/// Mocks `checkPrice(market)` on the oracle.
pub fn mock_price(
    vm: &TestVM,
    market: B256,
    status: Status,
    price: u64,
    published_at: u64,
    valid_until: u64,
) {
    let ret =
        checkPriceCall::abi_encode_returns(&guard_abi::interfaces::IOracleGate::checkPriceReturn {
            status: status.code(),
            price: U256::from(price) * U256::from(ONE),
            publishedAt: published_at,
            validUntil: valid_until,
        });
    mock_price_answer(vm, market, Ok(ret));
}

/// Mocks a healthy price of 2000 published at `T0 - 10`, fresh for an hour.
pub fn mock_price_ok(vm: &TestVM, market: B256) {
    mock_price(vm, market, Status::Ok, 2_000, T0 - 10, T0 + 3_590);
}

/// Mocks `marginMultiplier(market)` with raw return data.
pub fn mock_margin(vm: &TestVM, market: B256, ret: Result<Vec<u8>, Vec<u8>>) {
    vm.mock_static_call(ORACLE, marginMultiplierCall { market }.abi_encode(), ret);
}

/// The ABI-encoded `SettlementBlocked` revert.
pub fn blocked(market: B256, action: u8, status: Status) -> Vec<u8> {
    SettlementBlocked {
        market,
        action,
        status: status.code(),
    }
    .abi_encode()
}

/// Runs `f` and asserts it failed without touching storage or emitting logs.
pub fn assert_refused<T: core::fmt::Debug>(
    vm: &TestVM,
    f: impl FnOnce() -> Result<T, PauseRegistryError>,
) -> PauseRegistryError {
    let before = vm.snapshot().storage;
    let logs_before = vm.get_emitted_logs().len();
    let err = f().expect_err("call should have been refused");
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
