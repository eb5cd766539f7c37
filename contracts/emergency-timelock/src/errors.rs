//! Custom errors of the EmergencyTimelock.
//!
//! OpenZeppelin 5.x's `TimelockController` and `AccessControl` errors where
//! OpenZeppelin has one (same names and arguments, so the same selectors);
//! EIP-6093-style `Timelock…` names for this timelock's own refusals. Every
//! refusal is one of these (or, for an executed call, that call's own revert
//! data re-raised unchanged), and no state changes when one is returned.
#![allow(missing_docs)] // `sol!` generates the items; each error is documented below.

use alloc::vec::Vec;

use alloy_sol_types::{sol, SolError};
use guard_abi::encoding::{address_word, bytes4_word, encode, u256_word, Word};

sol! {
    #![sol(all_derives)]

    /// (OpenZeppelin) `targets`, `values` and `payloads` differ in length.
    error TimelockInvalidOperationLength(uint256 targets, uint256 payloads, uint256 values);
    /// (OpenZeppelin) The delay is below the minimum delay in force.
    error TimelockInsufficientDelay(uint256 delay, uint256 minDelay);
    /// (OpenZeppelin) The operation is not in one of `expectedStates` (a
    /// bitmap: bit `i` = `OperationState(i)`).
    error TimelockUnexpectedOperationState(bytes32 operationId, bytes32 expectedStates);
    /// (OpenZeppelin) The predecessor has not been executed.
    error TimelockUnexecutedPredecessor(bytes32 predecessorId);
    /// (OpenZeppelin) Only the timelock itself may call this function.
    error TimelockUnauthorizedCaller(address caller);
    /// (OpenZeppelin) `account` lacks `neededRole`.
    error AccessControlUnauthorizedAccount(address account, bytes32 neededRole);
    /// (OpenZeppelin) `renounceRole`'s confirmation is not the caller.
    error AccessControlBadConfirmation();
    /// The operation was ready but not executed within its grace window; it
    /// can never run (expired from `expiredAt`).
    error TimelockExpiredOperation(bytes32 operationId, uint256 expiredAt);
    /// A target's codehash differs from the one pinned when the operation was scheduled.
    error TimelockTargetCodehashChanged(bytes32 operationId);
    /// `(target, selector)` is not on the emergency allowlist (calldata
    /// shorter than 4 bytes never is).
    error TimelockEmergencyCallNotAllowed(address target, bytes4 selector);
    /// An `execute*` call is already in progress.
    error TimelockReentrantCall();
    /// The delay is above the longest allowed (30 days).
    error TimelockExcessiveDelay(uint256 delay, uint256 maxDelay);
    /// A minimum delay outside `[lowerBound, upperBound]` (1 hour, 30 days).
    error TimelockInvalidMinDelay(uint256 delay, uint256 lowerBound, uint256 upperBound);
    /// A grace window outside `[lowerBound, upperBound]` (1 day, 30 days).
    error TimelockInvalidGracePeriod(uint256 gracePeriod, uint256 lowerBound, uint256 upperBound);
    /// The role cannot be granted, revoked or renounced: unknown, or
    /// `DEFAULT_ADMIN_ROLE` (held by the timelock itself, for ever).
    error TimelockUnsupportedRole(bytes32 role);
    /// A zero address where an account is required.
    error InvalidZeroAddress();
}

guard_abi::error_enum!(
    /// Every error of the EmergencyTimelock's own. (The `execute*` functions
    /// return plain bytes: one of these, or an executed call's revert data.)
    pub enum TimelockError {
        InvalidOperationLength(TimelockInvalidOperationLength),
        InsufficientDelay(TimelockInsufficientDelay),
        UnexpectedOperationState(TimelockUnexpectedOperationState),
        UnexecutedPredecessor(TimelockUnexecutedPredecessor),
        UnauthorizedCaller(TimelockUnauthorizedCaller),
        UnauthorizedAccount(AccessControlUnauthorizedAccount),
        BadConfirmation(AccessControlBadConfirmation),
        ExpiredOperation(TimelockExpiredOperation),
        TargetCodehashChanged(TimelockTargetCodehashChanged),
        EmergencyCallNotAllowed(TimelockEmergencyCallNotAllowed),
        ReentrantCall(TimelockReentrantCall),
        ExcessiveDelay(TimelockExcessiveDelay),
        InvalidMinDelay(TimelockInvalidMinDelay),
        InvalidGracePeriod(TimelockInvalidGracePeriod),
        UnsupportedRole(TimelockUnsupportedRole),
        InvalidZeroAddress(InvalidZeroAddress),
    }
);

/// The revert data: the error's selector and ABI-encoded fields.
impl From<TimelockError> for Vec<u8> {
    fn from(error: TimelockError) -> Vec<u8> {
        use TimelockError as E;
        let words = |selector: [u8; 4], words: &[Word]| encode(&selector, words, None);
        match error {
            E::InvalidOperationLength(e) => words(
                TimelockInvalidOperationLength::SELECTOR,
                &[
                    u256_word(e.targets),
                    u256_word(e.payloads),
                    u256_word(e.values),
                ],
            ),
            E::InsufficientDelay(e) => words(
                TimelockInsufficientDelay::SELECTOR,
                &[u256_word(e.delay), u256_word(e.minDelay)],
            ),
            E::UnexpectedOperationState(e) => words(
                TimelockUnexpectedOperationState::SELECTOR,
                &[e.operationId, e.expectedStates],
            ),
            E::UnexecutedPredecessor(e) => {
                words(TimelockUnexecutedPredecessor::SELECTOR, &[e.predecessorId])
            }
            E::UnauthorizedCaller(e) => words(
                TimelockUnauthorizedCaller::SELECTOR,
                &[address_word(e.caller)],
            ),
            E::UnauthorizedAccount(e) => words(
                AccessControlUnauthorizedAccount::SELECTOR,
                &[address_word(e.account), e.neededRole],
            ),
            E::BadConfirmation(_) => words(AccessControlBadConfirmation::SELECTOR, &[]),
            E::ExpiredOperation(e) => words(
                TimelockExpiredOperation::SELECTOR,
                &[e.operationId, u256_word(e.expiredAt)],
            ),
            E::TargetCodehashChanged(e) => {
                words(TimelockTargetCodehashChanged::SELECTOR, &[e.operationId])
            }
            E::EmergencyCallNotAllowed(e) => words(
                TimelockEmergencyCallNotAllowed::SELECTOR,
                &[address_word(e.target), bytes4_word(e.selector)],
            ),
            E::ReentrantCall(_) => words(TimelockReentrantCall::SELECTOR, &[]),
            E::ExcessiveDelay(e) => words(
                TimelockExcessiveDelay::SELECTOR,
                &[u256_word(e.delay), u256_word(e.maxDelay)],
            ),
            E::InvalidMinDelay(e) => words(
                TimelockInvalidMinDelay::SELECTOR,
                &[
                    u256_word(e.delay),
                    u256_word(e.lowerBound),
                    u256_word(e.upperBound),
                ],
            ),
            E::InvalidGracePeriod(e) => words(
                TimelockInvalidGracePeriod::SELECTOR,
                &[
                    u256_word(e.gracePeriod),
                    u256_word(e.lowerBound),
                    u256_word(e.upperBound),
                ],
            ),
            E::UnsupportedRole(e) => words(TimelockUnsupportedRole::SELECTOR, &[e.role]),
            E::InvalidZeroAddress(_) => words(InvalidZeroAddress::SELECTOR, &[]),
        }
    }
}
