//! The rules: pure evaluations of what the sentinel read into observations.
//!
//! - [`oracle`]: the OracleSanityChecker's own feed, band and sequencer rules;
//! - [`vault`]: position health, utilization and outflow velocity of a vault;
//! - [`access`]: admin events from unexpected senders and bursts of reverts.

pub mod access;
pub mod oracle;
pub mod vault;
