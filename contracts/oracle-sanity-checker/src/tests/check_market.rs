//! `checkMarket(market)` answers exactly what `checkSequencer()` followed by
//! `checkPrice(market)` answer in the same block, in every state: sequencer
//! up, in grace, down or faulty; primary and reference feeds fresh,
//! deviating, stale, invalid, from the future, reverting or malformed;
//! breaker latched or not; configured or unknown market — through the
//! contract's methods, the `#[public]` router and the WASM build's
//! [`Dispatcher`].

use alloy_sol_types::SolCall;
use guard_abi::interfaces::IOracleGate::{checkMarketCall, checkPriceCall, checkSequencerCall};
use proptest::prelude::*;
use stylus_sdk::abi::Router;

use super::*;
use crate::dispatch::Dispatcher;

/// A market nobody configured.
const UNKNOWN_MARKET: B256 = B256::repeat_byte(0x99);

/// What the sequencer uptime feed answers.
#[derive(Clone, Debug)]
enum Uptime {
    /// Up since `T0 - secs` (in grace when `secs < 3_600`).
    UpFor(u64),
    /// Down since `T0 - 10_000`.
    Down,
    /// Up with `startedAt` 0 (invalid).
    StartedAtZero,
    /// Reverts.
    Reverts,
    /// Arbitrary bytes.
    Garbage(Vec<u8>),
}

/// What a price feed answers.
#[derive(Clone, Debug)]
enum Round {
    /// `2_000 · (1 + bps/10_000)`, published `age` seconds ago (stale past
    /// the heartbeat, deviating past the band).
    Price { bps: i128, age: u64 },
    /// Answer ≤ 0.
    NonPositive(i128),
    /// Published after `now`.
    FromTheFuture,
    /// Reverts.
    Reverts,
    /// Arbitrary bytes.
    Garbage(Vec<u8>),
}

fn uptime() -> impl Strategy<Value = Uptime> {
    prop_oneof![
        4 => (0u64..10_000).prop_map(Uptime::UpFor),
        1 => Just(Uptime::Down),
        1 => Just(Uptime::StartedAtZero),
        1 => Just(Uptime::Reverts),
        1 => proptest::collection::vec(any::<u8>(), 0..200).prop_map(Uptime::Garbage),
    ]
}

fn feed_round() -> impl Strategy<Value = Round> {
    prop_oneof![
        6 => (-1_500i128..=1_500, 0u64..2 * u64::from(HEARTBEAT))
            .prop_map(|(bps, age)| Round::Price { bps, age }),
        1 => (-5i128..=0).prop_map(Round::NonPositive),
        1 => Just(Round::FromTheFuture),
        1 => Just(Round::Reverts),
        1 => proptest::collection::vec(any::<u8>(), 0..200).prop_map(Round::Garbage),
    ]
}

fn mock_uptime(vm: &TestVM, uptime: &Uptime, now: u64) {
    let answer = match uptime {
        Uptime::UpFor(secs) => Ok(round(0, now - secs, now - secs)),
        Uptime::Down => Ok(round(1, now - 10_000, now - 10_000)),
        Uptime::StartedAtZero => Ok(round(0, 0, 0)),
        Uptime::Reverts => Err(b"down".to_vec()),
        Uptime::Garbage(bytes) => Ok(bytes.clone()),
    };
    mock_round_raw(vm, SEQUENCER, answer);
}

fn mock_feed(vm: &TestVM, feed: Address, r: &Round, now: u64) {
    let answer = match r {
        Round::Price { bps, age } => {
            let price = 2_000 * E8;
            Ok(round(price + price * bps / 10_000, now - age, now - age))
        }
        Round::NonPositive(answer) => Ok(round(*answer, now - 5, now - 5)),
        Round::FromTheFuture => Ok(round(2_000 * E8, now + 1, now + 1)),
        Round::Reverts => Err(Vec::new()),
        Round::Garbage(bytes) => Ok(bytes.clone()),
    };
    mock_round_raw(vm, feed, answer);
}

