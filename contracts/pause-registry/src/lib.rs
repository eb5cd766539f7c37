//! # PauseRegistry — the settlement gate of Stylus Incident Guard
//!
//! Derivative vaults ask this contract, right before each settlement, whether
//! an action on a market may go ahead and at what sanity-checked price
//! ([`SettlementGuard`], the fixed `ISettlementGuard` ABI of `DESIGN.md`).
//!
//! It holds per-market and global pause masks with expiry, the market
//! registry, incident windows, sentinel keys and the last known-good market
//! config; statuses 5–11 come from the OracleSanityChecker through
//! `IOracleGate` (fail closed on any fault), one static call per check:
//! `checkSequencer()` or `checkPrice(market)` when the action needs one
//! answer, `checkMarket(market)` when it needs both (see [`oracle`]).
//!
//! ## Roles
//! - **admin** (the EmergencyTimelock): registration, config, roles, sentinel
//!   keys, and lifting any pause early. Two-step transfer.
//! - **guardian** (the GuardianMultisig): pause anything for at most 14 days,
//!   lift risk-reducing actions, declare and close incidents, roll back a
//!   market's config, remove a sentinel key.
//! - **sentinel keys**: pause risk-increasing actions for at most their own
//!   cap (default 6 h), within a budget per window and a cooldown per scope;
//!   declare incidents.
//!
//! Containing is fast, releasing is slow: everything that loosens protection
//! (lifting a risk-increasing pause early, changing config or roles) is the
//! admin's, i.e. waits for the timelock's delay.
//!
//! ## Calldata routing
//! The WASM build routes calldata with a hand-written router,
//! [`dispatch::Dispatcher`], instead of the one `#[public]` generates (which
//! inlines an alloy decoder per function and would put the contract above
//! its 16 KiB size target). It answers every calldata exactly as the
//! generated router does, which the unit tests and the ABI export keep
//! using; `tests::dispatch` checks the two against each other.
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]
#![cfg_attr(not(any(test, feature = "export-abi")), no_std)]
// `#[entrypoint]` adds an undocumented `user_entrypoint` outside test builds;
// test builds (and so `clippy --all-targets`) still enforce `missing_docs`.
#![cfg_attr(not(test), allow(missing_docs))]

extern crate alloc;

pub mod dispatch;
pub mod errors;
pub mod events;
pub mod gate;
pub mod oracle;
pub mod pause;
pub mod storage;

#[cfg(test)]
mod tests;

use alloc::{vec, vec::Vec};

use alloy_primitives::{Address, B256, U256, U64};
use guard_abi::{
    action::{self, RISK_INCREASING, RISK_REDUCING},
    interfaces::ISettlementGuard::SettlementBlocked,
    Status,
};
use stylus_sdk::{
    prelude::*,
    storage::{StorageAddress, StorageB256, StorageMap, StorageU64},
};

use crate::{
    errors::{
        ActionsNotPaused, ConfigUnchanged, GuardianMayOnlyLiftRiskReducing, IncidentAlreadyOpen,
        IncidentStartBeyondLookback, IncidentStartInFuture, InvalidActionMask,
        InvalidIncidentLookback, InvalidLiquidationGrace, InvalidMarketId, InvalidPauseDuration,
        InvalidSentinelCap, InvalidSentinelPolicy, InvalidZeroAddress, MarketAlreadyRegistered,
        NoOpenIncident, NoPreviousConfig, PauseRegistryError, SentinelActionNotAllowed,
        SentinelBudgetExhausted, SentinelCooldownActive, UnauthorizedAccount, UnknownMarket,
        UnknownSentinel,
    },
    events::emit,
    events::{
        AdminTransferStarted, AdminTransferred, GuardianChanged, IncidentClosed, IncidentDeclared,
        IncidentLookbackChanged, MarketConfigChanged, MarketConfigRolledBack, MarketRegistered,
        OracleChanged, Paused, SentinelPolicyChanged, SentinelRemoved, SentinelUpdated, Unpaused,
    },
    gate::{evaluate, Verdict},
    oracle::OracleClient,
    pause::PauseScope,
    storage::{GateWord, HistoryWord, MarketWord, ParamsWord, SentinelWord},
};

/// The longest pause the guardian (or admin) may set: 14 days.
pub const GUARDIAN_MAX_PAUSE: u64 = 14 * 24 * 3600;
/// A sentinel key's default duration cap: 6 hours.
pub const SENTINEL_DEFAULT_CAP: u64 = 6 * 3600;
/// The highest duration cap a sentinel key may be given: 1 day.
pub const SENTINEL_MAX_CAP: u64 = 24 * 3600;
/// Default sentinel pause budget: pauses per sentinel per window.
pub const SENTINEL_DEFAULT_BUDGET: u16 = 3;
/// Default sentinel budget window: 1 day.
pub const SENTINEL_DEFAULT_WINDOW: u32 = 24 * 3600;
/// Default per-scope sentinel cooldown after a sentinel pause ends: 1 hour.
pub const SENTINEL_DEFAULT_COOLDOWN: u32 = 3600;
/// Longest sentinel budget window or cooldown: 30 days.
pub const SENTINEL_MAX_WINDOW: u64 = 30 * 24 * 3600;
/// Default liquidation grace: 1 hour.
pub const DEFAULT_LIQUIDATION_GRACE: u32 = 3600;
/// Longest liquidation grace: 4 hours.
pub const MAX_LIQUIDATION_GRACE: u32 = 4 * 3600;
/// Default incident look-back: 1 hour.
pub const DEFAULT_INCIDENT_LOOKBACK: u32 = 3600;
/// Longest incident look-back: 7 days.
pub const MAX_INCIDENT_LOOKBACK: u64 = 7 * 24 * 3600;

