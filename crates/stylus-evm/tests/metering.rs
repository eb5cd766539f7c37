//! Metering: out of ink, out of stack, cached vs uncached entry, cold vs warm storage, and the
//! activation limits that are about size.

mod common;

use common::{Chain, GAS};
use revm::{
    context::{
        result::{ExecutionResult, HaltReason},
        transaction::AccessList,
        TxEnv,
    },
    primitives::{address, keccak256, Address, U256},
};
use stylus_evm::{activation, compress_wasm, costs, precompiles};

const PROGRAM: Address = address!("00000000000000000000000000000000000000c0");

const LOOP_FOREVER: &str = r#"(module (memory (export "memory") 1 1)
  (func (export "user_entrypoint") (param i32) (result i32) (loop $l (br $l)) (i32.const 0)))"#;

const RECURSE_FOREVER: &str = r#"(module (memory (export "memory") 1 1)
  (func $f (param i32) (result i32) (call $f (local.get 0)))
  (func (export "user_entrypoint") (param i32) (result i32) (call $f (local.get 0))))"#;

/// Loads slot 0 (through the storage cache: one `storage_load_bytes32`) and returns.
const LOAD_SLOT: &str = r#"(module
  (import "vm_hooks" "storage_load_bytes32" (func $load (param i32 i32)))
  (memory (export "memory") 1 1)
  (func (export "user_entrypoint") (param i32) (result i32)
    (call $load (i32.const 0) (i32.const 32)) (i32.const 0)))"#;

const EMPTY: &str = r#"(module (memory (export "memory") 1 1)
  (func (export "user_entrypoint") (param i32) (result i32) (i32.const 0)))"#;

fn halt_reason(result: &ExecutionResult) -> Option<HaltReason> {
    match result {
        ExecutionResult::Halt { reason, .. } => Some(reason.clone()),
        _ => None,
    }
}

#[test]
fn running_out_of_ink_is_out_of_gas_with_all_gas_consumed() {
    let mut chain = Chain::new();
    chain.install_program(PROGRAM, LOOP_FOREVER);
    let tx = TxEnv {
        gas_limit: 300_000,
        ..chain.tx(PROGRAM, Vec::new(), U256::ZERO)
    };
    let (result, stats) = chain.send_with(tx);
    assert!(
        matches!(halt_reason(&result.result), Some(HaltReason::OutOfGas(_))),
        "{:?}",
        result.result
    );
    assert_eq!(result.result.tx_gas_used(), 300_000);
    assert!(stats.opcode_ink > 0);
}

#[test]
fn running_out_of_stack_fails_with_all_gas_consumed() {
    let mut chain = Chain::new();
    chain.install_program(PROGRAM, RECURSE_FOREVER);
    let (result, _) = chain.send(PROGRAM, Vec::new(), U256::ZERO);
    assert_eq!(
        halt_reason(&result.result),
        Some(HaltReason::CallTooDeep),
        "{:?}",
        result.result
    );
    assert_eq!(result.result.tx_gas_used(), GAS);
}

#[test]
fn a_cached_program_pays_the_cached_entry_instead_of_the_init_gas() {
    let mut chain = Chain::new();
    chain.install_program(PROGRAM, EMPTY);
    let code = compress_wasm(&wat::parse_str(EMPTY).unwrap());
    let codehash = keccak256(&code);
    let info = chain.engine.check_activation(&code).unwrap();

    let (uncached, uncached_stats) = chain.send(PROGRAM, Vec::new(), U256::ZERO);
    chain.engine.set_cached(codehash, true);
    let (cached, cached_stats) = chain.send(PROGRAM, Vec::new(), U256::ZERO);

    assert_eq!(
        uncached_stats.entry_gas - cached_stats.entry_gas,
        activation::init_gas(&info)
    );
    assert_eq!(
        uncached.result.tx_gas_used() - cached.result.tx_gas_used(),
        activation::init_gas(&info)
    );
    assert_eq!(cached_stats.entry_gas, activation::cached_gas(&info));
}

#[test]
fn arb_wasm_cache_reports_the_cached_set() {
    let mut chain = Chain::new();
    let codehash = keccak256([1u8]);
    let mut call = keccak256("codehashIsCached(bytes32)")[..4].to_vec();
    call.extend_from_slice(codehash.as_slice());
    let (before, _) = chain.send(stylus_evm::ARB_WASM_CACHE, call.clone(), U256::ZERO);
    chain.engine.set_cached(codehash, true);
    let (after, _) = chain.send(stylus_evm::ARB_WASM_CACHE, call, U256::ZERO);
    assert_eq!(
        U256::from_be_slice(before.result.output().unwrap()),
        U256::ZERO
    );
    assert_eq!(
        U256::from_be_slice(after.result.output().unwrap()),
        U256::from(1)
    );
}

