//! The JSON-RPC server on a free port: every method, the shapes alloy deserializes, and a clear
//! JSON-RPC error for every kind of bad request.

mod common;

use alloy_primitives::{hex, keccak256, Address, Bytes, B256, U256};
use alloy_rpc_types_eth::{Block, FeeHistory, Transaction, TransactionReceipt};
use alloy_sol_types::{sol, SolCall};
use common::*;
use serde_json::{json, Value};
use std::net::SocketAddr;
use stylus_devnet::{rpc::RpcServer, Devnet};
use stylus_evm::ARB_WASM;

sol! {
    interface ArbWasm {
        function activateProgram(address program) external payable returns (uint16 version, uint256 dataFee);
        function codehashVersion(bytes32 codehash) external view returns (uint16 version);
    }
    interface Counter {
        function number() external view returns (uint256);
        function increment() external;
    }
}

struct Node {
    devnet: Devnet,
    server: RpcServer,
}

impl Node {
    fn start() -> Self {
        let devnet = Devnet::new().unwrap();
        let server = RpcServer::start(&devnet, "127.0.0.1:0".parse().unwrap()).unwrap();
        Self { devnet, server }
    }

    fn address(&self) -> SocketAddr {
        self.server.address()
    }

    fn dev(&self) -> Address {
        self.devnet.accounts()[0].address
    }

    /// Sends a signed type-2 transaction through `eth_sendRawTransaction`; returns its receipt.
    fn send_signed(&self, account_index: usize, transaction: &Eip1559) -> TransactionReceipt {
        let raw = transaction.sign(&self.devnet.accounts()[account_index]);
        let hash = rpc_ok(
            self.address(),
            "eth_sendRawTransaction",
            json!([Bytes::from(raw)]),
        );
        let receipt = rpc_ok(self.address(), "eth_getTransactionReceipt", json!([hash]));
        serde_json::from_value(receipt).unwrap()
    }
}

fn quantity(value: &Value) -> u64 {
    u64::from_str_radix(value.as_str().unwrap().trim_start_matches("0x"), 16).unwrap()
}

#[test]
fn identity_methods_answer_nitro_devnode_values() {
    let node = Node::start();
    assert_eq!(
        rpc_ok(node.address(), "eth_chainId", json!([])),
        json!("0x64aba")
    );
    assert_eq!(
        rpc_ok(node.address(), "net_version", json!([])),
        json!("412346")
    );
    assert!(rpc_ok(node.address(), "web3_clientVersion", json!([]))
        .as_str()
        .unwrap()
        .starts_with("stylus-devnet/"));
    assert_eq!(
        rpc_ok(node.address(), "eth_blockNumber", json!([])),
        json!("0x0")
    );
    assert_eq!(
        rpc_ok(node.address(), "eth_gasPrice", json!([])),
        json!("0x5f5e100")
    );
    assert_eq!(
        rpc_ok(node.address(), "eth_maxPriorityFeePerGas", json!([])),
        json!("0x0")
    );
    let accounts = rpc_ok(node.address(), "eth_accounts", json!([]));
    assert_eq!(accounts.as_array().unwrap().len(), 10);
    assert_eq!(
        accounts[0],
        json!("0x3f1eae7d46d88f08fc2f8ed27fcb2ab183eb2d0e")
    );
}

