//! End-to-end tests of the engine over an in-memory database.

use revm::{
    context::{BlockEnv, TxEnv},
    database::{CacheDB, EmptyDB},
    primitives::{address, keccak256, Address, Bytes, TxKind, U256},
    state::{AccountInfo, Bytecode},
    DatabaseCommit,
};
use stylus_evm::{compress_wasm, ExecOptions, StylusEngine, StylusParams, ARB_WASM};

const DEV: Address = address!("3f1Eae7D46d88F08fc2F8ed27FCb2AB183EB2d0E");
const PROGRAM: Address = address!("00000000000000000000000000000000000c0de1");

/// A program that echoes its arguments and stores 7 in slot 0.
const ECHO: &str = r#"(module
  (import "vm_hooks" "read_args" (func $read_args (param i32)))
  (import "vm_hooks" "write_result" (func $write_result (param i32 i32)))
  (import "vm_hooks" "storage_cache_bytes32" (func $cache (param i32 i32)))
  (import "vm_hooks" "storage_flush_cache" (func $flush (param i32)))
  (memory (export "memory") 1 1)
  (func (export "user_entrypoint") (param $len i32) (result i32)
    (call $read_args (i32.const 1024))
    (i32.store8 (i32.const 63) (i32.const 7))
    (call $cache (i32.const 0) (i32.const 32))
    (call $flush (i32.const 0))
    (call $write_result (i32.const 1024) (local.get $len))
    (i32.const 0)))"#;

fn db_with_program(wat: &str) -> CacheDB<EmptyDB> {
    let mut db = CacheDB::new(EmptyDB::default());
    db.insert_account_info(
        DEV,
        AccountInfo {
            balance: U256::from(10u128.pow(24)),
            ..AccountInfo::default()
        },
    );
    for (address, code) in stylus_evm::predeploys() {
        db.insert_account_info(
            address,
            AccountInfo {
                code_hash: code.hash_slow(),
                code: Some(code),
                ..AccountInfo::default()
            },
        );
    }
    let code = Bytecode::new_raw(Bytes::from(compress_wasm(&wat::parse_str(wat).unwrap())));
    db.insert_account_info(
        PROGRAM,
        AccountInfo {
            code_hash: code.hash_slow(),
            code: Some(code),
            ..AccountInfo::default()
        },
    );
    db
}

fn tx(to: Address, data: Vec<u8>, value: U256, nonce: u64) -> TxEnv {
    TxEnv::builder()
        .caller(DEV)
        .kind(TxKind::Call(to))
        .data(Bytes::from(data))
        .value(value)
        .gas_limit(30_000_000)
        .gas_price(0)
        .nonce(nonce)
        .chain_id(Some(412_346))
        .build()
        .unwrap()
}

fn activate_call() -> Vec<u8> {
    let mut data = keccak256("activateProgram(address)")[..4].to_vec();
    data.extend_from_slice(&[0; 12]);
    data.extend_from_slice(PROGRAM.as_slice());
    data
}

#[test]
fn calling_a_program_before_activation_fails_and_burns_the_gas() {
    let engine = StylusEngine::new(StylusParams::default());
    let db = db_with_program(ECHO);
    let (result, _) = engine
        .transact(
            revm::database::WrapDatabaseRef(&db),
            BlockEnv::default(),
            tx(PROGRAM, vec![1, 2, 3], U256::ZERO, 0),
            &ExecOptions::default(),
        )
        .unwrap();
    assert!(!result.result.is_success());
    assert_eq!(result.result.tx_gas_used(), 30_000_000);
}

#[test]
fn an_activated_program_echoes_its_arguments_and_writes_storage() {
    let engine = StylusEngine::new(StylusParams::default());
    let mut db = db_with_program(ECHO);
    let (activation, _) = engine
        .transact(
            revm::database::WrapDatabaseRef(&db),
            BlockEnv::default(),
            tx(ARB_WASM, activate_call(), U256::from(10u128.pow(20)), 0),
            &ExecOptions::default(),
        )
        .unwrap();
    assert!(activation.result.is_success(), "{:?}", activation.result);
    db.commit(activation.state);
    let (result, stats) = engine
        .transact(
            revm::database::WrapDatabaseRef(&db),
            BlockEnv::default(),
            tx(PROGRAM, vec![1, 2, 3], U256::ZERO, 1),
            &ExecOptions::default(),
        )
        .unwrap();
    assert!(result.result.is_success(), "{:?}", result.result);
    assert_eq!(result.result.output().unwrap().as_ref(), &[1, 2, 3]);
    assert_eq!(
        result.state[&PROGRAM].storage[&U256::ZERO].present_value,
        U256::from(7)
    );
    assert_eq!(stats.invocations, 1);
    assert_eq!(stats.sstores, 1);
    assert!(stats.opcode_ink > 0);
}

#[test]
fn activation_rejects_float_arithmetic_naming_the_rule() {
    let engine = StylusEngine::new(StylusParams::default());
    let wat = r#"(module (memory (export "memory") 1 1)
      (func (export "user_entrypoint") (param i32) (result i32)
        (drop (f32.add (f32.const 1) (f32.const 2))) (i32.const 0)))"#;
    let error = engine
        .check_activation(&compress_wasm(&wat::parse_str(wat).unwrap()))
        .unwrap_err();
    assert!(error.to_string().contains("no-float"), "{error}");
}

