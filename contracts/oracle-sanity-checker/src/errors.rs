//! Custom errors of the OracleSanityChecker.
//!
//! Every refusal is one of these, ABI-encoded like a Solidity custom error,
//! and no state changes when one is returned. The errors are declared with
//! `sol!` (names, selectors, the exported ABI); [`OracleError`] encodes them
//! with the compact encoder of [`guard_abi::encoding`] (checked against
//! alloy's encoding in `tests::encoding`).
#![allow(missing_docs)] // `sol!` generates the items; each error is documented below.

use alloc::vec::Vec;

use alloy_sol_types::{sol, SolError};
use guard_abi::encoding::{address_word, encode, u256_word, uint_word, Word};

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
        let words = |selector: [u8; 4], words: &[Word]| encode(&selector, words, None);
        match error {
            E::UnauthorizedAccount(e) => {
                words(UnauthorizedAccount::SELECTOR, &[address_word(e.account)])
            }
            E::InvalidZeroAddress(_) => words(InvalidZeroAddress::SELECTOR, &[]),
            E::InvalidMarketId(_) => words(InvalidMarketId::SELECTOR, &[]),
            E::InvalidFeed(e) => words(InvalidFeed::SELECTOR, &[address_word(e.feed)]),
            E::FeedUnreadable(e) => words(FeedUnreadable::SELECTOR, &[address_word(e.feed)]),
            E::InvalidFeedDecimals(e) => words(
                InvalidFeedDecimals::SELECTOR,
                &[address_word(e.feed), uint_word(e.decimals)],
            ),
            E::InvalidHeartbeat(e) => words(
                InvalidHeartbeat::SELECTOR,
                &[uint_word(e.heartbeat), uint_word(e.maxHeartbeat)],
            ),
            E::InvalidStaleTripDelay(e) => words(
                InvalidStaleTripDelay::SELECTOR,
                &[uint_word(e.staleTripAfter), uint_word(e.maxStaleTripAfter)],
            ),
            E::InvalidPriceBounds(e) => words(
                InvalidPriceBounds::SELECTOR,
                &[u256_word(e.minPrice), u256_word(e.maxPrice)],
            ),
            E::InvalidBand(e) => words(
                InvalidBand::SELECTOR,
                &[uint_word(e.baseBand), uint_word(e.bandCap)],
            ),
            E::InvalidHalfLife(e) => words(InvalidHalfLife::SELECTOR, &[uint_word(e.halfLife)]),
            E::InvalidMarginCap(e) => words(InvalidMarginCap::SELECTOR, &[uint_word(e.marginCap)]),
            E::InvalidTvlTiers(_) => words(InvalidTvlTiers::SELECTOR, &[]),
            E::InvalidSequencerGrace(e) => words(
                InvalidSequencerGrace::SELECTOR,
                &[uint_word(e.grace), uint_word(e.maxGrace)],
            ),
            E::UnknownMarket(e) => words(UnknownMarket::SELECTOR, &[e.market]),
            E::NoPreviousConfig(e) => words(NoPreviousConfig::SELECTOR, &[e.market]),
            E::BreakerAlreadyTripped(e) => words(BreakerAlreadyTripped::SELECTOR, &[e.market]),
            E::BreakerNotTripped(e) => words(BreakerNotTripped::SELECTOR, &[e.market]),
            E::NothingToTrip(e) => words(NothingToTrip::SELECTOR, &[e.market, uint_word(e.status)]),
            E::PriceNotRecordable(e) => words(
                PriceNotRecordable::SELECTOR,
                &[e.market, uint_word(e.status)],
            ),
            E::RoundAlreadyRecorded(e) => words(
                RoundAlreadyRecorded::SELECTOR,
                &[e.market, uint_word(e.updatedAt)],
            ),
        }
    }
}
