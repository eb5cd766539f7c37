//! Events of the OracleSanityChecker: one for every state change, past tense.
//!
//! The events are declared with `sol!` (names, topics, the exported ABI);
//! [`emit`] logs them with [`guard_abi::encoding::Writer`]
//! (checked against alloy's encoding in `tests::encoding`).
#![allow(missing_docs)] // `sol!` generates the items; each event is documented below.

use alloy_sol_types::{sol, SolEvent};
pub use guard_abi::admin_events::{AdminTransferStarted, AdminTransferred, GuardianChanged};
use guard_abi::encoding::Writer;
use guard_abi::log::Event;
use stylus_sdk::stylus_core::RawLogAccess;

sol! {
    #![sol(all_derives)]

    /// A market's feeds, bounds, band and EWMA parameters were set; the
    /// previous config (if any) is kept for `rollbackConfig`.
    event MarketConfigured(
        bytes32 indexed market,
        address indexed primary,
        address referenceFeed,
        uint32 heartbeat,
        uint32 staleTripAfter,
        uint256 minPrice,
        uint256 maxPrice,
        uint16 baseBand,
        uint16 bandCap,
        uint16 volatilityMultiplier,
        uint16 halfLife,
        uint16 marginFactor,
        uint16 marginCap
    );
    /// A market's TVL tiers were set (all factors 0 removes them); the
    /// previous config is kept for `rollbackConfig`.
    event TvlTiersConfigured(
        bytes32 indexed market,
        address indexed source,
        uint8 unitExponent,
        uint64[3] thresholds,
        uint16[3] factors
    );
    /// The guardian (or admin) restored a market's previous config.
    event MarketConfigRolledBack(bytes32 indexed market, address indexed account, address primary);
    /// The breaker of `market` latched: the live reading had `status`, with
    /// this price, reference and band (bps).
    event BreakerTripped(
        bytes32 indexed market,
        address indexed account,
        uint8 status,
        uint256 price,
        uint256 referencePrice,
        uint16 band
    );
    /// The breaker of `market` was reset; `reanchoredTo` is the new EWMA
    /// mean when it was re-anchored at the live price (0 otherwise).
    event BreakerReset(bytes32 indexed market, address indexed account, uint256 reanchoredTo);
    /// A round was folded into the market's EWMA.
    event PriceRecorded(
        bytes32 indexed market,
        uint256 price,
        uint64 publishedAt,
        uint256 mean,
        uint256 sigma,
        uint16 band
    );
    /// The sequencer uptime feed or its grace period changed.
    event SequencerConfigChanged(address indexed oldFeed, address indexed feed, uint32 grace);
}

/// Emits an event as a log of the contract (shared with the other contracts).
pub use guard_abi::log::emit;

impl Event for MarketConfigured {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 14)
            .word(&Self::SIGNATURE_HASH)
            .word(&self.market)
            .address(&self.primary)
            .address(&self.referenceFeed)
            .uint(self.heartbeat.into())
            .uint(self.staleTripAfter.into())
            .u256(&self.minPrice)
            .u256(&self.maxPrice)
            .uint(self.baseBand.into())
            .uint(self.bandCap.into())
            .uint(self.volatilityMultiplier.into())
            .uint(self.halfLife.into())
            .uint(self.marginFactor.into())
            .uint(self.marginCap.into())
            .emit(host, 3);
    }
}

impl Event for TvlTiersConfigured {
    fn log(self, host: &impl RawLogAccess) {
        let mut w = Writer::new(&[], 10)
            .word(&Self::SIGNATURE_HASH)
            .word(&self.market)
            .address(&self.source)
            .uint(self.unitExponent.into());
        for threshold in self.thresholds {
            w = w.uint(threshold);
        }
        for factor in self.factors {
            w = w.uint(factor.into());
        }
        w.emit(host, 3);
    }
}

impl Event for MarketConfigRolledBack {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 4)
            .word(&Self::SIGNATURE_HASH)
            .word(&self.market)
            .address(&self.account)
            .address(&self.primary)
            .emit(host, 3);
    }
}

impl Event for BreakerTripped {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 7)
            .word(&Self::SIGNATURE_HASH)
            .word(&self.market)
            .address(&self.account)
            .uint(self.status.into())
            .u256(&self.price)
            .u256(&self.referencePrice)
            .uint(self.band.into())
            .emit(host, 3);
    }
}

impl Event for BreakerReset {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 4)
            .word(&Self::SIGNATURE_HASH)
            .word(&self.market)
            .address(&self.account)
            .u256(&self.reanchoredTo)
            .emit(host, 3);
    }
}

impl Event for PriceRecorded {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 7)
            .word(&Self::SIGNATURE_HASH)
            .word(&self.market)
            .u256(&self.price)
            .uint(self.publishedAt)
            .u256(&self.mean)
            .u256(&self.sigma)
            .uint(self.band.into())
            .emit(host, 2);
    }
}

impl Event for SequencerConfigChanged {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 4)
            .word(&Self::SIGNATURE_HASH)
            .address(&self.oldFeed)
            .address(&self.feed)
            .uint(self.grace.into())
            .emit(host, 3);
    }
}
