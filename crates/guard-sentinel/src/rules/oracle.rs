//! The oracle rules, evaluated exactly as the OracleSanityChecker does.
//!
//! The verdict of each feed comes from the contract's own
//! [`assess_feed`] and [`assess_sequencer`]; the band from its
//! [`band_bps`] (in replays) or its `band(market)` view (live: σ-scaled and
//! TVL-tightened); the comparison from its [`outside_band`]. Only the
//! combination of the two feeds (the precedence of `checkPrice`) is
//! restated here, in [`check_price`].

use guard_abi::Status;
use oracle_sanity_checker::{
    assess::{assess_feed, assess_sequencer, FeedVerdict},
    feed::Round,
    math::outside_band,
    storage::BoundsWord,
};

use crate::{
    measured,
    signal::{Observation, SignalKind},
};

/// A feed's latest round (`None`: it reverted or answered malformed data) and its decimals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeedRead {
    /// The round.
    pub round: Option<Round>,
    /// The feed's `decimals()` as the checker stored it.
    pub decimals: u8,
}

/// Everything `checkPrice(market)` reads, as the sentinel observed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MarketView {
    /// The primary feed.
    pub primary: FeedRead,
    /// The reference feed, when configured.
    pub reference: Option<FeedRead>,
    /// The sane price range.
    pub bounds: BoundsWord,
    /// Heartbeat, seconds.
    pub heartbeat: u32,
    /// Extra age past the heartbeat after which `tripBreaker` accepts staleness.
    pub stale_trip_after: u32,
    /// Whether the breaker is latched.
    pub breaker: bool,
    /// The EWMA mean (the reference when there is no reference feed).
    pub ewma_mean: u128,
    /// Rounds recorded into the EWMA.
    pub samples: u8,
    /// `updatedAt` of the last recorded round.
    pub last_recorded_at: u64,
    /// The band in force, bps.
    pub band: u16,
    /// Block time of the evaluation.
    pub now: u64,
}

/// The verdict, with the measured values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PriceCheck {
    /// The status `checkPrice` gives.
    pub status: Status,
    /// The normalized primary price (0 when none).
    pub price: u128,
    /// The reference price compared with (0 when none).
    pub reference: u128,
    /// The band used, bps (0 when the comparison was not reached).
    pub band: u16,
    /// Seconds past publication for a stale feed, else 0.
    pub stale_age: u64,
    /// `updatedAt` of the primary round (0 when unreadable).
    pub updated_at: u64,
    /// Whether `tripBreaker` would latch now.
    pub trippable: bool,
    /// Whether `record` would fold the live round in now.
    pub recordable: bool,
}

/// `first_applicable` of the checker: the lower non-OK code wins.
fn first_applicable(a: Status, b: Status) -> Status {
    match (a, b) {
        (Status::Ok, s) | (s, Status::Ok) => s,
        (a, b) => a.min(b),
    }
}

fn updated_at(round: Option<&Round>) -> u64 {
    round.map_or(0, |r| u64::try_from(r.updated_at).unwrap_or(u64::MAX))
}

/// `checkPrice(market)` over `view`, plus whether `tripBreaker` and `record`
/// would succeed, in the contract's precedence.
pub fn check_price(view: &MarketView) -> PriceCheck {
    let primary = assess_feed(
        view.primary.round.as_ref(),
        view.primary.decimals,
        &view.bounds,
        view.heartbeat,
        view.now,
    );
    let mut check = PriceCheck {
        status: primary.status(),
        price: primary.price(),
        reference: 0,
        band: 0,
        stale_age: primary.stale_age(),
        updated_at: updated_at(view.primary.round.as_ref()),
        trippable: false,
        recordable: false,
    };
    if view.breaker {
        check.status = Status::BreakerTripped;
        return check;
    }
    if check.status == Status::OracleUnavailable {
        return check;
    }
    if let Some(reference) = view.reference {
        let verdict = assess_feed(
            reference.round.as_ref(),
            reference.decimals,
            &view.bounds,
            view.heartbeat,
            view.now,
        );
        check.status = first_applicable(check.status, verdict.status());
        check.stale_age = check.stale_age.max(verdict.stale_age());
        if let FeedVerdict::Fresh { price, .. } = verdict {
            check.reference = price;
        }
    } else if view.samples == 0 {
        // A valid, fresh round seeds an EWMA without a reference.
        check.recordable = matches!(primary, FeedVerdict::Fresh { .. });
        check.status = first_applicable(check.status, Status::OracleUnavailable);
    } else {
        check.reference = view.ewma_mean;
    }
    if check.status.is_ok() {
        check.band = view.band;
        if outside_band(check.price, check.reference, view.band) {
            check.status = Status::OracleDeviation;
        } else {
            check.recordable = true;
        }
    }
    check.recordable &= check.updated_at > view.last_recorded_at;
    let stale_limit = u64::from(view.heartbeat) + u64::from(view.stale_trip_after);
    check.trippable = match check.status {
        Status::OracleInvalid | Status::OracleDeviation => true,
        Status::OracleStale => check.stale_age > stale_limit,
        _ => false,
    };
    check
}

