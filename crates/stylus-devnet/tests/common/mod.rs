//! Shared test helpers: hand-assembled EVM contracts, transaction signing, a minimal HTTP
//! JSON-RPC client and the location of external tools.

#![allow(dead_code)] // Each test binary uses a different subset.

use alloy_consensus::{SignableTransaction, TxEip1559, TxEip2930, TxEnvelope, TxLegacy};
use alloy_eips::eip2718::Encodable2718;
use alloy_primitives::{hex, Address, Bytes, TxKind, B256, U256};
use alloy_signer::SignerSync;
use alloy_signer_local::PrivateKeySigner;
use serde_json::{json, Value};
use std::{
    io::{Read, Write},
    net::{SocketAddr, TcpStream},
    path::PathBuf,
};
use stylus_devnet::DevAccount;

/// Topic of the `Stored` log the store contract emits.
pub const STORED_TOPIC: B256 = B256::repeat_byte(0xaa);

/// Revert data of the store contract's op 3.
pub const STORE_REVERT_DATA: [u8; 4] = [0x12, 0x34, 0x56, 0x78];

/// Runtime of a hand-assembled contract, dispatching on the first calldata byte:
/// `01 ‖ word` stores `word` in slot 0 and emits `LOG1(STORED_TOPIC, word)`; `02` returns slot 0;
/// `03` reverts with `0x12345678`; `04` returns `block.timestamp`; anything else stops.
const STORE_RUNTIME: &str = concat!(
    "600035",
    "60f81c",
    "80600114602357",
    "80600214605557",
    "80600314606157",
    "80600414607257",
    "00",
    // 0x23 store
    "5b600135806000556000527f",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "60206000a100",
    // 0x55 load
    "5b60005460005260206000f3",
    // 0x61 revert
    "5b631234567860e01b60005260046000fd",
    // 0x72 timestamp
    "5b4260005260206000f3",
);

/// Init code that deploys `runtime` (`PUSH1 len DUP1 PUSH1 11 PUSH1 0 CODECOPY PUSH1 0 RETURN`).
pub fn initcode_for(runtime: &[u8]) -> Vec<u8> {
    let length = u8::try_from(runtime.len()).expect("test runtimes are short");
    let mut code = vec![
        0x60, length, 0x80, 0x60, 0x0b, 0x60, 0x00, 0x39, 0x60, 0x00, 0xf3,
    ];
    code.extend_from_slice(runtime);
    code
}

/// Init code of the store contract.
pub fn store_initcode() -> Vec<u8> {
    initcode_for(&hex::decode(STORE_RUNTIME).unwrap())
}

/// Init code of a forwarder: CALLs `target` with all its gas and its own calldata, and reverts
/// when that call fails (so a gas limit too small for the 63/64 rule makes it revert).
pub fn forwarder_initcode(target: Address) -> Vec<u8> {
    let mut runtime = hex::decode("366000600037600060003660006000").unwrap();
    runtime.push(0x73);
    runtime.extend_from_slice(target.as_slice());
    runtime.extend_from_slice(&hex::decode("5af1602e5760006000fd5b00").unwrap());
    initcode_for(&runtime)
}

/// Calldata that stores `value`.
pub fn store_call(value: U256) -> Bytes {
    let mut data = vec![0x01];
    data.extend_from_slice(&value.to_be_bytes::<32>());
    data.into()
}

/// Calldata of the read, revert and timestamp ops.
pub const LOAD_CALL: [u8; 1] = [0x02];
/// See [`LOAD_CALL`].
pub const REVERT_CALL: [u8; 1] = [0x03];
/// See [`LOAD_CALL`].
pub const TIMESTAMP_CALL: [u8; 1] = [0x04];

/// Fields of a signed EIP-1559 test transaction.
#[derive(Debug, Clone)]
pub struct Eip1559 {
    pub chain_id: u64,
    pub nonce: u64,
    pub to: Option<Address>,
    pub value: U256,
    pub input: Bytes,
    pub gas_limit: u64,
    pub max_fee_per_gas: u128,
}

impl Eip1559 {
    /// A transfer-shaped default on the devnet's chain id.
    pub fn new(nonce: u64, to: Option<Address>) -> Self {
        Self {
            chain_id: 412_346,
            nonce,
            to,
            value: U256::ZERO,
            input: Bytes::new(),
            gas_limit: 1_000_000,
            max_fee_per_gas: 1_000_000_000,
        }
    }

