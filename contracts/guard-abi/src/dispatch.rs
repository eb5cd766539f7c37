//! Calldata decoding and return-data encoding for the contracts' hand-written
//! WASM routers (feature `stylus`).
//!
//! The router `#[public]` generates inlines one alloy decoder and encoder per
//! function; a contract's `dispatch` module instead routes each selector to a
//! line that decodes its arguments with [`Calldata::next`] and encodes the
//! result with [`Output::output`], shared by every function. Both follow what
//! the SDK does for the static types the contracts use:
//!
//! - arguments: `abi_decode_params_validate`: each argument word must be a
//!   valid value of its type (`uintN`/`address`: zero high bytes; `bool`: 0
//!   or 1; fixed arrays: element by element), calldata that ends before the
//!   last argument is refused, trailing bytes are ignored. A refusal is the
//!   SDK's revert for undecodable arguments: empty revert data.
//! - results: `EncodableReturnType`: the ABI encoding of the return values
//!   (one word per static value), or for `Err(e)` the revert data `e.into()`.
//!
//! Each contract proves its router equal to the SDK's with differential
//! tests (`tests::dispatch`).

use alloc::vec::Vec;

use alloy_primitives::{Address, B256, U256};
use stylus_sdk::ArbResult;

/// A function's arguments (the calldata after the selector), read in order.
pub struct Calldata<'a> {
    words: &'a [u8],
    next: usize,
}

impl<'a> Calldata<'a> {
    /// The arguments in `input` (the calldata without its selector).
    #[must_use]
    pub fn new(input: &'a [u8]) -> Self {
        Self {
            words: input,
            next: 0,
        }
    }

    /// The next argument, as a `T`.
    ///
    /// # Errors
    /// Empty revert data (the SDK's answer to undecodable arguments) if the
    /// calldata ends before it or it is not a valid `T`.
    #[allow(clippy::should_implement_trait)] // Fallible and typed: not an iterator.
    pub fn next<T: Decode>(&mut self) -> Result<T, Vec<u8>> {
        T::decode(self).ok_or_else(Vec::new)
    }

    /// The next 32-byte word.
    fn word(&mut self) -> Option<&'a [u8; 32]> {
        let word = self.words.get(self.next..self.next + 32)?.try_into().ok()?;
        self.next += 32;
        Some(word)
    }
}

/// A static ABI type read from calldata, with alloy's validation.
pub trait Decode: Sized {
    /// The value at the calldata's cursor, `None` unless it is present and
    /// valid.
    fn decode(calldata: &mut Calldata<'_>) -> Option<Self>;
}

/// The last `N` bytes of `word` if the bytes before them are all zero.
fn low_bytes<const N: usize>(word: &[u8; 32]) -> Option<[u8; N]> {
    let (high, low) = word.split_at(32 - N);
    if high.iter().any(|&b| b != 0) {
        return None;
    }
    low.try_into().ok()
}

/// `uintN`: big-endian in the low bytes, zero high bytes.
macro_rules! uint_codec {
    ($($ty:ty),*) => {$(
        impl Decode for $ty {
            fn decode(calldata: &mut Calldata<'_>) -> Option<Self> {
                low_bytes(calldata.word()?).map(<$ty>::from_be_bytes)
            }
        }

        impl Encode for $ty {
            fn encode_to(self, out: &mut Vec<u8>) {
                out.extend_from_slice(&U256::from(self).to_be_bytes::<32>());
            }
        }
    )*};
}
uint_codec!(u8, u16, u32, u64);

impl Decode for U256 {
    fn decode(calldata: &mut Calldata<'_>) -> Option<Self> {
        Some(U256::from_be_bytes(*calldata.word()?))
    }
}

impl Decode for Address {
    fn decode(calldata: &mut Calldata<'_>) -> Option<Self> {
        low_bytes::<20>(calldata.word()?).map(Address::from)
    }
}

impl Decode for B256 {
    fn decode(calldata: &mut Calldata<'_>) -> Option<Self> {
        Some(B256::from(*calldata.word()?))
    }
}

impl Decode for bool {
    fn decode(calldata: &mut Calldata<'_>) -> Option<Self> {
        match low_bytes::<1>(calldata.word()?)? {
            [0] => Some(false),
            [1] => Some(true),
            _ => None,
        }
    }
}

impl<T: Decode + Copy + Default, const N: usize> Decode for [T; N] {
    fn decode(calldata: &mut Calldata<'_>) -> Option<Self> {
        let mut out = [T::default(); N];
        for element in &mut out {
            *element = T::decode(calldata)?;
        }
        Some(out)
    }
}

/// A static ABI value appended to return data.
pub trait Encode {
    /// Appends the value's encoding (one word per static value).
    fn encode_to(self, out: &mut Vec<u8>);
}

impl Encode for U256 {
    fn encode_to(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_be_bytes::<32>());
    }
}

impl Encode for B256 {
    fn encode_to(self, out: &mut Vec<u8>) {
        out.extend_from_slice(self.as_slice());
    }
}

impl Encode for Address {
    fn encode_to(self, out: &mut Vec<u8>) {
        out.extend_from_slice(self.into_word().as_slice());
    }
}

impl Encode for bool {
    fn encode_to(self, out: &mut Vec<u8>) {
        u8::from(self).encode_to(out);
    }
}

impl<T: Encode, const N: usize> Encode for [T; N] {
    fn encode_to(self, out: &mut Vec<u8>) {
        for element in self {
            element.encode_to(out);
        }
    }
}

