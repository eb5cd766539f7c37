//! A deployed, wired world for end-to-end scenarios and the drill.
//!
//! [`World::deploy`] deploys the suite with [`deploy_suite`] (mock primary
//! and sequencer feeds on dev chains), completes the admin hand-over
//! through the timelock — the council signs `scheduleBatch` of the recorded
//! `acceptAdmin` batch, time moves by the minimum delay, anyone executes —
//! seeds the oracle's EWMA with a first recorded round, and deploys the
//! example `DerivativeVault` on the gate with a mock collateral token and a
//! funded insurance fund. Then it gives scenarios the handles they drive:
//! the feeds, the council, the timelock, the clock, funded traders.
//!
//! Everything goes through JSON-RPC, so a world stands on the embedded
//! devnet and on any node (`RPC_URL`); only moving time needs the node's
//! `evm_increaseTime` ([`Clock`]). Without it the hand-over stays pending
//! (the deployer remains admin) and [`World::handed_over`] says so.

pub mod actor;
pub mod clock;
pub mod council;
pub mod decode;

use alloy::{
    network::TransactionBuilder,
    primitives::{Address, B256, I256, U256},
    providers::{Provider, ProviderBuilder},
    rpc::types::{TransactionReceipt, TransactionRequest},
    signers::local::PrivateKeySigner,
    sol_types::{SolCall, SolValue},
    transports::http::reqwest::Url,
};

pub use actor::Actor;
pub use clock::Clock;
pub use council::{Council, Operation};

use crate::{
    artifacts::repo_root,
    bindings::{
        DerivativeVault, IEmergencyTimelock, IOracleSanityChecker, IPauseRegistry,
        MockAggregatorV3, MockERC20, MockSequencerFeed,
    },
    solidity::{ArtifactSet, SolidityArtifact},
    stylus::DeployError,
    suite::{deploy_suite, DeployedSuite, SuiteConfig, SuiteError},
};

/// Decimals of the mock primary feed `deploy_suite` deploys.
pub const FEED_DECIMALS: u32 = 8;

/// One whole unit (price, size or collateral) with 18 decimals.
pub fn units(whole: u64) -> U256 {
    U256::from(whole) * U256::from(10u64).pow(U256::from(18u64))
}

/// Why a world could not be built or driven; names the step.
#[derive(Debug, thiserror::Error)]
pub enum WorldError {
    /// The configuration is unusable.
    #[error("config: {0}")]
    Config(String),
    /// Deploying the suite failed.
    #[error(transparent)]
    Suite(#[from] SuiteError),
    /// A deployment failed.
    #[error("{step}: {source}")]
    Deploy {
        /// Which step.
        step: String,
        /// The cause.
        source: DeployError,
    },
    /// A transaction or call was refused; `error` is the named revert.
    #[error("{step}: {error}")]
    Refused {
        /// Which step.
        step: String,
        /// The named error (see [`decode::describe_revert`]).
        error: String,
    },
    /// The node failed a request.
    #[error("{step}: {detail}")]
    Rpc {
        /// Which step.
        step: String,
        /// The node's answer.
        detail: String,
    },
    /// The node cannot move time.
    #[error("time controls unavailable: {0}")]
    NoTimeControls(String),
    /// A key could not sign.
    #[error("signing: {0}")]
    Signing(String),
}

/// The example vault's parameters (its constructor).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VaultParams {
    /// Seconds each settlement is held before it may be finalized.
    pub finality_delay: u64,
    /// Initial margin, bps of the notional (before the multiplier).
    pub initial_margin_bps: u16,
    /// Maintenance margin, bps of the notional (before the multiplier).
    pub maintenance_margin_bps: u16,
    /// The liquidator's reward, bps of the notional.
    pub liquidation_reward_bps: u16,
    /// Collateral (whole units) the deployer puts in the insurance fund.
    pub insurance_fund: u64,
}

