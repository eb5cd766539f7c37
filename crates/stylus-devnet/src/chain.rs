//! [`Chain`]: the devnet's state, blocks, transactions and receipts, and the operations on them
//! (mining, calls, gas estimation, logs, snapshots).

use crate::{
    access::{AccessCounts, TransactionStats},
    accounts::DevAccount,
    block::MinedBlock,
    clock::Clock,
    config::DevnetConfig,
    error::DevnetError,
    executor::Executor,
    genesis::genesis_state,
    receipt::Receipt,
    transaction::PendingTransaction,
};
use alloy_consensus::{
    constants::{EMPTY_OMMER_ROOT_HASH, EMPTY_ROOT_HASH},
    proofs::{calculate_receipt_root, calculate_transaction_root},
    Eip658Value, Header, ReceiptEnvelope, ReceiptWithBloom, Transaction as _, TxEnvelope,
};
use alloy_eips::BlockNumberOrTag;
use alloy_primitives::{
    keccak256, logs_bloom, Address, Bytes, Log as PrimitiveLog, B256, B64, U256,
};
use alloy_rpc_types_eth::{state::StateOverride, Filter, FilterBlockOption, Log};
use alloy_sol_types::decode_revert_reason;

use revm::{
    bytecode::Bytecode,
    context::{
        result::{ExecutionResult, Output},
        BlockEnv, TxEnv,
    },
    context_interface::block::BlobExcessGasAndPrice,
    database::{CacheDB, EmptyDB},
    primitives::{eip4844::BLOB_BASE_FEE_UPDATE_FRACTION_PRAGUE, TxKind},
    Database, DatabaseCommit, DatabaseRef,
};
use std::collections::HashMap;
use stylus_evm::ExecOptions;

/// Which state a read or a call runs against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateBlock {
    /// The latest mined block's state and environment.
    Latest,
    /// The latest state in the environment of the next block (number + 1, next timestamp).
    Pending,
}

/// A call or gas estimate: a transaction that is run but not mined.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallRequest {
    /// Sender (the zero address when `None`).
    pub from: Option<Address>,
    /// Recipient; `None` runs `input` as init code.
    pub to: Option<Address>,
    /// Gas limit (capped by the chain's call gas cap; the cap when `None`).
    pub gas: Option<u64>,
    /// Value in wei.
    pub value: U256,
    /// Calldata or init code.
    pub input: Bytes,
}

/// Everything that a snapshot saves and a revert restores.
#[derive(Debug, Clone)]
struct ChainState {
    db: CacheDB<EmptyDB>,
    blocks: Vec<MinedBlock>,
    block_numbers: HashMap<B256, u64>,
    transactions: HashMap<B256, MinedTransaction>,
    clock: Clock,
}

/// A mined transaction and its receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinedTransaction {
    /// The transaction.
    pub envelope: TxEnvelope,
    /// Its sender.
    pub from: Address,
    /// Its receipt.
    pub receipt: Receipt,
}

/// The development chain: one block per transaction, mined as soon as it is submitted.
#[derive(Debug)]
pub struct Chain {
    config: DevnetConfig,
    executor: Executor,
    state: ChainState,
    snapshots: Vec<(u64, ChainState)>,
    next_snapshot_id: u64,
}

impl Chain {
    /// A new chain with its genesis block.
    ///
    /// # Errors
    /// [`DevnetError::Genesis`] when the genesis state cannot be built.
    pub fn new(config: DevnetConfig, accounts: &[DevAccount]) -> Result<Self, DevnetError> {
        let executor = Executor::new(config.chain_id);
        let clock = Clock::default();
        let timestamp = clock.now();
        let db = genesis_state(
            &executor,
            accounts,
            config.dev_account_balance,
            block_env(&config, 0, timestamp),
        )?;
        let header = empty_header(&config, 0, timestamp);
        let genesis = MinedBlock::seal(header, Vec::new());
        let state = ChainState {
            db,
            block_numbers: HashMap::from([(genesis.hash, 0)]),
            blocks: vec![genesis],
            transactions: HashMap::new(),
            clock,
        };
        Ok(Self {
            config,
            executor,
            state,
            snapshots: Vec::new(),
            next_snapshot_id: 0,
        })
    }

