//! # OracleSanityChecker — feed sanity, sequencer uptime and a
//! volatility-scaled deviation breaker
//!
//! The PauseRegistry asks this contract for the settlement statuses 5–11
//! through `IOracleGate` ([`OracleGate`]): `checkSequencer()`,
//! `checkPrice(market)`, `checkMarket(market)` (both of those answers in one
//! call, for actions that need both: one program entry instead of two) and
//! `marginMultiplier(market)`. All four are views that never revert on a bad
//! feed: every fault is a non-OK status (fail closed).
//!
//! ## `checkPrice(market)`
//! The first rule that applies wins:
//! 1. **BREAKER_TRIPPED (7)**: the market's latched breaker is set (no
//!    feed is read).
//! 2. **ORACLE_UNAVAILABLE (8)**: the market is not configured, a feed
//!    reverted or returned malformed data, or there is no reference yet (no
//!    reference feed and no round recorded into the EWMA).
//! 3. **ORACLE_INVALID (9)**: answer ≤ 0, `updatedAt` 0 or in the future, or
//!    the normalized price outside `[minPrice, maxPrice]`.
//! 4. **ORACLE_STALE (10)**: `now − updatedAt > heartbeat`.
//! 5. **ORACLE_DEVIATION (11)**: `|price − reference| > band · reference`.
//!
//! Rules 2–4 apply to the primary feed and, when configured, to the
//! reference feed (same heartbeat and bounds); the lower code of the two
//! wins. OK returns the primary price (18 decimals), its `updatedAt` and
//! `validUntil` = the earliest `updatedAt + heartbeat` of the feeds read
//! (the last second the verdict holds). A non-OK answer returns zeros.
//!
//! ## `checkSequencer()`
//! The global Arbitrum uptime feed (answer 0 = up, 1 = down, `startedAt` =
//! when that began): down, unreadable, malformed, any other answer,
//! `startedAt` 0 or in the future → SEQUENCER_DOWN (5); `now < startedAt +
//! grace` → SEQUENCER_GRACE (6); else OK with `upSince = startedAt` and
//! `graceEndsAt = startedAt + grace`. With **no uptime feed configured** (an
//! L1 or non-Arbitrum deployment: the constructor's feed was zero) it
//! answers OK with `upSince = graceEndsAt = 0`. A feed, once set, can only
//! be replaced, never removed.
//!
//! ## The math (all integer, see [`math`])
//! - **Normalization**: an answer with `d ≤ 36` decimals becomes
//!   `answer·10^(18−d)` (exact) or `⌊answer / 10^(d−18)⌋` (at most 1 wei
//!   low). A result above `type(uint128).max` is above every `maxPrice`.
//! - **EWMA**: `record(market)` (anyone) folds the live round in, at most
//!   once per round (keyed by `updatedAt`), only when `checkPrice` would be
//!   OK — rounds outside the band are not folded in. The first round seeds
//!   the mean. With per-round weight α: `mean += α·(p − mean)`; the simple
//!   return `r = |p − last|/last` (capped at 100 %) feeds the variance
//!   `σ² += α·(r² − σ²)` (the first return seeds `σ² = r²`), 18-decimal fixed
//!   point; `σ = isqrt(σ²·1e18)`. σ is known from the second recorded round
//!   on.
//! - **Half-life → α**: `α = 1 − 2^(−1/h)` for a half-life of `h` recorded
//!   rounds, computed once at config time as `1 − e^(−ln2/h)` from its
//!   alternating series (about 20 terms); α is within 64·1e-18 of the
//!   exact value.
//! - **Band**: `clamp(base + k·σ, base, cap)` in bps (`k` in hundredths),
//!   then, with TVL tiers, multiplied by the factor of the highest tier whose
//!   threshold the source's `totalAssets()` reaches (an unreadable source
//!   counts as the highest tier: fail closed), at least 1 bps.
//! - **Margin multiplier**: `clamp(10_000 + m·σ, 10_000, marginCap)` bps
//!   (`m` in hundredths); 10_000 while σ is unknown or the market is not
//!   configured.
//!
//! ## Config fields and bounds (`configureMarket`, admin only)
//! | field | meaning | bounds |
//! |---|---|---|
//! | `primary` | Chainlink `AggregatorV3Interface` feed; its `decimals()` is read and stored | non-zero, ≤ 36 decimals |
//! | `reference` | optional second feed the price is compared with; 0 = the EWMA is the reference | ≠ primary, ≤ 36 decimals |
//! | `heartbeat` | longest accepted age of a round (both feeds), seconds | 1 s – 7 days |
//! | `staleTripAfter` | extra age past the heartbeat after which anyone may trip the breaker for staleness | ≤ 7 days |
//! | `minPrice`, `maxPrice` | sane range, 18 decimals, inclusive | `min < max ≤ type(uint128).max` |
//! | `baseBand` | deviation band when σ = 0, bps | 1 – 5_000 |
//! | `bandCap` | hard cap of the band, bps | `baseBand` – 5_000 |
//! | `volatilityMultiplier` | `k`, hundredths (300 = 3σ) | any `uint16` |
//! | `halfLife` | EWMA half-life in recorded rounds | 1 – 10_000 |
//! | `marginFactor` | `m`, hundredths | any `uint16` |
//! | `marginCap` | margin multiplier cap, bps | 10_000 – 60_000 |
//!
//! `configureTvlTiers` (admin only) sets the TVL source, `unitExponent` (≤
//! 36: thresholds are in units of `10^unitExponent` raw assets) and up to 3
//! tiers: thresholds strictly increasing, factors in (0, 10_000] bps and
//! non-increasing (a larger TVL never widens the band); empty lists with a
//! zero source remove them. Each config change keeps the previous whole
//! config; `rollbackConfig` (guardian or admin) restores it at once.
//!
//! ## Breaker
//! `tripBreaker(market)` (anyone) latches the breaker when the live reading
//! is ORACLE_INVALID, ORACLE_DEVIATION, or ORACLE_STALE with an age above
//! `heartbeat + staleTripAfter`; otherwise it reverts `NothingToTrip` (an
//! unreadable feed is not evidence of manipulation and already blocks). The
//! breaker stays latched when the price recovers, until `resetBreaker`
//! (guardian or admin), which — when the EWMA is the reference and the live
//! primary price is valid and fresh — also re-anchors the EWMA mean at it
//! (σ kept), so a genuine move does not leave the market blocked.
//!
//! ## Roles
//! **admin** (the EmergencyTimelock): config, sequencer feed, guardian;
//! two-step transfer. **guardian** (the GuardianMultisig): reset breakers,
//! roll back configs. Anyone: `record`, `tripBreaker`.
//!
//! ## Storage and gas
//! Each market is one array of twelve hand-packed words ([`mod@storage`],
//! indices in `word`): the config in force (five words), the previous
//! config (five), the state word (breaker, EWMA mean and variance) and the
//! EWMA's last price. An OK `checkPrice` on a market without reference feed
//! or TVL tiers reads three of them (feed, state, bounds) and makes one
//! external call; a reference feed adds one word and one call, TVL tiers two
//! words and one call. A latched breaker answers after two reads and no
//! call. Feed `decimals()` are read once, at config time, and stored.
//! The words sit where Solidity would put `mapping(bytes32 => bytes32[12])`
//! at slot 4 (the roles at 0–2, the sequencer word at 3); a call hashes the
//! market id once and reads the words as raw storage. Packed integers are
//! little-endian ([`guard_abi::packing`]).
//!
//! ## Calldata routing
//! The WASM build routes calldata with a hand-written router,
//! [`dispatch::Dispatcher`], instead of the one `#[public]` generates (which
//! inlines an alloy decoder per function: several KB more of deployed
//! code). It answers every calldata exactly as the
//! generated router does, which the unit tests and the ABI export keep
//! using; `tests::dispatch` checks the two against each other.
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]
#![cfg_attr(not(any(test, feature = "export-abi")), no_std)]
// `#[entrypoint]` adds an undocumented `user_entrypoint` outside test builds;
// test builds (and so `clippy --all-targets`) still enforce `missing_docs`.
#![cfg_attr(not(test), allow(missing_docs))]

