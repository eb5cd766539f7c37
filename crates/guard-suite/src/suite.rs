//! Deploying and wiring the whole suite.
//!
//! Order and roles (`DESIGN.md`): the GuardianMultisig first; the
//! EmergencyTimelock with the multisig as proposer, canceller and emergency
//! guardian and open execution; the OracleSanityChecker and the
//! PauseRegistry with the deployer as their bootstrap admin and the
//! multisig as guardian. The deployer configures markets and sentinel keys,
//! then starts the admin transfer of both to the timelock. The transfer is
//! two-step: the timelock accepts through its own delay (the council
//! schedules `acceptAdmin` on both; [`DeployedSuite::handover`] is that
//! batch), so a deployment never hands out instant admin power.

use alloy::{
    network::{Ethereum, TransactionBuilder},
    primitives::{keccak256, Address, Bytes, B256, I256, U256},
    providers::Provider,
    rpc::types::TransactionRequest,
    sol_types::{SolCall, SolValue},
};
use serde::{Deserialize, Serialize};

use crate::{
    artifacts::{self, Artifact, ArtifactError},
    bindings::{IOracleSanityChecker, IPauseRegistry},
    solidity::{ArtifactSet, SolidityArtifact},
    stylus::{self, send, DeployError},
};

/// The suite's configuration (`--config FILE`, TOML).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SuiteConfig {
    /// The security council.
    pub multisig: MultisigConfig,
    /// The timelock's minimum delay in seconds (1 hour to 30 days).
    pub min_delay: u64,
    /// The Arbitrum sequencer uptime feed: an address, `"mock"` (a mock
    /// feed reporting "up since an hour before now"), or `"none"` on L1.
    pub sequencer_feed: String,
    /// Sentinel keys of the registry.
    #[serde(default)]
    pub sentinels: Vec<Address>,
    /// The markets.
    #[serde(default)]
    pub markets: Vec<MarketConfig>,
}

/// The multisig's owners and thresholds.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MultisigConfig {
    /// Owners (any order; the contract keeps them sorted).
    pub owners: Vec<Address>,
    /// Confirmations needed.
    pub threshold: u8,
    /// Confirmations needed for allowlisted risk-reducing calls.
    pub emergency_threshold: u8,
    /// Proposal lifetime in seconds.
    pub proposal_lifetime: u64,
}

/// One market.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MarketConfig {
    /// Its name, e.g. `"ETH-USD"`: the market id is its ASCII bytes,
    /// right-padded to 32 (at most 32 bytes).
    pub name: String,
    /// The Chainlink feed: an address, or `"mock:<price>"` (a mock 8-decimal
    /// feed answering `<price>` whole units, for dev chains).
    pub feed: String,
    /// Heartbeat in seconds.
    pub heartbeat: u32,
    /// Extra age past the heartbeat after which anyone may trip the breaker.
    pub stale_trip_after: u32,
    /// Lowest sane price, whole units.
    pub min_price: u64,
    /// Highest sane price, whole units.
    pub max_price: u64,
    /// Base deviation band, bps.
    pub base_band: u16,
    /// Band cap, bps.
    pub band_cap: u16,
    /// Volatility multiplier k, hundredths.
    pub volatility_multiplier: u16,
    /// EWMA half-life in recorded rounds.
    pub half_life: u16,
    /// Margin factor m, hundredths.
    pub margin_factor: u16,
    /// Margin multiplier cap, bps.
    pub margin_cap: u16,
    /// Sequencer-sensitive actions (default 0x66).
    #[serde(default = "default_sequencer_sensitive")]
    pub sequencer_sensitive: u16,
    /// Liquidation grace in seconds (default 3600).
    #[serde(default = "default_liquidation_grace")]
    pub liquidation_grace: u32,
}

fn default_sequencer_sensitive() -> u16 {
    guard_abi::action::DEFAULT_SEQUENCER_SENSITIVE
}

fn default_liquidation_grace() -> u32 {
    3_600
}