#[test]
fn a_signed_type_2_transaction_is_mined_with_an_alloy_receipt_transaction_and_block() {
    let node = Node::start();
    let to = Address::repeat_byte(0x11);
    let receipt = node.send_signed(
        1,
        &Eip1559 {
            value: U256::from(123),
            ..Eip1559::new(0, Some(to))
        },
    );
    assert!(receipt.status());
    assert_eq!(receipt.gas_used, 21_000);
    assert_eq!(receipt.effective_gas_price, 100_000_000);
    assert_eq!(receipt.block_number, Some(1));
    assert_eq!(receipt.from, node.devnet.accounts()[1].address);

    let transaction: Transaction = serde_json::from_value(rpc_ok(
        node.address(),
        "eth_getTransactionByHash",
        json!([receipt.transaction_hash]),
    ))
    .unwrap();
    assert_eq!(
        transaction.inner.signer(),
        node.devnet.accounts()[1].address
    );
    assert_eq!(transaction.block_hash, receipt.block_hash);

    for full in [false, true] {
        let block: Block = serde_json::from_value(rpc_ok(
            node.address(),
            "eth_getBlockByNumber",
            json!(["latest", full]),
        ))
        .unwrap();
        assert_eq!(block.header.hash, receipt.block_hash.unwrap());
        assert_eq!(block.header.number, 1);
        assert_eq!(block.header.base_fee_per_gas, Some(100_000_000));
        assert_eq!(block.transactions.len(), 1);
        assert_eq!(block.transactions.is_full(), full);
        let by_hash: Block = serde_json::from_value(rpc_ok(
            node.address(),
            "eth_getBlockByHash",
            json!([block.header.hash, full]),
        ))
        .unwrap();
        assert_eq!(by_hash.header.hash, block.header.hash);
        let parent: Block = serde_json::from_value(rpc_ok(
            node.address(),
            "eth_getBlockByNumber",
            json!(["0x0", false]),
        ))
        .unwrap();
        assert_eq!(block.header.parent_hash, parent.header.hash);
    }
    assert_eq!(
        rpc_ok(node.address(), "eth_getBalance", json!([to, "latest"])),
        json!("0x7b")
    );
    assert_eq!(
        rpc_ok(
            node.address(),
            "eth_getTransactionCount",
            json!([node.devnet.accounts()[1].address, "pending"])
        ),
        json!("0x1")
    );
    assert_eq!(
        rpc_ok(
            node.address(),
            "eth_getBlockByNumber",
            json!(["0x9", false])
        ),
        Value::Null
    );
    assert_eq!(
        rpc_ok(
            node.address(),
            "eth_getTransactionReceipt",
            json!([B256::ZERO])
        ),
        Value::Null
    );
    assert_eq!(
        rpc_ok(
            node.address(),
            "eth_getTransactionByHash",
            json!([B256::ZERO])
        ),
        Value::Null
    );
}

#[test]
fn contract_state_is_readable_and_logs_are_queryable() {
    let node = Node::start();
    let receipt = node.send_signed(
        0,
        &Eip1559 {
            input: store_initcode().into(),
            ..Eip1559::new(0, None)
        },
    );
    let store = receipt.contract_address.unwrap();
    let stored = node.send_signed(
        0,
        &Eip1559 {
            input: store_call(U256::from(77)),
            ..Eip1559::new(1, Some(store))
        },
    );
    assert_eq!(stored.inner.logs().len(), 1);
    assert_eq!(stored.inner.logs()[0].block_hash, stored.block_hash);

    let code = rpc_ok(node.address(), "eth_getCode", json!([store, "latest"]));
    assert!(code.as_str().unwrap().len() > 10);
    assert_eq!(
        rpc_ok(
            node.address(),
            "eth_getStorageAt",
            json!([store, "0x0", "latest"])
        ),
        json!(B256::from(U256::from(77)))
    );

    let logs = rpc_ok(
        node.address(),
        "eth_getLogs",
        json!([{ "fromBlock": "0x0", "toBlock": "latest", "address": store, "topics": [STORED_TOPIC] }]),
    );
    let logs: Vec<alloy_rpc_types_eth::Log> = serde_json::from_value(logs).unwrap();
    assert_eq!(logs.len(), 1);
    assert_eq!(logs[0].transaction_hash, Some(stored.transaction_hash));
    let unmatched = rpc_ok(
        node.address(),
        "eth_getLogs",
        json!([{ "fromBlock": "0x0", "topics": [B256::repeat_byte(1)] }]),
    );
    assert_eq!(unmatched, json!([]));
}

