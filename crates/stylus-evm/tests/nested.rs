//! EVM ↔ WASM nesting: EVM → WASM → EVM → WASM with a revert at each depth rolling back only its
//! own frame, logs in order, the reentrancy flag and value transfer.

mod common;

use common::{Chain, DEV};
use revm::primitives::{address, Address, U256};

const E1: Address = address!("00000000000000000000000000000000000000e1");
const W1: Address = address!("00000000000000000000000000000000000000a1");
const E2: Address = address!("00000000000000000000000000000000000000e2");
const W2: Address = address!("00000000000000000000000000000000000000a2");

/// A WASM "proxy": calldata is `mode(1) ‖ target(20) ‖ payload`. It stores 1 in slot 0, emits a
/// log whose data is the mode byte, calls `target` with `payload`, returns one byte (1 if the
/// call succeeded) and reverts instead when `mode` = 1.
const WASM_PROXY: &str = r#"(module
  (import "vm_hooks" "read_args" (func $read_args (param i32)))
  (import "vm_hooks" "write_result" (func $write_result (param i32 i32)))
  (import "vm_hooks" "storage_cache_bytes32" (func $cache (param i32 i32)))
  (import "vm_hooks" "storage_flush_cache" (func $flush (param i32)))
  (import "vm_hooks" "emit_log" (func $emit_log (param i32 i32 i32)))
  (import "vm_hooks" "call_contract" (func $call (param i32 i32 i32 i32 i64 i32) (result i32)))
  (memory (export "memory") 1 1)
  (func (export "user_entrypoint") (param $len i32) (result i32)
    (local $status i32)
    (call $read_args (i32.const 1024))
    (i32.store8 (i32.const 63) (i32.const 1))
    (call $cache (i32.const 0) (i32.const 32))
    (call $flush (i32.const 1))
    (call $emit_log (i32.const 1024) (i32.const 1) (i32.const 0))
    (local.set $status (call $call (i32.const 1025) (i32.const 1045)
      (i32.sub (local.get $len) (i32.const 21)) (i32.const 96) (i64.const -1) (i32.const 128)))
    (i32.store8 (i32.const 200) (i32.eqz (local.get $status)))
    (call $write_result (i32.const 200) (i32.const 1))
    (i32.load8_u (i32.const 1024))))"#;

/// The same proxy in EVM bytecode (hand-assembled).
fn evm_proxy() -> Vec<u8> {
    let mut code = vec![
        0x60, 0x01, 0x60, 0x00, 0x55, // SSTORE(0, 1)
        0x60, 0x01, 0x60, 0x00, 0xa0, // LOG0(mem[0..1]) — memory is zero: data 0x00
        0x60, 0x15, 0x36, 0x03, // len = CALLDATASIZE − 21
        0x80, 0x60, 0x15, 0x60, 0x00, 0x37, // CALLDATACOPY(0, 21, len)
        0x60, 0x00, 0x60, 0x00, // retSize, retOffset
        0x82, // argsSize = len
        0x60, 0x00, // argsOffset
        0x60, 0x00, // value
        0x60, 0x01, 0x35, 0x60, 0x60, 0x1c, // target = CALLDATALOAD(1) >> 96
        0x5a, 0xf1, // GAS CALL
        0x60, 0x00, 0x53, // MSTORE8(0, success)
        0x50, // POP len
        0x60, 0x00, 0x35, 0x60, 0xf8, 0x1c, // mode = CALLDATALOAD(0) >> 248
    ];
    let jump_at = code.len() + 2 + 1 + 5;
    code.extend_from_slice(&[0x60, u8::try_from(jump_at).unwrap(), 0x57]); // JUMPI revert
    code.extend_from_slice(&[0x60, 0x01, 0x60, 0x00, 0xf3]); // RETURN(mem[0..1])
    assert_eq!(code.len(), jump_at);
    code.extend_from_slice(&[0x5b, 0x60, 0x01, 0x60, 0x00, 0xfd]); // JUMPDEST REVERT(mem[0..1])
    code
}

