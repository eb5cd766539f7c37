//! Log emission for the contracts (feature `stylus`).

use alloc::vec::Vec;

use alloy_sol_types::{abi::token::WordToken, SolEvent, TopicList};
use stylus_sdk::stylus_core::RawLogAccess;

/// Emits `event` as a log of the current contract.
///
/// The same encoding as `stylus_sdk`'s `LogAccess::log`, without its
/// `unwrap` (whose `Debug` formatting pulls `core::fmt` into the WASM):
/// topic encoding cannot fail for a declared event, and if it ever did,
/// nothing would be emitted rather than a panic.
#[allow(clippy::needless_pass_by_value)] // Call sites build the event inline.
pub fn emit<E: SolEvent>(host: &impl RawLogAccess, event: E) {
    let mut topics = [WordToken::default(); 4];
    if event.encode_topics_raw(&mut topics).is_err() {
        return;
    }
    let count = <E::TopicList as TopicList>::COUNT;
    let mut bytes = Vec::with_capacity(32 * count + event.abi_encoded_size());
    for topic in &topics[..count] {
        bytes.extend_from_slice(topic.as_slice());
    }
    event.encode_data_to(&mut bytes);
    host.emit_log(&bytes, count);
}
