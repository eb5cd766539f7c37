//! `guard watch`: replaying a feed history, and refusing a bad config by field name.

use std::{path::PathBuf, process::Command};

fn temp_file(name: &str, contents: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("guard-watch-{}-{name}", std::process::id()));
    std::fs::write(&path, contents).expect("writes the temp file");
    path
}

#[test]
fn guard_watch_replays_a_feed_history_and_reports_the_trip() {
    let history = temp_file(
        "history.csv",
        "timestamp,price\n1000,2000\n1600,2001\n2200,2002\n2800,2600\n3400,2003\n",
    );
    let output = Command::new(env!("CARGO_BIN_EXE_guard"))
        .args(["watch", "--replay"])
        .arg(&history)
        .output()
        .expect("guard runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 6, "{stdout}");
    assert!(lines[3].contains("\"trip\":true"), "{stdout}");
    assert!(lines[5].contains("\"trips\":1"), "{stdout}");
    let _ = std::fs::remove_file(history);
}

#[test]
fn guard_watch_refuses_a_band_out_of_range_naming_the_field() {
    let config = temp_file(
        "bad.toml",
        "state_file = \"s.json\"\npolicies = []\n[contracts]\nregistry = \"0x0000000000000000000000000000000000000001\"\noracle = \"0x0000000000000000000000000000000000000002\"\n[[markets]]\nname = \"ETH-USD\"\nalert_band_bps = 6000\n",
    );
    let output = Command::new(env!("CARGO_BIN_EXE_guard"))
        .args(["watch", "--rpc-url", "http://127.0.0.1:9", "--config"])
        .arg(&config)
        .output()
        .expect("guard runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("markets[0].alert_band_bps"), "{stderr}");
    let _ = std::fs::remove_file(config);
}
