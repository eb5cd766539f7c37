//! The project's in-process Stylus devnet.
//!
//! **This is a development chain, not Nitro.** It runs Stylus WASM and Solidity bytecode together
//! through [`stylus_evm`] (revm 43 + wasmi, with Nitro's activation rules, ink metering and the
//! ArbWasm / ArbWasmCache / ArbOwnerPublic precompiles) and answers the JSON-RPC subset that
//! cargo-stylus 0.10 and foundry's `cast` use. Differences from a Nitro node:
//! - no L1: no L1 gas component, no `ArbSys`/`ArbGasInfo` (except what stylus-evm serves), no
//!   retryables, no sequencer feed; receipts carry no `gasUsedForL1` / `l1BlockNumber`;
//! - one transaction per block, mined immediately (automine); no transaction pool, so a nonce gap
//!   is refused instead of queued;
//! - a constant base fee (Nitro's minimum, 0.1 gwei) and a priority fee of zero is accepted;
//! - only the latest state is kept: state reads at an older block are refused;
//! - block headers have real hashes over real transaction and receipt roots, but `stateRoot` is
//!   the empty-trie root (no state trie is kept);
//! - `eth_call` at `latest` runs in the latest block's environment (its number and timestamp);
//!   `pending` runs in the next block's, where time moved by `evm_increaseTime` is visible;
//! - the Stylus engine's "cached program" marks (ArbWasmCache) live outside the chain state and
//!   are not rolled back by `evm_revert`;
//! - gas figures of Stylus code are stylus-evm's emulation of Nitro's ink pricing.
//!
//! Entry points: [`Devnet`] (the Rust API for tests) and [`rpc::RpcServer`] (JSON-RPC over HTTP).

pub mod access;
pub mod accounts;
pub mod block;
pub mod chain;
pub mod clock;
pub mod config;
mod devnet;
pub mod error;
pub mod executor;
pub mod genesis;
pub mod receipt;
pub mod rpc;
pub mod transaction;

pub use access::{AccessCounts, TransactionStats};
pub use accounts::DevAccount;
pub use chain::{CallRequest, StateBlock};
pub use config::DevnetConfig;
pub use devnet::{Devnet, StylusDeployment};
pub use error::DevnetError;
pub use receipt::Receipt;
