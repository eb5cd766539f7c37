//! Protocol-level signals of a vault: position health, utilization and
//! outflow velocity.
//!
//! Equity and maintenance margin come from the vault's own views
//! (`equityAt`, `maintenanceMargin`, which apply the guard's margin
//! multiplier), so the sentinel judges positions by the vault's definition;
//! this module only aggregates them.

use std::collections::VecDeque;

use alloy::primitives::{I256, U256};
use serde::{Deserialize, Serialize};

use crate::{
    config::VaultWatch,
    measured,
    signal::{Observation, SignalKind},
};

/// One open position as the vault values it at the current price.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PositionHealth {
    /// Its id.
    pub id: u64,
    /// Margin plus unrealized PnL (may be negative).
    pub equity: I256,
    /// The maintenance margin (multiplier applied).
    pub maintenance: U256,
    /// Size × price, collateral units.
    pub notional: U256,
}

/// A vault's state at one evaluation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VaultView {
    /// Open positions (as scanned).
    pub positions: Vec<PositionHealth>,
    /// The insurance fund (the traders' counterparty capital).
    pub insurance_fund: U256,
}

/// Aggregates over the positions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VaultHealth {
    /// Positions scanned.
    pub positions: usize,
    /// Positions with equity below maintenance (liquidatable).
    pub below_maintenance: u64,
    /// Σ max(equity, 0) / Σ maintenance, bps (`None` without positions).
    pub collateral_ratio_bps: Option<u64>,
    /// Σ notional / insurance fund, bps (`None` when nothing is open; saturating when the fund is empty).
    pub utilization_bps: Option<u64>,
}

fn ratio_bps(numerator: U256, denominator: U256) -> u64 {
    if denominator.is_zero() {
        return u64::MAX;
    }
    let bps = numerator.saturating_mul(U256::from(10_000u64)) / denominator;
    u64::try_from(bps).unwrap_or(u64::MAX)
}

/// Aggregates `view`.
pub fn health(view: &VaultView) -> VaultHealth {
    let mut equity = U256::ZERO;
    let mut maintenance = U256::ZERO;
    let mut notional = U256::ZERO;
    let mut below = 0;
    for p in &view.positions {
        if p.equity < I256::try_from(p.maintenance).unwrap_or(I256::MAX) {
            below += 1;
        }
        if p.equity.is_positive() {
            equity = equity.saturating_add(p.equity.into_raw());
        }
        maintenance = maintenance.saturating_add(p.maintenance);
        notional = notional.saturating_add(p.notional);
    }
    let open = !view.positions.is_empty();
    VaultHealth {
        positions: view.positions.len(),
        below_maintenance: below,
        collateral_ratio_bps: (open && !maintenance.is_zero())
            .then(|| ratio_bps(equity, maintenance)),
        utilization_bps: open.then(|| ratio_bps(notional, view.insurance_fund)),
    }
}

/// The position signals of one evaluation.
pub fn health_observations(watch: &VaultWatch, view: &VaultView) -> Vec<Observation> {
    let h = health(view);
    let market = Some(watch.market.clone());
    let values = measured! {
        "positions" => h.positions,
        "below_maintenance" => h.below_maintenance,
        "collateral_ratio_bps" => h.collateral_ratio_bps,
        "utilization_bps" => h.utilization_bps,
        "insurance_fund" => view.insurance_fund.to_string(),
    };
    let mut observations = Vec::new();
    if let Some(limit) = watch.max_liquidatable_positions {
        observations.push(Observation::when(
            h.below_maintenance >= limit.max(1),
            SignalKind::PositionsBelowMaintenance,
            &watch.name,
            market.clone(),
            values.clone(),
        ));
    }
    if let Some(min) = watch.min_collateral_ratio_bps {
        observations.push(Observation::when(
            h.collateral_ratio_bps.is_some_and(|r| r < u64::from(min)),
            SignalKind::CollateralRatioLow,
            &watch.name,
            market.clone(),
            values.clone(),
        ));
    }
    if let Some(max) = watch.max_utilization_bps {
        observations.push(Observation::when(
            h.utilization_bps.is_some_and(|u| u > u64::from(max)),
            SignalKind::UtilizationHigh,
            &watch.name,
            market,
            values,
        ));
    }
    observations
}

/// Withdrawals within a sliding time window: the ERC-7265 rate-limit
/// measure (value leaving per window, against the value held when the
/// window started).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct OutflowWindow {
    /// `(block timestamp, amount)` of each withdrawal still in the window, oldest first.
    pub entries: VecDeque<(u64, U256)>,
}

impl OutflowWindow {
    /// Adds a withdrawal of `amount` at `timestamp`.
    pub fn push(&mut self, timestamp: u64, amount: U256) {
        self.entries.push_back((timestamp, amount));
    }

