//! Events of the PauseRegistry: one for every state change, past tense.
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
}

/// Emits an event as a log of the contract (shared with the other contracts).
pub use guard_abi::log::emit;

impl Event for Paused {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 7)
            .word(&Self::SIGNATURE_HASH)
            .word(&self.market)
            .address(&self.account)
            .uint(self.actions.into())
            .uint(self.mask.into())
            .uint(self.until)
            .word(&self.reason)
            .emit(host, 3);
    }
}

impl Event for Unpaused {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 5)
            .word(&Self::SIGNATURE_HASH)
            .word(&self.market)
            .address(&self.account)
            .uint(self.actions.into())
            .uint(self.mask.into())
            .emit(host, 3);
    }
}

impl Event for MarketRegistered {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 4)
            .word(&Self::SIGNATURE_HASH)
            .word(&self.market)
            .uint(self.sequencerSensitive.into())
            .uint(self.liquidationGrace.into())
            .emit(host, 2);
    }
}

impl Event for MarketConfigChanged {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 6)
            .word(&Self::SIGNATURE_HASH)
            .word(&self.market)
            .uint(self.oldSequencerSensitive.into())
            .uint(self.oldLiquidationGrace.into())
            .uint(self.sequencerSensitive.into())
            .uint(self.liquidationGrace.into())
            .emit(host, 2);
    }
}

impl Event for MarketConfigRolledBack {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 4)
            .word(&Self::SIGNATURE_HASH)
            .word(&self.market)
            .uint(self.sequencerSensitive.into())
            .uint(self.liquidationGrace.into())
            .emit(host, 2);
    }
}

impl Event for SentinelUpdated {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 3)
            .word(&Self::SIGNATURE_HASH)
            .address(&self.sentinel)
            .uint(self.durationCap)
            .emit(host, 2);
    }
}

impl Event for SentinelRemoved {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 3)
            .word(&Self::SIGNATURE_HASH)
            .address(&self.sentinel)
            .address(&self.account)
            .emit(host, 3);
    }
}

impl Event for SentinelPolicyChanged {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 4)
            .word(&Self::SIGNATURE_HASH)
            .uint(self.budget.into())
            .uint(self.window)
            .uint(self.cooldown)
            .emit(host, 1);
    }
}

impl Event for IncidentDeclared {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 4)
            .word(&Self::SIGNATURE_HASH)
            .word(&self.market)
            .address(&self.account)
            .uint(self.start)
            .emit(host, 3);
    }
}

impl Event for IncidentClosed {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 5)
            .word(&Self::SIGNATURE_HASH)
            .word(&self.market)
            .address(&self.account)
            .uint(self.start)
            .uint(self.end)
            .emit(host, 3);
    }
}

impl Event for IncidentLookbackChanged {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 3)
            .word(&Self::SIGNATURE_HASH)
            .uint(self.oldLookback)
            .uint(self.lookback)
            .emit(host, 1);
    }
}

impl Event for OracleChanged {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 3)
            .word(&Self::SIGNATURE_HASH)
            .address(&self.oldOracle)
            .address(&self.oracle)
            .emit(host, 3);
    }
}
