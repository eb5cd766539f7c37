//! Harness of the end-to-end tests.
//!
//! [`Net::start`] connects to `RPC_URL` when it is set (a Nitro devnode, or
//! any node) and otherwise starts the project's devnet in this process with
//! its JSON-RPC server on a free port: the tests then talk JSON-RPC either
//! way, through the same client code (`guard-suite`) a deployment uses.
//! [`Net::world`] deploys a whole [`World`] (suite, hand-over, example
//! vault) on it.
//!
//! Time-dependent steps call [`time_travel`], which says whether the node
//! can move time and prints why the step is skipped when it cannot.

use std::net::SocketAddr;

use alloy::{
    network::TransactionBuilder,
    primitives::U256,
    providers::{Provider, ProviderBuilder},
    rpc::types::TransactionRequest,
    signers::local::PrivateKeySigner,
    transports::http::reqwest::Url,
};
use guard_suite::world::{actor, Actor, Clock, World, WorldConfig};
use stylus_devnet::{rpc::RpcServer, Devnet};

/// A chain the tests run on.
pub struct Net {
    /// The RPC URL.
    pub url: Url,
    /// Whether it is the embedded devnet (time controls always available).
    pub embedded: bool,
    _server: Option<(Devnet, RpcServer)>,
    /// On a shared node, this test's exclusive turn (see [`Net::start`]).
    _turn: Option<std::sync::MutexGuard<'static, ()>>,
}

/// One test at a time on a shared node.
static SHARED_NODE: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The funded dev key (the Nitro devnode's, which the devnet funds too).
///
/// # Panics
/// Never: the constant is a valid key.
pub fn dev_key() -> PrivateKeySigner {
    PrivateKeySigner::from_bytes(&stylus_devnet::accounts::NITRO_DEV_KEY)
        .expect("the dev key is a valid key")
}

impl Net {
    /// Connects to `RPC_URL`, or starts the embedded devnet.
    ///
    /// A shared node has one clock: a test moving it (every world's
    /// hand-over moves it by the timelock's delay) would make another
    /// test's feed stale. So with `RPC_URL` the tests of a binary take turns
    /// (cargo runs the binaries one after another); each embedded devnet is
    /// its test's own and they run in parallel.
    ///
    /// # Panics
    /// When the embedded devnet cannot start or `RPC_URL` is not a URL (a
    /// test setup failure).
    pub fn start() -> Net {
        match std::env::var("RPC_URL") {
            Ok(url) if !url.is_empty() => Net {
                url: url.parse().expect("RPC_URL is a URL"),
                embedded: false,
                _server: None,
                _turn: Some(
                    SHARED_NODE
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner),
                ),
            },
            _ => {
                let devnet = Devnet::new().expect("the devnet starts");
                let server = RpcServer::start(&devnet, SocketAddr::from(([127, 0, 0, 1], 0)))
                    .expect("the RPC server binds a free port");
                Net {
                    url: server.url().parse().expect("the server's URL"),
                    embedded: true,
                    _server: Some((devnet, server)),
                    _turn: None,
                }
            }
        }
    }

    /// The funded dev account.
    pub fn dev(&self) -> Actor {
        Actor::new("dev", dev_key(), &self.url)
    }

    /// A fresh actor derived from `seed`, funded with 10 ETH by the dev account.
    ///
    /// # Panics
    /// When the funding transaction fails.
    pub async fn funded(&self, seed: u16) -> Actor {
        let actor = Actor::new(format!("actor {seed}"), actor::seeded_key(seed), &self.url);
        let tx = TransactionRequest::default()
            .with_to(actor.address)
            .with_value(U256::from(10u64) * U256::from(10u64).pow(U256::from(18u64)));
        let _turn = DEV_ACCOUNT.lock().await;
        let receipt = self
            .dev()
            .provider
            .send_transaction(tx)
            .await
            .expect("funding sent")
            .get_receipt()
            .await
            .expect("funded");
        assert!(receipt.status(), "funding succeeded");
        actor
    }

    /// The node's clock.
    pub async fn clock(&self) -> Clock {
        Clock::detect(
            ProviderBuilder::new()
                .connect_http(self.url.clone())
                .erased(),
        )
        .await
    }

    /// Deploys a world from the committed dev config.
    ///
    /// # Panics
    /// When the deployment fails (the error names the step).
    pub async fn world(&self) -> World {
        let config = WorldConfig::dev(dev_key()).expect("deploy/devnet.toml loads");
        self.world_with(&config).await
    }

    /// Deploys a world from `config`, printing each deployment step with
    /// the time since the start (the test harness shows it on failure).
    ///
    /// On a shared node (`RPC_URL`) the world gets its own deployer, a fresh
    /// key funded by the dev account, so tests running in parallel never
    /// race for one account's nonces.
    ///
    /// # Panics
    /// When the deployment fails (the error names the step).
    pub async fn world_with(&self, config: &WorldConfig) -> World {
        let mut config = config.clone();
        if !self.embedded {
            config.deployer_key = self.fresh_deployer().await;
        }
        let started = std::time::Instant::now();
        World::deploy(self.url.as_str(), &config, |step| {
            eprintln!("[{:>6.1?}] {step}", started.elapsed());
        })
        .await
        .unwrap_or_else(|e| panic!("the world deploys: {e}"))
    }
}

