//! The shared ABI of Stylus Incident Guard.
//!
//! Every number that crosses a contract boundary is defined here once:
//! the action ids and masks ([`action`]), the settlement status codes
//! ([`Status`]) and the interfaces one contract (or a vault, the devnet, the
//! tests and the `guard` CLI) calls on another ([`interfaces`]).
//!
//! The values are fixed by `DESIGN.md` ("The shared ABI"): vaults, scripts
//! and other people's tests rely on them, so they never change.
#![no_std]

#[cfg(feature = "stylus")]
extern crate alloc;

pub mod action;
#[cfg(feature = "stylus")]
pub mod admin_events;
#[cfg(feature = "stylus")]
pub mod dispatch;
#[cfg(feature = "stylus")]
pub mod encoding;
#[cfg(feature = "stylus")]
pub mod entry;
pub mod interfaces;
#[cfg(feature = "stylus")]
pub mod log;
pub mod packing;
#[cfg(all(
    feature = "stylus",
    target_arch = "wasm32",
    not(feature = "export-abi")
))]
mod panic;
pub mod status;

pub use status::Status;

/// Prices crossing the guard are normalized to this many decimals.
pub const PRICE_DECIMALS: u8 = 18;

/// One whole unit at [`PRICE_DECIMALS`] (1e18).
pub const PRICE_UNIT: u128 = 1_000_000_000_000_000_000;

/// The margin multiplier that means "1x", in basis points.
pub const MARGIN_MULTIPLIER_ONE: u16 = 10_000;

/// The highest margin multiplier a market may be configured to reach (6x).
pub const MARGIN_MULTIPLIER_MAX_CAP: u16 = 60_000;

/// Basis points in one whole (100 %).
pub const BPS: u32 = 10_000;
