//! The sentinel against the embedded devnet: the real guard (WASM, deployed
//! by `deploy_suite` from `deploy/devnet.toml`) and the example vault, over
//! JSON-RPC.

use std::{
    net::SocketAddr,
    path::Path,
    sync::Arc,
    time::{Duration, Instant},
};

use alloy::{
    network::EthereumWallet,
    primitives::{address, Address, B256, I256, U256},
    providers::ProviderBuilder,
    signers::local::PrivateKeySigner,
    sol,
    sol_types::{SolCall, SolEvent, SolValue},
};
use guard_sentinel::{metrics::Outcome, sentinel::Sentinel, Metrics, SentinelConfig};
use guard_suite::{
    bindings::{IOracleSanityChecker, IPauseRegistry},
    solidity::{ArtifactSet, SolidityArtifact},
    suite::{deploy_suite, DeployedSuite, SuiteConfig},
};
use stylus_devnet::{accounts::NITRO_DEV_KEY, rpc::RpcServer, Devnet, Receipt};
use tokio::{sync::watch, task::JoinHandle};

sol! {
    interface IMockFeed {
        function setAnswer(int256 answer, uint256 updatedAt) external;
    }
    interface IMockSequencer {
        function setStatus(int256 answer, uint256 startedAt) external;
    }
    interface IToken {
        function mint(address to, uint256 value) external;
        function approve(address spender, uint256 value) external returns (bool);
    }
    interface IVaultOps {
        function deposit(uint256 amount) external;
        function withdraw(uint256 amount) external;
        function openPosition(bool isLong, uint256 size, uint256 margin) external returns (uint256 id);
        function fundInsurance(uint256 amount) external;
    }
}

/// The sentinel key of `deploy/devnet.toml` (private key 0x…01, public).
const SENTINEL_KEY: &str = "0x0000000000000000000000000000000000000000000000000000000000000001";
const SENTINEL: Address = address!("7E5F4552091A69125d5DfCb7b8C2659029395Bdf");
const WAD: u128 = 1_000_000_000_000_000_000;

/// The suite, the example vault and its token on a fresh devnet.
struct World {
    devnet: Devnet,
    server: Option<RpcServer>,
    address: SocketAddr,
    suite: DeployedSuite,
    market: B256,
    feed: Address,
    sequencer: Address,
    vault: Address,
    token: Address,
    dev: Address,
    dir: tempfile::TempDir,
}

impl World {
    async fn new() -> World {
        // JSON-line logs, shown for failing tests.
        let _ = tracing_subscriber::fmt()
            .json()
            .with_test_writer()
            .try_init();
        let devnet = Devnet::new().expect("devnet");
        let server =
            RpcServer::start(&devnet, SocketAddr::from(([127, 0, 0, 1], 0))).expect("server");
        let address = server.address();
        let signer: PrivateKeySigner = NITRO_DEV_KEY.to_string().parse().unwrap();
        let dev = signer.address();
        let provider = ProviderBuilder::new()
            .wallet(EthereumWallet::from(signer))
            .connect_http(server.url().parse().unwrap());
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let config: SuiteConfig =
            toml::from_str(&std::fs::read_to_string(root.join("deploy/devnet.toml")).unwrap())
                .unwrap();
        let suite = deploy_suite(&provider, dev, &config, |_| {})
            .await
            .expect("suite deployed (scripts/build.sh builds the contracts)");
        let market = suite.markets[0].1;
        let mock = |prefix: &str| {
            suite
                .mocks
                .iter()
                .find(|m| m.name.starts_with(prefix))
                .map(|m| m.address)
                .expect("mock deployed")
        };
        let (feed, sequencer) = (mock("MockAggregatorV3"), mock("MockSequencerFeed"));
        let token = SolidityArtifact::from_set(ArtifactSet::Vault, "MockERC20")
            .unwrap()
            .deploy_at(
                &provider,
                &("USD".to_owned(), "USD".to_owned()).abi_encode_params(),
            )
            .await
            .unwrap();
        let registry = suite.address("pause-registry").unwrap();
        let vault_args = (
            token, registry, market, 3_600u64, 0u64, 1_000u16, 500u16, 100u16,
        )
            .abi_encode_params();
        let vault = SolidityArtifact::from_set(ArtifactSet::Vault, "DerivativeVault")
            .unwrap()
            .deploy_at(&provider, &vault_args)
            .await
            .unwrap();
        let world = World {
            devnet,
            server: Some(server),
            address,
            suite,
            market,
            feed,
            sequencer,
            vault,
            token,
            dev,
            dir: tempfile::tempdir().unwrap(),
        };
        // Gas for the sentinel key.
        let receipt = world
            .devnet
            .send(dev, SENTINEL, U256::from(10u128 * WAD), Vec::new())
            .unwrap();
        assert!(receipt.status);
        world
    }