/// Serializes the dev account's transfers on a shared node.
static DEV_ACCOUNT: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

impl Net {
    /// A random key funded with 100 ETH by the dev account.
    async fn fresh_deployer(&self) -> PrivateKeySigner {
        let key = PrivateKeySigner::random();
        let tx = TransactionRequest::default()
            .with_to(key.address())
            .with_value(U256::from(100u64) * U256::from(10u64).pow(U256::from(18u64)));
        let _turn = DEV_ACCOUNT.lock().await;
        let receipt = self
            .dev()
            .provider
            .send_transaction(tx)
            .await
            .expect("funding sent")
            .get_receipt()
            .await
            .expect("funded");
        assert!(receipt.status(), "funding the deployer succeeded");
        key
    }
}

/// Whether the node can move time; prints why `what` is skipped when not.
pub fn time_travel(clock: &Clock, what: &str) -> bool {
    match clock.missing_controls_reason() {
        None => true,
        Some(reason) => {
            eprintln!("skipping {what}: {reason}");
            false
        }
    }
}

/// The named error of a refused transaction (see
/// `guard_suite::world::decode::describe_revert`).
///
/// # Panics
/// When the transaction went through, or failed for another reason than a
/// refusal.
pub fn refusal<T: std::fmt::Debug>(
    result: Result<T, guard_suite::world::WorldError>,
    what: &str,
) -> String {
    match result {
        Err(guard_suite::world::WorldError::Refused { error, .. }) => error,
        other => panic!("{what}: expected a refusal, got {other:?}"),
    }
}

/// The committed dev world config (`deploy/devnet.toml`, the dev key).
///
/// # Panics
/// When `deploy/devnet.toml` does not load.
pub fn dev_config() -> WorldConfig {
    WorldConfig::dev(dev_key()).expect("deploy/devnet.toml loads")
}

/// Asserts the gate's status for `action` in the world's market.
///
/// # Panics
/// When the status differs (naming both) or the gate cannot be read.
pub async fn assert_status(world: &World, action: u8, expected: guard_abi::Status) {
    let (status, _) = world.check(action).await.expect("the gate answers");
    assert_eq!(
        guard_abi::Status::from_code(status),
        Some(expected),
        "status of action {action}: expected {}, got code {status}",
        expected.name()
    );
}

/// Asserts that a vault transaction was refused by the gate with
/// `SettlementBlocked(market, action, status)`.
///
/// # Panics
/// When it went through or was refused otherwise.
pub fn assert_blocked<T: std::fmt::Debug>(
    result: Result<T, guard_suite::world::WorldError>,
    action: u8,
    status: guard_abi::Status,
) {
    let error = refusal(result, "a gated vault call");
    let expected = format!("action: {action}, status: {} }}", status.code());
    assert!(
        error.starts_with("SettlementBlocked") && error.ends_with(&expected),
        "expected SettlementBlocked(action {action}, {}), got {error}",
        status.name()
    );
}

/// The dev config with maintenance margin = initial margin (10 %), so a
/// 1 % adverse move makes a fully levered position liquidatable inside the
/// oracle's 2 % deviation band.
pub fn liquidatable_config() -> WorldConfig {
    let mut config = dev_config();
    config.vault.maintenance_margin_bps = config.vault.initial_margin_bps;
    config
}

/// Deposits `deposit` and opens a position of `size` whole units with
/// `margin` whole units as `trader`; returns the position id.
///
/// # Panics
/// When the vault refuses (the error is named).
pub async fn open_position(
    world: &World,
    trader: &Actor,
    deposit: u64,
    is_long: bool,
    size: u64,
    margin: u64,
) -> U256 {
    use alloy::sol_types::SolCall;
    use guard_suite::{
        bindings::DerivativeVault,
        world::{decode, units},
    };
    let vault = world.contracts.vault;
    let call = DerivativeVault::depositCall {
        amount: units(deposit),
    };
    world
        .send(trader, vault, call.abi_encode(), "deposit")
        .await
        .unwrap_or_else(|e| panic!("{}'s deposit: {e}", trader.name));
    let call = DerivativeVault::openPositionCall {
        isLong: is_long,
        size: units(size),
        margin: units(margin),
    };
    let receipt = world
        .send(trader, vault, call.abi_encode(), "open")
        .await
        .unwrap_or_else(|e| panic!("{}'s open: {e}", trader.name));
    decode::events::<DerivativeVault::PositionOpened>(&receipt, vault)[0].id
}