#[test]
fn eth_call_accepts_input_or_data_and_answers_reverts_with_code_3_and_raw_data() {
    let node = Node::start();
    let (store, _) = node
        .devnet
        .deploy_evm(node.dev(), store_initcode())
        .unwrap();
    node.devnet
        .send(node.dev(), store, U256::ZERO, store_call(U256::from(5)))
        .unwrap();
    let load = Bytes::from(LOAD_CALL.to_vec());
    let expected = json!(B256::from(U256::from(5)));
    assert_eq!(
        rpc_ok(
            node.address(),
            "eth_call",
            json!([{ "to": store, "input": load }, "latest"])
        ),
        expected
    );
    assert_eq!(
        rpc_ok(
            node.address(),
            "eth_call",
            json!([{ "to": store, "data": load }, "pending"])
        ),
        expected
    );
    assert_eq!(
        rpc_ok(
            node.address(),
            "eth_call",
            json!([{ "to": store, "data": load, "input": load, "chainId": "0x64aba" }])
        ),
        expected
    );
    let mismatch = rpc_err(
        node.address(),
        "eth_call",
        json!([{ "to": store, "data": "0x02", "input": "0x03" }, "latest"]),
    );
    assert_eq!(mismatch["code"], -32602);

    let error = rpc_err(
        node.address(),
        "eth_call",
        json!([{ "to": store, "input": Bytes::from(REVERT_CALL.to_vec()) }, "latest"]),
    );
    assert_eq!(error["code"], 3);
    assert!(error["message"]
        .as_str()
        .unwrap()
        .contains("execution reverted"));
    assert_eq!(error["data"], json!("0x12345678"));
}

#[test]
fn state_overrides_apply_to_the_call_only() {
    let node = Node::start();
    let (store, _) = node
        .devnet
        .deploy_evm(node.dev(), store_initcode())
        .unwrap();
    let load = Bytes::from(LOAD_CALL.to_vec());
    let slot0 = B256::ZERO;
    for kind in ["state", "stateDiff"] {
        let overrides = json!({ store.to_string(): { kind: { slot0.to_string(): B256::from(U256::from(9)) } } });
        let answer = rpc_ok(
            node.address(),
            "eth_call",
            json!([{ "to": store, "input": load }, "latest", overrides]),
        );
        assert_eq!(answer, json!(B256::from(U256::from(9))));
    }
    // Code override: a fresh address runs the store contract's runtime.
    let other = Address::repeat_byte(0x55);
    let runtime = node.devnet.code(store);
    let overrides =
        json!({ other.to_string(): { "code": runtime, "balance": "0x1", "nonce": "0x5" } });
    let answer = rpc_ok(
        node.address(),
        "eth_call",
        json!([{ "to": other, "input": Bytes::from(TIMESTAMP_CALL.to_vec()) }, "latest", overrides]),
    );
    assert_eq!(
        quantity(&json!(format!(
            "0x{}",
            answer
                .as_str()
                .unwrap()
                .trim_start_matches("0x")
                .trim_start_matches('0')
        ))),
        node.devnet.timestamp()
    );
    // Balance override with value, as cargo-stylus' data-fee probe does.
    let rich = Address::repeat_byte(0x66);
    let overrides = json!({ rich.to_string(): { "balance": U256::MAX } });
    rpc_ok(
        node.address(),
        "eth_call",
        json!([{ "from": rich, "to": other, "value": "0xde0b6b3a7640000" }, "latest", overrides]),
    );
    // Nothing was committed.
    assert_eq!(node.devnet.storage(store, U256::ZERO), U256::ZERO);
    assert!(node.devnet.code(other).is_empty());
    assert_eq!(node.devnet.balance(rich), U256::ZERO);
}

#[test]
fn eth_estimate_gas_is_enough_unpadded_for_a_nested_call() {
    let node = Node::start();
    let (store, _) = node
        .devnet
        .deploy_evm(node.dev(), store_initcode())
        .unwrap();
    let (forwarder, _) = node
        .devnet
        .deploy_evm(node.dev(), forwarder_initcode(store))
        .unwrap();
    let data = store_call(U256::from(3));
    let estimate = quantity(&rpc_ok(
        node.address(),
        "eth_estimateGas",
        json!([{ "from": node.dev(), "to": forwarder, "input": data }, "pending"]),
    ));
    let nonce = node.devnet.nonce(node.dev());
    let receipt = node.send_signed(
        0,
        &Eip1559 {
            input: data,
            gas_limit: estimate,
            ..Eip1559::new(nonce, Some(forwarder))
        },
    );
    assert!(receipt.status());
    let error = rpc_err(
        node.address(),
        "eth_estimateGas",
        json!([{ "to": store, "input": Bytes::from(REVERT_CALL.to_vec()) }]),
    );
    assert_eq!(error["code"], 3);
    assert_eq!(error["data"], json!("0x12345678"));
}

