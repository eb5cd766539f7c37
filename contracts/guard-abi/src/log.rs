//! Log emission for the contracts (feature `stylus`), with the compact
//! encoder of [`crate::encoding`] instead of alloy's generic `SolEvent`
//! encoding.

use stylus_sdk::stylus_core::RawLogAccess;

use crate::encoding::{encode_after, Word};

/// An event that logs itself with [`emit_log`]: implemented beside each
/// contract's `sol!` events, word by word.
pub trait Event {
    /// Emits `self` as a log of the current contract.
    fn log(self, host: &impl RawLogAccess);
}

/// Emits `event` as a log of the current contract.
#[inline]
pub fn emit(host: &impl RawLogAccess, event: impl Event) {
    event.log(host);
}

/// Emits a log: `topics` (the event's signature hash first, then the
/// indexed arguments), and the data `words` followed, if given, by one
/// trailing `bytes` (whose offset word the caller placed in `words`; see
/// [`crate::encoding::tail_offset`]).
pub fn emit_log(host: &impl RawLogAccess, topics: &[Word], words: &[Word], tail: Option<&[u8]>) {
    host.emit_log(&encode_after(&[], topics, words, tail), topics.len());
}

impl crate::encoding::Writer {
    /// Emits the written bytes as a log of the current contract whose first
    /// `topics` words are its topics (the event's signature hash first).
    pub fn emit(self, host: &impl RawLogAccess, topics: usize) {
        host.emit_log(&self.into_bytes(), topics);
    }
}
