//! Custom errors of the OracleSanityChecker.
//!
//! Every refusal is one of these, ABI-encoded like a Solidity custom error,
//! and no state changes when one is returned.
#![allow(missing_docs)] // `sol!` generates the items; each error is documented below.

use alloy_sol_types::sol;
use stylus_sdk::prelude::*;

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

/// Every error the OracleSanityChecker can return.
#[derive(SolidityError, Debug)]
pub enum OracleError {
    /// See [`UnauthorizedAccount`].
    UnauthorizedAccount(UnauthorizedAccount),
    /// See [`InvalidZeroAddress`].
    InvalidZeroAddress(InvalidZeroAddress),
    /// See [`InvalidMarketId`].
    InvalidMarketId(InvalidMarketId),
    /// See [`InvalidFeed`].
    InvalidFeed(InvalidFeed),
    /// See [`FeedUnreadable`].
    FeedUnreadable(FeedUnreadable),
    /// See [`InvalidFeedDecimals`].
    InvalidFeedDecimals(InvalidFeedDecimals),
    /// See [`InvalidHeartbeat`].
    InvalidHeartbeat(InvalidHeartbeat),
    /// See [`InvalidStaleTripDelay`].
    InvalidStaleTripDelay(InvalidStaleTripDelay),
    /// See [`InvalidPriceBounds`].
    InvalidPriceBounds(InvalidPriceBounds),
    /// See [`InvalidBand`].
    InvalidBand(InvalidBand),
    /// See [`InvalidHalfLife`].
    InvalidHalfLife(InvalidHalfLife),
    /// See [`InvalidMarginCap`].
    InvalidMarginCap(InvalidMarginCap),
    /// See [`InvalidTvlTiers`].
    InvalidTvlTiers(InvalidTvlTiers),
    /// See [`InvalidSequencerGrace`].
    InvalidSequencerGrace(InvalidSequencerGrace),
    /// See [`UnknownMarket`].
    UnknownMarket(UnknownMarket),
    /// See [`NoPreviousConfig`].
    NoPreviousConfig(NoPreviousConfig),
    /// See [`BreakerAlreadyTripped`].
    BreakerAlreadyTripped(BreakerAlreadyTripped),
    /// See [`BreakerNotTripped`].
    BreakerNotTripped(BreakerNotTripped),
    /// See [`NothingToTrip`].
    NothingToTrip(NothingToTrip),
    /// See [`PriceNotRecordable`].
    PriceNotRecordable(PriceNotRecordable),
    /// See [`RoundAlreadyRecorded`].
    RoundAlreadyRecorded(RoundAlreadyRecorded),
}
