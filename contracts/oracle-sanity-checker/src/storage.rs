//! Storage layout of the OracleSanityChecker: hand-packed 32-byte words.
//!
//! A market's config is five words ([`MarketConfig`]); `checkPrice` reads
//! only the ones it needs: the feed word and the bounds word always, the
//! reference word when a reference feed is configured, the TVL words when
//! TVL tiers are configured, plus the market's [`StateWord`] (breaker, EWMA
//! mean and variance). All integers are little-endian at the byte
//! offsets given ([`guard_abi::packing`]); unused bytes are zero.

use alloy_primitives::{Address, B256};
use guard_abi::packing::{
    address_at, set_address, set_u128, set_u16, set_u32, set_u48, set_u64, u128_at, u16_at, u32_at,
    u48_at, u64_at,
};

use crate::math::Ewma;

/// The most TVL tiers a market may have.
pub const MAX_TVL_TIERS: usize = 3;

/// The global sequencer uptime config.
///
/// Layout: `feed` 0..20, `grace` 20..24.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SequencerWord {
    /// The uptime feed (zero: none, e.g. on L1).
    pub feed: Address,
    /// Seconds after the sequencer comes back during which it is in grace.
    pub grace: u32,
}

impl SequencerWord {
    /// Unpacks a stored word.
    pub fn unpack(w: B256) -> Self {
        SequencerWord {
            feed: address_at(&w, 0),
            grace: u32_at(&w, 20),
        }
    }

    /// Packs for storage.
    pub fn pack(&self) -> B256 {
        let mut w = B256::ZERO;
        set_address(&mut w, 0, self.feed);
        set_u32(&mut w, 20, self.grace);
        w
    }
}

/// Config word 0, read on every check: the primary feed and the band.
///
/// Layout: `primary` 0..20, `heartbeat` 20..24, `decimals` 24,
/// `base_band` 25..27, `band_cap` 27..29, `volatility_k` 29..31, `flags` 31
/// (bit 0: a reference feed is configured; bit 1: TVL tiers are).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FeedWord {
    /// The primary Chainlink feed (zero: market not configured).
    pub primary: Address,
    /// Longest accepted age of a round, seconds.
    pub heartbeat: u32,
    /// The primary feed's `decimals()`, read at config time.
    pub decimals: u8,
    /// Base deviation band, bps.
    pub base_band: u16,
    /// Hard cap of the band, bps.
    pub band_cap: u16,
    /// Volatility multiplier `k`, hundredths.
    pub volatility_k: u16,
    /// Whether a reference feed is configured.
    pub has_reference: bool,
    /// Whether TVL tiers are configured.
    pub has_tvl: bool,
}

impl FeedWord {
    /// Unpacks a stored word.
    pub fn unpack(w: B256) -> Self {
        FeedWord {
            primary: address_at(&w, 0),
            heartbeat: u32_at(&w, 20),
            decimals: w.0[24],
            base_band: u16_at(&w, 25),
            band_cap: u16_at(&w, 27),
            volatility_k: u16_at(&w, 29),
            has_reference: w.0[31] & 1 != 0,
            has_tvl: w.0[31] & 2 != 0,
        }
    }

    /// Packs for storage.
    pub fn pack(&self) -> B256 {
        let mut w = B256::ZERO;
        set_address(&mut w, 0, self.primary);
        set_u32(&mut w, 20, self.heartbeat);
        w.0[24] = self.decimals;
        set_u16(&mut w, 25, self.base_band);
        set_u16(&mut w, 27, self.band_cap);
        set_u16(&mut w, 29, self.volatility_k);
        w.0[31] = u8::from(self.has_reference) | (u8::from(self.has_tvl) << 1);
        w
    }

    /// Whether the market is configured.
    pub fn is_configured(&self) -> bool {
        !self.primary.is_zero()
    }
}

/// Config word 1, read on every check: the sane price range.
///
/// Layout: `min_price` 0..16, `max_price` 16..32.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BoundsWord {
    /// Lowest sane price, 18 decimals.
    pub min_price: u128,
    /// Highest sane price, 18 decimals.
    pub max_price: u128,
}

impl BoundsWord {
    /// Unpacks a stored word.
    pub fn unpack(w: B256) -> Self {
        BoundsWord {
            min_price: u128_at(&w, 0),
            max_price: u128_at(&w, 16),
        }
    }

    /// Packs for storage.
    pub fn pack(&self) -> B256 {
        let mut w = B256::ZERO;
        set_u128(&mut w, 0, self.min_price);
        set_u128(&mut w, 16, self.max_price);
        w
    }