/// Tuples: their elements in order (all static).
macro_rules! tuple_encode {
    ($(($($name:ident),+))*) => {$(
        impl<$($name: Encode),+> Encode for ($($name,)+) {
            #[allow(non_snake_case)]
            fn encode_to(self, out: &mut Vec<u8>) {
                let ($($name,)+) = self;
                $($name.encode_to(out);)+
            }
        }
    )*};
}
tuple_encode! {
    (A, B)
    (A, B, C)
    (A, B, C, D)
    (A, B, C, D, E)
    (A, B, C, D, E, F, G)
    (A, B, C, D, E, F, G, H, I, J, K, L)
}

/// A function's result as the router returns it: the ABI-encoded return
/// values, or the revert data.
pub trait Output {
    /// The return data (`Ok`) or revert data (`Err`).
    ///
    /// # Errors
    /// The function's own error, as revert data.
    fn output(self) -> ArbResult;
}

impl<T: Encode> Output for T {
    fn output(self) -> ArbResult {
        let mut out = Vec::new();
        self.encode_to(&mut out);
        Ok(out)
    }
}

impl Encode for () {
    fn encode_to(self, _out: &mut Vec<u8>) {}
}

impl<T: Output, E: Into<Vec<u8>>> Output for Result<T, E> {
    fn output(self) -> ArbResult {
        self.map_err(Into::into)?.output()
    }
}

/// A function's selector as the `u32` a router matches on, computed as the
/// SDK computes it (`function_selector!`: the Solidity name and argument
/// types).
///
/// ```ignore
/// pub const PAUSE: u32 = guard_abi::selector!("pause", B256, u16, u64, B256);
/// ```
#[macro_export]
macro_rules! selector {
    ($name:literal $(, $ty:ty)*) => {
        u32::from_be_bytes(::stylus_sdk::function_selector!($name $(, $ty)*))
    };
}

/// Defines a contract's hand-written router: a unit struct implementing
/// stylus-sdk's `Router` that answers as the `#[public]` router does for the
/// listed functions (every one non-payable), with no `receive` or `fallback`.
///
/// One line per function, `SELECTOR => method(_, _)` with one `_` per
/// argument; each line refuses value (`ValueDenier`, with the method's name
/// as the SDK does), decodes the arguments in order with [`Calldata::next`],
/// calls the method and encodes its result with [`Output::output`]. The
/// constructor line checks value and the constructor slot before decoding,
/// as the SDK does. An unknown selector routes to nothing (`None`).
///
/// ```ignore
/// guard_abi::router! {
///     /// The hand-written router of the WASM build.
///     pub struct Dispatcher for PauseRegistry {
///         constructor(_, _, _);
///         selector::CHECK_SETTLEMENT => check_settlement(_, _),
///         selector::ADMIN => admin(),
///     }
/// }
/// ```
#[macro_export]
macro_rules! router {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident for $storage:ty {
            constructor($($carg:tt),*);
            $($selector:path => $method:ident($($arg:tt),*),)*
        }
    ) => {
        $(#[$meta])*
        $vis struct $name;

        impl ::stylus_sdk::abi::Router<$storage> for $name {
            type Storage = $storage;

            fn route(
                storage: &mut $storage,
                selector: u32,
                input: &[u8],
            ) -> ::core::option::Option<::stylus_sdk::ArbResult> {
                match Self::call(storage, selector, $crate::dispatch::Calldata::new(input)) {
                    Ok(Some(output)) => Some(Ok(output)),
                    Ok(None) => None,
                    Err(revert) => Some(Err(revert)),
                }
            }

            fn receive(
                _storage: &mut $storage,
            ) -> ::core::option::Option<::core::result::Result<(), ::alloc::vec::Vec<u8>>> {
                None
            }

            fn fallback(
                _storage: &mut $storage,
                _calldata: &[u8],
            ) -> ::core::option::Option<::stylus_sdk::ArbResult> {
                None
            }

            fn constructor(
                storage: &mut $storage,
                calldata: &[u8],
            ) -> ::core::option::Option<::stylus_sdk::ArbResult> {
                Some(Self::construct(storage, $crate::dispatch::Calldata::new(calldata)))
            }
        }

        impl $name {
            /// The constructor, in the SDK's order: value check, constructor
            /// slot (checked and set), arguments, call.
            fn construct(
                s: &mut $storage,
                mut a: $crate::dispatch::Calldata<'_>,
            ) -> ::stylus_sdk::ArbResult {
                use ::stylus_sdk::stylus_core::{ConstructorGuard as _, ValueDenier as _};
                use $crate::dispatch::Output as _;
                s.deny_value("constructor")?;
                s.check_constructor_slot()?;
                s.constructor($({ let _ = stringify!($carg); a.next()? }),*).output()
            }

            /// Runs the function `selector` names: `Ok(None)` when it names none.
            fn call(
                s: &mut $storage,
                selector: u32,
                mut a: $crate::dispatch::Calldata<'_>,
            ) -> ::core::result::Result<
                ::core::option::Option<::alloc::vec::Vec<u8>>,
                ::alloc::vec::Vec<u8>,
            > {
                use ::stylus_sdk::stylus_core::ValueDenier as _;
                use $crate::dispatch::Output as _;
                let output = match selector {
                    $($selector => {
                        s.deny_value(stringify!($method))?;
                        s.$method($({ let _ = stringify!($arg); a.next()? }),*).output()
                    })*
                    _ => return Ok(None),
                };
                output.map(Some)
            }
        }
    };
}
