//! Market config: every bad input is a named error with no state change;
//! previous config kept; rollback.

use super::*;
use crate::events::{MarketConfigRolledBack, MarketConfigured};
use alloy_sol_types::SolEvent;

/// The arguments of `configureMarket` after the market id.
#[derive(Clone, Copy)]
struct Args {
    primary: Address,
    reference: Address,
    heartbeat: u32,
    stale_trip_after: u32,
    min_price: U256,
    max_price: U256,
    base_band: u16,
    band_cap: u16,
    k: u16,
    half_life: u16,
    m: u16,
    margin_cap: u16,
}

const GOOD: Args = Args {
    primary: PRIMARY,
    reference: Address::ZERO,
    heartbeat: 86_400,
    stale_trip_after: 0,
    min_price: U256::from_limbs([1, 0, 0, 0]),
    max_price: U256::from_limbs([u64::MAX, 0, 0, 0]),
    base_band: 100,
    band_cap: 5_000,
    k: 0,
    half_life: 1,
    m: 0,
    margin_cap: 60_000,
};

fn apply(c: &mut OracleSanityChecker, market: B256, a: Args) -> Result<(), OracleError> {
    c.configure_market(
        market,
        a.primary,
        a.reference,
        a.heartbeat,
        a.stale_trip_after,
        a.min_price,
        a.max_price,
        a.base_band,
        a.band_cap,
        a.k,
        a.half_life,
        a.m,
        a.margin_cap,
    )
}

