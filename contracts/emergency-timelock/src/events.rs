//! Events of the EmergencyTimelock: OpenZeppelin's where OpenZeppelin has
//! one (same names, argument order and indexing), past-tense names for this
//! timelock's own.
//!
//! The `sol!` declarations are the ABI (and give the topic hashes); the
//! logs themselves are laid out by the small functions below, word by word,
//! with [`guard_abi::encoding::Writer`], which keeps alloy's generic encoders
//! out of the WASM. The unit tests decode every log with the `sol!` types,
//! so the two cannot drift apart.
#![allow(missing_docs)] // `sol!` generates the items; each event is documented below.

use alloy_primitives::{Address, FixedBytes, B256, U256};
use alloy_sol_types::{sol, SolEvent};
use guard_abi::encoding::Writer;
use stylus_sdk::stylus_core::RawLogAccess;

sol! {
    #![sol(all_derives)]

    /// (OpenZeppelin) Call `index` of operation `id` was scheduled.
    event CallScheduled(
        bytes32 indexed id,
        uint256 indexed index,
        address target,
        uint256 value,
        bytes data,
        bytes32 predecessor,
        uint256 delay
    );
    /// (OpenZeppelin) Call `index` of operation `id` was performed.
    event CallExecuted(bytes32 indexed id, uint256 indexed index, address target, uint256 value, bytes data);
    /// (OpenZeppelin) Operation `id` was scheduled with a non-zero salt.
    event CallSalt(bytes32 indexed id, bytes32 salt);
    /// (OpenZeppelin) Operation `id` was cancelled.
    event Cancelled(bytes32 indexed id);
    /// (OpenZeppelin) The minimum delay changed, in force now.
    event MinDelayChange(uint256 oldDuration, uint256 newDuration);
    /// A decrease of the minimum delay was accepted; it takes effect at `effectiveAt`.
    event MinDelayDecreaseScheduled(uint256 oldDuration, uint256 newDuration, uint256 effectiveAt);
    /// The grace window for operations scheduled from now on changed.
    event GracePeriodChange(uint256 oldDuration, uint256 newDuration);
    /// (OpenZeppelin) `role` was granted to `account` by `sender`.
    event RoleGranted(bytes32 indexed role, address indexed account, address indexed sender);
    /// (OpenZeppelin) `role` was revoked from `account` by `sender`.
    event RoleRevoked(bytes32 indexed role, address indexed account, address indexed sender);
    /// `(target, selector)` was added to (`allowed`) or removed from the emergency allowlist.
    event EmergencyCallChanged(address indexed target, bytes4 indexed selector, bool allowed);
    /// The guardian `sender` performed an allowlisted emergency call.
    event EmergencyCallExecuted(address indexed sender, address indexed target, uint256 value, bytes data);
}

/// `CallScheduled(id, index, target, value, data, predecessor, delay)`.
#[allow(clippy::too_many_arguments)] // The event's own arguments.
pub fn call_scheduled(
    host: &impl RawLogAccess,
    id: B256,
    index: usize,
    target: Address,
    value: U256,
    data: &[u8],
    predecessor: B256,
    delay: U256,
) {
    Writer::new(&[], 9)
        .word(&CallScheduled::SIGNATURE_HASH)
        .word(&id)
        .uint(index as u64)
        .address(&target)
        .u256(&value)
        .tail_offset(5)
        .word(&predecessor)
        .u256(&delay)
        .tail(data)
        .emit(host, 3);
}

/// `CallExecuted(id, index, target, value, data)`.
pub fn call_executed(
    host: &impl RawLogAccess,
    id: B256,
    index: usize,
    target: Address,
    value: U256,
    data: &[u8],
) {
    Writer::new(&[], 7)
        .word(&CallExecuted::SIGNATURE_HASH)
        .word(&id)
        .uint(index as u64)
        .address(&target)
        .u256(&value)
        .tail_offset(3)
        .tail(data)
        .emit(host, 3);
}

/// `CallSalt(id, salt)`.
pub fn call_salt(host: &impl RawLogAccess, id: B256, salt: B256) {
    Writer::new(&[], 3)
        .word(&CallSalt::SIGNATURE_HASH)
        .word(&id)
        .word(&salt)
        .emit(host, 2);
}

/// `Cancelled(id)`.
pub fn cancelled(host: &impl RawLogAccess, id: B256) {
    Writer::new(&[], 2)
        .word(&Cancelled::SIGNATURE_HASH)
        .word(&id)
        .emit(host, 2);
}

/// `MinDelayChange(oldDuration, newDuration)`.
pub fn min_delay_change(host: &impl RawLogAccess, old: u64, new: u64) {
    Writer::new(&[], 3)
        .word(&MinDelayChange::SIGNATURE_HASH)
        .uint(old)
        .uint(new)
        .emit(host, 1);
}

/// `MinDelayDecreaseScheduled(oldDuration, newDuration, effectiveAt)`.
pub fn min_delay_decrease_scheduled(
    host: &impl RawLogAccess,
    old: u64,
    new: u64,
    effective_at: u64,
) {
    Writer::new(&[], 4)
        .word(&MinDelayDecreaseScheduled::SIGNATURE_HASH)
        .uint(old)
        .uint(new)
        .uint(effective_at)
        .emit(host, 1);
}

/// `GracePeriodChange(oldDuration, newDuration)`.
pub fn grace_period_change(host: &impl RawLogAccess, old: u64, new: u64) {
    Writer::new(&[], 3)
        .word(&GracePeriodChange::SIGNATURE_HASH)
        .uint(old)
        .uint(new)
        .emit(host, 1);
}

/// `RoleGranted(role, account, sender)` (`granted`) or `RoleRevoked(role, account, sender)`.
pub fn role_changed(
    host: &impl RawLogAccess,
    granted: bool,
    role: B256,
    account: Address,
    sender: Address,
) {
    let sig = if granted {
        RoleGranted::SIGNATURE_HASH
    } else {
        RoleRevoked::SIGNATURE_HASH
    };
    Writer::new(&[], 4)
        .word(&sig)
        .word(&role)
        .address(&account)
        .address(&sender)
        .emit(host, 4);
}

/// `EmergencyCallChanged(target, selector, allowed)`.
pub fn emergency_call_changed(
    host: &impl RawLogAccess,
    target: Address,
    selector: FixedBytes<4>,
    allowed: bool,
) {
    Writer::new(&[], 4)
        .word(&EmergencyCallChanged::SIGNATURE_HASH)
        .address(&target)
        .bytes4(&selector)
        .bool(allowed)
        .emit(host, 3);
}

/// `EmergencyCallExecuted(sender, target, value, data)`.
pub fn emergency_call_executed(
    host: &impl RawLogAccess,
    sender: Address,
    target: Address,
    value: U256,
    data: &[u8],
) {
    Writer::new(&[], 6)
        .word(&EmergencyCallExecuted::SIGNATURE_HASH)
        .address(&sender)
        .address(&target)
        .u256(&value)
        .tail_offset(2)
        .tail(data)
        .emit(host, 3);
}