// The WASM build's entrypoint is `wasm_entrypoint` (below), which routes
// with `dispatch::Dispatcher`; host builds (unit tests, ABI export) keep the
// SDK's `#[entrypoint]` and `#[public]` router, which it matches exactly.
/// The PauseRegistry contract.
///
/// Records are hand-packed words (see [`storage`]): a settlement check reads
/// the gate word and the market word, one storage load each.
#[storage]
#[cfg_attr(not(target_arch = "wasm32"), entrypoint)]
pub struct PauseRegistry {
    /// [`GateWord`]: the oracle checker and the global pause.
    gate: StorageB256,
    /// [`ParamsWord`]: global grace start, incident look-back, sentinel policy.
    params: StorageB256,
    admin: StorageAddress,
    pending_admin: StorageAddress,
    guardian: StorageAddress,
    /// Market id → [`MarketWord`].
    markets: StorageMap<B256, StorageB256>,
    /// Market id → [`HistoryWord`].
    histories: StorageMap<B256, StorageB256>,
    /// Sentinel key → [`SentinelWord`].
    sentinels: StorageMap<Address, StorageB256>,
    /// Scope (market, 0 = global) → when a sentinel may pause it again.
    sentinel_next_allowed: StorageMap<B256, StorageU64>,
}

// SAFETY: what `#[entrypoint]` on the struct declares in other builds: the
// contract is the top-level storage, at slot 0, which nothing else aliases.
#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)]
unsafe impl stylus_sdk::stylus_core::storage::TopLevelStorage for PauseRegistry {}

/// The WASM entrypoint: the SDK's `user_entrypoint` (reentrancy refused,
/// storage cache flushed, result written) and
/// [`guard_abi::entry::route_calldata`] (the SDK's `router_entrypoint` order: constructor
/// selector, unknown selectors, receive and fallback), with
/// [`dispatch::Dispatcher`] routing the selectors.
#[cfg(target_arch = "wasm32")]
#[entrypoint]
fn wasm_entrypoint(input: Vec<u8>, host: stylus_sdk::host::VM) -> stylus_sdk::ArbResult {
    guard_abi::entry::route_calldata::<dispatch::Dispatcher, PauseRegistry>(&input, host)
}

/// Who is calling a role-gated function.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Caller {
    Admin,
    Guardian,
    Sentinel { cap: u64 },
    Other,
}

/// The settlement gate (`ISettlementGuard`, fixed by `DESIGN.md`).
///
/// Exported as its own Solidity interface, `abi/ISettlementGuard.sol`, that
/// vaults import.
#[allow(missing_docs)] // `#[public]` generates undocumented items.
#[public]
pub trait SettlementGuard {
    /// The gate's verdict for `action` on `market`. Never reverts on
    /// well-formed calldata.
    ///
    /// # Arguments
    /// * `market` - the market id.
    /// * `action` - the action id (0–6).
    ///
    /// # Returns
    /// * `status` - the first status that applies (0 = OK).
    /// * `valid_until` - the last second at which this verdict holds if
    ///   nothing else happens. OK: the price's staleness deadline, or
    ///   `type(uint64).max` when the action needs no price; blocked: the last
    ///   blocked second when known (a pause's `until`), else 0.
    fn check_settlement(&self, market: B256, action: u8) -> (u8, u64);

    /// Reverts `SettlementBlocked(market, action, status)` unless the verdict is OK.
    ///
    /// # Errors
    /// `SettlementBlocked` with the status.
    fn require_settlement(&self, market: B256, action: u8) -> Result<(), Vec<u8>>;

    /// The sanity-checked price for `action` on `market`.
    ///
    /// # Returns
    /// * `price` - the price with 18 decimals.
    /// * `published_at` - when the feed published it.
    ///
    /// # Errors
    /// `SettlementBlocked` unless the verdict is OK and a sane price exists.
    fn settlement_price(&self, market: B256, action: u8) -> Result<(U256, u64), Vec<u8>>;

    /// The market's retroactive incident window: settlements stamped in
    /// `[start, end)` are suspect.
    ///
    /// # Returns
    /// * `start` - the window's start (0: none declared).
    /// * `end` - the window's end (0: still open).
    fn incident_window(&self, market: B256) -> (u64, u64);

    /// The factor by which a vault scales its margin requirements: it rises
    /// with the market's measured volatility, up to a configured cap.
    ///
    /// # Returns
    /// * `bps` - basis points (10_000 = 1x), from the oracle checker; 10_000
    ///   when it cannot be read.
    fn margin_multiplier(&self, market: B256) -> u16;
}

#[public]
impl SettlementGuard for PauseRegistry {
    fn check_settlement(&self, market: B256, action: u8) -> (u8, u64) {
        let v = self.verdict(market, action);
        (v.status.code(), v.valid_until)
    }

