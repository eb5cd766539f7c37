//! The replay harness: the detector over price paths, measured.
//!
//! - [`generator`]: calm and volatile geometric Brownian motion with
//!   injected single-round jumps, slow ramps and stale stretches, from a
//!   printed seed;
//! - [`detector`]: the sentinel's live rules over a simulated oracle
//!   checker (the contract's own EWMA and band math), σ-scaled or with a
//!   fixed band;
//! - [`report`]: detection rate, false-trip rate and latency per scenario
//!   and band, rendered as Markdown (`guard watch --replay-report FILE`);
//! - [`file`]: replaying a recorded feed history (`guard watch --replay FILE`).

pub mod detector;
pub mod file;
pub mod generator;
pub mod report;
