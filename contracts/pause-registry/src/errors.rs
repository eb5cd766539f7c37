//! Custom errors of the PauseRegistry.
//!
//! Every refusal is one of these, ABI-encoded like a Solidity custom error,
//! and no state changes when one is returned.
#![allow(missing_docs)] // `sol!` generates the items; each error is documented below.

use alloy_sol_types::sol;
use guard_abi::interfaces::ISettlementGuard::SettlementBlocked;
use stylus_sdk::prelude::*;

sol! {
    #![sol(all_derives)]

    /// `account` may not call this function.
    error UnauthorizedAccount(address account);
    /// A zero address was given where an account is required.
    error InvalidZeroAddress();
    /// The action mask is 0 or names bits outside ALL (0x7F).
    error InvalidActionMask(uint16 actions);
    /// The pause duration is 0 or above the caller's cap.
    error InvalidPauseDuration(uint64 duration, uint64 maxDuration);
    /// The market is not registered.
    error UnknownMarket(bytes32 market);
    /// The market id is 0 (reserved for the global scope).
    error InvalidMarketId();
    /// The market is already registered.
    error MarketAlreadyRegistered(bytes32 market);
    /// The liquidation grace period is above its bound.
    error InvalidLiquidationGrace(uint32 grace, uint32 maxGrace);
    /// The config is the one already in force.
    error ConfigUnchanged(bytes32 market);
    /// There is no previous config to roll back to.
    error NoPreviousConfig(bytes32 market);
    /// A sentinel key may only pause risk-increasing actions.
    error SentinelActionNotAllowed(uint16 actions);
    /// The sentinel has used its pause budget for the current window.
    error SentinelBudgetExhausted(address sentinel, uint64 windowEndsAt);
    /// A sentinel paused this scope recently; it may pause it again from `allowedAt`.
    error SentinelCooldownActive(bytes32 scope, uint64 allowedAt);
    /// A sentinel duration cap outside (0, 1 day].
    error InvalidSentinelCap(uint64 cap, uint64 maxCap);
    /// A sentinel policy with a zero budget, a zero window or a window above 30 days.
    error InvalidSentinelPolicy(uint16 budget, uint64 window, uint64 cooldown);
    /// The account is not a sentinel key.
    error UnknownSentinel(address account);
    /// An incident start in the future.
    error IncidentStartInFuture(uint64 start, uint64 now);
    /// An incident start further back than the look-back allows.
    error IncidentStartBeyondLookback(uint64 start, uint64 earliest);
    /// An incident is already open with an earlier or equal start.
    error IncidentAlreadyOpen(bytes32 market, uint64 start);
    /// No open incident to close.
    error NoOpenIncident(bytes32 market);
    /// An incident look-back of 0 or above 7 days.
    error InvalidIncidentLookback(uint64 lookback, uint64 maxLookback);
    /// None of the actions is paused in this scope.
    error ActionsNotPaused(bytes32 market, uint16 actions);
    /// The guardian may only lift risk-reducing actions; the rest waits for the timelock or expiry.
    error GuardianMayOnlyLiftRiskReducing(uint16 actions);
}

/// Every error the PauseRegistry can return.
#[derive(SolidityError, Debug)]
pub enum PauseRegistryError {
    /// See [`UnauthorizedAccount`].
    UnauthorizedAccount(UnauthorizedAccount),
    /// See [`InvalidZeroAddress`].
    InvalidZeroAddress(InvalidZeroAddress),
    /// See [`InvalidActionMask`].
    InvalidActionMask(InvalidActionMask),
    /// See [`InvalidPauseDuration`].
    InvalidPauseDuration(InvalidPauseDuration),
    /// See [`UnknownMarket`].
    UnknownMarket(UnknownMarket),
    /// See [`InvalidMarketId`].
    InvalidMarketId(InvalidMarketId),
    /// See [`MarketAlreadyRegistered`].
    MarketAlreadyRegistered(MarketAlreadyRegistered),
    /// See [`InvalidLiquidationGrace`].
    InvalidLiquidationGrace(InvalidLiquidationGrace),
    /// See [`ConfigUnchanged`].
    ConfigUnchanged(ConfigUnchanged),
    /// See [`NoPreviousConfig`].
    NoPreviousConfig(NoPreviousConfig),
    /// See [`SentinelActionNotAllowed`].
    SentinelActionNotAllowed(SentinelActionNotAllowed),
    /// See [`SentinelBudgetExhausted`].
    SentinelBudgetExhausted(SentinelBudgetExhausted),
    /// See [`SentinelCooldownActive`].
    SentinelCooldownActive(SentinelCooldownActive),
    /// See [`InvalidSentinelCap`].
    InvalidSentinelCap(InvalidSentinelCap),
    /// See [`InvalidSentinelPolicy`].
    InvalidSentinelPolicy(InvalidSentinelPolicy),
    /// See [`UnknownSentinel`].
    UnknownSentinel(UnknownSentinel),
    /// See [`IncidentStartInFuture`].
    IncidentStartInFuture(IncidentStartInFuture),
    /// See [`IncidentStartBeyondLookback`].
    IncidentStartBeyondLookback(IncidentStartBeyondLookback),
    /// See [`IncidentAlreadyOpen`].
    IncidentAlreadyOpen(IncidentAlreadyOpen),
    /// See [`NoOpenIncident`].
    NoOpenIncident(NoOpenIncident),
    /// See [`InvalidIncidentLookback`].
    InvalidIncidentLookback(InvalidIncidentLookback),
    /// See [`ActionsNotPaused`].
    ActionsNotPaused(ActionsNotPaused),
    /// See [`GuardianMayOnlyLiftRiskReducing`].
    GuardianMayOnlyLiftRiskReducing(GuardianMayOnlyLiftRiskReducing),
    /// The gate's verdict is not OK (`ISettlementGuard.SettlementBlocked`).
    SettlementBlocked(SettlementBlocked),
}