    fn require_settlement(&self, market: B256, action: u8) -> Result<(), Vec<u8>> {
        let v = self.verdict(market, action);
        if v.status.is_ok() {
            Ok(())
        } else {
            Err(blocked(market, action, v.status))
        }
    }

    fn settlement_price(&self, market: B256, action: u8) -> Result<(U256, u64), Vec<u8>> {
        let v = self.verdict(market, action);
        if !v.status.is_ok() {
            return Err(blocked(market, action, v.status));
        }
        if let Some(price) = v.price {
            return Ok(price);
        }
        // The action needs no price, but the caller asked for one: it must
        // be as sane as for a settlement.
        let mut client = OracleClient::new(self.vm(), self.gate_word().oracle, market);
        match gate::OracleReader::price(&mut client) {
            gate::PriceReading::Ok {
                price,
                published_at,
                ..
            } => Ok((price, published_at)),
            gate::PriceReading::Blocked(status) => Err(blocked(market, action, status)),
        }
    }

    fn incident_window(&self, market: B256) -> (u64, u64) {
        let h = self.history(market);
        (h.incident_start, h.incident_end)
    }

    fn margin_multiplier(&self, market: B256) -> u16 {
        OracleClient::new(self.vm(), self.gate_word().oracle, market).margin_multiplier()
    }
}

fn blocked(market: B256, action: u8, status: Status) -> Vec<u8> {
    PauseRegistryError::SettlementBlocked(SettlementBlocked {
        market,
        action,
        status: status.code(),
    })
    .into()
}

#[public]
#[implements(SettlementGuard)]
impl PauseRegistry {
    /// Sets the roles and the oracle checker.
    ///
    /// # Arguments
    /// * `admin` - the admin (the EmergencyTimelock).
    /// * `guardian` - the guardian (the GuardianMultisig).
    /// * `oracle` - the OracleSanityChecker.
    ///
    /// # Errors
    /// `InvalidZeroAddress` if any is zero.
    #[constructor]
    pub fn constructor(
        &mut self,
        admin: Address,
        guardian: Address,
        oracle: Address,
    ) -> Result<(), PauseRegistryError> {
        if admin.is_zero() || guardian.is_zero() || oracle.is_zero() {
            return Err(PauseRegistryError::InvalidZeroAddress(
                InvalidZeroAddress {},
            ));
        }
        self.admin.set(admin);
        self.guardian.set(guardian);
        self.gate.set(
            GateWord {
                oracle,
                mask: 0,
                until: 0,
            }
            .pack(),
        );
        self.params.set(
            ParamsWord {
                global_grace_from: 0,
                incident_lookback: DEFAULT_INCIDENT_LOOKBACK,
                sentinel_budget: SENTINEL_DEFAULT_BUDGET,
                sentinel_window: SENTINEL_DEFAULT_WINDOW,
                sentinel_cooldown: SENTINEL_DEFAULT_COOLDOWN,
            }
            .pack(),
        );
        emit(
            self.vm(),
            AdminTransferred {
                oldAdmin: Address::ZERO,
                admin,
            },
        );
        emit(
            self.vm(),
            GuardianChanged {
                oldGuardian: Address::ZERO,
                guardian,
            },
        );
        emit(
            self.vm(),
            OracleChanged {
                oldOracle: Address::ZERO,
                oracle,
            },
        );
        Ok(())
    }

    // ------------------------------------------------------------------
    // Pauses
    // ------------------------------------------------------------------

    /// Pauses `actions` in `market` (0 = every market) for `duration`
    /// seconds: masks union with the scope's active pause and the later
    /// expiry wins.
    ///
    /// # Arguments
    /// * `market` - a registered market, or 0 for the global scope.
    /// * `actions` - the action mask (non-zero, inside ALL = 0x7F).
    /// * `duration` - seconds, 1 to the caller's cap (guardian and admin 14
    ///   days, a sentinel key its own cap).
    /// * `reason` - free-form tag for the event (e.g. an incident id).
    ///
    /// # Errors
    /// `UnauthorizedAccount`, `InvalidActionMask`, `InvalidPauseDuration`,
    /// `UnknownMarket`; for sentinel keys also `SentinelActionNotAllowed`
    /// (not risk-increasing), `SentinelCooldownActive` and
    /// `SentinelBudgetExhausted`.
    ///
    /// # Events
    /// `Paused`.
    pub fn pause(
        &mut self,
        market: B256,
        actions: u16,
        duration: u64,
        reason: B256,
    ) -> Result<(), PauseRegistryError> {
        let sender = self.vm().msg_sender();
        let caller = self.caller(sender);
        let cap = match caller {
            Caller::Admin | Caller::Guardian => GUARDIAN_MAX_PAUSE,
            Caller::Sentinel { cap } => cap,
            Caller::Other => return Err(unauthorized(sender)),
        };
        check_mask(actions)?;
        if duration == 0 || duration > cap {
            return Err(PauseRegistryError::InvalidPauseDuration(
                InvalidPauseDuration {
                    duration,
                    maxDuration: cap,
                },
            ));
        }
        self.require_scope(market)?;
        let now = self.vm().block_timestamp();
        let until = now.saturating_add(duration);
        if let Caller::Sentinel { .. } = caller {
            self.spend_sentinel_pause(sender, market, actions, now, until)?;
        }
        let scope = self.load_scope(market).paused(now, actions, until);
        self.store_scope(market, scope);
        emit(
            self.vm(),
            Paused {
                market,
                account: sender,
                actions,
                mask: scope.mask,
                until: scope.until,
                reason,
            },
        );
        Ok(())
    }

