//! [`Devnet`]: the Rust API of the devnet, for tests that need no JSON-RPC.

use crate::{
    access::TransactionStats,
    accounts::{dev_accounts, DevAccount},
    chain::{CallRequest, Chain, StateBlock},
    config::DevnetConfig,
    error::DevnetError,
    receipt::Receipt,
    transaction::{PendingTransaction, UnsignedRequest},
};
use alloy_primitives::{keccak256, Address, Bytes, B256, U256};
use alloy_rpc_types_eth::{
    state::{AccountOverride, StateOverride},
    Filter, Log,
};
use alloy_sol_types::{sol, SolCall};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use stylus_evm::ARB_WASM;

sol! {
    /// The part of Nitro's ArbWasm precompile that deployment uses.
    interface ArbWasm {
        function activateProgram(address program) external payable returns (uint16 version, uint256 dataFee);
        function codehashVersion(bytes32 codehash) external view returns (uint16 version);
    }
}

/// Value sent with the data-fee estimate, as cargo-stylus does (1 ETH).
const DATA_FEE_PROBE_VALUE: U256 = U256::from_limbs([1_000_000_000_000_000_000, 0, 0, 0]);

/// Percentage cargo-stylus adds to the estimated data fee (`--data-fee-bump-percent` default).
const DATA_FEE_BUMP_PERCENT: u64 = 20;

/// A Stylus program deployed and activated the way cargo-stylus does it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StylusDeployment {
    /// Address of the program.
    pub address: Address,
    /// Receipt of the CREATE transaction.
    pub deploy_receipt: Receipt,
    /// Receipt of the `activateProgram` transaction; `None` when the code was already active
    /// (activation is keyed by codehash).
    pub activation_receipt: Option<Receipt>,
    /// The data fee ArbWasm charged (zero when already active).
    pub data_fee: U256,
}

/// The devnet: a [`Chain`] behind a mutex, shareable between threads (the RPC server holds a
/// clone), plus the funded dev accounts.
///
/// Transactions sent through this API are impersonated: they need no signature. Calls run
/// against the latest block (its number and timestamp).
#[derive(Debug, Clone)]
pub struct Devnet {
    chain: Arc<Mutex<Chain>>,
    accounts: Arc<[DevAccount]>,
}

impl Devnet {
    /// A devnet with Nitro devnode defaults (chain id 412346, 10 funded accounts).
    ///
    /// # Errors
    /// [`DevnetError::Genesis`] when the genesis state cannot be built.
    pub fn new() -> Result<Self, DevnetError> {
        Self::with_config(DevnetConfig::default())
    }

    /// A devnet with `config`.
    ///
    /// # Errors
    /// [`DevnetError::Genesis`] when the genesis state cannot be built.
    pub fn with_config(config: DevnetConfig) -> Result<Self, DevnetError> {
        let accounts: Arc<[DevAccount]> = dev_accounts(config.dev_account_count).into();
        let chain = Chain::new(config, &accounts)?;
        Ok(Self {
            chain: Arc::new(Mutex::new(chain)),
            accounts,
        })
    }

    /// Locks the chain for direct access (a poisoned lock is recovered: the chain's operations
    /// leave it consistent between calls).
    pub fn chain(&self) -> MutexGuard<'_, Chain> {
        self.chain.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The funded dev accounts (the Nitro devnode account first).
    pub fn accounts(&self) -> &[DevAccount] {
        &self.accounts
    }

    /// The chain id.
    pub fn chain_id(&self) -> u64 {
        self.chain().config().chain_id
    }

    /// The latest block number.
    pub fn block_number(&self) -> u64 {
        self.chain().latest_block().header.number
    }

    /// The latest block's timestamp.
    pub fn timestamp(&self) -> u64 {
        self.chain().latest_block().header.timestamp
    }

    /// Balance of `address`.
    pub fn balance(&self, address: Address) -> U256 {
        self.chain().balance(address)
    }

    /// Nonce of `address`.
    pub fn nonce(&self, address: Address) -> u64 {
        self.chain().nonce(address)
    }

    /// Code of `address`.
    pub fn code(&self, address: Address) -> Bytes {
        self.chain().code(address)
    }

    /// Storage slot `slot` of `address`.
    pub fn storage(&self, address: Address, slot: U256) -> U256 {
        self.chain().storage(address, slot)
    }

    /// Calls `to` with `data` from `from` (not mined).
    ///
    /// # Errors
    /// [`DevnetError::Reverted`] with the raw revert data, [`DevnetError::Halted`].
    pub fn call(
        &self,
        from: Address,
        to: Address,
        data: impl Into<Bytes>,
    ) -> Result<Bytes, DevnetError> {
        self.call_with_value(from, to, U256::ZERO, data)
    }

