//! The gate's view of the OracleSanityChecker: static calls through
//! `guard_abi::interfaces::IOracleGate`, decoded strictly.
//!
//! Every fault — no checker configured, a revert, short or malformed return
//! data, a status code the checker may not return for that question, an OK
//! price of 0 — becomes a non-OK reading (fail closed). Nothing here can
//! revert or trap.

use alloy_primitives::{Address, B256};
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

/// Decodes `checkSequencer()` return data.
pub fn decode_sequencer(ret: &[u8]) -> SequencerReading {
    let Ok(r) = checkSequencerCall::abi_decode_returns_validate(ret) else {
        return SequencerReading::Down;
    };
    match Status::from_code(r.status) {
        Some(Status::Ok) => SequencerReading::Up {
            grace_ended_at: r.graceEndsAt,
        },
        Some(Status::SequencerGrace) => SequencerReading::Grace {
            grace_ends_at: r.graceEndsAt,
        },
        _ => SequencerReading::Down,
    }
}

/// Decodes `checkPrice(bytes32)` return data.
pub fn decode_price(ret: &[u8]) -> PriceReading {
    let Ok(r) = checkPriceCall::abi_decode_returns_validate(ret) else {
        return PriceReading::Blocked(Status::OracleUnavailable);
    };
    match Status::from_code(r.status) {
        Some(Status::Ok) if !r.price.is_zero() => PriceReading::Ok {
            price: r.price,
            published_at: r.publishedAt,
            valid_until: r.validUntil,
        },
        Some(
            s @ (Status::BreakerTripped
            | Status::OracleUnavailable
            | Status::OracleInvalid
            | Status::OracleStale
            | Status::OracleDeviation),
        ) => PriceReading::Blocked(s),
        _ => PriceReading::Blocked(Status::OracleUnavailable),
    }
}

/// Decodes `marginMultiplier(bytes32)` return data, clamped to
/// [10_000, 60_000]; 10_000 when malformed.
pub fn decode_margin_multiplier(ret: &[u8]) -> u16 {
    marginMultiplierCall::abi_decode_returns_validate(ret).map_or(MARGIN_MULTIPLIER_ONE, |bps| {
        bps.clamp(MARGIN_MULTIPLIER_ONE, MARGIN_MULTIPLIER_MAX_CAP)
    })
}
