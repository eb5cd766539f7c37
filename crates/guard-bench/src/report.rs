//! The benchmark's results: a stable JSON schema ([`BenchReport`], `bench/results.json`) and
//! its Markdown rendering (`bench/RESULTS.md`), with every Stylus figure as a ratio to its
//! Solidity counterpart and judged against the goals of issue 10.

use serde::{Deserialize, Serialize};

/// Version of the JSON schema; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// One benchmark run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenchReport {
    /// [`SCHEMA_VERSION`].
    pub schema: u32,
    /// Where it ran.
    pub chain: ChainInfo,
    /// Wall-clock seconds of the whole run (deployments included).
    pub duration_seconds: f64,
    /// Deployed sizes and activation fees.
    pub sizes: Vec<SizeRow>,
    /// Every measured path, per system and variant.
    pub measurements: Vec<Measurement>,
    /// Stylus figures against their Solidity counterparts.
    pub comparisons: Vec<Comparison>,
    /// Gate checks per second of the chain itself.
    pub throughput: Vec<Throughput>,
    /// What the figures mean and what was not measured, and why.
    pub notes: Vec<String>,
}

/// The chain a report was measured on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainInfo {
    /// `"embedded-devnet"` or `"rpc"`.
    pub kind: String,
    /// The node's URL (`None` for the embedded devnet).
    pub rpc_url: Option<String>,
    /// Its chain id.
    pub chain_id: u64,
    /// Whether host-call profiles and access counts come from the devnet's meter.
    pub profiles: bool,
    /// Whether the programs' cache marks were toggled (cached and uncached measured).
    pub cache_control: bool,
    /// The pricing constants the Stylus gas comes from (embedded devnet), with their sources.
    pub constants: Vec<Constant>,
}

/// One pricing constant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Constant {
    /// Its name in `stylus_evm::costs`.
    pub name: String,
    /// Its value.
    pub value: u64,
    /// The Nitro source it was taken from.
    pub source: String,
}

/// Met or missed, and by how much.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Verdict {
    /// Within the goal.
    Met,
    /// Over the goal.
    Missed {
        /// How far over, in the goal's unit (× for ratios, bytes for sizes).
        by: f64,
        /// How far over in absolute terms (gas or bytes) — what must be saved to meet it.
        excess: u64,
    },
}

impl Verdict {
    /// Judges `value` against `limit`; `excess` is the absolute amount over it.
    pub fn judge(value: f64, limit: f64, excess: u64) -> Self {
        if value <= limit {
            Verdict::Met
        } else {
            Verdict::Missed {
                by: value - limit,
                excess,
            }
        }
    }

    fn describe_ratio(self) -> String {
        match self {
            Verdict::Met => "met".into(),
            Verdict::Missed { by, excess } => format!("missed by {by:.2}× ({excess} gas)"),
        }
    }
}

/// A contract's deployed size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SizeRow {
    /// The contract.
    pub contract: String,
    /// `"stylus"` or `"solidity"`.
    pub side: String,
    /// Bytes of deployed code (compressed for Stylus).
    pub bytes: usize,
    /// The activation data fee in wei, as a decimal string (Stylus; `None` when the code was
    /// already active on the node).
    pub data_fee_wei: Option<String>,
    /// Against the 16 KiB goal (Stylus only).
    pub goal: Option<Verdict>,
    /// Against the 12 KiB stretch goal (Stylus only).
    pub stretch: Option<Verdict>,
}

/// Size goal of issue 10: 16 KiB.
pub const SIZE_GOAL_BYTES: usize = 16 * 1024;
/// Stretch size goal: 12 KiB.
pub const SIZE_STRETCH_BYTES: usize = 12 * 1024;

impl SizeRow {
    /// A Stylus contract's row, judged against both size goals.
    pub fn stylus(contract: &str, bytes: usize, data_fee_wei: Option<String>) -> Self {
        let judge = |limit: usize| {
            #[allow(clippy::cast_precision_loss)] // sizes are far below 2^52
            Verdict::judge(
                bytes as f64,
                limit as f64,
                bytes.saturating_sub(limit) as u64,
            )
        };
        Self {
            contract: contract.to_owned(),
            side: "stylus".into(),
            bytes,
            data_fee_wei,
            goal: Some(judge(SIZE_GOAL_BYTES)),
            stretch: Some(judge(SIZE_STRETCH_BYTES)),
        }
    }