/// What was deployed, written to `deployments/<chain-id>.json`.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub struct DeployedSuite {
    /// The chain.
    pub chain_id: u64,
    /// The bootstrap admin (the deployer).
    pub deployer: Address,
    /// Each contract: name → (address, keccak256 of its deployed code).
    pub contracts: Vec<DeployedContract>,
    /// Mock feeds deployed for the config (dev chains).
    pub mocks: Vec<DeployedContract>,
    /// Market name → id.
    pub markets: Vec<(String, B256)>,
    /// The timelock batch the council schedules to complete the admin
    /// hand-over: `(targets, values, payloads)` calling `acceptAdmin()` on
    /// the oracle checker and the registry.
    pub handover: (Vec<Address>, Vec<U256>, Vec<Bytes>),
}

/// One deployed contract.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub struct DeployedContract {
    /// Its name.
    pub name: String,
    /// Its address.
    pub address: Address,
    /// keccak256 of its deployed code.
    pub codehash: B256,
}

impl DeployedSuite {
    /// The address of `name`, if deployed.
    pub fn address(&self, name: &str) -> Option<Address> {
        self.contracts
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.address)
    }
}

/// Why the suite could not be deployed; names the step.
#[derive(Debug, thiserror::Error)]
pub enum SuiteError {
    /// A config value is out of range.
    #[error("config: {0}")]
    Config(String),
    /// An artifact is missing or malformed.
    #[error(transparent)]
    Artifact(#[from] ArtifactError),
    /// A deployment or call failed.
    #[error("{step}: {source}")]
    Step {
        /// Which step.
        step: String,
        /// The cause.
        source: DeployError,
    },
}

fn step(name: impl Into<String>) -> impl FnOnce(DeployError) -> SuiteError {
    let step = name.into();
    move |source| SuiteError::Step { step, source }
}

/// The market id of `name`: its ASCII bytes right-padded to 32.
pub fn market_id(name: &str) -> Result<B256, SuiteError> {
    if name.is_empty() || name.len() > 32 || !name.is_ascii() {
        return Err(SuiteError::Config(format!(
            "market name {name:?} must be 1-32 ASCII bytes"
        )));
    }
    let mut id = [0u8; 32];
    id[..name.len()].copy_from_slice(name.as_bytes());
    Ok(B256::from(id))
}

/// Checks the config before anything is sent.
pub fn validate(config: &SuiteConfig) -> Result<(), SuiteError> {
    let m = &config.multisig;
    if m.owners.is_empty() || m.owners.len() > 20 {
        return Err(SuiteError::Config(
            "multisig.owners must list 1 to 20 owners".into(),
        ));
    }
    if m.threshold == 0 || usize::from(m.threshold) > m.owners.len() {
        return Err(SuiteError::Config(
            "multisig.threshold must be between 1 and the number of owners".into(),
        ));
    }
    if m.emergency_threshold == 0 || m.emergency_threshold > m.threshold {
        return Err(SuiteError::Config(
            "multisig.emergency_threshold must be between 1 and threshold".into(),
        ));
    }
    if !(3_600..=30 * 86_400).contains(&config.min_delay) {
        return Err(SuiteError::Config(
            "min_delay must be between 3600 and 2592000 seconds".into(),
        ));
    }
    for market in &config.markets {
        market_id(&market.name)?;
        parse_feed(&market.feed)
            .map_err(|e| SuiteError::Config(format!("markets.{}.feed: {e}", market.name)))?;
        if market.min_price >= market.max_price {
            return Err(SuiteError::Config(format!(
                "markets.{}: min_price must be below max_price",
                market.name
            )));
        }
    }
    match config.sequencer_feed.as_str() {
        "mock" | "none" => Ok(()),
        other => other.parse::<Address>().map(|_| ()).map_err(|_| {
            SuiteError::Config("sequencer_feed must be an address, \"mock\" or \"none\"".into())
        }),
    }
}

enum Feed {
    At(Address),
    Mock(u64),
}

fn parse_feed(feed: &str) -> Result<Feed, String> {
    if let Some(price) = feed.strip_prefix("mock:") {
        return price
            .parse()
            .map(Feed::Mock)
            .map_err(|_| format!("bad mock price {price:?}"));
    }
    feed.parse()
        .map(Feed::At)
        .map_err(|_| format!("{feed:?} is neither an address nor mock:<price>"))
}

fn whole(units: u64) -> U256 {
    U256::from(units) * U256::from(10u64).pow(U256::from(18u64))
}

async fn deploy_mock<P: Provider<Ethereum>>(
    provider: &P,
    name: &str,
    constructor_args: Vec<u8>,
) -> Result<DeployedContract, SuiteError> {
    let artifact = SolidityArtifact::from_set(ArtifactSet::Bench, name)?;
    let deployed = artifact
        .deploy(provider, &constructor_args)
        .await
        .map_err(step(format!("deploying {name}")))?;
    contract(provider, name, deployed.address).await
}

async fn contract<P: Provider<Ethereum>>(
    provider: &P,
    name: &str,
    address: Address,
) -> Result<DeployedContract, SuiteError> {
    let code = provider
        .get_code_at(address)
        .await
        .map_err(|source| SuiteError::Step {
            step: format!("reading the code of {name}"),
            source: DeployError::Rpc {
                step: "eth_getCode",
                source,
            },
        })?;
    Ok(DeployedContract {
        name: name.to_owned(),
        address,
        codehash: keccak256(&code),
    })
}

async fn stylus_contract<P: Provider<Ethereum>>(
    provider: &P,
    artifact: &Artifact,
    args: &[u8],
) -> Result<DeployedContract, SuiteError> {
    let deployed = stylus::deploy(provider, artifact, args, B256::ZERO)
        .await
        .map_err(step(format!("deploying {}", artifact.name)))?;
    contract(provider, &artifact.name, deployed.address).await
}

async fn call<P: Provider<Ethereum>>(
    provider: &P,
    to: Address,
    data: Vec<u8>,
    what: String,
) -> Result<(), SuiteError> {
    let tx = TransactionRequest::default().with_to(to).with_input(data);
    send(provider, tx, "transaction")
        .await
        .map(|_| ())
        .map_err(step(what))
}

/// Configures one market on the oracle checker (deploying a mock feed for
/// `mock:<price>`) and registers it on the registry.
async fn configure_market<P: Provider<Ethereum>>(
    provider: &P,
    oracle: Address,
    registry: Address,
    market: &MarketConfig,
) -> Result<(B256, Option<DeployedContract>), SuiteError> {
    let id = market_id(&market.name)?;
    let mut mock = None;
    let feed = match parse_feed(&market.feed).map_err(SuiteError::Config)? {
        Feed::At(address) => address,
        Feed::Mock(price) => {
            let now = latest_timestamp(provider).await;
            let answer = I256::try_from(u128::from(price) * 100_000_000).unwrap_or(I256::MAX);
            let args = (U256::from(8u8), answer, U256::from(now)).abi_encode_params();
            let feed = deploy_mock(provider, "MockAggregatorV3", args).await?;
            let address = feed.address;
            mock = Some(DeployedContract {
                name: format!("MockAggregatorV3 {}", market.name),
                ..feed
            });
            address
        }
    };
    let configure = IOracleSanityChecker::configureMarketCall {
        market: id,
        primary: feed,
        _reference: Address::ZERO,
        heartbeat: market.heartbeat,
        staleTripAfter: market.stale_trip_after,
        minPrice: whole(market.min_price),
        maxPrice: whole(market.max_price),
        baseBand: market.base_band,
        bandCap: market.band_cap,
        volatilityMultiplier: market.volatility_multiplier,
        halfLife: market.half_life,
        marginFactor: market.margin_factor,
        marginCap: market.margin_cap,
    };
    call(
        provider,
        oracle,
        configure.abi_encode(),
        format!("configuring {} on the oracle checker", market.name),
    )
    .await?;
    let register = IPauseRegistry::registerMarketCall {
        market: id,
        sequencerSensitive: market.sequencer_sensitive,
        liquidationGrace: market.liquidation_grace,
    };
    call(
        provider,
        registry,
        register.abi_encode(),
        format!("registering {}", market.name),
    )
    .await?;
    Ok((id, mock))
}

/// The latest block's timestamp (0 when unreadable: mock feeds then look stale).
async fn latest_timestamp<P: Provider<Ethereum>>(provider: &P) -> u64 {
    provider
        .get_block_by_number(alloy::eips::BlockNumberOrTag::Latest)
        .await
        .ok()
        .flatten()
        .map_or(0, |b| b.header.timestamp)
}

/// Deploys and wires the suite as `deployer` (the provider's signer),
/// reporting each step through `progress`.
#[allow(clippy::too_many_lines)] // One linear script: each step in order, each error named.
pub async fn deploy_suite<P: Provider<Ethereum>>(
    provider: &P,
    deployer: Address,
    config: &SuiteConfig,
    mut progress: impl FnMut(&str),
) -> Result<DeployedSuite, SuiteError> {
    validate(config)?;
    let chain_id = provider
        .get_chain_id()
        .await
        .map_err(|source| SuiteError::Step {
            step: "reading the chain id".into(),
            source: DeployError::Rpc {
                step: "eth_chainId",
                source,
            },
        })?;
    let load = |name: &str| artifacts::load_or_build(name);
    let (multisig_code, timelock_code, oracle_code, registry_code) = (
        load("guardian-multisig")?,
        load("emergency-timelock")?,
        load("oracle-sanity-checker")?,
        load("pause-registry")?,
    );
    let mut mocks = Vec::new();

    progress("deploying the GuardianMultisig");
    let m = &config.multisig;
    let args = (
        m.owners.clone(),
        U256::from(m.threshold),
        U256::from(m.emergency_threshold),
        U256::from(m.proposal_lifetime),
    )
        .abi_encode_params();
    let multisig = stylus_contract(provider, &multisig_code, &args).await?;

    progress("deploying the EmergencyTimelock");
    let args = (
        U256::from(config.min_delay),
        vec![multisig.address],
        vec![Address::ZERO],
        multisig.address,
    )
        .abi_encode_params();
    let timelock = stylus_contract(provider, &timelock_code, &args).await?;

    let sequencer = match config.sequencer_feed.as_str() {
        "none" => Address::ZERO,
        "mock" => {
            progress("deploying a mock sequencer uptime feed");
            let now = provider
                .get_block_by_number(alloy::eips::BlockNumberOrTag::Latest)
                .await
                .ok()
                .flatten()
                .map_or(0, |b| b.header.timestamp);
            let feed = deploy_mock(
                provider,
                "MockSequencerFeed",
                (I256::ZERO, U256::from(now.saturating_sub(3_600))).abi_encode_params(),
            )
            .await?;
            let address = feed.address;
            mocks.push(feed);
            address
        }
        address => address
            .parse()
            .map_err(|_| SuiteError::Config("sequencer_feed".into()))?,
    };

    progress("deploying the OracleSanityChecker");
    let oracle = stylus_contract(
        provider,
        &oracle_code,
        &(deployer, multisig.address, sequencer).abi_encode_params(),
    )
    .await?;

    progress("deploying the PauseRegistry");
    let registry = stylus_contract(
        provider,
        &registry_code,
        &(deployer, multisig.address, oracle.address).abi_encode_params(),
    )
    .await?;

    let mut markets = Vec::new();
    for market in &config.markets {
        progress(&format!("configuring market {}", market.name));
        let (id, mock) =
            configure_market(provider, oracle.address, registry.address, market).await?;
        mocks.extend(mock);
        markets.push((market.name.clone(), id));
    }
    for sentinel in &config.sentinels {
        progress(&format!("adding sentinel key {sentinel}"));
        let add = IPauseRegistry::setSentinelCall {
            sentinel: *sentinel,
            durationCap: 0,
        };
        call(
            provider,
            registry.address,
            add.abi_encode(),
            format!("adding sentinel {sentinel}"),
        )
        .await?;
    }

    progress("starting the admin transfer of the oracle checker and the registry to the timelock");
    let oracle_transfer = IOracleSanityChecker::transferAdminCall {
        newAdmin: timelock.address,
    }
    .abi_encode();
    call(
        provider,
        oracle.address,
        oracle_transfer,
        "transferring the oracle checker's admin".into(),
    )
    .await?;
    let registry_transfer = IPauseRegistry::transferAdminCall {
        newAdmin: timelock.address,
    }
    .abi_encode();
    call(
        provider,
        registry.address,
        registry_transfer,
        "transferring the registry's admin".into(),
    )
    .await?;
    let oracle_accept = Bytes::from(IOracleSanityChecker::acceptAdminCall {}.abi_encode());
    let registry_accept = Bytes::from(IPauseRegistry::acceptAdminCall {}.abi_encode());

    Ok(DeployedSuite {
        chain_id,
        deployer,
        contracts: vec![multisig, timelock, oracle.clone(), registry.clone()],
        mocks,
        markets,
        handover: (
            vec![oracle.address, registry.address],
            vec![U256::ZERO, U256::ZERO],
            vec![oracle_accept, registry_accept],
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A config like the committed `deploy/devnet.toml` (which the CLI's
    /// tests parse with `toml`).
    fn config() -> SuiteConfig {
        SuiteConfig {
            multisig: MultisigConfig {
                owners: vec![
                    Address::repeat_byte(2),
                    Address::repeat_byte(3),
                    Address::repeat_byte(4),
                ],
                threshold: 2,
                emergency_threshold: 1,
                proposal_lifetime: 86_400,
            },
            min_delay: 3_600,
            sequencer_feed: "mock".into(),
            sentinels: vec![],
            markets: vec![MarketConfig {
                name: "ETH-USD".into(),
                feed: "mock:2000".into(),
                heartbeat: 3_600,
                stale_trip_after: 3_600,
                min_price: 1,
                max_price: 1_000_000,
                base_band: 200,
                band_cap: 1_000,
                volatility_multiplier: 300,
                half_life: 10,
                margin_factor: 1_000,
                margin_cap: 30_000,
                sequencer_sensitive: default_sequencer_sensitive(),
                liquidation_grace: default_liquidation_grace(),
            }],
        }
    }

    #[test]
    fn market_ids_are_the_right_padded_ascii_name() {
        let id = market_id("ETH-USD").unwrap();
        assert_eq!(&id[..7], b"ETH-USD");
        assert!(id[7..].iter().all(|b| *b == 0));
        assert!(market_id("").is_err());
        assert!(market_id(&"X".repeat(33)).is_err());
    }

    #[test]
    fn validate_accepts_the_dev_config_and_names_each_bad_field() {
        assert!(validate(&config()).is_ok());
        let mut c = config();
        c.multisig.threshold = 4;
        assert!(validate(&c)
            .unwrap_err()
            .to_string()
            .contains("multisig.threshold"));
        let mut c = config();
        c.multisig.emergency_threshold = 3;
        assert!(validate(&c)
            .unwrap_err()
            .to_string()
            .contains("emergency_threshold"));
        let mut c = config();
        c.min_delay = 60;
        assert!(validate(&c).unwrap_err().to_string().contains("min_delay"));
        let mut c = config();
        c.markets[0].feed = "chainlink".into();
        assert!(validate(&c)
            .unwrap_err()
            .to_string()
            .contains("markets.ETH-USD.feed"));
        let mut c = config();
        c.sequencer_feed = "up".into();
        assert!(validate(&c)
            .unwrap_err()
            .to_string()
            .contains("sequencer_feed"));
    }
}
