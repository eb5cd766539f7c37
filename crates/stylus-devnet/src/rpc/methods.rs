//! The JSON-RPC methods: [`dispatch`] maps a method name and its parameters to a result.
//!
//! Ethereum: `web3_clientVersion`, `net_version`, `eth_chainId`, `eth_blockNumber`,
//! `eth_getBlockByNumber`, `eth_getBlockByHash`, `eth_call` (with state overrides),
//! `eth_estimateGas`, `eth_gasPrice`, `eth_maxPriorityFeePerGas`, `eth_feeHistory`,
//! `eth_getBalance`, `eth_getCode`, `eth_getStorageAt`, `eth_getTransactionCount`,
//! `eth_sendRawTransaction`, `eth_sendTransaction` (dev accounts), `eth_getTransactionByHash`,
//! `eth_getTransactionReceipt`, `eth_getLogs`, `eth_accounts`, `eth_syncing`.
//! Dev controls (anvil's names; `anvil_*` aliases): `evm_increaseTime`, `evm_mine`,
//! `evm_setNextBlockTimestamp`, `evm_snapshot`, `evm_revert`, `anvil_mine`.

use super::{
    convert::{rpc_block, rpc_transaction},
    error::RpcError,
    params::Params,
};
use crate::{
    chain::{CallRequest, Chain, StateBlock},
    devnet::Devnet,
    error::DevnetError,
    transaction::{PendingTransaction, UnsignedRequest},
};
use alloy_eips::{BlockId, BlockNumberOrTag};
use alloy_primitives::{Address, Bytes, B256, U256, U64};
use alloy_rpc_types_eth::{state::StateOverride, FeeHistory, Filter, TransactionRequest};
use serde::Serialize;
use serde_json::Value;

/// Largest `eth_feeHistory` block count answered (as geth caps it).
const MAX_FEE_HISTORY_BLOCKS: u64 = 1_024;

/// Runs `method` with `params` against `devnet`.
///
/// # Errors
/// `-32601` for an unknown method, `-32602` for bad parameters, and the mapped
/// [`DevnetError`]s.
pub fn dispatch(devnet: &Devnet, method: &str, params: Option<Value>) -> Result<Value, RpcError> {
    let params = Params::new(params)?;
    match method {
        "web3_clientVersion" => to_json(concat!("stylus-devnet/v", env!("CARGO_PKG_VERSION"))),
        "net_version" => to_json(devnet.chain_id().to_string()),
        "eth_chainId" => to_json(U64::from(devnet.chain_id())),
        "eth_syncing" => to_json(false),
        "eth_accounts" => to_json(
            devnet
                .accounts()
                .iter()
                .map(|account| account.address)
                .collect::<Vec<_>>(),
        ),
        "eth_blockNumber" => to_json(U64::from(devnet.block_number())),
        "eth_gasPrice" => to_json(U256::from(devnet.chain().config().base_fee)),
        "eth_maxPriorityFeePerGas" => to_json(U256::ZERO),
        "eth_feeHistory" => fee_history(devnet, &params),
        "eth_getBlockByNumber" => block_by_number(devnet, &params),
        "eth_getBlockByHash" => block_by_hash(devnet, &params),
        "eth_getBalance" => account_read(devnet, &params, |chain, address| {
            to_json(chain.balance(address))
        }),
        "eth_getTransactionCount" => account_read(devnet, &params, |chain, address| {
            to_json(U64::from(chain.nonce(address)))
        }),
        "eth_getCode" => account_read(devnet, &params, |chain, address| {
            to_json(chain.code(address))
        }),
        "eth_getStorageAt" => storage_at(devnet, &params),
        "eth_call" => call(devnet, &params),
        "eth_estimateGas" => estimate_gas(devnet, &params),
        "eth_sendRawTransaction" => send_raw_transaction(devnet, &params),
        "eth_sendTransaction" => send_transaction(devnet, &params),
        "eth_getTransactionByHash" => {
            let hash: B256 = params.required(0, "transaction hash")?;
            to_json(devnet.chain().transaction(hash).map(rpc_transaction))
        }
        "eth_getTransactionReceipt" => {
            let hash: B256 = params.required(0, "transaction hash")?;
            to_json(
                devnet
                    .chain()
                    .transaction(hash)
                    .map(|mined| mined.receipt.to_rpc()),
            )
        }
        "eth_getLogs" => {
            let filter: Filter = params.required(0, "filter")?;
            to_json(devnet.logs(&filter)?)
        }
        "evm_increaseTime" | "anvil_increaseTime" => {
            let seconds = params
                .quantity(0, "seconds")?
                .ok_or_else(|| RpcError::invalid_params("missing parameter 0 (seconds)"))?;
            let offset = devnet.increase_time(seconds);
            to_json(U256::from(u64::try_from(offset.max(0)).unwrap_or(u64::MAX)))
        }
        "evm_setNextBlockTimestamp" | "anvil_setNextBlockTimestamp" => {
            let timestamp = params
                .quantity(0, "timestamp")?
                .ok_or_else(|| RpcError::invalid_params("missing parameter 0 (timestamp)"))?;
            devnet.set_next_block_timestamp(timestamp)?;
            Ok(Value::Null)
        }
        "evm_mine" => {
            devnet.mine();
            to_json("0x0")
        }
        "anvil_mine" => {
            let blocks = params.quantity(0, "blocks")?.unwrap_or(1);
            let interval = params.quantity(1, "interval")?;
            for _ in 0..blocks {
                if let Some(seconds) = interval {
                    devnet.increase_time(seconds);
                }
                devnet.mine();
            }
            Ok(Value::Null)
        }
        "evm_snapshot" | "anvil_snapshot" => to_json(U256::from(devnet.snapshot())),
        "evm_revert" | "anvil_revert" => {
            let id: U256 = params.required(0, "snapshot id")?;
            to_json(u64::try_from(id).is_ok_and(|id| devnet.revert(id)))
        }
        _ => Err(RpcError::new(
            RpcError::METHOD_NOT_FOUND,
            format!("the method {method} does not exist/is not available"),
        )),
    }
}

