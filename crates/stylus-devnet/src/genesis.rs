//! The genesis state: funded dev accounts, Nitro's precompile markers, the CREATE2 factory, the
//! StylusDeployer (deployed through the factory, as on Nitro's devnode) and a cache manager.

use crate::{accounts::DevAccount, error::DevnetError, executor::Executor};
use alloy_primitives::{address, hex, Address, Bytes, B256, U256};
use revm::{
    bytecode::Bytecode,
    context::{BlockEnv, TxEnv},
    database::{CacheDB, EmptyDB},
    primitives::TxKind,
    state::AccountInfo,
    DatabaseCommit,
};
use stylus_evm::ExecOptions;

/// The deterministic-deployment-proxy (Arachnid's CREATE2 factory) address, on every chain.
pub const CREATE2_FACTORY: Address = address!("4e59b44847b379578588920ca78fbf26c0b4956c");

/// Runtime code of the CREATE2 factory: `salt (32 bytes) ‖ init code` in, address out.
pub const CREATE2_FACTORY_RUNTIME: [u8; 69] = hex!(
    "7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe03601600081602082378035828234f58015156039578182fd5b8082525050506014600cf3"
);

/// Where cargo-stylus expects the StylusDeployer (`--deployer-address` default).
pub const STYLUS_DEPLOYER: Address = address!("cEcba2F1DC234f70Dd89F2041029807F8D03A990");

/// Init code of the StylusDeployer (OffchainLabs/nitro-contracts `src/stylus/StylusDeployer.sol`)
/// as stylus-tools 0.10.10 ships it in `src/devnet/bytecode.rs` (`STYLUS_DEPLOYER`, 2301 bytes).
///
/// The constant is private in stylus-tools (and its module is behind the `integration-tests`
/// feature, with wasmer and testcontainers), so it cannot be imported; it is vendored here as hex.
/// Its integrity is checked at genesis: CREATE2 through the factory with salt 0 must land exactly
/// at [`STYLUS_DEPLOYER`], an address that commits to the keccak256 of these bytes.
const STYLUS_DEPLOYER_INITCODE_HEX: &str = include_str!("genesis/stylus_deployer.hex");

/// The cache manager reported by ArbWasmCache's `allCacheManagers()`.
pub const CACHE_MANAGER: Address = stylus_evm::precompiles::CACHE_MANAGER;

/// Sender of the genesis deployment transactions (the zero address, as a system account).
const GENESIS_SENDER: Address = Address::ZERO;

/// Gas given to each genesis deployment.
const GENESIS_DEPLOY_GAS: u64 = 30_000_000;

/// The StylusDeployer's init code.
///
/// # Errors
/// When the vendored hex is corrupt.
pub fn stylus_deployer_initcode() -> Result<Vec<u8>, DevnetError> {
    hex::decode(STYLUS_DEPLOYER_INITCODE_HEX.trim())
        .map_err(|error| DevnetError::Genesis(format!("StylusDeployer init code: {error}")))
}

/// Builds the genesis state.
///
/// # Errors
/// [`DevnetError::Genesis`] when the StylusDeployer deployment fails or lands elsewhere.
pub(crate) fn genesis_state(
    executor: &Executor,
    accounts: &[DevAccount],
    balance: U256,
    block: BlockEnv,
) -> Result<CacheDB<EmptyDB>, DevnetError> {
    let mut db = CacheDB::new(EmptyDB::default());
    for account in accounts {
        db.insert_account_info(account.address, AccountInfo::from_balance(balance));
    }
    for (precompile, code) in stylus_evm::predeploys() {
        db.insert_account_info(precompile, contract_account(code, 0));
    }
    let factory = Bytecode::new_raw(Bytes::from_static(&CREATE2_FACTORY_RUNTIME));
    db.insert_account_info(CREATE2_FACTORY, contract_account(factory, 1));
    // Nitro devnode's cache manager runtime is all zeros (STOP): bids succeed as no-ops.
    db.insert_account_info(
        CACHE_MANAGER,
        contract_account(Bytecode::new_raw(Bytes::from_static(&[0x00])), 1),
    );

    let mut input = vec![0u8; 32];
    input.extend_from_slice(&stylus_deployer_initcode()?);
    let transaction = TxEnv {
        caller: GENESIS_SENDER,
        kind: TxKind::Call(CREATE2_FACTORY),
        data: input.into(),
        gas_limit: GENESIS_DEPLOY_GAS,
        chain_id: None,
        ..TxEnv::default()
    };
    let options = ExecOptions {
        is_call: true,
        gas_cap: None,
    };
    let (outcome, _) = executor.run(&mut db, block, transaction, &options)?;
    if !outcome.result.is_success() {
        return Err(DevnetError::Genesis(format!(
            "StylusDeployer deployment failed: {:?}",
            outcome.result
        )));
    }
    db.commit(outcome.state);
    let deployed = db
        .cache
        .accounts
        .get(&STYLUS_DEPLOYER)
        .and_then(|account| account.info.code.as_ref())
        .is_some_and(|code| !code.is_empty());
    if !deployed {
        return Err(DevnetError::Genesis(format!(
            "the CREATE2 factory did not deploy the StylusDeployer at {STYLUS_DEPLOYER}"
        )));
    }
    Ok(db)
}

/// An account holding `code`.
fn contract_account(code: Bytecode, nonce: u64) -> AccountInfo {
    let hash: B256 = code.hash_slow();
    AccountInfo::new(U256::ZERO, nonce, hash, code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::keccak256;

    #[test]
    fn vendored_deployer_init_code_create2s_to_the_deployer_address() {
        let initcode = stylus_deployer_initcode().unwrap();
        assert_eq!(initcode.len(), 2301);
        assert_eq!(
            CREATE2_FACTORY.create2(B256::ZERO, keccak256(&initcode)),
            STYLUS_DEPLOYER
        );
    }
}