    /// Calls `to` with `data` and `value` from `from` (not mined).
    ///
    /// # Errors
    /// As [`Devnet::call`].
    pub fn call_with_value(
        &self,
        from: Address,
        to: Address,
        value: U256,
        data: impl Into<Bytes>,
    ) -> Result<Bytes, DevnetError> {
        let request = CallRequest {
            from: Some(from),
            to: Some(to),
            gas: None,
            value,
            input: data.into(),
        };
        self.chain().call(&request, StateBlock::Latest, None)
    }

    /// Calls `to` with `data` from `from` (not mined) and returns, with the output, what the call
    /// spent: gas, the Stylus meter's profile (ink per host call, entry gas, …) and the accounts
    /// and slots it touched. `from` may be a contract (as in `eth_call`), so a call can be profiled
    /// as a contract would make it.
    ///
    /// # Errors
    /// As [`Devnet::call`].
    pub fn call_with_stats(
        &self,
        from: Address,
        to: Address,
        data: impl Into<Bytes>,
    ) -> Result<(Bytes, TransactionStats), DevnetError> {
        let request = CallRequest {
            from: Some(from),
            to: Some(to),
            gas: None,
            value: U256::ZERO,
            input: data.into(),
        };
        let (result, stats) =
            self.chain()
                .simulate_with_stats(&request, StateBlock::Latest, None)?;
        Ok((crate::chain::into_output(result)?, stats))
    }

    /// Marks the Stylus program with `codehash` cached or not (Nitro's ArbWasmCache, as a cache
    /// manager would): cached programs pay the cached init cost on entry. Not part of the chain
    /// state: snapshots do not restore it.
    pub fn set_program_cached(&self, codehash: B256, cached: bool) {
        self.chain()
            .executor()
            .engine()
            .set_cached(codehash, cached);
    }

    /// Gas a transaction needs (binary search; sufficient unpadded).
    ///
    /// # Errors
    /// As [`Devnet::call`].
    pub fn estimate_gas(
        &self,
        from: Address,
        to: Option<Address>,
        value: U256,
        data: impl Into<Bytes>,
    ) -> Result<u64, DevnetError> {
        let request = CallRequest {
            from: Some(from),
            to,
            gas: None,
            value,
            input: data.into(),
        };
        self.chain()
            .estimate_gas(&request, StateBlock::Pending, None)
    }

    /// Sends a transaction from `from` (impersonated) and mines it. A reverted transaction is
    /// mined too: check [`Receipt::status`].
    ///
    /// The gas limit is the estimate, or the call gas cap when the estimate fails (so that the
    /// failing transaction is mined); the fee is the base fee with no tip.
    ///
    /// # Errors
    /// Nonce, balance and other refusals of [`Chain::submit`]; nothing is mined then.
    pub fn send(
        &self,
        from: Address,
        to: Address,
        value: U256,
        data: impl Into<Bytes>,
    ) -> Result<Receipt, DevnetError> {
        self.transact(from, Some(to), value, data.into())
    }

    fn transact(
        &self,
        from: Address,
        to: Option<Address>,
        value: U256,
        input: Bytes,
    ) -> Result<Receipt, DevnetError> {
        let mut chain = self.chain();
        let request = CallRequest {
            from: Some(from),
            to,
            gas: None,
            value,
            input: input.clone(),
        };
        let gas_limit = match chain.estimate_gas(&request, StateBlock::Pending, None) {
            Ok(gas) => gas,
            Err(DevnetError::Reverted { .. } | DevnetError::Halted { .. }) => {
                chain.config().call_gas_cap
            }
            Err(other) => return Err(other),
        };
        let transaction = PendingTransaction::impersonated(
            chain.config().chain_id,
            UnsignedRequest {
                from,
                to,
                value,
                input,
                nonce: chain.nonce(from),
                gas_limit,
                max_fee_per_gas: u128::from(chain.config().base_fee),
                max_priority_fee_per_gas: 0,
            },
        );
        chain.submit(&transaction)
    }

    /// Submits a signed raw transaction (EIP-2718 bytes) and mines it.
    ///
    /// # Errors
    /// Decoding, signature, chain id, nonce, fee and balance refusals.
    pub fn send_raw_transaction(&self, raw: &[u8]) -> Result<Receipt, DevnetError> {
        let transaction = PendingTransaction::decode_signed(raw)?;
        self.chain().submit(&transaction)
    }

    /// Deploys EVM `initcode` from `from`; returns the new contract's address and the receipt.
    ///
    /// # Errors
    /// [`DevnetError::Reverted`] when the creation reverts or halts, and the refusals of
    /// [`Devnet::send`].
    pub fn deploy_evm(
        &self,
        from: Address,
        initcode: impl Into<Bytes>,
    ) -> Result<(Address, Receipt), DevnetError> {
        let receipt = self.transact(from, None, U256::ZERO, initcode.into())?;
        if !receipt.status {
            let output = receipt.output.clone();
            let reason = alloy_sol_types::decode_revert_reason(&output);
            return Err(DevnetError::Reverted { output, reason });
        }
        let address = receipt
            .contract_address
            .ok_or(DevnetError::MissingContractAddress)?;
        Ok((address, receipt))
    }

