//! The subcommands of `guard`, one module each.

pub mod bench;
pub mod bytecode;
pub mod deploy;
pub mod devnet;
pub mod drill;
pub mod watch;

use alloy::signers::local::PrivateKeySigner;
use stylus_devnet::{accounts::NITRO_DEV_KEY, config::NITRO_DEVNODE_CHAIN_ID};

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
