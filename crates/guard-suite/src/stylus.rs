//! Deploying Stylus contracts the way `cargo stylus deploy` does.
//!
//! A contract with a constructor is deployed in one transaction through the
//! StylusDeployer (`0xcEcb…A990`): it creates the contract from the init
//! code, activates it when its codehash is not active yet (paying the data
//! fee from the value sent and refunding the rest) and calls the constructor
//! (`stylus_constructor()` selector ‖ ABI arguments).

use alloy::{
    network::{Ethereum, TransactionBuilder},
    primitives::{address, keccak256, Address, Bytes, B256, U256},
    providers::Provider,
    rpc::types::{
        state::{AccountOverride, StateOverride},
        TransactionReceipt, TransactionRequest,
    },
    sol,
    sol_types::{SolCall, SolEvent},
};

use crate::artifacts::Artifact;

/// The StylusDeployer every Nitro chain (and the devnet) has at genesis.
pub const STYLUS_DEPLOYER: Address = address!("cEcba2F1DC234f70Dd89F2041029807F8D03A990");
/// The ArbWasm precompile.
pub const ARB_WASM: Address = address!("0000000000000000000000000000000000000071");
/// cargo-stylus' default data-fee bump: pay 20 % over the quote (the
/// deployer refunds what activation does not use).
pub const DATA_FEE_BUMP_PERCENT: u64 = 20;

sol! {
    /// The StylusDeployer (OffchainLabs/nitro-contracts).
    #[sol(rpc)]
    interface StylusDeployer {
        event ContractDeployed(address deployedContract);
        function deploy(bytes calldata bytecode, bytes calldata initData, uint256 initValue, bytes32 salt)
            external payable returns (address);
    }

    /// The ArbWasm precompile (the subset deployment needs).
    #[sol(rpc)]
    interface ArbWasm {
        function activateProgram(address program) external payable returns (uint16 version, uint256 dataFee);
        function codehashVersion(bytes32 codehash) external view returns (uint16 version);
        function stylusVersion() external view returns (uint16 version);
    }

    /// The selector stylus-sdk routes to a contract's `#[constructor]`.
    function stylus_constructor();
}

/// A deployed contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deployed {
    /// Its address.
    pub address: Address,
    /// The deployment transaction.
    pub tx_hash: B256,
    /// Gas the deployment used.
    pub gas_used: u64,
    /// The data fee quoted before deployment (0 when already active).
    pub data_fee: U256,
}

/// Why a deployment failed.
#[derive(Debug, thiserror::Error)]
pub enum DeployError {
    /// The node refused or failed a request.
    #[error("{step}: {source}")]
    Rpc {
        /// What was being done.
        step: &'static str,
        /// The cause.
        source: alloy::transports::TransportError,
    },
    /// A call or transaction reverted.
    #[error("{step}: {detail}")]
    Contract {
        /// What was being done.
        step: &'static str,
        /// The error.
        detail: String,
    },
    /// The transaction was mined but failed.
    #[error("{step}: transaction {tx_hash} reverted")]
    Reverted {
        /// What was being done.
        step: &'static str,
        /// The transaction.
        tx_hash: B256,
    },
    /// The receipt has no `ContractDeployed` log.
    #[error("{step}: no ContractDeployed log in {tx_hash}")]
    NoAddress {
        /// What was being done.
        step: &'static str,
        /// The transaction.
        tx_hash: B256,
    },
}

/// Whether the code with this codehash is active at the node's current
/// Stylus version (then deploying it needs no activation).
pub async fn is_active<P: Provider<Ethereum>>(
    provider: &P,
    code: &[u8],
) -> Result<bool, DeployError> {
    let wasm = ArbWasm::new(ARB_WASM, provider);
    let Ok(version) = wasm.codehashVersion(keccak256(code)).call().await else {
        return Ok(false); // ProgramNotActivated / NeedsUpgrade / Expired
    };
    let current = wasm
        .stylusVersion()
        .call()
        .await
        .map_err(|e| DeployError::Contract {
            step: "reading ArbWasm.stylusVersion",
            detail: e.to_string(),
        })?;
    Ok(version == current)
}