    fn oracle(&self) -> Address {
        self.suite.address("oracle-sanity-checker").unwrap()
    }

    fn registry(&self) -> Address {
        self.suite.address("pause-registry").unwrap()
    }

    fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Sends `call` to `to` from the dev account (impersonated, no RPC).
    fn send(&self, to: Address, call: &impl SolCall) -> Receipt {
        self.devnet
            .send(self.dev, to, U256::ZERO, call.abi_encode())
            .expect("sent")
    }

    fn view<C: SolCall>(&self, to: Address, call: &C) -> C::Return {
        let out = self
            .devnet
            .call(self.dev, to, call.abi_encode())
            .expect("call");
        C::abi_decode_returns(&out).expect("decodes")
    }

    fn set_price(&self, units: i64) -> u64 {
        let now = self.devnet.timestamp();
        let answer = I256::try_from(units).unwrap() * I256::try_from(100_000_000i64).unwrap();
        let receipt = self.send(
            self.feed,
            &IMockFeed::setAnswerCall {
                answer,
                updatedAt: U256::from(now),
            },
        );
        assert!(receipt.status);
        receipt.block_number
    }

    fn samples(&self) -> u8 {
        self.view(
            self.oracle(),
            &IOracleSanityChecker::marketStateCall {
                market: self.market,
            },
        )
        .samples
    }

    fn breaker(&self) -> bool {
        self.view(
            self.oracle(),
            &IOracleSanityChecker::marketStateCall {
                market: self.market,
            },
        )
        .breaker
    }

    fn pause_mask(&self, market: B256) -> u16 {
        self.view(self.registry(), &IPauseRegistry::pauseStateCall { market })
            .mask
    }

    /// A sentinel config over this world: `policies` and extra top-level
    /// TOML (`extra`, before the tables) and sections (`sections`).
    fn config(&self, key_var: &str, extra: &str, sections: &str, policies: &str) -> SentinelConfig {
        let text = format!(
            "{extra}\npoll_interval_ms = 50\nrpc_timeout_ms = 2000\nmax_backoff_ms = 400\nstate_file = \"{state}\"\nproposals_dir = \"{proposals}\"\nstart_block = \"latest\"\n\
             [contracts]\nregistry = \"{registry}\"\noracle = \"{oracle}\"\nmultisig = \"{multisig}\"\n\
             [key]\nenv = \"{key_var}\"\n[[markets]]\nname = \"ETH-USD\"\n{sections}\n{policies}\n\
             [[policies]]\nsignal = \"unrecorded_round\"\nactions = [{{ kind = \"record\" }}]\n",
            state = self.dir.path().join("state.json").display(),
            proposals = self.dir.path().join("proposals").display(),
            registry = self.registry(),
            oracle = self.oracle(),
            multisig = self.suite.address("guardian-multisig").unwrap(),
        );
        std::env::set_var(key_var, SENTINEL_KEY);
        SentinelConfig::from_toml(&text, false).expect("valid config")
    }

    fn vault_section(&self, outflow_limit_bps: u32) -> String {
        format!(
            "[[vaults]]\nname = \"perp\"\naddress = \"{}\"\nmarket = \"ETH-USD\"\noutflow_window_secs = 3600\noutflow_limit_bps = {outflow_limit_bps}\n",
            self.vault
        )
    }

