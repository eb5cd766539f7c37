//! `guard bench`: measures deployed size and gas of the suite against the Solidity systems
//! users would pick instead, in one run on one chain, and writes the report (issue 10).

use clap::Args;
use guard_bench::{report::BenchReport, BenchOptions};
use std::{error::Error, path::PathBuf, time::Duration};
use stylus_devnet::{accounts::NITRO_DEV_KEY, config::NITRO_DEVNODE_CHAIN_ID};

/// Options of `guard bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// JSON-RPC URL of a node to measure on (e.g. a Nitro devnode); default: the embedded
    /// devnet, with host-call profiles, access counts and cached/uncached programs. The key
    /// comes from GUARD_PRIVATE_KEY (the well-known dev key on chain 412346 when unset).
    #[arg(long)]
    pub rpc_url: Option<String>,
    /// Write the report as JSON (stable schema) to this file.
    #[arg(long)]
    pub json: Option<PathBuf>,
    /// Write the report as Markdown to this file.
    #[arg(long)]
    pub markdown: Option<PathBuf>,
    /// Seconds each throughput loop runs.
    #[arg(long, default_value_t = 2.0)]
    pub throughput_seconds: f64,
}

/// Runs the benchmark, prints the Markdown report and writes the requested files.
///
/// # Errors
/// A failed step (named), an unusable key or URL, or an unwritable file.
pub fn run(args: &BenchArgs) -> Result<(), Box<dyn Error>> {
    if !(args.throughput_seconds > 0.0 && args.throughput_seconds <= 60.0) {
        return Err("--throughput-seconds must be in (0, 60]".into());
    }
    let runtime = tokio::runtime::Runtime::new()?;
    let report = runtime.block_on(bench(args))?;
    let markdown = report.markdown();
    println!("{markdown}");
    if let Some(path) = &args.markdown {
        std::fs::write(path, &markdown)?;
        eprintln!("==> wrote {}", path.display());
    }
    if let Some(path) = &args.json {
        std::fs::write(path, serde_json::to_string_pretty(&report)? + "\n")?;
        eprintln!("==> wrote {}", path.display());
    }
    Ok(())
}

async fn bench(args: &BenchArgs) -> Result<BenchReport, Box<dyn Error>> {
    let private_key = match std::env::var("GUARD_PRIVATE_KEY") {
        Ok(key) if !key.is_empty() => key,
        _ => {
            if let Some(url) = &args.rpc_url {
                let chain_id = super::chain_id(url).await?;
                if chain_id != NITRO_DEVNODE_CHAIN_ID {
                    return Err(format!(
                        "chain {chain_id} is not the Nitro devnode's ({NITRO_DEVNODE_CHAIN_ID}): set GUARD_PRIVATE_KEY to a funded key (it is never taken from the command line)"
                    )
                    .into());
                }
                eprintln!("using the well-known dev key (chain {NITRO_DEVNODE_CHAIN_ID}); set GUARD_PRIVATE_KEY for another");
            }
            NITRO_DEV_KEY.to_string()
        }
    };
    let options = BenchOptions {
        rpc_url: args.rpc_url.clone(),
        private_key,
        throughput_budget: Duration::from_secs_f64(args.throughput_seconds),
    };
    Ok(guard_bench::run(&options, &|step| eprintln!("==> {step}")).await?)
}
