//! `guard watch`: the off-chain sentinel (see the `guard-sentinel` crate).
//!
//! - `guard watch --rpc-url URL --config sentinel.toml [--dry-run]` follows
//!   the chain and acts by policy; structured JSON-line logs on stdout,
//!   `/metrics` where the config says;
//! - `guard watch --replay FILE` runs the detector over a recorded feed
//!   history (`timestamp,price[,updated_at]`) and prints one JSON line per
//!   evaluation;
//! - `guard watch --replay-report OUT [--seed N] [--paths N]` measures
//!   detection quality over generated paths and writes the Markdown report.

use std::{error::Error, path::PathBuf, sync::Arc};

use clap::Args;
use guard_sentinel::{
    metrics,
    replay::{
        detector::{BandMode, MarketParams},
        file, report,
    },
    Metrics, Sentinel, SentinelConfig,
};

/// Arguments of `guard watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// The node's JSON-RPC URL.
    #[arg(long, required_unless_present_any = ["replay", "replay_report"])]
    rpc_url: Option<String>,
    /// The sentinel config (TOML).
    #[arg(long, required_unless_present_any = ["replay", "replay_report"])]
    config: Option<PathBuf>,
    /// Log what would be done; send nothing, write no proposal.
    #[arg(long)]
    dry_run: bool,
    /// Replay a recorded feed history (`timestamp,price[,updated_at]` lines) through the detector.
    #[arg(long, conflicts_with_all = ["rpc_url", "replay_report"])]
    replay: Option<PathBuf>,
    /// With --replay: a fixed band in bps instead of the σ-scaled one.
    #[arg(long, requires = "replay")]
    fixed_band: Option<u16>,
    /// Measure detection quality over generated paths and write the Markdown report here.
    #[arg(long, conflicts_with = "rpc_url")]
    replay_report: Option<PathBuf>,
    /// With --replay-report: the seed (printed in the report).
    #[arg(long, default_value_t = 20_261_125)]
    seed: u64,
    /// With --replay-report: paths per scenario.
    #[arg(long, default_value_t = 1_000)]
    paths: usize,
    /// Market parameters of a replay (the oracle checker's config fields).
    #[command(flatten)]
    market: ReplayMarket,
}

/// The market a replay simulates (defaults: `deploy/devnet.toml`).
#[derive(Debug, Args)]
struct ReplayMarket {
    /// Heartbeat, seconds.
    #[arg(long, default_value_t = 3_600)]
    heartbeat: u32,
    /// Extra age past the heartbeat before staleness trips, seconds.
    #[arg(long, default_value_t = 3_600)]
    stale_trip_after: u32,
    /// Base band, bps.
    #[arg(long, default_value_t = 200)]
    base_band: u16,
    /// Band cap, bps.
    #[arg(long, default_value_t = 1_000)]
    band_cap: u16,
    /// Volatility multiplier k, hundredths.
    #[arg(long, default_value_t = 300)]
    volatility_multiplier: u16,
    /// EWMA half-life, recorded rounds.
    #[arg(long, default_value_t = 10)]
    half_life: u16,
}

/// Runs `guard watch`.
///
/// # Errors
/// Bad config (naming the field), an unreadable file, or a state file that cannot be written.
pub fn run(args: &WatchArgs) -> Result<(), Box<dyn Error>> {
    if let Some(path) = &args.replay {
        return replay_file(args, path);
    }
    if let Some(out) = &args.replay_report {
        return replay_report(args, out);
    }
    let (Some(rpc_url), Some(config_path)) = (&args.rpc_url, &args.config) else {
        return Err("--rpc-url and --config are required".into());
    };
    let text = std::fs::read_to_string(config_path)
        .map_err(|e| format!("cannot read the config {}: {e}", config_path.display()))?;
    let config = SentinelConfig::from_toml(&text, args.dry_run)
        .map_err(|e| format!("config {}: {e}", config_path.display()))?;
    tracing_subscriber::fmt()
        .json()
        .flatten_event(true)
        .with_current_span(false)
        .with_writer(std::io::stdout)
        .init();
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(watch(config, rpc_url, args.dry_run))
}

async fn watch(config: SentinelConfig, rpc_url: &str, dry_run: bool) -> Result<(), Box<dyn Error>> {
    let metrics = Arc::new(Metrics::default());
    let _server = match config.metrics_listen {
        Some(address) => {
            let (bound, task) = metrics::serve(address, Arc::clone(&metrics))
                .await
                .map_err(|e| format!("metrics_listen {address}: {e}"))?;
            tracing::info!(event = "start", metrics = %format!("http://{bound}/metrics"), "serving metrics");
            Some(task)
        }
        None => None,
    };
    let (stop, shutdown) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            let _ = stop.send(true);
        }
    });
    let mut sentinel = Sentinel::start(config, rpc_url, dry_run, metrics, shutdown).await?;
    sentinel.run().await?;
    tracing::info!(
        event = "stop",
        next_block = sentinel.next_block(),
        "stopped"
    );
    Ok(())
}

fn params(market: &ReplayMarket) -> MarketParams {
    MarketParams {
        heartbeat: market.heartbeat,
        stale_trip_after: market.stale_trip_after,
        base_band: market.base_band,
        band_cap: market.band_cap,
        volatility_multiplier: market.volatility_multiplier,
        half_life: market.half_life,
    }
}

fn replay_file(args: &WatchArgs, path: &std::path::Path) -> Result<(), Box<dyn Error>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let ticks = file::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let mode = args.fixed_band.map_or(BandMode::Scaled, BandMode::Fixed);
    for line in file::replay(&ticks, params(&args.market), mode) {
        println!("{line}");
    }
    Ok(())
}

fn replay_report(args: &WatchArgs, out: &std::path::Path) -> Result<(), Box<dyn Error>> {
    let mut plan = report::ReportPlan::standard(args.seed, args.paths);
    plan.params = params(&args.market);
    eprintln!(
        "seed {} — {} scenarios × {} paths × {} bands",
        plan.seed,
        plan.scenarios.len(),
        plan.paths,
        plan.modes.len()
    );
    let results = report::run(&plan);
    let sweep = report::sweep(&plan);
    let command = format!(
        "guard watch --replay-report {} --seed {} --paths {}",
        out.display(),
        plan.seed,
        plan.paths
    );
    std::fs::write(out, report::render(&plan, &results, &sweep, &command))
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    eprintln!("wrote {} (seed {})", out.display(), plan.seed);
    Ok(())
}