    /// Lifts `actions` in `market` (0 = global) before their expiry.
    ///
    /// The admin (the timelock, after its delay) may lift anything; the
    /// guardian only risk-reducing actions (CLOSE, ADD_MARGIN, LIQUIDATE),
    /// which reopens exits at once. Lifting CLOSE or ADD_MARGIN starts the
    /// liquidation grace.
    ///
    /// # Errors
    /// `UnauthorizedAccount`, `GuardianMayOnlyLiftRiskReducing`,
    /// `InvalidActionMask`, `UnknownMarket`, `ActionsNotPaused` (none of
    /// `actions` is paused now).
    ///
    /// # Events
    /// `Unpaused`.
    pub fn unpause(&mut self, market: B256, actions: u16) -> Result<(), PauseRegistryError> {
        let sender = self.vm().msg_sender();
        match self.caller(sender) {
            Caller::Admin => {}
            Caller::Guardian => {
                if actions & !RISK_REDUCING != 0 {
                    return Err(PauseRegistryError::GuardianMayOnlyLiftRiskReducing(
                        GuardianMayOnlyLiftRiskReducing { actions },
                    ));
                }
            }
            _ => return Err(unauthorized(sender)),
        }
        check_mask(actions)?;
        self.require_scope(market)?;
        let now = self.vm().block_timestamp();
        let before = self.load_scope(market);
        if before.active_mask(now) & actions == 0 {
            return Err(PauseRegistryError::ActionsNotPaused(ActionsNotPaused {
                market,
                actions,
            }));
        }
        let after = before.lifted(now, actions);
        self.store_scope(market, after);
        emit(
            self.vm(),
            Unpaused {
                market,
                account: sender,
                actions,
                mask: after.mask,
            },
        );
        Ok(())
    }

    /// The pause of `market` (0 = global).
    ///
    /// # Returns
    /// * `mask` - the paused actions (0 once expired).
    /// * `until` - the last paused second (0 when nothing is paused).
    pub fn pause_state(&self, market: B256) -> (u16, u64) {
        let scope = self.load_scope(market);
        let mask = scope.active_mask(self.vm().block_timestamp());
        (mask, if mask == 0 { 0 } else { scope.until })
    }

    // ------------------------------------------------------------------
    // Markets
    // ------------------------------------------------------------------

    /// Registers `market`.
    ///
    /// # Arguments
    /// * `market` - non-zero market id.
    /// * `sequencer_sensitive` - actions for which the sequencer status
    ///   matters (the design's default is OPEN, WITHDRAW, LIQUIDATE, SETTLE
    ///   = 0x66); 0 is allowed (not sequencer-sensitive at all).
    /// * `liquidation_grace` - seconds, at most 4 hours.
    ///
    /// # Errors
    /// `UnauthorizedAccount` (admin only), `InvalidMarketId`,
    /// `MarketAlreadyRegistered`, `InvalidActionMask`, `InvalidLiquidationGrace`.
    ///
    /// # Events
    /// `MarketRegistered`.
    pub fn register_market(
        &mut self,
        market: B256,
        sequencer_sensitive: u16,
        liquidation_grace: u32,
    ) -> Result<(), PauseRegistryError> {
        self.only_admin()?;
        if market.is_zero() {
            return Err(PauseRegistryError::InvalidMarketId(InvalidMarketId {}));
        }
        check_market_config(sequencer_sensitive, liquidation_grace)?;
        let mut m = self.market(market);
        if m.registered {
            return Err(PauseRegistryError::MarketAlreadyRegistered(
                MarketAlreadyRegistered { market },
            ));
        }
        m.registered = true;
        m.sequencer_sensitive = sequencer_sensitive;
        m.liquidation_grace = liquidation_grace;
        self.markets.setter(market).set(m.pack());
        emit(
            self.vm(),
            MarketRegistered {
                market,
                sequencerSensitive: sequencer_sensitive,
                liquidationGrace: liquidation_grace,
            },
        );
        Ok(())
    }

    /// Changes a market's config, keeping the current one as the last
    /// known-good config for `rollbackConfig`.
    ///
    /// # Errors
    /// `UnauthorizedAccount` (admin only), `UnknownMarket`,
    /// `InvalidActionMask`, `InvalidLiquidationGrace`, `ConfigUnchanged`.
    ///
    /// # Events
    /// `MarketConfigChanged`.
    pub fn set_market_config(
        &mut self,
        market: B256,
        sequencer_sensitive: u16,
        liquidation_grace: u32,
    ) -> Result<(), PauseRegistryError> {
        self.only_admin()?;
        check_market_config(sequencer_sensitive, liquidation_grace)?;
        let mut m = self.registered_market(market)?;
        let (old_mask, old_grace) = (m.sequencer_sensitive, m.liquidation_grace);
        if old_mask == sequencer_sensitive && old_grace == liquidation_grace {
            return Err(PauseRegistryError::ConfigUnchanged(ConfigUnchanged {
                market,
            }));
        }
        let mut h = self.history(market);
        h.has_previous = true;
        h.previous_sequencer_sensitive = old_mask;
        h.previous_liquidation_grace = old_grace;
        m.sequencer_sensitive = sequencer_sensitive;
        m.liquidation_grace = liquidation_grace;
        self.markets.setter(market).set(m.pack());
        self.histories.setter(market).set(h.pack());
        emit(
            self.vm(),
            MarketConfigChanged {
                market,
                oldSequencerSensitive: old_mask,
                oldLiquidationGrace: old_grace,
                sequencerSensitive: sequencer_sensitive,
                liquidationGrace: liquidation_grace,
            },
        );
        Ok(())
    }

