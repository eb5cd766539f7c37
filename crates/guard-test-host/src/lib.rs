//! A test host for the contracts' unit tests.
//!
//! stylus-test 0.10.10's `TestVM` answers every mocked call with the return
//! data of the *last mock registered*, not of the call made (its
//! `static_call_contract` never sets the return data buffer), so a contract
//! that makes two different calls in one function reads the wrong bytes.
//! [`GuardHost`] wraps a `TestVM`, keeps its own table of mocked calls and
//! writes each call's own answer into the return data buffer. It also
//! records every call made (for "no call was made" assertions) and runs the
//! `ecrecover` precompile (address 0x01) natively with k256, so signature
//! tests use real ECDSA instead of mocks.
//!
//! Everything else (storage, block, message, logs) is the wrapped `TestVM`'s.
#![allow(unsafe_code)] // The `Host` call hooks are `unsafe fn`s over raw pointers.

pub mod calldata;
pub mod encoding;
pub mod entry;

use std::{cell::RefCell, collections::HashMap, rc::Rc, slice};

use alloy_primitives::{Address, B256, U256};
use k256::ecdsa::{RecoveryId, Signature, VerifyingKey};
use stylus_sdk::{
    stylus_core::{
        AccountAccess, BlockAccess, CalldataAccess, ChainAccess, CryptographyAccess, Host,
        MemoryAccess, MessageAccess, MeteringAccess, RawLogAccess, StorageAccess, UnsafeCallAccess,
        UnsafeDeploymentAccess,
    },
    testing::TestVM,
};

/// The address of the `ecrecover` precompile.
pub const ECRECOVER: Address = Address::with_last_byte(1);

/// How a call was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CallKind {
    /// `CALL` (may carry value).
    Call,
    /// `STATICCALL`.
    Static,
    /// `DELEGATECALL` (the guard's contracts never make one; tests assert it).
    Delegate,
}

/// One call a contract made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedCall {
    /// How it was made.
    pub kind: CallKind,
    /// The callee.
    pub to: Address,
    /// The calldata.
    pub data: Vec<u8>,
    /// The value sent (0 for static and delegate calls).
    pub value: U256,
}

/// What a call returns: `Ok` = success data, `Err` = revert data.
pub type Answer = Result<Vec<u8>, Vec<u8>>;

/// Answers every call to one address, e.g. by dispatching the calldata to
/// another contract instance through its `Router`.
pub type Handler = Rc<dyn Fn(&[u8]) -> Answer>;

#[derive(Default)]
struct Mocks {
    /// callee → handler, for calls routed to a live contract instance.
    routes: HashMap<Address, Handler>,
    /// (callee, calldata) → answer, for static calls and value-less calls.
    by_calldata: HashMap<(Address, Vec<u8>), Answer>,
    /// (callee, calldata, value) → answer, for calls with value.
    by_value: HashMap<(Address, Vec<u8>, U256), Answer>,
    calls: Vec<RecordedCall>,
}

/// A `TestVM` whose calls answer with their own mocked return data.
#[derive(Clone)]
pub struct GuardHost {
    vm: TestVM,
    mocks: Rc<RefCell<Mocks>>,
}

impl Default for GuardHost {
    fn default() -> Self {
        Self::new()
    }
}

impl GuardHost {
    /// A fresh host over a default `TestVM`.
    pub fn new() -> Self {
        GuardHost {
            vm: TestVM::default(),
            mocks: Rc::default(),
        }
    }

    /// The wrapped `TestVM`, for its setters (`set_sender`,
    /// `set_block_timestamp`, `set_code`, ...) and `get_emitted_logs`.
    pub fn vm(&self) -> &TestVM {
        &self.vm
    }

    /// Answers static calls to `to` with exactly `data` by `answer` (the
    /// same table as [`GuardHost::mock_call`]; named like `TestVM`'s method
    /// so tests read the same).
    pub fn mock_static_call(&self, to: Address, data: Vec<u8>, answer: Answer) {
        self.mock_call(to, data, answer);
    }

