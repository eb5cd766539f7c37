//! `guard drill` end to end: the real binary on a fresh embedded devnet,
//! its JSON report and its exit code.

use std::process::Command;

#[test]
fn the_drill_plays_the_whole_incident_and_exits_zero() {
    let output = Command::new(env!("CARGO_BIN_EXE_guard"))
        .args(["drill", "--json"])
        .output()
        .expect("the guard binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the drill failed:\n{stderr}");
    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("--json prints one JSON report");
    assert_eq!(report["passed"], true);
    assert_eq!(report["chain_id"], 412_346);

    let phases: Vec<&str> = report["summary"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["phase"].as_str().unwrap())
        .collect();
    assert_eq!(
        phases,
        [
            "1 normal trading",
            "2 detection",
            "3 containment",
            "4 resolution",
            "5 sequencer outage",
            "6 finality"
        ]
    );
    let steps = report["steps"].as_array().unwrap();
    assert!(steps.len() > 60, "{} steps", steps.len());
    assert!(steps
        .iter()
        .all(|s| s["ok"] == true && s["expected"] == s["observed"]));
    for summary in report["summary"].as_array().unwrap() {
        assert_eq!(summary["mismatches"], 0, "{summary}");
    }

    // The story's key observations, in order: detection, containment, voiding, release.
    let observed: Vec<&str> = steps
        .iter()
        .map(|s| s["observed"].as_str().unwrap())
        .collect();
    let position = |needle: &str| {
        observed
            .iter()
            .position(|o| o.contains(needle))
            .unwrap_or_else(|| panic!("no step observed {needle}"))
    };
    let order = [
        position("ORACLE_DEVIATION"),
        position("BreakerTripped"),
        position("BREAKER_TRIPPED"),
        position("MARKET_PAUSED"),
        position("IncidentDeclared"),
        position("SettlementVoided"),
        position("Unpaused"),
        position("LIQUIDATION_GRACE"),
        position("SEQUENCER_DOWN"),
        position("SEQUENCER_GRACE"),
        position("SettlementFinalized"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    // The timeline went to stderr with --json, one line per step.
    assert_eq!(
        stderr.lines().filter(|l| l.starts_with('#')).count(),
        steps.len()
    );
}

#[test]
fn the_drill_names_a_node_it_cannot_reach() {
    // Nothing listens on port 9: the drill names the node it could not reach.
    let output = Command::new(env!("CARGO_BIN_EXE_guard"))
        .args(["drill", "--rpc-url", "http://127.0.0.1:9"])
        .output()
        .expect("the guard binary runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no node answers at http://127.0.0.1:9"),
        "{stderr}"
    );
}
