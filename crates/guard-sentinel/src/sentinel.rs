//! The sentinel loop: follow blocks, evaluate the rules, act by policy.
//!
//! Each poll: every block from the state file's `next_block` to the head
//! is processed in order — its logs (vault withdrawals into the outflow
//! windows, admin events checked against the expected senders) and its
//! reverted calls — and `next_block` is saved after each, so a restart or
//! an RPC outage resumes exactly there and no block is skipped. Then the
//! state rules (markets, sequencer, vault positions) are evaluated once at
//! the head: a node keeps only recent state, so state is judged as it is
//! now, while logs are judged block by block (the outflow limit's base, the
//! collateral the vault holds, is also read at the head). Every observation goes
//! through the [`PolicyEngine`]; decisions become actions
//! ([`crate::action`]).

use std::{sync::Arc, time::Duration};

use alloy::{
    network::EthereumWallet,
    primitives::{Address, B256},
    providers::{Provider, ProviderBuilder},
    rpc::client::RpcClient,
    transports::http::reqwest::{self, Url},
};
use tokio::sync::watch;

use crate::{
    action::{plan, Executor},
    chain::{withdrawn_amount, ChainReader, Retry, Stopped},
    config::{market_id, ActionSpec, ConfigError, SentinelConfig, StartBlock},
    keys,
    metrics::Metrics,
    policy::PolicyEngine,
    rules::{access, oracle, vault},
    signal::Observation,
    state::{SentinelState, StateError},
};