    /// Answers calls (static, or `CALL` without value) to `to` with exactly
    /// `data` by `answer` (`Ok` = success, `Err` = revert data).
    pub fn mock_call(&self, to: Address, data: Vec<u8>, answer: Answer) {
        self.mocks
            .borrow_mut()
            .by_calldata
            .insert((to, data), answer);
    }

    /// Answers `CALL`s to `to` with exactly `data` and `value` by `answer`.
    pub fn mock_call_with_value(&self, to: Address, data: Vec<u8>, value: U256, answer: Answer) {
        self.mocks
            .borrow_mut()
            .by_value
            .insert((to, data, value), answer);
    }

    /// Sends every call to `to` to `handler` (takes precedence over mocks),
    /// e.g. `|data| router_call(&mut oracle, data)` to wire two contracts.
    pub fn route(&self, to: Address, handler: impl Fn(&[u8]) -> Answer + 'static) {
        self.mocks.borrow_mut().routes.insert(to, Rc::new(handler));
    }

    /// Removes every mock (recorded calls stay).
    pub fn clear_mocks(&self) {
        let mut m = self.mocks.borrow_mut();
        m.by_calldata.clear();
        m.by_value.clear();
        m.routes.clear();
    }

    /// Every call made so far, oldest first.
    pub fn calls(&self) -> Vec<RecordedCall> {
        self.mocks.borrow().calls.clone()
    }

    /// Forgets the recorded calls.
    pub fn clear_calls(&self) {
        self.mocks.borrow_mut().calls.clear();
    }

    /// Answers a call: the ecrecover precompile natively, otherwise the mock;
    /// an unmocked call succeeds with no data, as a call to an account
    /// without code does.
    fn answer(&self, kind: CallKind, to: Address, data: &[u8], value: U256) -> Answer {
        let mut mocks = self.mocks.borrow_mut();
        mocks.calls.push(RecordedCall {
            kind,
            to,
            data: data.to_vec(),
            value,
        });
        if to == ECRECOVER {
            return Ok(ecrecover(data));
        }
        if let Some(handler) = mocks.routes.get(&to).cloned() {
            drop(mocks); // the handler may call back into this host
            return handler(data);
        }
        if !value.is_zero() {
            if let Some(a) = mocks.by_value.get(&(to, data.to_vec(), value)) {
                return a.clone();
            }
        }
        mocks
            .by_calldata
            .get(&(to, data.to_vec()))
            .cloned()
            .unwrap_or_else(|| Ok(Vec::new()))
    }

    fn finish(&self, answer: Answer, outs_len: &mut usize) -> u8 {
        let (status, bytes) = match answer {
            Ok(b) => (0, b),
            Err(b) => (1, b),
        };
        *outs_len = bytes.len();
        // `write_result` fills the buffer `read_return_data` reads.
        self.vm.write_result(&bytes);
        status
    }
}

/// The `ecrecover` precompile: 128 bytes (hash, v, r, s) in, the 32-byte
/// left-padded signer out, or no data for an invalid input.
pub fn ecrecover(input: &[u8]) -> Vec<u8> {
    let mut buf = [0u8; 128];
    let n = input.len().min(128);
    buf[..n].copy_from_slice(&input[..n]);
    let v = U256::from_be_slice(&buf[32..64]);
    let recovery = if v == U256::from(27) {
        0u8
    } else if v == U256::from(28) {
        1u8
    } else {
        return Vec::new();
    };
    let Ok(sig) = Signature::from_slice(&buf[64..128]) else {
        return Vec::new();
    };
    let Some(rid) = RecoveryId::from_byte(recovery) else {
        return Vec::new();
    };
    let Ok(key) = VerifyingKey::recover_from_prehash(&buf[..32], &sig, rid) else {
        return Vec::new();
    };
    let signer = Address::from_public_key(&key);
    let mut out = vec![0u8; 12];
    out.extend_from_slice(signer.as_slice());
    out
}