extern crate alloc;

pub mod assess;
pub mod dispatch;
pub mod errors;
pub mod events;
pub mod feed;
pub mod math;
pub mod storage;

#[cfg(test)]
mod tests;

use alloc::{vec, vec::Vec};

use alloy_primitives::{Address, B256, U256};
use guard_abi::{
    packing::{address_at, set_address, set_u128, u128_at},
    Status, MARGIN_MULTIPLIER_MAX_CAP, MARGIN_MULTIPLIER_ONE,
};
use stylus_sdk::prelude::*;

use crate::{
    assess::{assess_feed, assess_sequencer, FeedVerdict},
    errors::{
        BreakerAlreadyTripped, BreakerNotTripped, FeedUnreadable, InvalidBand, InvalidFeed,
        InvalidFeedDecimals, InvalidHalfLife, InvalidHeartbeat, InvalidMarginCap, InvalidMarketId,
        InvalidPriceBounds, InvalidSequencerGrace, InvalidStaleTripDelay, InvalidTvlTiers,
        InvalidZeroAddress, NoPreviousConfig, NothingToTrip, OracleError, PriceNotRecordable,
        RoundAlreadyRecorded, UnauthorizedAccount, UnknownMarket,
    },
    events::{
        emit, AdminTransferStarted, AdminTransferred, BreakerReset, BreakerTripped,
        GuardianChanged, MarketConfigRolledBack, MarketConfigured, PriceRecorded,
        SequencerConfigChanged, TvlTiersConfigured,
    },
    math::{
        alpha_from_half_life, band_bps, margin_bps, outside_band, reaches, tightened,
        MAX_FEED_DECIMALS,
    },
    storage::{
        BoundsWord, FeedWord, MarketConfig, ParamsWord, ReferenceWord, SequencerWord, StateWord,
        TiersWord, MAX_TVL_TIERS,
    },
};

/// The default sequencer grace period: 1 hour.
pub const DEFAULT_SEQUENCER_GRACE: u32 = 3_600;
/// The longest sequencer grace period: 2 hours.
pub const MAX_SEQUENCER_GRACE: u32 = 7_200;
/// The longest heartbeat and stale-trip delay: 7 days.
pub const MAX_HEARTBEAT: u32 = 7 * 24 * 3_600;
/// The widest deviation band (base or cap): 50 %.
pub const MAX_BAND_BPS: u16 = 5_000;
/// The longest EWMA half-life, in recorded rounds.
pub const MAX_HALF_LIFE: u16 = 10_000;
/// The largest TVL unit exponent.
pub const MAX_TVL_UNIT_EXPONENT: u8 = 36;

/// The storage slots, as Solidity lays out
/// `address admin; address pendingAdmin; address guardian; bytes32
/// sequencer; mapping(bytes32 => bytes32[12]) markets;` — word `i` of a
/// market at `keccak256(market ‖ uint256(MARKETS)) + i`, an address in the
/// low 20 bytes of its word. The contract reads and writes these words
/// directly (`storage_load_bytes32` / `storage_cache_bytes32`) rather than
/// through the SDK's `StorageMap`/`StorageAddress`, whose generic byte-range
/// accessors link panic paths into the deployed code (~300 compressed bytes
/// measured).
///
/// The fixed slots are small integers, widened to `U256` inside
/// [`OracleSanityChecker::fixed`] (`U256` constants would be materialized at
/// every call site: ~90 compressed bytes more, measured).
mod slot {
    /// The admin.
    pub const ADMIN: u64 = 0;
    /// The pending admin.
    pub const PENDING_ADMIN: u64 = 1;
    /// The guardian.
    pub const GUARDIAN: u64 = 2;
    /// The [`super::SequencerWord`].
    pub const SEQUENCER: u64 = 3;
    /// The markets mapping (see [`super::word`]).
    pub const MARKETS: u8 = 4;
}

/// Word indices in a market's storage array: the config in force (five
/// words, see [`MarketConfig`]), the previous config (five words, primary 0
/// when none), the [`StateWord`] and the EWMA's last price.
mod word {
    /// First word of the config in force.
    pub const CONFIG: usize = 0;
    /// First word of the previous config.
    pub const PREVIOUS: usize = 5;
    /// Offset of the feed word in a config.
    pub const FEED: usize = 0;
    /// Offset of the bounds word in a config.
    pub const BOUNDS: usize = 1;
    /// Offset of the reference word in a config.
    pub const REFERENCE: usize = 2;
    /// Offset of the params word in a config.
    pub const PARAMS: usize = 3;
    /// Offset of the tiers word in a config.
    pub const TIERS: usize = 4;
    /// The state word.
    pub const STATE: usize = 10;
    /// The last price folded into the EWMA (a `uint128` in the low bytes).
    pub const LAST_PRICE: usize = 11;
}

// The WASM build's entrypoint is `wasm_entrypoint` (below), which routes
// with `dispatch::Dispatcher`; host builds (unit tests, ABI export) keep the
// SDK's `#[entrypoint]` and `#[public]` router, which it matches exactly.
// The contract's storage is read and written as raw words at the slots of
// `slot` (Solidity's layout of the same state variables); the struct holds
// no storage fields.
/// The OracleSanityChecker contract.
#[storage]
#[cfg_attr(not(target_arch = "wasm32"), entrypoint)]
pub struct OracleSanityChecker {}