    /// Restores the market's previous config at once (guardian or admin).
    /// The restored config has no previous one: a rollback cannot be undone
    /// by another rollback, only by the admin.
    ///
    /// # Errors
    /// `UnauthorizedAccount`, `UnknownMarket`, `NoPreviousConfig`.
    ///
    /// # Events
    /// `MarketConfigRolledBack`.
    pub fn rollback_config(&mut self, market: B256) -> Result<(), PauseRegistryError> {
        self.only_guardian_or_admin()?;
        let mut m = self.registered_market(market)?;
        let mut h = self.history(market);
        if !h.has_previous {
            return Err(PauseRegistryError::NoPreviousConfig(NoPreviousConfig {
                market,
            }));
        }
        m.sequencer_sensitive = h.previous_sequencer_sensitive;
        m.liquidation_grace = h.previous_liquidation_grace;
        h.has_previous = false;
        h.previous_sequencer_sensitive = 0;
        h.previous_liquidation_grace = 0;
        self.markets.setter(market).set(m.pack());
        self.histories.setter(market).set(h.pack());
        emit(
            self.vm(),
            MarketConfigRolledBack {
                market,
                sequencerSensitive: m.sequencer_sensitive,
                liquidationGrace: m.liquidation_grace,
            },
        );
        Ok(())
    }

    /// A market's registration and config.
    ///
    /// # Returns
    /// * `registered` - whether the market is registered.
    /// * `sequencer_sensitive` - the sequencer-sensitive action mask.
    /// * `liquidation_grace` - seconds LIQUIDATE waits after a blocking pause.
    /// * `has_previous` - whether `rollbackConfig` has a config to restore.
    pub fn market_config(&self, market: B256) -> (bool, u16, u32, bool) {
        let m = self.market(market);
        (
            m.registered,
            m.sequencer_sensitive,
            m.liquidation_grace,
            self.history(market).has_previous,
        )
    }

    // ------------------------------------------------------------------
    // Incidents
    // ------------------------------------------------------------------

    /// Opens an incident window on `market` starting at `start`: vaults treat
    /// settlements stamped from `start` on as suspect. An open window's start
    /// may only move earlier.
    ///
    /// # Arguments
    /// * `start` - not in the future, and no further back than the
    ///   look-back (default 1 hour).
    ///
    /// # Errors
    /// `UnauthorizedAccount` (guardian, admin or sentinel), `UnknownMarket`,
    /// `IncidentStartInFuture`, `IncidentStartBeyondLookback`,
    /// `IncidentAlreadyOpen`.
    ///
    /// # Events
    /// `IncidentDeclared`.
    pub fn declare_incident(&mut self, market: B256, start: u64) -> Result<(), PauseRegistryError> {
        let sender = self.vm().msg_sender();
        if self.caller(sender) == Caller::Other {
            return Err(unauthorized(sender));
        }
        let now = self.vm().block_timestamp();
        if start > now {
            return Err(PauseRegistryError::IncidentStartInFuture(
                IncidentStartInFuture { start, now },
            ));
        }
        let earliest = now.saturating_sub(u64::from(self.params_word().incident_lookback));
        if start < earliest || start == 0 {
            return Err(PauseRegistryError::IncidentStartBeyondLookback(
                IncidentStartBeyondLookback { start, earliest },
            ));
        }
        self.registered_market(market)?;
        let mut h = self.history(market);
        if h.incident_start != 0 && h.incident_end == 0 && h.incident_start <= start {
            return Err(PauseRegistryError::IncidentAlreadyOpen(
                IncidentAlreadyOpen {
                    market,
                    start: h.incident_start,
                },
            ));
        }
        h.incident_start = start;
        h.incident_end = 0;
        self.histories.setter(market).set(h.pack());
        emit(
            self.vm(),
            IncidentDeclared {
                market,
                account: sender,
                start,
            },
        );
        Ok(())
    }

    /// Closes the open incident window on `market` at the current time.
    ///
    /// # Errors
    /// `UnauthorizedAccount` (guardian or admin), `UnknownMarket`, `NoOpenIncident`.
    ///
    /// # Events
    /// `IncidentClosed`.
    pub fn close_incident(&mut self, market: B256) -> Result<(), PauseRegistryError> {
        let sender = self.only_guardian_or_admin()?;
        let now = self.vm().block_timestamp();
        self.registered_market(market)?;
        let mut h = self.history(market);
        if h.incident_start == 0 || h.incident_end != 0 {
            return Err(PauseRegistryError::NoOpenIncident(NoOpenIncident {
                market,
            }));
        }
        // An incident declared and closed in the same second still covers it.
        h.incident_end = now.max(h.incident_start.saturating_add(1));
        self.histories.setter(market).set(h.pack());
        emit(
            self.vm(),
            IncidentClosed {
                market,
                account: sender,
                start: h.incident_start,
                end: h.incident_end,
            },
        );
        Ok(())
    }