impl Default for VaultParams {
    /// A 2-hour finality delay (longer than the registry's default 1-hour
    /// incident look-back), 10 % initial and 5 % maintenance margin, a 1 %
    /// liquidation reward and a 1,000,000-unit insurance fund.
    fn default() -> Self {
        VaultParams {
            finality_delay: 2 * 3_600,
            initial_margin_bps: 1_000,
            maintenance_margin_bps: 500,
            liquidation_reward_bps: 100,
            insurance_fund: 1_000_000,
        }
    }
}

/// What a world is made of.
#[derive(Clone, Debug)]
pub struct WorldConfig {
    /// The suite (its first market is the vault's).
    pub suite: SuiteConfig,
    /// The council's keys (their addresses must be `suite.multisig.owners`).
    pub owner_keys: Vec<PrivateKeySigner>,
    /// The sentinel key (its address must be in `suite.sentinels`).
    pub sentinel_key: PrivateKeySigner,
    /// The deployer: bootstrap admin, funder of every other actor.
    pub deployer_key: PrivateKeySigner,
    /// The vault.
    pub vault: VaultParams,
}

impl WorldConfig {
    /// The committed `deploy/devnet.toml` with its public test keys
    /// (sentinel `0x…01`, council `0x…02`–`0x…04`), deployed by
    /// `deployer_key` (on a dev chain, its funded dev key).
    ///
    /// # Errors
    /// [`WorldError::Config`] when the file is missing or malformed.
    pub fn dev(deployer_key: PrivateKeySigner) -> Result<WorldConfig, WorldError> {
        let path = repo_root().join("deploy/devnet.toml");
        let text = std::fs::read_to_string(&path)
            .map_err(|e| WorldError::Config(format!("{}: {e}", path.display())))?;
        let suite: SuiteConfig = toml::from_str(&text)
            .map_err(|e| WorldError::Config(format!("{}: {e}", path.display())))?;
        Ok(WorldConfig {
            suite,
            owner_keys: (2..=4).map(actor::small_key).collect(),
            sentinel_key: actor::small_key(1),
            deployer_key,
            vault: VaultParams::default(),
        })
    }

    fn validate(&self) -> Result<(), WorldError> {
        let mut keys: Vec<Address> = self
            .owner_keys
            .iter()
            .map(PrivateKeySigner::address)
            .collect();
        let mut owners = self.suite.multisig.owners.clone();
        keys.sort();
        owners.sort();
        if keys != owners {
            return Err(WorldError::Config(
                "owner_keys must be the keys of multisig.owners".into(),
            ));
        }
        if !self.suite.sentinels.contains(&self.sentinel_key.address()) {
            return Err(WorldError::Config(
                "sentinel_key must be one of the sentinels".into(),
            ));
        }
        if self.suite.markets.is_empty() || !self.suite.markets[0].feed.starts_with("mock:") {
            return Err(WorldError::Config(
                "the first market needs a mock feed (\"mock:<price>\") the world can drive".into(),
            ));
        }
        if self.suite.sequencer_feed != "mock" {
            return Err(WorldError::Config(
                "sequencer_feed must be \"mock\" so the world can drive it".into(),
            ));
        }
        Ok(())
    }
}

/// The deployed contracts a world drives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Contracts {
    /// The GuardianMultisig.
    pub multisig: Address,
    /// The EmergencyTimelock.
    pub timelock: Address,
    /// The OracleSanityChecker.
    pub oracle: Address,
    /// The PauseRegistry (the vault's gate).
    pub registry: Address,
    /// The mock primary feed of the market.
    pub feed: Address,
    /// The mock sequencer uptime feed.
    pub sequencer_feed: Address,
    /// The example vault.
    pub vault: Address,
    /// The vault's collateral token.
    pub collateral: Address,
}