// SAFETY: what `#[entrypoint]` on the struct declares in other builds: the
// contract is the top-level storage, at slot 0, which nothing else aliases.
#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)]
unsafe impl stylus_sdk::stylus_core::storage::TopLevelStorage for OracleSanityChecker {}

/// The WASM entrypoint: the SDK's `user_entrypoint` (reentrancy refused,
/// storage cache flushed, result written) and
/// [`guard_abi::entry::route_calldata`] (constructor selector, unknown
/// selectors, receive and fallback, as the SDK's `router_entrypoint`), with
/// [`dispatch::Dispatcher`] routing the selectors.
#[cfg(target_arch = "wasm32")]
#[entrypoint]
fn wasm_entrypoint(input: Vec<u8>, host: stylus_sdk::host::VM) -> stylus_sdk::ArbResult {
    guard_abi::entry::route_calldata::<dispatch::Dispatcher, OracleSanityChecker>(&input, host)
}

/// What the PauseRegistry asks (`IOracleGate` in `guard_abi`, fixed).
#[allow(missing_docs)] // `#[public]` generates undocumented items.
#[public]
pub trait OracleGate {
    /// The market's price verdict. Never reverts.
    ///
    /// # Returns
    /// * `status` - OK (0), BREAKER_TRIPPED (7), ORACLE_UNAVAILABLE (8),
    ///   ORACLE_INVALID (9), ORACLE_STALE (10) or ORACLE_DEVIATION (11).
    /// * `price` - the primary feed's price, 18 decimals (0 unless OK).
    /// * `published_at` - its `updatedAt` (0 unless OK).
    /// * `valid_until` - the last second the price is fresh (0 unless OK).
    fn check_price(&self, market: B256) -> (u8, U256, u64, u64);

    /// The sequencer verdict. Never reverts.
    ///
    /// # Returns
    /// * `status` - OK (0), SEQUENCER_DOWN (5) or SEQUENCER_GRACE (6).
    /// * `up_since` - when it last came up (0 when down, unreadable or no
    ///   feed is configured).
    /// * `grace_ends_at` - `upSince + grace`, the first second out of grace.
    fn check_sequencer(&self) -> (u8, u64, u64);

    /// Both verdicts in one call, for a gate that needs both: exactly what
    /// `checkSequencer()` and then `checkPrice(market)` answer in the same
    /// block, in one program entry instead of two. Never reverts.
    ///
    /// # Returns
    /// * `sequencer_status` - `checkSequencer()`'s `status`.
    /// * `up_since` - `checkSequencer()`'s `upSince`.
    /// * `grace_ends_at` - `checkSequencer()`'s `graceEndsAt`.
    /// * `price_status` - `checkPrice(market)`'s `status`.
    /// * `price` - `checkPrice(market)`'s `price`.
    /// * `published_at` - `checkPrice(market)`'s `publishedAt`.
    /// * `valid_until` - `checkPrice(market)`'s `validUntil`.
    fn check_market(&self, market: B256) -> (u8, u64, u64, u8, U256, u64, u64);

    /// The market's margin multiplier in bps: `clamp(10_000 + m·σ, 10_000,
    /// cap)`, 10_000 while σ is unknown or the market is not configured.
    fn margin_multiplier(&self, market: B256) -> u16;
}

#[public]
impl OracleGate for OracleSanityChecker {
    fn check_price(&self, market: B256) -> (u8, U256, u64, u64) {
        let m = &self.market(market);
        let r = self.read_price(m);
        match r.verdict {
            FeedVerdict::Fresh {
                price,
                updated_at,
                valid_until,
            } if r.status.is_ok() => (0, U256::from(price), updated_at, valid_until),
            _ => (r.status.code(), U256::ZERO, 0, 0),
        }
    }

    fn check_sequencer(&self) -> (u8, u64, u64) {
        let s = self.sequencer_word();
        if s.feed.is_zero() {
            return (Status::Ok.code(), 0, 0);
        }
        let round = feed::latest_round(self.vm(), s.feed);
        let (status, up_since, grace_ends_at) =
            assess_sequencer(round.as_ref(), s.grace, self.vm().block_timestamp());
        (status.code(), up_since, grace_ends_at)
    }

    fn check_market(&self, market: B256) -> (u8, u64, u64, u8, U256, u64, u64) {
        let (sequencer_status, up_since, grace_ends_at) = self.check_sequencer();
        let (price_status, price, published_at, valid_until) = self.check_price(market);
        (
            sequencer_status,
            up_since,
            grace_ends_at,
            price_status,
            price,
            published_at,
            valid_until,
        )
    }

    fn margin_multiplier(&self, market: B256) -> u16 {
        let m = &self.market(market);
        if !self.feed_word(m).is_configured() {
            return MARGIN_MULTIPLIER_ONE;
        }
        let factor = ReferenceWord::unpack(self.word(m, word::REFERENCE)).margin_m;
        let cap = ParamsWord::unpack(self.word(m, word::PARAMS)).margin_cap;
        let ewma = self.state(m).ewma(0);
        margin_bps(factor, cap, ewma.sigma_known().then(|| ewma.sigma()))
    }
}

/// A market id with the storage slot of its first word.
struct Market {
    /// The market id.
    id: B256,
    /// `keccak256(id ‖ uint256(slot::MARKETS))`.
    base: U256,
}

impl Market {
    /// The slot of the market's word `index` (see [`word`]).
    fn slot(&self, index: usize) -> U256 {
        self.base
            .wrapping_add(U256::from_limbs([index as u64, 0, 0, 0]))
    }
}

/// A full price reading of one market.
struct PriceReading {
    /// The combined status (breaker not included unless latched).
    status: Status,
    /// The primary feed's verdict.
    verdict: FeedVerdict,
    /// The reference price, 0 when unknown.
    reference: u128,
    /// The band used (bps), 0 when the feeds did not get that far.
    band: u16,
    /// The largest age among stale feeds.
    stale_age: u64,
}

impl PriceReading {
    const fn blocked(status: Status) -> Self {
        PriceReading {
            status,
            verdict: FeedVerdict::Faulty {
                status,
                price: 0,
                age: 0,
            },
            reference: 0,
            band: 0,
            stale_age: 0,
        }
    }
}