#[test]
fn a_cold_storage_load_costs_2000_gas_more_than_a_warm_one() {
    let mut chain = Chain::new();
    chain.install_program(PROGRAM, LOAD_SLOT);
    let (cold, cold_stats) = chain.send(PROGRAM, Vec::new(), U256::ZERO);
    let tx: TxEnv = TxEnv {
        access_list: AccessList::from(vec![revm::context::transaction::AccessListItem {
            address: PROGRAM,
            storage_keys: vec![revm::primitives::B256::ZERO],
        }]),
        ..chain.tx(PROGRAM, Vec::new(), U256::ZERO)
    };
    let tx = TxEnv { tx_type: 1, ..tx };
    let (warm, warm_stats) = chain.send_with(tx);
    assert_eq!(cold_stats.cold_slots, 1);
    assert_eq!(warm_stats.cold_slots, 0);
    // The access list costs 2400 (address) + 1900 (key) of intrinsic gas and saves 2000 on the load.
    assert_eq!(
        i128::from(warm.result.tx_gas_used()) - i128::from(cold.result.tx_gas_used()),
        2400 + 1900 - i128::from(costs::COLD_SLOAD_GAS - costs::WARM_ACCESS_GAS)
    );
}

#[test]
fn activation_rejects_oversized_code_naming_the_rule() {
    let chain = Chain::new();
    // 200 KiB of data segment: more than MaxWasmSize once decompressed.
    let wat = format!(
        r#"(module (memory (export "memory") 4 4) (data (i32.const 0) "{}")
          (func (export "user_entrypoint") (param i32) (result i32) (i32.const 0)))"#,
        "\\01".repeat(200 * 1024)
    );
    let error = chain
        .engine
        .check_activation(&compress_wasm(&wat::parse_str(wat).unwrap()))
        .unwrap_err();
    assert!(error.to_string().contains("max-wasm-size"), "{error}");
    let mut too_long = vec![0xEF, 0xF0, 0x00, 0x00];
    too_long.resize(costs::MAX_CODE_SIZE + 1, 0);
    let error = chain.engine.check_activation(&too_long).unwrap_err();
    assert!(error.to_string().contains("max-code-size"), "{error}");
}

#[test]
fn codehash_version_reverts_program_not_activated_until_activation() {
    let mut chain = Chain::new();
    let code = compress_wasm(&wat::parse_str(EMPTY).unwrap());
    let mut call = keccak256("codehashVersion(bytes32)")[..4].to_vec();
    call.extend_from_slice(keccak256(&code).as_slice());
    let (before, _) = chain.send(stylus_evm::ARB_WASM, call.clone(), U256::ZERO);
    assert_eq!(
        before.result.output().unwrap().as_ref(),
        precompiles::PROGRAM_NOT_ACTIVATED
    );
    chain.install_program(PROGRAM, EMPTY);
    let (after, _) = chain.send(stylus_evm::ARB_WASM, call, U256::ZERO);
    assert_eq!(
        U256::from_be_slice(after.result.output().unwrap()),
        U256::from(2)
    );
}

#[test]
fn activation_refunds_the_excess_value_and_keeps_the_fee() {
    let mut chain = Chain::new();
    chain.install(PROGRAM, compress_wasm(&wat::parse_str(EMPTY).unwrap()));
    let sent = U256::from(10u128.pow(20));
    let (result, _) = chain.send(
        stylus_evm::ARB_WASM,
        common::activate_calldata(PROGRAM),
        sent,
    );
    assert!(result.result.is_success());
    let fee = U256::from_be_slice(&result.result.output().unwrap()[32..64]);
    assert!(fee > U256::ZERO && fee < sent);
    assert_eq!(
        result.state[&stylus_evm::NETWORK_FEE_ACCOUNT].info.balance,
        fee
    );
    assert_eq!(result.state[&stylus_evm::ARB_WASM].info.balance, U256::ZERO);
    assert_eq!(
        result.result.logs()[0].topics()[0],
        precompiles::program_activated_topic()
    );
}

#[test]
fn activation_with_too_little_value_reverts_insufficient_value() {
    let mut chain = Chain::new();
    chain.install(PROGRAM, compress_wasm(&wat::parse_str(EMPTY).unwrap()));
    let (result, _) = chain.send(
        stylus_evm::ARB_WASM,
        common::activate_calldata(PROGRAM),
        U256::from(1),
    );
    assert_eq!(
        &result.result.output().unwrap()[..4],
        precompiles::PROGRAM_INSUFFICIENT_VALUE
    );
}