    /// The chain's parameters.
    pub fn config(&self) -> &DevnetConfig {
        &self.config
    }

    /// The executor (and through it the Stylus engine).
    pub fn executor(&self) -> &Executor {
        &self.executor
    }

    /// The latest block.
    ///
    /// # Panics
    /// Never: a chain always holds at least its genesis block.
    pub fn latest_block(&self) -> &MinedBlock {
        self.state
            .blocks
            .last()
            .expect("the chain always has its genesis block")
    }

    /// The block with `number`, if mined.
    pub fn block_by_number(&self, number: u64) -> Option<&MinedBlock> {
        usize::try_from(number)
            .ok()
            .and_then(|index| self.state.blocks.get(index))
    }

    /// The block with `hash`, if mined.
    pub fn block_by_hash(&self, hash: B256) -> Option<&MinedBlock> {
        self.state
            .block_numbers
            .get(&hash)
            .and_then(|number| self.block_by_number(*number))
    }

    /// Resolves a block tag or number to a mined block number (`pending` is the latest block).
    ///
    /// # Errors
    /// [`DevnetError::UnknownBlock`] for a number above the latest block.
    pub fn resolve_block_number(&self, tag: BlockNumberOrTag) -> Result<u64, DevnetError> {
        let latest = self.latest_block().header.number;
        match tag {
            BlockNumberOrTag::Earliest => Ok(0),
            BlockNumberOrTag::Number(number) if number <= latest => Ok(number),
            BlockNumberOrTag::Number(number) => Err(DevnetError::UnknownBlock(number.to_string())),
            BlockNumberOrTag::Latest
            | BlockNumberOrTag::Pending
            | BlockNumberOrTag::Safe
            | BlockNumberOrTag::Finalized => Ok(latest),
        }
    }

    /// Which state to read for `tag`: only the latest state is kept.
    ///
    /// # Errors
    /// [`DevnetError::HistoricalState`] for an older block, [`DevnetError::UnknownBlock`] for a
    /// future one.
    pub fn state_block(&self, tag: BlockNumberOrTag) -> Result<StateBlock, DevnetError> {
        if tag.is_pending() {
            return Ok(StateBlock::Pending);
        }
        let latest = self.latest_block().header.number;
        let requested = self.resolve_block_number(tag)?;
        if requested == latest {
            Ok(StateBlock::Latest)
        } else {
            Err(DevnetError::HistoricalState { requested, latest })
        }
    }

    /// A mined transaction by hash.
    pub fn transaction(&self, hash: B256) -> Option<&MinedTransaction> {
        self.state.transactions.get(&hash)
    }

    /// Balance of `address` in the latest state.
    pub fn balance(&self, address: Address) -> U256 {
        self.account(address)
            .map_or(U256::ZERO, |info| info.balance)
    }

    /// Nonce of `address` in the latest state.
    pub fn nonce(&self, address: Address) -> u64 {
        self.account(address).map_or(0, |info| info.nonce)
    }

    /// Code of `address` in the latest state.
    pub fn code(&self, address: Address) -> Bytes {
        self.account(address)
            .and_then(|info| info.code)
            .map_or_else(Bytes::new, |code| code.original_bytes())
    }

    /// Storage slot `slot` of `address` in the latest state.
    pub fn storage(&self, address: Address, slot: U256) -> U256 {
        self.state.db.storage_ref(address, slot).unwrap_or_default()
    }

    fn account(&self, address: Address) -> Option<revm::state::AccountInfo> {
        self.state.db.basic_ref(address).ok().flatten()
    }

    /// The devnet time that the next block would get.
    pub fn next_timestamp(&self) -> u64 {
        self.state
            .clock
            .next_block_timestamp(self.latest_block().header.timestamp)
    }

    /// Moves time forward by `seconds`; returns the total offset from the wall clock.
    pub fn increase_time(&mut self, seconds: u64) -> i128 {
        self.state.clock.increase(seconds)
    }

    /// Makes the next block's timestamp exactly `timestamp`.
    ///
    /// # Errors
    /// [`DevnetError::TimestampInPast`] when `timestamp` is before the latest block's.
    pub fn set_next_block_timestamp(&mut self, timestamp: u64) -> Result<(), DevnetError> {
        let latest = self.latest_block().header.timestamp;
        if timestamp < latest {
            return Err(DevnetError::TimestampInPast {
                requested: timestamp,
                latest,
            });
        }
        self.state.clock.set_next_block_timestamp(timestamp);
        Ok(())
    }