    /// Deploys a Stylus program as cargo-stylus does: compresses raw WASM (`\0asm…`) to
    /// `EF F0 00 00 ‖ brotli` (code that already has the prefix is used as is), CREATEs it with
    /// cargo-stylus' init-code prelude, then — unless its codehash is already active — asks
    /// ArbWasm for the data fee and sends `activateProgram` with the fee plus 20 %.
    ///
    /// # Errors
    /// [`DevnetError::Reverted`] when deployment or activation fails (the revert data names the
    /// activation error), and the refusals of [`Devnet::send`].
    pub fn deploy_stylus(
        &self,
        from: Address,
        wasm_or_code: &[u8],
    ) -> Result<StylusDeployment, DevnetError> {
        let code = if wasm_or_code.starts_with(b"\0asm") {
            stylus_evm::compress_wasm(wasm_or_code)
        } else {
            wasm_or_code.to_vec()
        };
        let (address, deploy_receipt) =
            self.deploy_evm(from, stylus_evm::stylus_initcode(&code))?;
        let version_call = ArbWasm::codehashVersionCall {
            codehash: keccak256(&code),
        };
        match self.call(from, ARB_WASM, version_call.abi_encode()) {
            Ok(_) => {
                return Ok(StylusDeployment {
                    address,
                    deploy_receipt,
                    activation_receipt: None,
                    data_fee: U256::ZERO,
                })
            }
            Err(DevnetError::Reverted { .. }) => {}
            Err(other) => return Err(other),
        }
        let activate = ArbWasm::activateProgramCall { program: address }.abi_encode();
        let data_fee = self.activation_data_fee(from, &activate)?;
        let value = data_fee * U256::from(100 + DATA_FEE_BUMP_PERCENT) / U256::from(100);
        let activation_receipt = self.send(from, ARB_WASM, value, activate)?;
        if !activation_receipt.status {
            let output = activation_receipt.output.clone();
            return Err(DevnetError::Reverted {
                reason: alloy_sol_types::decode_revert_reason(&output),
                output,
            });
        }
        Ok(StylusDeployment {
            address,
            deploy_receipt,
            activation_receipt: Some(activation_receipt),
            data_fee,
        })
    }

    /// The data fee of `activate` (an encoded `activateProgram` call), estimated the way
    /// cargo-stylus does: an `eth_call` with 1 ETH from a sender whose balance is overridden.
    fn activation_data_fee(&self, from: Address, activate: &[u8]) -> Result<U256, DevnetError> {
        let overrides: StateOverride = [(
            from,
            AccountOverride {
                balance: Some(U256::MAX),
                ..AccountOverride::default()
            },
        )]
        .into_iter()
        .collect();
        let request = CallRequest {
            from: Some(from),
            to: Some(ARB_WASM),
            gas: None,
            value: DATA_FEE_PROBE_VALUE,
            input: activate.to_vec().into(),
        };
        let output = self
            .chain()
            .call(&request, StateBlock::Latest, Some(&overrides))?;
        let returns =
            ArbWasm::activateProgramCall::abi_decode_returns(&output).map_err(|error| {
                DevnetError::UnexpectedPrecompileOutput(format!(
                    "activateProgram returned {output}: {error}"
                ))
            })?;
        Ok(returns.dataFee)
    }

    /// Logs matching `filter`.
    ///
    /// # Errors
    /// [`DevnetError::UnknownBlock`] for an unknown block in the filter.
    pub fn logs(&self, filter: &Filter) -> Result<Vec<Log>, DevnetError> {
        self.chain().logs(filter)
    }

    /// Moves time forward by `seconds` (the next block's timestamp); returns the total offset.
    pub fn increase_time(&self, seconds: u64) -> i128 {
        self.chain().increase_time(seconds)
    }

    /// Makes the next block's timestamp exactly `timestamp`.
    ///
    /// # Errors
    /// [`DevnetError::TimestampInPast`] when it is before the latest block's.
    pub fn set_next_block_timestamp(&self, timestamp: u64) -> Result<(), DevnetError> {
        self.chain().set_next_block_timestamp(timestamp)
    }

    /// Mines an empty block; returns its number.
    pub fn mine(&self) -> u64 {
        self.chain().mine_empty_block()
    }

    /// Saves the chain state; returns the snapshot id.
    pub fn snapshot(&self) -> u64 {
        self.chain().snapshot()
    }

    /// Restores snapshot `id` (dropping it and later ones); `false` for an unknown id.
    pub fn revert(&self, id: u64) -> bool {
        self.chain().revert_to(id)
    }
}