    /// Sets how far back an incident may start (1 second to 7 days).
    ///
    /// # Errors
    /// `UnauthorizedAccount` (admin only), `InvalidIncidentLookback`.
    ///
    /// # Events
    /// `IncidentLookbackChanged`.
    pub fn set_incident_lookback(&mut self, lookback: u64) -> Result<(), PauseRegistryError> {
        self.only_admin()?;
        if lookback == 0 || lookback > MAX_INCIDENT_LOOKBACK {
            return Err(PauseRegistryError::InvalidIncidentLookback(
                InvalidIncidentLookback {
                    lookback,
                    maxLookback: MAX_INCIDENT_LOOKBACK,
                },
            ));
        }
        let mut p = self.params_word();
        let old = u64::from(p.incident_lookback);
        p.incident_lookback = narrow(lookback);
        self.params.set(p.pack());
        emit(
            self.vm(),
            IncidentLookbackChanged {
                oldLookback: old,
                lookback,
            },
        );
        Ok(())
    }

    /// The incident look-back in seconds.
    pub fn incident_lookback(&self) -> u64 {
        u64::from(self.params_word().incident_lookback)
    }

    // ------------------------------------------------------------------
    // Sentinel keys
    // ------------------------------------------------------------------

    /// Adds a sentinel key, or changes its duration cap.
    ///
    /// # Arguments
    /// * `sentinel` - the key's address.
    /// * `duration_cap` - the longest pause it may set, 1 s to 1 day; 0
    ///   means the default, 6 hours.
    ///
    /// # Errors
    /// `UnauthorizedAccount` (admin only), `InvalidZeroAddress`, `InvalidSentinelCap`.
    ///
    /// # Events
    /// `SentinelUpdated`.
    pub fn set_sentinel(
        &mut self,
        sentinel: Address,
        duration_cap: u64,
    ) -> Result<(), PauseRegistryError> {
        self.only_admin()?;
        if sentinel.is_zero() {
            return Err(PauseRegistryError::InvalidZeroAddress(
                InvalidZeroAddress {},
            ));
        }
        let cap = if duration_cap == 0 {
            SENTINEL_DEFAULT_CAP
        } else {
            duration_cap
        };
        if cap > SENTINEL_MAX_CAP {
            return Err(PauseRegistryError::InvalidSentinelCap(InvalidSentinelCap {
                cap,
                maxCap: SENTINEL_MAX_CAP,
            }));
        }
        let mut w = self.sentinel_word(sentinel);
        w.cap = narrow(cap);
        self.sentinels.setter(sentinel).set(w.pack());
        emit(
            self.vm(),
            SentinelUpdated {
                sentinel,
                durationCap: cap,
            },
        );
        Ok(())
    }

    /// Removes a sentinel key (admin, or the guardian: revoking a key is
    /// containment).
    ///
    /// # Errors
    /// `UnauthorizedAccount`, `UnknownSentinel`.
    ///
    /// # Events
    /// `SentinelRemoved`.
    pub fn remove_sentinel(&mut self, sentinel: Address) -> Result<(), PauseRegistryError> {
        let sender = self.only_guardian_or_admin()?;
        if self.sentinel_word(sentinel).cap == 0 {
            return Err(PauseRegistryError::UnknownSentinel(UnknownSentinel {
                account: sentinel,
            }));
        }
        self.sentinels.setter(sentinel).set(B256::ZERO);
        emit(
            self.vm(),
            SentinelRemoved {
                sentinel,
                account: sender,
            },
        );
        Ok(())
    }

    /// Sets the sentinel pause budget (pauses per key per window), the window
    /// length and the per-scope cooldown that must pass after a sentinel
    /// pause ends before a sentinel may pause that scope again.
    ///
    /// # Errors
    /// `UnauthorizedAccount` (admin only), `InvalidSentinelPolicy` (budget
    /// 0, window 0, or window/cooldown above 30 days).
    ///
    /// # Events
    /// `SentinelPolicyChanged`.
    pub fn set_sentinel_policy(
        &mut self,
        budget: u16,
        window: u64,
        cooldown: u64,
    ) -> Result<(), PauseRegistryError> {
        self.only_admin()?;
        if budget == 0
            || window == 0
            || window > SENTINEL_MAX_WINDOW
            || cooldown > SENTINEL_MAX_WINDOW
        {
            return Err(PauseRegistryError::InvalidSentinelPolicy(
                InvalidSentinelPolicy {
                    budget,
                    window,
                    cooldown,
                },
            ));
        }
        let mut p = self.params_word();
        p.sentinel_budget = budget;
        p.sentinel_window = narrow(window);
        p.sentinel_cooldown = narrow(cooldown);
        self.params.set(p.pack());
        emit(
            self.vm(),
            SentinelPolicyChanged {
                budget,
                window,
                cooldown,
            },
        );
        Ok(())
    }

    /// A sentinel key's state.
    ///
    /// # Returns
    /// * `duration_cap` - the longest pause it may set (0: not a sentinel).
    /// * `window_start` - the start of its current budget window.
    /// * `used` - pauses used in that window.
    pub fn sentinel(&self, sentinel: Address) -> (u64, u64, u16) {
        let s = self.sentinel_word(sentinel);
        (u64::from(s.cap), s.window_start, s.used)
    }

