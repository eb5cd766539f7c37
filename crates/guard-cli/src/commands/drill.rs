//! `guard drill`: deploys the suite and the example vault on the embedded
//! devnet (or the node at `--rpc-url`) and plays an incident from detection
//! to resolution (`guard_suite::drill`), printing each step as it happens,
//! then a summary table. Exits non-zero unless every step happened as
//! expected.

use std::error::Error;

use clap::Args;
use guard_suite::{
    drill::{self, report::timeline_line},
    world::WorldConfig,
};

use super::deployer_key;

/// Arguments of `guard drill`.
#[derive(Debug, Args)]
pub struct DrillArgs {
    /// A node with `evm_increaseTime` (anvil-like); without it the drill runs on a fresh embedded devnet.
    #[arg(long)]
    rpc_url: Option<String>,
    /// Print the report (steps, summary, verdict) as JSON on stdout; progress goes to stderr.
    #[arg(long)]
    json: bool,
}

/// Runs the drill.
///
/// # Errors
/// A deployment failure, a node without time controls, or a drill whose
/// steps did not all happen as expected.
pub fn run(args: &DrillArgs) -> Result<(), Box<dyn Error>> {
    let node = super::Node::new(args.rpc_url.as_deref())?;
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(drill(&node.url, args.json))
}

async fn drill(url: &str, json: bool) -> Result<(), Box<dyn Error>> {
    let chain_id = super::chain_id(url).await?;
    let config = WorldConfig::dev(deployer_key(chain_id)?)?;
    let mut start = None;
    let report = drill::run(
        url,
        &config,
        |step| eprintln!("==> {step}"),
        |step| {
            let line = timeline_line(step, *start.get_or_insert(step.time));
            if json {
                eprintln!("{line}");
            } else {
                println!("{line}");
            }
        },
    )
    .await?;
    if json {
        let out = serde_json::json!({
            "passed": report.passed(),
            "chain_id": report.chain_id,
            "summary": report.summary(),
            "steps": report.steps,
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        println!();
        print!("{}", report.summary_table());
    }
    if report.passed() {
        Ok(())
    } else {
        let mismatches: Vec<String> = report
            .mismatches()
            .map(|s| {
                format!(
                    "[{}] {} {}: expected {}, observed {}",
                    s.phase, s.actor, s.action, s.expected, s.observed
                )
            })
            .collect();
        Err(format!(
            "the drill failed: {} of {} steps differ from their expectation:\n  {}",
            mismatches.len(),
            report.steps.len(),
            mismatches.join("\n  ")
        )
        .into())
    }
}
