//! Custom errors of the PauseRegistry.
//!
//! Every refusal is one of these, ABI-encoded like a Solidity custom error,
//! and no state changes when one is returned. The errors are declared with
//! `sol!` (names, selectors, the exported ABI); [`PauseRegistryError`]
//! encodes them with [`guard_abi::encoding::Writer`] (checked against
//! alloy's encoding in `tests::encoding`).
#![allow(missing_docs)] // `sol!` generates the items; each error is documented below.

use alloc::vec::Vec;

use alloy_sol_types::{sol, SolError};
use guard_abi::encoding::Writer;
use guard_abi::interfaces::ISettlementGuard::SettlementBlocked;

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

guard_abi::error_enum!(
    /// Every error the PauseRegistry can return.
    pub enum PauseRegistryError {
        UnauthorizedAccount,
        InvalidZeroAddress,
        InvalidActionMask,
        InvalidPauseDuration,
        UnknownMarket,
        InvalidMarketId,
        MarketAlreadyRegistered,
        InvalidLiquidationGrace,
        ConfigUnchanged,
        NoPreviousConfig,
        SentinelActionNotAllowed,
        SentinelBudgetExhausted,
        SentinelCooldownActive,
        InvalidSentinelCap,
        InvalidSentinelPolicy,
        UnknownSentinel,
        IncidentStartInFuture,
        IncidentStartBeyondLookback,
        IncidentAlreadyOpen,
        NoOpenIncident,
        InvalidIncidentLookback,
        ActionsNotPaused,
        GuardianMayOnlyLiftRiskReducing,
        SettlementBlocked,
    }
);

/// The revert data: the error's selector and ABI-encoded fields.
impl From<PauseRegistryError> for Vec<u8> {
    fn from(error: PauseRegistryError) -> Vec<u8> {
        use PauseRegistryError as E;
        let start = |selector: [u8; 4]| Writer::new(&selector, 3);
        let writer = match error {
            E::UnauthorizedAccount(e) => start(UnauthorizedAccount::SELECTOR).address(&e.account),
            E::InvalidZeroAddress(_) => start(InvalidZeroAddress::SELECTOR),
            E::InvalidActionMask(e) => start(InvalidActionMask::SELECTOR).uint(e.actions.into()),
            E::InvalidPauseDuration(e) => start(InvalidPauseDuration::SELECTOR)
                .uint(e.duration)
                .uint(e.maxDuration),
            E::UnknownMarket(e) => start(UnknownMarket::SELECTOR).word(&e.market),
            E::InvalidMarketId(_) => start(InvalidMarketId::SELECTOR),
            E::MarketAlreadyRegistered(e) => {
                start(MarketAlreadyRegistered::SELECTOR).word(&e.market)
            }
            E::InvalidLiquidationGrace(e) => start(InvalidLiquidationGrace::SELECTOR)
                .uint(e.grace.into())
                .uint(e.maxGrace.into()),
            E::ConfigUnchanged(e) => start(ConfigUnchanged::SELECTOR).word(&e.market),
            E::NoPreviousConfig(e) => start(NoPreviousConfig::SELECTOR).word(&e.market),
            E::SentinelActionNotAllowed(e) => {
                start(SentinelActionNotAllowed::SELECTOR).uint(e.actions.into())
            }
            E::SentinelBudgetExhausted(e) => start(SentinelBudgetExhausted::SELECTOR)
                .address(&e.sentinel)
                .uint(e.windowEndsAt),
            E::SentinelCooldownActive(e) => start(SentinelCooldownActive::SELECTOR)
                .word(&e.scope)
                .uint(e.allowedAt),
            E::InvalidSentinelCap(e) => start(InvalidSentinelCap::SELECTOR)
                .uint(e.cap)
                .uint(e.maxCap),
            E::InvalidSentinelPolicy(e) => start(InvalidSentinelPolicy::SELECTOR)
                .uint(e.budget.into())
                .uint(e.window)
                .uint(e.cooldown),
            E::UnknownSentinel(e) => start(UnknownSentinel::SELECTOR).address(&e.account),
            E::IncidentStartInFuture(e) => start(IncidentStartInFuture::SELECTOR)
                .uint(e.start)
                .uint(e.now),
            E::IncidentStartBeyondLookback(e) => start(IncidentStartBeyondLookback::SELECTOR)
                .uint(e.start)
                .uint(e.earliest),
            E::IncidentAlreadyOpen(e) => start(IncidentAlreadyOpen::SELECTOR)
                .word(&e.market)
                .uint(e.start),
            E::NoOpenIncident(e) => start(NoOpenIncident::SELECTOR).word(&e.market),
            E::InvalidIncidentLookback(e) => start(InvalidIncidentLookback::SELECTOR)
                .uint(e.lookback)
                .uint(e.maxLookback),
            E::ActionsNotPaused(e) => start(ActionsNotPaused::SELECTOR)
                .word(&e.market)
                .uint(e.actions.into()),
            E::GuardianMayOnlyLiftRiskReducing(e) => {
                start(GuardianMayOnlyLiftRiskReducing::SELECTOR).uint(e.actions.into())
            }
            E::SettlementBlocked(e) => start(SettlementBlocked::SELECTOR)
                .word(&e.market)
                .uint(e.action.into())
                .uint(e.status.into()),
        };
        writer.into_bytes()
    }
}
