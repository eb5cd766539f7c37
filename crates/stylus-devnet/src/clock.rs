//! [`Clock`]: block timestamps from the wall clock, with the time controls tests need.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch on the host.
fn wall_clock_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

/// Timestamps of new blocks: the wall clock shifted by an offset, never before the parent block
/// (Nitro allows equal timestamps), or a one-off timestamp set for the next block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clock {
    /// Seconds added to the wall clock (`evm_increaseTime`).
    offset: i128,
    /// Timestamp of the next block (`evm_setNextBlockTimestamp`), used once.
    next_timestamp: Option<u64>,
}

impl Clock {
    /// The current devnet time: wall clock plus offset.
    pub fn now(&self) -> u64 {
        let shifted = i128::from(wall_clock_now()) + self.offset;
        u64::try_from(shifted.max(0)).unwrap_or(u64::MAX)
    }

    /// Timestamp the next block gets when its parent has `parent_timestamp`.
    pub fn next_block_timestamp(&self, parent_timestamp: u64) -> u64 {
        self.next_timestamp
            .unwrap_or_else(|| self.now().max(parent_timestamp))
    }

    /// Records that a block with `timestamp` was mined: a one-off timestamp is used up, and time
    /// goes on from it.
    pub fn block_mined(&mut self, timestamp: u64) {
        if self.next_timestamp.take().is_some() {
            self.offset = i128::from(timestamp) - i128::from(wall_clock_now());
        }
    }

    /// Moves time forward by `seconds`; returns the total offset from the wall clock in seconds.
    pub fn increase(&mut self, seconds: u64) -> i128 {
        self.offset += i128::from(seconds);
        if let Some(next) = self.next_timestamp.as_mut() {
            *next = next.saturating_add(seconds);
        }
        self.offset
    }

    /// Makes the next block's timestamp exactly `timestamp`.
    pub fn set_next_block_timestamp(&mut self, timestamp: u64) {
        self.next_timestamp = Some(timestamp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn increase_moves_the_next_timestamp_forward() {
        let mut clock = Clock::default();
        let before = clock.next_block_timestamp(0);
        clock.increase(3_600);
        assert!(clock.next_block_timestamp(0) >= before + 3_600);
    }

    #[test]
    fn next_timestamp_is_used_once_and_time_continues_from_it() {
        let mut clock = Clock::default();
        let target = wall_clock_now() + 1_000_000;
        clock.set_next_block_timestamp(target);
        assert_eq!(clock.next_block_timestamp(0), target);
        clock.block_mined(target);
        let next = clock.next_block_timestamp(target);
        assert!(next >= target && next < target + 60);
    }

    #[test]
    fn timestamps_never_go_before_the_parent() {
        let clock = Clock::default();
        let future_parent = wall_clock_now() + 10_000;
        assert_eq!(clock.next_block_timestamp(future_parent), future_parent);
    }
}
