//! The settlement gate's verdict: the status precedence of `DESIGN.md`.
//!
//! Pure logic over a snapshot of the registry's state and an
//! [`OracleReader`] that is asked only for the actions that need it, and
//! once: an action that is neither sequencer-sensitive nor needs a price
//! costs no external call, one that needs one answer asks for that one, and
//! one that needs both asks for both together (one call into the checker:
//! entering a Stylus program is most of the cost). The sequencer answer is
//! applied before the price answer either way. The oracle answers are already decoded and sanitised into
//! [`SequencerReading`] and [`PriceReading`]: anything unreadable has become
//! a non-OK reading (fail closed) before it gets here.

use alloy_primitives::U256;
use guard_abi::{
    action::{self, LIQUIDATE, NEEDS_PRICE},
    Status,
};

use crate::pause::PauseScope;

/// What the gate knows about one market.
#[derive(Clone, Copy, Debug, Default)]
pub struct MarketView {
    /// Whether the market is registered.
    pub registered: bool,
    /// Actions for which the sequencer status matters.
    pub sequencer_sensitive: u16,
    /// Seconds LIQUIDATE waits after a CLOSE/ADD_MARGIN pause or an outage.
    pub liquidation_grace: u64,
    /// The market's pause scope.
    pub pause: PauseScope,
}

/// The sequencer, as the oracle checker reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SequencerReading {
    /// Up and out of grace; `grace_ended_at` is when its grace ended (0 when
    /// no uptime feed is configured).
    Up {
        /// End of the sequencer's post-outage grace.
        grace_ended_at: u64,
    },
    /// Up for less than the grace period, which ends at `grace_ends_at`.
    Grace {
        /// First second out of grace.
        grace_ends_at: u64,
    },
    /// Down, or unreadable (fail closed).
    Down,
}

/// The market's price, as the oracle checker reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PriceReading {
    /// A sane price.
    Ok {
        /// Price with 18 decimals.
        price: U256,
        /// When the feed published it.
        published_at: u64,
        /// Last second at which the price is still fresh.
        valid_until: u64,
    },
    /// A non-OK oracle status (7–11).
    Blocked(Status),
}

/// The oracle answers, asked for only when needed.
pub trait OracleReader {
    /// The sequencer reading.
    fn sequencer(&mut self) -> SequencerReading;
    /// The market's price reading.
    fn price(&mut self) -> PriceReading;
    /// Both readings, asked together: the same answers as
    /// [`OracleReader::sequencer`] and [`OracleReader::price`].
    fn sequencer_and_price(&mut self) -> (SequencerReading, PriceReading);
}

/// The gate's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// The first status that applies.
    pub status: Status,
    /// Last second at which this verdict holds if nothing else happens
    /// (`u64::MAX` for an OK verdict with no known deadline; 0 for a block
    /// whose end is unknown).
    pub valid_until: u64,
    /// The sanity-checked price and its publication time, when it was read.
    pub price: Option<(U256, u64)>,
}

impl Verdict {
    const fn blocked(status: Status, valid_until: u64) -> Verdict {
        Verdict {
            status,
            valid_until,
            price: None,
        }
    }
}

