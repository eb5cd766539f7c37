//! The Rust API ([`Devnet`]) without RPC: EVM and Stylus deployment, calls, sends, logs, time
//! controls, snapshots and the refusals of invalid transactions.

mod common;

use alloy_primitives::{keccak256, Address, Bytes, U256};
use alloy_rpc_types_eth::Filter;
use alloy_sol_types::{sol, SolCall, SolEvent};
use common::*;
use stylus_devnet::{
    genesis::{CREATE2_FACTORY, STYLUS_DEPLOYER},
    Devnet, DevnetConfig, DevnetError,
};
use stylus_evm::{ARB_WASM, ARB_WASM_CACHE};

sol! {
    interface Counter {
        function number() external view returns (uint256);
        function setNumber(uint256 new_number) external;
        function increment() external;
    }
    interface ArbWasmCache {
        function allCacheManagers() external view returns (address[] memory);
    }
    interface ArbWasm {
        function codehashVersion(bytes32 codehash) external view returns (uint16 version);
        function activateProgram(address program) external payable returns (uint16 version, uint256 dataFee);
    }
    interface StylusDeployer {
        function deploy(bytes calldata initCode, bytes calldata initData, uint256 initValue, bytes32 salt) external payable returns (address);
        event ContractDeployed(address deployedContract);
    }
}

fn devnet() -> (Devnet, Address) {
    let devnet = Devnet::new().unwrap();
    let dev = devnet.accounts()[0].address;
    (devnet, dev)
}

fn word(value: u64) -> Bytes {
    Bytes::from(U256::from(value).to_be_bytes::<32>().to_vec())
}

#[test]
fn genesis_has_the_factory_the_stylus_deployer_and_a_cache_manager() {
    let (devnet, dev) = devnet();
    assert_eq!(devnet.chain_id(), 412_346);
    assert_eq!(devnet.accounts().len(), 10);
    assert_eq!(devnet.nonce(dev), 0);
    assert!(!devnet.code(CREATE2_FACTORY).is_empty());
    assert!(keccak256(devnet.code(STYLUS_DEPLOYER))
        .to_string()
        .starts_with("0x85c3998f"));
    assert_eq!(devnet.code(STYLUS_DEPLOYER).len(), 2269);
    let managers = devnet
        .call(
            dev,
            ARB_WASM_CACHE,
            ArbWasmCache::allCacheManagersCall {}.abi_encode(),
        )
        .unwrap();
    let managers = ArbWasmCache::allCacheManagersCall::abi_decode_returns(&managers).unwrap();
    assert!(!managers.is_empty());
}

#[test]
fn an_evm_contract_deploys_stores_and_reads_back() {
    let (devnet, dev) = devnet();
    let (store, receipt) = devnet.deploy_evm(dev, store_initcode()).unwrap();
    assert!(receipt.status);
    assert_eq!(receipt.contract_address, Some(store));
    assert_eq!(store, dev.create(0));
    assert_eq!(devnet.nonce(dev), 1);

    let receipt = devnet
        .send(dev, store, U256::ZERO, store_call(U256::from(42)))
        .unwrap();
    assert!(receipt.status);
    assert_eq!(devnet.storage(store, U256::ZERO), U256::from(42));
    assert_eq!(
        devnet.call(dev, store, LOAD_CALL.to_vec()).unwrap(),
        word(42)
    );
    assert_eq!(devnet.block_number(), 2);
}

#[test]
fn sends_pay_gas_at_the_base_fee_and_move_value() {
    let (devnet, dev) = devnet();
    let recipient = Address::repeat_byte(0x42);
    let before = devnet.balance(dev);
    let receipt = devnet
        .send(dev, recipient, U256::from(1_000), Bytes::new())
        .unwrap();
    assert_eq!(receipt.gas_used, 21_000);
    assert_eq!(receipt.effective_gas_price, 100_000_000);
    assert_eq!(devnet.balance(recipient), U256::from(1_000));
    assert_eq!(
        devnet.balance(dev),
        before - U256::from(1_000) - U256::from(21_000u64 * 100_000_000)
    );
}