#[test]
fn activation_rejects_an_unknown_import_naming_it() {
    let engine = StylusEngine::new(StylusParams::default());
    let wat = r#"(module (import "vm_hooks" "teleport" (func)) (memory (export "memory") 1 1)
      (func (export "user_entrypoint") (param i32) (result i32) (i32.const 0)))"#;
    let error = engine
        .check_activation(&compress_wasm(&wat::parse_str(wat).unwrap()))
        .unwrap_err();
    assert!(error.to_string().contains("teleport"), "{error}");
}

#[test]
fn activation_rejects_129_pages_and_a_start_function() {
    let engine = StylusEngine::new(StylusParams::default());
    let pages = r#"(module (memory (export "memory") 129 129)
      (func (export "user_entrypoint") (param i32) (result i32) (i32.const 0)))"#;
    let error = engine
        .check_activation(&compress_wasm(&wat::parse_str(pages).unwrap()))
        .unwrap_err();
    assert!(error.to_string().contains("page-limit"), "{error}");
    let start = r#"(module (memory (export "memory") 1 1) (func $s) (start $s)
      (func (export "user_entrypoint") (param i32) (result i32) (i32.const 0)))"#;
    let error = engine
        .check_activation(&compress_wasm(&wat::parse_str(start).unwrap()))
        .unwrap_err();
    assert!(error.to_string().contains("no-start"), "{error}");
}

#[test]
fn plain_evm_transfer_works() {
    let engine = StylusEngine::new(StylusParams::default());
    let db = db_with_program(ECHO);
    let to = address!("0000000000000000000000000000000000001234");
    let (result, _) = engine
        .transact(
            revm::database::WrapDatabaseRef(&db),
            BlockEnv::default(),
            tx(to, Vec::new(), U256::from(5), 0),
            &ExecOptions::default(),
        )
        .unwrap();
    assert!(result.result.is_success());
    assert_eq!(result.state[&to].info.balance, U256::from(5));
}

fn create_tx(initcode: Vec<u8>, nonce: u64) -> TxEnv {
    TxEnv::builder()
        .caller(DEV)
        .kind(TxKind::Create)
        .data(Bytes::from(initcode))
        .gas_limit(1_000_000)
        .gas_price(0)
        .nonce(nonce)
        .chain_id(Some(412_346))
        .build()
        .unwrap()
}

#[test]
fn create_accepts_stylus_code_but_rejects_other_ef_code() {
    let engine = StylusEngine::new(StylusParams::default());
    let db = db_with_program(ECHO);
    let (stylus, _) = engine
        .transact(
            revm::database::WrapDatabaseRef(&db),
            BlockEnv::default(),
            create_tx(
                stylus_evm::stylus_initcode(&[0xEF, 0xF0, 0x00, 0x00, 0x01]),
                0,
            ),
            &ExecOptions::default(),
        )
        .unwrap();
    assert!(stylus.result.is_success(), "{:?}", stylus.result);
    let (other, _) = engine
        .transact(
            revm::database::WrapDatabaseRef(&db),
            BlockEnv::default(),
            create_tx(stylus_evm::stylus_initcode(&[0xEF, 0x00, 0x01]), 0),
            &ExecOptions::default(),
        )
        .unwrap();
    assert!(
        matches!(
            other.result,
            revm::context::result::ExecutionResult::Halt {
                reason: revm::context::result::HaltReason::CreateContractStartingWithEF,
                ..
            }
        ),
        "{:?}",
        other.result
    );
}

#[test]
fn activation_rejects_reference_types_naming_the_feature_rule() {
    let engine = StylusEngine::new(StylusParams::default());
    let wat = r#"(module (memory (export "memory") 1 1) (table 1 funcref)
      (func (export "user_entrypoint") (param i32) (result i32)
        (drop (table.get 0 (i32.const 0))) (i32.const 0)))"#;
    let error = engine
        .check_activation(&compress_wasm(&wat::parse_str(wat).unwrap()))
        .unwrap_err();
    assert!(error.to_string().contains("wasm-features"), "{error}");
    assert!(error.to_string().contains("reference types"), "{error}");
}

#[test]
fn an_eth_call_skips_fee_and_nonce_checks() {
    let engine = StylusEngine::new(StylusParams::default());
    let db = db_with_program(ECHO);
    let poor = address!("00000000000000000000000000000000000000ff");
    let call = TxEnv {
        caller: poor,
        nonce: 7,
        gas_price: 1_000_000_000,
        ..tx(DEV, Vec::new(), U256::ZERO, 0)
    };
    let opts = ExecOptions {
        is_call: true,
        gas_cap: Some(50_000_000),
    };
    let (result, _) = engine
        .transact(
            revm::database::WrapDatabaseRef(&db),
            BlockEnv::default(),
            call.clone(),
            &opts,
        )
        .unwrap();
    assert!(result.result.is_success(), "{:?}", result.result);
    let refused = engine.transact(
        revm::database::WrapDatabaseRef(&db),
        BlockEnv::default(),
        call,
        &ExecOptions::default(),
    );
    assert!(refused.is_err());
}