    /// A Solidity contract's row (no goal).
    pub fn solidity(contract: &str, bytes: usize) -> Self {
        Self {
            contract: contract.to_owned(),
            side: "solidity".into(),
            bytes,
            data_fee_wei: None,
            goal: None,
            stretch: None,
        }
    }
}

/// One path measured on one system in one variant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measurement {
    /// The path, shared by both sides (e.g. `"checkSettlement"`).
    pub path: String,
    /// The system measured (e.g. `"PauseRegistry"`, `"SolidityGate"`, `"Safe"`).
    pub system: String,
    /// `"stylus"` or `"solidity"`.
    pub side: String,
    /// `"cached"` / `"uncached"` (Stylus on the devnet), `"node"` (Stylus on another node,
    /// its cache state as it is), `"evm"` (Solidity).
    pub variant: String,
    /// In-EVM gas of the first call in a transaction (cold target and slots).
    pub cold_gas: u64,
    /// In-EVM gas of the same call repeated in the same transaction (warm), where repeatable.
    pub warm_gas: Option<u64>,
    /// Gas of the transaction making the call directly.
    pub tx_gas: Option<u64>,
    /// Where `tx_gas` comes from: `"mined"` (a receipt) or `"simulated"` (the devnet ran the
    /// transaction from the role-holding probe as an `eth_call`; contracts cannot sign).
    pub tx_gas_source: Option<String>,
    /// What the call answered (checked: a gate must answer OK).
    pub answer: String,
    /// The access-gas floor of the cold call.
    pub floor: Option<Floor>,
    /// The Stylus meter's profile of the cold call.
    pub profile: Option<Profile>,
}

/// The access-gas floor: what the accounts and slots a call touched cost at least.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Floor {
    /// Cold accounts, the target included.
    pub cold_accounts: u64,
    /// Cold storage slots.
    pub cold_slots: u64,
    /// Slots set from zero.
    pub slots_set: u64,
    /// Slots changed from a non-zero value.
    pub slots_reset: u64,
    /// cold accounts × 2,600 + cold slots × 2,100 + sets × 20,000 + resets × 2,900.
    pub gas: u64,
    /// `gas` / the cold in-EVM gas.
    pub share_of_cold: f64,
}

/// The Stylus meter's profile of one call (all WASM frames).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// WASM program invocations.
    pub invocations: u64,
    /// Entry gas (init or cached init, plus the memory footprint).
    pub entry_gas: u64,
    /// Memory growth gas.
    pub memory_gas: u64,
    /// Ink of executed WASM instructions.
    pub opcode_ink: u64,
    /// Ink of host calls (EVM gas they bought included, times the ink price).
    pub hostio_ink: u64,
    /// Ink per gas.
    pub ink_price: u64,
    /// Per host call: count and ink, most expensive first.
    pub host_calls: Vec<HostCall>,
}

/// One host function's share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostCall {
    /// Its name (`vm_hooks` import).
    pub name: String,
    /// Calls.
    pub count: u64,
    /// Ink.
    pub ink: u64,
}

/// Which figure a comparison is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// In-EVM gas of the first (cold) call.
    Cold,
    /// In-EVM gas of a repeated (warm) call.
    Warm,
    /// Transaction gas.
    Transaction,
}

impl Figure {
    fn label(self) -> &'static str {
        match self {
            Figure::Cold => "in-EVM cold",
            Figure::Warm => "in-EVM warm",
            Figure::Transaction => "transaction",
        }
    }

    /// The figure of `measurement`, if it has one.
    pub fn of(self, measurement: &Measurement) -> Option<u64> {
        match self {
            Figure::Cold => Some(measurement.cold_gas),
            Figure::Warm => measurement.warm_gas,
            Figure::Transaction => measurement.tx_gas,
        }
    }
}

/// A Stylus figure against its Solidity counterpart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The path.
    pub path: String,
    /// The figure compared.
    pub figure: Figure,
    /// The Stylus system and variant.
    pub stylus: String,
    /// Its gas.
    pub stylus_gas: u64,
    /// The Solidity system.
    pub baseline: String,
    /// Its gas.
    pub baseline_gas: u64,
    /// `stylus_gas / baseline_gas`.
    pub ratio: f64,
    /// The goal (maximum ratio) from issue 10, where it sets one for this variant.
    pub goal: Option<f64>,
    /// Against the goal.
    pub verdict: Option<Verdict>,
}