    fn environment(&self, block: StateBlock) -> BlockEnv {
        let latest = &self.latest_block().header;
        match block {
            StateBlock::Latest => block_env(&self.config, latest.number, latest.timestamp),
            StateBlock::Pending => {
                block_env(&self.config, latest.number + 1, self.next_timestamp())
            }
        }
    }

    /// Runs `request` against `block`'s state with `overrides` applied to a throw-away layer.
    ///
    /// # Errors
    /// [`DevnetError::InvalidTransaction`] / [`DevnetError::Engine`] when it cannot run at all.
    pub fn simulate(
        &self,
        request: &CallRequest,
        block: StateBlock,
        overrides: Option<&StateOverride>,
    ) -> Result<ExecutionResult, DevnetError> {
        self.simulate_with_stats(request, block, overrides)
            .map(|(result, _)| result)
    }

    /// [`Chain::simulate`], also returning what the call spent: the Stylus meter's profile and
    /// the accounts and slots it touched (see [`crate::access`]).
    ///
    /// # Errors
    /// As [`Chain::simulate`].
    pub fn simulate_with_stats(
        &self,
        request: &CallRequest,
        block: StateBlock,
        overrides: Option<&StateOverride>,
    ) -> Result<(ExecutionResult, TransactionStats), DevnetError> {
        let mut layer = CacheDB::new(&self.state.db);
        if let Some(overrides) = overrides {
            apply_overrides(&mut layer, overrides)?;
        }
        let transaction = TxEnv {
            caller: request.from.unwrap_or_default(),
            kind: request.to.map_or(TxKind::Create, TxKind::Call),
            value: request.value,
            data: request.input.clone(),
            gas_limit: request
                .gas
                .unwrap_or(self.config.call_gas_cap)
                .min(self.config.call_gas_cap),
            gas_price: 0,
            chain_id: Some(self.config.chain_id),
            ..TxEnv::default()
        };
        let options = ExecOptions {
            is_call: true,
            gas_cap: Some(self.config.call_gas_cap),
        };
        let environment = self.environment(block);
        let warm = [
            transaction.caller,
            request.to.unwrap_or_default(),
            environment.beneficiary,
        ];
        let (outcome, stylus) =
            self.executor
                .run(&mut layer, environment, transaction, &options)?;
        let stats = TransactionStats {
            gas_used: outcome.result.tx_gas_used(),
            stylus,
            access: AccessCounts::from_state(&outcome.state, &warm),
        };
        Ok((outcome.result, stats))
    }

    /// `eth_call`: the return data of `request`.
    ///
    /// # Errors
    /// [`DevnetError::Reverted`] with the raw revert bytes, [`DevnetError::Halted`], or the
    /// errors of [`Chain::simulate`].
    pub fn call(
        &self,
        request: &CallRequest,
        block: StateBlock,
        overrides: Option<&StateOverride>,
    ) -> Result<Bytes, DevnetError> {
        into_output(self.simulate(request, block, overrides)?)
    }

    /// `eth_estimateGas`: the smallest gas limit with which `request` succeeds (found by binary
    /// search, so it suffices unpadded even with the 63/64 rule and refunds).
    ///
    /// # Errors
    /// [`DevnetError::Reverted`] / [`DevnetError::Halted`] when it fails even with the cap.
    pub fn estimate_gas(
        &self,
        request: &CallRequest,
        block: StateBlock,
        overrides: Option<&StateOverride>,
    ) -> Result<u64, DevnetError> {
        let cap = request
            .gas
            .unwrap_or(self.config.call_gas_cap)
            .min(self.config.call_gas_cap);
        let run = |gas: u64| {
            self.simulate(
                &CallRequest {
                    gas: Some(gas),
                    ..request.clone()
                },
                block,
                overrides,
            )
        };
        let first = run(cap)?;
        let used = first.tx_gas_used();
        let spent = first.gas().total_gas_spent();
        into_output(first)?;
        // Every limit below the gas used fails; the cap succeeds.
        let mut failing = used.saturating_sub(1);
        let mut succeeding = cap;
        // Geth's optimistic first guess: what was spent plus the 63/64 headroom of nested calls.
        let optimistic = (spent.saturating_add(2_300)).saturating_mul(64) / 63;
        if optimistic < succeeding {
            if run(optimistic)?.is_success() {
                succeeding = optimistic;
            } else {
                failing = optimistic;
            }
        }
        while failing + 1 < succeeding {
            let middle = failing + (succeeding - failing) / 2;
            if run(middle)?.is_success() {
                succeeding = middle;
            } else {
                failing = middle;
            }
        }
        Ok(succeeding)
    }

