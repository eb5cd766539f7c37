//! `checkPrice`: every status, every feed fault, the boundaries and the
//! precedence.

use super::*;

#[test]
fn check_price_is_unavailable_for_an_unconfigured_market() {
    let (_vm, c) = setup();
    assert_eq!(
        c.check_price(B256::repeat_byte(0x99)),
        (Status::OracleUnavailable.code(), U256::ZERO, 0, 0)
    );
}

#[test]
fn check_price_is_unavailable_before_any_reference_exists() {
    let (vm, c) = setup();
    mock_round(&vm, PRIMARY, 2_000 * E8, T0 - 10);
    assert_eq!(price_status(&c), Status::OracleUnavailable);
}

#[test]
fn check_price_returns_the_normalized_price_and_its_deadline_when_ok() {
    let (vm, c) = setup_recorded();
    mock_round(&vm, PRIMARY, 2_010 * E8, T0 - 5);
    assert_eq!(
        c.check_price(MARKET),
        (0, usd(2_010), T0 - 5, T0 - 5 + u64::from(HEARTBEAT))
    );
}

#[test]
fn check_price_is_unavailable_when_the_feed_reverts() {
    let (vm, c) = setup_recorded();
    mock_round_raw(&vm, PRIMARY, Err(b"boom".to_vec()));
    assert_eq!(price_status(&c), Status::OracleUnavailable);
}

#[test]
fn check_price_is_unavailable_for_three_word_return_data() {
    let (vm, c) = setup_recorded();
    let full = round(2_000 * E8, T0 - 10, T0 - 10);
    mock_round_raw(&vm, PRIMARY, Ok(full[..96].to_vec()));
    assert_eq!(price_status(&c), Status::OracleUnavailable);
}

#[test]
fn check_price_is_unavailable_for_empty_or_dirty_return_data() {
    let (vm, c) = setup_recorded();
    mock_round_raw(&vm, PRIMARY, Ok(Vec::new()));
    assert_eq!(price_status(&c), Status::OracleUnavailable);
    let mut dirty = round(2_000 * E8, T0 - 10, T0 - 10);
    dirty[0] = 1; // roundId is a uint80: high bytes must be zero
    mock_round_raw(&vm, PRIMARY, Ok(dirty));
    assert_eq!(price_status(&c), Status::OracleUnavailable);
}

#[test]
fn check_price_is_invalid_for_a_negative_or_zero_answer() {
    let (vm, c) = setup_recorded();
    mock_round(&vm, PRIMARY, -2_000 * E8, T0 - 10);
    assert_eq!(price_status(&c), Status::OracleInvalid);
    mock_round(&vm, PRIMARY, 0, T0 - 10);
    assert_eq!(price_status(&c), Status::OracleInvalid);
}

#[test]
fn check_price_is_invalid_for_updated_at_zero_or_in_the_future() {
    let (vm, c) = setup_recorded();
    mock_round(&vm, PRIMARY, 2_000 * E8, 0);
    assert_eq!(price_status(&c), Status::OracleInvalid);
    mock_round(&vm, PRIMARY, 2_000 * E8, T0 + 1);
    assert_eq!(price_status(&c), Status::OracleInvalid);
    mock_round(&vm, PRIMARY, 2_000 * E8, T0);
    assert_eq!(price_status(&c), Status::Ok, "updatedAt == now is fine");
}

#[test]
fn check_price_is_invalid_outside_the_bounds_and_ok_exactly_on_them() {
    let (vm, mut c) = setup();
    // Reference at 1: a wide band is irrelevant here, the bounds decide.
    mock_round(&vm, PRIMARY, E8, T0 - 10);
    c.record(MARKET).unwrap();
    assert_eq!(price_status(&c), Status::Ok, "minPrice itself is sane");
    mock_round(&vm, PRIMARY, E8 - 1, T0 - 10);
    assert_eq!(price_status(&c), Status::OracleInvalid);
    mock_round(&vm, PRIMARY, 1_000_000 * E8 + 1, T0 - 10);
    assert_eq!(price_status(&c), Status::OracleInvalid);
}

#[test]
fn check_price_is_stale_one_second_past_the_heartbeat_and_ok_on_it() {
    let (vm, c) = setup_recorded();
    let hb = u64::from(HEARTBEAT);
    mock_round(&vm, PRIMARY, 2_000 * E8, T0 - hb);
    assert_eq!(c.check_price(MARKET), (0, usd(2_000), T0 - hb, T0));
    mock_round(&vm, PRIMARY, 2_000 * E8, T0 - hb - 1);
    assert_eq!(price_status(&c), Status::OracleStale);
}

#[test]
fn check_price_flags_deviation_one_wei_beyond_the_band_and_not_on_it() {
    let (vm, c) = setup_recorded();
    // Reference 2,000, band 2 % (σ unknown): 1,960..=2,040 is inside.
    assert_eq!(c.band(MARKET), BASE_BAND);
    mock_round(&vm, PRIMARY, 2_040 * E8, T0 - 5);
    assert_eq!(price_status(&c), Status::Ok);
    mock_round(&vm, PRIMARY, 1_960 * E8, T0 - 5);
    assert_eq!(price_status(&c), Status::Ok);
    // 18-decimal feed so one wei is representable.
    mock_decimals(&vm, PRIMARY, 18);
    let mut c = c;
    configure(&vm, &mut c, Address::ZERO);
    let e18 = i128::try_from(E18).unwrap();
    let edge = 2_040 * e18;
    mock_round(&vm, PRIMARY, edge, T0 - 5);
    assert_eq!(price_status(&c), Status::Ok);
    mock_round(&vm, PRIMARY, edge + 1, T0 - 5);
    assert_eq!(price_status(&c), Status::OracleDeviation);
    mock_round(&vm, PRIMARY, 1_960 * e18 - 1, T0 - 5);
    assert_eq!(price_status(&c), Status::OracleDeviation);
}

