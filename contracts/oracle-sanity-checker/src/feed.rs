//! Raw static calls to the feeds a market reads, decoded strictly.
//!
//! A revert, a call to an account without code, short, long or otherwise
//! malformed return data (e.g. a `uint80` or `uint8` word with high bits
//! set) all become `None`: the caller turns that into a fail-closed status.
//! Nothing here can revert or trap.
//!
//! The return values are all static ABI words, so they are decoded by hand
//! (length and padding checks), which is exactly what alloy's validating
//! decoder accepts (see the tests) at a fraction of the code size.

use alloc::vec::Vec;

use alloy_primitives::{Address, I256, U256};
use alloy_sol_types::SolCall;
use guard_abi::interfaces::{
    AggregatorV3Interface::{decimalsCall, latestRoundDataCall},
    ITotalAssets::totalAssetsCall,
};
use stylus_sdk::{
    call::static_call,
    prelude::{Call, Host},
};

/// The fields of a Chainlink round the checker uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Round {
    /// The answer (any sign; the checker rejects `≤ 0`).
    pub answer: I256,
    /// When the round started (the uptime feed: when the status changed).
    pub started_at: U256,
    /// When the answer was published.
    pub updated_at: U256,
}

/// Static-calls `to` with a selector-only call and returns the raw
/// return data, or `None` on a revert.
fn call_raw<H: Host + ?Sized>(host: &H, to: Address, selector: [u8; 4]) -> Option<Vec<u8>> {
    static_call(host, Call::new(), to, &selector).ok()
}

/// Splits `ret` into exactly `N` words, or `None` for any other length.
fn words<const N: usize>(ret: &[u8]) -> Option<[[u8; 32]; N]> {
    if ret.len() != 32 * N {
        return None;
    }
    let mut words = [[0u8; 32]; N];
    for (word, chunk) in words.iter_mut().zip(ret.chunks_exact(32)) {
        *word = <[u8; 32]>::try_from(chunk).ok()?;
    }
    Some(words)
}

/// Whether an ABI word is a valid `uintN` of `bytes` bytes (high bytes zero).
fn fits(word: &[u8; 32], bytes: usize) -> bool {
    word.iter().take(32 - bytes).all(|b| *b == 0)
}

/// Decodes `latestRoundData()` return data strictly: exactly five words,
/// `roundId` and `answeredInRound` valid `uint80`s.
pub fn decode_round(ret: &[u8]) -> Option<Round> {
    let [round_id, answer, started_at, updated_at, answered_in_round] = words::<5>(ret)?;
    if !fits(&round_id, 10) || !fits(&answered_in_round, 10) {
        return None;
    }
    Some(Round {
        answer: I256::from_raw(U256::from_be_bytes(answer)),
        started_at: U256::from_be_bytes(started_at),
        updated_at: U256::from_be_bytes(updated_at),
    })
}

/// The feed's latest round, or `None` when it cannot be read.
pub fn latest_round<H: Host + ?Sized>(host: &H, feed: Address) -> Option<Round> {
    decode_round(&call_raw(host, feed, latestRoundDataCall::SELECTOR)?)
}

/// The feed's `decimals()`, or `None` when it cannot be read.
pub fn decimals<H: Host + ?Sized>(host: &H, feed: Address) -> Option<u8> {
    let [word] = words::<1>(&call_raw(host, feed, decimalsCall::SELECTOR)?)?;
    fits(&word, 1).then_some(word[31])
}

/// The source's `totalAssets()`, or `None` when it cannot be read.
pub fn total_assets<H: Host + ?Sized>(host: &H, source: Address) -> Option<U256> {
    let [word] = words::<1>(&call_raw(host, source, totalAssetsCall::SELECTOR)?)?;
    Some(U256::from_be_bytes(word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use guard_abi::interfaces::AggregatorV3Interface::latestRoundDataCall as Lrd;
    use proptest::prelude::*;

    proptest! {
        /// The hand-written checks accept exactly what alloy's validating
        /// decoder accepts, with the same values.
        #[test]
        fn round_decoding_agrees_with_alloy(mut ret in proptest::collection::vec(any::<u8>(), 150..170), clean in any::<bool>()) {
            if clean && ret.len() == 160 {
                ret[..22].fill(0);
                ret[128..150].fill(0);
            }
            let ours = decode_round(&ret);
            prop_assert_eq!(words::<1>(&ret).is_some(), ret.len() == 32);
            let theirs = Lrd::abi_decode_returns_validate(&ret).ok();
            prop_assert_eq!(ours.is_some(), theirs.is_some());
            if let (Some(o), Some(t)) = (ours, theirs) {
                prop_assert_eq!((o.answer, o.started_at, o.updated_at), (t.answer, t.startedAt, t.updatedAt));
            }
        }
    }
}

#[test]
fn decimals_words_with_high_bytes_set_are_not_uint8() {
    let mut w = [0u8; 32];
    w[31] = 36;
    assert!(fits(&w, 1));
    w[30] = 1;
    assert!(!fits(&w, 1));
}
