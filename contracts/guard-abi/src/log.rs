//! Log emission for the contracts (feature `stylus`), with the compact
//! encoder [`crate::encoding::Writer`] instead of alloy's generic `SolEvent`
//! encoding.

use stylus_sdk::stylus_core::RawLogAccess;

use crate::encoding::Writer;

/// An event that logs itself: implemented beside each contract's `sol!`
/// events, word by word, with [`Writer`] and [`Writer::emit`].
pub trait Event {
    /// Emits `self` as a log of the current contract.
    fn log(self, host: &impl RawLogAccess);
}

/// Emits `event` as a log of the current contract.
#[inline]
pub fn emit(host: &impl RawLogAccess, event: impl Event) {
    event.log(host);
}

impl Writer {
    /// Emits the written bytes as a log of the current contract whose first
    /// `topics` words are its topics (the event's signature hash first).
    pub fn emit(self, host: &impl RawLogAccess, topics: usize) {
        host.emit_log(&self.into_bytes(), topics);
    }
}
