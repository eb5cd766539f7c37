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
use guard_abi::encoding::Writer;

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
        let start = |selector: [u8; 4]| Writer::new(&selector, 3);
        let writer = match error {
            E::InvalidOperationLength(e) => start(TimelockInvalidOperationLength::SELECTOR)
                .u256(&e.targets)
                .u256(&e.payloads)
                .u256(&e.values),
            E::InsufficientDelay(e) => start(TimelockInsufficientDelay::SELECTOR)
                .u256(&e.delay)
                .u256(&e.minDelay),
            E::UnexpectedOperationState(e) => start(TimelockUnexpectedOperationState::SELECTOR)
                .word(&e.operationId)
                .word(&e.expectedStates),
            E::UnexecutedPredecessor(e) => {
                start(TimelockUnexecutedPredecessor::SELECTOR).word(&e.predecessorId)
            }
            E::UnauthorizedCaller(e) => {
                start(TimelockUnauthorizedCaller::SELECTOR).address(&e.caller)
            }
            E::UnauthorizedAccount(e) => start(AccessControlUnauthorizedAccount::SELECTOR)
                .address(&e.account)
                .word(&e.neededRole),
            E::BadConfirmation(_) => start(AccessControlBadConfirmation::SELECTOR),
            E::ExpiredOperation(e) => start(TimelockExpiredOperation::SELECTOR)
                .word(&e.operationId)
                .u256(&e.expiredAt),
            E::TargetCodehashChanged(e) => {
                start(TimelockTargetCodehashChanged::SELECTOR).word(&e.operationId)
            }
            E::EmergencyCallNotAllowed(e) => start(TimelockEmergencyCallNotAllowed::SELECTOR)
                .address(&e.target)
                .bytes4(&e.selector),
            E::ReentrantCall(_) => start(TimelockReentrantCall::SELECTOR),
            E::ExcessiveDelay(e) => start(TimelockExcessiveDelay::SELECTOR)
                .u256(&e.delay)
                .u256(&e.maxDelay),
            E::InvalidMinDelay(e) => start(TimelockInvalidMinDelay::SELECTOR)
                .u256(&e.delay)
                .u256(&e.lowerBound)
                .u256(&e.upperBound),
            E::InvalidGracePeriod(e) => start(TimelockInvalidGracePeriod::SELECTOR)
                .u256(&e.gracePeriod)
                .u256(&e.lowerBound)
                .u256(&e.upperBound),
            E::UnsupportedRole(e) => start(TimelockUnsupportedRole::SELECTOR).word(&e.role),
            E::InvalidZeroAddress(_) => start(InvalidZeroAddress::SELECTOR),
        };
        writer.into_bytes()
    }
}
