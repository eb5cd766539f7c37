//! Events of the OracleSanityChecker: one for every state change, past tense.
//!
//! The events are declared with `sol!` (names, topics, the exported ABI);
//! [`emit`] logs them with the compact encoder of [`guard_abi::encoding`]
//! (checked against alloy's encoding in `tests::encoding`).
#![allow(missing_docs)] // `sol!` generates the items; each event is documented below.

use alloy_sol_types::{sol, SolEvent};
pub use guard_abi::admin_events::{AdminTransferStarted, AdminTransferred, GuardianChanged};
use guard_abi::encoding::{address_word, u256_word, uint_word, Word};
use guard_abi::log::{emit_log as log, Event};
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

/// `uint64[3]` / `uint16[3]`: three words.
fn triple(values: [impl Into<u64>; 3]) -> [Word; 3] {
    values.map(uint_word)
}

impl Event for MarketConfigured {
    fn log(self, host: &impl RawLogAccess) {
        log(
            host,
            &[
                Self::SIGNATURE_HASH,
                self.market,
                address_word(self.primary),
            ],
            &[
                address_word(self.referenceFeed),
                uint_word(self.heartbeat),
                uint_word(self.staleTripAfter),
                u256_word(self.minPrice),
                u256_word(self.maxPrice),
                uint_word(self.baseBand),
                uint_word(self.bandCap),
                uint_word(self.volatilityMultiplier),
                uint_word(self.halfLife),
                uint_word(self.marginFactor),
                uint_word(self.marginCap),
            ],
            None,
        );
    }
}

impl Event for TvlTiersConfigured {
    fn log(self, host: &impl RawLogAccess) {
        let [t0, t1, t2] = triple(self.thresholds);
        let [f0, f1, f2] = triple(self.factors);
        log(
            host,
            &[Self::SIGNATURE_HASH, self.market, address_word(self.source)],
            &[uint_word(self.unitExponent), t0, t1, t2, f0, f1, f2],
            None,
        );
    }
}

impl Event for MarketConfigRolledBack {
    fn log(self, host: &impl RawLogAccess) {
        log(
            host,
            &[
                Self::SIGNATURE_HASH,
                self.market,
                address_word(self.account),
            ],
            &[address_word(self.primary)],
            None,
        );
    }
}

impl Event for BreakerTripped {
    fn log(self, host: &impl RawLogAccess) {
        log(
            host,
            &[
                Self::SIGNATURE_HASH,
                self.market,
                address_word(self.account),
            ],
            &[
                uint_word(self.status),
                u256_word(self.price),
                u256_word(self.referencePrice),
                uint_word(self.band),
            ],
            None,
        );
    }
}

impl Event for BreakerReset {
    fn log(self, host: &impl RawLogAccess) {
        log(
            host,
            &[
                Self::SIGNATURE_HASH,
                self.market,
                address_word(self.account),
            ],
            &[u256_word(self.reanchoredTo)],
            None,
        );
    }
}

impl Event for PriceRecorded {
    fn log(self, host: &impl RawLogAccess) {
        log(
            host,
            &[Self::SIGNATURE_HASH, self.market],
            &[
                u256_word(self.price),
                uint_word(self.publishedAt),
                u256_word(self.mean),
                u256_word(self.sigma),
                uint_word(self.band),
            ],
            None,
        );
    }
}

impl Event for SequencerConfigChanged {
    fn log(self, host: &impl RawLogAccess) {
        log(
            host,
            &[
                Self::SIGNATURE_HASH,
                address_word(self.oldFeed),
                address_word(self.feed),
            ],
            &[uint_word(self.grace)],
            None,
        );
    }
}