/// The wrapped `TestVM`'s setters and getters, for tests that read like
/// plain `TestVM` tests. The call mocks are [`GuardHost`]'s own.
impl std::ops::Deref for GuardHost {
    type Target = TestVM;

    fn deref(&self) -> &TestVM {
        &self.vm
    }
}

impl CryptographyAccess for GuardHost {
    fn native_keccak256(&self, input: &[u8]) -> B256 {
        self.vm.native_keccak256(input)
    }
}

impl CalldataAccess for GuardHost {
    fn read_args(&self, len: usize) -> Vec<u8> {
        self.vm.read_args(len)
    }
    fn read_return_data(&self, offset: usize, size: Option<usize>) -> Vec<u8> {
        self.vm.read_return_data(offset, size)
    }
    fn return_data_size(&self) -> usize {
        self.vm.return_data_size()
    }
    fn write_result(&self, data: &[u8]) {
        self.vm.write_result(data);
    }
}

// SAFETY: delegates to `TestVM`, which upholds the trait's contract.
unsafe impl UnsafeDeploymentAccess for GuardHost {
    unsafe fn create1(
        &self,
        code: *const u8,
        code_len: usize,
        endowment: *const u8,
        contract: *mut u8,
        revert_data_len: *mut usize,
    ) {
        unsafe {
            self.vm
                .create1(code, code_len, endowment, contract, revert_data_len);
        }
    }
    unsafe fn create2(
        &self,
        code: *const u8,
        code_len: usize,
        endowment: *const u8,
        salt: *const u8,
        contract: *mut u8,
        revert_data_len: *mut usize,
    ) {
        unsafe {
            self.vm
                .create2(code, code_len, endowment, salt, contract, revert_data_len);
        }
    }
}

impl StorageAccess for GuardHost {
    fn storage_load_bytes32(&self, key: U256) -> B256 {
        self.vm.storage_load_bytes32(key)
    }
    unsafe fn storage_cache_bytes32(&self, key: U256, value: B256) {
        unsafe { self.vm.storage_cache_bytes32(key, value) }
    }
    fn flush_cache(&self, clear: bool) {
        self.vm.flush_cache(clear);
    }
}

// SAFETY: reads exactly the pointer ranges the caller passes, as `TestVM` does.
unsafe impl UnsafeCallAccess for GuardHost {
    unsafe fn call_contract(
        &self,
        to: *const u8,
        data: *const u8,
        data_len: usize,
        value: *const u8,
        _gas: u64,
        outs_len: &mut usize,
    ) -> u8 {
        let (to, data, value) = unsafe {
            (
                Address::from_slice(slice::from_raw_parts(to, 20)),
                slice::from_raw_parts(data, data_len),
                U256::from_be_slice(slice::from_raw_parts(value, 32)),
            )
        };
        let answer = self.answer(CallKind::Call, to, data, value);
        self.finish(answer, outs_len)
    }
    unsafe fn delegate_call_contract(
        &self,
        to: *const u8,
        data: *const u8,
        data_len: usize,
        _gas: u64,
        outs_len: &mut usize,
    ) -> u8 {
        let (to, data) = unsafe {
            (
                Address::from_slice(slice::from_raw_parts(to, 20)),
                slice::from_raw_parts(data, data_len),
            )
        };
        let answer = self.answer(CallKind::Delegate, to, data, U256::ZERO);
        self.finish(answer, outs_len)
    }
    unsafe fn static_call_contract(
        &self,
        to: *const u8,
        data: *const u8,
        data_len: usize,
        _gas: u64,
        outs_len: &mut usize,
    ) -> u8 {
        let (to, data) = unsafe {
            (
                Address::from_slice(slice::from_raw_parts(to, 20)),
                slice::from_raw_parts(data, data_len),
            )
        };
        let answer = self.answer(CallKind::Static, to, data, U256::ZERO);
        self.finish(answer, outs_len)
    }
}

