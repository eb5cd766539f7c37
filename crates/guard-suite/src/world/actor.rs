//! Accounts that sign their own transactions.

use std::fmt;

use alloy::{
    network::EthereumWallet,
    primitives::{Address, B256},
    providers::{DynProvider, Provider, ProviderBuilder},
    signers::local::PrivateKeySigner,
    transports::http::reqwest::Url,
};

/// An account with a provider that signs as it.
#[derive(Clone)]
pub struct Actor {
    /// A short name for progress output and timelines (e.g. `"alice"`).
    pub name: String,
    /// Its address.
    pub address: Address,
    /// Its key.
    pub signer: PrivateKeySigner,
    /// A provider that signs its transactions with [`Actor::signer`].
    pub provider: DynProvider,
}

impl Actor {
    /// An actor named `name` signing with `signer`, talking to `url`.
    ///
    /// Its provider asks the node for the nonce of every transaction (no
    /// local nonce cache), so a transaction the node refuses — which
    /// scenarios provoke on purpose — leaves no gap behind; it talks
    /// through [`rpc_client`].
    pub fn new(name: impl Into<String>, signer: PrivateKeySigner, url: &Url) -> Actor {
        let address = signer.address();
        let provider = ProviderBuilder::new()
            .disable_recommended_fillers()
            .with_gas_estimation()
            .with_simple_nonce_management()
            .fetch_chain_id()
            .wallet(EthereumWallet::from(signer.clone()))
            .connect_client(rpc_client(url))
            .erased();
        Actor {
            name: name.into(),
            address,
            signer,
            provider,
        }
    }
}

/// A JSON-RPC client for `url` that opens a connection per request.
///
/// Reusing idle keep-alive connections to the embedded devnet's server
/// stalled requests for reqwest's 90-second idle timeout (measured: the
/// first Stylus deployment of a world, in most test runs); without a pool
/// every request gets a fresh connection, which costs nothing on a local
/// node and little on a remote one.
///
/// # Panics
/// If the TLS backend cannot initialize (reqwest's default client
/// construction).
pub fn rpc_client(url: &Url) -> alloy::rpc::client::RpcClient {
    let http = alloy::transports::http::reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .expect("a default reqwest client builds");
    let transport = alloy::transports::http::Http::with_client(http, url.clone());
    alloy::rpc::client::RpcClient::new(transport, true)
}

impl fmt::Debug for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Actor")
            .field("name", &self.name)
            .field("address", &self.address)
            .finish_non_exhaustive()
    }
}

/// A deterministic test key for `seed`: distinct per seed, well below the
/// curve order, and unrelated to the well-known keys `0x…01`–`0x…04` that
/// `deploy/devnet.toml` uses for the sentinel and the council.
///
/// Never use it on a real chain: anyone can derive it.
///
/// # Panics
/// Never: every seed gives a non-zero scalar far below the curve order.
pub fn seeded_key(seed: u16) -> PrivateKeySigner {
    let mut key = [0u8; 32];
    key[24..28].copy_from_slice(&0x5eed_0000_u32.to_be_bytes());
    key[30..].copy_from_slice(&seed.to_be_bytes());
    PrivateKeySigner::from_bytes(&B256::from(key)).expect("a valid secp256k1 scalar")
}

/// The well-known test key `0x00…0n` (`n` = 1 for the dev sentinel, 2–4 for
/// the dev council of `deploy/devnet.toml`).
///
/// # Panics
/// For `n == 0` (not a key).
pub fn small_key(n: u8) -> PrivateKeySigner {
    let mut key = [0u8; 32];
    key[31] = n;
    PrivateKeySigner::from_bytes(&B256::from(key)).expect("a valid secp256k1 scalar")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_keys_are_the_dev_config_accounts() {
        // deploy/devnet.toml lists these addresses for keys 0x…01 and 0x…02.
        assert_eq!(
            small_key(1).address(),
            "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf"
                .parse::<Address>()
                .unwrap()
        );
        assert_eq!(
            small_key(2).address(),
            "0x2B5AD5c4795c026514f8317c7a215E218DcCD6cF"
                .parse::<Address>()
                .unwrap()
        );
    }

    #[test]
    fn seeded_keys_differ_per_seed() {
        assert_ne!(seeded_key(1).address(), seeded_key(2).address());
        assert_eq!(seeded_key(7).address(), seeded_key(7).address());
    }
}
