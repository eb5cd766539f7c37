//! Shared helpers of the integration tests: an in-memory chain with funded dev account,
//! code installation, activation through ArbWasm and transaction building.
#![allow(dead_code)]

use revm::{
    context::{result::ResultAndState, BlockEnv, TxEnv},
    database::{CacheDB, EmptyDB, WrapDatabaseRef},
    primitives::{address, keccak256, Address, Bytes, TxKind, U256},
    state::{AccountInfo, Bytecode},
    DatabaseCommit,
};
use stylus_evm::{compress_wasm, ExecOptions, StylusEngine, StylusParams, StylusStats, ARB_WASM};

/// Nitro devnode's funded dev account.
pub const DEV: Address = address!("3f1Eae7D46d88F08fc2F8ed27FCb2AB183EB2d0E");

/// Gas limit of test transactions.
pub const GAS: u64 = 30_000_000;

/// An engine, a database and the dev account's nonce.
pub struct Chain {
    pub engine: StylusEngine,
    pub db: CacheDB<EmptyDB>,
    nonce: u64,
}

impl Chain {
    /// A chain with the dev account funded and the precompile markers installed.
    pub fn new() -> Self {
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
        Self {
            engine: StylusEngine::new(StylusParams::default()),
            db,
            nonce: 0,
        }
    }

    /// Installs `code` at `address` directly (no CREATE).
    pub fn install(&mut self, address: Address, code: Vec<u8>) {
        let code = Bytecode::new_raw(Bytes::from(code));
        self.db.insert_account_info(
            address,
            AccountInfo {
                code_hash: code.hash_slow(),
                code: Some(code),
                ..AccountInfo::default()
            },
        );
    }

    /// Installs the WAT program at `address` (compressed like cargo-stylus) and activates it.
    pub fn install_program(&mut self, address: Address, wat: &str) {
        self.install(
            address,
            compress_wasm(&wat::parse_str(wat).expect("valid WAT")),
        );
        let (result, _) = self.send(
            ARB_WASM,
            activate_calldata(address),
            U256::from(10u128.pow(20)),
        );
        let up_to_date = result
            .result
            .output()
            .is_some_and(|out| out.as_ref() == stylus_evm::precompiles::PROGRAM_UP_TO_DATE);
        assert!(
            result.result.is_success() || up_to_date,
            "activation failed: {:?}",
            result.result
        );
    }

    /// Runs a transaction from the dev account with an optional access list and commits it.
    pub fn send_with(&mut self, tx: TxEnv) -> (ResultAndState, StylusStats) {
        let (result, stats) = self
            .engine
            .transact(
                WrapDatabaseRef(&self.db),
                BlockEnv::default(),
                tx,
                &ExecOptions::default(),
            )
            .expect("transaction runs");
        self.db.commit(result.state.clone());
        self.nonce += 1;
        (result, stats)
    }

    /// Runs a call transaction from the dev account and commits it.
    pub fn send(
        &mut self,
        to: Address,
        data: Vec<u8>,
        value: U256,
    ) -> (ResultAndState, StylusStats) {
        let tx = self.tx(to, data, value);
        self.send_with(tx)
    }

    /// Builds a transaction from the dev account.
    pub fn tx(&self, to: Address, data: Vec<u8>, value: U256) -> TxEnv {
        TxEnv::builder()
            .caller(DEV)
            .kind(TxKind::Call(to))
            .data(Bytes::from(data))
            .value(value)
            .gas_limit(GAS)
            .gas_price(0)
            .nonce(self.nonce)
            .chain_id(Some(412_346))
            .build()
            .expect("valid tx")
    }

    /// Storage slot 0 of `address`.
    pub fn slot0(&self, address: Address) -> U256 {
        self.db
            .cache
            .accounts
            .get(&address)
            .and_then(|account| account.storage.get(&U256::ZERO).copied())
            .unwrap_or_default()
    }
}

/// `activateProgram(address)` calldata.
pub fn activate_calldata(program: Address) -> Vec<u8> {
    let mut data = keccak256("activateProgram(address)")[..4].to_vec();
    data.extend_from_slice(&[0; 12]);
    data.extend_from_slice(program.as_slice());
    data
}