    /// The sentinel policy.
    ///
    /// # Returns
    /// * `budget` - pauses per sentinel key per window.
    /// * `window` - the budget window in seconds.
    /// * `cooldown` - seconds after a sentinel pause ends before a sentinel
    ///   may pause that scope again.
    pub fn sentinel_policy(&self) -> (u16, u64, u64) {
        let p = self.params_word();
        (
            p.sentinel_budget,
            u64::from(p.sentinel_window),
            u64::from(p.sentinel_cooldown),
        )
    }

    // ------------------------------------------------------------------
    // Roles
    // ------------------------------------------------------------------

    /// Points the gate at another OracleSanityChecker.
    ///
    /// # Errors
    /// `UnauthorizedAccount` (admin only), `InvalidZeroAddress`.
    ///
    /// # Events
    /// `OracleChanged`.
    pub fn set_oracle(&mut self, oracle: Address) -> Result<(), PauseRegistryError> {
        self.only_admin()?;
        if oracle.is_zero() {
            return Err(PauseRegistryError::InvalidZeroAddress(
                InvalidZeroAddress {},
            ));
        }
        let mut g = self.gate_word();
        let old = g.oracle;
        g.oracle = oracle;
        self.gate.set(g.pack());
        emit(
            self.vm(),
            OracleChanged {
                oldOracle: old,
                oracle,
            },
        );
        Ok(())
    }

    /// Replaces the guardian.
    ///
    /// # Errors
    /// `UnauthorizedAccount` (admin only), `InvalidZeroAddress`.
    ///
    /// # Events
    /// `GuardianChanged`.
    pub fn set_guardian(&mut self, guardian: Address) -> Result<(), PauseRegistryError> {
        self.only_admin()?;
        if guardian.is_zero() {
            return Err(PauseRegistryError::InvalidZeroAddress(
                InvalidZeroAddress {},
            ));
        }
        let old = self.guardian.get();
        self.guardian.set(guardian);
        emit(
            self.vm(),
            GuardianChanged {
                oldGuardian: old,
                guardian,
            },
        );
        Ok(())
    }

    /// Starts an admin transfer; `new_admin` must call `acceptAdmin`.
    ///
    /// # Errors
    /// `UnauthorizedAccount` (admin only), `InvalidZeroAddress`.
    ///
    /// # Events
    /// `AdminTransferStarted`.
    pub fn transfer_admin(&mut self, new_admin: Address) -> Result<(), PauseRegistryError> {
        let admin = self.only_admin()?;
        if new_admin.is_zero() {
            return Err(PauseRegistryError::InvalidZeroAddress(
                InvalidZeroAddress {},
            ));
        }
        self.pending_admin.set(new_admin);
        emit(
            self.vm(),
            AdminTransferStarted {
                admin,
                pendingAdmin: new_admin,
            },
        );
        Ok(())
    }

    /// Completes an admin transfer (the pending admin only).
    ///
    /// # Errors
    /// `UnauthorizedAccount` unless the caller is the pending admin.
    ///
    /// # Events
    /// `AdminTransferred`.
    pub fn accept_admin(&mut self) -> Result<(), PauseRegistryError> {
        let sender = self.vm().msg_sender();
        if sender.is_zero() || sender != self.pending_admin.get() {
            return Err(unauthorized(sender));
        }
        let old = self.admin.get();
        self.admin.set(sender);
        self.pending_admin.set(Address::ZERO);
        emit(
            self.vm(),
            AdminTransferred {
                oldAdmin: old,
                admin: sender,
            },
        );
        Ok(())
    }

    /// The admin.
    pub fn admin(&self) -> Address {
        self.admin.get()
    }

    /// The pending admin (zero when no transfer is under way).
    pub fn pending_admin(&self) -> Address {
        self.pending_admin.get()
    }

    /// The guardian.
    pub fn guardian(&self) -> Address {
        self.guardian.get()
    }

    /// The OracleSanityChecker the gate asks.
    pub fn oracle(&self) -> Address {
        self.gate_word().oracle
    }
}

// ----------------------------------------------------------------------
// Internals
// ----------------------------------------------------------------------

impl PauseRegistry {
    /// The gate's verdict, asking the oracle checker only when needed.
    fn verdict(&self, market: B256, action: u8) -> Verdict {
        let m = self.market(market);
        let gate = self.gate_word();
        let view = gate::MarketView {
            registered: m.registered,
            sequencer_sensitive: m.sequencer_sensitive,
            liquidation_grace: u64::from(m.liquidation_grace),
            pause: m.pause,
        };
        let global = PauseScope {
            mask: gate.mask,
            until: gate.until,
            // Only LIQUIDATE looks at it: read the params word only then.
            grace_from: if action == action::LIQUIDATE {
                self.params_word().global_grace_from
            } else {
                0
            },
        };
        let mut client = OracleClient::new(self.vm(), gate.oracle, market);
        evaluate(
            self.vm().block_timestamp(),
            &view,
            &global,
            action,
            &mut client,
        )
    }

    fn gate_word(&self) -> GateWord {
        GateWord::unpack(self.gate.get())
    }

    fn params_word(&self) -> ParamsWord {
        ParamsWord::unpack(self.params.get())
    }

    fn market(&self, market: B256) -> MarketWord {
        MarketWord::unpack(self.markets.get(market))
    }