#[public]
#[implements(OracleGate)]
impl OracleSanityChecker {
    /// Sets the roles and the sequencer uptime feed.
    ///
    /// # Arguments
    /// * `admin` - the admin (the EmergencyTimelock).
    /// * `guardian` - the guardian (the GuardianMultisig).
    /// * `sequencer_feed` - the uptime feed; zero on L1 / non-Arbitrum
    ///   deployments (then `checkSequencer` is always OK). Grace starts at
    ///   the default, 3_600 s.
    ///
    /// # Errors
    /// `InvalidZeroAddress` if `admin` or `guardian` is zero.
    ///
    /// # Events
    /// `AdminTransferred`, `GuardianChanged`, `SequencerConfigChanged`.
    #[constructor]
    pub fn constructor(
        &mut self,
        admin: Address,
        guardian: Address,
        sequencer_feed: Address,
    ) -> Result<(), OracleError> {
        if admin.is_zero() || guardian.is_zero() {
            return Err(OracleError::InvalidZeroAddress(InvalidZeroAddress {}));
        }
        self.set_address(slot::ADMIN, admin);
        self.set_address(slot::GUARDIAN, guardian);
        let s = SequencerWord {
            feed: sequencer_feed,
            grace: DEFAULT_SEQUENCER_GRACE,
        };
        self.set_sequencer_word(&s);
        emit(
            self.vm(),
            AdminTransferred {
                oldAdmin: Address::ZERO,
                admin,
            },
        );
        emit(
            self.vm(),
            GuardianChanged {
                oldGuardian: Address::ZERO,
                guardian,
            },
        );
        emit(
            self.vm(),
            SequencerConfigChanged {
                oldFeed: Address::ZERO,
                feed: sequencer_feed,
                grace: s.grace,
            },
        );
        Ok(())
    }

    // ------------------------------------------------------------------
    // Config
    // ------------------------------------------------------------------

    /// Sets a market's feeds, bounds, band and EWMA parameters (see the
    /// crate docs for each field and its bounds). The config in force, if
    /// any, is kept for `rollbackConfig`; TVL tiers and the EWMA state carry
    /// over.
    ///
    /// # Errors
    /// `UnauthorizedAccount` (admin only), `InvalidMarketId`, `InvalidFeed`,
    /// `InvalidHeartbeat`, `InvalidStaleTripDelay`, `InvalidPriceBounds`,
    /// `InvalidBand`, `InvalidHalfLife`, `InvalidMarginCap`,
    /// `FeedUnreadable`, `InvalidFeedDecimals`.
    ///
    /// # Events
    /// `MarketConfigured`.
    #[allow(clippy::too_many_arguments)] // The ABI takes the config flat.
    pub fn configure_market(
        &mut self,
        market: B256,
        primary: Address,
        reference: Address,
        heartbeat: u32,
        stale_trip_after: u32,
        min_price: U256,
        max_price: U256,
        base_band: u16,
        band_cap: u16,
        volatility_multiplier: u16,
        half_life: u16,
        margin_factor: u16,
        margin_cap: u16,
    ) -> Result<(), OracleError> {
        let m = &self.market(market);
        self.only_admin()?;
        if market.is_zero() {
            return Err(OracleError::InvalidMarketId(InvalidMarketId {}));
        }
        if primary.is_zero() {
            return Err(invalid_feed(primary));
        }
        if reference == primary {
            return Err(invalid_feed(reference));
        }
        let bounds = check_timing_and_bounds(heartbeat, stale_trip_after, min_price, max_price)?;
        check_band_and_margin(base_band, band_cap, half_life, margin_cap)?;
        let decimals = self.feed_decimals(primary)?;
        let reference_decimals = if reference.is_zero() {
            0
        } else {
            self.feed_decimals(reference)?
        };

        let current = self.config_at(m, word::CONFIG);
        let config = MarketConfig {
            feed: FeedWord {
                primary,
                heartbeat,
                decimals,
                base_band,
                band_cap,
                volatility_k: volatility_multiplier,
                has_reference: !reference.is_zero(),
                has_tvl: current.feed.has_tvl,
            },
            bounds,
            reference: ReferenceWord {
                reference,
                reference_decimals,
                alpha: alpha_from_half_life(half_life),
                margin_m: margin_factor,
            },
            params: ParamsWord {
                half_life,
                margin_cap,
                stale_trip_after,
                ..current.params
            },
            tiers: current.tiers,
        };
        self.replace_config(m, &current, &config);
        emit(
            self.vm(),
            MarketConfigured {
                market,
                primary,
                referenceFeed: reference,
                heartbeat,
                staleTripAfter: stale_trip_after,
                minPrice: min_price,
                maxPrice: max_price,
                baseBand: base_band,
                bandCap: band_cap,
                volatilityMultiplier: volatility_multiplier,
                halfLife: half_life,
                marginFactor: margin_factor,
                marginCap: margin_cap,
            },
        );
        Ok(())
    }

    /// Sets (or, with all factors 0 and a zero source, removes) the TVL
    /// tiers of a configured market. The config in force is kept for
    /// `rollbackConfig`.
    ///
    /// # Arguments
    /// * `source` - an ERC-4626-style `totalAssets()` source.
    /// * `unit_exponent` - thresholds are in units of `10^unit_exponent` raw
    ///   assets (≤ 36).
    /// * `thresholds` - strictly increasing over the tiers in use.
    /// * `factors` - bps in (0, 10_000], non-increasing; a factor of 0 marks
    ///   the tier (and every later one) unused, its threshold must be 0. The
    ///   band is multiplied by the factor of the highest tier reached.
    ///
    /// # Errors
    /// `UnauthorizedAccount` (admin only), `UnknownMarket`, `InvalidTvlTiers`.
    ///
    /// # Events
    /// `TvlTiersConfigured`.
    pub fn configure_tvl_tiers(
        &mut self,
        market: B256,
        source: Address,
        unit_exponent: u8,
        thresholds: [u64; 3],
        factors: [u16; 3],
    ) -> Result<(), OracleError> {
        let m = &self.market(market);
        self.only_admin()?;
        let current = self.configured(m)?;
        let tiers = TiersWord {
            thresholds,
            factors,
        };
        let count = check_tiers(source, unit_exponent, &tiers)?;
        let mut config = current;
        config.feed.has_tvl = count > 0;
        config.params.tvl_source = source;
        config.params.tvl_unit_exponent = unit_exponent;
        config.params.tier_count = count;
        config.tiers = tiers;
        self.replace_config(m, &current, &config);
        emit(
            self.vm(),
            TvlTiersConfigured {
                market,
                source,
                unitExponent: unit_exponent,
                thresholds,
                factors,
            },
        );
        Ok(())
    }

