//! The goals of issue 10 and the comparisons they judge.
//!
//! Goals are report lines, not assertions: a missed goal is reported with by how much.

use crate::report::{Comparison, Figure, Measurement};

/// One goal: the Stylus `path`'s `figure` against `baseline`'s, at most `max_ratio` (`None`:
/// the ratio is reported without a goal).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Goal {
    /// The path (shared by both sides).
    pub path: &'static str,
    /// The figure compared.
    pub figure: Figure,
    /// The Solidity system.
    pub baseline: &'static str,
    /// The goal, as a maximum ratio.
    pub max_ratio: Option<f64>,
}

const fn goal(
    path: &'static str,
    figure: Figure,
    baseline: &'static str,
    max_ratio: Option<f64>,
) -> Goal {
    Goal {
        path,
        figure,
        baseline,
        max_ratio,
    }
}

/// Issue 10's goals, plus the ratios it asks to see without a goal. The gate is judged inside
/// the EVM (as its Solidity orientation figures are), the multisig and timelock per transaction.
pub const GOALS: &[Goal] = &[
    goal("checkSettlement", Figure::Cold, "SolidityGate", Some(1.0)),
    goal("checkSettlement", Figure::Warm, "SolidityGate", Some(0.8)),
    goal("checkSettlement", Figure::Transaction, "SolidityGate", None),
    goal("settlementPrice", Figure::Cold, "SolidityGate", Some(1.0)),
    goal("settlementPrice", Figure::Warm, "SolidityGate", Some(0.8)),
    goal("settlementPrice", Figure::Transaction, "SolidityGate", None),
    goal("multisig 3-of-5", Figure::Transaction, "Safe", Some(0.9)),
    goal("multisig 3-of-5", Figure::Transaction, "SafeL2", Some(0.8)),
    goal("multisig 3-of-5", Figure::Cold, "Safe", None),
    goal("multisig 3-of-5", Figure::Cold, "SafeL2", None),
    goal(
        "timelock schedule",
        Figure::Transaction,
        "TimelockController",
        Some(1.0),
    ),
    goal(
        "timelock schedule",
        Figure::Cold,
        "TimelockController",
        None,
    ),
    goal(
        "timelock execute",
        Figure::Transaction,
        "TimelockController",
        Some(0.9),
    ),
    goal("timelock execute", Figure::Cold, "TimelockController", None),
    goal("pause", Figure::Cold, "SolidityGate", None),
];

/// Whether a goal applies to a Stylus variant: the goals are for cached programs (and for a
/// node's own cache state); uncached figures are reported beside them.
fn judged(variant: &str) -> bool {
    variant != "uncached"
}

/// Every comparison [`GOALS`] asks for that `measurements` have both sides of.
pub fn compare(measurements: &[Measurement]) -> Vec<Comparison> {
    let mut comparisons = Vec::new();
    for goal in GOALS {
        let Some(baseline) = measurements
            .iter()
            .find(|m| m.path == goal.path && m.system == goal.baseline)
        else {
            continue;
        };
        let Some(baseline_gas) = goal.figure.of(baseline) else {
            continue;
        };
        for stylus in measurements
            .iter()
            .filter(|m| m.path == goal.path && m.side == "stylus")
        {
            let Some(stylus_gas) = goal.figure.of(stylus) else {
                continue;
            };
            comparisons.push(Comparison::new(
                goal.path,
                goal.figure,
                (
                    &format!("{} ({})", stylus.system, stylus.variant),
                    stylus_gas,
                ),
                (goal.baseline, baseline_gas),
                goal.max_ratio.filter(|_| judged(&stylus.variant)),
            ));
        }
    }
    comparisons
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Verdict;

    fn measurement(path: &str, system: &str, side: &str, variant: &str, cold: u64) -> Measurement {
        Measurement {
            path: path.into(),
            system: system.into(),
            side: side.into(),
            variant: variant.into(),
            cold_gas: cold,
            warm_gas: Some(cold / 4),
            tx_gas: Some(cold + 21_000),
            tx_gas_source: Some("mined".into()),
            answer: "status 0 (OK)".into(),
            floor: None,
            profile: None,
        }
    }

    #[test]
    fn the_gate_is_judged_cached_and_reported_uncached() {
        let measurements = [
            measurement(
                "checkSettlement",
                "PauseRegistry",
                "stylus",
                "uncached",
                40_000,
            ),
            measurement(
                "checkSettlement",
                "PauseRegistry",
                "stylus",
                "cached",
                20_000,
            ),
            measurement("checkSettlement", "SolidityGate", "solidity", "evm", 29_100),
        ];
        let comparisons = compare(&measurements);
        let cold: Vec<&Comparison> = comparisons
            .iter()
            .filter(|c| c.figure == Figure::Cold)
            .collect();
        assert_eq!(cold.len(), 2);
        assert_eq!(cold[0].stylus, "PauseRegistry (uncached)");
        assert_eq!(cold[0].verdict, None);
        assert_eq!(cold[1].verdict, Some(Verdict::Met));
        assert!((cold[1].ratio - 20_000.0 / 29_100.0).abs() < 1e-12);
        // Warm: 5,000 vs 7,275 → 0.69 ≤ 0.8.
        let warm = comparisons
            .iter()
            .find(|c| c.figure == Figure::Warm && c.stylus.contains("cached)") && c.goal.is_some())
            .unwrap();
        assert_eq!(warm.verdict, Some(Verdict::Met));
    }

    #[test]
    fn a_path_without_its_baseline_is_not_compared() {
        let measurements = [measurement(
            "record",
            "OracleSanityChecker",
            "stylus",
            "cached",
            9,
        )];
        assert!(compare(&measurements).is_empty());
    }
}
