//! The gate's view of the OracleSanityChecker: static calls through
//! `guard_abi::interfaces::IOracleGate`, decoded strictly.
//!
//! A check that needs only the sequencer asks `checkSequencer()`, one that
//! needs only the price asks `checkPrice(market)`, and one that needs both
//! asks `checkMarket(market)`: both answers in one call, so the checker's
//! program is entered once per check, not twice.
//!
//! Every fault — no checker configured, a revert, short or malformed return
//! data, a status code the checker may not return for that question, an OK
//! price of 0 — becomes a non-OK reading (fail closed). Nothing here can
//! revert or trap. For `checkMarket`, each half is judged as the matching
//! single question's answer (a bad price half with a good sequencer half is
//! ORACLE_UNAVAILABLE); a revert or return data of the wrong length fails
//! both halves, which reads as SEQUENCER_DOWN — as a broken checker does
//! when the two questions are asked apart, since the sequencer's is asked
//! first and wins.

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::SolCall;
use guard_abi::{
    interfaces::IOracleGate::{
        checkMarketCall, checkPriceCall, checkSequencerCall, marginMultiplierCall,
    },
    Status, MARGIN_MULTIPLIER_MAX_CAP, MARGIN_MULTIPLIER_ONE,
};
use stylus_sdk::{
    call::static_call,
    prelude::{Call, Host},
};

use crate::gate::{OracleReader, PriceReading, SequencerReading};

/// Reads the checker for one market, one static call per reading.
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

    fn sequencer_and_price(&mut self) -> (SequencerReading, PriceReading) {
        let calldata = checkMarketCall {
            market: self.market,
        }
        .abi_encode();
        self.ask(&calldata)
            .map_or(UNREADABLE_MARKET, |ret| decode_market(&ret))
    }
}

/// The readings of an unreadable `checkMarket` answer (fail closed).
const UNREADABLE_MARKET: (SequencerReading, PriceReading) = (
    SequencerReading::Down,
    PriceReading::Blocked(Status::OracleUnavailable),
);

/// The length of `checkSequencer()`'s return data: three static words.
const SEQUENCER_RETURN_LEN: usize = 3 * 32;
/// The length of `checkPrice(bytes32)`'s return data: four static words.
const PRICE_RETURN_LEN: usize = 4 * 32;

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

/// Decodes `checkMarket(bytes32)` return data: `checkSequencer()`'s three
/// words then `checkPrice(bytes32)`'s four, each half decoded as
/// [`decode_sequencer`] and [`decode_price`] decode it; any other length
/// reads as down and unavailable.
pub fn decode_market(ret: &[u8]) -> (SequencerReading, PriceReading) {
    if ret.len() != SEQUENCER_RETURN_LEN + PRICE_RETURN_LEN {
        return UNREADABLE_MARKET;
    }
    let (sequencer, price) = ret.split_at(SEQUENCER_RETURN_LEN);
    (decode_sequencer(sequencer), decode_price(price))
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
    use guard_abi::interfaces::IOracleGate::{
        checkMarketReturn, checkPriceReturn, checkSequencerReturn,
    };
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

    proptest! {
        /// `checkMarket`'s answer reads as the two single answers would:
        /// its first three words as `checkSequencer()`'s, its last four as
        /// `checkPrice(bytes32)`'s; any other length as down and unavailable.
        #[test]
        fn decode_market_reads_each_half_as_its_single_question(
            ret in proptest::collection::vec(any::<u8>(), 0..260),
            valid in any::<bool>(),
        ) {
            let mut ret = ret;
            if valid && ret.len() == 224 {
                // Mostly valid words, so every branch of both halves is hit.
                ret[..31].fill(0);
                ret[31] %= 13;
                ret[32..56].fill(0);
                ret[64..88].fill(0);
                ret[96..127].fill(0);
                ret[127] %= 13;
                ret[160..184].fill(0);
                ret[192..216].fill(0);
            }
            let (sequencer, price) = decode_market(&ret);
            if ret.len() == 224 {
                prop_assert_eq!(sequencer, decode_sequencer(&ret[..96]));
                prop_assert_eq!(price, decode_price(&ret[96..]));
            } else {
                prop_assert_eq!((sequencer, price), UNREADABLE_MARKET);
            }
            // Whatever alloy's strict decoder accepts reads the same as its
            // two halves encoded separately.
            if let Ok(r) = checkMarketCall::abi_decode_returns_validate(&ret) {
                let single_sequencer = checkSequencerCall::abi_encode_returns(&checkSequencerReturn {
                    status: r.sequencerStatus,
                    upSince: r.upSince,
                    graceEndsAt: r.graceEndsAt,
                });
                let single_price = checkPriceCall::abi_encode_returns(&checkPriceReturn {
                    status: r.priceStatus,
                    price: r.price,
                    publishedAt: r.publishedAt,
                    validUntil: r.validUntil,
                });
                prop_assert_eq!(
                    (sequencer, price),
                    (decode_sequencer(&single_sequencer), decode_price(&single_price))
                );
            }
        }
    }

    #[test]
    fn decode_market_fails_each_half_closed_on_its_own() {
        let enc = |sequencer: Status, price_status: Status, price: u64| {
            checkMarketCall::abi_encode_returns(&checkMarketReturn {
                sequencerStatus: sequencer.code(),
                upSince: 5,
                graceEndsAt: 9,
                priceStatus: price_status.code(),
                price: U256::from(price),
                publishedAt: 3,
                validUntil: 4,
            })
        };
        let ok_price = PriceReading::Ok {
            price: U256::from(7u64),
            published_at: 3,
            valid_until: 4,
        };
        let up = SequencerReading::Up { grace_ended_at: 9 };
        assert_eq!(
            decode_market(&enc(Status::Ok, Status::Ok, 7)),
            (up, ok_price)
        );
        assert_eq!(
            decode_market(&enc(Status::SequencerGrace, Status::OracleStale, 0)),
            (
                SequencerReading::Grace { grace_ends_at: 9 },
                PriceReading::Blocked(Status::OracleStale)
            )
        );
        // A status the question may not answer, and an OK price of 0.
        assert_eq!(
            decode_market(&enc(Status::OracleStale, Status::SequencerDown, 7)),
            (
                SequencerReading::Down,
                PriceReading::Blocked(Status::OracleUnavailable)
            )
        );
        assert_eq!(
            decode_market(&enc(Status::Ok, Status::Ok, 0)),
            (up, PriceReading::Blocked(Status::OracleUnavailable))
        );
        // A dirty word fails its own half only.
        let mut dirty = enc(Status::Ok, Status::Ok, 7);
        dirty[96] = 1; // the price status word
        assert_eq!(
            decode_market(&dirty),
            (up, PriceReading::Blocked(Status::OracleUnavailable))
        );
        let mut dirty = enc(Status::Ok, Status::Ok, 7);
        dirty[64] = 1; // graceEndsAt
        assert_eq!(decode_market(&dirty), (SequencerReading::Down, ok_price));
        // The wrong length fails both.
        let full = enc(Status::Ok, Status::Ok, 7);
        assert_eq!(decode_market(&full[..223]), UNREADABLE_MARKET);
        assert_eq!(
            decode_market(&[full.as_slice(), &[0]].concat()),
            UNREADABLE_MARKET
        );
        assert_eq!(decode_market(&full[96..]), UNREADABLE_MARKET);
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