impl Contracts {
    /// The suite's contracts and mock feeds as `deploy_suite` recorded them
    /// (the vault and its token are not deployed yet: zero).
    fn of(suite: &DeployedSuite, market: &str) -> Result<Contracts, WorldError> {
        let contract = |name: &str| {
            suite
                .address(name)
                .ok_or_else(|| WorldError::Config(format!("the suite has no {name}")))
        };
        let mock = |name: &str| {
            suite
                .mocks
                .iter()
                .find(|m| m.name == name)
                .map(|m| m.address)
                .ok_or_else(|| WorldError::Config(format!("the suite deployed no {name}")))
        };
        Ok(Contracts {
            multisig: contract("guardian-multisig")?,
            timelock: contract("emergency-timelock")?,
            oracle: contract("oracle-sanity-checker")?,
            registry: contract("pause-registry")?,
            feed: mock(&format!("MockAggregatorV3 {market}"))?,
            sequencer_feed: mock("MockSequencerFeed")?,
            vault: Address::ZERO,
            collateral: Address::ZERO,
        })
    }
}

/// A deployed, wired suite with the example vault on it.
#[derive(Clone, Debug)]
pub struct World {
    /// The node.
    pub url: Url,
    /// Its chain id.
    pub chain_id: u64,
    /// What `deploy_suite` recorded.
    pub suite: DeployedSuite,
    /// The contracts.
    pub contracts: Contracts,
    /// The vault's market.
    pub market: B256,
    /// The deployer (funds actors, submits the council's signed calls).
    pub deployer: Actor,
    /// The sentinel key, funded.
    pub sentinel: Actor,
    /// The council's keys.
    pub council: Council,
    /// The timelock's minimum delay.
    pub min_delay: u64,
    /// The chain's clock.
    pub clock: Clock,
    /// Whether the timelock is the admin of the registry and the oracle
    /// checker (the hand-over needs time controls).
    pub handed_over: bool,
    /// The vault's parameters.
    pub vault_params: VaultParams,
    next_seed: std::sync::Arc<std::sync::atomic::AtomicU16>,
}

impl World {
    /// Deploys a world on the node at `url`, reporting each step through
    /// `progress`.
    ///
    /// # Errors
    /// The step that failed.
    pub async fn deploy(
        url: &str,
        config: &WorldConfig,
        mut progress: impl FnMut(&str),
    ) -> Result<World, WorldError> {
        config.validate()?;
        let url: Url = url
            .parse()
            .map_err(|e| WorldError::Config(format!("RPC URL {url:?}: {e}")))?;
        let reader = ProviderBuilder::new()
            .connect_client(actor::rpc_client(&url))
            .erased();
        let clock = Clock::detect(reader.clone()).await;
        let chain_id = reader.get_chain_id().await.map_err(|e| WorldError::Rpc {
            step: "reading the chain id".into(),
            detail: e.to_string(),
        })?;
        let deployer = Actor::new("deployer", config.deployer_key.clone(), &url);
        let suite = deploy_suite(
            &deployer.provider,
            deployer.address,
            &config.suite,
            &mut progress,
        )
        .await?;
        let market = suite.markets[0].1;
        let mut contracts = Contracts::of(&suite, &config.suite.markets[0].name)?;
        let council = Council::new(
            contracts.multisig,
            chain_id,
            usize::from(config.suite.multisig.threshold),
            config.owner_keys.clone(),
        );
        let sentinel = Actor::new("sentinel", config.sentinel_key.clone(), &url);
        let mut world = World {
            url,
            chain_id,
            suite,
            contracts,
            market,
            deployer,
            sentinel,
            council,
            min_delay: config.suite.min_delay,
            clock,
            handed_over: false,
            vault_params: config.vault.clone(),
            next_seed: std::sync::Arc::default(),
        };
        world.fund(world.sentinel.address).await?;

        progress("marking the sequencer up for a day (past its grace period)");
        let now = world.clock.now().await?;
        world
            .set_sequencer(true, now.saturating_sub(86_400))
            .await?;

        if world.clock.has_time_controls() {
            progress("completing the admin hand-over through the timelock");
            world.complete_handover().await?;
        } else {
            progress(&format!(
                "admin hand-over left pending: {}",
                world.clock.missing_controls_reason().unwrap_or_default()
            ));
        }

        progress("publishing a fresh round and seeding the oracle's EWMA");
        world.refresh_feed().await?;
        world.record().await?;

        progress("deploying the example DerivativeVault and its collateral token");
        let (vault, collateral) = world.deploy_vault(&config.vault).await?;
        contracts.vault = vault;
        contracts.collateral = collateral;
        world.contracts = contracts;
        if config.vault.insurance_fund > 0 {
            progress("funding the vault's insurance fund");
            let deployer = world.deployer.clone();
            let amount = units(config.vault.insurance_fund);
            world.mint_and_approve(&deployer, amount).await?;
            let fund = DerivativeVault::fundInsuranceCall { amount }.abi_encode();
            world
                .send(&deployer, vault, fund, "funding the insurance fund")
                .await?;
        }
        Ok(world)
    }