#[test]
fn logs_are_in_receipts_and_found_by_filters() {
    let (devnet, dev) = devnet();
    let (store, _) = devnet.deploy_evm(dev, store_initcode()).unwrap();
    let first = devnet
        .send(dev, store, U256::ZERO, store_call(U256::from(1)))
        .unwrap();
    devnet
        .send(dev, store, U256::ZERO, store_call(U256::from(2)))
        .unwrap();
    assert_eq!(first.logs.len(), 1);
    assert_eq!(first.logs[0].inner.address, store);
    assert_eq!(first.logs[0].topics(), &[STORED_TOPIC]);
    assert_eq!(first.logs[0].block_hash, Some(first.block_hash));

    let all = devnet
        .logs(
            &Filter::new()
                .from_block(0)
                .address(store)
                .event_signature(STORED_TOPIC),
        )
        .unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[1].inner.data.data, word(2));
    let elsewhere = devnet
        .logs(&Filter::new().from_block(0).address(Address::repeat_byte(1)))
        .unwrap();
    assert!(elsewhere.is_empty());
    let at_first = devnet
        .logs(&Filter::new().at_block_hash(first.block_hash))
        .unwrap();
    assert_eq!(at_first.len(), 1);
}

#[test]
fn a_reverting_send_is_mined_with_status_zero_and_a_call_returns_the_revert_data() {
    let (devnet, dev) = devnet();
    let (store, _) = devnet.deploy_evm(dev, store_initcode()).unwrap();
    let receipt = devnet
        .send(dev, store, U256::ZERO, REVERT_CALL.to_vec())
        .unwrap();
    assert!(!receipt.status);
    assert_eq!(receipt.output.as_ref(), &STORE_REVERT_DATA);
    match devnet.call(dev, store, REVERT_CALL.to_vec()) {
        Err(DevnetError::Reverted { output, .. }) => {
            assert_eq!(output.as_ref(), &STORE_REVERT_DATA);
        }
        other => panic!("expected a revert, got {other:?}"),
    }
}

#[test]
fn increase_time_and_set_next_block_timestamp_move_block_time() {
    let (devnet, dev) = devnet();
    let (store, _) = devnet.deploy_evm(dev, store_initcode()).unwrap();
    let start = devnet.timestamp();
    devnet.increase_time(3_600);
    devnet.mine();
    assert!(devnet.timestamp() >= start + 3_600);
    let read = U256::from_be_slice(&devnet.call(dev, store, TIMESTAMP_CALL.to_vec()).unwrap());
    assert_eq!(read, U256::from(devnet.timestamp()));

    let target = devnet.timestamp() + 86_400;
    devnet.set_next_block_timestamp(target).unwrap();
    devnet.mine();
    assert_eq!(devnet.timestamp(), target);
    assert!(matches!(
        devnet.set_next_block_timestamp(target - 1),
        Err(DevnetError::TimestampInPast { .. })
    ));
}

#[test]
fn revert_restores_a_snapshot_and_drops_it_and_later_ones() {
    let (devnet, dev) = devnet();
    let (store, _) = devnet.deploy_evm(dev, store_initcode()).unwrap();
    let first = devnet.snapshot();
    devnet
        .send(dev, store, U256::ZERO, store_call(U256::from(7)))
        .unwrap();
    let second = devnet.snapshot();
    devnet
        .send(dev, store, U256::ZERO, store_call(U256::from(8)))
        .unwrap();
    let block = devnet.block_number();

    assert!(devnet.revert(first));
    assert_eq!(devnet.storage(store, U256::ZERO), U256::ZERO);
    assert_eq!(devnet.block_number(), block - 2);
    assert_eq!(devnet.nonce(dev), 1);
    assert!(!devnet.revert(second), "later snapshots are dropped");
    assert!(!devnet.revert(first), "a snapshot is used once");
    assert!(!devnet.revert(99));
}