    /// Whether `price` is inside `[min_price, max_price]`.
    pub fn contains(&self, price: u128) -> bool {
        self.min_price <= price && price <= self.max_price
    }
}

/// Config word 2: the reference feed, the EWMA weight and the margin factor.
///
/// Layout: `reference` 0..20, `reference_decimals` 20, `alpha` 21..29,
/// `margin_m` 29..31.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReferenceWord {
    /// The reference feed (zero: the EWMA is the reference).
    pub reference: Address,
    /// The reference feed's `decimals()`, read at config time.
    pub reference_decimals: u8,
    /// The per-round EWMA weight, 18-decimal fixed point.
    pub alpha: u64,
    /// Margin multiplier factor `m`, hundredths.
    pub margin_m: u16,
}

impl ReferenceWord {
    /// Unpacks a stored word.
    pub fn unpack(w: B256) -> Self {
        ReferenceWord {
            reference: address_at(&w, 0),
            reference_decimals: w.0[20],
            alpha: u64_at(&w, 21),
            margin_m: u16_at(&w, 29),
        }
    }

    /// Packs for storage.
    pub fn pack(&self) -> B256 {
        let mut w = B256::ZERO;
        set_address(&mut w, 0, self.reference);
        w.0[20] = self.reference_decimals;
        set_u64(&mut w, 21, self.alpha);
        set_u16(&mut w, 29, self.margin_m);
        w
    }
}

/// Config word 3: the TVL source and the less-read parameters.
///
/// Layout: `tvl_source` 0..20, `half_life` 20..22, `margin_cap` 22..24,
/// `stale_trip_after` 24..28, `tvl_unit_exponent` 28, `tier_count` 29.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ParamsWord {
    /// The `totalAssets()` source (zero: none).
    pub tvl_source: Address,
    /// EWMA half-life in recorded rounds.
    pub half_life: u16,
    /// Margin multiplier cap, bps.
    pub margin_cap: u16,
    /// Seconds past the heartbeat after which a stale feed may be tripped.
    pub stale_trip_after: u32,
    /// TVL thresholds are in units of `10^tvl_unit_exponent` raw assets.
    pub tvl_unit_exponent: u8,
    /// Number of TVL tiers (0 to [`MAX_TVL_TIERS`]).
    pub tier_count: u8,
}

impl ParamsWord {
    /// Unpacks a stored word.
    pub fn unpack(w: B256) -> Self {
        ParamsWord {
            tvl_source: address_at(&w, 0),
            half_life: u16_at(&w, 20),
            margin_cap: u16_at(&w, 22),
            stale_trip_after: u32_at(&w, 24),
            tvl_unit_exponent: w.0[28],
            tier_count: w.0[29],
        }
    }

    /// Packs for storage.
    pub fn pack(&self) -> B256 {
        let mut w = B256::ZERO;
        set_address(&mut w, 0, self.tvl_source);
        set_u16(&mut w, 20, self.half_life);
        set_u16(&mut w, 22, self.margin_cap);
        set_u32(&mut w, 24, self.stale_trip_after);
        w.0[28] = self.tvl_unit_exponent;
        w.0[29] = self.tier_count;
        w
    }
}

/// Config word 4: the TVL tiers.
///
/// Layout: `thresholds[i]` at `8·i` (u64), `factors[i]` at `24 + 2·i` (u16).
/// Tier `i` applies when `tvl / 10^exponent ≥ thresholds[i]`; its factor
/// (bps, ≤ 10_000) multiplies the band.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TiersWord {
    /// Tier thresholds, strictly increasing.
    pub thresholds: [u64; MAX_TVL_TIERS],
    /// Tier band factors in bps, non-increasing, in `[1, 10_000]`.
    pub factors: [u16; MAX_TVL_TIERS],
}

impl TiersWord {
    /// Unpacks a stored word.
    pub fn unpack(w: B256) -> Self {
        let mut t = TiersWord::default();
        for i in 0..MAX_TVL_TIERS {
            t.thresholds[i] = u64_at(&w, 8 * i);
            t.factors[i] = u16_at(&w, 24 + 2 * i);
        }
        t
    }

    /// Packs for storage.
    pub fn pack(&self) -> B256 {
        let mut w = B256::ZERO;
        for i in 0..MAX_TVL_TIERS {
            set_u64(&mut w, 8 * i, self.thresholds[i]);
            set_u16(&mut w, 24 + 2 * i, self.factors[i]);
        }
        w
    }
}

/// A market's whole config, as kept for `rollbackConfig`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MarketConfig {
    /// Word 0.
    pub feed: FeedWord,
    /// Word 1.
    pub bounds: BoundsWord,
    /// Word 2.
    pub reference: ReferenceWord,
    /// Word 3.
    pub params: ParamsWord,
    /// Word 4.
    pub tiers: TiersWord,
}