    async fn complete_handover(&mut self) -> Result<(), WorldError> {
        let (targets, values, payloads) = self.suite.handover.clone();
        let operation = Operation::batch(targets, values, payloads);
        self.schedule(&operation, self.min_delay).await?;
        self.clock.advance(self.min_delay).await?;
        let deployer = self.deployer.clone();
        self.execute(&operation, &deployer).await?;
        let registry = IPauseRegistry::new(self.contracts.registry, &self.deployer.provider);
        let oracle = IOracleSanityChecker::new(self.contracts.oracle, &self.deployer.provider);
        let step = "reading the admins after the hand-over";
        let registry_admin = registry.admin().call().await.map_err(refused(step))?;
        let oracle_admin = oracle.admin().call().await.map_err(refused(step))?;
        if registry_admin != self.contracts.timelock || oracle_admin != self.contracts.timelock {
            return Err(WorldError::Refused {
                step: step.into(),
                error: format!(
                    "admins are {registry_admin} and {oracle_admin}, not the timelock {}",
                    self.contracts.timelock
                ),
            });
        }
        self.handed_over = true;
        Ok(())
    }

    async fn deploy_vault(&self, params: &VaultParams) -> Result<(Address, Address), WorldError> {
        let load =
            |name| SolidityArtifact::from_set(ArtifactSet::Vault, name).map_err(SuiteError::from);
        let token = load("MockERC20")?;
        let collateral = token
            .deploy_at(
                &self.deployer.provider,
                &("Guard USD".to_owned(), "gUSD".to_owned()).abi_encode_params(),
            )
            .await
            .map_err(deploy_step("deploying the collateral token"))?;
        let vault = load("DerivativeVault")?;
        let args = (
            collateral,
            self.contracts.registry,
            self.market,
            params.finality_delay,
            0u64,
            params.initial_margin_bps,
            params.maintenance_margin_bps,
            params.liquidation_reward_bps,
        )
            .abi_encode_params();
        let vault = vault
            .deploy_at(&self.deployer.provider, &args)
            .await
            .map_err(deploy_step("deploying the DerivativeVault"))?;
        Ok((vault, collateral))
    }

    /// Sends `data` to `to` as `from` and waits for success.
    ///
    /// # Errors
    /// [`WorldError::Refused`] with the named error when the node refuses
    /// it (the revert data of the failed gas estimate) or it reverts.
    pub async fn send(
        &self,
        from: &Actor,
        to: Address,
        data: Vec<u8>,
        step: &str,
    ) -> Result<TransactionReceipt, WorldError> {
        let tx = TransactionRequest::default().with_to(to).with_input(data);
        let refused = |error: String| WorldError::Refused {
            step: step.to_owned(),
            error,
        };
        let pending = from
            .provider
            .send_transaction(tx)
            .await
            .map_err(|e| refused(decode::describe_transport_error(&e)))?;
        let receipt = pending
            .get_receipt()
            .await
            .map_err(|e| refused(e.to_string()))?;
        if !receipt.status() {
            return Err(refused(format!(
                "transaction {} reverted",
                receipt.transaction_hash
            )));
        }
        Ok(receipt)
    }