fn to_json<T: Serialize>(value: T) -> Result<Value, RpcError> {
    serde_json::to_value(value)
        .map_err(|error| RpcError::new(RpcError::INTERNAL_ERROR, error.to_string()))
}

/// The state a block parameter names (`latest` when absent; `pending` gives the next block's
/// environment).
fn state_block(chain: &Chain, block: Option<BlockId>) -> Result<StateBlock, DevnetError> {
    match block.unwrap_or(BlockId::Number(BlockNumberOrTag::Latest)) {
        BlockId::Number(tag) => chain.state_block(tag),
        BlockId::Hash(hash) => {
            let number = chain
                .block_by_hash(hash.block_hash)
                .ok_or_else(|| DevnetError::UnknownBlock(hash.block_hash.to_string()))?
                .header
                .number;
            chain.state_block(BlockNumberOrTag::Number(number))
        }
    }
}

fn account_read(
    devnet: &Devnet,
    params: &Params,
    read: impl FnOnce(&Chain, Address) -> Result<Value, RpcError>,
) -> Result<Value, RpcError> {
    let address: Address = params.required(0, "address")?;
    let block: Option<BlockId> = params.optional(1, "block")?;
    let chain = devnet.chain();
    state_block(&chain, block)?;
    read(&chain, address)
}

fn storage_at(devnet: &Devnet, params: &Params) -> Result<Value, RpcError> {
    let address: Address = params.required(0, "address")?;
    let slot: U256 = params.required(1, "slot")?;
    let block: Option<BlockId> = params.optional(2, "block")?;
    let chain = devnet.chain();
    state_block(&chain, block)?;
    to_json(B256::from(chain.storage(address, slot)))
}

fn block_by_number(devnet: &Devnet, params: &Params) -> Result<Value, RpcError> {
    let tag: BlockNumberOrTag = params.required(0, "block")?;
    let full: bool = params.optional(1, "full transactions")?.unwrap_or(false);
    let chain = devnet.chain();
    let number = match tag {
        BlockNumberOrTag::Number(number) => number,
        tag => chain.resolve_block_number(tag)?,
    };
    to_json(
        chain
            .block_by_number(number)
            .map(|block| rpc_block(&chain, block, full)),
    )
}

fn block_by_hash(devnet: &Devnet, params: &Params) -> Result<Value, RpcError> {
    let hash: B256 = params.required(0, "block hash")?;
    let full: bool = params.optional(1, "full transactions")?.unwrap_or(false);
    let chain = devnet.chain();
    to_json(
        chain
            .block_by_hash(hash)
            .map(|block| rpc_block(&chain, block, full)),
    )
}

/// A call object's fields (`input` or `data`, which must agree when both are given).
fn call_request(request: TransactionRequest) -> Result<CallRequest, RpcError> {
    let input = request
        .input
        .try_into_unique_input()
        .map_err(|error| RpcError::invalid_params(error.to_string()))?
        .unwrap_or_default();
    Ok(CallRequest {
        from: request.from,
        to: request.to.and_then(|kind| kind.to().copied()),
        gas: request.gas,
        value: request.value.unwrap_or_default(),
        input,
    })
}

