//! Custom errors of the EmergencyTimelock.
//!
//! OpenZeppelin 5.x's `TimelockController` and `AccessControl` errors where
//! OpenZeppelin has one (same names and arguments, so the same selectors);
//! EIP-6093-style `Timelock…` names for this timelock's own refusals. Every
//! refusal is one of these (or, for an executed call, that call's own revert
//! data re-raised unchanged), and no state changes when one is returned.
#![allow(missing_docs)] // `sol!` generates the items; each error is documented below.

use alloy_sol_types::sol;
use stylus_sdk::prelude::*;

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

/// Every error of the EmergencyTimelock's own. (The `execute*` functions
/// return plain bytes: one of these, or an executed call's revert data.)
#[derive(SolidityError, Debug)]
pub enum TimelockError {
    /// See [`TimelockInvalidOperationLength`].
    InvalidOperationLength(TimelockInvalidOperationLength),
    /// See [`TimelockInsufficientDelay`].
    InsufficientDelay(TimelockInsufficientDelay),
    /// See [`TimelockUnexpectedOperationState`].
    UnexpectedOperationState(TimelockUnexpectedOperationState),
    /// See [`TimelockUnexecutedPredecessor`].
    UnexecutedPredecessor(TimelockUnexecutedPredecessor),
    /// See [`TimelockUnauthorizedCaller`].
    UnauthorizedCaller(TimelockUnauthorizedCaller),
    /// See [`AccessControlUnauthorizedAccount`].
    UnauthorizedAccount(AccessControlUnauthorizedAccount),
    /// See [`AccessControlBadConfirmation`].
    BadConfirmation(AccessControlBadConfirmation),
    /// See [`TimelockExpiredOperation`].
    ExpiredOperation(TimelockExpiredOperation),
    /// See [`TimelockTargetCodehashChanged`].
    TargetCodehashChanged(TimelockTargetCodehashChanged),
    /// See [`TimelockEmergencyCallNotAllowed`].
    EmergencyCallNotAllowed(TimelockEmergencyCallNotAllowed),
    /// See [`TimelockReentrantCall`].
    ReentrantCall(TimelockReentrantCall),
    /// See [`TimelockExcessiveDelay`].
    ExcessiveDelay(TimelockExcessiveDelay),
    /// See [`TimelockInvalidMinDelay`].
    InvalidMinDelay(TimelockInvalidMinDelay),
    /// See [`TimelockInvalidGracePeriod`].
    InvalidGracePeriod(TimelockInvalidGracePeriod),
    /// See [`TimelockUnsupportedRole`].
    UnsupportedRole(TimelockUnsupportedRole),
    /// See [`InvalidZeroAddress`].
    InvalidZeroAddress(InvalidZeroAddress),
}
