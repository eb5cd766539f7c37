//! Pause scopes: a mask of paused actions with one expiry, and the start of
//! the liquidation grace that follows a pause of CLOSE or ADD_MARGIN.
//!
//! Pure logic, no storage: the contract loads a [`PauseScope`], applies
//! [`PauseScope::paused`] or [`PauseScope::lifted`] and stores the result.

use guard_abi::action::LIQUIDATION_GRACE_TRIGGERS;

/// One scope's pause state (a market, or the global scope).
///
/// The actions in `mask` are paused through `until` inclusive: a pause is
/// gone one second after `until`. `grace_from` is the first second at which a
/// pause that blocked CLOSE or ADD_MARGIN no longer blocks them (0 = never);
/// LIQUIDATE waits the market's liquidation grace from there.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PauseScope {
    /// Paused actions (bit `i` = action `i`).
    pub mask: u16,
    /// Last second (inclusive) at which `mask` is paused.
    pub until: u64,
    /// First second after the latest CLOSE/ADD_MARGIN pause (0 = none yet).
    pub grace_from: u64,
}

impl PauseScope {
    /// The actions paused at `now` (0 once `until` has passed).
    #[must_use]
    pub const fn active_mask(&self, now: u64) -> u16 {
        if now <= self.until {
            self.mask
        } else {
            0
        }
    }

    /// The scope after pausing `actions` at `now` through `until`: masks
    /// union, the later expiry wins (an expired mask is dropped first).
    #[must_use]
    pub fn paused(&self, now: u64, actions: u16, until: u64) -> PauseScope {
        let active = self.active_mask(now);
        let (mask, until) = if active == 0 {
            (actions, until)
        } else {
            (active | actions, self.until.max(until))
        };
        let grace_from = if mask & LIQUIDATION_GRACE_TRIGGERS == 0 {
            self.grace_from
        } else {
            until.saturating_add(1)
        };
        PauseScope {
            mask,
            until,
            grace_from,
        }
    }

    /// The scope after lifting `actions` at `now`. Lifting CLOSE or
    /// ADD_MARGIN starts the liquidation grace at `now`.
    #[must_use]
    pub fn lifted(&self, now: u64, actions: u16) -> PauseScope {
        let active = self.active_mask(now);
        let mask = active & !actions;
        let grace_from = if mask & LIQUIDATION_GRACE_TRIGGERS != 0 {
            self.grace_from
        } else if active & LIQUIDATION_GRACE_TRIGGERS != 0 {
            now
        } else {
            self.grace_from
        };
        PauseScope {
            mask,
            until: if mask == 0 { 0 } else { self.until },
            grace_from,
        }
    }

    /// When LIQUIDATE may go ahead again after this scope's last
    /// CLOSE/ADD_MARGIN pause, given the market's grace (0 = no wait).
    #[must_use]
    pub const fn liquidation_grace_end(&self, grace: u64) -> u64 {
        if self.grace_from == 0 {
            0
        } else {
            self.grace_from.saturating_add(grace)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use guard_abi::action::{ALL, CLOSE, DEPOSIT, OPEN, RISK_INCREASING};
    use proptest::prelude::*;

    const fn bit(a: u8) -> u16 {
        1 << a
    }

    #[test]
    fn a_pause_is_gone_one_second_after_until() {
        let s = PauseScope::default().paused(100, bit(OPEN), 200);
        assert_eq!(s.active_mask(200), bit(OPEN));
        assert_eq!(s.active_mask(201), 0);
    }

    #[test]
    fn pausing_again_unions_masks_and_keeps_the_later_expiry() {
        let s = PauseScope::default().paused(100, bit(OPEN), 500);
        let s = s.paused(150, bit(DEPOSIT), 300);
        assert_eq!(s.mask, bit(OPEN) | bit(DEPOSIT));
        assert_eq!(s.until, 500);
        let s = s.paused(160, bit(DEPOSIT), 900);
        assert_eq!(s.until, 900);
    }

    #[test]
    fn pausing_after_expiry_drops_the_old_mask() {
        let s = PauseScope::default().paused(100, bit(OPEN), 200);
        let s = s.paused(300, bit(DEPOSIT), 400);
        assert_eq!(s.mask, bit(DEPOSIT));
        assert_eq!(s.until, 400);
    }

    #[test]
    fn pausing_close_sets_the_liquidation_grace_start_after_the_expiry() {
        let s = PauseScope::default().paused(100, bit(CLOSE), 200);
        assert_eq!(s.grace_from, 201);
        assert_eq!(s.liquidation_grace_end(3600), 3801);
    }

    #[test]
    fn lifting_close_early_starts_the_liquidation_grace_now() {
        let s = PauseScope::default().paused(100, ALL, 10_000);
        let s = s.lifted(500, guard_abi::action::RISK_REDUCING);
        assert_eq!(s.mask, ALL & !guard_abi::action::RISK_REDUCING);
        assert_eq!(s.grace_from, 500);
    }

    #[test]
    fn lifting_risk_increasing_actions_keeps_the_grace_start() {
        let s = PauseScope::default().paused(100, bit(OPEN), 1_000);
        let s = s.lifted(500, RISK_INCREASING);
        assert_eq!(s, PauseScope::default());
    }

    proptest! {
        #[test]
        fn a_merged_pause_covers_both_masks_until_the_later_expiry(
            now in 0u64..1_000_000, m1 in 1u16..=ALL, d1 in 1u64..1_000_000,
            step in 0u64..2_000_000, m2 in 1u16..=ALL, d2 in 1u64..1_000_000,
        ) {
            let first = PauseScope::default().paused(now, m1, now + d1);
            let later = now + step;
            let merged = first.paused(later, m2, later + d2);
            let expected_until = if first.active_mask(later) == 0 { later + d2 } else { (now + d1).max(later + d2) };
            prop_assert_eq!(merged.until, expected_until);
            prop_assert_eq!(merged.active_mask(later), first.active_mask(later) | m2);
            prop_assert_eq!(merged.active_mask(merged.until + 1), 0);
            prop_assert!(merged.mask & !ALL == 0);
        }

        #[test]
        fn lifting_never_adds_actions_or_extends_the_expiry(
            now in 0u64..1_000_000, m1 in 1u16..=ALL, d1 in 1u64..1_000_000,
            step in 0u64..2_000_000, lift in 1u16..=ALL,
        ) {
            let s = PauseScope::default().paused(now, m1, now + d1);
            let t = now + step;
            let lifted = s.lifted(t, lift);
            prop_assert_eq!(lifted.active_mask(t), s.active_mask(t) & !lift);
            prop_assert!(lifted.until <= s.until);
        }
    }
}
