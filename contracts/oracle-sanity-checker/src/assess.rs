//! Pure verdicts over feed rounds: price sanity (statuses 8–10 per feed)
//! and sequencer uptime (statuses 5–6).

use alloy_primitives::U256;
use guard_abi::Status;

use crate::{feed::Round, math::normalize, storage::BoundsWord};

/// One price feed's verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeedVerdict {
    /// A sane, fresh price.
    Fresh {
        /// Normalized price (18 decimals).
        price: u128,
        /// When it was published.
        updated_at: u64,
        /// The last second at which it is still fresh (`updatedAt + heartbeat`).
        valid_until: u64,
    },
    /// Not usable.
    Faulty {
        /// ORACLE_UNAVAILABLE, ORACLE_INVALID or ORACLE_STALE.
        status: Status,
        /// The normalized price when one could be computed, else 0.
        price: u128,
        /// For ORACLE_STALE, seconds since `updatedAt`; else 0.
        age: u64,
    },
}

impl FeedVerdict {
    /// The verdict's status (OK when fresh).
    pub fn status(&self) -> Status {
        match self {
            FeedVerdict::Fresh { .. } => Status::Ok,
            FeedVerdict::Faulty { status, .. } => *status,
        }
    }

    /// The normalized price, 0 when none.
    pub fn price(&self) -> u128 {
        match self {
            FeedVerdict::Fresh { price, .. } | FeedVerdict::Faulty { price, .. } => *price,
        }
    }

    /// For a stale feed, seconds since it published; else 0.
    pub fn stale_age(&self) -> u64 {
        match self {
            FeedVerdict::Faulty { age, .. } => *age,
            FeedVerdict::Fresh { .. } => 0,
        }
    }
}

/// Assesses a price feed's round at `now`, in the design's precedence:
/// unreadable → ORACLE_UNAVAILABLE; answer ≤ 0, `updatedAt` 0 or in the
/// future, or a price outside `bounds` → ORACLE_INVALID; `now − updatedAt >
/// heartbeat` → ORACLE_STALE.
pub fn assess_feed(
    round: Option<&Round>,
    decimals: u8,
    bounds: &BoundsWord,
    heartbeat: u32,
    now: u64,
) -> FeedVerdict {
    let faulty = |status, price, age| FeedVerdict::Faulty { status, price, age };
    let Some(round) = round else {
        return faulty(Status::OracleUnavailable, 0, 0);
    };
    if !round.answer.is_positive() {
        return faulty(Status::OracleInvalid, 0, 0);
    }
    let price = normalize(round.answer.into_raw(), decimals);
    let updated_at = u64::try_from(round.updated_at).unwrap_or(u64::MAX);
    if updated_at == 0 || updated_at > now {
        return faulty(Status::OracleInvalid, price.unwrap_or(0), 0);
    }
    // A price too large for a u128 is above any maximum.
    let Some(price) = price.filter(|p| *p != 0 && bounds.contains(*p)) else {
        return faulty(Status::OracleInvalid, price.unwrap_or(0), 0);
    };
    let age = now - updated_at;
    if age > u64::from(heartbeat) {
        return faulty(Status::OracleStale, price, age);
    }
    FeedVerdict::Fresh {
        price,
        updated_at,
        valid_until: updated_at.saturating_add(u64::from(heartbeat)),
    }
}

/// The sequencer verdict `(status, upSince, graceEndsAt)`.
///
/// Arbitrum's uptime feed answers 0 when the sequencer is up and 1 when it
/// is down; `startedAt` is when that status began. Down, unreadable, any
/// other answer, `startedAt` 0 or in the future → SEQUENCER_DOWN with zeros;
/// up with `now < startedAt + grace` → SEQUENCER_GRACE; else OK.
pub fn assess_sequencer(round: Option<&Round>, grace: u32, now: u64) -> (Status, u64, u64) {
    const DOWN: (Status, u64, u64) = (Status::SequencerDown, 0, 0);
    let Some(round) = round else {
        return DOWN;
    };
    if !round.answer.is_zero() || round.started_at.is_zero() || round.started_at > U256::from(now) {
        return DOWN;
    }
    let up_since = u64::try_from(round.started_at).unwrap_or(u64::MAX);
    let grace_ends_at = up_since.saturating_add(u64::from(grace));
    if now < grace_ends_at {
        (Status::SequencerGrace, up_since, grace_ends_at)
    } else {
        (Status::Ok, up_since, grace_ends_at)
    }
}
