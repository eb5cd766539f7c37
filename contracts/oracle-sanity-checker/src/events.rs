//! Events of the OracleSanityChecker: one for every state change, past tense.
#![allow(missing_docs)] // `sol!` generates the items; each event is documented below.

use alloy_sol_types::sol;

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
    /// The guardian changed.
    event GuardianChanged(address indexed oldGuardian, address indexed guardian);
    /// The admin started a transfer to `pendingAdmin`.
    event AdminTransferStarted(address indexed admin, address indexed pendingAdmin);
    /// The pending admin accepted.
    event AdminTransferred(address indexed oldAdmin, address indexed admin);
}

/// Emits an event as a log of the contract (shared with the other contracts).
pub use guard_abi::log::emit;
