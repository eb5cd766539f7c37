//! The gate's view of the OracleSanityChecker: static calls through
//! `guard_abi::interfaces::IOracleGate`, decoded strictly.
//!
//! Every fault — no checker configured, a revert, short or malformed return
//! data, a status code the checker may not return for that question, an OK
//! price of 0 — becomes a non-OK reading (fail closed). Nothing here can
//! revert or trap.

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::SolCall;
use guard_abi::{
    interfaces::IOracleGate::{checkPriceCall, checkSequencerCall, marginMultiplierCall},
    Status, MARGIN_MULTIPLIER_MAX_CAP, MARGIN_MULTIPLIER_ONE,
};
use stylus_sdk::{
    call::static_call,
    prelude::{Call, Host},
};

use crate::gate::{OracleReader, PriceReading, SequencerReading};

/// Reads the checker for one market; each question is asked at most once.
pub struct OracleClient<'a, H: Host + ?Sized> {
    host: &'a H,
    oracle: Address,
    market: B256,
}

impl<'a, H: Host + ?Sized> OracleClient<'a, H> {
    /// A client for `market` on the checker at `oracle` (zero = none).
    pub fn new(host: &'a H, oracle: Address, market: B256) -> Self {
        OracleClient {
            host,
            oracle,
            market,
        }
    }

    fn ask(&self, calldata: &[u8]) -> Option<alloc::vec::Vec<u8>> {
        if self.oracle.is_zero() {
            return None;
        }
        static_call(self.host, Call::new(), self.oracle, calldata).ok()
    }

    /// The market's margin multiplier, 10_000 when it cannot be read, and
    /// never outside [10_000, 60_000].
    pub fn margin_multiplier(&self) -> u16 {
        let calldata = marginMultiplierCall {
            market: self.market,
        }
        .abi_encode();
        self.ask(&calldata)
            .map_or(MARGIN_MULTIPLIER_ONE, |ret| decode_margin_multiplier(&ret))
    }
}

impl<H: Host + ?Sized> OracleReader for OracleClient<'_, H> {
    fn sequencer(&mut self) -> SequencerReading {
        self.ask(&checkSequencerCall {}.abi_encode())
            .map_or(SequencerReading::Down, |ret| decode_sequencer(&ret))
    }

    fn price(&mut self) -> PriceReading {
        let calldata = checkPriceCall {
            market: self.market,
        }
        .abi_encode();
        self.ask(&calldata)
            .map_or(PriceReading::Blocked(Status::OracleUnavailable), |ret| {
                decode_price(&ret)
            })
    }
}

/// Splits `ret` into exactly `N` ABI words (all return values here are
/// static), or `None` for any other length.
fn words<const N: usize>(ret: &[u8]) -> Option<[&[u8; 32]; N]> {
    if ret.len() != 32 * N {
        return None;
    }
    let mut out = [&[0u8; 32]; N];
    for (i, chunk) in ret.chunks_exact(32).enumerate() {
        out[i] = chunk.try_into().ok()?;
    }
    Some(out)
}

/// An ABI `uintN` word with `BYTES` significant bytes, or `None` when a
/// higher byte is set (not valid ABI for that type).
fn small_uint<const BYTES: usize>(word: &[u8; 32]) -> Option<u64> {
    let (high, low) = word.split_at(32 - BYTES);
    if high.iter().any(|b| *b != 0) {
        return None;
    }
    Some(low.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b)))
}

fn status_word(word: &[u8; 32]) -> Option<Status> {
    small_uint::<1>(word).and_then(|code| Status::from_code(u8::try_from(code).ok()?))
}

/// Decodes `checkSequencer()` return data: `(uint8 status, uint64 upSince,
/// uint64 graceEndsAt)`, strictly.
pub fn decode_sequencer(ret: &[u8]) -> SequencerReading {
    let Some([status, up_since, grace_ends_at]) = words::<3>(ret) else {
        return SequencerReading::Down;
    };
    let (Some(status), Some(_), Some(grace_ends_at)) = (
        status_word(status),
        small_uint::<8>(up_since),
        small_uint::<8>(grace_ends_at),
    ) else {
        return SequencerReading::Down;
    };
    match status {
        Status::Ok => SequencerReading::Up {
            grace_ended_at: grace_ends_at,
        },
        Status::SequencerGrace => SequencerReading::Grace { grace_ends_at },
        _ => SequencerReading::Down,
    }
}