/// Whether the primary price is outside a tighter early-warning band around the reference.
fn outside_alert_band(check: &PriceCheck, alert_band: Option<u16>) -> Option<u16> {
    let band = alert_band?;
    (check.status.is_ok()
        && band < check.band
        && check.reference != 0
        && outside_band(check.price, check.reference, band))
    .then_some(band)
}

/// The market signals of one evaluation (each rule once, active or clear).
pub fn market_observations(
    market: &str,
    view: &MarketView,
    alert_band: Option<u16>,
) -> (PriceCheck, Vec<Observation>) {
    let check = check_price(view);
    let name = Some(market.to_owned());
    let values = measured! {
        "status" => check.status.code(),
        "price" => check.price.to_string(),
        "reference" => check.reference.to_string(),
        "band_bps" => check.band,
        "updated_at" => check.updated_at,
        "stale_age" => check.stale_age,
        "trippable" => check.trippable,
        "now" => view.now,
    };
    let alert = outside_alert_band(&check, alert_band);
    let deviation = check.status == Status::OracleDeviation || alert.is_some();
    let mut deviation_values = values.clone();
    if let Some(band) = alert {
        deviation_values.insert("alert_band_bps".into(), band.into());
    }
    let observations = vec![
        Observation::when(
            deviation,
            SignalKind::PriceDeviation,
            market,
            name.clone(),
            deviation_values,
        ),
        Observation::when(
            check.status == Status::OracleInvalid,
            SignalKind::PriceInvalid,
            market,
            name.clone(),
            values.clone(),
        ),
        // Before the first record there is no reference by design: that is
        // what `unrecorded_round` is for, not an outage.
        Observation::when(
            check.status == Status::OracleUnavailable && !check.recordable,
            SignalKind::FeedUnavailable,
            market,
            name.clone(),
            values.clone(),
        ),
        Observation::when(
            check.status == Status::OracleStale,
            SignalKind::FeedStale,
            market,
            name.clone(),
            values.clone(),
        ),
        Observation::when(
            check.recordable,
            SignalKind::UnrecordedRound,
            market,
            name,
            values,
        ),
    ];
    (check, observations)
}

