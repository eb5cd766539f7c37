//! The WASM build's calldata router.
//!
//! [`Dispatcher`] routes exactly as the `Router` that `#[public]` generates
//! for [`PauseRegistry`] (which stays the router of the unit tests and the
//! source of the exported ABI): the same selectors, the same checks in the
//! same order (value refused: every function is non-payable; arguments
//! decoded with alloy's validation: each argument word must hold a valid
//! value of its type, calldata too short reverts, trailing bytes are
//! ignored; the constructor marks its slot first), the same return data and
//! the same revert data. Only the code differs: the SDK inlines one alloy
//! decoder and encoder per function, this uses one word decoder and one
//! word encoder for all of them, which is what keeps the contract within its
//! 16 KiB size target.
//!
//! `tests::dispatch` proves the equivalence by running both routers on the
//! same calldata, generated from the committed `abi/json` ABI: every
//! function, with valid, dirty, short and over-long arguments, with and
//! without value, from every role.

use alloc::vec::Vec;

use alloy_primitives::{Address, B256, U256};
use stylus_sdk::{
    abi::Router,
    stylus_core::{ConstructorGuard, ValueDenier},
    ArbResult,
};

use crate::{PauseRegistry, SettlementGuard};

/// The hand-written router of the WASM build (see the module docs).
pub struct Dispatcher;

impl Router<PauseRegistry> for Dispatcher {
    type Storage = PauseRegistry;

    fn route(storage: &mut PauseRegistry, selector: u32, input: &[u8]) -> Option<ArbResult> {
        match call(storage, selector, Calldata(input)) {
            Ok(Some(output)) => Some(Ok(output)),
            Ok(None) => None,
            Err(revert) => Some(Err(revert)),
        }
    }

    fn receive(_storage: &mut PauseRegistry) -> Option<Result<(), Vec<u8>>> {
        None
    }

    fn fallback(_storage: &mut PauseRegistry, _calldata: &[u8]) -> Option<ArbResult> {
        None
    }

    fn constructor(storage: &mut PauseRegistry, calldata: &[u8]) -> Option<ArbResult> {
        Some(construct(storage, Calldata(calldata)))
    }
}

/// `constructor(address,address,address)`, in the SDK's order: value check,
/// constructor slot (checked and set), arguments, call.
fn construct(s: &mut PauseRegistry, a: Calldata<'_>) -> ArbResult {
    s.deny_value("constructor")?;
    s.check_constructor_slot()?;
    s.constructor(a.arg(0)?, a.arg(1)?, a.arg(2)?).output()
}

/// Runs the function `selector` names: `Ok(None)` when it names none.
fn call(s: &mut PauseRegistry, selector: u32, a: Calldata<'_>) -> Result<Option<Vec<u8>>, Vec<u8>> {
    /// One arm per function, `SELECTOR => method(argument indices)`: as the
    /// SDK's generated arm, it refuses value, decodes the arguments, calls
    /// and encodes the result.
    macro_rules! routes {
        ($($selector:path => $method:ident($($index:literal),*),)*) => {
            match selector {
                $($selector => {
                    s.deny_value(stringify!($method))?;
                    s.$method($(a.arg($index)?),*).output()
                })*
                _ => return Ok(None),
            }
        };
    }
    let output = routes! {
        selector::CHECK_SETTLEMENT => check_settlement(0, 1),
        selector::REQUIRE_SETTLEMENT => require_settlement(0, 1),
        selector::SETTLEMENT_PRICE => settlement_price(0, 1),
        selector::INCIDENT_WINDOW => incident_window(0),
        selector::MARGIN_MULTIPLIER => margin_multiplier(0),
        selector::PAUSE => pause(0, 1, 2, 3),
        selector::UNPAUSE => unpause(0, 1),
        selector::PAUSE_STATE => pause_state(0),
        selector::REGISTER_MARKET => register_market(0, 1, 2),
        selector::SET_MARKET_CONFIG => set_market_config(0, 1, 2),
        selector::ROLLBACK_CONFIG => rollback_config(0),
        selector::MARKET_CONFIG => market_config(0),
        selector::DECLARE_INCIDENT => declare_incident(0, 1),
        selector::CLOSE_INCIDENT => close_incident(0),
        selector::SET_INCIDENT_LOOKBACK => set_incident_lookback(0),
        selector::INCIDENT_LOOKBACK => incident_lookback(),
        selector::SET_SENTINEL => set_sentinel(0, 1),
        selector::REMOVE_SENTINEL => remove_sentinel(0),
        selector::SET_SENTINEL_POLICY => set_sentinel_policy(0, 1, 2),
        selector::SENTINEL => sentinel(0),
        selector::SENTINEL_POLICY => sentinel_policy(),
        selector::SET_ORACLE => set_oracle(0),
        selector::SET_GUARDIAN => set_guardian(0),
        selector::TRANSFER_ADMIN => transfer_admin(0),
        selector::ACCEPT_ADMIN => accept_admin(),
        selector::ADMIN => admin(),
        selector::PENDING_ADMIN => pending_admin(),
        selector::GUARDIAN => guardian(),
        selector::ORACLE => oracle(),
    };
    output.map(Some)
}

