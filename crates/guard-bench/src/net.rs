//! [`BenchNet`]: the chain a benchmark runs on — the embedded devnet (with its meter, cache
//! marks and snapshots) or any node over JSON-RPC (`--rpc-url`, e.g. a Nitro devnode).

use std::net::SocketAddr;

use alloy::{
    eips::BlockNumberOrTag,
    network::{EthereumWallet, TransactionBuilder},
    primitives::{Address, Bytes, B256},
    providers::{DynProvider, Provider, ProviderBuilder},
    rpc::types::{TransactionReceipt, TransactionRequest},
    signers::local::PrivateKeySigner,
    sol_types::SolCall,
};
use stylus_devnet::{accounts::NITRO_DEV_KEY, rpc::RpcServer, Devnet};

use crate::error::BenchError;

/// Nitro's ArbWasmCache precompile.
pub const ARB_WASM_CACHE: Address = Address::new([
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x72,
]);

alloy::sol! {
    /// The part of Nitro's ArbWasmCache precompile the benchmark uses.
    interface ArbWasmCache {
        function cacheProgram(address program) external;
    }
}

/// The embedded devnet and its RPC server (kept alive while the bench runs).
struct Embedded {
    devnet: Devnet,
    _server: RpcServer,
}

/// A chain with a funded account that signs the benchmark's transactions.
pub struct BenchNet {
    url: String,
    provider: DynProvider,
    account: Address,
    embedded: Option<Embedded>,
}

impl BenchNet {
    /// Starts the devnet in this process with its JSON-RPC server on a free local port; the
    /// benchmark signs with the devnet's funded dev key.
    ///
    /// # Errors
    /// [`BenchError::Setup`] when the devnet or its server cannot start.
    pub fn embedded() -> Result<Self, BenchError> {
        let devnet = Devnet::new().map_err(|e| BenchError::Setup(e.to_string()))?;
        let server = RpcServer::start(&devnet, SocketAddr::from(([127, 0, 0, 1], 0)))
            .map_err(|e| BenchError::Setup(format!("starting the devnet's RPC server: {e}")))?;
        let mut net = Self::connect(&server.url(), &NITRO_DEV_KEY.to_string())?;
        net.embedded = Some(Embedded {
            devnet,
            _server: server,
        });
        Ok(net)
    }

    /// Connects to `url`, signing with `private_key` (hex).
    ///
    /// # Errors
    /// [`BenchError::Setup`] for a malformed URL or key.
    pub fn connect(url: &str, private_key: &str) -> Result<Self, BenchError> {
        let signer: PrivateKeySigner = private_key
            .parse()
            .map_err(|_| BenchError::Setup("the benchmark key is not a private key".into()))?;
        let account = signer.address();
        let parsed = url
            .parse()
            .map_err(|_| BenchError::Setup(format!("{url:?} is not a URL")))?;
        // Nonces are read from the node for every transaction (not cached): the embedded devnet's
        // snapshots roll them back.
        let provider = ProviderBuilder::new()
            .disable_recommended_fillers()
            .with_gas_estimation()
            .with_simple_nonce_management()
            .fetch_chain_id()
            .wallet(EthereumWallet::from(signer))
            .connect_http(parsed)
            .erased();
        Ok(Self {
            url: url.to_owned(),
            provider,
            account,
            embedded: None,
        })
    }

    /// The RPC URL the benchmark talks to.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The provider (signs as [`BenchNet::account`]).
    pub fn provider(&self) -> &DynProvider {
        &self.provider
    }

    /// The funded account that sends the benchmark's transactions.
    pub fn account(&self) -> Address {
        self.account
    }

    /// The embedded devnet, when the benchmark runs on it (its meter, cache marks and snapshots
    /// are then available).
    pub fn devnet(&self) -> Option<&Devnet> {
        self.embedded.as_ref().map(|embedded| &embedded.devnet)
    }

    /// The chain id.
    ///
    /// # Errors
    /// When the node does not answer.
    pub async fn chain_id(&self) -> Result<u64, BenchError> {
        self.provider
            .get_chain_id()
            .await
            .map_err(BenchError::rpc("reading the chain id"))
    }