#[test]
fn check_price_reports_breaker_tripped_first_without_reading_any_feed() {
    let (vm, mut c) = setup_recorded();
    mock_round(&vm, PRIMARY, 3_000 * E8, T0 - 5);
    c.trip_breaker(MARKET).unwrap();
    vm.clear_calls();
    mock_round_raw(&vm, PRIMARY, Err(Vec::new()));
    assert_eq!(
        c.check_price(MARKET),
        (Status::BreakerTripped.code(), U256::ZERO, 0, 0)
    );
    assert!(vm.calls().is_empty(), "a latched breaker reads no feed");
}

#[test]
fn check_price_compares_with_the_reference_feed_when_configured() {
    let (vm, mut c) = setup();
    configure(&vm, &mut c, REFERENCE);
    mock_round(&vm, PRIMARY, 2_000 * E8, T0 - 5);
    mock_round(&vm, REFERENCE, 2_000 * E8, T0 - 100);
    assert_eq!(
        c.check_price(MARKET),
        (0, usd(2_000), T0 - 5, T0 - 100 + u64::from(HEARTBEAT)),
        "validUntil is the earlier of the two deadlines"
    );
    mock_round(&vm, REFERENCE, 2_100 * E8, T0 - 100);
    assert_eq!(price_status(&c), Status::OracleDeviation);
}

#[test]
fn a_faulty_reference_feed_blocks_with_the_lower_status() {
    let (vm, mut c) = setup();
    configure(&vm, &mut c, REFERENCE);
    mock_round(&vm, PRIMARY, 2_000 * E8, T0 - 5);
    mock_round_raw(&vm, REFERENCE, Err(Vec::new()));
    assert_eq!(price_status(&c), Status::OracleUnavailable);
    mock_round(&vm, REFERENCE, 2_000 * E8, T0 - 10_000);
    assert_eq!(price_status(&c), Status::OracleStale);
    mock_round(&vm, REFERENCE, -1, T0 - 5);
    assert_eq!(price_status(&c), Status::OracleInvalid);
    // Primary stale (10) and reference invalid (9): 9 wins.
    mock_round(&vm, PRIMARY, 2_000 * E8, T0 - 10_000);
    assert_eq!(price_status(&c), Status::OracleInvalid);
    // Primary unavailable (8) wins over everything after it.
    mock_round_raw(&vm, PRIMARY, Ok(vec![0; 96]));
    assert_eq!(price_status(&c), Status::OracleUnavailable);
}

#[test]
fn tvl_tiers_tighten_the_band_and_an_unreadable_source_counts_as_the_top_tier() {
    let (vm, mut c) = setup_recorded();
    vm.set_sender(ADMIN);
    // Thresholds in units of 1e6 raw assets: 1M and 10M units.
    c.configure_tvl_tiers(
        MARKET,
        TVL,
        6,
        [1_000_000, 10_000_000, 0],
        [5_000, 2_500, 0],
    )
    .unwrap();
    let tvl = |units: u64| Ok(U256::from(units * 1_000_000).to_be_bytes_vec());
    mock_tvl(&vm, tvl(999_999));
    assert_eq!(c.band(MARKET), BASE_BAND);
    mock_tvl(&vm, tvl(1_000_000));
    assert_eq!(c.band(MARKET), BASE_BAND / 2);
    mock_tvl(&vm, tvl(10_000_000));
    assert_eq!(c.band(MARKET), BASE_BAND / 4);
    mock_tvl(&vm, Err(Vec::new()));
    assert_eq!(c.band(MARKET), BASE_BAND / 4);
    // 1.5 % off: inside the base band, outside the tightened one.
    mock_round(&vm, PRIMARY, 2_030 * E8, T0 - 5);
    assert_eq!(price_status(&c), Status::OracleDeviation);
    mock_tvl(&vm, tvl(0));
    assert_eq!(price_status(&c), Status::Ok);
}

#[test]
fn normalization_handles_zero_and_thirty_six_decimal_feeds() {
    let (vm, mut c) = setup_recorded();
    mock_decimals(&vm, PRIMARY, 0);
    configure(&vm, &mut c, Address::ZERO);
    mock_round(&vm, PRIMARY, 2_000, T0 - 5);
    assert_eq!(c.check_price(MARKET).1, usd(2_000));
    mock_decimals(&vm, PRIMARY, 36);
    configure(&vm, &mut c, Address::ZERO);
    let answer = I256::try_from(2_000u128 * E18).unwrap() * I256::try_from(E18).unwrap()
        + I256::try_from(999_999_999_999_999_999u128).unwrap();
    let ret = latestRoundDataCall::abi_encode_returns(&latestRoundDataReturn {
        roundId: U80::from(1u8),
        answer,
        startedAt: U256::from(T0 - 5),
        updatedAt: U256::from(T0 - 5),
        answeredInRound: U80::from(1u8),
    });
    mock_round_raw(&vm, PRIMARY, Ok(ret));
    assert_eq!(
        c.check_price(MARKET).1,
        usd(2_000),
        "rounded down, < 1 wei lost"
    );
}
