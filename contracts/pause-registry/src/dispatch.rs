//! The WASM build's calldata router.
//!
//! [`Dispatcher`] routes exactly as the `Router` that `#[public]` generates
//! for [`PauseRegistry`] (which stays the router of the unit tests and the
//! source of the exported ABI): the same selectors, the same checks in the
//! same order (value refused: every function is non-payable; the constructor
//! checks and sets its slot before decoding), the same argument validation,
//! return data and revert data. Only the code differs: the SDK inlines an
//! alloy decoder and encoder per function, this routes every function
//! through the shared codec of [`guard_abi::dispatch`], which is what keeps
//! the contract within its 16 KiB size target.
//!
//! `tests::dispatch` proves the equivalence by running both routers on the
//! same calldata, generated from the committed `abi/json` ABI: every
//! function, with valid, dirty, short and over-long arguments, with and
//! without value, from every role.

use crate::{PauseRegistry, SettlementGuard};

guard_abi::router! {
    /// The hand-written router of the WASM build (see the module docs).
    pub struct Dispatcher for PauseRegistry {
        constructor(_, _, _);
        selector::CHECK_SETTLEMENT => check_settlement(_, _),
        selector::REQUIRE_SETTLEMENT => require_settlement(_, _),
        selector::SETTLEMENT_PRICE => settlement_price(_, _),
        selector::INCIDENT_WINDOW => incident_window(_),
        selector::MARGIN_MULTIPLIER => margin_multiplier(_),
        selector::PAUSE => pause(_, _, _, _),
        selector::UNPAUSE => unpause(_, _),
        selector::PAUSE_STATE => pause_state(_),
        selector::REGISTER_MARKET => register_market(_, _, _),
        selector::SET_MARKET_CONFIG => set_market_config(_, _, _),
        selector::ROLLBACK_CONFIG => rollback_config(_),
        selector::MARKET_CONFIG => market_config(_),
        selector::DECLARE_INCIDENT => declare_incident(_, _),
        selector::CLOSE_INCIDENT => close_incident(_),
        selector::SET_INCIDENT_LOOKBACK => set_incident_lookback(_),
        selector::INCIDENT_LOOKBACK => incident_lookback(),
        selector::SET_SENTINEL => set_sentinel(_, _),
        selector::REMOVE_SENTINEL => remove_sentinel(_),
        selector::SET_SENTINEL_POLICY => set_sentinel_policy(_, _, _),
        selector::SENTINEL => sentinel(_),
        selector::SENTINEL_POLICY => sentinel_policy(),
        selector::SET_ORACLE => set_oracle(_),
        selector::SET_GUARDIAN => set_guardian(_),
        selector::TRANSFER_ADMIN => transfer_admin(_),
        selector::ACCEPT_ADMIN => accept_admin(),
        selector::ADMIN => admin(),
        selector::PENDING_ADMIN => pending_admin(),
        selector::GUARDIAN => guardian(),
        selector::ORACLE => oracle(),
    }
}

/// The function selectors, computed as the SDK computes them (Solidity
/// name and argument types).
mod selector {
    use alloy_primitives::{Address, B256};
    use guard_abi::selector;

    pub const CHECK_SETTLEMENT: u32 = selector!("checkSettlement", B256, u8);
    pub const REQUIRE_SETTLEMENT: u32 = selector!("requireSettlement", B256, u8);
    pub const SETTLEMENT_PRICE: u32 = selector!("settlementPrice", B256, u8);
    pub const INCIDENT_WINDOW: u32 = selector!("incidentWindow", B256);
    pub const MARGIN_MULTIPLIER: u32 = selector!("marginMultiplier", B256);
    pub const PAUSE: u32 = selector!("pause", B256, u16, u64, B256);
    pub const UNPAUSE: u32 = selector!("unpause", B256, u16);
    pub const PAUSE_STATE: u32 = selector!("pauseState", B256);
    pub const REGISTER_MARKET: u32 = selector!("registerMarket", B256, u16, u32);
    pub const SET_MARKET_CONFIG: u32 = selector!("setMarketConfig", B256, u16, u32);
    pub const ROLLBACK_CONFIG: u32 = selector!("rollbackConfig", B256);
    pub const MARKET_CONFIG: u32 = selector!("marketConfig", B256);
    pub const DECLARE_INCIDENT: u32 = selector!("declareIncident", B256, u64);
    pub const CLOSE_INCIDENT: u32 = selector!("closeIncident", B256);
    pub const SET_INCIDENT_LOOKBACK: u32 = selector!("setIncidentLookback", u64);
    pub const INCIDENT_LOOKBACK: u32 = selector!("incidentLookback");
    pub const SET_SENTINEL: u32 = selector!("setSentinel", Address, u64);
    pub const REMOVE_SENTINEL: u32 = selector!("removeSentinel", Address);
    pub const SET_SENTINEL_POLICY: u32 = selector!("setSentinelPolicy", u16, u64, u64);
    pub const SENTINEL: u32 = selector!("sentinel", Address);
    pub const SENTINEL_POLICY: u32 = selector!("sentinelPolicy");
    pub const SET_ORACLE: u32 = selector!("setOracle", Address);
    pub const SET_GUARDIAN: u32 = selector!("setGuardian", Address);
    pub const TRANSFER_ADMIN: u32 = selector!("transferAdmin", Address);
    pub const ACCEPT_ADMIN: u32 = selector!("acceptAdmin");
    pub const ADMIN: u32 = selector!("admin");
    pub const PENDING_ADMIN: u32 = selector!("pendingAdmin");
    pub const GUARDIAN: u32 = selector!("guardian");
    pub const ORACLE: u32 = selector!("oracle");
}
