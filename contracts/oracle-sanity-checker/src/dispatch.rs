//! The WASM build's calldata router.
//!
//! [`Dispatcher`] routes exactly as the `Router` that `#[public]` generates
//! for [`OracleSanityChecker`] (which stays the router of the unit tests and the
//! source of the exported ABI): the same selectors, the same checks in the
//! same order (value refused: every function is non-payable; the constructor
//! checks and sets its slot before decoding), the same argument validation,
//! return data and revert data. Only the code differs: the SDK inlines an
//! alloy decoder and encoder per function, this routes every function
//! through the shared codec of [`guard_abi::dispatch`], which takes several
//! KB off the deployed contract.
//!
//! `tests::dispatch` proves the equivalence by running both routers on the
//! same calldata, generated from the committed `abi/json` ABI (`IOracleSanityChecker.json`): every
//! function, with valid, dirty, short and over-long arguments, with and
//! without value, from every role.

use crate::{OracleGate, OracleSanityChecker};

guard_abi::router! {
    /// The hand-written router of the WASM build (see the module docs).
    pub struct Dispatcher for OracleSanityChecker {
        constructor(_, _, _);
        selector::CHECK_PRICE => check_price(_),
        selector::CHECK_SEQUENCER => check_sequencer(),
        selector::CHECK_MARKET => check_market(_),
        selector::MARGIN_MULTIPLIER => margin_multiplier(_),
        selector::CONFIGURE_MARKET => configure_market(_, _, _, _, _, _, _, _, _, _, _, _, _),
        selector::CONFIGURE_TVL_TIERS => configure_tvl_tiers(_, _, _, _, _),
        selector::ROLLBACK_CONFIG => rollback_config(_),
        selector::SET_SEQUENCER_FEED => set_sequencer_feed(_, _),
        selector::RECORD => record(_),
        selector::TRIP_BREAKER => trip_breaker(_),
        selector::RESET_BREAKER => reset_breaker(_),
        selector::MARKET_CONFIG => market_config(_),
        selector::TVL_TIERS => tvl_tiers(_),
        selector::HAS_PREVIOUS_CONFIG => has_previous_config(_),
        selector::MARKET_STATE => market_state(_),
        selector::BAND => band(_),
        selector::SEQUENCER_CONFIG => sequencer_config(),
        selector::SET_GUARDIAN => set_guardian(_),
        selector::TRANSFER_ADMIN => transfer_admin(_),
        selector::ACCEPT_ADMIN => accept_admin(),
        selector::ADMIN => admin(),
        selector::PENDING_ADMIN => pending_admin(),
        selector::GUARDIAN => guardian(),
    }
}

/// The function selectors, computed as the SDK computes them (Solidity
/// name and argument types).
mod selector {
    use alloy_primitives::{Address, B256, U256};
    use guard_abi::selector;

    pub const CHECK_PRICE: u32 = selector!("checkPrice", B256);
    pub const CHECK_SEQUENCER: u32 = selector!("checkSequencer");
    pub const CHECK_MARKET: u32 = selector!("checkMarket", B256);
    pub const MARGIN_MULTIPLIER: u32 = selector!("marginMultiplier", B256);
    pub const CONFIGURE_MARKET: u32 = selector!(
        "configureMarket",
        B256,
        Address,
        Address,
        u32,
        u32,
        U256,
        U256,
        u16,
        u16,
        u16,
        u16,
        u16,
        u16
    );
    pub const CONFIGURE_TVL_TIERS: u32 =
        selector!("configureTvlTiers", B256, Address, u8, [u64; 3], [u16; 3]);
    pub const ROLLBACK_CONFIG: u32 = selector!("rollbackConfig", B256);
    pub const SET_SEQUENCER_FEED: u32 = selector!("setSequencerFeed", Address, u32);
    pub const RECORD: u32 = selector!("record", B256);
    pub const TRIP_BREAKER: u32 = selector!("tripBreaker", B256);
    pub const RESET_BREAKER: u32 = selector!("resetBreaker", B256);
    pub const MARKET_CONFIG: u32 = selector!("marketConfig", B256);
    pub const TVL_TIERS: u32 = selector!("tvlTiers", B256);
    pub const HAS_PREVIOUS_CONFIG: u32 = selector!("hasPreviousConfig", B256);
    pub const MARKET_STATE: u32 = selector!("marketState", B256);
    pub const BAND: u32 = selector!("band", B256);
    pub const SEQUENCER_CONFIG: u32 = selector!("sequencerConfig");
    pub const SET_GUARDIAN: u32 = selector!("setGuardian", Address);
    pub const TRANSFER_ADMIN: u32 = selector!("transferAdmin", Address);
    pub const ACCEPT_ADMIN: u32 = selector!("acceptAdmin");
    pub const ADMIN: u32 = selector!("admin");
    pub const PENDING_ADMIN: u32 = selector!("pendingAdmin");
    pub const GUARDIAN: u32 = selector!("guardian");
}