    /// Validates `transaction` against the latest state and mines it in a new block.
    ///
    /// A transaction that reverts or halts is still mined (status 0), as on any chain.
    ///
    /// # Errors
    /// Chain id, nonce, fee cap, gas limit and balance refusals (see [`DevnetError`]); nothing is
    /// mined then.
    pub fn submit(&mut self, transaction: &PendingTransaction) -> Result<Receipt, DevnetError> {
        self.validate(transaction)?;
        let number = self.latest_block().header.number + 1;
        let timestamp = self.next_timestamp();
        let environment = block_env(&self.config, number, timestamp);
        let (outcome, _) = self.executor.run(
            &mut self.state.db,
            environment,
            transaction.tx_env(),
            &ExecOptions::default(),
        )?;
        self.state.db.commit(outcome.state);
        let result = outcome.result;

        let status = result.is_success();
        let gas_used = result.tx_gas_used();
        let contract_address = if status {
            result.created_address()
        } else {
            None
        };
        let output = execution_output(&result);
        let logs: Vec<PrimitiveLog> = result.into_logs();
        let bloom = logs_bloom(logs.iter());
        let consensus_receipt = ReceiptWithBloom {
            receipt: alloy_consensus::Receipt {
                status: Eip658Value::Eip658(status),
                cumulative_gas_used: gas_used,
                logs: logs.clone(),
            },
            logs_bloom: bloom,
        };
        let receipt_envelope = match transaction.envelope.tx_type() {
            alloy_consensus::TxType::Legacy => ReceiptEnvelope::Legacy(consensus_receipt),
            alloy_consensus::TxType::Eip2930 => ReceiptEnvelope::Eip2930(consensus_receipt),
            _ => ReceiptEnvelope::Eip1559(consensus_receipt),
        };
        let header = Header {
            transactions_root: calculate_transaction_root(std::slice::from_ref(
                &transaction.envelope,
            )),
            receipts_root: calculate_receipt_root(&[receipt_envelope]),
            logs_bloom: bloom,
            gas_used,
            ..self.next_header(timestamp)
        };
        let block = MinedBlock::seal(header, vec![transaction.hash]);
        let rpc_logs = logs
            .into_iter()
            .enumerate()
            .map(|(index, inner)| Log {
                inner,
                block_hash: Some(block.hash),
                block_number: Some(number),
                block_timestamp: Some(timestamp),
                transaction_hash: Some(transaction.hash),
                transaction_index: Some(0),
                log_index: Some(index as u64),
                removed: false,
            })
            .collect();
        let receipt = Receipt {
            transaction_hash: transaction.hash,
            block_hash: block.hash,
            block_number: number,
            block_timestamp: timestamp,
            from: transaction.from,
            to: transaction.envelope.to(),
            contract_address,
            status,
            gas_used,
            effective_gas_price: transaction.effective_gas_price(self.config.base_fee),
            transaction_type: transaction.envelope.tx_type(),
            logs: rpc_logs,
            logs_bloom: bloom,
            output,
        };
        self.push_block(block);
        self.state.transactions.insert(
            transaction.hash,
            MinedTransaction {
                envelope: transaction.envelope.clone(),
                from: transaction.from,
                receipt: receipt.clone(),
            },
        );
        Ok(receipt)
    }

    /// Mines an empty block; returns its number.
    pub fn mine_empty_block(&mut self) -> u64 {
        let header = self.next_header(self.next_timestamp());
        let number = header.number;
        self.push_block(MinedBlock::seal(header, Vec::new()));
        number
    }