fn chain() -> Chain {
    let mut chain = Chain::new();
    chain.install(E1, evm_proxy());
    chain.install(E2, evm_proxy());
    chain.install_program(W1, WASM_PROXY);
    chain.install_program(W2, WASM_PROXY);
    chain
}

/// Calldata for E1 → W1 → E2 → W2 where `modes[i]` = 1 makes hop `i` revert.
fn path_calldata(modes: [u8; 4]) -> Vec<u8> {
    let hops = [W1, E2, W2, Address::ZERO];
    let mut data = Vec::new();
    for (mode, next) in modes.iter().zip(hops).rev() {
        let mut outer = vec![*mode];
        outer.extend_from_slice(next.as_slice());
        outer.extend_from_slice(&data);
        data = outer;
    }
    data
}

fn slots(chain: &Chain) -> [u64; 4] {
    [E1, W1, E2, W2].map(|address| chain.slot0(address).to::<u64>())
}

#[test]
fn a_successful_path_through_all_four_frames_writes_every_slot_and_logs_in_order() {
    let mut chain = chain();
    let (result, stats) = chain.send(E1, path_calldata([0; 4]), U256::ZERO);
    assert!(result.result.is_success(), "{:?}", result.result);
    assert_eq!(result.result.output().unwrap().as_ref(), &[1]);
    assert_eq!(slots(&chain), [1, 1, 1, 1]);
    let emitters: Vec<Address> = result.result.logs().iter().map(|log| log.address).collect();
    assert_eq!(emitters, vec![E1, W1, E2, W2]);
    assert_eq!(stats.invocations, 2);
}

#[test]
fn a_revert_in_the_innermost_wasm_rolls_back_only_that_frame() {
    let mut chain = chain();
    let (result, _) = chain.send(E1, path_calldata([0, 0, 0, 1]), U256::ZERO);
    assert!(result.result.is_success());
    assert_eq!(slots(&chain), [1, 1, 1, 0]);
    assert_eq!(result.result.logs().len(), 3);
}

#[test]
fn a_revert_in_the_inner_evm_rolls_back_it_and_its_callee() {
    let mut chain = chain();
    let (result, _) = chain.send(E1, path_calldata([0, 0, 1, 0]), U256::ZERO);
    assert!(result.result.is_success());
    assert_eq!(slots(&chain), [1, 1, 0, 0]);
    assert_eq!(result.result.logs().len(), 2);
}

#[test]
fn a_revert_in_the_outer_wasm_rolls_back_it_and_everything_below() {
    let mut chain = chain();
    let (result, _) = chain.send(E1, path_calldata([0, 1, 0, 0]), U256::ZERO);
    assert!(result.result.is_success());
    assert_eq!(
        result.result.output().unwrap().as_ref(),
        &[0],
        "E1 sees W1's revert"
    );
    assert_eq!(slots(&chain), [1, 0, 0, 0]);
    assert_eq!(result.result.logs().len(), 1);
}

#[test]
fn a_revert_at_the_top_rolls_back_the_whole_transaction() {
    let mut chain = chain();
    let (result, _) = chain.send(E1, path_calldata([1, 0, 0, 0]), U256::ZERO);
    assert!(!result.result.is_success());
    assert_eq!(slots(&chain), [0, 0, 0, 0]);
}