#[test]
fn raw_transactions_with_a_used_nonce_or_a_gap_are_refused_and_not_mined() {
    let (devnet, _) = devnet();
    let account = devnet.accounts()[1].clone();
    let to = Some(Address::repeat_byte(9));
    devnet
        .send_raw_transaction(&Eip1559::new(0, to).sign(&account))
        .unwrap();
    let block = devnet.block_number();
    assert!(matches!(
        devnet.send_raw_transaction(&Eip1559::new(0, to).sign(&account)),
        Err(DevnetError::NonceTooLow {
            expected: 1,
            actual: 0,
            ..
        })
    ));
    assert!(matches!(
        devnet.send_raw_transaction(&Eip1559::new(5, to).sign(&account)),
        Err(DevnetError::NonceTooHigh {
            expected: 1,
            actual: 5,
            ..
        })
    ));
    assert_eq!(devnet.block_number(), block);
}

#[test]
fn a_send_the_sender_cannot_pay_for_is_refused() {
    let (devnet, _) = devnet();
    let poor = Address::repeat_byte(0x77);
    let error = devnet
        .send(poor, Address::repeat_byte(1), U256::from(1), Bytes::new())
        .unwrap_err();
    assert!(
        matches!(error, DevnetError::InsufficientFunds { balance, .. } if balance.is_zero()),
        "{error}"
    );
    assert_eq!(devnet.block_number(), 0);
}

#[test]
fn eip2930_transactions_are_accepted_and_pay_for_their_access_list() {
    let (devnet, _) = devnet();
    let account = devnet.accounts()[3].clone();
    let to = Address::repeat_byte(4);
    let receipt = devnet
        .send_raw_transaction(&signed_eip2930(&account, 0, to, U256::from(6)))
        .unwrap();
    assert!(receipt.status);
    assert_eq!(receipt.transaction_type, alloy_consensus::TxType::Eip2930);
    // 21,000 + 2,400 per address + 1,900 per storage key (EIP-2930).
    assert_eq!(receipt.gas_used, 21_000 + 2_400 + 1_900);
    assert_eq!(devnet.balance(to), U256::from(6));
}

#[test]
fn legacy_eip155_transactions_are_accepted() {
    let (devnet, _) = devnet();
    let account = devnet.accounts()[2].clone();
    let receipt = devnet
        .send_raw_transaction(&signed_legacy(
            &account,
            0,
            Address::repeat_byte(3),
            U256::from(5),
        ))
        .unwrap();
    assert!(receipt.status);
    assert_eq!(devnet.balance(Address::repeat_byte(3)), U256::from(5));
}

#[test]
fn the_gas_estimate_suffices_unpadded_for_a_nested_call_and_one_less_does_not() {
    let (devnet, _) = devnet();
    let account = devnet.accounts()[0].clone();
    let (store, _) = devnet
        .deploy_evm(account.address, store_initcode())
        .unwrap();
    let (forwarder, _) = devnet
        .deploy_evm(account.address, forwarder_initcode(store))
        .unwrap();
    let data = store_call(U256::from(5));
    let estimate = devnet
        .estimate_gas(account.address, Some(forwarder), U256::ZERO, data.clone())
        .unwrap();

    let nonce = devnet.nonce(account.address);
    let short = Eip1559 {
        input: data.clone(),
        gas_limit: estimate - 1,
        ..Eip1559::new(nonce, Some(forwarder))
    };
    assert!(
        !devnet
            .send_raw_transaction(&short.sign(&account))
            .unwrap()
            .status
    );
    let exact = Eip1559 {
        input: data,
        gas_limit: estimate,
        ..Eip1559::new(nonce + 1, Some(forwarder))
    };
    assert!(
        devnet
            .send_raw_transaction(&exact.sign(&account))
            .unwrap()
            .status
    );
    assert_eq!(devnet.storage(store, U256::ZERO), U256::from(5));
}