/// A refused config: name, market, arguments and the expected error.
type BadCase = (&'static str, B256, Args, fn(&OracleError) -> bool);

#[test]
#[allow(clippy::too_many_lines)] // One table of every bad input.
fn every_bad_config_is_refused_with_its_named_error_and_no_state_change() {
    let (vm, mut c) = setup();
    vm.set_sender(ADMIN);
    apply(&mut c, MARKET, GOOD).unwrap();
    let u128_max = U256::from(u128::MAX);
    let cases: Vec<BadCase> = vec![
        ("market 0", B256::ZERO, GOOD, |e| {
            matches!(e, OracleError::InvalidMarketId(_))
        }),
        (
            "zero feed",
            MARKET,
            Args {
                primary: Address::ZERO,
                ..GOOD
            },
            |e| matches!(e, OracleError::InvalidFeed(_)),
        ),
        (
            "reference = primary",
            MARKET,
            Args {
                reference: PRIMARY,
                ..GOOD
            },
            |e| matches!(e, OracleError::InvalidFeed(_)),
        ),
        (
            "heartbeat 0",
            MARKET,
            Args {
                heartbeat: 0,
                ..GOOD
            },
            |e| matches!(e, OracleError::InvalidHeartbeat(_)),
        ),
        (
            "heartbeat > 7 days",
            MARKET,
            Args {
                heartbeat: 604_801,
                ..GOOD
            },
            |e| matches!(e, OracleError::InvalidHeartbeat(_)),
        ),
        (
            "stale trip > 7 days",
            MARKET,
            Args {
                stale_trip_after: 604_801,
                ..GOOD
            },
            |e| matches!(e, OracleError::InvalidStaleTripDelay(_)),
        ),
        (
            "min = max",
            MARKET,
            Args {
                min_price: usd(5),
                max_price: usd(5),
                ..GOOD
            },
            |e| matches!(e, OracleError::InvalidPriceBounds(_)),
        ),
        (
            "min > max",
            MARKET,
            Args {
                min_price: usd(6),
                max_price: usd(5),
                ..GOOD
            },
            |e| matches!(e, OracleError::InvalidPriceBounds(_)),
        ),
        (
            "max > uint128",
            MARKET,
            Args {
                max_price: u128_max + U256::from(1),
                ..GOOD
            },
            |e| matches!(e, OracleError::InvalidPriceBounds(_)),
        ),
        (
            "band 0",
            MARKET,
            Args {
                base_band: 0,
                ..GOOD
            },
            |e| matches!(e, OracleError::InvalidBand(_)),
        ),
        (
            "band > 50 %",
            MARKET,
            Args {
                base_band: 5_001,
                band_cap: 5_001,
                ..GOOD
            },
            |e| matches!(e, OracleError::InvalidBand(_)),
        ),
        (
            "cap below base",
            MARKET,
            Args {
                base_band: 300,
                band_cap: 299,
                ..GOOD
            },
            |e| matches!(e, OracleError::InvalidBand(_)),
        ),
        (
            "cap > 50 %",
            MARKET,
            Args {
                band_cap: 5_001,
                ..GOOD
            },
            |e| matches!(e, OracleError::InvalidBand(_)),
        ),
        (
            "half-life 0",
            MARKET,
            Args {
                half_life: 0,
                ..GOOD
            },
            |e| matches!(e, OracleError::InvalidHalfLife(_)),
        ),
        (
            "half-life > 10k",
            MARKET,
            Args {
                half_life: 10_001,
                ..GOOD
            },
            |e| matches!(e, OracleError::InvalidHalfLife(_)),
        ),
        (
            "margin cap < 1x",
            MARKET,
            Args {
                margin_cap: 9_999,
                ..GOOD
            },
            |e| matches!(e, OracleError::InvalidMarginCap(_)),
        ),
        (
            "margin cap > 6x",
            MARKET,
            Args {
                margin_cap: 60_001,
                ..GOOD
            },
            |e| matches!(e, OracleError::InvalidMarginCap(_)),
        ),
        (
            "unreadable decimals",
            MARKET,
            Args {
                primary: TVL,
                ..GOOD
            },
            |e| matches!(e, OracleError::FeedUnreadable(_)),
        ),
    ];
    for (name, market, args, expected) in cases {
        let err = assert_refused(&vm, || apply(&mut c, market, args));
        assert!(expected(&err), "{name}: got {err:?}");
    }
    mock_decimals(&vm, REFERENCE, 37);
    let err = assert_refused(&vm, || {
        apply(
            &mut c,
            MARKET,
            Args {
                reference: REFERENCE,
                ..GOOD
            },
        )
    });
    assert!(
        matches!(err, OracleError::InvalidFeedDecimals(e) if e.feed == REFERENCE && e.decimals == 37)
    );
    mock_decimals(&vm, REFERENCE, 36);
    apply(
        &mut c,
        MARKET,
        Args {
            reference: REFERENCE,
            ..GOOD
        },
    )
    .unwrap();
}

#[test]
fn the_extreme_valid_config_is_accepted() {
    let (vm, mut c) = setup();
    vm.set_sender(ADMIN);
    let extreme = Args {
        heartbeat: 604_800,
        stale_trip_after: 604_800,
        min_price: U256::ZERO,
        max_price: U256::from(u128::MAX),
        base_band: 5_000,
        band_cap: 5_000,
        k: u16::MAX,
        half_life: 10_000,
        m: u16::MAX,
        margin_cap: 10_000,
        ..GOOD
    };
    apply(&mut c, MARKET, extreme).unwrap();
    let cfg = c.market_config(MARKET);
    assert_eq!(cfg.2, 604_800);
    assert_eq!(cfg.5, U256::from(u128::MAX));
    assert_eq!(cfg.9, 10_000);
}

#[test]
fn configure_market_keeps_the_previous_config_and_rollback_restores_it() {
    let (vm, mut c) = setup();
    assert!(
        !c.has_previous_config(MARKET),
        "the first config has no predecessor"
    );
    let before = c.market_config(MARKET);
    vm.set_sender(ADMIN);
    apply(&mut c, MARKET, GOOD).unwrap();
    let (topics, data) = vm.get_emitted_logs().last().unwrap().clone();
    let ev = MarketConfigured::decode_raw_log(topics.iter().copied(), &data).unwrap();
    assert_eq!(
        (ev.market, ev.primary, ev.heartbeat, ev.baseBand),
        (MARKET, PRIMARY, 86_400, 100)
    );
    assert!(c.has_previous_config(MARKET));
    assert_ne!(c.market_config(MARKET), before);

    vm.set_sender(GUARDIAN);
    c.rollback_config(MARKET).unwrap();
    assert_eq!(c.market_config(MARKET), before);
    let (topics, data) = vm.get_emitted_logs().last().unwrap().clone();
    let ev = MarketConfigRolledBack::decode_raw_log(topics.iter().copied(), &data).unwrap();
    assert_eq!(
        (ev.market, ev.account, ev.primary),
        (MARKET, GUARDIAN, PRIMARY)
    );
    let err = assert_refused(&vm, || c.rollback_config(MARKET));
    assert!(matches!(err, OracleError::NoPreviousConfig(_)));
    let err = assert_refused(&vm, || c.rollback_config(B256::repeat_byte(0x99)));
    assert!(matches!(err, OracleError::UnknownMarket(_)));
}

#[test]
fn rollback_restores_the_tvl_tiers_too_and_the_ewma_state_survives() {
    let (vm, mut c) = setup_recorded();
    vm.set_sender(ADMIN);
    c.configure_tvl_tiers(MARKET, TVL, 0, [10, 0, 0], [5_000, 0, 0])
        .unwrap();
    assert_eq!(c.tvl_tiers(MARKET), (TVL, 0, [10, 0, 0], [5_000, 0, 0]));
    vm.set_sender(GUARDIAN);
    c.rollback_config(MARKET).unwrap();
    assert_eq!(c.tvl_tiers(MARKET), (Address::ZERO, 0, [0; 3], [0; 3]));
    assert_eq!(c.market_state(MARKET).1, usd(2_000));
}

#[test]
fn bad_tvl_tiers_are_refused_and_zero_factors_remove_them() {
    let (vm, mut c) = setup();
    vm.set_sender(ADMIN);
    let bad: [(Address, u8, [u64; 3], [u16; 3]); 9] = [
        (Address::ZERO, 0, [1, 0, 0], [5_000, 0, 0]), // zero source
        (TVL, 37, [1, 0, 0], [5_000, 0, 0]),          // exponent too large
        (TVL, 0, [1, 2, 0], [5_000, 0, 0]),           // threshold on an unused tier
        (TVL, 0, [1, 0, 0], [5_000, 0, 4_000]),       // gap in the tiers
        (TVL, 0, [2, 2, 0], [5_000, 4_000, 0]),       // thresholds not increasing
        (TVL, 0, [1, 2, 0], [4_000, 5_000, 0]),       // factors increasing
        (TVL, 0, [1, 0, 0], [10_001, 0, 0]),          // factor above 1x
        (TVL, 0, [0; 3], [0; 3]),                     // removal with a source
        (Address::ZERO, 3, [0; 3], [0; 3]),           // removal with an exponent
    ];
    for (source, exp, t, f) in bad {
        let err = assert_refused(&vm, || c.configure_tvl_tiers(MARKET, source, exp, t, f));
        assert!(
            matches!(err, OracleError::InvalidTvlTiers(_)),
            "{t:?} {f:?}"
        );
    }
    let err = assert_refused(&vm, || {
        c.configure_tvl_tiers(B256::repeat_byte(0x99), TVL, 0, [1, 0, 0], [1, 0, 0])
    });
    assert!(matches!(err, OracleError::UnknownMarket(_)));
    c.configure_tvl_tiers(MARKET, TVL, 36, [0, 2, 3], [10_000, 10_000, 1])
        .unwrap();
    c.configure_tvl_tiers(MARKET, Address::ZERO, 0, [0; 3], [0; 3])
        .unwrap();
    assert_eq!(c.tvl_tiers(MARKET), (Address::ZERO, 0, [0; 3], [0; 3]));
    vm.clear_calls();
    assert_eq!(c.band(MARKET), BASE_BAND);
    assert!(vm.calls().is_empty(), "no TVL source is read once removed");
}

/// The raw slots are the documented Solidity layout: roles and the
/// sequencer word at slots 0–3, market words at `keccak256(market ‖ 4) + i`.
#[test]
fn storage_is_laid_out_as_the_slot_docs_say() {
    use stylus_sdk::prelude::StorageAccess;
    let (vm, c) = setup();
    let at = |slot: U256| vm.storage_load_bytes32(slot);
    let low_address = |w: B256| Address::from_slice(&w[12..]);
    assert_eq!(low_address(at(U256::ZERO)), ADMIN);
    assert_eq!(low_address(at(U256::from(2))), GUARDIAN);
    assert_eq!(&at(U256::from(3))[..20], SEQUENCER.as_slice());
    let base = U256::from_be_bytes(
        alloy_primitives::keccak256(
            [MARKET.as_slice(), &U256::from(4).to_be_bytes::<32>()].concat(),
        )
        .0,
    );
    assert_eq!(&at(base)[..20], PRIMARY.as_slice(), "feed word");
    // The bounds word (index 1) holds min and max little-endian.
    let bounds = at(base + U256::from(1));
    let min_price = u128::from_le_bytes(bounds[..16].try_into().unwrap());
    assert_eq!(U256::from(min_price), c.market_config(MARKET).4);
    assert_eq!(at(base + U256::from(12)), B256::ZERO, "12 words per market");
    vm.set_sender(ADMIN);
    let mut c = c;
    c.transfer_admin(STRANGER).unwrap();
    assert_eq!(low_address(at(U256::from(1))), STRANGER);
}
