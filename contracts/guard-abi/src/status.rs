//! Settlement status codes.
//!
//! The first rule that applies, in the order of the codes, wins (see
//! `DESIGN.md`). Statuses 5–11 apply only to actions that need a price or are
//! sequencer-sensitive.

/// The verdict of the settlement gate for one (market, action).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Status {
    /// The action may go ahead.
    Ok = 0,
    /// The market is not registered.
    UnknownMarket = 1,
    /// The action id is above 6.
    UnknownAction = 2,
    /// The action is in the global pause mask, not expired.
    GlobalPaused = 3,
    /// The action is in the market's pause mask, not expired.
    MarketPaused = 4,
    /// The sequencer uptime feed reports down, or cannot be read.
    SequencerDown = 5,
    /// The sequencer has been up for less than the grace period.
    SequencerGrace = 6,
    /// The market's latched circuit breaker is set.
    BreakerTripped = 7,
    /// The feed reverted, returned malformed data, or is not configured.
    OracleUnavailable = 8,
    /// Answer ≤ 0, outside the bounds, `updatedAt` 0 or in the future.
    OracleInvalid = 9,
    /// `now − updatedAt` exceeds the heartbeat.
    OracleStale = 10,
    /// The price is outside the deviation band around the reference.
    OracleDeviation = 11,
    /// LIQUIDATE within the grace period after a blocking pause ended or
    /// after the sequencer came back.
    LiquidationGrace = 12,
}

impl Status {
    /// Every status, in precedence order.
    pub const ALL: [Status; 13] = [
        Status::Ok,
        Status::UnknownMarket,
        Status::UnknownAction,
        Status::GlobalPaused,
        Status::MarketPaused,
        Status::SequencerDown,
        Status::SequencerGrace,
        Status::BreakerTripped,
        Status::OracleUnavailable,
        Status::OracleInvalid,
        Status::OracleStale,
        Status::OracleDeviation,
        Status::LiquidationGrace,
    ];

    /// The `uint8` code of this status.
    #[must_use]
    pub const fn code(self) -> u8 {
        self as u8
    }

    /// The status of a `uint8` code, or `None` for codes above 12.
    #[must_use]
    pub const fn from_code(code: u8) -> Option<Status> {
        if (code as usize) < Self::ALL.len() {
            Some(Self::ALL[code as usize])
        } else {
            None
        }
    }

    /// Whether the action may go ahead.
    #[must_use]
    pub const fn is_ok(self) -> bool {
        matches!(self, Status::Ok)
    }

    /// The name used in `DESIGN.md`, e.g. `"ORACLE_STALE"`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Status::Ok => "OK",
            Status::UnknownMarket => "UNKNOWN_MARKET",
            Status::UnknownAction => "UNKNOWN_ACTION",
            Status::GlobalPaused => "GLOBAL_PAUSED",
            Status::MarketPaused => "MARKET_PAUSED",
            Status::SequencerDown => "SEQUENCER_DOWN",
            Status::SequencerGrace => "SEQUENCER_GRACE",
            Status::BreakerTripped => "BREAKER_TRIPPED",
            Status::OracleUnavailable => "ORACLE_UNAVAILABLE",
            Status::OracleInvalid => "ORACLE_INVALID",
            Status::OracleStale => "ORACLE_STALE",
            Status::OracleDeviation => "ORACLE_DEVIATION",
            Status::LiquidationGrace => "LIQUIDATION_GRACE",
        }
    }
}

impl core::fmt::Display for Status {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_design_numbers_in_order() {
        for (i, s) in Status::ALL.iter().enumerate() {
            assert_eq!(usize::from(s.code()), i);
            assert_eq!(Status::from_code(s.code()), Some(*s));
        }
        assert_eq!(Status::OracleDeviation.code(), 11);
        assert_eq!(Status::LiquidationGrace.code(), 12);
    }

    #[test]
    fn from_code_rejects_codes_above_twelve() {
        assert_eq!(Status::from_code(13), None);
        assert_eq!(Status::from_code(255), None);
    }
}