#[test]
fn the_stylus_counter_deploys_activates_and_counts() {
    let (devnet, dev) = devnet();
    let deployment = devnet.deploy_stylus(dev, &counter_code()).unwrap();
    assert!(deployment
        .activation_receipt
        .as_ref()
        .is_some_and(|receipt| receipt.status));
    assert!(deployment.data_fee > U256::ZERO);
    let version = devnet
        .call(
            dev,
            ARB_WASM,
            ArbWasm::codehashVersionCall {
                codehash: keccak256(counter_code()),
            }
            .abi_encode(),
        )
        .unwrap();
    assert!(ArbWasm::codehashVersionCall::abi_decode_returns(&version).unwrap() > 0);

    let counter = deployment.address;
    assert!(
        devnet
            .send(
                dev,
                counter,
                U256::ZERO,
                Counter::setNumberCall {
                    new_number: U256::from(41)
                }
                .abi_encode()
            )
            .unwrap()
            .status
    );
    assert!(
        devnet
            .send(
                dev,
                counter,
                U256::ZERO,
                Counter::incrementCall {}.abi_encode()
            )
            .unwrap()
            .status
    );
    let number = devnet
        .call(dev, counter, Counter::numberCall {}.abi_encode())
        .unwrap();
    assert_eq!(
        Counter::numberCall::abi_decode_returns(&number).unwrap(),
        U256::from(42)
    );
}

#[test]
fn a_second_deployment_of_the_same_wasm_runs_without_activation() {
    let (devnet, dev) = devnet();
    devnet.deploy_stylus(dev, &counter_code()).unwrap();
    let second = devnet.deploy_stylus(dev, &counter_code()).unwrap();
    assert!(second.activation_receipt.is_none());
    assert!(
        devnet
            .send(
                dev,
                second.address,
                U256::ZERO,
                Counter::incrementCall {}.abi_encode()
            )
            .unwrap()
            .status
    );
    let number = devnet
        .call(dev, second.address, Counter::numberCall {}.abi_encode())
        .unwrap();
    assert_eq!(
        Counter::numberCall::abi_decode_returns(&number).unwrap(),
        U256::from(1)
    );
}

#[test]
fn raw_wasm_is_compressed_before_deployment() {
    let (devnet, dev) = devnet();
    let wasm =
        stylus_evm::activation::decompress(&counter_code(), stylus_evm::costs::MAX_WASM_SIZE)
            .unwrap();
    let deployment = devnet.deploy_stylus(dev, &wasm).unwrap();
    assert_eq!(
        &devnet.code(deployment.address)[..4],
        &[0xEF, 0xF0, 0x00, 0x00]
    );
    assert!(
        devnet
            .send(
                dev,
                deployment.address,
                U256::ZERO,
                Counter::incrementCall {}.abi_encode()
            )
            .unwrap()
            .status
    );
}

#[test]
fn a_custom_config_changes_chain_id_and_accounts() {
    let devnet = Devnet::with_config(DevnetConfig {
        chain_id: 31_337,
        dev_account_count: 3,
        ..DevnetConfig::default()
    })
    .unwrap();
    assert_eq!(devnet.chain_id(), 31_337);
    assert_eq!(devnet.accounts().len(), 3);
}

#[test]
fn the_stylus_deployer_deploys_and_activates_in_one_transaction_and_refunds_the_excess() {
    let (devnet, dev) = devnet();
    let code = counter_code();
    // The data fee, measured by a cargo-stylus-style deployment that is then rolled back.
    let snapshot = devnet.snapshot();
    let fee_estimate = devnet.deploy_stylus(dev, &code).unwrap().data_fee;
    assert!(devnet.revert(snapshot));

    let deploy = StylusDeployer::deployCall {
        initCode: stylus_evm::stylus_initcode(&code).into(),
        initData: Bytes::new(),
        initValue: U256::ZERO,
        salt: alloy_primitives::B256::ZERO,
    };
    let value = fee_estimate * U256::from(2);
    let before = devnet.balance(dev);
    let receipt = devnet
        .send(dev, STYLUS_DEPLOYER, value, deploy.abi_encode())
        .unwrap();
    assert!(receipt.status, "deploy reverted: {}", receipt.output);
    let deployed = receipt
        .logs
        .iter()
        .find(|log| log.topics().first() == Some(&StylusDeployer::ContractDeployed::SIGNATURE_HASH))
        .map(|log| Address::from_slice(&log.inner.data.data[12..32]))
        .expect("a ContractDeployed log");
    assert_eq!(deployed, STYLUS_DEPLOYER.create(1));
    let gas_paid = U256::from(receipt.gas_used) * U256::from(receipt.effective_gas_price);
    let charged = before - devnet.balance(dev) - gas_paid;
    assert!(
        charged > U256::ZERO && charged < value,
        "only the data fee is kept: {charged} of {value}"
    );
    assert!(
        devnet
            .send(
                dev,
                deployed,
                U256::ZERO,
                Counter::incrementCall {}.abi_encode()
            )
            .unwrap()
            .status
    );
}

