//! Generated price paths: geometric Brownian motion with injected
//! manipulations, reproducible from a seed.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A manipulation injected into a path.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Injection {
    /// No manipulation.
    None,
    /// One round published at `price · (1 ± size)`, `size` drawn uniformly
    /// from `[min, max]`, the sign at random; the next round is honest again.
    Jump {
        /// Smallest relative size.
        min: f64,
        /// Largest relative size.
        max: f64,
    },
    /// The published price drifts away from the true one by `total` over
    /// `rounds` rounds (linearly, up or down at random) and stays there.
    Ramp {
        /// Final relative offset.
        total: f64,
        /// Rounds the ramp takes.
        rounds: usize,
    },
    /// The feed publishes nothing for `seconds`.
    Stale {
        /// Length of the silence.
        seconds: u64,
    },
}

/// A scenario: a kind of market and a manipulation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scenario {
    /// Its name in the report.
    pub name: &'static str,
    /// σ of the log return per round.
    pub sigma_per_round: f64,
    /// The manipulation.
    pub injection: Injection,
}

/// One published round.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Published {
    /// The feed's answer (whole price units, before the feed's decimals).
    pub price: f64,
    /// When it was published.
    pub updated_at: u64,
}

/// A generated path: what the feed shows at each tick.
#[derive(Clone, Debug, PartialEq)]
pub struct Path {
    /// One entry per tick: the time and the latest round the feed shows.
    pub ticks: Vec<(u64, Published)>,
    /// The tick the manipulation starts at (`None` for clean paths).
    pub injected_at: Option<usize>,
    /// Ticks in which the manipulation is in force (a jump: 1).
    pub manipulated_ticks: usize,
}

/// Path shape shared by every scenario.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PathShape {
    /// Ticks per path.
    pub ticks: usize,
    /// Seconds between ticks (one round per tick when the feed is live).
    pub interval: u64,
    /// Ticks before any injection (the EWMA warms up).
    pub warmup: usize,
    /// The starting price.
    pub start_price: f64,
    /// Time of tick 0.
    pub start_time: u64,
}

/// A standard normal draw (Box–Muller).
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u1: f64 = rng.random::<f64>().max(f64::MIN_POSITIVE);
    let u2: f64 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

/// The RNG of path `index` of scenario `scenario` under `seed`.
pub fn rng_for(seed: u64, scenario: usize, index: usize) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream((scenario as u64) << 32 | index as u64);
    rng
}

/// Generates one path of `scenario`.
pub fn generate(scenario: &Scenario, shape: &PathShape, rng: &mut ChaCha8Rng) -> Path {
    let mut price = shape.start_price;
    let sigma = scenario.sigma_per_round;
    // Room after the injection for the whole manipulation to play out.
    let room = match scenario.injection {
        Injection::None => 0,
        Injection::Jump { .. } => 1,
        Injection::Ramp { rounds, .. } => rounds,
        Injection::Stale { seconds } => usize::try_from(seconds / shape.interval.max(1))
            .unwrap_or(usize::MAX)
            .saturating_add(2),
    };
    let injected_at = (scenario.injection != Injection::None).then(|| {
        let last = shape.ticks.saturating_sub(room).max(shape.warmup + 1);
        rng.random_range(shape.warmup..last)
    });
    let sign = if rng.random::<bool>() { 1.0 } else { -1.0 };
    let jump = match scenario.injection {
        Injection::Jump { min, max } => min + (max - min) * rng.random::<f64>(),
        _ => 0.0,
    };
    let mut ticks = Vec::with_capacity(shape.ticks);
    let mut last = Published {
        price,
        updated_at: shape.start_time,
    };
    let mut manipulated_ticks = 0;
    for i in 0..shape.ticks {
        let now = shape.start_time + i as u64 * shape.interval;
        if i > 0 {
            // GBM step with zero drift: E[price] stays constant.
            price *= (sigma * normal(rng) - sigma * sigma / 2.0).exp();
        }
        let offset = injected_at.and_then(|at| i.checked_sub(at));
        let published = match (scenario.injection, offset) {
            (Injection::Jump { .. }, Some(0)) => {
                manipulated_ticks = 1;
                Some(price * (1.0 + sign * jump))
            }
            (Injection::Ramp { total, rounds }, Some(k)) => {
                #[allow(clippy::cast_precision_loss)] // round counts are small
                let progress = ((k + 1) as f64 / rounds as f64).min(1.0);
                if k < rounds {
                    manipulated_ticks += 1;
                }
                Some(price * (1.0 + sign * total * progress))
            }
            (Injection::Stale { seconds }, Some(k)) if (k as u64) * shape.interval < seconds => {
                manipulated_ticks += 1;
                None
            }
            _ => Some(price),
        };
        if let Some(p) = published {
            last = Published {
                price: p,
                updated_at: now,
            };
        }
        ticks.push((now, last));
    }
    Path {
        ticks,
        injected_at,
        manipulated_ticks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHAPE: PathShape = PathShape {
        ticks: 200,
        interval: 600,
        warmup: 50,
        start_price: 2_000.0,
        start_time: 1_000_000,
    };

    fn scenario(injection: Injection) -> Scenario {
        Scenario {
            name: "t",
            sigma_per_round: 0.01,
            injection,
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_path_and_another_seed_another() {
        let s = scenario(Injection::None);
        let a = generate(&s, &SHAPE, &mut rng_for(7, 0, 0));
        let b = generate(&s, &SHAPE, &mut rng_for(7, 0, 0));
        let c = generate(&s, &SHAPE, &mut rng_for(8, 0, 0));
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn log_returns_have_the_configured_sigma() {
        let s = scenario(Injection::None);
        let mut returns = Vec::new();
        for index in 0..50 {
            let path = generate(&s, &SHAPE, &mut rng_for(1, 0, index));
            for w in path.ticks.windows(2) {
                returns.push((w[1].1.price / w[0].1.price).ln());
            }
        }
        #[allow(clippy::cast_precision_loss)]
        let n = returns.len() as f64;
        let mean = returns.iter().sum::<f64>() / n;
        let sd = (returns.iter().map(|r| (r - mean).powi(2)).sum::<f64>() / n).sqrt();
        assert!((sd - 0.01).abs() < 0.0005, "σ {sd}");
    }

    #[test]
    fn a_jump_lasts_one_round_and_a_stale_stretch_repeats_the_last_round() {
        let jump = generate(
            &scenario(Injection::Jump { min: 0.2, max: 0.2 }),
            &SHAPE,
            &mut rng_for(3, 1, 0),
        );
        let at = jump.injected_at.unwrap();
        assert!(at >= SHAPE.warmup);
        assert_eq!(jump.manipulated_ticks, 1);
        let r = jump.ticks[at].1.price / jump.ticks[at - 1].1.price;
        assert!((r - 1.0).abs() > 0.1, "{r}");

        let stale = generate(
            &scenario(Injection::Stale { seconds: 3_000 }),
            &SHAPE,
            &mut rng_for(3, 2, 0),
        );
        let at = stale.injected_at.unwrap();
        assert_eq!(stale.manipulated_ticks, 5);
        assert_eq!(stale.ticks[at].1, stale.ticks[at - 1].1);
        assert_eq!(stale.ticks[at + 4].1, stale.ticks[at - 1].1);
        assert_ne!(stale.ticks[at + 5].1, stale.ticks[at - 1].1);
    }
}
