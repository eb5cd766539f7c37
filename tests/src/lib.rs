//! Harness of the end-to-end tests.
//!
//! [`Net::start`] connects to `RPC_URL` when it is set (a Nitro devnode, or
//! any node) and otherwise starts the project's devnet in this process with
//! its JSON-RPC server on a free port: the tests then talk JSON-RPC either
//! way, through the same client code (`guard-suite`) a deployment uses.

use std::net::SocketAddr;

use alloy::{
    network::EthereumWallet,
    primitives::{Address, U256},
    providers::{DynProvider, Provider, ProviderBuilder},
    rpc::types::TransactionRequest,
    signers::local::PrivateKeySigner,
};
use stylus_devnet::{rpc::RpcServer, Devnet};

/// A chain the tests run on.
pub struct Net {
    /// The RPC URL.
    pub url: String,
    /// Whether it is the embedded devnet (time controls always available).
    pub embedded: bool,
    _server: Option<(Devnet, RpcServer)>,
}

/// A funded account with a provider that signs as it.
pub struct Actor {
    /// Its address.
    pub address: Address,
    /// A provider signing with its key.
    pub provider: DynProvider,
}

impl Net {
    /// Connects to `RPC_URL`, or starts the embedded devnet.
    ///
    /// # Panics
    /// When the embedded devnet cannot start (a test setup failure).
    pub fn start() -> Net {
        match std::env::var("RPC_URL") {
            Ok(url) if !url.is_empty() => Net {
                url,
                embedded: false,
                _server: None,
            },
            _ => {
                let devnet = Devnet::new().expect("the devnet starts");
                let server = RpcServer::start(&devnet, SocketAddr::from(([127, 0, 0, 1], 0)))
                    .expect("the RPC server binds a free port");
                Net {
                    url: server.url(),
                    embedded: true,
                    _server: Some((devnet, server)),
                }
            }
        }
    }

    /// An actor signing with `key` (hex).
    ///
    /// # Panics
    /// On a malformed key or URL (test constants).
    pub fn actor(&self, key: &str) -> Actor {
        let signer: PrivateKeySigner = key.parse().expect("a valid private key");
        let address = signer.address();
        let provider = ProviderBuilder::new()
            .wallet(EthereumWallet::from(signer))
            .connect_http(self.url.parse().expect("a valid URL"))
            .erased();
        Actor { address, provider }
    }

    /// The funded dev account.
    pub fn dev(&self) -> Actor {
        self.actor(&stylus_devnet::accounts::NITRO_DEV_KEY.to_string())
    }

    /// A fresh actor derived from `seed`, funded with 10 ETH by the dev account.
    ///
    /// # Panics
    /// When the funding transaction fails.
    pub async fn funded(&self, seed: u8) -> Actor {
        let key = format!("0x{}", hex_seed(seed));
        let actor = self.actor(&key);
        let tx = TransactionRequest::default()
            .to(actor.address)
            .value(U256::from(10u64) * U256::from(10u64).pow(U256::from(18u64)));
        let dev = self.dev();
        let receipt = dev
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

    /// Advances the chain's clock by `seconds` and mines a block; `false`
    /// (with the reason printed) when the node has no time controls.
    ///
    /// # Panics
    /// On a malformed URL (checked when the net started).
    pub async fn increase_time(&self, seconds: u64) -> bool {
        let provider = ProviderBuilder::new().connect_http(self.url.parse().expect("a valid URL"));
        let warped: Result<serde_json::Value, _> = provider
            .raw_request("evm_increaseTime".into(), (seconds,))
            .await;
        if let Err(e) = warped {
            eprintln!("skipping the time-dependent part: the node has no evm_increaseTime ({e})");
            return false;
        }
        let mined: Result<serde_json::Value, _> = provider.raw_request("evm_mine".into(), ()).await;
        mined.is_ok()
    }
}

fn hex_seed(seed: u8) -> String {
    // A deterministic, valid secp256k1 key per seed (well below the curve order).
    format!("{:064x}", 0x5eed_0000_u64 + u64::from(seed))
}
