//! Signals: what the rules observed, with the measured values.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The kinds of signal the rules raise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    /// The primary price is outside the band around the reference (ORACLE_DEVIATION).
    PriceDeviation,
    /// The answer is ≤ 0, out of bounds, or `updatedAt` is 0 or in the future (ORACLE_INVALID).
    PriceInvalid,
    /// A feed reverted or returned malformed data, or there is no reference yet (ORACLE_UNAVAILABLE).
    FeedUnavailable,
    /// `now − updatedAt > heartbeat` (ORACLE_STALE).
    FeedStale,
    /// A fresh, sane round that the checker's EWMA has not folded in yet.
    UnrecordedRound,
    /// The sequencer uptime feed reports down or is unreadable (SEQUENCER_DOWN).
    SequencerDown,
    /// The sequencer is back but within its grace period (SEQUENCER_GRACE).
    SequencerGrace,
    /// At least the configured number of vault positions are below maintenance margin.
    PositionsBelowMaintenance,
    /// Σ equity / Σ maintenance margin across a vault's positions is below the minimum.
    CollateralRatioLow,
    /// Open notional / insurance fund is above the maximum.
    UtilizationHigh,
    /// Withdrawals within the window exceed the outflow limit (ERC-7265 style).
    OutflowVelocity,
    /// A role, admin, ownership or upgrade event sent by an unexpected address.
    AccessAnomaly,
    /// A burst of reverted calls to watched contracts.
    RevertBurst,
}

/// What a signal is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// A market (its name).
    Market,
    /// A vault (its name).
    Vault,
    /// The chain (`"sequencer"`).
    Chain,
    /// A contract (its address).
    Contract,
}

impl SignalKind {
    /// Its snake_case name (as in configs, logs and metrics).
    pub fn name(self) -> &'static str {
        match self {
            SignalKind::PriceDeviation => "price_deviation",
            SignalKind::PriceInvalid => "price_invalid",
            SignalKind::FeedUnavailable => "feed_unavailable",
            SignalKind::FeedStale => "feed_stale",
            SignalKind::UnrecordedRound => "unrecorded_round",
            SignalKind::SequencerDown => "sequencer_down",
            SignalKind::SequencerGrace => "sequencer_grace",
            SignalKind::PositionsBelowMaintenance => "positions_below_maintenance",
            SignalKind::CollateralRatioLow => "collateral_ratio_low",
            SignalKind::UtilizationHigh => "utilization_high",
            SignalKind::OutflowVelocity => "outflow_velocity",
            SignalKind::AccessAnomaly => "access_anomaly",
            SignalKind::RevertBurst => "revert_burst",
        }
    }

    /// What its subject names.
    pub fn scope(self) -> Scope {
        match self {
            SignalKind::PriceDeviation
            | SignalKind::PriceInvalid
            | SignalKind::FeedUnavailable
            | SignalKind::FeedStale
            | SignalKind::UnrecordedRound => Scope::Market,
            SignalKind::SequencerDown | SignalKind::SequencerGrace => Scope::Chain,
            SignalKind::PositionsBelowMaintenance
            | SignalKind::CollateralRatioLow
            | SignalKind::UtilizationHigh
            | SignalKind::OutflowVelocity => Scope::Vault,
            SignalKind::AccessAnomaly | SignalKind::RevertBurst => Scope::Contract,
        }
    }

    /// Whether a signal of this kind is tied to a market (directly or through its vault).
    pub fn has_market(self) -> bool {
        matches!(self.scope(), Scope::Market | Scope::Vault)
    }
}

impl std::fmt::Display for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Scope::Market => "market",
            Scope::Vault => "vault",
            Scope::Chain => "chain subject",
            Scope::Contract => "contract address",
        })
    }
}

/// One evaluation of one rule: the signal is active with `measured` values, or clear.
#[derive(Clone, Debug, PartialEq)]
pub struct Observation {
    /// The signal kind.
    pub kind: SignalKind,
    /// Its subject (market or vault name, `"sequencer"`, a contract address).
    pub subject: String,
    /// The market the subject belongs to, when any.
    pub market: Option<String>,
    /// `Some(values)` when the signal holds, with the measured values; `None` when clear.
    pub measured: Option<Map<String, Value>>,
}

impl Observation {
    /// A clear observation.
    pub fn clear(kind: SignalKind, subject: impl Into<String>, market: Option<String>) -> Self {
        Self {
            kind,
            subject: subject.into(),
            market,
            measured: None,
        }
    }

    /// An active observation with `measured` values.
    pub fn active(
        kind: SignalKind,
        subject: impl Into<String>,
        market: Option<String>,
        measured: Map<String, Value>,
    ) -> Self {
        Self {
            kind,
            subject: subject.into(),
            market,
            measured: Some(measured),
        }
    }

    /// Active when `active` holds, with the values; else clear.
    pub fn when(
        active: bool,
        kind: SignalKind,
        subject: impl Into<String>,
        market: Option<String>,
        measured: Map<String, Value>,
    ) -> Self {
        if active {
            Self::active(kind, subject, market, measured)
        } else {
            Self::clear(kind, subject, market)
        }
    }

    /// Whether the signal holds.
    pub fn is_active(&self) -> bool {
        self.measured.is_some()
    }
}

/// Builds a measured-values map: `measured!{"price" => p, "band_bps" => b}`.
#[macro_export]
macro_rules! measured {
    ($($key:literal => $value:expr),* $(,)?) => {{
        #[allow(unused_mut)]
        let mut map = serde_json::Map::new();
        $(map.insert($key.to_owned(), serde_json::json!($value));)*
        map
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_serde() {
        for kind in [
            SignalKind::PriceDeviation,
            SignalKind::OutflowVelocity,
            SignalKind::AccessAnomaly,
            SignalKind::SequencerDown,
        ] {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.name()));
            assert_eq!(serde_json::from_str::<SignalKind>(&json).unwrap(), kind);
        }
    }

    #[test]
    fn vault_and_market_signals_have_a_market_chain_and_contract_signals_do_not() {
        assert!(SignalKind::FeedStale.has_market());
        assert!(SignalKind::OutflowVelocity.has_market());
        assert!(!SignalKind::SequencerDown.has_market());
        assert!(!SignalKind::RevertBurst.has_market());
    }
}