    /// Restores the market's previous config at once (guardian or admin).
    /// The restored config has no previous one: a rollback cannot be undone
    /// by another rollback, only by the admin. EWMA state and breaker are
    /// kept.
    ///
    /// # Errors
    /// `UnauthorizedAccount`, `UnknownMarket`, `NoPreviousConfig`.
    ///
    /// # Events
    /// `MarketConfigRolledBack`.
    pub fn rollback_config(&mut self, market: B256) -> Result<(), OracleError> {
        let m = &self.market(market);
        let account = self.only_guardian_or_admin()?;
        self.configured(m)?;
        let previous = self.config_at(m, word::PREVIOUS);
        if !previous.feed.is_configured() {
            return Err(OracleError::NoPreviousConfig(NoPreviousConfig { market }));
        }
        self.set_config_at(m, word::CONFIG, &previous);
        self.set_config_at(m, word::PREVIOUS, &MarketConfig::default());
        emit(
            self.vm(),
            MarketConfigRolledBack {
                market,
                account,
                primary: previous.feed.primary,
            },
        );
        Ok(())
    }

    /// Sets the sequencer uptime feed and grace period.
    ///
    /// # Arguments
    /// * `feed` - the uptime feed (non-zero: a feed, once set, cannot be
    ///   removed).
    /// * `grace` - seconds after the sequencer comes back, ≤ 7_200.
    ///
    /// # Errors
    /// `UnauthorizedAccount` (admin only), `InvalidZeroAddress`,
    /// `InvalidSequencerGrace`.
    ///
    /// # Events
    /// `SequencerConfigChanged`.
    pub fn set_sequencer_feed(&mut self, feed: Address, grace: u32) -> Result<(), OracleError> {
        self.only_admin()?;
        if feed.is_zero() {
            return Err(OracleError::InvalidZeroAddress(InvalidZeroAddress {}));
        }
        if grace > MAX_SEQUENCER_GRACE {
            return Err(OracleError::InvalidSequencerGrace(InvalidSequencerGrace {
                grace,
                maxGrace: MAX_SEQUENCER_GRACE,
            }));
        }
        let old = self.sequencer_word().feed;
        self.set_sequencer_word(&SequencerWord { feed, grace });
        emit(
            self.vm(),
            SequencerConfigChanged {
                oldFeed: old,
                feed,
                grace,
            },
        );
        Ok(())
    }

    // ------------------------------------------------------------------
    // EWMA and breaker
    // ------------------------------------------------------------------

    /// Folds the live round into the market's EWMA mean and σ (anyone), at
    /// most once per round. The first round seeds the EWMA.
    ///
    /// # Errors
    /// `UnknownMarket`; `PriceNotRecordable` unless the live reading is OK
    /// (this includes BREAKER_TRIPPED and rounds outside the band), except
    /// that a valid, fresh round seeds an EWMA with no reference yet;
    /// `RoundAlreadyRecorded` for a round at or before the last recorded one.
    ///
    /// # Events
    /// `PriceRecorded`.
    pub fn record(&mut self, market: B256) -> Result<(), OracleError> {
        let m = &self.market(market);
        let config = self.configured(m)?;
        let r = self.read_price(m);
        let FeedVerdict::Fresh {
            price, updated_at, ..
        } = r.verdict
        else {
            return Err(not_recordable(market, r.status));
        };
        let mut state = self.state(m);
        let seeding = state.samples == 0 && !config.feed.has_reference;
        if !(r.status.is_ok() || seeding && r.status == Status::OracleUnavailable) {
            return Err(not_recordable(market, r.status));
        }
        if updated_at <= state.last_recorded_at {
            return Err(OracleError::RoundAlreadyRecorded(RoundAlreadyRecorded {
                market,
                updatedAt: updated_at,
            }));
        }
        let last_price = u128_at(&self.word(m, word::LAST_PRICE), 16);
        let ewma = state.ewma(last_price).folded(price, config.reference.alpha);
        state.set_ewma(&ewma);
        state.last_recorded_at = updated_at;
        let sigma = ewma.sigma();
        let band = band_bps(
            config.feed.base_band,
            config.feed.band_cap,
            config.feed.volatility_k,
            sigma,
        );
        self.set_word(m, word::STATE, state.pack());
        self.set_word(m, word::LAST_PRICE, u128_word(price));
        emit(
            self.vm(),
            PriceRecorded {
                market,
                price: U256::from(price),
                publishedAt: updated_at,
                mean: U256::from(ewma.mean),
                sigma: U256::from(sigma),
                band,
            },
        );
        Ok(())
    }

    /// Latches the market's breaker (anyone) when the live reading is
    /// ORACLE_INVALID, ORACLE_DEVIATION, or ORACLE_STALE by more than
    /// `heartbeat + staleTripAfter`.
    ///
    /// # Errors
    /// `UnknownMarket`, `BreakerAlreadyTripped`, `NothingToTrip` (with the
    /// live status) when none of these holds.
    ///
    /// # Events
    /// `BreakerTripped` with the live price, reference and band.
    pub fn trip_breaker(&mut self, market: B256) -> Result<(), OracleError> {
        let m = &self.market(market);
        let config = self.configured(m)?;
        let mut state = self.state(m);
        if state.breaker {
            return Err(OracleError::BreakerAlreadyTripped(BreakerAlreadyTripped {
                market,
            }));
        }
        let r = self.read_price(m);
        let stale_limit =
            u64::from(config.feed.heartbeat) + u64::from(config.params.stale_trip_after);
        let trips = match r.status {
            Status::OracleInvalid | Status::OracleDeviation => true,
            Status::OracleStale => r.stale_age > stale_limit,
            _ => false,
        };
        if !trips {
            return Err(OracleError::NothingToTrip(NothingToTrip {
                market,
                status: r.status.code(),
            }));
        }
        let band = if r.band == 0 {
            self.band_for(m, &config.feed, &state)
        } else {
            r.band
        };
        state.breaker = true;
        self.set_word(m, word::STATE, state.pack());
        emit(
            self.vm(),
            BreakerTripped {
                market,
                account: self.vm().msg_sender(),
                status: r.status.code(),
                price: U256::from(r.verdict.price()),
                referencePrice: U256::from(r.reference),
                band,
            },
        );
        Ok(())
    }

