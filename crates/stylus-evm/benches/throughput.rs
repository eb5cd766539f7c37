//! Throughput of simple Stylus calls through [`StylusEngine::transact`]: deploys the Counter
//! fixture, activates it, then runs `increment()` transactions (committing each) and
//! `number()` calls, and prints calls per second. Run with
//! `cargo bench -p stylus-evm --bench throughput` (release build).

use revm::{
    context::{BlockEnv, TxEnv},
    database::{CacheDB, EmptyDB, WrapDatabaseRef},
    primitives::{address, keccak256, Address, Bytes, TxKind, U256},
    state::AccountInfo,
    DatabaseCommit,
};
use std::time::Instant;
use stylus_evm::{ExecOptions, StylusEngine, StylusParams, ARB_WASM};

const DEV: Address = address!("3f1Eae7D46d88F08fc2F8ed27FCb2AB183EB2d0E");
const CALLS: u64 = 2_000;

fn tx(kind: TxKind, data: Vec<u8>, value: U256, nonce: u64) -> TxEnv {
    TxEnv::builder()
        .caller(DEV)
        .kind(kind)
        .data(Bytes::from(data))
        .value(value)
        .gas_limit(30_000_000)
        .gas_price(0)
        .nonce(nonce)
        .chain_id(Some(412_346))
        .build()
        .expect("valid tx")
}

fn main() {
    let engine = StylusEngine::new(StylusParams::default());
    let mut db = CacheDB::new(EmptyDB::default());
    db.insert_account_info(
        DEV,
        AccountInfo {
            balance: U256::from(10u128.pow(24)),
            ..AccountInfo::default()
        },
    );
    let hex_text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/counter/counter.initcode.hex"
    ))
    .expect("counter fixture");
    let initcode = hex::decode(hex_text.trim()).expect("hex");
    let mut nonce = 0;
    let run = |db: &mut CacheDB<EmptyDB>, tx: TxEnv, commit: bool| {
        let (result, _) = engine
            .transact(
                WrapDatabaseRef(&*db),
                BlockEnv::default(),
                tx,
                &ExecOptions::default(),
            )
            .expect("runs");
        assert!(result.result.is_success(), "{:?}", result.result);
        if commit {
            db.commit(result.state);
        }
    };
    run(
        &mut db,
        tx(TxKind::Create, initcode, U256::ZERO, nonce),
        true,
    );
    let counter = DEV.create(0);
    nonce += 1;
    let mut activate = keccak256("activateProgram(address)")[..4].to_vec();
    activate.extend_from_slice(&[0; 12]);
    activate.extend_from_slice(counter.as_slice());
    run(
        &mut db,
        tx(
            TxKind::Call(ARB_WASM),
            activate,
            U256::from(10u128.pow(20)),
            nonce,
        ),
        true,
    );
    nonce += 1;

    let increment = keccak256("increment()")[..4].to_vec();
    let started = Instant::now();
    for _ in 0..CALLS {
        run(
            &mut db,
            tx(TxKind::Call(counter), increment.clone(), U256::ZERO, nonce),
            true,
        );
        nonce += 1;
    }
    let elapsed = started.elapsed();
    #[allow(clippy::cast_precision_loss)]
    let per_second = CALLS as f64 / elapsed.as_secs_f64();
    println!(
        "increment() transactions (committed): {CALLS} in {elapsed:.2?} = {per_second:.0} calls/s"
    );

    let number = keccak256("number()")[..4].to_vec();
    let started = Instant::now();
    for _ in 0..CALLS {
        run(
            &mut db,
            tx(TxKind::Call(counter), number.clone(), U256::ZERO, nonce),
            false,
        );
    }
    let elapsed = started.elapsed();
    #[allow(clippy::cast_precision_loss)]
    let per_second = CALLS as f64 / elapsed.as_secs_f64();
    println!("number() calls (not committed): {CALLS} in {elapsed:.2?} = {per_second:.0} calls/s");
}
