//! Unit tests of the GuardianMultisig on stylus-test's TestVM (through
//! `guard-test-host`, which answers each mocked call with its own data and
//! runs the `ecrecover` precompile natively with k256). Signatures are real
//! ECDSA signatures made here with k256 over the digest the contract
//! computes; calls to the multisig itself are routed back into a live
//! instance, so self-administration runs end to end.

mod admin;
mod dispatch;
mod emergency;
mod encoding;
mod properties;
mod proposals;
mod signatures;

use alloy_primitives::{address, Address, Bytes, B256, U256};
use alloy_sol_types::{SolCall, SolError};
pub use guard_test_host::GuardHost as TestVM;
use k256::ecdsa::SigningKey;
use stylus_sdk::{
    abi::router_entrypoint,
    host::VM,
    stylus_core::{AccountAccess, ChainAccess, MessageAccess},
};

use crate::{errors::MultisigError, GuardianMultisig};

pub const TARGET: Address = address!("0000000000000000000000000000000000007a01");
pub const STRANGER: Address = address!("00000000000000000000000000000000000d0d0d");
pub const T0: u64 = 1_700_000_000;
pub const LIFETIME: u64 = 86_400;

alloy_sol_types::sol! {
    /// The multisig's own functions, for self-call calldata.
    interface IMultisig {
        function addOwner(address owner, uint256 threshold);
        function removeOwner(address owner, uint256 threshold);
        function changeThreshold(uint256 threshold);
        function changeEmergencyThreshold(uint256 emergencyThreshold);
        function setEmergencyCall(address target, bytes4 selector, bool allowed);
        function setProposalLifetime(uint256 lifetime);
    }
    /// A target's functions.
    interface ITarget {
        function pause(bytes32 market, uint16 actions, uint64 duration, bytes32 reason);
        function setConfig(uint256 value);
    }
}

/// Key `i` (1-based; distinct, deterministic).
pub fn key(i: u8) -> SigningKey {
    let mut bytes = [0u8; 32];
    bytes[31] = i;
    bytes[0] = 0x5a;
    SigningKey::from_slice(&bytes).unwrap()
}

/// The address of `key`.
pub fn address_of(key: &SigningKey) -> Address {
    Address::from_public_key(key.verifying_key())
}

/// Keys `1..=n`, sorted by address.
pub fn sorted_keys(n: u8) -> Vec<SigningKey> {
    let mut keys: Vec<_> = (1..=n).map(key).collect();
    keys.sort_by_key(address_of);
    keys
}

/// A multisig owned by `keys` with the given thresholds, deployed at `T0`;
/// calls to itself are routed back into it; the sender is `STRANGER`.
pub fn deploy(keys: &[SigningKey], threshold: u8, emergency: u8) -> (TestVM, GuardianMultisig) {
    let vm = TestVM::new();
    vm.set_block_timestamp(T0);
    let mut ms = GuardianMultisig::from(&vm);
    // Deliberately unsorted: the constructor sorts.
    let owners: Vec<Address> = keys.iter().rev().map(address_of).collect();
    ms.constructor(
        owners,
        U256::from(threshold),
        U256::from(emergency),
        U256::from(LIFETIME),
    )
    .unwrap();
    route_self(&vm);
    vm.set_sender(STRANGER);
    (vm, ms)
}

/// Routes calls to the multisig's address into its router, as the
/// multisig itself (msg.sender = the multisig), as a real self-call is.
pub fn route_self(vm: &TestVM) {
    let host = vm.clone();
    let me = vm.contract_address();
    vm.route(me, move |data| {
        let sender = host.msg_sender();
        host.set_sender(me);
        let out = router_entrypoint::<GuardianMultisig, GuardianMultisig>(
            data.to_vec(),
            VM {
                host: Box::new(host.clone()),
            },
        );
        host.set_sender(sender);
        out
    });
}