fn call(devnet: &Devnet, params: &Params) -> Result<Value, RpcError> {
    let request = call_request(params.required(0, "transaction")?)?;
    let block: Option<BlockId> = params.optional(1, "block")?;
    let overrides: Option<StateOverride> = params.optional(2, "state overrides")?;
    let chain = devnet.chain();
    let block = state_block(&chain, block)?;
    to_json(chain.call(&request, block, overrides.as_ref())?)
}

fn estimate_gas(devnet: &Devnet, params: &Params) -> Result<Value, RpcError> {
    let request = call_request(params.required(0, "transaction")?)?;
    let block: Option<BlockId> = params.optional(1, "block")?;
    let overrides: Option<StateOverride> = params.optional(2, "state overrides")?;
    let chain = devnet.chain();
    let block = state_block(&chain, block)?;
    to_json(U64::from(chain.estimate_gas(
        &request,
        block,
        overrides.as_ref(),
    )?))
}

fn fee_history(devnet: &Devnet, params: &Params) -> Result<Value, RpcError> {
    let count = params
        .quantity(0, "block count")?
        .ok_or_else(|| RpcError::invalid_params("missing parameter 0 (block count)"))?;
    let newest: BlockNumberOrTag = params
        .optional(1, "newest block")?
        .unwrap_or(BlockNumberOrTag::Latest);
    let percentiles: Vec<f64> = params
        .optional(2, "reward percentiles")?
        .unwrap_or_default();
    let chain = devnet.chain();
    let newest = chain.resolve_block_number(newest)?;
    let count = count.clamp(1, MAX_FEE_HISTORY_BLOCKS).min(newest + 1);
    let oldest = newest + 1 - count;
    let base_fee = u128::from(chain.config().base_fee);
    let block_gas_limit = chain.config().block_gas_limit;
    let gas_used_ratio = (oldest..=newest)
        .map(|number| {
            chain.block_by_number(number).map_or(0.0, |block| {
                #[allow(clippy::cast_precision_loss)]
                let ratio = block.header.gas_used as f64 / block_gas_limit as f64;
                ratio
            })
        })
        .collect();
    let history = FeeHistory {
        // One entry per block plus the next block's, as the API defines.
        base_fee_per_gas: vec![base_fee; usize::try_from(count + 1).unwrap_or(usize::MAX)],
        gas_used_ratio,
        base_fee_per_blob_gas: Vec::new(),
        blob_gas_used_ratio: Vec::new(),
        oldest_block: oldest,
        reward: Some(vec![
            vec![0; percentiles.len()];
            usize::try_from(count).unwrap_or(usize::MAX)
        ]),
    };
    to_json(history)
}

fn send_raw_transaction(devnet: &Devnet, params: &Params) -> Result<Value, RpcError> {
    let raw: Bytes = params.required(0, "signed transaction")?;
    let transaction = PendingTransaction::decode_signed(&raw)?;
    devnet.chain().submit(&transaction)?;
    to_json(transaction.hash)
}

fn send_transaction(devnet: &Devnet, params: &Params) -> Result<Value, RpcError> {
    let request: TransactionRequest = params.required(0, "transaction")?;
    let from = request
        .from
        .ok_or_else(|| RpcError::invalid_params("eth_sendTransaction needs `from`"))?;
    if !devnet
        .accounts()
        .iter()
        .any(|account| account.address == from)
    {
        return Err(DevnetError::UnknownAccount(from).into());
    }
    let max_fee_per_gas = request.max_fee_per_gas.or(request.gas_price);
    let max_priority_fee_per_gas = request.max_priority_fee_per_gas.unwrap_or(0);
    let nonce = request.nonce;
    let gas = request.gas;
    let call = call_request(request)?;
    let mut chain = devnet.chain();
    let gas_limit = match gas {
        Some(gas) => gas,
        None => chain.estimate_gas(&call, StateBlock::Pending, None)?,
    };
    let transaction = PendingTransaction::impersonated(
        chain.config().chain_id,
        UnsignedRequest {
            from,
            to: call.to,
            value: call.value,
            input: call.input,
            nonce: nonce.unwrap_or_else(|| chain.nonce(from)),
            gas_limit,
            max_fee_per_gas: max_fee_per_gas.unwrap_or_else(|| u128::from(chain.config().base_fee)),
            max_priority_fee_per_gas,
        },
    );
    chain.submit(&transaction)?;
    to_json(transaction.hash)
}
