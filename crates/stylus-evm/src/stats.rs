//! Per-transaction Stylus statistics, for gas benchmarks.

use std::collections::BTreeMap;

/// Calls and ink of one host function.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HostioStat {
    /// Number of calls.
    pub count: u64,
    /// Ink charged by the host function, including the EVM gas it bought (times the ink price);
    /// for calls and creates this includes the gas the callee used.
    pub ink: u64,
}

/// What the Stylus programs of one transaction spent, summed over all WASM frames.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StylusStats {
    /// Number of WASM program invocations.
    pub invocations: u64,
    /// Per host function: calls and ink.
    pub hostios: BTreeMap<&'static str, HostioStat>,
    /// Ink charged by the opcode meter (basic blocks and dynamic memory costs).
    pub opcode_ink: u64,
    /// Gas of program entries (init or cached-init gas plus the footprint's memory gas).
    pub entry_gas: u64,
    /// Gas of memory growth (`pay_for_memory_grow`) and footprints.
    pub memory_gas: u64,
    /// Accounts first touched by a host call (cold).
    pub cold_accounts: u64,
    /// Storage slots first touched by a host call (cold).
    pub cold_slots: u64,
    /// Storage slots written by `storage_flush_cache`.
    pub sstores: u64,
}

impl StylusStats {
    pub(crate) fn record_hostio(&mut self, name: &'static str, ink: u64) {
        let entry = self.hostios.entry(name).or_default();
        entry.count += 1;
        entry.ink = entry.ink.saturating_add(ink);
    }

    pub(crate) fn add_hostio_ink(&mut self, name: &'static str, ink: u64) {
        let entry = self.hostios.entry(name).or_default();
        entry.ink = entry.ink.saturating_add(ink);
    }

    /// Total ink charged by host functions.
    pub fn hostio_ink(&self) -> u64 {
        self.hostios.values().map(|stat| stat.ink).sum()
    }
}