/// `numerator / denominator` (0 when the denominator is 0).
#[allow(clippy::cast_precision_loss)] // gas figures are far below 2^52
pub fn ratio(numerator: u64, denominator: u64) -> f64 {
    if denominator == 0 {
        0.0
    } else {
        numerator as f64 / denominator as f64
    }
}

impl Comparison {
    /// Compares `stylus_gas` with `baseline_gas`, judging the ratio against `goal`.
    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    pub fn new(
        path: &str,
        figure: Figure,
        (stylus, stylus_gas): (&str, u64),
        (baseline, baseline_gas): (&str, u64),
        goal: Option<f64>,
    ) -> Self {
        let value = ratio(stylus_gas, baseline_gas);
        let verdict = goal.map(|goal| {
            let allowed = (goal * baseline_gas as f64).floor() as u64;
            Verdict::judge(value, goal, stylus_gas.saturating_sub(allowed))
        });
        Self {
            path: path.to_owned(),
            figure,
            stylus: stylus.to_owned(),
            stylus_gas,
            baseline: baseline.to_owned(),
            baseline_gas,
            ratio: value,
            goal,
            verdict,
        }
    }
}

/// Gate checks per second.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Throughput {
    /// `"rust-api"` or `"rpc"`.
    pub via: String,
    /// Checks made (each answered OK).
    pub checks: u64,
    /// Seconds they took.
    pub seconds: f64,
    /// `checks / seconds`.
    pub per_second: f64,
    /// `"release"` or `"debug"`: the build of the benchmark (and, for the Rust API and the
    /// embedded devnet's RPC, of the devnet) that made the checks.
    pub build: String,
}

fn gas(value: Option<u64>) -> String {
    value.map_or_else(|| "—".into(), |v| v.to_string())
}

impl BenchReport {
    /// The report as Markdown (`bench/RESULTS.md`).
    #[allow(clippy::too_many_lines)] // one linear document
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let push = |out: &mut String, line: &str| {
            out.push_str(line);
            out.push('\n');
        };
        push(
            &mut out,
            "# Benchmarks: Stylus Incident Guard vs the Solidity systems users would pick instead",
        );
        push(&mut out, "");
        push(&mut out, "Generated by `scripts/bench.sh` (`guard bench`); every figure below was measured in this one run, on one chain. Do not edit by hand.");
        push(&mut out, "");
        let chain = match &self.chain.rpc_url {
            None => format!(
                "the project's embedded devnet (chain id {}): **Stylus gas is stylus-evm's emulation of Nitro's ink pricing, not Nitro**; EVM gas is revm's (Prague rules). Real Nitro numbers come from running the same bench against a Nitro devnode: `scripts/bench.sh --rpc-url http://127.0.0.1:8547`.",
                self.chain.chain_id
            ),
            Some(url) => format!(
                "the node at `{url}` (chain id {}), over JSON-RPC: gas from the node's own execution (probe `eth_call`s and receipts). Host-call profiles and access counts come from the embedded devnet's meter and are not available here; the programs' cache state is the node's, not toggled.",
                self.chain.chain_id
            ),
        };
        push(&mut out, &format!("- Chain: {chain}"));
        push(
            &mut out,
            &format!(
                "- Full run (build excluded): {:.1} s.",
                self.duration_seconds
            ),
        );
        push(&mut out, "");

        push(&mut out, "## Goals (issue 10)");
        push(&mut out, "");
        push(
            &mut out,
            "| path | figure | Stylus | gas | Solidity | gas | ratio | goal | verdict |",
        );
        push(&mut out, "|---|---|---|---:|---|---:|---:|---:|---|");
        for c in &self.comparisons {
            push(
                &mut out,
                &format!(
                    "| {} | {} | {} | {} | {} | {} | {:.2}× | {} | {} |",
                    c.path,
                    c.figure.label(),
                    c.stylus,
                    c.stylus_gas,
                    c.baseline,
                    c.baseline_gas,
                    c.ratio,
                    c.goal.map_or_else(|| "—".into(), |g| format!("≤ {g:.1}×")),
                    c.verdict
                        .map_or_else(|| "reported".into(), Verdict::describe_ratio),
                ),
            );
        }
        push(&mut out, "");

