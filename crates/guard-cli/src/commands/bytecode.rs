//! `guard bytecode`: the well-known bytecode a fresh Nitro dev node needs for
//! Stylus deployments (used by `scripts/devnode.sh up`), printed as hex.

use std::fmt;

use clap::{Args, ValueEnum};

/// The pre-signed, chain-agnostic (pre-EIP-155) transaction that deploys the
/// deterministic-deployment-proxy CREATE2 factory at
/// 0x4e59b44847b379578588920ca78fbf26c0b4956c from
/// 0x3fab184622dc19b6109349b94811493bf2a45362 (gas price 100 gwei, gas
/// limit 100,000: the sender needs 0.01 ETH).
pub const CREATE2_FACTORY_TX: &str = "f8a58085174876e800830186a08080b853604580600e600039806000f350fe7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe03601600081602082378035828234f58015156039578182fd5b8082525050506014600cf31ba02222222222222222222222222222222222222222222222222222222222222222a02222222222222222222222222222222222222222222222222222222222222222";

/// The init code of the cache manager the Nitro devnode scripts deploy
/// (OffchainLabs/nitro-devnode `run-dev-node.sh`).
pub const CACHE_MANAGER_INITCODE: &str =
    "60a06040523060805234801561001457600080fd5b50608051611d1c61003060003960006105260152611d1c6000f3fe";

/// Which bytecode to print.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Which {
    /// Init code of the StylusDeployer (deploy through the CREATE2 factory, salt 0).
    StylusDeployer,
    /// Init code of the devnode cache manager.
    CacheManager,
    /// The raw pre-signed CREATE2 factory deployment transaction.
    Create2FactoryTx,
}

/// Arguments of `guard bytecode`.
#[derive(Debug, Args)]
pub struct BytecodeArgs {
    /// Which bytecode to print.
    #[arg(value_enum)]
    which: Which,
}

/// Why printing failed.
#[derive(Debug)]
pub struct BytecodeError(String);

impl fmt::Display for BytecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BytecodeError {}

/// Prints the requested bytecode as `0x`-prefixed hex.
///
/// # Errors
/// When the vendored StylusDeployer init code fails its integrity check.
pub fn run(args: &BytecodeArgs) -> Result<(), Box<dyn std::error::Error>> {
    let hex = match args.which {
        Which::StylusDeployer => {
            let code = stylus_devnet::genesis::stylus_deployer_initcode()
                .map_err(|e| BytecodeError(format!("StylusDeployer init code: {e}")))?;
            code.iter()
                .fold(String::with_capacity(code.len() * 2), |mut s, b| {
                    use fmt::Write as _;
                    let _ = write!(s, "{b:02x}");
                    s
                })
        }
        Which::CacheManager => CACHE_MANAGER_INITCODE.to_owned(),
        Which::Create2FactoryTx => CREATE2_FACTORY_TX.to_owned(),
    };
    println!("0x{hex}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_consensus::{transaction::SignerRecoverable, TxEnvelope};
    use alloy_eips::eip2718::Decodable2718;
    use alloy_primitives::{address, hex};

    #[test]
    fn the_create2_factory_tx_deploys_the_factory_at_its_well_known_address() {
        let raw = hex::decode(CREATE2_FACTORY_TX).unwrap();
        let tx = TxEnvelope::decode_2718(&mut raw.as_slice()).unwrap();
        let sender = tx.recover_signer().unwrap();
        assert_eq!(sender, address!("3fab184622dc19b6109349b94811493bf2a45362"));
        assert_eq!(
            sender.create(0),
            address!("4e59b44847b379578588920ca78fbf26c0b4956c")
        );
    }
}