#[test]
fn fee_history_has_what_alloy_needs() {
    let node = Node::start();
    node.devnet.mine();
    node.devnet.mine();
    for count in [json!("0xa"), json!(10)] {
        let history: FeeHistory = serde_json::from_value(rpc_ok(
            node.address(),
            "eth_feeHistory",
            json!([count, "latest", [20.0]]),
        ))
        .unwrap();
        assert_eq!(history.oldest_block, 0);
        assert_eq!(history.base_fee_per_gas, vec![100_000_000; 4]);
        assert_eq!(history.gas_used_ratio.len(), 3);
        assert_eq!(history.reward.unwrap(), vec![vec![0]; 3]);
    }
}

#[test]
fn eth_send_transaction_signs_for_dev_accounts_only() {
    let node = Node::start();
    let to = Address::repeat_byte(0x12);
    let hash = rpc_ok(
        node.address(),
        "eth_sendTransaction",
        json!([{ "from": node.dev(), "to": to, "value": "0x10" }]),
    );
    let receipt: TransactionReceipt = serde_json::from_value(rpc_ok(
        node.address(),
        "eth_getTransactionReceipt",
        json!([hash]),
    ))
    .unwrap();
    assert!(receipt.status());
    assert_eq!(node.devnet.balance(to), U256::from(16));
    let error = rpc_err(
        node.address(),
        "eth_sendTransaction",
        json!([{ "from": Address::repeat_byte(1), "to": to }]),
    );
    assert_eq!(error["code"], -32000);
    assert!(error["message"]
        .as_str()
        .unwrap()
        .contains("unknown account"));
}

#[test]
fn time_and_snapshot_controls_work_over_rpc() {
    let node = Node::start();
    let start = node.devnet.timestamp();
    rpc_ok(node.address(), "evm_increaseTime", json!([7_200]));
    assert_eq!(rpc_ok(node.address(), "evm_mine", json!([])), json!("0x0"));
    assert!(node.devnet.timestamp() >= start + 7_200);
    let target = node.devnet.timestamp() + 1_000;
    rpc_ok(node.address(), "evm_setNextBlockTimestamp", json!([target]));
    rpc_ok(node.address(), "anvil_mine", json!(["0x1"]));
    assert_eq!(node.devnet.timestamp(), target);
    let error = rpc_err(
        node.address(),
        "evm_setNextBlockTimestamp",
        json!([target - 10]),
    );
    assert_eq!(error["code"], -32000);

    let id = rpc_ok(node.address(), "evm_snapshot", json!([]));
    assert_eq!(id, json!("0x0"));
    rpc_ok(node.address(), "evm_mine", json!([]));
    assert_eq!(node.devnet.block_number(), 3);
    assert_eq!(
        rpc_ok(node.address(), "evm_revert", json!([id])),
        json!(true)
    );
    assert_eq!(node.devnet.block_number(), 2);
    assert_eq!(
        rpc_ok(node.address(), "evm_revert", json!([id])),
        json!(false)
    );
}