    /// Clears the market's latched breaker (guardian or admin). When the
    /// EWMA is the reference and the live primary price is valid and fresh,
    /// the EWMA mean is re-anchored at it (σ kept) and that round counts as
    /// recorded.
    ///
    /// # Errors
    /// `UnauthorizedAccount`, `UnknownMarket`, `BreakerNotTripped`.
    ///
    /// # Events
    /// `BreakerReset`.
    pub fn reset_breaker(&mut self, market: B256) -> Result<(), OracleError> {
        let m = &self.market(market);
        let account = self.only_guardian_or_admin()?;
        let config = self.configured(m)?;
        let mut state = self.state(m);
        if !state.breaker {
            return Err(OracleError::BreakerNotTripped(BreakerNotTripped { market }));
        }
        state.breaker = false;
        let mut reanchored = 0;
        if !config.feed.has_reference {
            let round = feed::latest_round(self.vm(), config.feed.primary);
            if let FeedVerdict::Fresh {
                price, updated_at, ..
            } = assess_feed(
                round.as_ref(),
                config.feed.decimals,
                &config.bounds,
                config.feed.heartbeat,
                self.vm().block_timestamp(),
            ) {
                state.mean = price;
                state.samples = state.samples.max(1);
                state.last_recorded_at = state.last_recorded_at.max(updated_at);
                self.set_word(m, word::LAST_PRICE, u128_word(price));
                reanchored = price;
            }
        }
        self.set_word(m, word::STATE, state.pack());
        emit(
            self.vm(),
            BreakerReset {
                market,
                account,
                reanchoredTo: U256::from(reanchored),
            },
        );
        Ok(())
    }

    // ------------------------------------------------------------------
    // Views
    // ------------------------------------------------------------------

    /// A market's config.
    ///
    /// # Returns
    /// `(primary, reference, heartbeat, staleTripAfter, minPrice, maxPrice,
    /// baseBand, bandCap, volatilityMultiplier, halfLife, marginFactor,
    /// marginCap)`; all zero when not configured.
    #[allow(clippy::type_complexity)] // The ABI tuple.
    pub fn market_config(
        &self,
        market: B256,
    ) -> (
        Address,
        Address,
        u32,
        u32,
        U256,
        U256,
        u16,
        u16,
        u16,
        u16,
        u16,
        u16,
    ) {
        let m = &self.market(market);
        let c = self.config_at(m, word::CONFIG);
        (
            c.feed.primary,
            c.reference.reference,
            c.feed.heartbeat,
            c.params.stale_trip_after,
            U256::from(c.bounds.min_price),
            U256::from(c.bounds.max_price),
            c.feed.base_band,
            c.feed.band_cap,
            c.feed.volatility_k,
            c.params.half_life,
            c.reference.margin_m,
            c.params.margin_cap,
        )
    }

    /// A market's TVL tiers.
    ///
    /// # Returns
    /// `(source, unitExponent, thresholds, factors)`; unused tiers are
    /// zero, all zero when none.
    pub fn tvl_tiers(&self, market: B256) -> (Address, u8, [u64; 3], [u16; 3]) {
        let m = &self.market(market);
        let c = self.config_at(m, word::CONFIG);
        (
            c.params.tvl_source,
            c.params.tvl_unit_exponent,
            c.tiers.thresholds,
            c.tiers.factors,
        )
    }

    /// Whether `rollbackConfig` has a config to restore.
    pub fn has_previous_config(&self, market: B256) -> bool {
        let m = &self.market(market);
        FeedWord::unpack(self.word(m, word::PREVIOUS + word::FEED)).is_configured()
    }

    /// A market's live state.
    ///
    /// # Returns
    /// * `breaker` - whether the breaker is latched.
    /// * `mean` - the EWMA mean price (18 decimals; 0 before the first record).
    /// * `sigma` - σ of returns, 18-decimal fixed point (0 until known).
    /// * `samples` - rounds recorded (saturating at 255).
    /// * `last_recorded_at` - `updatedAt` of the last recorded round.
    pub fn market_state(&self, market: B256) -> (bool, U256, U256, u8, u64) {
        let m = &self.market(market);
        let s = self.state(m);
        (
            s.breaker,
            U256::from(s.mean),
            U256::from(s.ewma(0).sigma()),
            s.samples,
            s.last_recorded_at,
        )
    }

    /// The market's current deviation band in bps (σ-scaled and
    /// TVL-tightened; 0 when not configured).
    pub fn band(&self, market: B256) -> u16 {
        let m = &self.market(market);
        let feed = self.feed_word(m);
        if !feed.is_configured() {
            return 0;
        }
        self.band_for(m, &feed, &self.state(m))
    }

    /// The sequencer uptime config.
    ///
    /// # Returns
    /// `(feed, grace)`; feed zero when none is configured.
    pub fn sequencer_config(&self) -> (Address, u32) {
        let s = self.sequencer_word();
        (s.feed, s.grace)
    }

    // ------------------------------------------------------------------
    // Roles
    // ------------------------------------------------------------------

    /// Replaces the guardian.
    ///
    /// # Errors
    /// `UnauthorizedAccount` (admin only), `InvalidZeroAddress`.
    ///
    /// # Events
    /// `GuardianChanged`.
    pub fn set_guardian(&mut self, guardian: Address) -> Result<(), OracleError> {
        self.only_admin()?;
        if guardian.is_zero() {
            return Err(OracleError::InvalidZeroAddress(InvalidZeroAddress {}));
        }
        let old = self.address(slot::GUARDIAN);
        self.set_address(slot::GUARDIAN, guardian);
        emit(
            self.vm(),
            GuardianChanged {
                oldGuardian: old,
                guardian,
            },
        );
        Ok(())
    }

    /// Starts an admin transfer; `new_admin` must call `acceptAdmin`.
    ///
    /// # Errors
    /// `UnauthorizedAccount` (admin only), `InvalidZeroAddress`.
    ///
    /// # Events
    /// `AdminTransferStarted`.
    pub fn transfer_admin(&mut self, new_admin: Address) -> Result<(), OracleError> {
        let admin = self.only_admin()?;
        if new_admin.is_zero() {
            return Err(OracleError::InvalidZeroAddress(InvalidZeroAddress {}));
        }
        self.set_address(slot::PENDING_ADMIN, new_admin);
        emit(
            self.vm(),
            AdminTransferStarted {
                admin,
                pendingAdmin: new_admin,
            },
        );
        Ok(())
    }

    /// Completes an admin transfer (the pending admin only).
    ///
    /// # Errors
    /// `UnauthorizedAccount` unless the caller is the pending admin.
    ///
    /// # Events
    /// `AdminTransferred`.
    pub fn accept_admin(&mut self) -> Result<(), OracleError> {
        let sender = self.vm().msg_sender();
        if sender.is_zero() || sender != self.address(slot::PENDING_ADMIN) {
            return Err(unauthorized(sender));
        }
        let old = self.address(slot::ADMIN);
        self.set_address(slot::ADMIN, sender);
        self.set_address(slot::PENDING_ADMIN, Address::ZERO);
        emit(
            self.vm(),
            AdminTransferred {
                oldAdmin: old,
                admin: sender,
            },
        );
        Ok(())
    }

