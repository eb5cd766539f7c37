//! The detector a replay runs: the live rules ([`check_price`]) over a
//! simulated oracle checker whose EWMA is kept with the contract's own
//! math ([`Ewma::folded`], [`band_bps`]), acting as the sentinel does —
//! `record` each fresh in-band round, `tripBreaker` when trippable — and
//! as the guardian does after a trip (reset, re-anchoring the mean at the
//! live price).

use alloy::primitives::{I256, U256};
use oracle_sanity_checker::{
    feed::Round,
    math::{alpha_from_half_life, band_bps, Ewma},
    storage::BoundsWord,
};

use crate::rules::oracle::{check_price, FeedRead, MarketView};

use super::generator::{Path, Published};

/// The feed's decimals in replays (Chainlink USD feeds use 8).
pub const REPLAY_DECIMALS: u8 = 8;

/// How the band is chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BandMode {
    /// The contract's band: `clamp(base + k·σ, base, cap)`.
    Scaled,
    /// A fixed band, bps.
    Fixed(u16),
}

impl std::fmt::Display for BandMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BandMode::Scaled => f.write_str("σ-scaled"),
            BandMode::Fixed(bps) => write!(f, "fixed {:.1} %", f64::from(*bps) / 100.0),
        }
    }
}

/// The market parameters of a replay (the oracle checker's config fields).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MarketParams {
    /// Heartbeat, seconds.
    pub heartbeat: u32,
    /// Extra age before staleness is trippable, seconds.
    pub stale_trip_after: u32,
    /// Base band, bps.
    pub base_band: u16,
    /// Band cap, bps.
    pub band_cap: u16,
    /// k, hundredths.
    pub volatility_multiplier: u16,
    /// EWMA half-life, recorded rounds.
    pub half_life: u16,
}

/// What the detector did at one tick.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TickOutcome {
    /// The breaker was tripped at this tick.
    pub tripped: bool,
    /// `feed_stale` held at this tick.
    pub stale: bool,
    /// The band in force, bps.
    pub band: u16,
}

fn answer(price: f64) -> I256 {
    // Whole units → 8-decimal integer answer; rounding is the feed's.
    let scaled = (price * 1e8).round();
    if (0.0..9.0e18).contains(&scaled) {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        I256::try_from(scaled as u64).unwrap_or(I256::ZERO)
    } else {
        I256::ZERO
    }
}

fn round(published: &Published) -> Round {
    Round {
        answer: answer(published.price),
        started_at: U256::from(published.updated_at),
        updated_at: U256::from(published.updated_at),
    }
}

/// A simulated market: the checker's state and the sentinel's policy with one confirmation.
#[derive(Clone, Debug)]
pub struct Detector {
    params: MarketParams,
    mode: BandMode,
    alpha: u64,
    ewma: Ewma,
    last_recorded_at: u64,
    breaker: bool,
    bounds: BoundsWord,
}

impl Detector {
    /// A fresh market (no round recorded) with `params` and `mode`.
    pub fn new(params: MarketParams, mode: BandMode) -> Self {
        Self {
            params,
            mode,
            alpha: alpha_from_half_life(params.half_life),
            ewma: Ewma::default(),
            last_recorded_at: 0,
            breaker: false,
            bounds: BoundsWord {
                min_price: 1,
                max_price: u128::MAX,
            },
        }
    }

    fn band(&self) -> u16 {
        match self.mode {
            BandMode::Scaled => band_bps(
                self.params.base_band,
                self.params.band_cap,
                self.params.volatility_multiplier,
                self.ewma.sigma(),
            ),
            BandMode::Fixed(bps) => bps,
        }
    }

    fn view(&self, published: &Published, now: u64) -> MarketView {
        MarketView {
            primary: FeedRead {
                round: Some(round(published)),
                decimals: REPLAY_DECIMALS,
            },
            reference: None,
            bounds: self.bounds,
            heartbeat: self.params.heartbeat,
            stale_trip_after: self.params.stale_trip_after,
            breaker: self.breaker,
            ewma_mean: self.ewma.mean,
            samples: self.ewma.samples,
            last_recorded_at: self.last_recorded_at,
            band: self.band(),
            now,
        }
    }

    /// One tick: the guardian resets a latched breaker (re-anchoring at a
    /// fresh live price), then the sentinel evaluates and acts.
    pub fn tick(&mut self, published: &Published, now: u64) -> TickOutcome {
        if self.breaker {
            self.breaker = false;
            let check = check_price(&self.view(published, now));
            if check.price != 0 && check.stale_age == 0 && now >= check.updated_at {
                self.ewma.mean = check.price;
                self.ewma.last_price = check.price;
                self.last_recorded_at = check.updated_at;
            }
        }
        let view = self.view(published, now);
        let check = check_price(&view);
        let outcome = TickOutcome {
            tripped: check.trippable,
            stale: check.status == guard_abi::Status::OracleStale,
            band: view.band,
        };
        if check.trippable {
            self.breaker = true;
        } else if check.recordable {
            self.ewma = self.ewma.folded(check.price, self.alpha);
            self.last_recorded_at = check.updated_at;
        }
        outcome
    }

    /// Runs a whole path.
    pub fn run(params: MarketParams, mode: BandMode, path: &Path) -> Vec<TickOutcome> {
        let mut detector = Detector::new(params, mode);
        path.ticks
            .iter()
            .map(|(now, published)| detector.tick(published, *now))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARAMS: MarketParams = MarketParams {
        heartbeat: 3_600,
        stale_trip_after: 3_600,
        base_band: 200,
        band_cap: 1_000,
        volatility_multiplier: 300,
        half_life: 10,
    };

    fn at(price: f64, t: u64) -> Published {
        Published {
            price,
            updated_at: t,
        }
    }

    #[test]
    fn a_jump_beyond_the_band_trips_and_the_guardian_reset_re_anchors() {
        let mut d = Detector::new(PARAMS, BandMode::Scaled);
        for i in 0..20u64 {
            let o = d.tick(&at(2_000.0, 1_000 + i), 1_000 + i);
            assert!(!o.tripped);
        }
        assert!(d.tick(&at(2_300.0, 1_100), 1_100).tripped);
        // Reset at the next tick; the honest price is inside the band again.
        assert!(!d.tick(&at(2_000.0, 1_200), 1_200).tripped);
    }

    #[test]
    fn the_scaled_band_widens_with_volatility_and_the_fixed_band_does_not() {
        let mut scaled = Detector::new(PARAMS, BandMode::Scaled);
        let mut fixed = Detector::new(PARAMS, BandMode::Fixed(300));
        let mut band = 0;
        for i in 0..40u64 {
            let price = if i % 2 == 0 { 2_000.0 } else { 2_030.0 }; // 1.5 % swings
            let t = 1_000 + i * 600;
            band = scaled.tick(&at(price, t), t).band;
            assert_eq!(fixed.tick(&at(price, t), t).band, 300);
        }
        assert!(band > 600, "σ ≈ 1.5 % → band ≈ 2 % + 4.5 %: {band}");
    }

    #[test]
    fn a_silent_feed_is_stale_after_the_heartbeat() {
        let mut d = Detector::new(PARAMS, BandMode::Scaled);
        let p = at(2_000.0, 1_000);
        assert!(!d.tick(&p, 1_000).stale);
        assert!(!d.tick(&p, 4_600).stale);
        assert!(d.tick(&p, 4_601).stale);
        // Trippable once older than heartbeat + stale_trip_after (7200 s).
        assert!(!d.tick(&p, 8_200).tripped);
        assert!(d.tick(&p, 8_201).tripped);
    }
}
