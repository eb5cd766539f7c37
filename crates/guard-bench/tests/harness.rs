//! The benchmark harness itself: the probe against a target of known cost, and one full run on
//! the embedded devnet with every figure checked for sense (not for a value: goals are report
//! lines, not assertions).

use std::time::Duration;

use alloy::primitives::Bytes;
use guard_bench::{
    net::BenchNet,
    probe::Probe,
    report::{Figure, Verdict},
    BenchOptions,
};

/// Init code of `PUSH0 SLOAD POP STOP`: `PUSH4 5f545000; PUSH0; MSTORE; PUSH1 4; PUSH1 28;
/// RETURN`.
const SLOAD_TARGET_INITCODE: [u8; 13] = [
    0x63, 0x5f, 0x54, 0x50, 0x00, 0x5f, 0x52, 0x60, 0x04, 0x60, 0x1c, 0xf3, 0x00,
];

#[tokio::test(flavor = "multi_thread")]
async fn the_probe_measures_a_known_target_exactly_cold_and_warm() {
    let net = BenchNet::embedded().unwrap();
    let probe = Probe::deploy(&net).await.unwrap();
    let deployed = guard_suite::stylus::deploy_evm(net.provider(), SLOAD_TARGET_INITCODE.to_vec())
        .await
        .unwrap();
    assert_eq!(
        net.code(deployed.address).await.unwrap(),
        Bytes::from_static(&[0x5f, 0x54, 0x50, 0x00])
    );
    let reading = probe
        .measure(
            &net,
            deployed.address,
            &[Bytes::new(), Bytes::new(), Bytes::new()],
            "probe check",
        )
        .await
        .unwrap();
    // Cold: account 2,600 + PUSH0 2 + SLOAD 2,100 + POP 2; warm: 100 + 2 + 100 + 2.
    assert_eq!(reading.gas, vec![4_704, 204, 204]);
    assert!(reading.last_result.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn the_probe_names_a_reverting_call() {
    let net = BenchNet::embedded().unwrap();
    let probe = Probe::deploy(&net).await.unwrap();
    // INVALID at the first byte: every call fails.
    let deployed = guard_suite::stylus::deploy_evm(
        net.provider(),
        vec![0x60, 0xfe, 0x5f, 0x53, 0x60, 0x01, 0x5f, 0xf3],
    )
    .await
    .unwrap();
    let error = probe
        .measure(
            &net,
            deployed.address,
            &[Bytes::new()],
            "probing a failing call",
        )
        .await
        .unwrap_err();
    assert!(error.to_string().contains("call 0 reverted"), "{error}");
}

#[tokio::test(flavor = "multi_thread")]
async fn one_run_on_the_embedded_devnet_measures_every_path_with_sane_figures() {
    let options = BenchOptions {
        rpc_url: None,
        private_key: String::new(),
        throughput_budget: Duration::from_millis(200),
    };
    let report = guard_bench::run(&options, &|_| {}).await.unwrap();
    assert!(report.chain.profiles && report.chain.cache_control);

    let paths = [
        ("checkSettlement", "PauseRegistry"),
        ("checkSettlement", "SolidityGate"),
        ("settlementPrice", "PauseRegistry"),
        ("settlementPrice", "SolidityGate"),
        ("record", "OracleSanityChecker"),
        ("pause", "PauseRegistry"),
        ("pause", "SolidityGate"),
        ("tripBreaker", "OracleSanityChecker"),
        ("multisig 3-of-5", "GuardianMultisig"),
        ("multisig 3-of-5", "Safe"),
        ("multisig 3-of-5", "SafeL2"),
        ("timelock schedule", "EmergencyTimelock"),
        ("timelock schedule", "TimelockController"),
        ("timelock execute", "EmergencyTimelock"),
        ("timelock execute", "TimelockController"),
    ];
    for (path, system) in paths {
        let found: Vec<_> = report
            .measurements
            .iter()
            .filter(|m| m.path == path && m.system == system)
            .collect();
        let expected = if found.first().is_some_and(|m| m.side == "stylus") {
            2
        } else {
            1
        };
        assert_eq!(found.len(), expected, "{path} on {system}");
        for m in found {
            assert!(m.cold_gas > 0, "{path} on {system}");
            let tx = m
                .tx_gas
                .unwrap_or_else(|| panic!("{path} on {system}: no tx gas"));
            assert!(tx > 21_000, "{path} on {system}: {tx}");
            let floor = m
                .floor
                .unwrap_or_else(|| panic!("{path} on {system}: no floor"));
            assert!(
                floor.gas > 0 && floor.gas <= m.cold_gas,
                "{path} on {system}: {floor:?} vs {}",
                m.cold_gas
            );
            assert_eq!(
                m.profile.is_some(),
                m.side == "stylus",
                "{path} on {system}"
            );
        }
    }

    for m in report
        .measurements
        .iter()
        .filter(|m| m.path.starts_with("checkSettlement"))
    {
        assert_eq!(m.answer, "status 0 (OK)", "{} {}", m.system, m.variant);
        let warm = m.warm_gas.unwrap();
        assert!(warm < m.cold_gas, "warm {warm} < cold {}", m.cold_gas);
    }
    // Uncached entry costs more than cached, on the same state.
    let gate = |variant: &str| {
        report
            .measurements
            .iter()
            .find(|m| {
                m.path == "checkSettlement" && m.system == "PauseRegistry" && m.variant == variant
            })
            .unwrap()
    };
    assert!(gate("uncached").cold_gas > gate("cached").cold_gas);

    check_comparisons(&report);

    assert_eq!(
        report.sizes.iter().filter(|s| s.side == "stylus").count(),
        4
    );
    assert!(report.sizes.iter().all(|s| s.bytes > 0));
    assert!(report
        .sizes
        .iter()
        .filter(|s| s.side == "stylus")
        .all(|s| s.data_fee_wei.is_some()));
    assert_eq!(report.throughput.len(), 2);
    assert!(report
        .throughput
        .iter()
        .all(|t| t.checks > 0 && t.per_second > 0.0));

    let markdown = report.markdown();
    assert!(markdown.contains("## Goals (issue 10)"));
    assert!(markdown.contains("not Nitro"));
}

/// Ratios come from the measured figures; goals judge cached figures only.
#[allow(clippy::cast_precision_loss)] // gas figures are far below 2^52
fn check_comparisons(report: &guard_bench::report::BenchReport) {
    for c in &report.comparisons {
        let expected = c.stylus_gas as f64 / c.baseline_gas as f64;
        assert!((c.ratio - expected).abs() < 1e-12);
        assert_eq!(c.goal.is_some(), c.verdict.is_some());
        if c.stylus.contains("uncached") {
            assert!(c.goal.is_none());
        }
    }
    assert!(report
        .comparisons
        .iter()
        .any(|c| c.path == "checkSettlement" && c.figure == Figure::Warm && c.goal == Some(0.8)));
    assert!(report
        .comparisons
        .iter()
        .any(|c| matches!(c.verdict, Some(Verdict::Met | Verdict::Missed { .. }))));
}

#[tokio::test(flavor = "multi_thread")]
async fn over_rpc_the_same_paths_are_measured_without_the_devnet_meter() {
    // A node reached only through JSON-RPC (here the devnet's own server, which refuses
    // ArbWasmCache.cacheProgram like a node where the bench account has no cache rights).
    let devnet = stylus_devnet::Devnet::new().unwrap();
    let server = stylus_devnet::rpc::RpcServer::start(
        &devnet,
        std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
    )
    .unwrap();
    let options = BenchOptions {
        rpc_url: Some(server.url()),
        private_key: stylus_devnet::accounts::NITRO_DEV_KEY.to_string(),
        throughput_budget: Duration::from_millis(100),
    };
    let report = guard_bench::run(&options, &|_| {}).await.unwrap();
    assert_eq!(report.chain.kind, "rpc");
    assert!(!report.chain.profiles && !report.chain.cache_control);
    assert!(report.chain.constants.is_empty());
    assert!(report
        .measurements
        .iter()
        .all(|m| m.floor.is_none() && m.profile.is_none() && m.cold_gas > 0));
    assert!(report
        .measurements
        .iter()
        .filter(|m| m.side == "stylus")
        .all(|m| m.variant == "node"));
    // The devnet has time controls, so the timelock's execution is measured too.
    assert!(report
        .measurements
        .iter()
        .any(|m| m.path == "timelock execute" && m.system == "EmergencyTimelock"));
    assert_eq!(report.throughput.len(), 1);
    assert!(report.markdown().contains("Not available on this node"));
}
