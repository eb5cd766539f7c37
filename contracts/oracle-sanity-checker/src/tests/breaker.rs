//! `tripBreaker` and `resetBreaker`: what trips, what does not, the latch.

use super::*;
use crate::events::{BreakerReset, BreakerTripped};
use alloy_sol_types::SolEvent;

#[test]
fn trip_breaker_latches_on_deviation_and_logs_price_reference_and_band() {
    let (vm, mut c) = setup_recorded();
    mock_round(&vm, PRIMARY, 2_100 * E8, T0 - 5);
    c.trip_breaker(MARKET).unwrap();
    assert_eq!(price_status(&c), Status::BreakerTripped);
    let logs = vm.get_emitted_logs();
    let (topics, data) = logs.last().unwrap();
    let ev = BreakerTripped::decode_raw_log(topics.iter().copied(), data).unwrap();
    assert_eq!(ev.market, MARKET);
    assert_eq!(ev.account, STRANGER);
    assert_eq!(ev.status, Status::OracleDeviation.code());
    assert_eq!(ev.price, usd(2_100));
    assert_eq!(ev.referencePrice, usd(2_000));
    assert_eq!(ev.band, BASE_BAND);
}

#[test]
fn trip_breaker_latches_on_an_invalid_answer() {
    let (vm, mut c) = setup_recorded();
    mock_round(&vm, PRIMARY, -1, T0 - 5);
    c.trip_breaker(MARKET).unwrap();
    assert!(c.market_state(MARKET).0);
}

#[test]
fn trip_breaker_for_staleness_waits_past_heartbeat_plus_the_trip_delay() {
    let (vm, mut c) = setup_recorded();
    let limit = u64::from(HEARTBEAT) + u64::from(STALE_TRIP_AFTER);
    mock_round(&vm, PRIMARY, 2_000 * E8, T0 - limit);
    assert_eq!(price_status(&c), Status::OracleStale);
    let err = assert_refused(&vm, || c.trip_breaker(MARKET));
    assert!(matches!(err, OracleError::NothingToTrip(e) if e.status == Status::OracleStale.code()));
    mock_round(&vm, PRIMARY, 2_000 * E8, T0 - limit - 1);
    c.trip_breaker(MARKET).unwrap();
    assert_eq!(price_status(&c), Status::BreakerTripped);
}

#[test]
fn trip_breaker_reverts_when_nothing_is_wrong_or_the_feed_is_merely_unavailable() {
    let (vm, mut c) = setup_recorded();
    mock_round(&vm, PRIMARY, 2_000 * E8, T0 - 5);
    let err = assert_refused(&vm, || c.trip_breaker(MARKET));
    assert!(matches!(err, OracleError::NothingToTrip(e) if e.status == 0));
    mock_round_raw(&vm, PRIMARY, Err(Vec::new()));
    let err = assert_refused(&vm, || c.trip_breaker(MARKET));
    assert!(
        matches!(err, OracleError::NothingToTrip(e) if e.status == Status::OracleUnavailable.code())
    );
    let err = assert_refused(&vm, || c.trip_breaker(B256::repeat_byte(0x99)));
    assert!(matches!(err, OracleError::UnknownMarket(_)));
}

#[test]
fn the_breaker_stays_latched_after_the_price_recovers_until_reset() {
    let (vm, mut c) = setup_recorded();
    mock_round(&vm, PRIMARY, 2_500 * E8, T0 - 5);
    c.trip_breaker(MARKET).unwrap();
    mock_round(&vm, PRIMARY, 2_000 * E8, T0 - 1);
    assert_eq!(price_status(&c), Status::BreakerTripped);
    let err = assert_refused(&vm, || c.trip_breaker(MARKET));
    assert!(matches!(err, OracleError::BreakerAlreadyTripped(_)));
    let err = assert_refused(&vm, || c.record(MARKET));
    assert!(
        matches!(err, OracleError::PriceNotRecordable(e) if e.status == Status::BreakerTripped.code())
    );
    vm.set_sender(GUARDIAN);
    c.reset_breaker(MARKET).unwrap();
    assert_eq!(price_status(&c), Status::Ok);
    let err = assert_refused(&vm, || c.reset_breaker(MARKET));
    assert!(matches!(err, OracleError::BreakerNotTripped(_)));
}

#[test]
fn reset_breaker_reanchors_the_ewma_at_a_sane_live_price() {
    let (vm, mut c) = setup_recorded();
    // A genuine 20 % move: out of band, tripped, then accepted by the guardian.
    mock_round(&vm, PRIMARY, 2_400 * E8, T0 - 5);
    c.trip_breaker(MARKET).unwrap();
    vm.set_sender(GUARDIAN);
    c.reset_breaker(MARKET).unwrap();
    let (topics, data) = vm.get_emitted_logs().last().unwrap().clone();
    let ev = BreakerReset::decode_raw_log(topics.iter().copied(), &data).unwrap();
    assert_eq!(ev.reanchoredTo, usd(2_400));
    assert_eq!(c.market_state(MARKET).1, usd(2_400));
    assert_eq!(
        c.check_price(MARKET),
        (0, usd(2_400), T0 - 5, T0 - 5 + 3_600)
    );
    // The re-anchoring round counts as recorded.
    let err = assert_refused(&vm, || c.record(MARKET));
    assert!(matches!(err, OracleError::RoundAlreadyRecorded(_)));
}

#[test]
fn reset_breaker_keeps_the_ewma_when_the_live_price_is_not_sane() {
    let (vm, mut c) = setup_recorded();
    mock_round(&vm, PRIMARY, -5, T0 - 5);
    c.trip_breaker(MARKET).unwrap();
    vm.set_sender(ADMIN);
    c.reset_breaker(MARKET).unwrap();
    assert_eq!(c.market_state(MARKET).1, usd(2_000));
    assert_eq!(price_status(&c), Status::OracleInvalid);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// With a recorded history, any fresh price inside the band is OK
        /// and cannot be tripped; any price beyond it is DEVIATION and can.
        #[test]
        fn a_price_inside_the_band_never_trips(
            moves in proptest::collection::vec(-150i128..=150, 0..6),
            offset_bps in -2_000i128..=2_000,
        ) {
            let (vm, mut c) = setup_recorded();
            // Record a few rounds so σ (and the band) vary; a round that
            // drifted out of band is simply not folded in.
            let mut price = 2_000 * E8;
            for (i, m) in moves.iter().enumerate() {
                price += price * m / 10_000;
                mock_round(&vm, PRIMARY, price, T0 - 9 + i as u64);
                let _ = c.record(MARKET);
            }
            let band = i128::from(c.band(MARKET));
            let reference = i128::try_from(c.market_state(MARKET).1 / U256::from(E18 / 100_000_000)).unwrap();
            let live = reference + reference * offset_bps / 10_000;
            mock_round(&vm, PRIMARY, live, T0);
            // Integer rounding of `live` in 8 decimals: stay 1 bps clear of the edge.
            if offset_bps.abs() < band {
                prop_assert_eq!(price_status(&c), Status::Ok);
                prop_assert!(matches!(c.trip_breaker(MARKET), Err(OracleError::NothingToTrip(_))));
            } else if offset_bps.abs() > band {
                prop_assert_eq!(price_status(&c), Status::OracleDeviation);
                prop_assert!(c.trip_breaker(MARKET).is_ok());
            }
        }
    }
}