/// The data fee activating `code` would cost now, quoted as cargo-stylus
/// does: an `eth_call` of `activateProgram` with the code placed at a
/// scratch address by a state override (nothing is written).
pub async fn quote_data_fee<P: Provider<Ethereum>>(
    provider: &P,
    code: &[u8],
) -> Result<U256, DeployError> {
    let program = address!("00000000000000000000000000000000057a1e55");
    let payer = address!("00000000000000000000000000000000057a1e56");
    let mut overrides = StateOverride::default();
    overrides.insert(
        program,
        AccountOverride {
            code: Some(Bytes::copy_from_slice(code)),
            ..Default::default()
        },
    );
    overrides.insert(
        payer,
        AccountOverride {
            balance: Some(U256::MAX),
            ..Default::default()
        },
    );
    let tx = TransactionRequest::default()
        .with_from(payer)
        .with_to(ARB_WASM)
        .with_value(U256::from(10u64).pow(U256::from(18u64)))
        .with_input(ArbWasm::activateProgramCall { program }.abi_encode());
    let out = provider
        .call(tx)
        .overrides(overrides)
        .await
        .map_err(|source| DeployError::Rpc {
            step: "quoting the activation data fee",
            source,
        })?;
    let ret = ArbWasm::activateProgramCall::abi_decode_returns(&out).map_err(|e| {
        DeployError::Contract {
            step: "decoding the activation data fee",
            detail: e.to_string(),
        }
    })?;
    Ok(ret.dataFee)
}

/// Deploys `artifact` through the StylusDeployer, activating it when needed
/// and running its constructor with `constructor_args` (ABI-encoded
/// parameters, without a selector).
pub async fn deploy<P: Provider<Ethereum>>(
    provider: &P,
    artifact: &Artifact,
    constructor_args: &[u8],
    salt: B256,
) -> Result<Deployed, DeployError> {
    let code = artifact.code();
    let data_fee = if is_active(provider, code).await? {
        U256::ZERO
    } else {
        match quote_data_fee(provider, code).await {
            Ok(fee) => fee,
            // Another deployment (a parallel test, another tool) activated
            // the same code since: the quote reverts ProgramUpToDate.
            Err(_) if is_active(provider, code).await? => U256::ZERO,
            Err(e) => return Err(e),
        }
    };
    let value = data_fee * U256::from(100 + DATA_FEE_BUMP_PERCENT) / U256::from(100u64);
    let mut init_data = stylus_constructorCall::SELECTOR.to_vec();
    init_data.extend_from_slice(constructor_args);
    let call = StylusDeployer::deployCall {
        bytecode: artifact.initcode.clone().into(),
        initData: init_data.into(),
        initValue: U256::ZERO,
        salt,
    };
    let tx = TransactionRequest::default()
        .with_to(STYLUS_DEPLOYER)
        .with_value(value)
        .with_input(call.abi_encode());
    let receipt = send(provider, tx, "deploying through the StylusDeployer").await?;
    let address = receipt
        .inner
        .logs()
        .iter()
        .find(|l| l.topics().first() == Some(&StylusDeployer::ContractDeployed::SIGNATURE_HASH))
        .and_then(|l| StylusDeployer::ContractDeployed::decode_log_data(&l.inner.data).ok())
        .map(|e| e.deployedContract)
        .ok_or(DeployError::NoAddress {
            step: "deploying through the StylusDeployer",
            tx_hash: receipt.transaction_hash,
        })?;
    Ok(Deployed {
        address,
        tx_hash: receipt.transaction_hash,
        gas_used: receipt.gas_used,
        data_fee,
    })
}

/// Deploys EVM init code (`CREATE`).
pub async fn deploy_evm<P: Provider<Ethereum>>(
    provider: &P,
    initcode: Vec<u8>,
) -> Result<Deployed, DeployError> {
    let tx = TransactionRequest::default().with_deploy_code(initcode);
    let receipt = send(provider, tx, "deploying EVM code").await?;
    let address = receipt.contract_address.ok_or(DeployError::NoAddress {
        step: "deploying EVM code",
        tx_hash: receipt.transaction_hash,
    })?;
    Ok(Deployed {
        address,
        tx_hash: receipt.transaction_hash,
        gas_used: receipt.gas_used,
        data_fee: U256::ZERO,
    })
}

/// Sends `tx`, waits for its receipt (polling `eth_getTransactionReceipt`
/// every 50 ms, for at most 5 minutes) and requires success.
pub async fn send<P: Provider<Ethereum>>(
    provider: &P,
    tx: TransactionRequest,
    step: &'static str,
) -> Result<TransactionReceipt, DeployError> {
    let pending = provider
        .send_transaction(tx)
        .await
        .map_err(|source| DeployError::Rpc { step, source })?;
    let tx_hash = *pending.tx_hash();
    for _ in 0..6_000 {
        if let Some(receipt) = provider
            .get_transaction_receipt(tx_hash)
            .await
            .map_err(|source| DeployError::Rpc { step, source })?
        {
            if !receipt.status() {
                return Err(DeployError::Reverted { step, tx_hash });
            }
            return Ok(receipt);
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    Err(DeployError::Contract {
        step,
        detail: format!("no receipt for {tx_hash} after 5 minutes"),
    })
}