    /// Signs with `account`'s key; EIP-2718 bytes.
    pub fn sign(&self, account: &DevAccount) -> Vec<u8> {
        let transaction = TxEip1559 {
            chain_id: self.chain_id,
            nonce: self.nonce,
            gas_limit: self.gas_limit,
            max_fee_per_gas: self.max_fee_per_gas,
            max_priority_fee_per_gas: 0,
            to: self.to.map_or(TxKind::Create, TxKind::Call),
            value: self.value,
            access_list: alloy_eips::eip2930::AccessList::default(),
            input: self.input.clone(),
        };
        let signer = PrivateKeySigner::from_bytes(&account.private_key).unwrap();
        let signature = signer
            .sign_hash_sync(&transaction.signature_hash())
            .unwrap();
        TxEnvelope::from(transaction.into_signed(signature)).encoded_2718()
    }
}

/// A signed EIP-155 legacy transfer.
pub fn signed_legacy(account: &DevAccount, nonce: u64, to: Address, value: U256) -> Vec<u8> {
    let transaction = TxLegacy {
        chain_id: Some(412_346),
        nonce,
        gas_price: 1_000_000_000,
        gas_limit: 21_000,
        to: TxKind::Call(to),
        value,
        input: Bytes::new(),
    };
    let signer = PrivateKeySigner::from_bytes(&account.private_key).unwrap();
    let signature = signer
        .sign_hash_sync(&transaction.signature_hash())
        .unwrap();
    TxEnvelope::from(transaction.into_signed(signature)).encoded_2718()
}

/// POSTs `body` to the server at `address`; returns the HTTP status and the parsed JSON body
/// (`Value::Null` for an empty body).
pub fn post(address: SocketAddr, body: &str) -> (u16, Value) {
    let mut stream = TcpStream::connect(address).unwrap();
    let request = format!(
        "POST / HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, payload) = response.split_once("\r\n\r\n").expect("an HTTP response");
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    let json = if payload.trim().is_empty() {
        Value::Null
    } else {
        serde_json::from_str(payload).unwrap()
    };
    (status, json)
}

/// Calls `method` with `params`; returns the whole response object.
pub fn rpc(address: SocketAddr, method: &str, params: Value) -> Value {
    let mut body = json!({ "jsonrpc": "2.0", "id": 1, "method": method });
    body["params"] = params;
    post(address, &body.to_string()).1
}

/// Calls `method` and returns its `result`, panicking with the error otherwise.
pub fn rpc_ok(address: SocketAddr, method: &str, params: Value) -> Value {
    let response = rpc(address, method, params);
    assert!(
        response.get("error").is_none(),
        "{method} failed: {response}"
    );
    response["result"].clone()
}

/// Calls `method` and returns its `error` object, panicking when it succeeded.
pub fn rpc_err(address: SocketAddr, method: &str, params: Value) -> Value {
    let response = rpc(address, method, params);
    assert!(
        response.get("result").is_none(),
        "{method} unexpectedly succeeded: {response}"
    );
    response["error"].clone()
}

/// Path of the stylus-evm Counter fixture's committed init code.
pub fn counter_initcode() -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../stylus-evm/fixtures/counter/counter.initcode.hex");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    hex::decode(text.trim().trim_start_matches("0x")).unwrap()
}

/// The Counter's deployed code (`EF F0 00 00 ‖ brotli`): the init code past cargo-stylus'
/// 43-byte prelude.
pub fn counter_code() -> Vec<u8> {
    counter_initcode()[43..].to_vec()
}

/// A signed EIP-2930 transfer with an access list naming `to`.
pub fn signed_eip2930(account: &DevAccount, nonce: u64, to: Address, value: U256) -> Vec<u8> {
    let access_list = alloy_eips::eip2930::AccessList(vec![alloy_eips::eip2930::AccessListItem {
        address: to,
        storage_keys: vec![B256::ZERO],
    }]);
    let transaction = TxEip2930 {
        chain_id: 412_346,
        nonce,
        gas_price: 1_000_000_000,
        gas_limit: 30_000,
        to: TxKind::Call(to),
        value,
        access_list,
        input: Bytes::new(),
    };
    let signer = PrivateKeySigner::from_bytes(&account.private_key).unwrap();
    let signature = signer
        .sign_hash_sync(&transaction.signature_hash())
        .unwrap();
    TxEnvelope::from(transaction.into_signed(signature)).encoded_2718()
}