        push(&mut out, "## Deployed size and activation");
        push(&mut out, "");
        push(&mut out, "| contract | side | deployed bytes | activation data fee (wei) | ≤ 16 KiB | ≤ 12 KiB (stretch) |");
        push(&mut out, "|---|---|---:|---:|---|---|");
        let size_verdict = |v: Option<Verdict>| match v {
            None => "—".to_owned(),
            Some(Verdict::Met) => "met".to_owned(),
            Some(Verdict::Missed { excess, .. }) => format!("missed by {excess} bytes"),
        };
        for s in &self.sizes {
            push(
                &mut out,
                &format!(
                    "| {} | {} | {} | {} | {} | {} |",
                    s.contract,
                    s.side,
                    s.bytes,
                    match (&s.data_fee_wei, s.side.as_str()) {
                        (Some(fee), _) => fee.clone(),
                        (None, "stylus") => "already active".into(),
                        (None, _) => "—".into(),
                    },
                    size_verdict(s.goal),
                    size_verdict(s.stretch),
                ),
            );
        }
        push(&mut out, "");
        push(&mut out, "Stylus: bytes of deployed code, `EF F0 00 00 ‖ brotli(wasm)` as cargo-stylus deploys it; Solidity: runtime bytecode (Safe: the singletons, which every proxy delegates to, and the proxies).");
        push(&mut out, "");

        push(&mut out, "## Every measurement");
        push(&mut out, "");
        push(&mut out, "| path | system | variant | in-EVM cold | in-EVM warm | transaction | access floor (accounts / slots / writes) | floor share of cold | answer |");
        push(&mut out, "|---|---|---|---:|---:|---:|---|---:|---|");
        for m in &self.measurements {
            let tx = match (&m.tx_gas, &m.tx_gas_source) {
                (Some(gas), Some(source)) if source != "mined" => format!("{gas} ({source})"),
                (value, _) => gas(*value),
            };
            let (floor, share) = m.floor.map_or_else(
                || ("—".to_owned(), "—".to_owned()),
                |f| {
                    (
                        format!(
                            "{} ({} / {} / {})",
                            f.gas,
                            f.cold_accounts,
                            f.cold_slots,
                            f.slots_set + f.slots_reset
                        ),
                        format!("{:.0} %", f.share_of_cold * 100.0),
                    )
                },
            );
            push(
                &mut out,
                &format!(
                    "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                    m.path,
                    m.system,
                    m.variant,
                    m.cold_gas,
                    gas(m.warm_gas),
                    tx,
                    floor,
                    share,
                    m.answer
                ),
            );
        }
        push(&mut out, "");

        let profiled: Vec<(&Measurement, &Profile)> = self
            .measurements
            .iter()
            .filter_map(|m| m.profile.as_ref().map(|p| (m, p)))
            .collect();
        push(
            &mut out,
            "## Stylus profile of the cold call (the devnet's meter)",
        );
        push(&mut out, "");
        if profiled.is_empty() {
            push(&mut out, "Not available on this node: host-call profiles come from the embedded devnet's meter (run without `--rpc-url`).");
        } else {
            push(&mut out, "| path | system | variant | programs entered | entry gas | memory gas | instruction ink | host-call ink | host calls (count × ink, costliest first) |");
            push(&mut out, "|---|---|---|---:|---:|---:|---:|---:|---|");
            for (m, p) in profiled {
                let calls: Vec<String> = p
                    .host_calls
                    .iter()
                    .take(6)
                    .map(|h| format!("{} {}×{}", h.name, h.count, h.ink))
                    .collect();
                push(
                    &mut out,
                    &format!(
                        "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                        m.path,
                        m.system,
                        m.variant,
                        p.invocations,
                        p.entry_gas,
                        p.memory_gas,
                        p.opcode_ink,
                        p.hostio_ink,
                        calls.join(", ")
                    ),
                );
            }
            push(&mut out, "");
            push(
                &mut out,
                &format!(
                    "Ink per gas: {}.",
                    self.chain
                        .constants
                        .iter()
                        .find(|c| c.name == "INK_PRICE")
                        .map_or(0, |c| c.value)
                ),
            );
        }
        push(&mut out, "");