    /// Mints, approves and deposits `amount` whole tokens for the dev account.
    fn deposit(&self, amount: u128) {
        let value = U256::from(amount * WAD);
        assert!(
            self.send(
                self.token,
                &IToken::mintCall {
                    to: self.dev,
                    value
                }
            )
            .status
        );
        assert!(
            self.send(
                self.token,
                &IToken::approveCall {
                    spender: self.vault,
                    value
                }
            )
            .status
        );
        assert!(
            self.send(self.vault, &IVaultOps::depositCall { amount: value })
                .status
        );
    }

    fn withdraw(&self, amount: u128) -> Receipt {
        self.send(
            self.vault,
            &IVaultOps::withdrawCall {
                amount: U256::from(amount * WAD),
            },
        )
    }

    /// Breaker-tripped events: the blocks they were mined in.
    fn trips(&self) -> Vec<u64> {
        let filter = alloy::rpc::types::Filter::new()
            .address(self.oracle())
            .event_signature(IOracleSanityChecker::BreakerTripped::SIGNATURE_HASH)
            .from_block(0);
        self.devnet
            .logs(&filter)
            .unwrap()
            .iter()
            .filter_map(|l| l.block_number)
            .collect()
    }
}

/// A sentinel running in a task.
struct Running {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
    metrics: Arc<Metrics>,
}

impl Running {
    async fn start(world: &World, config: SentinelConfig, dry_run: bool) -> Running {
        let metrics = Arc::new(Metrics::default());
        let (stop, shutdown) = watch::channel(false);
        let mut sentinel = Sentinel::start(
            config,
            &world.url(),
            dry_run,
            Arc::clone(&metrics),
            shutdown,
        )
        .await
        .expect("the sentinel starts");
        let task = tokio::spawn(async move {
            sentinel.run().await.expect("the state file is writable");
        });
        Running {
            stop,
            task,
            metrics,
        }
    }

    /// Waits until the sentinel has processed the head and nothing moves for a while.
    async fn settle(&self, world: &World) {
        let deadline = Instant::now() + Duration::from_mins(3);
        let mut quiet = 0;
        while quiet < 4 {
            assert!(Instant::now() < deadline, "the sentinel did not catch up");
            tokio::time::sleep(Duration::from_millis(100)).await;
            if self.metrics.last_block() >= world.devnet.block_number() {
                quiet += 1;
            } else {
                quiet = 0;
            }
        }
    }