#[test]
fn malformed_json_unknown_methods_and_bad_params_get_standard_errors() {
    let node = Node::start();
    let (status, response) = post(node.address(), "{not json");
    assert_eq!(status, 200);
    assert_eq!(response["error"]["code"], -32700);
    assert_eq!(response["id"], Value::Null);

    let error = rpc_err(node.address(), "eth_frobnicate", json!([]));
    assert_eq!(error["code"], -32601);
    for (method, params) in [
        ("eth_getBalance", json!(["0x1234"])),
        ("eth_getBalance", json!([])),
        ("eth_call", json!(["not an object"])),
        ("eth_getBlockByNumber", json!(["soon"])),
        ("eth_sendRawTransaction", json!(["0xzz"])),
        ("eth_feeHistory", json!(["ten", "latest", []])),
        ("evm_increaseTime", json!([])),
    ] {
        let error = rpc_err(node.address(), method, params.clone());
        assert_eq!(error["code"], -32602, "{method} {params}: {error}");
    }
    let (_, response) = post(
        node.address(),
        r#"{"jsonrpc":"2.0","id":3,"method":"eth_chainId","params":{"a":1}}"#,
    );
    assert_eq!(response["error"]["code"], -32602);
    let (_, response) = post(node.address(), r#"{"jsonrpc":"2.0","id":4}"#);
    assert_eq!(response["error"]["code"], -32600);
    assert_eq!(response["id"], 4);
    let (_, response) = post(node.address(), "[]");
    assert_eq!(response["error"]["code"], -32600);
    let (_, response) = post(node.address(), "42");
    assert_eq!(response["error"]["code"], -32600);
    node.devnet.mine();
    let error = rpc_err(
        node.address(),
        "eth_getBalance",
        json!([Address::ZERO, "0x0"]),
    );
    assert_eq!(
        error["code"], -32000,
        "state at an old block is refused once there is a newer one: {error}"
    );
}

#[test]
fn batches_are_answered_in_order_and_notifications_are_not_answered() {
    let node = Node::start();
    let body = r#"[{"jsonrpc":"2.0","id":1,"method":"eth_chainId"},{"jsonrpc":"2.0","method":"eth_blockNumber"},{"jsonrpc":"2.0","id":"two","method":"nope"},{"jsonrpc":"2.0","id":3,"method":"net_version","params":[]}]"#;
    let (_, response) = post(node.address(), body);
    let responses = response.as_array().unwrap();
    assert_eq!(responses.len(), 3);
    assert_eq!(responses[0]["result"], "0x64aba");
    assert_eq!(responses[1]["id"], "two");
    assert_eq!(responses[1]["error"]["code"], -32601);
    assert_eq!(responses[2]["result"], "412346");
    let (status, response) = post(
        node.address(),
        r#"{"jsonrpc":"2.0","method":"eth_chainId"}"#,
    );
    assert_eq!((status, response), (200, Value::Null));
}

#[test]
fn bad_raw_transactions_get_clear_errors_and_are_not_mined() {
    let node = Node::start();
    let to = Some(Address::repeat_byte(0x21));
    let send = |raw: Vec<u8>| {
        rpc_err(
            node.address(),
            "eth_sendRawTransaction",
            json!([Bytes::from(raw)]),
        )
    };
    let message = |error: &Value| error["message"].as_str().unwrap().to_owned();

    let undecodable = send(vec![0x02, 0x01, 0x02]);
    assert_eq!(undecodable["code"], -32602);

    // A signature whose r is zero recovers no sender.
    let mut bad_signature = Eip1559::new(0, to).sign(&node.devnet.accounts()[0]);
    let length = bad_signature.len();
    bad_signature[length - 66..length - 33].fill(0);
    bad_signature[length - 65] = 0xa0;
    let error = send(bad_signature);
    assert!(
        message(&error).contains("signature") || message(&error).contains("decode"),
        "{error}"
    );

    let wrong_chain = send(
        Eip1559 {
            chain_id: 1,
            ..Eip1559::new(0, to)
        }
        .sign(&node.devnet.accounts()[0]),
    );
    assert_eq!(wrong_chain["code"], -32000);
    assert!(message(&wrong_chain).contains("chain id"), "{wrong_chain}");

    let gap = send(Eip1559::new(3, to).sign(&node.devnet.accounts()[0]));
    assert!(message(&gap).contains("nonce too high"), "{gap}");

    let fee_too_low = send(
        Eip1559 {
            max_fee_per_gas: 1,
            ..Eip1559::new(0, to)
        }
        .sign(&node.devnet.accounts()[0]),
    );
    assert!(message(&fee_too_low).contains("base fee"), "{fee_too_low}");

    let broke = send(
        Eip1559 {
            value: U256::MAX / U256::from(2),
            ..Eip1559::new(0, to)
        }
        .sign(&node.devnet.accounts()[0]),
    );
    assert!(message(&broke).contains("insufficient funds"), "{broke}");

    node.send_signed(0, &Eip1559::new(0, to));
    let replay = send(Eip1559::new(0, to).sign(&node.devnet.accounts()[0]));
    assert!(message(&replay).contains("nonce too low"), "{replay}");
    assert_eq!(node.devnet.block_number(), 1);
}

#[test]
fn the_counter_activates_and_runs_through_rpc() {
    let node = Node::start();
    let code = counter_code();
    let initcode = stylus_evm::stylus_initcode(&code);
    let deployed = node.send_signed(
        0,
        &Eip1559 {
            input: initcode.into(),
            gas_limit: 10_000_000,
            ..Eip1559::new(0, None)
        },
    );
    let counter = deployed.contract_address.unwrap();

    let version = ArbWasm::codehashVersionCall {
        codehash: keccak256(&code),
    }
    .abi_encode();
    let inactive = rpc_err(
        node.address(),
        "eth_call",
        json!([{ "to": ARB_WASM, "input": Bytes::from(version.clone()) }, "latest"]),
    );
    assert_eq!(inactive["code"], 3);
    assert_eq!(inactive["data"], json!("0x6f809c4e"), "ProgramNotActivated");

    let activate = Bytes::from(ArbWasm::activateProgramCall { program: counter }.abi_encode());
    let probe = json!({ "from": node.dev(), "to": ARB_WASM, "value": "0xde0b6b3a7640000", "input": activate });
    let overrides = json!({ node.dev().to_string(): { "balance": U256::MAX } });
    let answer = rpc_ok(
        node.address(),
        "eth_call",
        json!([probe, "latest", overrides]),
    );
    let returns = ArbWasm::activateProgramCall::abi_decode_returns(
        &hex::decode(answer.as_str().unwrap()).unwrap(),
    )
    .unwrap();
    let value = returns.dataFee * U256::from(12) / U256::from(10);
    let estimate = quantity(&rpc_ok(
        node.address(),
        "eth_estimateGas",
        json!([{ "from": node.dev(), "to": ARB_WASM, "value": value, "input": activate }, "pending"]),
    ));
    let activation = node.send_signed(
        0,
        &Eip1559 {
            input: activate,
            value,
            gas_limit: estimate,
            ..Eip1559::new(1, Some(ARB_WASM))
        },
    );
    assert!(activation.status());
    rpc_ok(
        node.address(),
        "eth_call",
        json!([{ "to": ARB_WASM, "input": Bytes::from(version) }, "latest"]),
    );

    let increment = Bytes::from(Counter::incrementCall {}.abi_encode());
    let estimate = quantity(&rpc_ok(
        node.address(),
        "eth_estimateGas",
        json!([{ "from": node.dev(), "to": counter, "input": increment }, "pending"]),
    ));
    assert!(node
        .send_signed(
            0,
            &Eip1559 {
                input: increment,
                gas_limit: estimate,
                ..Eip1559::new(2, Some(counter))
            }
        )
        .status());
    let number = rpc_ok(
        node.address(),
        "eth_call",
        json!([{ "to": counter, "input": Bytes::from(Counter::numberCall {}.abi_encode()) }, "latest"]),
    );
    assert_eq!(number, json!(B256::from(U256::from(1))));
}

#[test]
fn concurrent_clients_are_all_answered() {
    let node = Node::start();
    let (store, _) = node
        .devnet
        .deploy_evm(node.dev(), store_initcode())
        .unwrap();
    let address = node.address();
    let threads: Vec<_> = (0..8)
        .map(|_| {
            std::thread::spawn(move || {
                for _ in 0..25 {
                    assert_eq!(rpc_ok(address, "eth_chainId", json!([])), json!("0x64aba"));
                    rpc_ok(
                        address,
                        "eth_call",
                        json!([{ "to": store, "input": "0x02" }, "latest"]),
                    );
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    let hash = rpc_ok(
        address,
        "eth_sendTransaction",
        json!([{ "from": node.dev(), "to": store, "input": store_call(U256::from(1)) }]),
    );
    assert!(hash.is_string());
}

#[test]
fn a_get_request_is_refused_with_a_json_error() {
    let node = Node::start();
    let mut stream = std::net::TcpStream::connect(node.address()).unwrap();
    std::io::Write::write_all(
        &mut stream,
        format!(
            "GET / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            node.address()
        )
        .as_bytes(),
    )
    .unwrap();
    let mut response = String::new();
    std::io::Read::read_to_string(&mut stream, &mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 405"), "{response}");
    assert!(response.contains("-32600"), "{response}");
}