/// Signs `digest` with `key`: 65 bytes `r ‖ s ‖ v`, low `s`, `v` 27/28.
///
/// Also checks that the host's `ecrecover` precompile — which the contract
/// calls with the 128-byte input `digest ‖ v ‖ r ‖ s` — answers with the
/// 32-byte padded address computed here off-chain, so a passing test
/// really goes through recovery.
pub fn sign(key: &SigningKey, digest: B256) -> [u8; 65] {
    let (signature, recovery) = key.sign_prehash_recoverable(digest.as_slice()).unwrap();
    let mut out = [0u8; 65];
    out[..64].copy_from_slice(&signature.to_bytes());
    out[64] = 27 + recovery.to_byte();
    let mut input = digest.to_vec();
    input.extend_from_slice(&U256::from(out[64]).to_be_bytes::<32>());
    input.extend_from_slice(&out[..64]);
    let mut expected = vec![0u8; 12];
    expected.extend_from_slice(address_of(key).as_slice());
    assert_eq!(guard_test_host::ecrecover(&input), expected);
    out
}

/// `keys`' signatures over `digest`, concatenated in the given order.
pub fn sign_all(keys: &[&SigningKey], digest: B256) -> Bytes {
    keys.iter()
        .flat_map(|k| sign(k, digest))
        .collect::<Vec<u8>>()
        .into()
}

/// The digest of `(target, value, data)` at the multisig's current nonce.
pub fn digest(ms: &GuardianMultisig, target: Address, value: U256, data: &Bytes) -> B256 {
    ms.get_transaction_hash(target, value, data.clone(), ms.nonce())
}

/// Executes `(target, value, data)` signed by `keys` (in that order) at
/// the current nonce.
pub fn execute_signed(
    ms: &mut GuardianMultisig,
    target: Address,
    value: U256,
    data: &Bytes,
    keys: &[&SigningKey],
) -> Result<Bytes, MultisigError> {
    let signatures = sign_all(keys, digest(ms, target, value, data));
    ms.execute_with_signatures(target, value, data.clone(), signatures)
}

/// Executes a self-call signed by every key given (full threshold).
#[allow(clippy::needless_pass_by_value)] // Call sites build the call inline.
pub fn govern(ms: &mut GuardianMultisig, vm: &TestVM, call: impl SolCall, keys: &[&SigningKey]) {
    let data: Bytes = call.abi_encode().into();
    execute_signed(ms, vm.contract_address(), U256::ZERO, &data, keys).unwrap();
}

/// Calldata `setConfig(n)` for the target.
pub fn set_config(n: u64) -> Bytes {
    ITarget::setConfigCall {
        value: U256::from(n),
    }
    .abi_encode()
    .into()
}

/// Calldata of a `pause` for the target.
pub fn pause_call() -> Bytes {
    ITarget::pauseCall {
        market: B256::ZERO,
        actions: 0x07,
        duration: 3_600,
        reason: B256::ZERO,
    }
    .abi_encode()
    .into()
}

/// References to every key.
pub fn refs(keys: &[SigningKey]) -> Vec<&SigningKey> {
    keys.iter().collect()
}

/// The ABI encoding of a custom error.
#[allow(clippy::needless_pass_by_value)] // Call sites build the error inline.
pub fn enc(e: impl SolError) -> Vec<u8> {
    e.abi_encode()
}

/// Runs `f` and asserts it failed without touching storage or emitting
/// logs; returns the encoded error.
pub fn assert_refused<T: core::fmt::Debug>(
    vm: &TestVM,
    f: impl FnOnce() -> Result<T, MultisigError>,
) -> Vec<u8> {
    let before = vm.snapshot().storage;
    let logs_before = vm.get_emitted_logs().len();
    let err = f().expect_err("call should have been refused");
    assert_eq!(
        vm.snapshot().storage,
        before,
        "a refused call changed storage"
    );
    assert_eq!(
        vm.get_emitted_logs().len(),
        logs_before,
        "a refused call emitted a log"
    );
    err.into()
}

/// Runs `f` as a transaction: if it fails, its storage writes are undone,
/// as the chain does when a contract returns an error (TestVM does not).
pub fn in_tx<T>(
    vm: &TestVM,
    f: impl FnOnce() -> Result<T, MultisigError>,
) -> Result<T, MultisigError> {
    let before = vm.snapshot().storage;
    let r = f();
    if r.is_err() {
        vm.clear_storage();
        for (k, v) in before {
            vm.set_storage(k, v);
        }
    }
    r
}

/// The topic-0 of every log emitted so far.
pub fn event_sigs(vm: &TestVM) -> Vec<B256> {
    vm.get_emitted_logs().iter().map(|(t, _)| t[0]).collect()
}
