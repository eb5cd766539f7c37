//! A compact ABI encoder for the contract's own errors and events.
//!
//! alloy's `SolError::abi_encode` / `SolEvent` encoders are generic and
//! instantiated once per error and event type (about 10 KB of WASM for
//! this contract). Every error and event here is a selector or topics plus
//! static 32-byte words — and at most one trailing `bytes` — so one
//! non-generic encoder does it all. The `sol!` declarations stay the source
//! of truth for names, selectors, topics and the exported ABI; tests check
//! this encoder byte for byte against alloy's for every error and event.

use alloc::vec::Vec;

use alloy_primitives::{Address, FixedBytes, B256, U256};

/// A 32-byte ABI word.
pub type Word = B256;

/// `address` as a word (left-padded).
pub fn address_word(value: Address) -> Word {
    value.into_word()
}

/// A `uint256` as a word.
pub fn u256_word(value: U256) -> Word {
    B256::from(value)
}

/// A small unsigned integer (`uint8` … `uint64`) as a word.
pub fn uint_word(value: impl Into<u64>) -> Word {
    u256_word(U256::from(value.into()))
}

/// `bool` as a word.
pub fn bool_word(value: bool) -> Word {
    B256::with_last_byte(u8::from(value))
}

/// `bytes4` as a word (right-padded).
pub fn bytes4_word(value: FixedBytes<4>) -> Word {
    let mut word = B256::ZERO;
    word[..4].copy_from_slice(value.as_slice());
    word
}

/// ABI-encodes a head of static `words`, then, if `tail` is given, a
/// trailing `bytes` whose offset word the caller placed in `words` (use
/// [`tail_offset`]).
pub fn encode(prefix: &[u8], words: &[Word], tail: Option<&[u8]>) -> Vec<u8> {
    let tail_len = tail.map_or(0, |t| 32 + t.len().next_multiple_of(32));
    let mut out = Vec::with_capacity(prefix.len() + 32 * words.len() + tail_len);
    out.extend_from_slice(prefix);
    for word in words {
        out.extend_from_slice(word.as_slice());
    }
    if let Some(tail) = tail {
        out.extend_from_slice(u256_word(U256::from(tail.len())).as_slice());
        out.extend_from_slice(tail);
        out.resize(
            out.len() + (tail.len().next_multiple_of(32) - tail.len()),
            0,
        );
    }
    out
}

/// The offset word of a `bytes` that follows `head_words` static words.
pub fn tail_offset(head_words: usize) -> Word {
    u256_word(U256::from(32 * head_words))
}