    /// The admin.
    pub fn admin(&self) -> Address {
        self.address(slot::ADMIN)
    }

    /// The pending admin (zero when no transfer is under way).
    pub fn pending_admin(&self) -> Address {
        self.address(slot::PENDING_ADMIN)
    }

    /// The guardian.
    pub fn guardian(&self) -> Address {
        self.address(slot::GUARDIAN)
    }
}

// ----------------------------------------------------------------------
// Internals
// ----------------------------------------------------------------------

impl OracleSanityChecker {
    /// Reads the market's feeds and combines the verdicts in the design's
    /// precedence. Reads only what the answer needs.
    fn read_price(&self, m: &Market) -> PriceReading {
        let feed = self.feed_word(m);
        if !feed.is_configured() {
            return PriceReading::blocked(Status::OracleUnavailable);
        }
        let state = self.state(m);
        if state.breaker {
            return PriceReading::blocked(Status::BreakerTripped);
        }
        let bounds = BoundsWord::unpack(self.word(m, word::BOUNDS));
        let now = self.vm().block_timestamp();
        let primary_round = feed::latest_round(self.vm(), feed.primary);
        let verdict = assess_feed(
            primary_round.as_ref(),
            feed.decimals,
            &bounds,
            feed.heartbeat,
            now,
        );
        let mut reading = PriceReading {
            status: verdict.status(),
            verdict,
            reference: 0,
            band: 0,
            stale_age: verdict.stale_age(),
        };
        if reading.status == Status::OracleUnavailable {
            return reading;
        }
        let mut valid_until = u64::MAX;
        if feed.has_reference {
            let r = ReferenceWord::unpack(self.word(m, word::REFERENCE));
            let round = feed::latest_round(self.vm(), r.reference);
            let rv = assess_feed(
                round.as_ref(),
                r.reference_decimals,
                &bounds,
                feed.heartbeat,
                now,
            );
            reading.status = first_applicable(reading.status, rv.status());
            reading.stale_age = reading.stale_age.max(rv.stale_age());
            if let FeedVerdict::Fresh {
                price,
                valid_until: v,
                ..
            } = rv
            {
                reading.reference = price;
                valid_until = v;
            }
        } else if state.samples == 0 {
            // No reference yet: the deviation cannot be checked.
            reading.status = first_applicable(reading.status, Status::OracleUnavailable);
        } else {
            reading.reference = state.mean;
        }
        let FeedVerdict::Fresh {
            price,
            updated_at,
            valid_until: primary_valid_until,
        } = reading.verdict
        else {
            return reading;
        };
        if !reading.status.is_ok() {
            return reading;
        }
        reading.band = self.band_for(m, &feed, &state);
        if outside_band(price, reading.reference, reading.band) {
            reading.status = Status::OracleDeviation;
        } else {
            reading.verdict = FeedVerdict::Fresh {
                price,
                updated_at,
                valid_until: primary_valid_until.min(valid_until),
            };
        }
        reading
    }

    /// The band: σ-scaled, clamped, then tightened by the TVL tier reached
    /// (an unreadable TVL source counts as the highest tier).
    fn band_for(&self, m: &Market, feed: &FeedWord, state: &StateWord) -> u16 {
        let band = band_bps(
            feed.base_band,
            feed.band_cap,
            feed.volatility_k,
            state.ewma(0).sigma(),
        );
        if !feed.has_tvl {
            return band;
        }
        let params = ParamsWord::unpack(self.word(m, word::PARAMS));
        let tiers = TiersWord::unpack(self.word(m, word::TIERS));
        let count = usize::from(params.tier_count).min(MAX_TVL_TIERS);
        // Thresholds strictly increase, so the tiers reached are the first
        // `reached`; the last of them applies.
        let reached = match feed::total_assets(self.vm(), params.tvl_source) {
            None => count,
            Some(tvl) => tiers
                .thresholds
                .iter()
                .take(count)
                .filter(|t| reaches(tvl, **t, params.tvl_unit_exponent))
                .count(),
        };
        match tiers.factors.iter().take(reached).next_back() {
            Some(factor) => tightened(band, *factor),
            None => band,
        }
    }

    fn feed_decimals(&self, feed: Address) -> Result<u8, OracleError> {
        match feed::decimals(self.vm(), feed) {
            None => Err(OracleError::FeedUnreadable(FeedUnreadable { feed })),
            Some(decimals) if decimals > MAX_FEED_DECIMALS => {
                Err(OracleError::InvalidFeedDecimals(InvalidFeedDecimals {
                    feed,
                    decimals,
                }))
            }
            Some(decimals) => Ok(decimals),
        }
    }

    /// Makes `config` the market's config, keeping `current` (if it is a
    /// config) for `rollbackConfig`.
    fn replace_config(&mut self, m: &Market, current: &MarketConfig, config: &MarketConfig) {
        if current.feed.is_configured() {
            self.set_config_at(m, word::PREVIOUS, current);
        }
        self.set_config_at(m, word::CONFIG, config);
    }

    fn configured(&self, m: &Market) -> Result<MarketConfig, OracleError> {
        let config = self.config_at(m, word::CONFIG);
        if config.feed.is_configured() {
            Ok(config)
        } else {
            Err(OracleError::UnknownMarket(UnknownMarket { market: m.id }))
        }
    }

    fn feed_word(&self, m: &Market) -> FeedWord {
        FeedWord::unpack(self.word(m, word::FEED))
    }

    fn state(&self, m: &Market) -> StateWord {
        StateWord::unpack(self.word(m, word::STATE))
    }

    /// The market `id`, with the slot of its first word: `keccak256(id ‖
    /// uint256(slot::MARKETS))` (see [`slot`]), hashed once per call.
    fn market(&self, id: B256) -> Market {
        let mut key = [0u8; 64];
        key[..32].copy_from_slice(id.as_slice());
        key[63] = slot::MARKETS;
        Market {
            id,
            base: U256::from_be_bytes(self.vm().native_keccak256(&key).0),
        }
    }

    /// Word `index` of a market (see [`word`]).
    fn word(&self, m: &Market, index: usize) -> B256 {
        self.vm().storage_load_bytes32(m.slot(index))
    }

    fn set_word(&mut self, m: &Market, index: usize, value: B256) {
        self.store(m.slot(index), value);
    }

    /// The storage key of a fixed `slot` (see [`slot`]).
    fn fixed(slot: u64) -> U256 {
        U256::from_limbs([slot, 0, 0, 0])
    }