    /// Has the council (a threshold of owners' signatures, submitted by the
    /// deployer) call `target` with `data`.
    ///
    /// # Errors
    /// [`WorldError::Refused`] with the named error (the multisig's
    /// `CallReverted` shows the target's reason).
    pub async fn as_council(
        &self,
        target: Address,
        data: Vec<u8>,
        step: &str,
    ) -> Result<TransactionReceipt, WorldError> {
        let nonce = self.multisig_nonce().await?;
        let call = self.council.execute_calldata(target, &data, nonce)?;
        self.send(&self.deployer, self.contracts.multisig, call, step)
            .await
    }

    /// The multisig's current nonce.
    ///
    /// # Errors
    /// [`WorldError::Refused`] when it cannot be read.
    pub async fn multisig_nonce(&self) -> Result<U256, WorldError> {
        crate::bindings::IGuardianMultisig::new(self.contracts.multisig, &self.deployer.provider)
            .nonce()
            .call()
            .await
            .map_err(refused("reading the multisig's nonce"))
    }

    /// The council schedules `operation` in the timelock with `delay`.
    ///
    /// # Errors
    /// The named refusal.
    pub async fn schedule(
        &self,
        operation: &Operation,
        delay: u64,
    ) -> Result<TransactionReceipt, WorldError> {
        self.as_council(
            self.contracts.timelock,
            operation.schedule_calldata(delay),
            "scheduling a timelock operation",
        )
        .await
    }

    /// `by` executes the ready `operation` (execution is open to anyone).
    ///
    /// # Errors
    /// The named refusal (e.g. `TimelockUnexpectedOperationState` before it
    /// is ready).
    pub async fn execute(
        &self,
        operation: &Operation,
        by: &Actor,
    ) -> Result<TransactionReceipt, WorldError> {
        self.send(
            by,
            self.contracts.timelock,
            operation.execute_calldata(),
            "executing a timelock operation",
        )
        .await
    }

    /// The timelock's state of `operation`: 0 unset (or expired), 1
    /// waiting, 2 ready, 3 done.
    ///
    /// # Errors
    /// [`WorldError::Refused`] when it cannot be read.
    pub async fn operation_state(&self, operation: &Operation) -> Result<u8, WorldError> {
        IEmergencyTimelock::new(self.contracts.timelock, &self.deployer.provider)
            .getOperationState(operation.id())
            .call()
            .await
            .map_err(refused("reading an operation's state"))
    }

    /// A new actor named `name` with its own key and 1 ETH for gas.
    ///
    /// # Errors
    /// When funding fails.
    pub async fn actor(&self, name: &str) -> Result<Actor, WorldError> {
        let seed = self
            .next_seed
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        // Worlds on one node get distinct actors: the seeds of each are
        // offset by a byte of its multisig's address.
        let salt = u16::from(self.contracts.multisig.0[19]) << 8;
        let actor = Actor::new(name, actor::seeded_key(salt ^ seed), &self.url);
        self.fund(actor.address).await?;
        Ok(actor)
    }

    /// A trader: a new actor holding `collateral` whole units of the
    /// collateral token, with the vault approved to take them (nothing is
    /// deposited yet).
    ///
    /// # Errors
    /// When funding, minting or approving fails.
    pub async fn trader(&self, name: &str, collateral: u64) -> Result<Actor, WorldError> {
        let trader = self.actor(name).await?;
        self.mint_and_approve(&trader, units(collateral)).await?;
        Ok(trader)
    }

    async fn mint_and_approve(&self, to: &Actor, amount: U256) -> Result<(), WorldError> {
        let mint = MockERC20::mintCall {
            to: to.address,
            value: amount,
        }
        .abi_encode();
        self.send(
            &self.deployer,
            self.contracts.collateral,
            mint,
            "minting collateral",
        )
        .await?;
        let approve = MockERC20::approveCall {
            spender: self.contracts.vault,
            value: U256::MAX,
        }
        .abi_encode();
        self.send(
            to,
            self.contracts.collateral,
            approve,
            "approving the vault",
        )
        .await?;
        Ok(())
    }