impl MarketConfig {
    /// Unpacks the five stored words.
    pub fn unpack(w: [B256; 5]) -> Self {
        MarketConfig {
            feed: FeedWord::unpack(w[0]),
            bounds: BoundsWord::unpack(w[1]),
            reference: ReferenceWord::unpack(w[2]),
            params: ParamsWord::unpack(w[3]),
            tiers: TiersWord::unpack(w[4]),
        }
    }

    /// Packs into five words.
    pub fn pack(&self) -> [B256; 5] {
        [
            self.feed.pack(),
            self.bounds.pack(),
            self.reference.pack(),
            self.params.pack(),
            self.tiers.pack(),
        ]
    }
}

/// A market's live state, read on every check.
///
/// Layout: `ewma.mean` 0..16, `ewma.variance` 16..24, `ewma.samples` 24,
/// `breaker` 25, `last_recorded_at` 26..32 (48 bits); the EWMA's last price
/// is in the record word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StateWord {
    /// EWMA mean price (18 decimals).
    pub mean: u128,
    /// EWMA variance of returns (fp).
    pub variance: u64,
    /// Folded rounds (saturating).
    pub samples: u8,
    /// Whether the breaker is latched.
    pub breaker: bool,
    /// `updatedAt` of the last recorded round (48 bits are enough until
    /// the year 8 million; larger values saturate).
    pub last_recorded_at: u64,
}

const U48_MAX: u64 = (1 << 48) - 1;

impl StateWord {
    /// Unpacks a stored word.
    pub fn unpack(w: B256) -> Self {
        StateWord {
            mean: u128_at(&w, 0),
            variance: u64_at(&w, 16),
            samples: w.0[24],
            breaker: w.0[25] != 0,
            last_recorded_at: u48_at(&w, 26),
        }
    }

    /// Packs for storage.
    pub fn pack(&self) -> B256 {
        let mut w = B256::ZERO;
        set_u128(&mut w, 0, self.mean);
        set_u64(&mut w, 16, self.variance);
        w.0[24] = self.samples;
        w.0[25] = u8::from(self.breaker);
        set_u48(&mut w, 26, self.last_recorded_at.min(U48_MAX));
        w
    }

    /// The EWMA, given the last accepted price from the record word.
    pub fn ewma(&self, last_price: u128) -> Ewma {
        Ewma {
            mean: self.mean,
            variance: self.variance,
            samples: self.samples,
            last_price,
        }
    }

    /// Replaces the EWMA part.
    pub fn set_ewma(&mut self, e: &Ewma) {
        self.mean = e.mean;
        self.variance = e.variance;
        self.samples = e.samples;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn words_round_trip(
            a in any::<[u8; 20]>(), b in any::<[u8; 20]>(), x in any::<u128>(), y in any::<u128>(),
            h in any::<u32>(), s in any::<[u16; 4]>(), d in any::<[u8; 3]>(), f in any::<[bool; 3]>(),
            al in any::<u64>(), t in any::<[u64; 3]>(), at in 0u64..(1 << 48),
        ) {
            let seq = SequencerWord { feed: Address::from(a), grace: h };
            prop_assert_eq!(SequencerWord::unpack(seq.pack()), seq);
            let cfg = MarketConfig {
                feed: FeedWord { primary: Address::from(a), heartbeat: h, decimals: d[0], base_band: s[0], band_cap: s[1], volatility_k: s[2], has_reference: f[0], has_tvl: f[1] },
                bounds: BoundsWord { min_price: x, max_price: y },
                reference: ReferenceWord { reference: Address::from(b), reference_decimals: d[1], alpha: al, margin_m: s[3] },
                params: ParamsWord { tvl_source: Address::from(b), half_life: s[0], margin_cap: s[1], stale_trip_after: h, tvl_unit_exponent: d[2], tier_count: d[0] },
                tiers: TiersWord { thresholds: t, factors: [s[0], s[1], s[2]] },
            };
            prop_assert_eq!(MarketConfig::unpack(cfg.pack()), cfg);
            let state = StateWord { mean: x, variance: al, samples: d[0], breaker: f[2], last_recorded_at: at };
            prop_assert_eq!(StateWord::unpack(state.pack()), state);
        }
    }

    #[test]
    fn an_empty_slot_is_an_unconfigured_market_with_an_open_breaker() {
        assert!(!FeedWord::unpack(B256::ZERO).is_configured());
        assert!(!StateWord::unpack(B256::ZERO).breaker);
    }
}