    /// The latest block's timestamp.
    ///
    /// # Errors
    /// When the node does not answer.
    pub async fn timestamp(&self) -> Result<u64, BenchError> {
        let block = self
            .provider
            .get_block_by_number(BlockNumberOrTag::Latest)
            .await
            .map_err(BenchError::rpc("reading the latest block"))?
            .ok_or_else(|| BenchError::unexpected("reading the latest block", "no block"))?;
        Ok(block.header.timestamp)
    }

    /// The deployed code at `address`.
    ///
    /// # Errors
    /// When the node does not answer.
    pub async fn code(&self, address: Address) -> Result<Bytes, BenchError> {
        self.provider
            .get_code_at(address)
            .await
            .map_err(BenchError::rpc(format!("reading the code of {address}")))
    }

    /// `eth_call` of `data` on `to` from the benchmark account.
    ///
    /// # Errors
    /// [`BenchError::Rpc`] when the call reverts or the node fails.
    pub async fn call(
        &self,
        to: Address,
        data: impl Into<Bytes>,
        step: &str,
    ) -> Result<Bytes, BenchError> {
        let tx = TransactionRequest::default()
            .with_from(self.account)
            .with_to(to)
            .with_input(data.into());
        self.provider.call(tx).await.map_err(BenchError::rpc(step))
    }

    /// Sends `data` to `to` from the benchmark account and waits for a successful receipt.
    ///
    /// # Errors
    /// [`BenchError::Deploy`] when it reverts or the node fails.
    pub async fn send(
        &self,
        to: Address,
        data: impl Into<Bytes>,
        step: &str,
    ) -> Result<TransactionReceipt, BenchError> {
        let tx = TransactionRequest::default()
            .with_to(to)
            .with_input(data.into());
        guard_suite::stylus::send(&self.provider, tx, "benchmark transaction")
            .await
            .map_err(BenchError::deploy(step))
    }

    /// Moves the chain's clock forward by `seconds` and mines a block (`evm_increaseTime` +
    /// `evm_mine`); `Ok(false)` when the node has no time controls (a Nitro devnode).
    ///
    /// # Errors
    /// When the time moved but no block could be mined.
    pub async fn increase_time(&self, seconds: u64) -> Result<bool, BenchError> {
        let warped: Result<serde_json::Value, _> = self
            .provider
            .raw_request("evm_increaseTime".into(), (seconds,))
            .await;
        if warped.is_err() {
            return Ok(false);
        }
        let _: serde_json::Value = self
            .provider
            .raw_request("evm_mine".into(), ())
            .await
            .map_err(BenchError::rpc("mining after moving time"))?;
        Ok(true)
    }

    /// Asks Nitro's ArbWasmCache precompile to cache each of `programs` (`cacheProgram`, which
    /// Nitro allows cache managers and chain owners — on a Nitro devnode the dev account is the
    /// chain owner). Every request is first tried as an `eth_call`; `Ok(false)`, with nothing
    /// sent, when the node refuses any of them.
    ///
    /// # Errors
    /// When a caching transaction fails after its `eth_call` succeeded.
    pub async fn cache_programs(&self, programs: &[Address]) -> Result<bool, BenchError> {
        let requests: Vec<Vec<u8>> = programs
            .iter()
            .map(|program| ArbWasmCache::cacheProgramCall { program: *program }.abi_encode())
            .collect();
        for request in &requests {
            if self
                .call(
                    ARB_WASM_CACHE,
                    request.clone(),
                    "asking ArbWasmCache to cache a program",
                )
                .await
                .is_err()
            {
                return Ok(false);
            }
        }
        for request in requests {
            self.send(
                ARB_WASM_CACHE,
                request,
                "caching a program through ArbWasmCache",
            )
            .await?;
        }
        Ok(true)
    }

    /// Marks the Stylus programs `codehashes` cached or not on the embedded devnet; `false` (and
    /// nothing done) on any other node, whose cache state the benchmark leaves as it is.
    pub fn set_cached(&self, codehashes: &[B256], cached: bool) -> bool {
        let Some(devnet) = self.devnet() else {
            return false;
        };
        for codehash in codehashes {
            devnet.set_program_cached(*codehash, cached);
        }
        true
    }
}