impl BlockAccess for GuardHost {
    fn block_basefee(&self) -> U256 {
        self.vm.block_basefee()
    }
    fn block_coinbase(&self) -> Address {
        self.vm.block_coinbase()
    }
    fn block_number(&self) -> u64 {
        self.vm.block_number()
    }
    fn block_timestamp(&self) -> u64 {
        self.vm.block_timestamp()
    }
    fn block_gas_limit(&self) -> u64 {
        self.vm.block_gas_limit()
    }
}

impl ChainAccess for GuardHost {
    fn chain_id(&self) -> u64 {
        self.vm.chain_id()
    }
}

impl AccountAccess for GuardHost {
    fn balance(&self, account: Address) -> U256 {
        self.vm.balance(account)
    }
    fn contract_address(&self) -> Address {
        self.vm.contract_address()
    }
    fn code(&self, account: Address) -> Vec<u8> {
        self.vm.code(account)
    }
    fn code_size(&self, account: Address) -> usize {
        self.vm.code_size(account)
    }
    fn code_hash(&self, account: Address) -> B256 {
        self.vm.code_hash(account)
    }
}

impl MemoryAccess for GuardHost {
    fn pay_for_memory_grow(&self, pages: u16) {
        self.vm.pay_for_memory_grow(pages);
    }
}

impl MessageAccess for GuardHost {
    fn msg_sender(&self) -> Address {
        self.vm.msg_sender()
    }
    fn msg_reentrant(&self) -> bool {
        self.vm.msg_reentrant()
    }
    fn msg_value(&self) -> U256 {
        self.vm.msg_value()
    }
    fn tx_origin(&self) -> Address {
        self.vm.tx_origin()
    }
}

impl MeteringAccess for GuardHost {
    fn evm_gas_left(&self) -> u64 {
        self.vm.evm_gas_left()
    }
    fn evm_ink_left(&self) -> u64 {
        self.vm.evm_ink_left()
    }
    fn tx_gas_price(&self) -> U256 {
        self.vm.tx_gas_price()
    }
    fn tx_ink_price(&self) -> u32 {
        self.vm.tx_ink_price()
    }
}

impl RawLogAccess for GuardHost {
    fn emit_log(&self, input: &[u8], num_topics: usize) {
        self.vm.emit_log(input, num_topics);
    }
    fn raw_log(&self, topics: &[B256], data: &[u8]) -> Result<(), &'static str> {
        self.vm.raw_log(topics, data)
    }
}

impl Host for GuardHost {}

#[cfg(test)]
mod tests {
    use super::*;
    use k256::ecdsa::SigningKey;

    #[test]
    fn ecrecover_returns_the_signer_of_a_valid_signature() {
        let key = SigningKey::from_slice(&[7u8; 32]).unwrap();
        let hash = [0x42u8; 32];
        let (sig, rid) = key.sign_prehash_recoverable(&hash).unwrap();
        let mut input = hash.to_vec();
        input.extend_from_slice(&U256::from(27 + rid.to_byte()).to_be_bytes::<32>());
        input.extend_from_slice(&sig.to_bytes());
        let out = ecrecover(&input);
        let expected = Address::from_public_key(key.verifying_key());
        assert_eq!(&out[12..], expected.as_slice());
        input[63] = 29;
        assert!(ecrecover(&input).is_empty(), "v must be 27 or 28");
    }

    #[test]
    fn each_call_reads_its_own_return_data() {
        use stylus_sdk::{call::static_call, prelude::Call};
        let host = GuardHost::new();
        let a = Address::with_last_byte(0xaa);
        host.mock_call(a, vec![1], Ok(vec![0x11]));
        host.mock_call(a, vec![2], Err(vec![0x22, 0x22]));
        assert_eq!(
            static_call(&host, Call::new(), a, &[1]).unwrap(),
            vec![0x11]
        );
        assert!(static_call(&host, Call::new(), a, &[2]).is_err());
        assert_eq!(
            static_call(&host, Call::new(), a, &[1]).unwrap(),
            vec![0x11]
        );
        assert_eq!(
            static_call(&host, Call::new(), a, &[3]).unwrap(),
            Vec::<u8>::new()
        );
        assert_eq!(host.calls().len(), 4);
    }
}