/// Evaluates `action` on `market` at `now`, in the design's precedence.
pub fn evaluate(
    now: u64,
    market: &MarketView,
    global: &PauseScope,
    action: u8,
    oracle: &mut impl OracleReader,
) -> Verdict {
    if !market.registered {
        return Verdict::blocked(Status::UnknownMarket, 0);
    }
    let Some(bit) = action::bit(action) else {
        return Verdict::blocked(Status::UnknownAction, 0);
    };
    if global.active_mask(now) & bit != 0 {
        return Verdict::blocked(Status::GlobalPaused, global.until);
    }
    if market.pause.active_mask(now) & bit != 0 {
        return Verdict::blocked(Status::MarketPaused, market.pause.until);
    }

    let (sequencer, price_reading) = match (
        market.sequencer_sensitive & bit != 0,
        NEEDS_PRICE & bit != 0,
    ) {
        (true, true) => {
            let (sequencer, price) = oracle.sequencer_and_price();
            (Some(sequencer), Some(price))
        }
        (true, false) => (Some(oracle.sequencer()), None),
        (false, true) => (None, Some(oracle.price())),
        (false, false) => (None, None),
    };

    let mut valid_until = u64::MAX;
    let mut sequencer_grace_ended_at = 0;
    if let Some(sequencer) = sequencer {
        match sequencer {
            SequencerReading::Down => return Verdict::blocked(Status::SequencerDown, 0),
            SequencerReading::Grace { grace_ends_at } => {
                return Verdict::blocked(Status::SequencerGrace, grace_ends_at.saturating_sub(1));
            }
            SequencerReading::Up { grace_ended_at } => sequencer_grace_ended_at = grace_ended_at,
        }
    }

    let mut price = None;
    if let Some(reading) = price_reading {
        match reading {
            PriceReading::Blocked(status) => return Verdict::blocked(status, 0),
            PriceReading::Ok {
                price: p,
                published_at,
                valid_until: fresh_until,
            } => {
                price = Some((p, published_at));
                valid_until = valid_until.min(fresh_until);
            }
        }
    }

    if action == LIQUIDATE {
        let grace = market.liquidation_grace;
        let after_outage = if sequencer_grace_ended_at == 0 {
            0
        } else {
            sequencer_grace_ended_at.saturating_add(grace)
        };
        let ends = market
            .pause
            .liquidation_grace_end(grace)
            .max(global.liquidation_grace_end(grace))
            .max(after_outage);
        if now < ends {
            return Verdict::blocked(Status::LiquidationGrace, ends - 1);
        }
    }

    Verdict {
        status: Status::Ok,
        valid_until,
        price,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use guard_abi::action::{
        ADD_MARGIN, ALL, CLOSE, DEFAULT_SEQUENCER_SENSITIVE, DEPOSIT, OPEN, RISK_INCREASING,
        SETTLE, WITHDRAW,
    };
    use proptest::prelude::*;

    /// A scripted oracle that counts how often it was asked what.
    struct Script {
        sequencer: SequencerReading,
        price: PriceReading,
        sequencer_calls: u32,
        price_calls: u32,
        combined_calls: u32,
    }

    impl Script {
        fn healthy() -> Self {
            Script {
                sequencer: SequencerReading::Up { grace_ended_at: 50 },
                price: PriceReading::Ok {
                    price: U256::from(2_000u64) * U256::from(10u64).pow(U256::from(18u64)),
                    published_at: 990,
                    valid_until: 4_590,
                },
                sequencer_calls: 0,
                price_calls: 0,
                combined_calls: 0,
            }
        }
    }

    impl OracleReader for Script {
        fn sequencer(&mut self) -> SequencerReading {
            self.sequencer_calls += 1;
            self.sequencer
        }
        fn price(&mut self) -> PriceReading {
            self.price_calls += 1;
            self.price
        }
        fn sequencer_and_price(&mut self) -> (SequencerReading, PriceReading) {
            self.combined_calls += 1;
            (self.sequencer, self.price)
        }
    }

    impl Script {
        /// (sequencer, price, combined) questions asked so far.
        fn asked(&self) -> (u32, u32, u32) {
            (self.sequencer_calls, self.price_calls, self.combined_calls)
        }
    }

    fn market() -> MarketView {
        MarketView {
            registered: true,
            sequencer_sensitive: DEFAULT_SEQUENCER_SENSITIVE,
            liquidation_grace: 3_600,
            pause: PauseScope::default(),
        }
    }

    const NOW: u64 = 10_000;

    #[test]
    fn ok_verdicts_hold_until_the_price_goes_stale() {
        let v = evaluate(
            NOW,
            &market(),
            &PauseScope::default(),
            SETTLE,
            &mut Script::healthy(),
        );
        assert_eq!(v.status, Status::Ok);
        assert_eq!(v.valid_until, 4_590);
        assert!(v.price.is_some());
    }

    #[test]
    fn actions_without_price_or_sequencer_need_no_oracle_call() {
        let mut oracle = Script::healthy();
        let v = evaluate(NOW, &market(), &PauseScope::default(), DEPOSIT, &mut oracle);
        assert_eq!(v.status, Status::Ok);
        assert_eq!(v.valid_until, u64::MAX);
        assert_eq!(oracle.asked(), (0, 0, 0));
        let v = evaluate(
            NOW,
            &market(),
            &PauseScope::default(),
            ADD_MARGIN,
            &mut oracle,
        );
        assert_eq!(v.status, Status::Ok);
        assert_eq!(oracle.asked(), (0, 0, 0));
    }

    #[test]
    fn each_action_asks_the_oracle_one_question_for_what_it_needs() {
        for sensitive in [0, DEFAULT_SEQUENCER_SENSITIVE, ALL] {
            let mut m = market();
            m.sequencer_sensitive = sensitive;
            for a in 0..=6u8 {
                let mut oracle = Script::healthy();
                let v = evaluate(NOW, &m, &PauseScope::default(), a, &mut oracle);
                assert_eq!(v.status, Status::Ok, "action {a}");
                let needs_sequencer = sensitive & (1 << a) != 0;
                let needs_price = NEEDS_PRICE & (1 << a) != 0;
                let expected = match (needs_sequencer, needs_price) {
                    (true, true) => (0, 0, 1),
                    (true, false) => (1, 0, 0),
                    (false, true) => (0, 1, 0),
                    (false, false) => (0, 0, 0),
                };
                assert_eq!(oracle.asked(), expected, "action {a}, mask {sensitive:#x}");
            }
        }
    }

    #[test]
    fn paused_actions_ask_the_oracle_nothing() {
        let g = PauseScope::default().paused(NOW, ALL, NOW + 100);
        let mut oracle = Script::healthy();
        for a in 0..=6u8 {
            let v = evaluate(NOW, &market(), &g, a, &mut oracle);
            assert_eq!(v.status, Status::GlobalPaused);
        }
        assert_eq!(oracle.asked(), (0, 0, 0));
    }

    #[test]
    fn unknown_market_wins_over_unknown_action() {
        let m = MarketView::default();
        let v = evaluate(NOW, &m, &PauseScope::default(), 9, &mut Script::healthy());
        assert_eq!(v.status, Status::UnknownMarket);
    }

    #[test]
    fn action_ids_above_six_are_unknown_actions() {
        for a in [7u8, 8, 100, 255] {
            let v = evaluate(
                NOW,
                &market(),
                &PauseScope::default(),
                a,
                &mut Script::healthy(),
            );
            assert_eq!(v.status, Status::UnknownAction);
        }
    }

    #[test]
    fn global_pause_wins_over_market_pause_and_reports_its_expiry() {
        let mut m = market();
        m.pause = PauseScope::default().paused(NOW, ALL, NOW + 50);
        let g = PauseScope::default().paused(NOW, ALL, NOW + 100);
        let v = evaluate(NOW, &m, &g, OPEN, &mut Script::healthy());
        assert_eq!((v.status, v.valid_until), (Status::GlobalPaused, NOW + 100));
        let v = evaluate(
            NOW,
            &m,
            &PauseScope::default(),
            OPEN,
            &mut Script::healthy(),
        );
        assert_eq!((v.status, v.valid_until), (Status::MarketPaused, NOW + 50));
    }

    #[test]
    fn sequencer_down_blocks_only_sensitive_actions() {
        let mut oracle = Script::healthy();
        oracle.sequencer = SequencerReading::Down;
        for a in 0..=6u8 {
            let v = evaluate(NOW, &market(), &PauseScope::default(), a, &mut oracle);
            if DEFAULT_SEQUENCER_SENSITIVE & (1 << a) != 0 {
                assert_eq!(v.status, Status::SequencerDown, "action {a}");
            } else {
                assert_ne!(v.status, Status::SequencerDown, "action {a}");
            }
        }
    }

    #[test]
    fn sequencer_grace_reports_the_last_second_of_grace() {
        let mut oracle = Script::healthy();
        oracle.sequencer = SequencerReading::Grace {
            grace_ends_at: NOW + 10,
        };
        let v = evaluate(NOW, &market(), &PauseScope::default(), OPEN, &mut oracle);
        assert_eq!((v.status, v.valid_until), (Status::SequencerGrace, NOW + 9));
    }

    #[test]
    fn sequencer_statuses_win_over_oracle_statuses() {
        let mut oracle = Script::healthy();
        oracle.sequencer = SequencerReading::Down;
        oracle.price = PriceReading::Blocked(Status::BreakerTripped);
        let v = evaluate(NOW, &market(), &PauseScope::default(), SETTLE, &mut oracle);
        assert_eq!(v.status, Status::SequencerDown);
    }

    #[test]
    fn oracle_statuses_pass_through_for_actions_that_need_a_price() {
        for s in [
            Status::BreakerTripped,
            Status::OracleUnavailable,
            Status::OracleInvalid,
            Status::OracleStale,
            Status::OracleDeviation,
        ] {
            let mut oracle = Script::healthy();
            oracle.price = PriceReading::Blocked(s);
            let v = evaluate(NOW, &market(), &PauseScope::default(), CLOSE, &mut oracle);
            assert_eq!((v.status, v.valid_until), (s, 0));
            let v = evaluate(NOW, &market(), &PauseScope::default(), DEPOSIT, &mut oracle);
            assert_eq!(v.status, Status::Ok);
        }
    }

    #[test]
    fn liquidate_waits_the_grace_after_a_close_pause_ends() {
        let mut m = market();
        m.pause = PauseScope::default().paused(NOW - 100, 1 << CLOSE, NOW - 10);
        // The pause ended at NOW - 9; the grace lasts 3600 s from there.
        let v = evaluate(
            NOW,
            &m,
            &PauseScope::default(),
            LIQUIDATE,
            &mut Script::healthy(),
        );
        assert_eq!(
            (v.status, v.valid_until),
            (Status::LiquidationGrace, NOW - 9 + 3_600 - 1)
        );
        let v = evaluate(
            NOW - 9 + 3_600,
            &m,
            &PauseScope::default(),
            LIQUIDATE,
            &mut Script::healthy(),
        );
        assert_eq!(v.status, Status::Ok);
    }

    #[test]
    fn liquidate_waits_the_grace_after_the_sequencer_grace_ends() {
        let mut oracle = Script::healthy();
        oracle.sequencer = SequencerReading::Up {
            grace_ended_at: NOW - 100,
        };
        let v = evaluate(
            NOW,
            &market(),
            &PauseScope::default(),
            LIQUIDATE,
            &mut oracle,
        );
        assert_eq!(
            (v.status, v.valid_until),
            (Status::LiquidationGrace, NOW - 100 + 3_600 - 1)
        );
        let v = evaluate(
            NOW,
            &market(),
            &PauseScope::default(),
            WITHDRAW,
            &mut oracle,
        );
        assert_eq!(v.status, Status::Ok);
    }

    #[test]
    fn a_global_close_pause_delays_liquidations_in_every_market() {
        let g = PauseScope::default().paused(NOW - 100, 1 << ADD_MARGIN, NOW - 50);
        let v = evaluate(NOW, &market(), &g, LIQUIDATE, &mut Script::healthy());
        assert_eq!(v.status, Status::LiquidationGrace);
    }

    proptest! {
        #[test]
        fn a_paused_action_is_never_ok(mask in 1u16..=ALL, action in 0u8..=6, now in 1u64..u64::MAX / 2, d in 0u64..1_000_000) {
            let g = PauseScope::default().paused(now, mask, now + d);
            let v = evaluate(now, &market(), &g, action, &mut Script::healthy());
            if mask & (1 << action) != 0 {
                prop_assert_eq!(v.status, Status::GlobalPaused);
            }
            let after = evaluate(now + d + 1, &market(), &g, action, &mut Script::healthy());
            prop_assert_ne!(after.status, Status::GlobalPaused);
        }

        #[test]
        fn risk_increasing_pauses_never_block_risk_reducing_actions(action in 3u8..=5, now in 1u64..1_000_000) {
            let g = PauseScope::default().paused(now, RISK_INCREASING, now + 100);
            let v = evaluate(now, &market(), &g, action, &mut Script::healthy());
            prop_assert_ne!(v.status, Status::GlobalPaused);
        }
    }
}
