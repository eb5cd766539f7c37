//! Storage records of the PauseRegistry, laid out so a check reads as few
//! slots as possible.

use alloc::{vec, vec::Vec};

use stylus_sdk::{
    prelude::*,
    storage::{StorageBool, StorageU16, StorageU32, StorageU64},
};

/// One market. The first six fields pack into one slot (25 bytes), so a
/// settlement check reads a single slot for the market.
#[storage]
pub struct MarketRecord {
    /// Whether the market is registered.
    pub registered: StorageBool,
    /// Actions for which the sequencer status matters.
    pub sequencer_sensitive: StorageU16,
    /// Seconds LIQUIDATE waits after a CLOSE/ADD_MARGIN pause or an outage.
    pub liquidation_grace: StorageU32,
    /// Paused actions.
    pub pause_mask: StorageU16,
    /// Last paused second (inclusive).
    pub pause_until: StorageU64,
    /// First second after the latest CLOSE/ADD_MARGIN pause (0 = none).
    pub grace_from: StorageU64,
    // Second slot: the last known-good config and the incident window.
    /// Whether a previous config is kept for `rollbackConfig`.
    pub has_previous: StorageBool,
    /// Previous sequencer-sensitive mask.
    pub previous_sequencer_sensitive: StorageU16,
    /// Previous liquidation grace.
    pub previous_liquidation_grace: StorageU32,
    /// Incident window start (0 = none declared).
    pub incident_start: StorageU64,
    /// Incident window end (0 = still open).
    pub incident_end: StorageU64,
}

/// One sentinel key (one slot).
#[storage]
pub struct SentinelRecord {
    /// Longest pause it may set; 0 = not a sentinel.
    pub cap: StorageU64,
    /// Start of its current budget window.
    pub window_start: StorageU64,
    /// Pauses used in the current window.
    pub used: StorageU16,
}
