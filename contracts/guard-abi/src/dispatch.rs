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
//!   or 1; `bytesN`: zero low bytes; fixed arrays: element by element),
//!   calldata that ends before the last argument is refused, trailing bytes
//!   are ignored. Dynamic arguments (`bytes`, `T[]`, `bytes[]`) are decoded
//!   as alloy decodes them without its `strict` mode: an offset word (a
//!   `usize`: the bytes above it zero) from the start of the enclosing
//!   zone, a length word, then the contents, which must lie inside the
//!   calldata; padding is not checked; an array's elements are decoded in
//!   the zone after its length word, which must hold at least one word per
//!   element. A refusal is the SDK's revert for undecodable arguments: empty
//!   revert data. (alloy also caps the memory a decode may claim at 1 GiB,
//!   which calldata cannot reach within a block's gas; the copy here is
//!   bounded by the calldata itself.)
//! - results: `EncodableReturnType`: the ABI encoding of the return values
//!   (one word per static value; a single `bytes` or `T[]` as its offset,
//!   length and contents), or for `Err(e)` the revert data `e.into()`.
//!
//! Each contract proves its router equal to the SDK's with differential
//! tests (`tests::dispatch`).

use alloc::vec::Vec;

use alloy_primitives::{Address, Bytes, FixedBytes, U256};
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

    /// The next word as an offset into this zone, followed there: the zone
    /// after the length word it points to, and that length.
    fn indirection(&mut self) -> Option<(&'a [u8], usize)> {
        let tail = self.words.get(as_usize(self.word()?)?..)?;
        let length = as_usize(tail.get(..32)?.try_into().ok()?)?;
        Some((&tail[32..], length))
    }
}