    /// The header of an empty block on top of the latest one, at `timestamp`.
    fn next_header(&self, timestamp: u64) -> Header {
        let parent = self.latest_block();
        Header {
            parent_hash: parent.hash,
            number: parent.header.number + 1,
            timestamp,
            ..empty_header(&self.config, 0, timestamp)
        }
    }

    fn push_block(&mut self, block: MinedBlock) {
        self.state.clock.block_mined(block.header.timestamp);
        self.state
            .block_numbers
            .insert(block.hash, block.header.number);
        self.state.blocks.push(block);
    }

    fn validate(&self, transaction: &PendingTransaction) -> Result<(), DevnetError> {
        let envelope = &transaction.envelope;
        if let Some(chain_id) = envelope.chain_id() {
            if chain_id != self.config.chain_id {
                return Err(DevnetError::WrongChainId {
                    expected: self.config.chain_id,
                    actual: chain_id,
                });
            }
        }
        let address = transaction.from;
        let expected = self.nonce(address);
        let actual = envelope.nonce();
        if actual < expected {
            return Err(DevnetError::NonceTooLow {
                address,
                expected,
                actual,
            });
        }
        if actual > expected {
            return Err(DevnetError::NonceTooHigh {
                address,
                expected,
                actual,
            });
        }
        if envelope.max_fee_per_gas() < u128::from(self.config.base_fee) {
            return Err(DevnetError::FeeCapTooLow {
                max_fee: envelope.max_fee_per_gas(),
                base_fee: self.config.base_fee,
            });
        }
        if envelope.gas_limit() > self.config.block_gas_limit {
            return Err(DevnetError::GasLimitTooHigh {
                gas_limit: envelope.gas_limit(),
                block_gas_limit: self.config.block_gas_limit,
            });
        }
        let balance = self.balance(address);
        let cost = transaction.max_cost();
        if balance < cost {
            return Err(DevnetError::InsufficientFunds {
                address,
                balance,
                cost,
            });
        }
        Ok(())
    }

    /// Logs matching `filter`, in chain order.
    ///
    /// # Errors
    /// [`DevnetError::UnknownBlock`] for an unknown block hash or a range beyond the latest block.
    pub fn logs(&self, filter: &Filter) -> Result<Vec<Log>, DevnetError> {
        let (from, to) = match filter.block_option {
            FilterBlockOption::AtBlockHash(hash) => {
                let number = self
                    .block_by_hash(hash)
                    .ok_or_else(|| DevnetError::UnknownBlock(hash.to_string()))?
                    .header
                    .number;
                (number, number)
            }
            FilterBlockOption::Range {
                from_block,
                to_block,
            } => (
                self.resolve_block_number(from_block.unwrap_or(BlockNumberOrTag::Latest))?,
                self.resolve_block_number(to_block.unwrap_or(BlockNumberOrTag::Latest))?,
            ),
        };
        let mut found = Vec::new();
        for number in from..=to {
            let Some(block) = self.block_by_number(number) else {
                break;
            };
            for hash in &block.transactions {
                if let Some(mined) = self.state.transactions.get(hash) {
                    found.extend(
                        mined
                            .receipt
                            .logs
                            .iter()
                            .filter(|log| filter.matches(&log.inner))
                            .cloned(),
                    );
                }
            }
        }
        Ok(found)
    }

    /// Saves the whole chain state; returns the snapshot id (0, 1, 2, … as anvil does).
    pub fn snapshot(&mut self) -> u64 {
        let id = self.next_snapshot_id;
        self.next_snapshot_id += 1;
        self.snapshots.push((id, self.state.clone()));
        id
    }

    /// Restores the state saved by snapshot `id` and drops that snapshot and every later one.
    /// Returns `false` (and changes nothing) for an unknown id.
    pub fn revert_to(&mut self, id: u64) -> bool {
        let Some(position) = self.snapshots.iter().position(|(saved, _)| *saved == id) else {
            return false;
        };
        let (_, state) = self.snapshots.swap_remove(position);
        self.snapshots.truncate(position);
        self.state = state;
        true
    }
}