/// The function selectors, computed as the SDK computes them (Solidity
/// name and argument types).
mod selector {
    use alloy_primitives::{Address, B256};
    use stylus_sdk::function_selector;

    /// `function_selector!` as the `u32` the router matches on.
    macro_rules! selector {
        ($name:literal $(, $ty:ty)*) => {
            u32::from_be_bytes(function_selector!($name $(, $ty)*))
        };
    }

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

/// A function's arguments (the calldata after the selector): static types
/// only, one 32-byte word each.
#[derive(Clone, Copy)]
struct Calldata<'a>(&'a [u8]);

impl Calldata<'_> {
    /// Argument `index` as a `T`, or the SDK's revert for undecodable
    /// arguments (empty data) when the calldata ends before it or its word is
    /// not a valid `T` (alloy's `abi_decode_params_validate`).
    fn arg<T: FromWord>(self, index: usize) -> Result<T, Vec<u8>> {
        self.0
            .get(index * 32..index * 32 + 32)
            .and_then(|word| T::from_word(word.try_into().ok()?))
            .ok_or_else(Vec::new)
    }
}

/// A static ABI type decoded from its word, with alloy's validation.
trait FromWord: Sized {
    /// `None` unless `word` is a valid encoding (clean padding).
    fn from_word(word: &[u8; 32]) -> Option<Self>;
}

/// The last `N` bytes of `word` if the bytes before them are all zero.
fn low_bytes<const N: usize>(word: &[u8; 32]) -> Option<[u8; N]> {
    let (high, low) = word.split_at(32 - N);
    if high.iter().any(|&b| b != 0) {
        return None;
    }
    low.try_into().ok()
}

/// `uintN` types: the high bytes must be zero.
macro_rules! from_word_uint {
    ($($ty:ty),*) => {$(
        impl FromWord for $ty {
            fn from_word(word: &[u8; 32]) -> Option<Self> {
                low_bytes(word).map(<$ty>::from_be_bytes)
            }
        }
    )*};
}
from_word_uint!(u8, u16, u32, u64);

impl FromWord for Address {
    fn from_word(word: &[u8; 32]) -> Option<Self> {
        low_bytes::<20>(word).map(Address::from)
    }
}

impl FromWord for B256 {
    fn from_word(word: &[u8; 32]) -> Option<Self> {
        Some(B256::from(*word))
    }
}

/// A static ABI value encoded as its word.
trait ToWord {
    fn to_word(self) -> [u8; 32];
}

/// `uintN` types: big-endian, left-padded with zeros.
macro_rules! to_word_uint {
    ($($ty:ty),*) => {$(
        impl ToWord for $ty {
            fn to_word(self) -> [u8; 32] {
                U256::from(self).to_be_bytes()
            }
        }
    )*};
}
to_word_uint!(u8, u16, u32, u64);

impl ToWord for U256 {
    fn to_word(self) -> [u8; 32] {
        self.to_be_bytes()
    }
}

impl ToWord for bool {
    fn to_word(self) -> [u8; 32] {
        u8::from(self).to_word()
    }
}

impl ToWord for Address {
    fn to_word(self) -> [u8; 32] {
        self.into_word().0
    }
}

/// A function's result as the router returns it: the ABI-encoded return
/// values, or the revert data (`EncodableReturnType` of the SDK).
trait Output {
    fn output(self) -> ArbResult;
}

/// `words` concatenated: the encoding of a tuple of static values.
fn concat<const N: usize>(words: [[u8; 32]; N]) -> Vec<u8> {
    words.concat()
}

impl Output for () {
    fn output(self) -> ArbResult {
        Ok(Vec::new())
    }
}

/// Single static values.
macro_rules! output_word {
    ($($ty:ty),*) => {$(
        impl Output for $ty {
            fn output(self) -> ArbResult {
                Ok(concat([self.to_word()]))
            }
        }
    )*};
}
output_word!(u16, u64, Address);

impl<A: ToWord, B: ToWord> Output for (A, B) {
    fn output(self) -> ArbResult {
        Ok(concat([self.0.to_word(), self.1.to_word()]))
    }
}

impl<A: ToWord, B: ToWord, C: ToWord> Output for (A, B, C) {
    fn output(self) -> ArbResult {
        Ok(concat([
            self.0.to_word(),
            self.1.to_word(),
            self.2.to_word(),
        ]))
    }
}

impl<A: ToWord, B: ToWord, C: ToWord, D: ToWord> Output for (A, B, C, D) {
    fn output(self) -> ArbResult {
        Ok(concat([
            self.0.to_word(),
            self.1.to_word(),
            self.2.to_word(),
            self.3.to_word(),
        ]))
    }
}

impl<T: Output, E: Into<Vec<u8>>> Output for Result<T, E> {
    fn output(self) -> ArbResult {
        self.map_err(Into::into)?.output()
    }
}
