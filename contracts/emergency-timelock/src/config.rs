//! The timelock's configuration word: the minimum delay (with a pending
//! decrease), the grace window and the execution lock, in one storage slot.
//!
//! ## Delay rule
//! The minimum delay stays within [`MIN_DELAY_LOWER_BOUND`] (1 hour) and
//! [`MAX_DELAY`] (30 days). `updateDelay(newDelay)` (only by the timelock
//! itself, i.e. after a full delay):
//! - `newDelay ≥` the delay in force: takes effect at once and discards any
//!   pending decrease;
//! - `newDelay <` the delay in force: becomes *pending* and takes effect
//!   `delay in force` seconds later (at `effectiveAt = now + old delay`),
//!   replacing any earlier pending decrease. Until then the old delay holds,
//!   so anyone has a full old delay to react once the decrease is known.
//!
//! Layout (big-endian): `min_delay` 0..4, `pending_delay` 4..8,
//! `pending_at` 8..16 (0 = none), `grace` 16..20, `executing` 20.

use alloy_primitives::B256;

/// Lowest minimum delay: 1 hour.
pub const MIN_DELAY_LOWER_BOUND: u32 = 3_600;
/// Highest minimum delay, and the longest delay an operation may be
/// scheduled with: 30 days.
pub const MAX_DELAY: u32 = 30 * 86_400;
/// Default grace window: 7 days.
pub const DEFAULT_GRACE_PERIOD: u32 = 7 * 86_400;
/// Shortest grace window: 1 day.
pub const MIN_GRACE_PERIOD: u32 = 86_400;
/// Longest grace window: 30 days.
pub const MAX_GRACE_PERIOD: u32 = 30 * 86_400;

/// The configuration word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ConfigWord {
    /// The minimum delay, unless a pending decrease has taken effect.
    pub min_delay: u32,
    /// A pending lower minimum delay (meaningful when `pending_at != 0`).
    pub pending_delay: u32,
    /// When the pending decrease takes effect (0 = none pending).
    pub pending_at: u64,
    /// Grace window given to operations scheduled from now on.
    pub grace: u32,
    /// Whether an `execute*` call is in progress (reentrancy lock).
    pub executing: bool,
}

/// What `updateDelay` did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DelayUpdate {
    /// The new delay is in force now.
    Applied {
        /// The delay in force before.
        old: u32,
    },
    /// A decrease, in force from `effective_at`.
    Scheduled {
        /// The delay in force until then.
        old: u32,
        /// When the new delay takes effect.
        effective_at: u64,
    },
}

impl ConfigWord {
    /// Unpacks a stored word.
    pub fn unpack(w: B256) -> Self {
        let u32_at = |at: usize| {
            let mut b = [0u8; 4];
            b.copy_from_slice(&w.0[at..at + 4]);
            u32::from_be_bytes(b)
        };
        let mut at = [0u8; 8];
        at.copy_from_slice(&w.0[8..16]);
        ConfigWord {
            min_delay: u32_at(0),
            pending_delay: u32_at(4),
            pending_at: u64::from_be_bytes(at),
            grace: u32_at(16),
            executing: w.0[20] != 0,
        }
    }

    /// Packs for storage.
    pub fn pack(&self) -> B256 {
        let mut w = B256::ZERO;
        w.0[0..4].copy_from_slice(&self.min_delay.to_be_bytes());
        w.0[4..8].copy_from_slice(&self.pending_delay.to_be_bytes());
        w.0[8..16].copy_from_slice(&self.pending_at.to_be_bytes());
        w.0[16..20].copy_from_slice(&self.grace.to_be_bytes());
        w.0[20] = u8::from(self.executing);
        w
    }

    /// The minimum delay in force at `now`.
    pub fn min_delay_at(&self, now: u64) -> u32 {
        if self.pending_at != 0 && now >= self.pending_at {
            self.pending_delay
        } else {
            self.min_delay
        }
    }

    /// The pending decrease not yet in force at `now`: `(delay, effectiveAt)`.
    pub fn pending_at_time(&self, now: u64) -> Option<(u32, u64)> {
        (self.pending_at != 0 && now < self.pending_at)
            .then_some((self.pending_delay, self.pending_at))
    }

    /// Applies `updateDelay(new_delay)` at `now` (bounds already checked).
    pub fn update_delay(&mut self, new_delay: u32, now: u64) -> DelayUpdate {
        let old = self.min_delay_at(now);
        if new_delay >= old {
            self.min_delay = new_delay;
            self.pending_delay = 0;
            self.pending_at = 0;
            DelayUpdate::Applied { old }
        } else {
            let effective_at = now.saturating_add(u64::from(old));
            self.min_delay = old;
            self.pending_delay = new_delay;
            self.pending_at = effective_at;
            DelayUpdate::Scheduled { old, effective_at }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn config_round_trips(a in any::<u32>(), b in any::<u32>(), at in any::<u64>(), g in any::<u32>(), e in any::<bool>()) {
            let c = ConfigWord { min_delay: a, pending_delay: b, pending_at: at, grace: g, executing: e };
            prop_assert_eq!(ConfigWord::unpack(c.pack()), c);
        }

        #[test]
        fn a_decrease_never_applies_before_the_old_delay_has_passed(
            old in MIN_DELAY_LOWER_BOUND..=MAX_DELAY, new in MIN_DELAY_LOWER_BOUND..=MAX_DELAY, now in 0u64..1u64 << 40, later in 0u64..(2 * u64::from(MAX_DELAY)),
        ) {
            let mut c = ConfigWord { min_delay: old, grace: DEFAULT_GRACE_PERIOD, ..ConfigWord::default() };
            c.update_delay(new, now);
            let t = now + later;
            let expected = if new >= old || later >= u64::from(old) { new } else { old };
            prop_assert_eq!(c.min_delay_at(t), expected);
        }
    }

    #[test]
    fn an_increase_discards_a_pending_decrease() {
        let mut c = ConfigWord {
            min_delay: 86_400,
            ..ConfigWord::default()
        };
        assert_eq!(
            c.update_delay(3_600, 1_000),
            DelayUpdate::Scheduled {
                old: 86_400,
                effective_at: 87_400
            }
        );
        assert_eq!(c.pending_at_time(1_000), Some((3_600, 87_400)));
        assert_eq!(
            c.update_delay(86_400, 2_000),
            DelayUpdate::Applied { old: 86_400 }
        );
        assert_eq!(c.pending_at_time(2_000), None);
        assert_eq!(c.min_delay_at(100_000), 86_400);
    }

    #[test]
    fn a_matured_decrease_is_the_base_of_the_next_update() {
        let mut c = ConfigWord {
            min_delay: 86_400,
            ..ConfigWord::default()
        };
        c.update_delay(3_600, 0);
        assert_eq!(c.min_delay_at(86_399), 86_400);
        assert_eq!(c.min_delay_at(86_400), 3_600);
        // 7200 > 3600 (in force): an increase, applied at once.
        assert_eq!(
            c.update_delay(7_200, 90_000),
            DelayUpdate::Applied { old: 3_600 }
        );
        assert_eq!(c.min_delay_at(90_000), 7_200);
    }
}