/// The block environment of block `number` at `timestamp`.
fn block_env(config: &DevnetConfig, number: u64, timestamp: u64) -> BlockEnv {
    BlockEnv {
        number: U256::from(number),
        beneficiary: Address::ZERO,
        timestamp: U256::from(timestamp),
        gas_limit: config.block_gas_limit,
        basefee: config.base_fee,
        difficulty: U256::from(1),
        prevrandao: Some(prevrandao(number)),
        blob_excess_gas_and_price: Some(BlobExcessGasAndPrice::new(
            0,
            BLOB_BASE_FEE_UPDATE_FRACTION_PRAGUE,
        )),
        slot_num: 0,
    }
}

/// The header of an empty block `number` at `timestamp` with no parent.
fn empty_header(config: &DevnetConfig, number: u64, timestamp: u64) -> Header {
    Header {
        parent_hash: B256::ZERO,
        ommers_hash: EMPTY_OMMER_ROOT_HASH,
        transactions_root: EMPTY_ROOT_HASH,
        receipts_root: EMPTY_ROOT_HASH,
        difficulty: U256::from(1),
        number,
        gas_limit: config.block_gas_limit,
        timestamp,
        mix_hash: prevrandao(number),
        nonce: B64::ZERO,
        base_fee_per_gas: Some(config.base_fee),
        ..Header::default()
    }
}

/// What a mined transaction returned: call output, deployed code or revert data (empty on a
/// halt).
fn execution_output(result: &ExecutionResult) -> Bytes {
    match result {
        ExecutionResult::Success {
            output: Output::Call(data),
            ..
        }
        | ExecutionResult::Revert { output: data, .. } => data.clone(),
        ExecutionResult::Success {
            output: Output::Create(code, _),
            ..
        } => code.clone(),
        ExecutionResult::Halt { .. } => Bytes::new(),
    }
}

/// A deterministic `prevrandao` / `mixHash` for block `number`.
fn prevrandao(number: u64) -> B256 {
    keccak256(number.to_be_bytes())
}

/// The output of a successful execution; reverts and halts as errors.
pub(crate) fn into_output(result: ExecutionResult) -> Result<Bytes, DevnetError> {
    match result {
        ExecutionResult::Success { output, .. } => Ok(output.into_data()),
        ExecutionResult::Revert { output, .. } => {
            let reason = decode_revert_reason(&output);
            Err(DevnetError::Reverted { output, reason })
        }
        ExecutionResult::Halt { reason, .. } => Err(DevnetError::Halted {
            reason: format!("{reason:?}"),
        }),
    }
}

/// Applies `eth_call` state overrides to a throw-away layer.
fn apply_overrides<DB: DatabaseRef>(
    layer: &mut CacheDB<DB>,
    overrides: &StateOverride,
) -> Result<(), DevnetError>
where
    DB::Error: std::fmt::Debug,
{
    let database_error = |error: DB::Error| DevnetError::Engine(format!("{error:?}"));
    for (address, account) in overrides {
        if account.move_precompile_to.is_some() {
            return Err(DevnetError::InvalidTransaction(
                "movePrecompileToAddress overrides are not supported".into(),
            ));
        }
        if account.state.is_some() && account.state_diff.is_some() {
            return Err(DevnetError::InvalidTransaction(format!(
                "both state and stateDiff overridden for {address}"
            )));
        }
        let mut info = layer
            .basic(*address)
            .map_err(database_error)?
            .unwrap_or_default();
        if let Some(balance) = account.balance {
            info.balance = balance;
        }
        if let Some(nonce) = account.nonce {
            info.nonce = nonce;
        }
        if let Some(code) = &account.code {
            let bytecode = Bytecode::new_raw(code.clone());
            info.code_hash = bytecode.hash_slow();
            info.code = Some(bytecode);
        }
        layer.insert_account_info(*address, info);
        if let Some(state) = &account.state {
            let slots = state
                .iter()
                .map(|(slot, value)| (U256::from_be_bytes(slot.0), U256::from_be_bytes(value.0)));
            layer
                .replace_account_storage(*address, slots.collect())
                .map_err(database_error)?;
        }
        if let Some(diff) = &account.state_diff {
            for (slot, value) in diff {
                layer
                    .insert_account_storage(
                        *address,
                        U256::from_be_bytes(slot.0),
                        U256::from_be_bytes(value.0),
                    )
                    .map_err(database_error)?;
            }
        }
    }
    Ok(())
}