/// Calls itself with `[1]` when called with `[0]` and returns the inner call's output; when called
/// with `[1]` returns `msg_reentrant()` as one byte.
const REENTRANCY_PROBE: &str = r#"(module
  (import "vm_hooks" "read_args" (func $read_args (param i32)))
  (import "vm_hooks" "write_result" (func $write_result (param i32 i32)))
  (import "vm_hooks" "msg_reentrant" (func $reentrant (result i32)))
  (import "vm_hooks" "contract_address" (func $me (param i32)))
  (import "vm_hooks" "call_contract" (func $call (param i32 i32 i32 i32 i64 i32) (result i32)))
  (import "vm_hooks" "read_return_data" (func $read_rd (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1 1)
  (func (export "user_entrypoint") (param $len i32) (result i32)
    (call $read_args (i32.const 1024))
    (if (i32.load8_u (i32.const 1024))
      (then
        (i32.store8 (i32.const 200) (call $reentrant))
        (call $write_result (i32.const 200) (i32.const 1))
        (return (i32.const 0))))
    (call $me (i32.const 300))
    (i32.store8 (i32.const 400) (i32.const 1))
    (drop (call $call (i32.const 300) (i32.const 400) (i32.const 1) (i32.const 96) (i64.const -1) (i32.const 128)))
    (drop (call $read_rd (i32.const 200) (i32.const 0) (i32.const 1)))
    (call $write_result (i32.const 200) (i32.const 1))
    (i32.const 0)))"#;

#[test]
fn msg_reentrant_is_true_only_when_the_program_reenters_itself() {
    let probe = address!("00000000000000000000000000000000000000b0");
    let mut chain = Chain::new();
    chain.install_program(probe, REENTRANCY_PROBE);
    let (direct, _) = chain.send(probe, vec![1], U256::ZERO);
    assert_eq!(direct.result.output().unwrap().as_ref(), &[0]);
    let (reentered, _) = chain.send(probe, vec![0], U256::ZERO);
    assert_eq!(reentered.result.output().unwrap().as_ref(), &[1]);
}

#[test]
fn value_sent_to_a_program_is_credited_to_it() {
    let mut chain = chain();
    let (result, _) = chain.send(W2, path_calldata([0; 4])[42..].to_vec(), U256::from(1234));
    assert!(result.result.is_success(), "{:?}", result.result);
    assert_eq!(result.state[&W2].info.balance, U256::from(1234));
    assert!(result.state[&DEV].info.balance < U256::from(10u128.pow(24)));
}

/// Forwards its `msg_value` to the 20-byte address it is called with and returns the call status.
const FORWARD_VALUE: &str = r#"(module
  (import "vm_hooks" "read_args" (func $read_args (param i32)))
  (import "vm_hooks" "write_result" (func $write_result (param i32 i32)))
  (import "vm_hooks" "msg_value" (func $msg_value (param i32)))
  (import "vm_hooks" "call_contract" (func $call (param i32 i32 i32 i32 i64 i32) (result i32)))
  (memory (export "memory") 1 1)
  (func (export "user_entrypoint") (param $len i32) (result i32)
    (call $read_args (i32.const 1024))
    (call $msg_value (i32.const 96))
    (i32.store8 (i32.const 200)
      (call $call (i32.const 1024) (i32.const 0) (i32.const 0) (i32.const 96) (i64.const -1) (i32.const 128)))
    (call $write_result (i32.const 200) (i32.const 1))
    (i32.const 0)))"#;

#[test]
fn a_program_forwards_value_to_an_account() {
    let forwarder = address!("00000000000000000000000000000000000000f0");
    let payee = address!("0000000000000000000000000000000000001234");
    let mut chain = Chain::new();
    chain.install_program(forwarder, FORWARD_VALUE);
    let (result, stats) = chain.send(forwarder, payee.to_vec(), U256::from(1000));
    assert!(result.result.is_success(), "{:?}", result.result);
    assert_eq!(
        result.result.output().unwrap().as_ref(),
        &[0],
        "status 0 = success"
    );
    assert_eq!(result.state[&payee].info.balance, U256::from(1000));
    assert_eq!(result.state[&forwarder].info.balance, U256::ZERO);
    assert_eq!(stats.hostios["call_contract"].count, 1);
    assert_eq!(stats.cold_accounts, 1);
}
