//! Custom errors of the PauseRegistry.
//!
//! Every refusal is one of these, ABI-encoded like a Solidity custom error,
//! and no state changes when one is returned. The errors are declared with
//! `sol!` (names, selectors, the exported ABI); [`PauseRegistryError`]
//! encodes them with the compact encoder of [`guard_abi::encoding`]
//! (checked against alloy's encoding in `tests::encoding`).
#![allow(missing_docs)] // `sol!` generates the items; each error is documented below.

use alloc::vec::Vec;

use alloy_sol_types::{sol, SolError};
use guard_abi::encoding::{address_word, encode, uint_word, Word};
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
        let words = |selector: [u8; 4], words: &[Word]| encode(&selector, words, None);
        match error {
            E::UnauthorizedAccount(e) => {
                words(UnauthorizedAccount::SELECTOR, &[address_word(e.account)])
            }
            E::InvalidZeroAddress(_) => words(InvalidZeroAddress::SELECTOR, &[]),
            E::InvalidActionMask(e) => words(InvalidActionMask::SELECTOR, &[uint_word(e.actions)]),
            E::InvalidPauseDuration(e) => words(
                InvalidPauseDuration::SELECTOR,
                &[uint_word(e.duration), uint_word(e.maxDuration)],
            ),
            E::UnknownMarket(e) => words(UnknownMarket::SELECTOR, &[e.market]),
            E::InvalidMarketId(_) => words(InvalidMarketId::SELECTOR, &[]),
            E::MarketAlreadyRegistered(e) => words(MarketAlreadyRegistered::SELECTOR, &[e.market]),
            E::InvalidLiquidationGrace(e) => words(
                InvalidLiquidationGrace::SELECTOR,
                &[uint_word(e.grace), uint_word(e.maxGrace)],
            ),
            E::ConfigUnchanged(e) => words(ConfigUnchanged::SELECTOR, &[e.market]),
            E::NoPreviousConfig(e) => words(NoPreviousConfig::SELECTOR, &[e.market]),
            E::SentinelActionNotAllowed(e) => {
                words(SentinelActionNotAllowed::SELECTOR, &[uint_word(e.actions)])
            }
            E::SentinelBudgetExhausted(e) => words(
                SentinelBudgetExhausted::SELECTOR,
                &[address_word(e.sentinel), uint_word(e.windowEndsAt)],
            ),
            E::SentinelCooldownActive(e) => words(
                SentinelCooldownActive::SELECTOR,
                &[e.scope, uint_word(e.allowedAt)],
            ),
            E::InvalidSentinelCap(e) => words(
                InvalidSentinelCap::SELECTOR,
                &[uint_word(e.cap), uint_word(e.maxCap)],
            ),
            E::InvalidSentinelPolicy(e) => words(
                InvalidSentinelPolicy::SELECTOR,
                &[
                    uint_word(e.budget),
                    uint_word(e.window),
                    uint_word(e.cooldown),
                ],
            ),
            E::UnknownSentinel(e) => words(UnknownSentinel::SELECTOR, &[address_word(e.account)]),
            E::IncidentStartInFuture(e) => words(
                IncidentStartInFuture::SELECTOR,
                &[uint_word(e.start), uint_word(e.now)],
            ),
            E::IncidentStartBeyondLookback(e) => words(
                IncidentStartBeyondLookback::SELECTOR,
                &[uint_word(e.start), uint_word(e.earliest)],
            ),
            E::IncidentAlreadyOpen(e) => words(
                IncidentAlreadyOpen::SELECTOR,
                &[e.market, uint_word(e.start)],
            ),
            E::NoOpenIncident(e) => words(NoOpenIncident::SELECTOR, &[e.market]),
            E::InvalidIncidentLookback(e) => words(
                InvalidIncidentLookback::SELECTOR,
                &[uint_word(e.lookback), uint_word(e.maxLookback)],
            ),
            E::ActionsNotPaused(e) => words(
                ActionsNotPaused::SELECTOR,
                &[e.market, uint_word(e.actions)],
            ),
            E::GuardianMayOnlyLiftRiskReducing(e) => words(
                GuardianMayOnlyLiftRiskReducing::SELECTOR,
                &[uint_word(e.actions)],
            ),
            E::SettlementBlocked(e) => words(
                SettlementBlocked::SELECTOR,
                &[e.market, uint_word(e.action), uint_word(e.status)],
            ),
        }
    }
}