/// An offset or length word: a `usize` in the low bytes, the rest zero.
fn as_usize(word: &[u8; 32]) -> Option<usize> {
    low_bytes::<{ core::mem::size_of::<usize>() }>(word).map(usize::from_be_bytes)
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

/// `bytesN`: left-aligned, zero low bytes.
impl<const N: usize> Decode for FixedBytes<N> {
    fn decode(calldata: &mut Calldata<'_>) -> Option<Self> {
        let (high, low) = calldata.word()?.split_at(N);
        if low.iter().any(|&b| b != 0) {
            return None;
        }
        high.try_into().ok().map(FixedBytes)
    }
}

/// `bytes`: offset, length, contents.
impl Decode for Bytes {
    fn decode(calldata: &mut Calldata<'_>) -> Option<Self> {
        let (contents, length) = calldata.indirection()?;
        Some(Bytes::copy_from_slice(contents.get(..length)?))
    }
}

/// `T[]`: offset, length, then the elements in the zone after the length
/// word (a dynamic element's offset counts from the start of that zone).
impl<T: Decode> Decode for Vec<T> {
    fn decode(calldata: &mut Calldata<'_>) -> Option<Self> {
        let (zone, length) = calldata.indirection()?;
        // Every element takes at least one word of the zone, so this also
        // bounds the allocation by the calldata.
        if length > zone.len() / 32 {
            return None;
        }
        let mut elements = Calldata::new(zone);
        let mut out = Vec::with_capacity(length);
        for _ in 0..length {
            out.push(T::decode(&mut elements)?);
        }
        Some(out)
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

/// `bytesN`: left-aligned, zero low bytes.
impl<const N: usize> Encode for FixedBytes<N> {
    fn encode_to(self, out: &mut Vec<u8>) {
        let mut word = [0; 32];
        word[..N].copy_from_slice(self.as_slice());
        out.extend_from_slice(&word);
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

/// A single `bytes` result: offset (one word), length, contents padded to
/// whole words.
impl Output for Bytes {
    fn output(self) -> ArbResult {
        let mut out = dynamic_head(self.len());
        out.extend_from_slice(&self);
        out.resize(out.len() + self.len().next_multiple_of(32) - self.len(), 0);
        Ok(out)
    }
}

/// A single `T[]` result of static elements: offset (one word), length,
/// elements.
impl<T: Encode> Output for Vec<T> {
    fn output(self) -> ArbResult {
        let mut out = dynamic_head(self.len());
        for element in self {
            element.encode_to(&mut out);
        }
        Ok(out)
    }
}

/// The offset word of a single dynamic result (`0x20`) and its length word.
fn dynamic_head(length: usize) -> Vec<u8> {
    let mut out = Vec::new();
    U256::from(32).encode_to(&mut out);
    U256::from(length).encode_to(&mut out);
    out
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
/// listed functions, with no `fallback`.
///
/// One line per function, `SELECTOR => method(_, _)` with one `_` per
/// argument; each line refuses value (`ValueDenier`, with the method's name
/// as the SDK does) unless it starts with `#[payable]`, decodes the
/// arguments in order with [`Calldata::next`], calls the method and encodes
/// its result with [`Output::output`]. The constructor line checks value and
/// the constructor slot before decoding, as the SDK does. An optional
/// `, receive = method` after the storage type routes plain value transfers
/// to `method` (which the SDK treats as payable); without it there is no
/// `receive`. An unknown selector routes to nothing (`None`).
///
/// ```ignore
/// guard_abi::router! {
///     /// The hand-written router of the WASM build.
///     pub struct Dispatcher for EmergencyTimelock, receive = receive {
///         constructor(_, _, _, _);
///         selector::CANCEL => cancel(_),
///         #[payable] selector::EXECUTE => execute(_, _, _, _, _),
///     }
/// }
/// ```
#[macro_export]
macro_rules! router {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident for $storage:ty $(, receive = $receive:ident)? {
            constructor($($carg:tt),*);
            $($(#[$payable:ident])? $selector:path => $method:ident($($arg:tt),*),)*
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
                storage: &mut $storage,
            ) -> ::core::option::Option<::core::result::Result<(), ::alloc::vec::Vec<u8>>> {
                $crate::__router_receive!(storage $(, $receive)?)
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
                #[allow(unused_imports)] // Unused when every function is payable.
                use ::stylus_sdk::stylus_core::ValueDenier as _;
                use $crate::dispatch::Output as _;
                let output = match selector {
                    $($selector => {
                        $crate::__router_deny_value!(s, $method $(, $payable)?);
                        s.$method($({ let _ = stringify!($arg); a.next()? }),*).output()
                    })*
                    _ => return Ok(None),
                };
                output.map(Some)
            }
        }
    };
}

/// [`router!`]'s `receive`: none, or the named method.
#[doc(hidden)]
#[macro_export]
macro_rules! __router_receive {
    ($storage:ident) => {{
        let _ = $storage;
        None
    }};
    ($storage:ident, $receive:ident) => {
        Some($storage.$receive())
    };
}

/// [`router!`]'s value check: refused (with the method's name) unless the
/// line is `#[payable]`.
#[doc(hidden)]
#[macro_export]
macro_rules! __router_deny_value {
    ($storage:ident, $method:ident) => {
        $storage.deny_value(stringify!($method))?
    };
    ($storage:ident, $method:ident, payable) => {};
}

#[cfg(test)]
mod tests {
    //! The codec against alloy's `abi_decode_params_validate` (what the SDK
    //! router runs) on valid encodings and on encodings with corrupted
    //! offsets, lengths, words and ends.

    use alloy_primitives::{Address, Bytes, FixedBytes, B256, U256};
    use alloy_sol_types::{sol_data, SolType};
    use guard_test_host::calldata::{change_length, corrupt, corruptions, length_change};
    use proptest::prelude::*;

    use alloc::{vec, vec::Vec};

    use super::{Calldata, Output};

    /// `scheduleBatch`'s arguments.
    type Batch = (Vec<Address>, Vec<U256>, Vec<Bytes>, B256, B256, U256);
    type BatchSol = (
        sol_data::Array<sol_data::Address>,
        sol_data::Array<sol_data::Uint<256>>,
        sol_data::Array<sol_data::Bytes>,
        sol_data::FixedBytes<32>,
        sol_data::FixedBytes<32>,
        sol_data::Uint<256>,
    );
    /// `executeWithSignatures`' arguments, and a `bytes4`.
    type Call = (Address, U256, Bytes, Bytes, FixedBytes<4>);
    type CallSol = (
        sol_data::Address,
        sol_data::Uint<256>,
        sol_data::Bytes,
        sol_data::Bytes,
        sol_data::FixedBytes<4>,
    );

    fn decode_batch(input: &[u8]) -> Option<Batch> {
        let mut a = Calldata::new(input);
        Some((
            a.next().ok()?,
            a.next().ok()?,
            a.next().ok()?,
            a.next().ok()?,
            a.next().ok()?,
            a.next().ok()?,
        ))
    }

    fn decode_call(input: &[u8]) -> Option<Call> {
        let mut a = Calldata::new(input);
        Some((
            a.next().ok()?,
            a.next().ok()?,
            a.next().ok()?,
            a.next().ok()?,
            a.next().ok()?,
        ))
    }

    fn bytes() -> impl Strategy<Value = Bytes> {
        prop::collection::vec(any::<u8>(), 0..70).prop_map(Bytes::from)
    }

    fn batch() -> impl Strategy<Value = Batch> {
        (
            prop::collection::vec(any::<[u8; 20]>().prop_map(Address::from), 0..4),
            prop::collection::vec(any::<[u8; 32]>().prop_map(U256::from_be_bytes), 0..4),
            prop::collection::vec(bytes(), 0..4),
            any::<[u8; 32]>().prop_map(B256::from),
            any::<[u8; 32]>().prop_map(B256::from),
            any::<[u8; 32]>().prop_map(U256::from_be_bytes),
        )
    }

    fn call() -> impl Strategy<Value = Call> {
        (
            any::<[u8; 20]>().prop_map(Address::from),
            any::<[u8; 32]>().prop_map(U256::from_be_bytes),
            bytes(),
            bytes(),
            any::<[u8; 4]>().prop_map(FixedBytes::from),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4_096))]

        #[test]
        fn arrays_of_words_and_bytes_decode_as_alloy_decodes_them(
            value in batch(),
            corruptions in corruptions(),
            change in length_change(),
        ) {
            let input = change_length(corrupt(BatchSol::abi_encode_params(&value), &corruptions), change);
            let alloy = BatchSol::abi_decode_params_validate(&input).ok();
            if corruptions.is_empty() && change == 0 {
                prop_assert_eq!(alloy.as_ref(), Some(&value));
            }
            prop_assert_eq!(decode_batch(&input), alloy);
        }

        #[test]
        fn bytes_and_short_fixed_bytes_decode_as_alloy_decodes_them(
            value in call(),
            corruptions in corruptions(),
            change in length_change(),
        ) {
            let input = change_length(corrupt(CallSol::abi_encode_params(&value), &corruptions), change);
            let alloy = CallSol::abi_decode_params_validate(&input).ok();
            if corruptions.is_empty() && change == 0 {
                prop_assert_eq!(alloy.as_ref(), Some(&value));
            }
            prop_assert_eq!(decode_call(&input), alloy);
        }

        #[test]
        fn a_single_bytes_result_encodes_as_alloy_encodes_it(value in bytes()) {
            let expected = <(sol_data::Bytes,)>::abi_encode_params(&(value.clone(),));
            prop_assert_eq!(value.output(), Ok(expected));
        }

        #[test]
        fn a_single_address_array_result_encodes_as_alloy_encodes_it(
            value in prop::collection::vec(any::<[u8; 20]>().prop_map(Address::from), 0..5),
        ) {
            let expected = <(sol_data::Array<sol_data::Address>,)>::abi_encode_params(
                &(value.clone(),),
            );
            prop_assert_eq!(value.output(), Ok(expected));
        }
    }

    #[test]
    fn an_offset_beyond_usize_is_refused_as_alloy_refuses_it() {
        // `bytes` at offset 2^64 + 0x20: the low bytes alone would point at
        // valid contents.
        let mut input = <(sol_data::Bytes,)>::abi_encode_params(&(Bytes::from(vec![1, 2]),));
        input[23] = 1;
        assert!(<(sol_data::Bytes,)>::abi_decode_params_validate(&input).is_err());
        assert!(Calldata::new(&input).next::<Bytes>().is_err());
    }
}