    async fn fund(&self, to: Address) -> Result<(), WorldError> {
        let tx = TransactionRequest::default()
            .with_to(to)
            .with_value(U256::from(10u64).pow(U256::from(18u64)));
        crate::stylus::send(&self.deployer.provider, tx, "funding an actor")
            .await
            .map(|_| ())
            .map_err(deploy_step("funding an actor"))
    }

    /// Publishes a round answering `answer` (raw, [`FEED_DECIMALS`]) updated
    /// at `updated_at` on the primary feed.
    ///
    /// # Errors
    /// When the feed refuses.
    pub async fn set_answer(&self, answer: I256, updated_at: u64) -> Result<(), WorldError> {
        let call = MockAggregatorV3::setAnswerCall {
            answer,
            updatedAt: U256::from(updated_at),
        };
        self.send(
            &self.deployer,
            self.contracts.feed,
            call.abi_encode(),
            "publishing a feed round",
        )
        .await
        .map(|_| ())
    }

    /// Publishes `price` (in hundredths of a unit, e.g. `2_000_00`) as a
    /// round updated now.
    ///
    /// # Errors
    /// When the feed refuses.
    pub async fn set_price_cents(&self, price: u64) -> Result<(), WorldError> {
        let answer = I256::try_from(u128::from(price) * 1_000_000).unwrap_or(I256::MAX);
        let now = self.clock.now().await?;
        self.set_answer(answer, now).await
    }

    /// Publishes a whole-unit `price` as a round updated now.
    ///
    /// # Errors
    /// When the feed refuses.
    pub async fn set_price(&self, price: u64) -> Result<(), WorldError> {
        self.set_price_cents(price * 100).await
    }

    /// Republishes the feed's current answer as a round updated now (a
    /// heartbeat update).
    ///
    /// # Errors
    /// When the feed cannot be read or refuses.
    pub async fn refresh_feed(&self) -> Result<(), WorldError> {
        let round = MockAggregatorV3::new(self.contracts.feed, &self.deployer.provider)
            .latestRoundData()
            .call()
            .await
            .map_err(refused("reading the feed"))?;
        let now = self.clock.now().await?;
        self.set_answer(round._1, now).await
    }

    /// Makes the primary feed revert (or stop reverting).
    ///
    /// # Errors
    /// When the feed refuses.
    pub async fn set_feed_reverts(&self, reverts: bool) -> Result<(), WorldError> {
        let call = MockAggregatorV3::setRevertsCall { reverts };
        self.send(
            &self.deployer,
            self.contracts.feed,
            call.abi_encode(),
            "making the feed revert",
        )
        .await
        .map(|_| ())
    }

    /// Sets the sequencer uptime feed: up or down since `since`.
    ///
    /// # Errors
    /// When the feed refuses.
    pub async fn set_sequencer(&self, up: bool, since: u64) -> Result<(), WorldError> {
        let call = MockSequencerFeed::setStatusCall {
            answer: if up { I256::ZERO } else { I256::ONE },
            startedAt: U256::from(since),
        };
        self.send(
            &self.deployer,
            self.contracts.sequencer_feed,
            call.abi_encode(),
            "setting the sequencer status",
        )
        .await
        .map(|_| ())
    }

    /// Folds the live round into the oracle's EWMA (`record`, anyone).
    ///
    /// # Errors
    /// The named refusal (e.g. `PriceNotRecordable`).
    pub async fn record(&self) -> Result<TransactionReceipt, WorldError> {
        let call = IOracleSanityChecker::recordCall {
            market: self.market,
        };
        self.send(
            &self.deployer,
            self.contracts.oracle,
            call.abi_encode(),
            "recording the live round",
        )
        .await
    }