/// Why the sentinel could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// A config field is wrong (checked against the chain too).
    #[error("config: {0}")]
    Config(#[from] ConfigError),
    /// The state file cannot be used.
    #[error(transparent)]
    State(#[from] StateError),
    /// Stopped before it started.
    #[error("stopped during start-up")]
    Stopped,
}

impl From<Stopped> for StartError {
    fn from(_: Stopped) -> Self {
        StartError::Stopped
    }
}

/// A resolved market: name, id, early-warning band.
#[derive(Clone, Debug)]
struct Market {
    name: String,
    id: B256,
    alert_band: Option<u16>,
}

/// The running sentinel.
#[derive(Debug)]
pub struct Sentinel {
    config: SentinelConfig,
    reader: ChainReader,
    retry: Retry,
    executor: Executor,
    engine: PolicyEngine,
    state: SentinelState,
    metrics: Arc<Metrics>,
    markets: Vec<Market>,
    watched: Vec<Address>,
    shutdown: watch::Receiver<bool>,
}

impl Sentinel {
    /// Connects to `rpc_url`, loads the key (unless `dry_run`), checks the
    /// config against the chain and resumes from the state file.
    ///
    /// # Errors
    /// A config field the chain contradicts, an unusable key or state file,
    /// or shutdown requested while the node was unreachable.
    pub async fn start(
        config: SentinelConfig,
        rpc_url: &str,
        dry_run: bool,
        metrics: Arc<Metrics>,
        shutdown: watch::Receiver<bool>,
    ) -> Result<Self, StartError> {
        config.validate(dry_run)?;
        let url: Url = rpc_url
            .parse()
            .map_err(|_| ConfigError::new("--rpc-url", format!("{rpc_url:?} is not a URL")))?;
        let timeout = Duration::from_millis(config.rpc_timeout_ms);
        let client = || http_client(&url, timeout);
        let reader_provider = ProviderBuilder::new().connect_client(client()).erased();
        let reader = ChainReader::new(
            reader_provider.clone(),
            config.contracts.oracle,
            config.contracts.registry,
        );
        let retry = Retry {
            timeout,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_millis(config.max_backoff_ms.max(200)),
            metrics: Arc::clone(&metrics),
            shutdown: shutdown.clone(),
        };
        let needs_key = config
            .policies
            .iter()
            .any(|p| p.actions.iter().any(ActionSpec::needs_key));
        let key = match (&config.key, needs_key && !dry_run) {
            (Some(source), true) => Some(keys::load(source)?),
            _ => None,
        };
        let chain_id = retry.run("eth_chainId", || reader.chain_id()).await?;
        let markets = resolve_markets(&config, &reader, &retry).await?;
        if let Some(key) = &key {
            check_sentinel_key(&config, &reader, &retry, key.address()).await?;
            tracing::info!(event = "start", sentinel = %key.address(), "sentinel key loaded");
        }
        let signer = key.map(|key| {
            ProviderBuilder::new()
                .wallet(EthereumWallet::from(key))
                .connect_client(client())
                .erased()
        });
        let state = if let Some(state) = SentinelState::load(&config.state_file, chain_id)? {
            tracing::info!(
                event = "start",
                next_block = state.next_block,
                "resuming from the state file"
            );
            state
        } else {
            let next_block = match config.start_block {
                StartBlock::Latest => retry.run("eth_blockNumber", || reader.head()).await?,
                StartBlock::Number(n) => n,
            };
            SentinelState {
                chain_id,
                next_block,
                ..SentinelState::default()
            }
        };
        let watched = watched_contracts(&config);
        let executor = Executor {
            signer,
            reader: reader_provider,
            chain_id,
            multisig: config.contracts.multisig,
            proposals_dir: config.proposals_dir.clone(),
            dry_run,
            receipt_timeout: timeout.saturating_mul(6),
            metrics: Arc::clone(&metrics),
            retry: retry.clone(),
        };
        let engine = PolicyEngine::new(config.policies.clone(), state.policies.clone());
        tracing::info!(
            event = "start",
            chain_id,
            next_block = state.next_block,
            dry_run,
            markets = markets.len(),
            vaults = config.vaults.len(),
            "sentinel started"
        );
        Ok(Self {
            config,
            reader,
            retry,
            executor,
            engine,
            state,
            metrics,
            markets,
            watched,
            shutdown,
        })
    }

    /// The next block to process.
    pub fn next_block(&self) -> u64 {
        self.state.next_block
    }

    /// Follows the chain until shutdown is requested.
    ///
    /// # Errors
    /// When the state file cannot be written.
    pub async fn run(&mut self) -> Result<(), StateError> {
        let poll = Duration::from_millis(self.config.poll_interval_ms);
        let mut shutdown = self.shutdown.clone();
        loop {
            match self.step().await {
                Ok(_) => {}
                Err(StepError::Stopped) => return Ok(()),
                Err(StepError::State(e)) => return Err(e),
            }
            tokio::select! {
                () = tokio::time::sleep(poll) => {}
                _ = shutdown.changed() => {}
            }
            if *shutdown.borrow() {
                return Ok(());
            }
        }
    }

    /// Processes every new block and evaluates the state rules at the head.
    /// `Ok(false)` when there was no new block.
    ///
    /// # Errors
    /// Shutdown while retrying, or the state file cannot be written.
    pub async fn step(&mut self) -> Result<bool, StepError> {
        let reader = self.reader.clone();
        let retry = self.retry.clone();
        let head = retry.run("eth_blockNumber", || reader.head()).await?;
        if head < self.state.next_block {
            return Ok(false);
        }
        let mut now = 0;
        for number in self.state.next_block..=head {
            now = self.process_block(number).await?;
            self.state.next_block = number + 1;
            self.state.policies = self.engine.state().clone();
            self.state.save(&self.config.state_file)?;
            self.metrics.block_processed(number);
        }
        let observations = self.evaluate_state(now).await?;
        self.handle(&observations, head, now).await;
        self.state.policies = self.engine.state().clone();
        self.state.save(&self.config.state_file)?;
        Ok(true)
    }

    /// The log-based rules of block `number`; returns its timestamp.
    async fn process_block(&mut self, number: u64) -> Result<u64, StepError> {
        let reader = self.reader.clone();
        let retry = self.retry.clone();
        let access = &self.config.access;
        let count_reverts = access.revert_burst_threshold > 0;
        let watched = self.watched.clone();
        let selectors = access.guarded_selectors.clone();
        let block = retry
            .run("block", || {
                reader.block(number, &watched, count_reverts, &selectors)
            })
            .await?;
        let mut observations = Vec::new();
        for log in &block.logs {
            let (Some(topic), Some(hash)) = (log.topic0(), log.transaction_hash) else {
                continue;
            };
            if let Some(event) = access::admin_event_name(*topic) {
                let sender = retry.run("sender", || reader.sender(hash)).await?;
                observations.push(access::admin_event_observation(
                    log.address(),
                    event,
                    sender,
                    &access.expected_senders,
                    number,
                    hash,
                ));
            }
        }
        for watch in &self.config.vaults {
            let window = self.state.outflows.entry(watch.name.clone()).or_default();
            for log in block.logs.iter().filter(|l| l.address() == watch.address) {
                if let Some(amount) = withdrawn_amount(log) {
                    window.push(block.timestamp, amount);
                }
            }
            if watch.outflow_limit_bps.is_some() {
                let outflow = window.total(block.timestamp, watch.outflow_window_secs);
                let held = retry
                    .run("vault holdings", || reader.vault_holdings(watch.address))
                    .await?;
                observations.extend(vault::outflow_observation(
                    watch,
                    outflow,
                    held,
                    block.timestamp,
                ));
            }
        }
        if count_reverts {
            self.state.reverts.push(number, block.reverted_calls);
            let total = self
                .state
                .reverts
                .total(number, access.revert_window_blocks);
            observations.push(access::revert_burst_observation(
                total,
                access.revert_burst_threshold,
                access.revert_window_blocks,
                number,
            ));
        }
        self.handle(&observations, number, block.timestamp).await;
        Ok(block.timestamp)
    }

    /// The state rules at block time `now`.
    async fn evaluate_state(&self, now: u64) -> Result<Vec<Observation>, StepError> {
        let reader = &self.reader;
        let retry = &self.retry;
        let mut observations = Vec::new();
        let mut prices = Vec::new();
        for market in &self.markets {
            let view = retry
                .run("market", || reader.market(market.id, now))
                .await?;
            let Some(view) = view else {
                tracing::error!(event = "market", market = %market.name, "no longer configured on the oracle checker");
                continue;
            };
            let (check, market_obs) =
                oracle::market_observations(&market.name, &view, market.alert_band);
            observations.extend(market_obs);
            prices.push((market.name.clone(), check.price));
        }
        if let Some((round, grace)) = retry.run("sequencer", || reader.sequencer()).await? {
            observations.extend(oracle::sequencer_observations(round.as_ref(), grace, now));
        }
        for watch in &self.config.vaults {
            let price = prices
                .iter()
                .find(|(name, _)| *name == watch.market)
                .map_or(0, |(_, p)| *p);
            if price == 0 {
                continue; // No price to value positions at.
            }
            let view = retry
                .run("vault", || {
                    reader.vault(watch.address, price, watch.max_positions)
                })
                .await?;
            observations.extend(vault::health_observations(watch, &view));
        }
        Ok(observations)
    }

    /// Logs and counts active signals, feeds every observation to the
    /// policies and executes their decisions.
    async fn handle(&mut self, observations: &[Observation], block: u64, now: u64) {
        for observation in observations {
            if let Some(measured) = &observation.measured {
                self.metrics.signal(observation.kind.name());
                tracing::info!(
                    event = "signal",
                    signal = observation.kind.name(),
                    subject = %observation.subject,
                    measured = %serde_json::Value::Object(measured.clone()),
                    block,
                    "signal"
                );
            }
            for decision in self.engine.observe(observation, now) {
                let market = observation
                    .market
                    .as_deref()
                    .and_then(|name| self.market_id(name));
                let scope = |scope: Option<&str>| match scope {
                    Some("global") => Some(B256::ZERO),
                    Some(name) => self.market_id(name),
                    None => market,
                };
                let policy = &self.config.policies[decision.policy];
                for spec in &policy.actions {
                    let Some(planned) =
                        plan(spec, &decision, &self.config.contracts, market, scope)
                    else {
                        tracing::error!(event = "action", action = spec.name(), subject = %observation.subject, "no market to act on");
                        continue;
                    };
                    self.executor.execute(&planned, &decision, block).await;
                }
            }
        }
    }

    fn market_id(&self, name: &str) -> Option<B256> {
        self.markets.iter().find(|m| m.name == name).map(|m| m.id)
    }
}

/// The contracts whose logs and reverted calls are watched: the guard's,
/// the vaults and any extra ones.
fn watched_contracts(config: &SentinelConfig) -> Vec<Address> {
    let mut watched = vec![config.contracts.registry, config.contracts.oracle];
    watched.extend(config.contracts.multisig);
    watched.extend(config.contracts.timelock);
    watched.extend(config.vaults.iter().map(|v| v.address));
    watched.extend(config.access.extra_contracts.iter().copied());
    watched.sort();
    watched.dedup();
    watched
}

/// An HTTP JSON-RPC client with a per-request timeout and no idle
/// connection pool: after a node restart every request opens a fresh
/// connection instead of waiting on one the old process left behind.
fn http_client(url: &Url, timeout: Duration) -> RpcClient {
    let client = reqwest::Client::builder()
        .timeout(timeout)
        .pool_max_idle_per_host(0)
        .build()
        .unwrap_or_default();
    RpcClient::new_http_with_client(client, url.clone())
}

/// Why a step stopped.
#[derive(Debug, thiserror::Error)]
pub enum StepError {
    /// Shutdown was requested.
    #[error("stopped")]
    Stopped,
    /// The state file cannot be written.
    #[error(transparent)]
    State(#[from] StateError),
}

impl From<Stopped> for StepError {
    fn from(_: Stopped) -> Self {
        StepError::Stopped
    }
}

async fn resolve_markets(
    config: &SentinelConfig,
    reader: &ChainReader,
    retry: &Retry,
) -> Result<Vec<Market>, StartError> {
    let mut markets = Vec::new();
    for (i, m) in config.markets.iter().enumerate() {
        let field = format!("markets[{i}].name");
        let id = market_id(&m.name).map_err(|e| ConfigError::new(&field, e))?;
        let (configured, registered) = retry.run("market", || reader.market_known(id)).await?;
        if !configured {
            return Err(ConfigError::new(
                field,
                format!(
                    "unknown market {:?}: not configured on the oracle checker at {}",
                    m.name, config.contracts.oracle
                ),
            )
            .into());
        }
        if !registered {
            return Err(ConfigError::new(
                field,
                format!(
                    "unknown market {:?}: not registered on the registry at {}",
                    m.name, config.contracts.registry
                ),
            )
            .into());
        }
        markets.push(Market {
            name: m.name.clone(),
            id,
            alert_band: m.alert_band_bps,
        });
    }
    Ok(markets)
}

/// A key that pauses or declares incidents must be a registry sentinel, and
/// its pauses within its cap.
async fn check_sentinel_key(
    config: &SentinelConfig,
    reader: &ChainReader,
    retry: &Retry,
    key: Address,
) -> Result<(), StartError> {
    let privileged = config.policies.iter().any(|p| {
        p.actions
            .iter()
            .any(|a| matches!(a, ActionSpec::Pause { .. } | ActionSpec::DeclareIncident))
    });
    if !privileged {
        return Ok(());
    }
    let cap = retry.run("sentinel", || reader.sentinel_cap(key)).await?;
    if cap == 0 {
        return Err(ConfigError::new(
            "key",
            format!(
                "{key} is not a sentinel key of the registry at {} (pause and declare_incident need one)",
                config.contracts.registry
            ),
        )
        .into());
    }
    for (i, policy) in config.policies.iter().enumerate() {
        for (j, action) in policy.actions.iter().enumerate() {
            if let ActionSpec::Pause { duration_secs, .. } = action {
                if *duration_secs > cap {
                    return Err(ConfigError::new(
                        format!("policies[{i}].actions[{j}].duration_secs"),
                        format!("{duration_secs} s is above the key's cap of {cap} s"),
                    )
                    .into());
                }
            }
        }
    }
    Ok(())
}