/// The sequencer signals: SEQUENCER_DOWN and SEQUENCER_GRACE from the
/// checker's own verdict. `round` is `None` when the feed is unreadable.
pub fn sequencer_observations(round: Option<&Round>, grace: u32, now: u64) -> Vec<Observation> {
    let (status, up_since, grace_ends_at) = assess_sequencer(round, grace, now);
    let values = measured! {
        "status" => status.code(),
        "up_since" => up_since,
        "grace_ends_at" => grace_ends_at,
        "now" => now,
    };
    vec![
        Observation::when(
            status == Status::SequencerDown,
            SignalKind::SequencerDown,
            "sequencer",
            None,
            values.clone(),
        ),
        Observation::when(
            status == Status::SequencerGrace,
            SignalKind::SequencerGrace,
            "sequencer",
            None,
            values,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy::primitives::{I256, U256};

    const ONE: u128 = 1_000_000_000_000_000_000;
    const NOW: u64 = 1_000_000;

    fn round(price_units: i64, updated_at: u64) -> Round {
        Round {
            answer: I256::try_from(price_units).unwrap() * I256::try_from(100_000_000i64).unwrap(),
            started_at: U256::from(updated_at),
            updated_at: U256::from(updated_at),
        }
    }

    fn view(price_units: i64, updated_at: u64) -> MarketView {
        MarketView {
            primary: FeedRead {
                round: Some(round(price_units, updated_at)),
                decimals: 8,
            },
            reference: None,
            bounds: BoundsWord {
                min_price: ONE,
                max_price: 1_000_000 * ONE,
            },
            heartbeat: 3_600,
            stale_trip_after: 3_600,
            breaker: false,
            ewma_mean: 2_000 * ONE,
            samples: 5,
            last_recorded_at: NOW - 60,
            band: 200,
            now: NOW,
        }
    }

    fn active(observations: &[Observation]) -> Vec<SignalKind> {
        observations
            .iter()
            .filter(|o| o.is_active())
            .map(|o| o.kind)
            .collect()
    }

    #[test]
    fn a_fresh_price_inside_the_band_is_ok_and_recordable_once() {
        let check = check_price(&view(2_030, NOW));
        assert_eq!(check.status, Status::Ok);
        assert!(check.recordable);
        assert!(!check.trippable);
        let mut recorded = view(2_030, NOW);
        recorded.last_recorded_at = NOW;
        assert!(!check_price(&recorded).recordable);
        let (_, obs) = market_observations("ETH-USD", &view(2_030, NOW), None);
        assert_eq!(active(&obs), vec![SignalKind::UnrecordedRound]);
    }

    #[test]
    fn a_price_beyond_the_band_is_a_trippable_deviation() {
        // 2 % band around 2000: 2041 is outside, 2040 exactly on the edge is inside.
        assert_eq!(check_price(&view(2_040, NOW)).status, Status::Ok);
        let check = check_price(&view(2_041, NOW));
        assert_eq!(check.status, Status::OracleDeviation);
        assert!(check.trippable);
        assert!(!check.recordable);
        assert_eq!(check.reference, 2_000 * ONE);
        let (_, obs) = market_observations("ETH-USD", &view(2_041, NOW), None);
        assert_eq!(active(&obs), vec![SignalKind::PriceDeviation]);
    }

    #[test]
    fn the_alert_band_warns_inside_the_contract_band_only_when_tighter() {
        let (check, obs) = market_observations("ETH-USD", &view(2_030, NOW), Some(100));
        assert_eq!(check.status, Status::Ok);
        assert!(active(&obs).contains(&SignalKind::PriceDeviation));
        let (_, obs) = market_observations("ETH-USD", &view(2_030, NOW), Some(300));
        assert!(!active(&obs).contains(&SignalKind::PriceDeviation));
    }

    #[test]
    fn staleness_is_trippable_only_past_heartbeat_plus_stale_trip_after() {
        let stale = check_price(&view(2_000, NOW - 3_601));
        assert_eq!(stale.status, Status::OracleStale);
        assert_eq!(stale.stale_age, 3_601);
        assert!(!stale.trippable);
        assert!(check_price(&view(2_000, NOW - 7_201)).trippable);
        let (_, obs) = market_observations("ETH-USD", &view(2_000, NOW - 3_601), None);
        assert_eq!(active(&obs), vec![SignalKind::FeedStale]);
    }

    #[test]
    fn invalid_answers_and_bounds_are_invalid_and_trippable() {
        assert_eq!(check_price(&view(0, NOW)).status, Status::OracleInvalid);
        assert_eq!(
            check_price(&view(2_000_000, NOW)).status,
            Status::OracleInvalid
        );
        assert_eq!(
            check_price(&view(2_000, NOW + 1)).status,
            Status::OracleInvalid
        );
        assert!(check_price(&view(-5, NOW)).trippable);
    }

    #[test]
    fn an_unreadable_feed_is_unavailable_and_not_trippable() {
        let mut v = view(2_000, NOW);
        v.primary.round = None;
        let check = check_price(&v);
        assert_eq!(check.status, Status::OracleUnavailable);
        assert!(!check.trippable);
        let (_, obs) = market_observations("ETH-USD", &v, None);
        assert_eq!(active(&obs), vec![SignalKind::FeedUnavailable]);
    }

    #[test]
    fn an_unseeded_market_is_unavailable_but_its_first_fresh_round_is_recordable() {
        let mut v = view(2_000, NOW);
        v.samples = 0;
        v.last_recorded_at = 0;
        let check = check_price(&v);
        assert_eq!(check.status, Status::OracleUnavailable);
        assert!(check.recordable);
        let (_, obs) = market_observations("ETH-USD", &v, None);
        assert_eq!(active(&obs), vec![SignalKind::UnrecordedRound]);
    }

    #[test]
    fn a_latched_breaker_reports_breaker_tripped_and_nothing_else() {
        let mut v = view(3_000, NOW);
        v.breaker = true;
        let (check, obs) = market_observations("ETH-USD", &v, None);
        assert_eq!(check.status, Status::BreakerTripped);
        assert!(active(&obs).is_empty());
    }

    #[test]
    fn the_reference_feed_replaces_the_ewma_and_the_lower_code_wins() {
        let mut v = view(2_100, NOW);
        v.reference = Some(FeedRead {
            round: Some(round(2_000, NOW)),
            decimals: 8,
        });
        v.samples = 0;
        assert_eq!(check_price(&v).status, Status::OracleDeviation);
        v.reference = Some(FeedRead {
            round: Some(round(2_000, NOW - 4_000)),
            decimals: 8,
        });
        assert_eq!(check_price(&v).status, Status::OracleStale);
    }

    #[test]
    fn sequencer_down_and_grace_follow_the_checker() {
        let down = Round {
            answer: I256::ONE,
            started_at: U256::from(NOW - 10),
            updated_at: U256::from(NOW - 10),
        };
        let kinds = |round: Option<&Round>| active(&sequencer_observations(round, 3_600, NOW));
        assert_eq!(kinds(Some(&down)), vec![SignalKind::SequencerDown]);
        assert_eq!(kinds(None), vec![SignalKind::SequencerDown]);
        let back = Round {
            answer: I256::ZERO,
            ..down
        };
        assert_eq!(kinds(Some(&back)), vec![SignalKind::SequencerGrace]);
        let long_up = Round {
            started_at: U256::from(NOW - 4_000),
            ..back
        };
        assert!(kinds(Some(&long_up)).is_empty());
    }
}