/// Init code returning `runtime` (at most 32 bytes): `PUSH32 runtime; PUSH0; MSTORE;
/// PUSH1 len; PUSH1 0; RETURN`.
fn initcode_returning(runtime: &[u8]) -> Vec<u8> {
    let mut word = [0u8; 32];
    word[..runtime.len()].copy_from_slice(runtime);
    let mut initcode = vec![0x7f];
    initcode.extend_from_slice(&word);
    initcode.extend_from_slice(&[0x5f, 0x52, 0x60, u8::try_from(runtime.len()).unwrap()]);
    initcode.extend_from_slice(&[0x60, 0x00, 0xf3]);
    initcode
}

#[test]
fn call_with_stats_counts_a_cold_slot_read_and_the_exact_gas() {
    let (devnet, dev) = devnet();
    // PUSH0 SLOAD POP STOP: 21,000 + 2 + 2,100 (cold) + 2.
    let (target, _) = devnet
        .deploy_evm(dev, initcode_returning(&[0x5f, 0x54, 0x50, 0x00]))
        .unwrap();
    let (output, stats) = devnet.call_with_stats(dev, target, Bytes::new()).unwrap();
    assert!(output.is_empty());
    assert_eq!(stats.gas_used, 21_000 + 2 + 2_100 + 2);
    // The recipient is warm; its one slot is cold.
    assert_eq!(stats.access.cold_accounts, 0);
    assert_eq!(stats.access.cold_slots, 1);
    assert_eq!(stats.access.slots_written(), 0);
    assert_eq!(stats.stylus.invocations, 0);
}

#[test]
fn call_with_stats_counts_writes_and_the_stylus_profile() {
    let (devnet, dev) = devnet();
    // PUSH1 1 PUSH0 SSTORE STOP: one slot set from zero.
    let (writer, _) = devnet
        .deploy_evm(dev, initcode_returning(&[0x60, 0x01, 0x5f, 0x55, 0x00]))
        .unwrap();
    let (_, stats) = devnet.call_with_stats(dev, writer, Bytes::new()).unwrap();
    assert_eq!(stats.access.slots_set, 1);
    assert_eq!(stats.access.floor_gas(), 2_100 + 20_000);

    let counter = devnet.deploy_stylus(dev, &counter_code()).unwrap().address;
    let set = Counter::setNumberCall {
        new_number: U256::from(7),
    }
    .abi_encode();
    let (_, stats) = devnet.call_with_stats(dev, counter, set).unwrap();
    assert_eq!(stats.stylus.invocations, 1);
    assert!(stats.stylus.entry_gas > 0);
    assert!(stats.stylus.hostios.contains_key("storage_flush_cache"));
    assert_eq!(stats.access.slots_set, 1);
    // Nothing was mined.
    assert_eq!(devnet.storage(counter, U256::ZERO), U256::ZERO);
}

#[test]
fn a_cached_program_pays_less_to_enter() {
    let (devnet, dev) = devnet();
    let counter = devnet.deploy_stylus(dev, &counter_code()).unwrap().address;
    let read = Counter::numberCall {}.abi_encode();
    let (_, uncached) = devnet.call_with_stats(dev, counter, read.clone()).unwrap();
    devnet.set_program_cached(keccak256(counter_code()), true);
    let (_, cached) = devnet.call_with_stats(dev, counter, read).unwrap();
    assert!(
        cached.stylus.entry_gas < uncached.stylus.entry_gas,
        "cached {} vs uncached {}",
        cached.stylus.entry_gas,
        uncached.stylus.entry_gas
    );
    assert_eq!(
        uncached.gas_used - cached.gas_used,
        uncached.stylus.entry_gas - cached.stylus.entry_gas
    );
}
