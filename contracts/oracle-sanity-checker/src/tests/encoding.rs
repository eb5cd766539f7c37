//! The compact error and event encoder against alloy's: every error and
//! event the contract declares, byte for byte.

use guard_test_host::encoding::{assert_error_encoding, assert_event_encoding, Sample};

use crate::{
    errors::{self, OracleError},
    events,
};

#[test]
fn every_event_encodes_as_alloy_does() {
    assert_event_encoding(&events::MarketConfigured {
        market: Sample::sample(1),
        primary: Sample::sample(2),
        referenceFeed: Sample::sample(3),
        heartbeat: Sample::sample(4),
        staleTripAfter: Sample::sample(5),
        minPrice: Sample::sample(6),
        maxPrice: Sample::sample(7),
        baseBand: Sample::sample(8),
        bandCap: Sample::sample(9),
        volatilityMultiplier: Sample::sample(10),
        halfLife: Sample::sample(11),
        marginFactor: Sample::sample(12),
        marginCap: Sample::sample(13),
    });
    assert_event_encoding(&events::TvlTiersConfigured {
        market: Sample::sample(1),
        source: Sample::sample(2),
        unitExponent: Sample::sample(3),
        thresholds: Sample::sample(4),
        factors: Sample::sample(5),
    });
    assert_event_encoding(&events::MarketConfigRolledBack {
        market: Sample::sample(1),
        account: Sample::sample(2),
        primary: Sample::sample(3),
    });
    assert_event_encoding(&events::BreakerTripped {
        market: Sample::sample(1),
        account: Sample::sample(2),
        status: Sample::sample(3),
        price: Sample::sample(4),
        referencePrice: Sample::sample(5),
        band: Sample::sample(6),
    });
    assert_event_encoding(&events::BreakerReset {
        market: Sample::sample(1),
        account: Sample::sample(2),
        reanchoredTo: Sample::sample(3),
    });
    assert_event_encoding(&events::PriceRecorded {
        market: Sample::sample(1),
        price: Sample::sample(2),
        publishedAt: Sample::sample(3),
        mean: Sample::sample(4),
        sigma: Sample::sample(5),
        band: Sample::sample(6),
    });
    assert_event_encoding(&events::SequencerConfigChanged {
        oldFeed: Sample::sample(1),
        feed: Sample::sample(2),
        grace: Sample::sample(3),
    });
    assert_event_encoding(&events::GuardianChanged {
        oldGuardian: Sample::sample(1),
        guardian: Sample::sample(2),
    });
    assert_event_encoding(&events::AdminTransferStarted {
        admin: Sample::sample(1),
        pendingAdmin: Sample::sample(2),
    });
    assert_event_encoding(&events::AdminTransferred {
        oldAdmin: Sample::sample(1),
        admin: Sample::sample(2),
    });
}

#[test]
fn every_error_encodes_as_alloy_does() {
    assert_error_encoding::<_, OracleError>(&errors::UnauthorizedAccount {
        account: Sample::sample(1),
    });
    assert_error_encoding::<_, OracleError>(&errors::InvalidZeroAddress {});
    assert_error_encoding::<_, OracleError>(&errors::InvalidMarketId {});
    assert_error_encoding::<_, OracleError>(&errors::InvalidFeed {
        feed: Sample::sample(1),
    });
    assert_error_encoding::<_, OracleError>(&errors::FeedUnreadable {
        feed: Sample::sample(1),
    });
    assert_error_encoding::<_, OracleError>(&errors::InvalidFeedDecimals {
        feed: Sample::sample(1),
        decimals: Sample::sample(2),
    });
    assert_error_encoding::<_, OracleError>(&errors::InvalidHeartbeat {
        heartbeat: Sample::sample(1),
        maxHeartbeat: Sample::sample(2),
    });
    assert_error_encoding::<_, OracleError>(&errors::InvalidStaleTripDelay {
        staleTripAfter: Sample::sample(1),
        maxStaleTripAfter: Sample::sample(2),
    });
    assert_error_encoding::<_, OracleError>(&errors::InvalidPriceBounds {
        minPrice: Sample::sample(1),
        maxPrice: Sample::sample(2),
    });
    assert_error_encoding::<_, OracleError>(&errors::InvalidBand {
        baseBand: Sample::sample(1),
        bandCap: Sample::sample(2),
    });
    assert_error_encoding::<_, OracleError>(&errors::InvalidHalfLife {
        halfLife: Sample::sample(1),
    });
    assert_error_encoding::<_, OracleError>(&errors::InvalidMarginCap {
        marginCap: Sample::sample(1),
    });
    assert_error_encoding::<_, OracleError>(&errors::InvalidTvlTiers {});
    assert_error_encoding::<_, OracleError>(&errors::InvalidSequencerGrace {
        grace: Sample::sample(1),
        maxGrace: Sample::sample(2),
    });
    assert_error_encoding::<_, OracleError>(&errors::UnknownMarket {
        market: Sample::sample(1),
    });
    assert_error_encoding::<_, OracleError>(&errors::NoPreviousConfig {
        market: Sample::sample(1),
    });
    assert_error_encoding::<_, OracleError>(&errors::BreakerAlreadyTripped {
        market: Sample::sample(1),
    });
    assert_error_encoding::<_, OracleError>(&errors::BreakerNotTripped {
        market: Sample::sample(1),
    });
    assert_error_encoding::<_, OracleError>(&errors::NothingToTrip {
        market: Sample::sample(1),
        status: Sample::sample(2),
    });
    assert_error_encoding::<_, OracleError>(&errors::PriceNotRecordable {
        market: Sample::sample(1),
        status: Sample::sample(2),
    });
    assert_error_encoding::<_, OracleError>(&errors::RoundAlreadyRecorded {
        market: Sample::sample(1),
        updatedAt: Sample::sample(2),
    });
}