    /// Drops withdrawals older than `window` seconds before `now` and returns the rest's sum.
    pub fn total(&mut self, now: u64, window: u64) -> U256 {
        let start = now.saturating_sub(window);
        while self.entries.front().is_some_and(|(t, _)| *t <= start) {
            self.entries.pop_front();
        }
        self.entries
            .iter()
            .fold(U256::ZERO, |sum, (_, amount)| sum.saturating_add(*amount))
    }
}

/// The outflow signal: withdrawals in the window against the collateral
/// held at the window's start (`held_now + outflow`, as nothing else left).
pub fn outflow_observation(
    watch: &VaultWatch,
    outflow: U256,
    held_now: U256,
    now: u64,
) -> Option<Observation> {
    let limit_bps = watch.outflow_limit_bps?;
    let held_at_start = held_now.saturating_add(outflow);
    let limit = held_at_start.saturating_mul(U256::from(limit_bps)) / U256::from(10_000u64);
    Some(Observation::when(
        !outflow.is_zero() && outflow > limit,
        SignalKind::OutflowVelocity,
        &watch.name,
        Some(watch.market.clone()),
        measured! {
            "outflow" => outflow.to_string(),
            "limit" => limit.to_string(),
            "held_at_window_start" => held_at_start.to_string(),
            "window_secs" => watch.outflow_window_secs,
            "limit_bps" => limit_bps,
            "now" => now,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy::primitives::Address;

    fn watch() -> VaultWatch {
        VaultWatch {
            name: "perp".into(),
            address: Address::ZERO,
            market: "ETH-USD".into(),
            max_positions: 10,
            min_collateral_ratio_bps: Some(15_000),
            max_liquidatable_positions: Some(1),
            max_utilization_bps: Some(8_000),
            outflow_window_secs: 3_600,
            outflow_limit_bps: Some(2_000),
        }
    }

    fn position(id: u64, equity: i64, maintenance: u64, notional: u64) -> PositionHealth {
        PositionHealth {
            id,
            equity: I256::try_from(equity).unwrap(),
            maintenance: U256::from(maintenance),
            notional: U256::from(notional),
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
    fn healthy_positions_raise_nothing() {
        let view = VaultView {
            positions: vec![position(1, 300, 100, 1_000), position(2, 200, 100, 1_000)],
            insurance_fund: U256::from(10_000u64),
        };
        let h = health(&view);
        assert_eq!(h.below_maintenance, 0);
        assert_eq!(h.collateral_ratio_bps, Some(25_000));
        assert_eq!(h.utilization_bps, Some(2_000));
        assert!(active(&health_observations(&watch(), &view)).is_empty());
    }

    #[test]
    fn a_liquidatable_position_and_a_low_ratio_are_signalled() {
        let view = VaultView {
            positions: vec![position(1, -50, 100, 1_000), position(2, 150, 100, 1_000)],
            insurance_fund: U256::from(10_000u64),
        };
        let h = health(&view);
        assert_eq!(h.below_maintenance, 1);
        // Negative equity counts as zero: 150 / 200.
        assert_eq!(h.collateral_ratio_bps, Some(7_500));
        assert_eq!(
            active(&health_observations(&watch(), &view)),
            vec![
                SignalKind::PositionsBelowMaintenance,
                SignalKind::CollateralRatioLow
            ]
        );
    }

    #[test]
    fn utilization_above_the_limit_is_signalled_and_an_empty_fund_saturates() {
        let view = VaultView {
            positions: vec![position(1, 300, 100, 9_000)],
            insurance_fund: U256::from(10_000u64),
        };
        assert_eq!(
            active(&health_observations(&watch(), &view)),
            vec![SignalKind::UtilizationHigh]
        );
        let empty = VaultView {
            insurance_fund: U256::ZERO,
            ..view
        };
        assert_eq!(health(&empty).utilization_bps, Some(u64::MAX));
    }

    #[test]
    fn the_outflow_window_forgets_old_withdrawals() {
        let mut window = OutflowWindow::default();
        window.push(100, U256::from(5u8));
        window.push(200, U256::from(7u8));
        assert_eq!(window.total(200, 3_600), U256::from(12u8));
        assert_eq!(window.total(3_700, 3_600), U256::from(7u8));
        assert_eq!(window.total(3_800, 3_600), U256::ZERO);
        assert!(window.entries.is_empty());
    }

    #[test]
    fn outflow_above_the_share_of_collateral_at_window_start_is_signalled() {
        let w = watch();
        // 1000 held at the start, 200 left: exactly 20 %, not above.
        let at_limit = outflow_observation(&w, U256::from(200u64), U256::from(800u64), 1).unwrap();
        assert!(!at_limit.is_active());
        let above = outflow_observation(&w, U256::from(201u64), U256::from(799u64), 1).unwrap();
        assert!(above.is_active());
        let mut off = w;
        off.outflow_limit_bps = None;
        assert!(outflow_observation(&off, U256::from(1u8), U256::ZERO, 1).is_none());
    }
}
