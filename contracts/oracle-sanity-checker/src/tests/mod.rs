//! Unit tests of the OracleSanityChecker on a TestVM host, with the feeds
//! mocked at the calldata level.

mod breaker;
mod check_market;
mod config;
mod dispatch;
mod encoding;
mod gate_abi;
mod price;
mod record;
mod roles;
mod sequencer;

use alloy_primitives::{address, aliases::U80, Address, B256, I256, U256};
use alloy_sol_types::SolCall;
use guard_abi::{
    interfaces::{
        AggregatorV3Interface::{decimalsCall, latestRoundDataCall, latestRoundDataReturn},
        ITotalAssets::totalAssetsCall,
    },
    Status,
};
pub use guard_test_host::GuardHost as TestVM;

use crate::{errors::OracleError, OracleGate, OracleSanityChecker};

pub const ADMIN: Address = address!("00000000000000000000000000000000000a0a0a");
pub const GUARDIAN: Address = address!("00000000000000000000000000000000000b0b0b");
pub const STRANGER: Address = address!("00000000000000000000000000000000000e0e0e");
pub const PRIMARY: Address = address!("0000000000000000000000000000000000f00001");
pub const REFERENCE: Address = address!("0000000000000000000000000000000000f00002");
pub const SEQUENCER: Address = address!("0000000000000000000000000000000000f00003");
pub const TVL: Address = address!("0000000000000000000000000000000000f00004");
pub const MARKET: B256 = B256::repeat_byte(0x11);
pub const T0: u64 = 1_700_000_000;
/// 1e18.
pub const E18: u128 = 1_000_000_000_000_000_000;
/// 1e8: the test feeds have 8 decimals.
pub const E8: i128 = 100_000_000;
pub const HEARTBEAT: u32 = 3_600;
pub const STALE_TRIP_AFTER: u32 = 1_800;
/// 2 % base band, 10 % cap.
pub const BASE_BAND: u16 = 200;
pub const BAND_CAP: u16 = 1_000;

/// `latestRoundData()` return data.
pub fn round(answer: i128, started_at: u64, updated_at: u64) -> Vec<u8> {
    latestRoundDataCall::abi_encode_returns(&latestRoundDataReturn {
        roundId: U80::from(7u8),
        answer: I256::try_from(answer).unwrap(),
        startedAt: U256::from(started_at),
        updatedAt: U256::from(updated_at),
        answeredInRound: U80::from(7u8),
    })
}

/// Mocks `latestRoundData()` on `feed` with raw return data (`Err`: revert).
pub fn mock_round_raw(vm: &TestVM, feed: Address, ret: Result<Vec<u8>, Vec<u8>>) {
    vm.mock_static_call(feed, latestRoundDataCall {}.abi_encode(), ret);
}

/// Mocks a round of `feed` answering `answer` (8 decimals) published at `updated_at`.
pub fn mock_round(vm: &TestVM, feed: Address, answer: i128, updated_at: u64) {
    mock_round_raw(vm, feed, Ok(round(answer, updated_at, updated_at)));
}

/// Mocks `decimals()` on `feed`.
pub fn mock_decimals(vm: &TestVM, feed: Address, decimals: u8) {
    vm.mock_static_call(
        feed,
        decimalsCall {}.abi_encode(),
        Ok(decimalsCall::abi_encode_returns(&decimals)),
    );
}

/// Mocks `totalAssets()` on the TVL source.
pub fn mock_tvl(vm: &TestVM, ret: Result<Vec<u8>, Vec<u8>>) {
    vm.mock_static_call(TVL, totalAssetsCall {}.abi_encode(), ret);
}

/// `usd` whole units as an 18-decimal price.
pub fn usd(usd: u128) -> U256 {
    U256::from(usd * E18)
}

/// Configures `MARKET` (as admin) with `reference` as its reference feed.
pub fn configure(vm: &TestVM, c: &mut OracleSanityChecker, reference: Address) {
    vm.set_sender(ADMIN);
    c.configure_market(
        MARKET,
        PRIMARY,
        reference,
        HEARTBEAT,
        STALE_TRIP_AFTER,
        usd(1),
        usd(1_000_000),
        BASE_BAND,
        BAND_CAP,
        300,
        10,
        1_000,
        30_000,
    )
    .unwrap();
    vm.set_sender(STRANGER);
}

/// A checker deployed at `T0` with the sequencer feed configured, `MARKET`
/// configured with the EWMA as reference (8-decimal primary feed), and no
/// round recorded yet.
pub fn setup() -> (TestVM, OracleSanityChecker) {
    let vm = TestVM::new();
    vm.set_block_timestamp(T0);
    let mut c = OracleSanityChecker::from(&vm);
    c.constructor(ADMIN, GUARDIAN, SEQUENCER).unwrap();
    mock_decimals(&vm, PRIMARY, 8);
    mock_decimals(&vm, REFERENCE, 8);
    configure(&vm, &mut c, Address::ZERO);
    (vm, c)
}

/// [`setup`] plus one recorded round at 2,000 published at `T0 - 10`.
pub fn setup_recorded() -> (TestVM, OracleSanityChecker) {
    let (vm, mut c) = setup();
    mock_round(&vm, PRIMARY, 2_000 * E8, T0 - 10);
    c.record(MARKET).unwrap();
    (vm, c)
}

/// `checkPrice(MARKET)`'s status.
pub fn price_status(c: &OracleSanityChecker) -> Status {
    Status::from_code(c.check_price(MARKET).0).unwrap()
}

/// Runs `f` and asserts it failed without touching storage or emitting logs.
pub fn assert_refused<T: core::fmt::Debug>(
    vm: &TestVM,
    f: impl FnOnce() -> Result<T, OracleError>,
) -> OracleError {
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
