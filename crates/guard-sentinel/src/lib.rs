//! # guard-sentinel — the off-chain half of incident response
//!
//! A long-running process a protocol team runs next to its node (`guard
//! watch`): it follows blocks, evaluates the same rules as the guard's
//! contracts plus protocol-level and access signals, and turns them, by
//! configured policy, into on-chain containment.
//!
//! - [`config`]: `sentinel.toml` and its validation (errors name the field);
//! - [`signal`]: signal kinds and observations with measured values;
//! - [`rules`]: the oracle checker's rules (reusing its own math), vault
//!   health and outflow velocity, access anomalies;
//! - [`policy`]: confirmations (hysteresis) and per-signal cool-down;
//! - [`action`]: `tripBreaker`, `record`, sentinel-key `pause`,
//!   `declareIncident`, or an EIP-712 multisig [`proposal`];
//! - [`chain`]: RPC reads under timeouts with back-off;
//! - [`sentinel`]: the loop, resuming from the [`state`] file;
//! - [`metrics`]: Prometheus `/metrics`;
//! - [`keys`]: the sentinel key from the environment or a keystore;
//! - [`replay`]: the detection-quality harness over generated price paths.

pub mod action;
pub mod chain;
pub mod config;
pub mod keys;
pub mod metrics;
pub mod policy;
pub mod proposal;
pub mod replay;
pub mod rules;
pub mod sentinel;
pub mod signal;
pub mod state;

pub use config::{ConfigError, SentinelConfig};
pub use metrics::Metrics;
pub use sentinel::{Sentinel, StartError};
