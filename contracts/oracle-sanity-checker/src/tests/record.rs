//! `record`: seeding, once per round, out-of-band rounds, σ and the margin
//! multiplier.

use super::*;
use crate::events::PriceRecorded;
use alloy_sol_types::SolEvent;

#[test]
fn the_first_record_seeds_the_ewma() {
    let (_vm, c) = setup_recorded();
    assert_eq!(
        c.market_state(MARKET),
        (false, usd(2_000), U256::ZERO, 1, T0 - 10)
    );
    assert_eq!(c.margin_multiplier(MARKET), 10_000, "σ is not known yet");
}

#[test]
fn record_refuses_the_same_round_twice() {
    let (vm, mut c) = setup_recorded();
    let err = assert_refused(&vm, || c.record(MARKET));
    assert!(
        matches!(err, OracleError::RoundAlreadyRecorded(e) if e.market == MARKET && e.updatedAt == T0 - 10)
    );
}

#[test]
fn record_does_not_fold_a_round_outside_the_band() {
    let (vm, mut c) = setup_recorded();
    mock_round(&vm, PRIMARY, 2_100 * E8, T0 - 5);
    let err = assert_refused(&vm, || c.record(MARKET));
    assert!(
        matches!(err, OracleError::PriceNotRecordable(e) if e.status == Status::OracleDeviation.code())
    );
}

#[test]
fn record_refuses_invalid_stale_or_unavailable_rounds_and_unknown_markets() {
    let (vm, mut c) = setup_recorded();
    for (ret, status) in [
        (Err(Vec::new()), Status::OracleUnavailable),
        (Ok(round(-1, T0, T0)), Status::OracleInvalid),
        (Ok(round(2_000 * E8, 1, T0 - 4_000)), Status::OracleStale),
    ] {
        mock_round_raw(&vm, PRIMARY, ret);
        let err = assert_refused(&vm, || c.record(MARKET));
        assert!(
            matches!(err, OracleError::PriceNotRecordable(e) if e.status == status.code()),
            "{status}"
        );
    }
    let err = assert_refused(&vm, || c.record(B256::repeat_byte(0x99)));
    assert!(matches!(err, OracleError::UnknownMarket(_)));
}

#[test]
fn recorded_returns_raise_sigma_the_band_and_the_margin_multiplier() {
    let (vm, mut c) = setup_recorded();
    // +1 % then −1 %: σ² seeded with r² = 1e-4, σ ≈ 1 %.
    mock_round(&vm, PRIMARY, 2_020 * E8, T0 - 8);
    c.record(MARKET).unwrap();
    let (_, _, sigma, samples, _) = c.market_state(MARKET);
    assert_eq!(samples, 2);
    assert_eq!(sigma, U256::from(E18 / 100));
    // band = 2 % + 3.00·1 % = 5 %; margin = 1 + 10.00·1 % = 1.1x.
    assert_eq!(c.band(MARKET), 500);
    assert_eq!(c.margin_multiplier(MARKET), 11_000);
    let (topics, data) = vm.get_emitted_logs().last().unwrap().clone();
    let ev = PriceRecorded::decode_raw_log(topics.iter().copied(), &data).unwrap();
    assert_eq!(
        (ev.price, ev.publishedAt, ev.band),
        (usd(2_020), T0 - 8, 500)
    );
    assert_eq!(ev.sigma, U256::from(E18 / 100));
}

#[test]
fn record_with_a_reference_feed_folds_the_primary_price() {
    let (vm, mut c) = setup();
    configure(&vm, &mut c, REFERENCE);
    mock_round(&vm, PRIMARY, 2_000 * E8, T0 - 5);
    mock_round(&vm, REFERENCE, 2_010 * E8, T0 - 5);
    c.record(MARKET).unwrap();
    assert_eq!(c.market_state(MARKET).1, usd(2_000));
    mock_round_raw(&vm, REFERENCE, Err(Vec::new()));
    mock_round(&vm, PRIMARY, 2_000 * E8, T0 - 4);
    let err = assert_refused(&vm, || c.record(MARKET));
    assert!(matches!(err, OracleError::PriceNotRecordable(_)));
}
