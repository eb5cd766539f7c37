//! The WASM build's calldata router.
//!
//! [`Dispatcher`] routes exactly as the `Router` that `#[public]` generates
//! for [`EmergencyTimelock`] (which stays the router of the unit tests and
//! the source of the exported ABI): the same selectors, the same checks in
//! the same order (value refused except by the three `#[payable]` execute
//! functions and `receive`; the constructor checks and sets its slot before
//! decoding), the same argument validation (incl. the `bytes`, `address[]`,
//! `uint256[]` and `bytes[]` arguments), return data and revert data. Only
//! the code differs: the SDK inlines an alloy decoder and encoder per
//! function (for the batch functions, alloy's generic dynamic-array
//! decoder), this routes every function through the shared codec of
//! [`guard_abi::dispatch`].
//!
//! `tests::dispatch` proves the equivalence by running both routers on the
//! same calldata, generated from the committed `abi/json` ABI
//! (`IEmergencyTimelock.json`): every function, with valid, dirty, short,
//! over-long and mis-pointed arguments, with and without value, from every
//! role.

use crate::EmergencyTimelock;

guard_abi::router! {
    /// The hand-written router of the WASM build (see the module docs).
    pub struct Dispatcher for EmergencyTimelock, receive = receive {
        constructor(_, _, _, _);
        selector::SCHEDULE => schedule(_, _, _, _, _, _),
        selector::SCHEDULE_BATCH => schedule_batch(_, _, _, _, _, _),
        selector::CANCEL => cancel(_),
        #[payable] selector::EXECUTE => execute(_, _, _, _, _),
        #[payable] selector::EXECUTE_BATCH => execute_batch(_, _, _, _, _),
        #[payable] selector::EXECUTE_EMERGENCY => execute_emergency(_, _, _),
        selector::UPDATE_DELAY => update_delay(_),
        selector::UPDATE_GRACE_PERIOD => update_grace_period(_),
        selector::SET_EMERGENCY_CALL => set_emergency_call(_, _, _),
        selector::GRANT_ROLE => grant_role(_, _),
        selector::REVOKE_ROLE => revoke_role(_, _),
        selector::RENOUNCE_ROLE => renounce_role(_, _),
        selector::HASH_OPERATION => hash_operation(_, _, _, _, _),
        selector::HASH_OPERATION_BATCH => hash_operation_batch(_, _, _, _, _),
        selector::GET_OPERATION_STATE => get_operation_state(_),
        selector::GET_TIMESTAMP => get_timestamp(_),
        selector::GET_EXPIRY => get_expiry(_),
        selector::IS_OPERATION => is_operation(_),
        selector::IS_OPERATION_PENDING => is_operation_pending(_),
        selector::IS_OPERATION_READY => is_operation_ready(_),
        selector::IS_OPERATION_DONE => is_operation_done(_),
        selector::IS_OPERATION_EXPIRED => is_operation_expired(_),
        selector::GET_MIN_DELAY => get_min_delay(),
        selector::GET_PENDING_MIN_DELAY => get_pending_min_delay(),
        selector::GET_GRACE_PERIOD => get_grace_period(),
        selector::IS_EMERGENCY_CALL => is_emergency_call(_, _),
        selector::HAS_ROLE => has_role(_, _),
        selector::GET_ROLE_ADMIN => get_role_admin(_),
        selector::DEFAULT_ADMIN_ROLE => default_admin_role(),
        selector::PROPOSER_ROLE => proposer_role(),
        selector::CANCELLER_ROLE => canceller_role(),
        selector::EXECUTOR_ROLE => executor_role(),
        selector::GUARDIAN_ROLE => guardian_role(),
    }
}

/// The function selectors, computed as the SDK computes them (Solidity
/// name, or the `#[selector(name)]` override, and argument types).
mod selector {
    use alloc::vec::Vec;

    use alloy_primitives::{Address, Bytes, FixedBytes, B256, U256};
    use guard_abi::selector;

    pub const SCHEDULE: u32 = selector!("schedule", Address, U256, Bytes, B256, B256, U256);
    pub const SCHEDULE_BATCH: u32 = selector!(
        "scheduleBatch",
        Vec<Address>,
        Vec<U256>,
        Vec<Bytes>,
        B256,
        B256,
        U256
    );
    pub const CANCEL: u32 = selector!("cancel", B256);
    pub const EXECUTE: u32 = selector!("execute", Address, U256, Bytes, B256, B256);
    pub const EXECUTE_BATCH: u32 = selector!(
        "executeBatch",
        Vec<Address>,
        Vec<U256>,
        Vec<Bytes>,
        B256,
        B256
    );
    pub const EXECUTE_EMERGENCY: u32 = selector!("executeEmergency", Address, U256, Bytes);
    pub const UPDATE_DELAY: u32 = selector!("updateDelay", U256);
    pub const UPDATE_GRACE_PERIOD: u32 = selector!("updateGracePeriod", U256);
    pub const SET_EMERGENCY_CALL: u32 = selector!("setEmergencyCall", Address, FixedBytes<4>, bool);
    pub const GRANT_ROLE: u32 = selector!("grantRole", B256, Address);
    pub const REVOKE_ROLE: u32 = selector!("revokeRole", B256, Address);
    pub const RENOUNCE_ROLE: u32 = selector!("renounceRole", B256, Address);
    pub const HASH_OPERATION: u32 = selector!("hashOperation", Address, U256, Bytes, B256, B256);
    pub const HASH_OPERATION_BATCH: u32 = selector!(
        "hashOperationBatch",
        Vec<Address>,
        Vec<U256>,
        Vec<Bytes>,
        B256,
        B256
    );
    pub const GET_OPERATION_STATE: u32 = selector!("getOperationState", B256);
    pub const GET_TIMESTAMP: u32 = selector!("getTimestamp", B256);
    pub const GET_EXPIRY: u32 = selector!("getExpiry", B256);
    pub const IS_OPERATION: u32 = selector!("isOperation", B256);
    pub const IS_OPERATION_PENDING: u32 = selector!("isOperationPending", B256);
    pub const IS_OPERATION_READY: u32 = selector!("isOperationReady", B256);
    pub const IS_OPERATION_DONE: u32 = selector!("isOperationDone", B256);
    pub const IS_OPERATION_EXPIRED: u32 = selector!("isOperationExpired", B256);
    pub const GET_MIN_DELAY: u32 = selector!("getMinDelay");
    pub const GET_PENDING_MIN_DELAY: u32 = selector!("getPendingMinDelay");
    pub const GET_GRACE_PERIOD: u32 = selector!("getGracePeriod");
    pub const IS_EMERGENCY_CALL: u32 = selector!("isEmergencyCall", Address, FixedBytes<4>);
    pub const HAS_ROLE: u32 = selector!("hasRole", B256, Address);
    pub const GET_ROLE_ADMIN: u32 = selector!("getRoleAdmin", B256);
    pub const DEFAULT_ADMIN_ROLE: u32 = selector!("DEFAULT_ADMIN_ROLE");
    pub const PROPOSER_ROLE: u32 = selector!("PROPOSER_ROLE");
    pub const CANCELLER_ROLE: u32 = selector!("CANCELLER_ROLE");
    pub const EXECUTOR_ROLE: u32 = selector!("EXECUTOR_ROLE");
    pub const GUARDIAN_ROLE: u32 = selector!("GUARDIAN_ROLE");
}