        push(&mut out, "## Throughput of the chain");
        push(&mut out, "");
        push(
            &mut out,
            "| via | gate checks (`checkSettlement`, all OK) | seconds | checks / s | build |",
        );
        push(&mut out, "|---|---:|---:|---:|---|");
        for t in &self.throughput {
            push(
                &mut out,
                &format!(
                    "| {} | {} | {:.2} | {:.0} | {} |",
                    t.via, t.checks, t.seconds, t.per_second, t.build
                ),
            );
        }
        push(&mut out, "");

        push(&mut out, "## How it is measured");
        push(&mut out, "");
        for note in &self.notes {
            push(&mut out, &format!("- {note}"));
        }
        if !self.chain.constants.is_empty() {
            push(&mut out, "");
            push(
                &mut out,
                "Devnet constants the Stylus gas comes from (`crates/stylus-evm/src/costs.rs`):",
            );
            push(&mut out, "");
            push(&mut out, "| constant | value | Nitro source |");
            push(&mut out, "|---|---:|---|");
            for c in &self.chain.constants {
                push(
                    &mut out,
                    &format!("| `{}` | {} | {} |", c.name, c.value, c.source),
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_divides_and_is_zero_for_a_zero_baseline() {
        assert!((ratio(29_100, 29_100) - 1.0).abs() < f64::EPSILON);
        assert!((ratio(4_480, 5_600) - 0.8).abs() < 1e-12);
        assert!(ratio(1, 0).abs() < f64::EPSILON);
    }

    #[test]
    fn a_comparison_within_its_goal_is_met() {
        let c = Comparison::new(
            "checkSettlement",
            Figure::Warm,
            ("PauseRegistry (cached)", 4_000),
            ("SolidityGate", 5_600),
            Some(0.8),
        );
        assert!((c.ratio - 4_000.0 / 5_600.0).abs() < 1e-12);
        assert_eq!(c.verdict, Some(Verdict::Met));
    }

    #[test]
    fn a_missed_goal_says_by_how_much_in_ratio_and_gas() {
        let c = Comparison::new(
            "multisig 3-of-5",
            Figure::Transaction,
            ("GuardianMultisig (cached)", 80_000),
            ("SafeL2", 81_100),
            Some(0.8),
        );
        let Some(Verdict::Missed { by, excess }) = c.verdict else {
            panic!("80,000 is over 0.8 × 81,100");
        };
        assert!((by - (80_000.0 / 81_100.0 - 0.8)).abs() < 1e-12);
        // 0.8 × 81,100 = 64,880 allowed.
        assert_eq!(excess, 80_000 - 64_880);
    }

    #[test]
    fn a_comparison_without_a_goal_has_no_verdict() {
        let c = Comparison::new(
            "checkSettlement",
            Figure::Cold,
            ("PauseRegistry (uncached)", 50_000),
            ("SolidityGate", 29_100),
            None,
        );
        assert_eq!(c.verdict, None);
        assert!(c.ratio > 1.0);
    }

    #[test]
    fn sizes_are_judged_against_16_and_12_kib() {
        let row = SizeRow::stylus("PauseRegistry", 14_000, None);
        assert_eq!(row.goal, Some(Verdict::Met));
        assert_eq!(
            row.stretch,
            Some(Verdict::Missed {
                by: 14_000.0 - 12_288.0,
                excess: 14_000 - 12_288
            })
        );
        assert_eq!(SizeRow::solidity("Safe", 23_579).goal, None);
    }

    #[test]
    fn the_json_schema_round_trips() {
        let report = BenchReport {
            schema: SCHEMA_VERSION,
            chain: ChainInfo {
                kind: "embedded-devnet".into(),
                rpc_url: None,
                chain_id: 412_346,
                profiles: true,
                cache_control: true,
                constants: vec![],
            },
            duration_seconds: 1.5,
            sizes: vec![SizeRow::stylus("PauseRegistry", 20_000, Some("1".into()))],
            measurements: vec![],
            comparisons: vec![Comparison::new(
                "p",
                Figure::Cold,
                ("a", 2),
                ("b", 1),
                Some(1.0),
            )],
            throughput: vec![],
            notes: vec![],
        };
        let json = serde_json::to_string(&report).unwrap();
        assert!(json.contains("\"outcome\":\"missed\""));
        assert_eq!(serde_json::from_str::<BenchReport>(&json).unwrap(), report);
        assert!(report.markdown().contains(
            "| p | in-EVM cold | a | 2 | b | 1 | 2.00× | ≤ 1.0× | missed by 1.00× (1 gas) |"
        ));
    }
}
