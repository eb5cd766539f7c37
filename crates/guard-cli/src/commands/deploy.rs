//! `guard deploy`: deploys and wires the suite from a TOML config, against
//! the embedded devnet by default or any node with `--rpc-url`.

use std::{
    error::Error,
    path::{Path, PathBuf},
};

use alloy::{
    network::EthereumWallet,
    providers::{Provider, ProviderBuilder},
};
use clap::Args;
use guard_suite::suite::{deploy_suite, DeployedSuite, SuiteConfig};

/// Arguments of `guard deploy`.
#[derive(Debug, Args)]
pub struct DeployArgs {
    /// The node; without it the suite is deployed on a fresh embedded devnet (a dry run).
    #[arg(long)]
    rpc_url: Option<String>,
    /// The suite config (TOML).
    #[arg(long, default_value = "deploy/devnet.toml")]
    config: PathBuf,
    /// Where `<chain-id>.json` is written.
    #[arg(long, default_value = "deployments")]
    out: PathBuf,
    /// Deploy a new suite even if `<out>/<chain-id>.json` records a live one.
    #[arg(long)]
    force: bool,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

/// Deploys the suite. The key comes from `GUARD_PRIVATE_KEY` (never the
/// command line); on the dev chain id 412346 the well-known dev key is the
/// default.
///
/// # Errors
/// Bad config, a missing key, an existing deployment, or the step that failed.
pub fn run(args: &DeployArgs) -> Result<(), Box<dyn Error>> {
    let text = std::fs::read_to_string(&args.config)
        .map_err(|e| format!("cannot read the config {}: {e}", args.config.display()))?;
    let config: SuiteConfig =
        toml::from_str(&text).map_err(|e| format!("config {}: {e}", args.config.display()))?;
    guard_suite::suite::validate(&config)?;
    let node = super::Node::new(args.rpc_url.as_deref())?;
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(deploy(args, &config, &node.url, node.is_embedded()))
}

async fn deploy(
    args: &DeployArgs,
    config: &SuiteConfig,
    url: &str,
    embedded: bool,
) -> Result<(), Box<dyn Error>> {
    let reader = ProviderBuilder::new().connect_http(url.parse()?);
    let chain_id = super::chain_id(url).await?;
    let signer = super::deployer_key(chain_id)?;
    let deployer = signer.address();
    let provider = ProviderBuilder::new()
        .wallet(EthereumWallet::from(signer))
        .connect_http(url.parse()?);

    let record = args.out.join(format!("{chain_id}.json"));
    if !embedded && !args.force {
        refuse_if_live(&record, &reader).await?;
    }
    let suite = deploy_suite(&provider, deployer, config, |step| eprintln!("==> {step}"))
        .await
        .map_err(|e| format!("deployment stopped: {e} (contracts deployed before this step are live but not wired; redeploy with --force)"))?;
    if !embedded {
        std::fs::create_dir_all(&args.out)?;
        std::fs::write(&record, serde_json::to_string_pretty(&suite)? + "\n")?;
        eprintln!("==> wrote {}", record.display());
    }
    print(&suite, args.json)?;
    Ok(())
}

async fn refuse_if_live(record: &Path, reader: &impl Provider) -> Result<(), Box<dyn Error>> {
    let Ok(text) = std::fs::read_to_string(record) else {
        return Ok(());
    };
    let previous: DeployedSuite = serde_json::from_str(&text)?;
    for contract in &previous.contracts {
        if !reader.get_code_at(contract.address).await?.is_empty() {
            return Err(format!(
                "{} records a live suite ({} at {}); pass --force to deploy another",
                record.display(),
                contract.name,
                contract.address
            )
            .into());
        }
    }
    Ok(())
}

fn print(suite: &DeployedSuite, json: bool) -> Result<(), Box<dyn Error>> {
    if json {
        println!("{}", serde_json::to_string_pretty(suite)?);
        return Ok(());
    }
    println!("chain {}", suite.chain_id);
    for c in suite.contracts.iter().chain(&suite.mocks) {
        println!("{:<32} {}  codehash {}", c.name, c.address, c.codehash);
    }
    for (name, id) in &suite.markets {
        println!("market {name:<25} {id}");
    }
    println!(
        "pending: the timelock accepts the admin role of the oracle checker and the registry through its delay; \
         the council schedules acceptAdmin() on {:?}",
        suite.handover.0
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_dev_config_parses_and_validates() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/devnet.toml");
        let config: SuiteConfig = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        guard_suite::suite::validate(&config).unwrap();
        assert_eq!(config.markets[0].name, "ETH-USD");
    }

    #[test]
    fn unknown_config_fields_are_refused_by_name() {
        let err = toml::from_str::<SuiteConfig>("min_delay = 3600\nsequencer_feed = \"none\"\nmin_dlay = 1\n[multisig]\nowners = []\nthreshold = 1\nemergency_threshold = 1\nproposal_lifetime = 1\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("min_dlay"), "{err}");
    }
}