/// Runs `calldata` through `router`'s `route` and returns its answer.
fn routed<R: Router<OracleSanityChecker, Storage = OracleSanityChecker>>(
    c: &mut OracleSanityChecker,
    calldata: &[u8],
) -> Result<Vec<u8>, Vec<u8>> {
    let selector = u32::from_be_bytes(calldata[..4].try_into().unwrap());
    R::route(c, selector, &calldata[4..]).expect("selector routed")
}

/// A router's answer to raw calldata.
type Answer = fn(&mut OracleSanityChecker, &[u8]) -> Result<Vec<u8>, Vec<u8>>;

/// Asserts that `checkMarket(market)` equals `checkSequencer()` and
/// `checkPrice(market)` through the methods and both routers.
fn assert_check_market_is_both_views(
    c: &mut OracleSanityChecker,
    market: B256,
) -> Result<(), TestCaseError> {
    let (s, up, ends) = c.check_sequencer();
    let (ps, price, published, until) = c.check_price(market);
    let expected = (s, up, ends, ps, price, published, until);
    prop_assert_eq!(c.check_market(market), expected);

    let sequencer_call = checkSequencerCall {}.abi_encode();
    let price_call = checkPriceCall { market }.abi_encode();
    let market_call = checkMarketCall { market }.abi_encode();
    let routers: [(&str, Answer); 2] = [
        ("#[public]", routed::<OracleSanityChecker>),
        ("Dispatcher", routed::<Dispatcher>),
    ];
    for (name, answer) in routers {
        let mut both = answer(c, &sequencer_call).expect("checkSequencer never reverts");
        both.extend(answer(c, &price_call).expect("checkPrice never reverts"));
        let got = answer(c, &market_call).expect("checkMarket never reverts");
        prop_assert_eq!(&got, &both, "{} router", name);
        let r = checkMarketCall::abi_decode_returns_validate(&got)
            .expect("valid ABI for checkMarket's return types");
        prop_assert_eq!(
            (
                r.sequencerStatus,
                r.upSince,
                r.graceEndsAt,
                r.priceStatus,
                r.price,
                r.publishedAt,
                r.validUntil
            ),
            expected
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn check_market_equals_check_sequencer_then_check_price(
        uptime in uptime(),
        primary in feed_round(),
        reference in proptest::option::of(feed_round()),
        trip in any::<bool>(),
        unknown in any::<bool>(),
        later in 0u64..100_000,
    ) {
        let (vm, mut c) = setup_recorded();
        if let Some(reference_round) = &reference {
            configure(&vm, &mut c, REFERENCE);
            mock_feed(&vm, REFERENCE, reference_round, T0);
        }
        if trip {
            // A deviating primary round latches the breaker; with a
            // reference feed, the reference must be sane for that.
            mock_round(&vm, PRIMARY, 3_000 * E8, T0 - 5);
            mock_round(&vm, REFERENCE, 2_000 * E8, T0 - 5);
            c.trip_breaker(MARKET).unwrap();
        }
        let now = T0 + later;
        vm.set_block_timestamp(now);
        mock_uptime(&vm, &uptime, now);
        mock_feed(&vm, PRIMARY, &primary, now);
        if let Some(reference_round) = &reference {
            mock_feed(&vm, REFERENCE, reference_round, now);
        }
        let market = if unknown { UNKNOWN_MARKET } else { MARKET };
        assert_check_market_is_both_views(&mut c, market)?;
    }
}

#[test]
fn check_market_without_a_sequencer_feed_reports_the_sequencer_ok_with_zero_times() {
    let vm = TestVM::new();
    vm.set_block_timestamp(T0);
    let mut c = OracleSanityChecker::from(&vm);
    c.constructor(ADMIN, GUARDIAN, Address::ZERO).unwrap();
    mock_decimals(&vm, PRIMARY, 8);
    configure(&vm, &mut c, Address::ZERO);
    mock_round(&vm, PRIMARY, 2_000 * E8, T0 - 10);
    c.record(MARKET).unwrap();
    assert_eq!(
        c.check_market(MARKET),
        (
            0,
            0,
            0,
            0,
            usd(2_000),
            T0 - 10,
            T0 - 10 + u64::from(HEARTBEAT)
        )
    );
    assert_check_market_is_both_views(&mut c, MARKET).unwrap();
}
