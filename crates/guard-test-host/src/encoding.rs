//! Checks of the compact error and event encoder (`guard_abi::encoding`)
//! against alloy's: each contract lists every error and event it declares,
//! filled with [`Sample`] values, and asserts the two encodings are equal
//! byte for byte.

use core::fmt::Debug;

use alloy_primitives::{Address, Bytes, FixedBytes, B256, U256};
use alloy_sol_types::{SolError, SolEvent};
use guard_abi::log::Event;
use stylus_sdk::testing::TestVM;

/// A field value for the encoding checks: distinct per `n` and with the
/// type's high bits set, so a field written in the wrong place or at the
/// wrong width shows up.
pub trait Sample {
    /// The `n`-th sample value.
    fn sample(n: u8) -> Self;
}

macro_rules! sample_uint {
    ($($ty:ty),*) => {$(
        impl Sample for $ty {
            fn sample(n: u8) -> Self {
                <$ty>::MAX - <$ty>::from(n)
            }
        }
    )*};
}
sample_uint!(u8, u16, u32, u64, u128);

impl Sample for U256 {
    fn sample(n: u8) -> Self {
        U256::MAX - U256::from(n)
    }
}

impl Sample for Address {
    fn sample(n: u8) -> Self {
        Address::repeat_byte(0xA0 ^ n)
    }
}

impl Sample for B256 {
    fn sample(n: u8) -> Self {
        B256::repeat_byte(0x50 ^ n)
    }
}

impl Sample for bool {
    fn sample(n: u8) -> Self {
        n.is_multiple_of(2)
    }
}

impl Sample for FixedBytes<4> {
    fn sample(n: u8) -> Self {
        FixedBytes([0xC0 ^ n, 0x01, 0x02, 0x03])
    }
}

impl Sample for Bytes {
    /// `n + 33` bytes: not a whole number of words, so the padding shows.
    fn sample(n: u8) -> Self {
        (0..usize::from(n) + 33)
            .map(|i| u8::try_from(i % 251).unwrap_or(0) ^ n)
            .collect()
    }
}

impl<T: Sample, const N: usize> Sample for [T; N] {
    fn sample(n: u8) -> Self {
        core::array::from_fn(|i| T::sample(n.wrapping_add(u8::try_from(i).unwrap_or(u8::MAX))))
    }
}

/// Asserts that `event`, logged by its [`Event`] implementation, has the
/// topics and data alloy's `SolEvent` encoding gives it.
///
/// # Panics
/// When the two differ.
pub fn assert_event_encoding<E: SolEvent + Event + Clone + Debug>(event: &E) {
    let vm = TestVM::new();
    event.clone().log(&vm);
    let expected = event.encode_log_data();
    assert_eq!(
        vm.get_emitted_logs(),
        vec![(expected.topics().to_vec(), expected.data.to_vec())],
        "{event:?}"
    );
}

/// Asserts that `error`, as the contract's error enum `T`, reverts with the
/// data alloy's `SolError::abi_encode` gives it.
///
/// # Panics
/// When the two differ.
pub fn assert_error_encoding<E, T>(error: &E)
where
    E: SolError + Clone + Debug,
    T: From<E>,
    Vec<u8>: From<T>,
{
    assert_eq!(
        Vec::from(T::from(error.clone())),
        error.abi_encode(),
        "{error:?}"
    );
}