    async fn until(&self, what: &str, mut condition: impl FnMut() -> bool) {
        let deadline = Instant::now() + Duration::from_mins(3);
        while !condition() {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn stop(self) -> Arc<Metrics> {
        let _ = self.stop.send(true);
        self.task.await.expect("the sentinel task ends cleanly");
        self.metrics
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_manipulated_feed_is_tripped_within_one_block_of_the_confirmations() {
    let world = World::new().await;
    let confirmations = 2u64;
    let config = world.config(
        "GUARD_SENTINEL_KEY_MANIPULATION",
        "",
        "",
        &format!("[[policies]]\nsignal = \"price_deviation\"\nconfirmations = {confirmations}\nactions = [{{ kind = \"trip_breaker\" }}]\n"),
    );
    let running = Running::start(&world, config, false).await;
    running
        .until("the first record", || world.samples() >= 1)
        .await;
    running.settle(&world).await;

    // 25 % above the recorded 2000: outside the 2 % base band.
    let manipulated_in = world.set_price(2_500);
    running.settle(&world).await;
    assert!(!world.breaker(), "one confirmation of two: not yet tripped");
    assert_eq!(running.metrics.signals_seen("price_deviation"), 1);

    world.devnet.mine();
    running.until("the trip", || world.breaker()).await;
    let trips = world.trips();
    assert_eq!(trips.len(), 1, "tripped once");
    assert!(
        trips[0] <= manipulated_in + confirmations,
        "tripped in block {} for a manipulation in block {manipulated_in} with {confirmations} confirmations",
        trips[0]
    );
    running.settle(&world).await;
    let metrics = running.stop().await;
    assert_eq!(metrics.actions("trip_breaker", Outcome::Sent), 1);
    assert_eq!(metrics.actions("trip_breaker", Outcome::Failed), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stale_feed_is_paused_by_policy_and_a_fresh_round_is_recorded_again() {
    let world = World::new().await;
    let config = world.config(
        "GUARD_SENTINEL_KEY_STALE",
        "",
        "",
        "[[policies]]\nsignal = \"feed_stale\"\nactions = [{ kind = \"pause\", mask = 0x07, duration_secs = 600 }]\n",
    );
    let running = Running::start(&world, config, false).await;
    running
        .until("the first record", || world.samples() >= 1)
        .await;
    running.settle(&world).await;
    assert_eq!(world.pause_mask(world.market), 0);

    world.devnet.increase_time(3_700);
    world.devnet.mine();
    running
        .until("the sentinel pause", || {
            world.pause_mask(world.market) == 0x07
        })
        .await;
    assert!(running.metrics.signals_seen("feed_stale") >= 1);

    world.set_price(2_010);
    running
        .until("the fresh round recorded", || world.samples() >= 2)
        .await;
    running.settle(&world).await;
    let metrics = running.stop().await;
    assert_eq!(
        metrics.actions("pause", Outcome::Sent),
        1,
        "one pause per episode"
    );
    assert_eq!(metrics.actions("record", Outcome::Sent), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sequencer_outage_is_detected_and_contained() {
    let world = World::new().await;
    let config = world.config(
        "GUARD_SENTINEL_KEY_SEQUENCER",
        "",
        "",
        "[[policies]]\nsignal = \"sequencer_down\"\nactions = [{ kind = \"pause\", duration_secs = 600, scope = \"global\" }]\n",
    );
    let running = Running::start(&world, config, false).await;
    running.settle(&world).await;
    assert_eq!(running.metrics.signals_seen("sequencer_down"), 0);

    let now = world.devnet.timestamp();
    assert!(
        world
            .send(
                world.sequencer,
                &IMockSequencer::setStatusCall {
                    answer: I256::ONE,
                    startedAt: U256::from(now)
                }
            )
            .status
    );
    running
        .until("the global pause", || world.pause_mask(B256::ZERO) == 0x07)
        .await;
    let metrics = running.stop().await;
    assert!(metrics.signals_seen("sequencer_down") >= 1);
    assert_eq!(metrics.actions("pause", Outcome::Sent), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_withdrawal_burst_above_the_outflow_limit_triggers_a_sentinel_pause() {
    let world = World::new().await;
    let config = world.config(
        "GUARD_SENTINEL_KEY_OUTFLOW",
        "",
        &world.vault_section(2_000),
        "[[policies]]\nsignal = \"outflow_velocity\"\nactions = [{ kind = \"pause\", mask = 0x07, duration_secs = 3600 }]\n",
    );
    let running = Running::start(&world, config, false).await;
    running
        .until("the first record", || world.samples() >= 1)
        .await;
    world.deposit(1_000);
    running.settle(&world).await;

    // 15 % leaves: within the 20 % limit.
    assert!(world.withdraw(100).status);
    assert!(world.withdraw(50).status);
    running.settle(&world).await;
    assert_eq!(world.pause_mask(world.market), 0);
    assert_eq!(running.metrics.signals_seen("outflow_velocity"), 0);

    // Another 10 %: 25 % of what was held at the window's start.
    assert!(world.withdraw(100).status);
    running
        .until("the sentinel pause", || {
            world.pause_mask(world.market) == 0x07
        })
        .await;
    assert!(!world.withdraw(10).status, "withdrawals are paused");
    let metrics = running.stop().await;
    assert_eq!(metrics.actions("pause", Outcome::Sent), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn in_dry_run_nothing_is_sent() {
    let world = World::new().await;
    // Seed the reference as anyone may (the dry-run sentinel will not).
    assert!(
        world
            .send(
                world.oracle(),
                &IOracleSanityChecker::recordCall {
                    market: world.market
                }
            )
            .status
    );
    let config = world.config(
        "GUARD_SENTINEL_KEY_DRY_RUN",
        "",
        "",
        "[[policies]]\nsignal = \"price_deviation\"\nactions = [{ kind = \"trip_breaker\" }, { kind = \"pause\", duration_secs = 600 }]\n",
    );
    let running = Running::start(&world, config, true).await;
    running.settle(&world).await;
    world.set_price(3_000);
    running
        .until("the dry-run trip", || {
            running.metrics.actions("trip_breaker", Outcome::DryRun) == 1
        })
        .await;
    world.devnet.mine();
    running.settle(&world).await;
    let metrics = running.stop().await;
    assert_eq!(
        world.devnet.nonce(SENTINEL),
        0,
        "the sentinel key sent nothing"
    );
    assert!(!world.breaker());
    assert_eq!(world.pause_mask(world.market), 0);
    assert_eq!(metrics.actions("pause", Outcome::DryRun), 1);
    assert_eq!(metrics.actions("trip_breaker", Outcome::Sent), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_rpc_outage_is_survived_and_no_block_is_skipped() {
    let mut world = World::new().await;
    let config = world.config(
        "GUARD_SENTINEL_KEY_OUTAGE",
        "",
        &world.vault_section(2_000),
        "[[policies]]\nsignal = \"outflow_velocity\"\nactions = [{ kind = \"pause\", mask = 0x07, duration_secs = 3600 }]\n",
    );
    let running = Running::start(&world, config, false).await;
    running
        .until("the first record", || world.samples() >= 1)
        .await;
    world.deposit(1_000);
    running.settle(&world).await;
    let first = running.metrics.last_block() + 1 - running.metrics.blocks_processed();
    let errors_before = running.metrics.rpc_errors();

    // The node goes away; the chain moves on: a burst of withdrawals in
    // blocks the sentinel cannot see yet, and empty blocks.
    world.server.take().expect("running").stop();
    assert!(world.withdraw(150).status);
    world.devnet.mine();
    assert!(world.withdraw(150).status);
    world.devnet.mine();
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    assert!(
        running.metrics.rpc_errors() > errors_before,
        "the outage was noticed"
    );

    // Back on the same port.
    let deadline = Instant::now() + Duration::from_secs(30);
    let server = loop {
        match RpcServer::start(&world.devnet, world.address) {
            Ok(server) => break server,
            Err(e) => {
                assert!(
                    Instant::now() < deadline,
                    "cannot rebind {}: {e}",
                    world.address
                );
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
    };
    world.server = Some(server);
    running
        .until("the sentinel pause", || {
            world.pause_mask(world.market) == 0x07
        })
        .await;
    running.settle(&world).await;
    let metrics = running.stop().await;
    let head = world.devnet.block_number();
    assert_eq!(metrics.last_block(), head);
    assert_eq!(
        metrics.blocks_processed(),
        head - first + 1,
        "every block from {first} to {head} processed once"
    );
    let state: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(world.dir.path().join("state.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(state["next_block"], head + 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_admin_event_from_an_unexpected_sender_and_a_revert_burst_are_flagged() {
    let world = World::new().await;
    let multisig = world.suite.address("guardian-multisig").unwrap();
    let config = world.config(
        "GUARD_SENTINEL_KEY_ACCESS",
        "",
        &format!(
            "{}[access]\nexpected_senders = [\"{multisig}\"]\nrevert_burst_threshold = 3\nrevert_window_blocks = 10\n",
            world.vault_section(2_000)
        ),
        "[[policies]]\nsignal = \"access_anomaly\"\nactions = [{ kind = \"propose\", call = { function = \"pause\", mask = 0x7f, duration_secs = 86400, scope = \"global\" } }]\n\
         [[policies]]\nsignal = \"revert_burst\"\nactions = [{ kind = \"pause\", duration_secs = 600, scope = \"global\" }]\n",
    );
    let running = Running::start(&world, config, false).await;
    running.settle(&world).await;

    // The deployer is still the registry's admin (the timelock has not
    // accepted yet) but not an expected sender.
    let stranger = Address::repeat_byte(0x42);
    assert!(
        world
            .send(
                world.registry(),
                &IPauseRegistry::setSentinelCall {
                    sentinel: stranger,
                    durationCap: 0
                }
            )
            .status
    );
    running
        .until("the proposal", || {
            running.metrics.actions("propose", Outcome::Proposed) == 1
        })
        .await;
    let proposals: Vec<_> = std::fs::read_dir(world.dir.path().join("proposals"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(proposals.len(), 1);
    let proposal: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&proposals[0]).unwrap()).unwrap();
    assert_eq!(proposal["signal"], "access_anomaly");
    assert_eq!(proposal["measured"]["event"], "SentinelUpdated");
    assert_eq!(proposal["typed_data"]["primaryType"], "GuardianTransaction");
    assert_eq!(
        proposal["typed_data"]["message"]["target"],
        world.registry().to_string()
    );
    assert_eq!(
        world.pause_mask(B256::ZERO),
        0,
        "the proposal is only a proposal"
    );

    // Three reverted withdrawals (no collateral) within the window.
    for _ in 0..3 {
        assert!(!world.withdraw(1).status);
    }
    running
        .until("the global pause", || world.pause_mask(B256::ZERO) == 0x07)
        .await;
    let metrics = running.stop().await;
    assert!(metrics.signals_seen("revert_burst") >= 1);
    assert_eq!(metrics.actions("pause", Outcome::Sent), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn thin_collateral_and_high_utilization_across_positions_are_signalled() {
    let world = World::new().await;
    let vault = format!(
        "{}min_collateral_ratio_bps = 40000\nmax_utilization_bps = 5000\n",
        world.vault_section(2_000)
    );
    let config = world.config(
        "GUARD_SENTINEL_KEY_POSITIONS",
        "",
        &vault,
        "[[policies]]\nsignal = \"collateral_ratio_low\"\nactions = [{ kind = \"pause\", mask = 0x04, duration_secs = 600 }]\n",
    );
    let running = Running::start(&world, config, false).await;
    running
        .until("the first record", || world.samples() >= 1)
        .await;
    world.deposit(2_000);
    let fund = U256::from(1_000 * WAD);
    assert!(
        world
            .send(
                world.token,
                &IToken::mintCall {
                    to: world.dev,
                    value: fund
                }
            )
            .status
    );
    assert!(
        world
            .send(
                world.token,
                &IToken::approveCall {
                    spender: world.vault,
                    value: fund
                }
            )
            .status
    );
    assert!(
        world
            .send(
                world.vault,
                &IVaultOps::fundInsuranceCall {
                    amount: U256::from(1_000 * WAD)
                }
            )
            .status
    );
    running.settle(&world).await;
    assert_eq!(
        running.metrics.signals_seen("collateral_ratio_low"),
        0,
        "no positions yet"
    );

    // A long of 1 unit at 2000 with 300 of margin: equity 300 against a
    // maintenance margin of 5 % (100): 3x, below the 4x minimum; notional
    // 2000 against a fund of 1000: 200 % utilization, above 50 %.
    let open = world.send(
        world.vault,
        &IVaultOps::openPositionCall {
            isLong: true,
            size: U256::from(WAD),
            margin: U256::from(300 * WAD),
        },
    );
    assert!(open.status, "position opened");
    running
        .until("the OPEN pause", || world.pause_mask(world.market) == 0x04)
        .await;
    let metrics = running.stop().await;
    assert!(metrics.signals_seen("collateral_ratio_low") >= 1);
    assert!(metrics.signals_seen("utilization_high") >= 1);
    assert_eq!(metrics.actions("pause", Outcome::Sent), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_restart_resumes_from_the_state_file_and_an_unknown_market_is_refused() {
    let world = World::new().await;
    let config = world.config("GUARD_SENTINEL_KEY_RESTART", "", "", "");
    let running = Running::start(&world, config.clone(), false).await;
    running
        .until("the first record", || world.samples() >= 1)
        .await;
    running.settle(&world).await;
    let processed_to = running.stop().await.last_block();

    world.devnet.mine();
    world.devnet.mine();
    let running = Running::start(&world, config.clone(), false).await;
    running.settle(&world).await;
    let metrics = running.stop().await;
    assert_eq!(
        metrics.blocks_processed(),
        world.devnet.block_number() - processed_to
    );

    let mut unknown = config;
    unknown.markets[0].name = "BTC-USD".into();
    let (_stop, shutdown) = watch::channel(false);
    let err = Sentinel::start(
        unknown,
        &world.url(),
        false,
        Arc::new(Metrics::default()),
        shutdown,
    )
    .await
    .expect_err("refused");
    assert!(err.to_string().contains("markets[0].name"), "{err}");
    assert!(err.to_string().contains("BTC-USD"), "{err}");
}