    /// The address in the low 20 bytes of a fixed `slot`.
    fn address(&self, slot: u64) -> Address {
        address_at(&self.vm().storage_load_bytes32(Self::fixed(slot)), 12)
    }

    fn set_address(&mut self, slot: u64, value: Address) {
        let mut w = B256::ZERO;
        set_address(&mut w, 12, value);
        self.store(Self::fixed(slot), w);
    }

    /// Writes a storage word (through the host's storage cache, which the
    /// entrypoint flushes, exactly as the SDK's storage types do).
    #[allow(unsafe_code)]
    fn store(&mut self, slot: U256, value: B256) {
        // SAFETY: "may alias storage": the contract holds no SDK storage
        // accessor (its struct has no storage fields), so no cached view of
        // this slot can go stale.
        unsafe { self.vm().storage_cache_bytes32(slot, value) }
    }

    /// The config whose first word is `base` ([`word::CONFIG`] or [`word::PREVIOUS`]).
    fn config_at(&self, m: &Market, base: usize) -> MarketConfig {
        MarketConfig::unpack(core::array::from_fn(|i| self.word(m, base + i)))
    }

    fn set_config_at(&mut self, m: &Market, base: usize, config: &MarketConfig) {
        for (i, w) in config.pack().into_iter().enumerate() {
            self.set_word(m, base + i, w);
        }
    }

    fn sequencer_word(&self) -> SequencerWord {
        SequencerWord::unpack(self.vm().storage_load_bytes32(Self::fixed(slot::SEQUENCER)))
    }

    fn set_sequencer_word(&mut self, s: &SequencerWord) {
        self.store(Self::fixed(slot::SEQUENCER), s.pack());
    }

    fn only_admin(&self) -> Result<Address, OracleError> {
        let sender = self.vm().msg_sender();
        if sender == self.address(slot::ADMIN) {
            Ok(sender)
        } else {
            Err(unauthorized(sender))
        }
    }

    fn only_guardian_or_admin(&self) -> Result<Address, OracleError> {
        let sender = self.vm().msg_sender();
        if sender == self.address(slot::ADMIN) || sender == self.address(slot::GUARDIAN) {
            Ok(sender)
        } else {
            Err(unauthorized(sender))
        }
    }
}

/// Of two verdicts, the non-OK one with the lower code (the design's
/// precedence); OK only when both are.
fn first_applicable(a: Status, b: Status) -> Status {
    match (a, b) {
        (Status::Ok, s) | (s, Status::Ok) => s,
        (a, b) => a.min(b),
    }
}

/// A `uint128` stored in the low 16 bytes of a word.
fn u128_word(value: u128) -> B256 {
    let mut w = B256::ZERO;
    set_u128(&mut w, 16, value);
    w
}

fn unauthorized(account: Address) -> OracleError {
    OracleError::UnauthorizedAccount(UnauthorizedAccount { account })
}

fn invalid_feed(feed: Address) -> OracleError {
    OracleError::InvalidFeed(InvalidFeed { feed })
}

fn not_recordable(market: B256, status: Status) -> OracleError {
    OracleError::PriceNotRecordable(PriceNotRecordable {
        market,
        status: status.code(),
    })
}

/// Validates the heartbeat, the stale-trip delay and the price bounds.
fn check_timing_and_bounds(
    heartbeat: u32,
    stale_trip_after: u32,
    min_price: U256,
    max_price: U256,
) -> Result<BoundsWord, OracleError> {
    if heartbeat == 0 || heartbeat > MAX_HEARTBEAT {
        return Err(OracleError::InvalidHeartbeat(InvalidHeartbeat {
            heartbeat,
            maxHeartbeat: MAX_HEARTBEAT,
        }));
    }
    if stale_trip_after > MAX_HEARTBEAT {
        return Err(OracleError::InvalidStaleTripDelay(InvalidStaleTripDelay {
            staleTripAfter: stale_trip_after,
            maxStaleTripAfter: MAX_HEARTBEAT,
        }));
    }
    match (u128::try_from(min_price), u128::try_from(max_price)) {
        (Ok(min_price), Ok(max_price)) if min_price < max_price => Ok(BoundsWord {
            min_price,
            max_price,
        }),
        _ => Err(OracleError::InvalidPriceBounds(InvalidPriceBounds {
            minPrice: min_price,
            maxPrice: max_price,
        })),
    }
}

/// Validates the band, the EWMA half-life and the margin cap.
fn check_band_and_margin(
    base_band: u16,
    band_cap: u16,
    half_life: u16,
    margin_cap: u16,
) -> Result<(), OracleError> {
    if base_band == 0 || base_band > MAX_BAND_BPS || band_cap < base_band || band_cap > MAX_BAND_BPS
    {
        return Err(OracleError::InvalidBand(InvalidBand {
            baseBand: base_band,
            bandCap: band_cap,
        }));
    }
    if half_life == 0 || half_life > MAX_HALF_LIFE {
        return Err(OracleError::InvalidHalfLife(InvalidHalfLife {
            halfLife: half_life,
        }));
    }
    if !(MARGIN_MULTIPLIER_ONE..=MARGIN_MULTIPLIER_MAX_CAP).contains(&margin_cap) {
        return Err(OracleError::InvalidMarginCap(InvalidMarginCap {
            marginCap: margin_cap,
        }));
    }
    Ok(())
}

/// Validates TVL tiers and returns how many are in use (0: a removal,
/// which needs a zero source and exponent): the tiers before the first
/// zero factor, with strictly increasing thresholds and non-increasing
/// factors up to 10_000; every tier after them all zero.
fn check_tiers(source: Address, unit_exponent: u8, tiers: &TiersWord) -> Result<u8, OracleError> {
    let (mut count, mut in_use, mut valid) = (0u8, true, true);
    let (mut previous_threshold, mut previous_factor) = (0u64, 10_000u16);
    for (threshold, factor) in tiers.thresholds.into_iter().zip(tiers.factors) {
        in_use &= factor != 0;
        if in_use {
            valid &= factor <= previous_factor && (count == 0 || threshold > previous_threshold);
            (previous_threshold, previous_factor) = (threshold, factor);
            count += 1;
        } else {
            valid &= threshold == 0 && factor == 0;
        }
    }
    valid &= if count == 0 {
        source.is_zero() && unit_exponent == 0
    } else {
        !source.is_zero() && unit_exponent <= MAX_TVL_UNIT_EXPONENT
    };
    if valid {
        Ok(count)
    } else {
        Err(OracleError::InvalidTvlTiers(InvalidTvlTiers {}))
    }
}
