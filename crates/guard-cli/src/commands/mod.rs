//! The subcommands of `guard`, one module each.

pub mod bench;
pub mod bytecode;
pub mod deploy;
pub mod devnet;
pub mod drill;
pub mod watch;

use std::{error::Error, net::SocketAddr};

use alloy::{
    providers::{Provider, ProviderBuilder},
    signers::local::PrivateKeySigner,
};
use stylus_devnet::{
    accounts::NITRO_DEV_KEY, config::NITRO_DEVNODE_CHAIN_ID, rpc::RpcServer, Devnet,
};

/// The node a command talks to: `--rpc-url`, or a fresh embedded devnet
/// serving JSON-RPC on a free local port for as long as this lives.
///
/// Create it before the command's tokio runtime so that it is dropped after
/// it: the runtime's drop closes the HTTP client's pooled connections, which
/// the server's workers would otherwise wait on when it stops.
pub struct Node {
    /// Its JSON-RPC URL.
    pub url: String,
    embedded: Option<(Devnet, RpcServer)>,
}

impl Node {
    /// Uses `rpc_url`, or starts an embedded devnet when it is `None`.
    ///
    /// # Errors
    /// The devnet or its server cannot start.
    pub fn new(rpc_url: Option<&str>) -> Result<Node, Box<dyn Error>> {
        if let Some(url) = rpc_url {
            return Ok(Node {
                url: url.to_owned(),
                embedded: None,
            });
        }
        let devnet = Devnet::new()?;
        let server = RpcServer::start(&devnet, SocketAddr::from(([127, 0, 0, 1], 0)))?;
        Ok(Node {
            url: server.url(),
            embedded: Some((devnet, server)),
        })
    }

    /// Whether it is the embedded devnet.
    pub fn is_embedded(&self) -> bool {
        self.embedded.is_some()
    }
}

/// The chain id of the node at `url`, or an error naming the URL.
///
/// # Errors
/// A malformed URL or a node that does not answer.
pub async fn chain_id(url: &str) -> Result<u64, Box<dyn Error>> {
    let reader = ProviderBuilder::new().connect_http(url.parse()?);
    Ok(reader
        .get_chain_id()
        .await
        .map_err(|e| format!("no node answers at {url}: {e}"))?)
}

/// The key that deploys on `chain_id`: `GUARD_PRIVATE_KEY` (never the
/// command line), or the well-known dev key on the dev chain id 412346.
///
/// # Errors
/// No key for another chain, or a malformed key.
pub fn deployer_key(chain_id: u64) -> Result<PrivateKeySigner, String> {
    let key = match std::env::var("GUARD_PRIVATE_KEY") {
        Ok(key) if !key.is_empty() => key,
        _ if chain_id == NITRO_DEVNODE_CHAIN_ID => {
            eprintln!(
                "using the well-known dev key (chain {NITRO_DEVNODE_CHAIN_ID}); set GUARD_PRIVATE_KEY for another"
            );
            NITRO_DEV_KEY.to_string()
        }
        _ => return Err(
            "set GUARD_PRIVATE_KEY to the deployer's key (it is never taken from the command line)"
                .into(),
        ),
    };
    key.parse()
        .map_err(|_| "GUARD_PRIVATE_KEY is not a private key".into())
}
