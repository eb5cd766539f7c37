//! Execution engine of the project's in-process Stylus devnet.
//!
//! This is a **development chain engine, not Nitro**: revm 43 runs EVM code, and a call to an
//! account whose code starts with `EF F0 00` runs the Stylus WASM program under wasmi 2, with
//! Nitro's (ArbOS 51, Stylus version 2) activation rules, ink metering and host-call semantics as
//! far as the published rules allow. **Gas figures it produces are an emulation of Nitro's**;
//! label them as such in reports.
//!
//! # Using it
//! - [`StylusEngine::transact`] runs one transaction against any [`revm::Database`] without
//!   committing and returns revm's [`revm::context::result::ResultAndState`] plus
//!   [`StylusStats`] (ink per host function, opcode ink, entry and memory gas, cold accounts and
//!   slots, SSTOREs). Commit the state with `DatabaseCommit::commit` for a real transaction.
//! - [`ExecOptions::is_call`] gives `eth_call` semantics (no fee, base-fee, nonce, balance-for-fee
//!   or block-gas-limit checks; calls "from" contracts allowed). State overrides are the caller's
//!   business: layer a throw-away `CacheDB` over the real state.
//! - [`predeploys`] returns the code markers (`0xFE`) of the precompiles for genesis;
//!   [`compress_wasm`] and [`stylus_initcode`] build deployable code like cargo-stylus.
//! - [`StylusEngine::set_cached`] marks a codehash as cached (ArbWasmCache) to compare entry costs.
//!
//! # How it works
//! - [`evm::StylusEvm`] wraps revm's mainnet EVM in its own `EvmTr`. A frame whose code starts with
//!   `EF F0 00` is run by the WASM runtime inside an ordinary revm frame. A host call that needs
//!   revm (storage miss, flush, account query, log, call, create, …) returns a request as a wasmi
//!   host error, which suspends the *resumable* call; the engine serves it with full access to the
//!   journal and resumes. Nested calls and creates become ordinary revm frames (`FrameInit`), so
//!   depth (1024), journal checkpoints, value transfer and reverts stay revm's own, and EVM → WASM →
//!   EVM → WASM nests without native recursion.
//! - Activation ([`activation`]) decompresses, validates with wasmparser (the version wasmi uses)
//!   and computes Nitro's per-program costs; the record is stored in ArbWasm's **storage** (so it is
//!   journaled and discarded by an `eth_call`), keyed by the codehash of the whole code. Compiled
//!   modules are cached in memory by codehash.
//! - Metering ([`instrument`]): ink is injected into the WASM itself the way Nitro's middlewares
//!   do it (per basic block, Nitro's opcode table and header cost; dynamic memory.copy/fill cost;
//!   `pay_for_memory_grow` before `memory.grow`; the stack-depth check with per-function frame
//!   sizes). wasmi's own fuel is not used. Host functions charge ink and EVM gas per [`costs`].
//!
//! # Known differences from Nitro
//! - Frame sizes for the stack-depth check use wasmparser's operand-stack height, not Nitro's own
//!   stack model; deep recursion may run out of stack at a slightly different depth.
//! - Only dictionary 0 (no dictionary) is accepted; dictionary 1 is refused with a named rule.
//!   Fragmented (`EF F0 01/02`, ArbOS 60) programs are not supported.
//! - Programs never expire; `codehashKeepalive` succeeds without charging a fee, and
//!   `programTimeLeft` reports the full expiry period.
//! - The ArbOS 60 per-block recent-programs cache is not emulated (ArbOS 51 has none).
//! - A database error while reading a program's activation record at entry makes the call fail as
//!   "not activated"; database errors inside host calls abort the transaction as in revm.
//! - The CacheManager contract is not deployed: `allCacheManagers()` reports one address, but
//!   bids go nowhere; use [`StylusEngine::set_cached`].

pub mod activation;
pub mod costs;
mod engine;
pub mod evm;
mod hostio;
pub mod hostio_sigs;
pub mod instrument;
pub mod precompiles;
mod program;
mod stats;

pub use engine::{EngineError, ExecOptions, StylusEngine, StylusParams};
pub use precompiles::{ARB_OWNER_PUBLIC, ARB_WASM, ARB_WASM_CACHE, NETWORK_FEE_ACCOUNT};
pub use stats::{HostioStat, StylusStats};

use revm::{bytecode::Bytecode, primitives::Bytes};

/// Code placed at every Nitro precompile address (`0xFE`, INVALID), as Nitro does, so that
/// Solidity's `extcodesize` checks pass.
pub const PRECOMPILE_CODE_MARKER: u8 = 0xFE;

/// Precompile code markers to put into the genesis state: `(address, code)` pairs.
pub fn predeploys() -> Vec<(revm::primitives::Address, Bytecode)> {
    [ARB_WASM, ARB_WASM_CACHE, ARB_OWNER_PUBLIC]
        .into_iter()
        .map(|address| {
            (
                address,
                Bytecode::new_raw(Bytes::from_static(&[PRECOMPILE_CODE_MARKER])),
            )
        })
        .collect()
}

/// Compresses a WASM module the way cargo-stylus does: `EF F0 00 00 ‖ brotli(wasm)` with quality
/// 11, window 22, generic mode and no dictionary (brotli2, the same encoder cargo-stylus uses).
///
/// # Panics
/// Never in practice: the encoder writes into a `Vec`, which cannot fail.
pub fn compress_wasm(wasm: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut params = brotli2::CompressParams::new();
    params
        .quality(11)
        .lgwin(22)
        .mode(brotli2::CompressMode::Generic);
    let mut encoder = brotli2::write::BrotliEncoder::from_params(Vec::new(), &params);
    encoder
        .write_all(wasm)
        .expect("writing to a Vec cannot fail");
    let compressed = encoder.finish().expect("finishing into a Vec cannot fail");
    let mut code = Vec::with_capacity(compressed.len() + 4);
    code.extend_from_slice(&[0xEF, 0xF0, 0x00, 0x00]);
    code.extend_from_slice(&compressed);
    code
}

/// Prefixes deployed `code` with cargo-stylus' 43-byte init-code prelude
/// (`PUSH32 len; DUP1; PUSH1 43; PUSH1 0; CODECOPY; PUSH1 0; RETURN; 00`), which returns `code`.
pub fn stylus_initcode(code: &[u8]) -> Vec<u8> {
    let mut initcode = Vec::with_capacity(43 + code.len());
    initcode.push(0x7f);
    let len = revm::primitives::U256::from(code.len());
    initcode.extend_from_slice(&len.to_be_bytes::<32>());
    initcode.extend_from_slice(&[0x80, 0x60, 0x2b, 0x60, 0x00, 0x39, 0x60, 0x00, 0xf3, 0x00]);
    initcode.extend_from_slice(code);
    initcode
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_engine_can_be_shared_between_threads() {
        fn assert_shareable<T: Clone + Send + Sync>() {}
        assert_shareable::<StylusEngine>();
    }

    #[test]
    fn initcode_prelude_is_43_bytes() {
        assert_eq!(stylus_initcode(&[1, 2, 3]).len(), 46);
    }

    #[test]
    fn compressed_code_round_trips_through_decompression() {
        let wasm = b"\0asm\x01\0\0\0".to_vec();
        let code = compress_wasm(&wasm);
        assert_eq!(&code[..4], &[0xEF, 0xF0, 0x00, 0x00]);
        assert_eq!(
            activation::decompress(&code, costs::MAX_WASM_SIZE).unwrap(),
            wasm
        );
    }
}
