//! Custom errors of the OracleSanityChecker.
//!
//! Every refusal is one of these, ABI-encoded like a Solidity custom error,
//! and no state changes when one is returned. The errors are declared with
//! `sol!` (names, selectors, the exported ABI); [`OracleError`] encodes them
//! with [`guard_abi::encoding::Writer`] (checked against
//! alloy's encoding in `tests::encoding`).
#![allow(missing_docs)] // `sol!` generates the items; each error is documented below.

use alloc::vec::Vec;

use alloy_sol_types::{sol, SolError};
use guard_abi::encoding::Writer;

sol! {
    #![sol(all_derives)]

    /// `account` may not call this function.
    error UnauthorizedAccount(address account);
    /// A zero address was given where an account is required.
    error InvalidZeroAddress();
    /// The market id is 0.
    error InvalidMarketId();
    /// A zero feed, or a reference feed equal to the primary feed.
    error InvalidFeed(address feed);
    /// `decimals()` of the feed reverted or returned malformed data.
    error FeedUnreadable(address feed);
    /// The feed reports more than 36 decimals.
    error InvalidFeedDecimals(address feed, uint8 decimals);
    /// A heartbeat of 0 or above 7 days.
    error InvalidHeartbeat(uint32 heartbeat, uint32 maxHeartbeat);
    /// A stale-trip delay above 7 days.
    error InvalidStaleTripDelay(uint32 staleTripAfter, uint32 maxStaleTripAfter);
    /// `minPrice ≥ maxPrice`, or `maxPrice` above `type(uint128).max`.
    error InvalidPriceBounds(uint256 minPrice, uint256 maxPrice);
    /// A base band of 0 or above 50 %, or a cap below the base or above 50 %.
    error InvalidBand(uint16 baseBand, uint16 bandCap);
    /// A half-life of 0 or above 10_000 rounds.
    error InvalidHalfLife(uint16 halfLife);
    /// A margin multiplier cap below 10_000 or above 60_000.
    error InvalidMarginCap(uint16 marginCap);
    /// TVL tiers with a zero source, more than 3 tiers, mismatched lengths,
    /// thresholds not strictly increasing, or factors not in (0, 10_000] and
    /// non-increasing.
    error InvalidTvlTiers();
    /// A sequencer grace above 2 hours.
    error InvalidSequencerGrace(uint32 grace, uint32 maxGrace);
    /// The market has no config.
    error UnknownMarket(bytes32 market);
    /// There is no previous config to roll back to.
    error NoPreviousConfig(bytes32 market);
    /// The market's breaker is already latched.
    error BreakerAlreadyTripped(bytes32 market);
    /// The market's breaker is not latched.
    error BreakerNotTripped(bytes32 market);
    /// Nothing is wrong enough to trip the breaker: the live status is `status`.
    error NothingToTrip(bytes32 market, uint8 status);
    /// The live round cannot be folded into the EWMA: its status is `status`.
    error PriceNotRecordable(bytes32 market, uint8 status);
    /// The round published at `updatedAt` was already recorded.
    error RoundAlreadyRecorded(bytes32 market, uint64 updatedAt);
}

guard_abi::error_enum!(
    /// Every error the OracleSanityChecker can return.
    pub enum OracleError {
        UnauthorizedAccount,
        InvalidZeroAddress,
        InvalidMarketId,
        InvalidFeed,
        FeedUnreadable,
        InvalidFeedDecimals,
        InvalidHeartbeat,
        InvalidStaleTripDelay,
        InvalidPriceBounds,
        InvalidBand,
        InvalidHalfLife,
        InvalidMarginCap,
        InvalidTvlTiers,
        InvalidSequencerGrace,
        UnknownMarket,
        NoPreviousConfig,
        BreakerAlreadyTripped,
        BreakerNotTripped,
        NothingToTrip,
        PriceNotRecordable,
        RoundAlreadyRecorded,
    }
);

/// The revert data: the error's selector and ABI-encoded fields.
impl From<OracleError> for Vec<u8> {
    fn from(error: OracleError) -> Vec<u8> {
        use OracleError as E;
        let start = |selector: [u8; 4]| Writer::new(&selector, 2);
        let writer = match error {
            E::UnauthorizedAccount(e) => start(UnauthorizedAccount::SELECTOR).address(&e.account),
            E::InvalidZeroAddress(_) => start(InvalidZeroAddress::SELECTOR),
            E::InvalidMarketId(_) => start(InvalidMarketId::SELECTOR),
            E::InvalidFeed(e) => start(InvalidFeed::SELECTOR).address(&e.feed),
            E::FeedUnreadable(e) => start(FeedUnreadable::SELECTOR).address(&e.feed),
            E::InvalidFeedDecimals(e) => start(InvalidFeedDecimals::SELECTOR)
                .address(&e.feed)
                .uint(e.decimals.into()),
            E::InvalidHeartbeat(e) => start(InvalidHeartbeat::SELECTOR)
                .uint(e.heartbeat.into())
                .uint(e.maxHeartbeat.into()),
            E::InvalidStaleTripDelay(e) => start(InvalidStaleTripDelay::SELECTOR)
                .uint(e.staleTripAfter.into())
                .uint(e.maxStaleTripAfter.into()),
            E::InvalidPriceBounds(e) => start(InvalidPriceBounds::SELECTOR)
                .u256(&e.minPrice)
                .u256(&e.maxPrice),
            E::InvalidBand(e) => start(InvalidBand::SELECTOR)
                .uint(e.baseBand.into())
                .uint(e.bandCap.into()),
            E::InvalidHalfLife(e) => start(InvalidHalfLife::SELECTOR).uint(e.halfLife.into()),
            E::InvalidMarginCap(e) => start(InvalidMarginCap::SELECTOR).uint(e.marginCap.into()),
            E::InvalidTvlTiers(_) => start(InvalidTvlTiers::SELECTOR),
            E::InvalidSequencerGrace(e) => start(InvalidSequencerGrace::SELECTOR)
                .uint(e.grace.into())
                .uint(e.maxGrace.into()),
            E::UnknownMarket(e) => start(UnknownMarket::SELECTOR).word(&e.market),
            E::NoPreviousConfig(e) => start(NoPreviousConfig::SELECTOR).word(&e.market),
            E::BreakerAlreadyTripped(e) => start(BreakerAlreadyTripped::SELECTOR).word(&e.market),
            E::BreakerNotTripped(e) => start(BreakerNotTripped::SELECTOR).word(&e.market),
            E::NothingToTrip(e) => start(NothingToTrip::SELECTOR)
                .word(&e.market)
                .uint(e.status.into()),
            E::PriceNotRecordable(e) => start(PriceNotRecordable::SELECTOR)
                .word(&e.market)
                .uint(e.status.into()),
            E::RoundAlreadyRecorded(e) => start(RoundAlreadyRecorded::SELECTOR)
                .word(&e.market)
                .uint(e.updatedAt),
        };
        writer.into_bytes()
    }
}