/// Decodes `checkPrice(bytes32)` return data: `(uint8 status, uint256
/// price, uint64 publishedAt, uint64 validUntil)`, strictly.
pub fn decode_price(ret: &[u8]) -> PriceReading {
    const UNAVAILABLE: PriceReading = PriceReading::Blocked(Status::OracleUnavailable);
    let Some([status, price, published_at, valid_until]) = words::<4>(ret) else {
        return UNAVAILABLE;
    };
    let (Some(status), Some(published_at), Some(valid_until)) = (
        status_word(status),
        small_uint::<8>(published_at),
        small_uint::<8>(valid_until),
    ) else {
        return UNAVAILABLE;
    };
    let price = U256::from_be_bytes(*price);
    match status {
        Status::Ok if !price.is_zero() => PriceReading::Ok {
            price,
            published_at,
            valid_until,
        },
        s @ (Status::BreakerTripped
        | Status::OracleUnavailable
        | Status::OracleInvalid
        | Status::OracleStale
        | Status::OracleDeviation) => PriceReading::Blocked(s),
        _ => UNAVAILABLE,
    }
}

/// Decodes `marginMultiplier(bytes32)` return data (`uint16`), clamped to
/// [10_000, 60_000]; 10_000 when malformed.
pub fn decode_margin_multiplier(ret: &[u8]) -> u16 {
    words::<1>(ret)
        .and_then(|[w]| small_uint::<2>(w))
        .and_then(|bps| u16::try_from(bps).ok())
        .map_or(MARGIN_MULTIPLIER_ONE, |bps| {
            bps.clamp(MARGIN_MULTIPLIER_ONE, MARGIN_MULTIPLIER_MAX_CAP)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_sol_types::SolCall;
    use guard_abi::interfaces::IOracleGate::{checkPriceReturn, checkSequencerReturn};
    use proptest::prelude::*;

    proptest! {
        /// The hand-written decoder accepts exactly what alloy's strict
        /// decoder accepts, with the same values.
        #[test]
        fn decode_price_agrees_with_alloy(ret in proptest::collection::vec(any::<u8>(), 0..160), small in any::<bool>()) {
            let mut ret = ret;
            if small && ret.len() == 128 {
                // Make the words mostly valid so the interesting branch is hit.
                ret[..31].fill(0);
                ret[64..88].fill(0);
                ret[96..120].fill(0);
                ret[31] %= 13;
            }
            let ours = decode_price(&ret);
            let theirs = checkPriceCall::abi_decode_returns_validate(&ret).ok();
            match theirs {
                None => prop_assert_eq!(ours, PriceReading::Blocked(Status::OracleUnavailable)),
                Some(r) => {
                    if r.status == 0 && !r.price.is_zero() {
                        prop_assert_eq!(ours, PriceReading::Ok { price: r.price, published_at: r.publishedAt, valid_until: r.validUntil });
                    } else {
                        prop_assert!(matches!(ours, PriceReading::Blocked(_)));
                    }
                }
            }
        }
    }

    #[test]
    fn decode_sequencer_reads_alloy_encoded_answers() {
        let enc = |status: Status, up: u64, ends: u64| {
            checkSequencerCall::abi_encode_returns(&checkSequencerReturn {
                status: status.code(),
                upSince: up,
                graceEndsAt: ends,
            })
        };
        assert_eq!(
            decode_sequencer(&enc(Status::Ok, 5, 9)),
            SequencerReading::Up { grace_ended_at: 9 }
        );
        assert_eq!(
            decode_sequencer(&enc(Status::SequencerGrace, 5, 9)),
            SequencerReading::Grace { grace_ends_at: 9 }
        );
        assert_eq!(
            decode_sequencer(&enc(Status::SequencerDown, 0, 0)),
            SequencerReading::Down
        );
        assert_eq!(
            decode_sequencer(&enc(Status::OracleStale, 5, 9)),
            SequencerReading::Down
        );
        let mut extra = enc(Status::Ok, 5, 9);
        extra.push(0);
        assert_eq!(decode_sequencer(&extra), SequencerReading::Down);
        let mut dirty = enc(Status::Ok, 5, 9);
        dirty[33] = 1; // a uint64 word with a high byte set
        assert_eq!(decode_sequencer(&dirty), SequencerReading::Down);
    }

    #[test]
    fn decode_price_reads_alloy_encoded_answers() {
        let ret = checkPriceCall::abi_encode_returns(&checkPriceReturn {
            status: 0,
            price: U256::from(7u64),
            publishedAt: 3,
            validUntil: 4,
        });
        assert_eq!(
            decode_price(&ret),
            PriceReading::Ok {
                price: U256::from(7u64),
                published_at: 3,
                valid_until: 4
            }
        );
    }
}