    /// Moves time forward by `seconds` (see [`Clock::advance`]).
    ///
    /// # Errors
    /// [`WorldError::NoTimeControls`] on a node without them.
    pub async fn advance(&self, seconds: u64) -> Result<(), WorldError> {
        self.clock.advance(seconds).await
    }

    /// The gate's verdict on `action` in the world's market.
    ///
    /// # Errors
    /// When the registry cannot be called (it never reverts on well-formed
    /// calldata).
    pub async fn check(&self, action: u8) -> Result<(u8, u64), WorldError> {
        let verdict = self
            .registry(&self.deployer)
            .checkSettlement(self.market, action)
            .call()
            .await
            .map_err(refused("checkSettlement"))?;
        Ok((verdict.status, verdict.validUntil))
    }

    /// The registry, as `actor`.
    pub fn registry<'a>(
        &self,
        actor: &'a Actor,
    ) -> IPauseRegistry::IPauseRegistryInstance<&'a alloy::providers::DynProvider> {
        IPauseRegistry::new(self.contracts.registry, &actor.provider)
    }

    /// The oracle checker, as `actor`.
    pub fn oracle<'a>(
        &self,
        actor: &'a Actor,
    ) -> IOracleSanityChecker::IOracleSanityCheckerInstance<&'a alloy::providers::DynProvider> {
        IOracleSanityChecker::new(self.contracts.oracle, &actor.provider)
    }

    /// The timelock, as `actor`.
    pub fn timelock<'a>(
        &self,
        actor: &'a Actor,
    ) -> IEmergencyTimelock::IEmergencyTimelockInstance<&'a alloy::providers::DynProvider> {
        IEmergencyTimelock::new(self.contracts.timelock, &actor.provider)
    }

    /// The multisig, as `actor`.
    pub fn multisig<'a>(
        &self,
        actor: &'a Actor,
    ) -> crate::bindings::IGuardianMultisig::IGuardianMultisigInstance<
        &'a alloy::providers::DynProvider,
    > {
        crate::bindings::IGuardianMultisig::new(self.contracts.multisig, &actor.provider)
    }

    /// The vault, as `actor`.
    pub fn vault<'a>(
        &self,
        actor: &'a Actor,
    ) -> DerivativeVault::DerivativeVaultInstance<&'a alloy::providers::DynProvider> {
        DerivativeVault::new(self.contracts.vault, &actor.provider)
    }

    /// The collateral token, as `actor`.
    pub fn collateral<'a>(
        &self,
        actor: &'a Actor,
    ) -> MockERC20::MockERC20Instance<&'a alloy::providers::DynProvider> {
        MockERC20::new(self.contracts.collateral, &actor.provider)
    }

    /// Calldata of the registry's `pause(market, actions, duration, reason)`
    /// on the world's market, for the council.
    pub fn pause_calldata(&self, actions: u16, duration: u64, reason: &str) -> Vec<u8> {
        IPauseRegistry::pauseCall {
            market: self.market,
            actions,
            duration,
            reason: reason_tag(reason),
        }
        .abi_encode()
    }
}

/// A free-form pause reason as the registry's `bytes32` tag: the ASCII
/// bytes, right-padded (truncated at 32).
pub fn reason_tag(reason: &str) -> B256 {
    let mut tag = [0u8; 32];
    let bytes = reason.as_bytes();
    let len = bytes.len().min(32);
    tag[..len].copy_from_slice(&bytes[..len]);
    B256::from(tag)
}

fn refused(step: &str) -> impl FnOnce(alloy::contract::Error) -> WorldError + '_ {
    move |error| WorldError::Refused {
        step: step.to_owned(),
        error: decode::describe_call_error(&error),
    }
}

fn deploy_step(step: &str) -> impl FnOnce(DeployError) -> WorldError + '_ {
    move |source| WorldError::Deploy {
        step: step.to_owned(),
        source,
    }
}