    fn registered_market(&self, market: B256) -> Result<MarketWord, PauseRegistryError> {
        let m = self.market(market);
        if m.registered {
            Ok(m)
        } else {
            Err(PauseRegistryError::UnknownMarket(UnknownMarket { market }))
        }
    }

    fn history(&self, market: B256) -> HistoryWord {
        HistoryWord::unpack(self.histories.get(market))
    }

    fn sentinel_word(&self, sentinel: Address) -> SentinelWord {
        SentinelWord::unpack(self.sentinels.get(sentinel))
    }

    fn caller(&self, account: Address) -> Caller {
        if account == self.admin.get() {
            Caller::Admin
        } else if account == self.guardian.get() {
            Caller::Guardian
        } else {
            match self.sentinel_word(account).cap {
                0 => Caller::Other,
                cap => Caller::Sentinel {
                    cap: u64::from(cap),
                },
            }
        }
    }

    fn only_admin(&self) -> Result<Address, PauseRegistryError> {
        let sender = self.vm().msg_sender();
        if sender == self.admin.get() {
            Ok(sender)
        } else {
            Err(unauthorized(sender))
        }
    }

    fn only_guardian_or_admin(&self) -> Result<Address, PauseRegistryError> {
        let sender = self.vm().msg_sender();
        match self.caller(sender) {
            Caller::Admin | Caller::Guardian => Ok(sender),
            _ => Err(unauthorized(sender)),
        }
    }

    /// Market 0 is the global scope; any other market must be registered.
    fn require_scope(&self, market: B256) -> Result<(), PauseRegistryError> {
        if market.is_zero() {
            Ok(())
        } else {
            self.registered_market(market).map(|_| ())
        }
    }

    fn load_scope(&self, market: B256) -> PauseScope {
        if market.is_zero() {
            let g = self.gate_word();
            PauseScope {
                mask: g.mask,
                until: g.until,
                grace_from: self.params_word().global_grace_from,
            }
        } else {
            self.market(market).pause
        }
    }

    fn store_scope(&mut self, market: B256, scope: PauseScope) {
        if market.is_zero() {
            let mut g = self.gate_word();
            g.mask = scope.mask;
            g.until = scope.until;
            self.gate.set(g.pack());
            let mut p = self.params_word();
            if p.global_grace_from != scope.grace_from {
                p.global_grace_from = scope.grace_from;
                self.params.set(p.pack());
            }
        } else {
            let mut m = self.market(market);
            m.pause = scope;
            self.markets.setter(market).set(m.pack());
        }
    }

    /// Checks and books a sentinel pause: risk-increasing only, the scope's
    /// cooldown passed, and budget left in the sentinel's window.
    fn spend_sentinel_pause(
        &mut self,
        sentinel: Address,
        scope: B256,
        actions: u16,
        now: u64,
        until: u64,
    ) -> Result<(), PauseRegistryError> {
        if actions & !RISK_INCREASING != 0 {
            return Err(PauseRegistryError::SentinelActionNotAllowed(
                SentinelActionNotAllowed { actions },
            ));
        }
        let allowed_at: u64 = self.sentinel_next_allowed.get(scope).saturating_to();
        if now < allowed_at {
            return Err(PauseRegistryError::SentinelCooldownActive(
                SentinelCooldownActive {
                    scope,
                    allowedAt: allowed_at,
                },
            ));
        }
        let p = self.params_word();
        let window = u64::from(p.sentinel_window);
        let mut s = self.sentinel_word(sentinel);
        if s.window_start == 0 || now >= s.window_start.saturating_add(window) {
            s.window_start = now;
            s.used = 0;
        }
        if s.used >= p.sentinel_budget {
            return Err(PauseRegistryError::SentinelBudgetExhausted(
                SentinelBudgetExhausted {
                    sentinel,
                    windowEndsAt: s.window_start.saturating_add(window),
                },
            ));
        }
        s.used += 1;
        self.sentinels.setter(sentinel).set(s.pack());
        let next = until
            .saturating_add(1)
            .saturating_add(u64::from(p.sentinel_cooldown));
        self.sentinel_next_allowed
            .setter(scope)
            .set(U64::from(next));
        Ok(())
    }
}

/// Narrows a value already checked against a bound that fits in `u32`.
fn narrow(value: u64) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

fn unauthorized(account: Address) -> PauseRegistryError {
    PauseRegistryError::UnauthorizedAccount(UnauthorizedAccount { account })
}

fn check_mask(actions: u16) -> Result<(), PauseRegistryError> {
    if action::is_valid_mask(actions) {
        Ok(())
    } else {
        Err(PauseRegistryError::InvalidActionMask(InvalidActionMask {
            actions,
        }))
    }
}

fn check_market_config(
    sequencer_sensitive: u16,
    liquidation_grace: u32,
) -> Result<(), PauseRegistryError> {
    if sequencer_sensitive & !action::ALL != 0 {
        return Err(PauseRegistryError::InvalidActionMask(InvalidActionMask {
            actions: sequencer_sensitive,
        }));
    }
    if liquidation_grace > MAX_LIQUIDATION_GRACE {
        return Err(PauseRegistryError::InvalidLiquidationGrace(
            InvalidLiquidationGrace {
                grace: liquidation_grace,
                maxGrace: MAX_LIQUIDATION_GRACE,
            },
        ));
    }
    Ok(())
}
