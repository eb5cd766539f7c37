//! The WASM build's calldata router.
//!
//! [`Dispatcher`] routes exactly as the `Router` that `#[public]` generates
//! for [`GuardianMultisig`] (which stays the router of the unit tests and
//! the source of the exported ABI): the same selectors, the same checks in
//! the same order (value refused by every function, all non-payable; the
//! constructor checks value and its slot before decoding; `receive` takes
//! value), the same argument validation (the dynamic `bytes` and
//! `address[]` arguments included), return data and revert data. Only the
//! code differs: the SDK inlines an alloy decoder and encoder per function,
//! this routes every function through the shared codec of
//! [`guard_abi::dispatch`], which is what keeps the contract small.
//!
//! `tests::dispatch` proves the equivalence by running both routers on the
//! same calldata, generated from the committed `abi/json` ABI
//! (`IGuardianMultisig.json`): every function, with valid, dirty, short and
//! over-long arguments, valid and corrupted dynamic arguments, with and
//! without value, from owners, strangers and the multisig itself.

use crate::GuardianMultisig;

guard_abi::router! {
    /// The hand-written router of the WASM build (see the module docs).
    pub struct Dispatcher for GuardianMultisig, receive = receive {
        constructor(_, _, _, _);
        selector::EXECUTE_WITH_SIGNATURES => execute_with_signatures(_, _, _, _),
        selector::PROPOSE => propose(_, _, _),
        selector::CONFIRM => confirm(_),
        selector::REVOKE => revoke(_),
        selector::EXECUTE => execute(_),
        selector::ADD_OWNER => add_owner(_, _),
        selector::REMOVE_OWNER => remove_owner(_, _),
        selector::CHANGE_THRESHOLD => change_threshold(_),
        selector::CHANGE_EMERGENCY_THRESHOLD => change_emergency_threshold(_),
        selector::SET_EMERGENCY_CALL => set_emergency_call(_, _, _),
        selector::SET_PROPOSAL_LIFETIME => set_proposal_lifetime(_),
        selector::NONCE => nonce(),
        selector::GET_OWNERS => get_owners(),
        selector::IS_OWNER => is_owner(_),
        selector::THRESHOLD => threshold(),
        selector::EMERGENCY_THRESHOLD => emergency_threshold(),
        selector::IS_EMERGENCY_CALL => is_emergency_call(_, _),
        selector::PROPOSAL_LIFETIME => proposal_lifetime(),
        selector::GET_PROPOSAL => get_proposal(_),
        selector::GET_TRANSACTION_HASH => get_transaction_hash(_, _, _, _),
    }
}

/// The function selectors, computed as the SDK computes them (Solidity
/// name and argument types).
mod selector {
    use alloy_primitives::{Address, Bytes, FixedBytes, U256};
    use guard_abi::selector;

    pub const EXECUTE_WITH_SIGNATURES: u32 =
        selector!("executeWithSignatures", Address, U256, Bytes, Bytes);
    pub const PROPOSE: u32 = selector!("propose", Address, U256, Bytes);
    pub const CONFIRM: u32 = selector!("confirm", U256);
    pub const REVOKE: u32 = selector!("revoke", U256);
    pub const EXECUTE: u32 = selector!("execute", U256);
    pub const ADD_OWNER: u32 = selector!("addOwner", Address, U256);
    pub const REMOVE_OWNER: u32 = selector!("removeOwner", Address, U256);
    pub const CHANGE_THRESHOLD: u32 = selector!("changeThreshold", U256);
    pub const CHANGE_EMERGENCY_THRESHOLD: u32 = selector!("changeEmergencyThreshold", U256);
    pub const SET_EMERGENCY_CALL: u32 = selector!("setEmergencyCall", Address, FixedBytes<4>, bool);
    pub const SET_PROPOSAL_LIFETIME: u32 = selector!("setProposalLifetime", U256);
    pub const NONCE: u32 = selector!("nonce");
    pub const GET_OWNERS: u32 = selector!("getOwners");
    pub const IS_OWNER: u32 = selector!("isOwner", Address);
    pub const THRESHOLD: u32 = selector!("threshold");
    pub const EMERGENCY_THRESHOLD: u32 = selector!("emergencyThreshold");
    pub const IS_EMERGENCY_CALL: u32 = selector!("isEmergencyCall", Address, FixedBytes<4>);
    pub const PROPOSAL_LIFETIME: u32 = selector!("proposalLifetime");
    pub const GET_PROPOSAL: u32 = selector!("getProposal", U256);
    pub const GET_TRANSACTION_HASH: u32 =
        selector!("getTransactionHash", Address, U256, Bytes, U256);
}
