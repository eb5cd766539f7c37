//! Events of the PauseRegistry: one for every state change, past tense.
#![allow(missing_docs)] // `sol!` generates the items; each event is documented below.

use alloy_sol_types::sol;

sol! {
    #![sol(all_derives)]

    /// `actions` were paused in `market` (0 = global) by `account`; the scope's
    /// mask is now `mask` until `until` (inclusive).
    event Paused(
        bytes32 indexed market,
        address indexed account,
        uint16 actions,
        uint16 mask,
        uint64 until,
        bytes32 reason
    );
    /// `actions` were lifted in `market` (0 = global) by `account`; `mask` is
    /// what stays paused.
    event Unpaused(bytes32 indexed market, address indexed account, uint16 actions, uint16 mask);
    /// A market was registered.
    event MarketRegistered(bytes32 indexed market, uint16 sequencerSensitive, uint32 liquidationGrace);
    /// A market's config changed; the old one is kept for `rollbackConfig`.
    event MarketConfigChanged(
        bytes32 indexed market,
        uint16 oldSequencerSensitive,
        uint32 oldLiquidationGrace,
        uint16 sequencerSensitive,
        uint32 liquidationGrace
    );
    /// The guardian restored a market's previous config.
    event MarketConfigRolledBack(bytes32 indexed market, uint16 sequencerSensitive, uint32 liquidationGrace);
    /// A sentinel key was added or its cap changed.
    event SentinelUpdated(address indexed sentinel, uint64 durationCap);
    /// A sentinel key was removed.
    event SentinelRemoved(address indexed sentinel, address indexed account);
    /// The sentinel pause budget, window or cooldown changed.
    event SentinelPolicyChanged(uint16 budget, uint64 window, uint64 cooldown);
    /// An incident window was opened (or its start moved earlier).
    event IncidentDeclared(bytes32 indexed market, address indexed account, uint64 start);
    /// An incident window was closed.
    event IncidentClosed(bytes32 indexed market, address indexed account, uint64 start, uint64 end);
    /// The incident look-back bound changed.
    event IncidentLookbackChanged(uint64 oldLookback, uint64 lookback);
    /// The OracleSanityChecker the gate asks changed.
    event OracleChanged(address indexed oldOracle, address indexed oracle);
    /// The guardian changed.
    event GuardianChanged(address indexed oldGuardian, address indexed guardian);
    /// The admin started a transfer to `pendingAdmin`.
    event AdminTransferStarted(address indexed admin, address indexed pendingAdmin);
    /// The pending admin accepted.
    event AdminTransferred(address indexed oldAdmin, address indexed admin);
}

/// Emits an event as a log of the contract (shared with the other contracts).
pub use guard_abi::log::emit;
