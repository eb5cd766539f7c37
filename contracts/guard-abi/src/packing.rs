//! Fields of hand-packed 32-byte storage words.
//!
//! The contracts lay out their hot records as single words (one storage load
//! each) and read and write fields at fixed byte offsets with these helpers.
//! Offsets are constants at every call site, so the bounds checks fold away
//! once the private byte-range helpers `bytes_at` and `put` are inlined;
//! they are `#[inline(always)]` so that they are (left to LLVM, `put`
//! stayed a function with a runtime range check and its panic path: ~70
//! compressed bytes of the OracleSanityChecker).
//!
//! Integers are **little-endian** at their offsets: WASM is little-endian,
//! so a field is one (unaligned) load or store, where a big-endian field
//! needs a byte swap that WASM has no instruction for (measured: ~200
//! compressed bytes of the OracleSanityChecker). The words are private
//! storage, never read as ABI values; addresses are stored as their 20
//! bytes, in order.

use alloy_primitives::{Address, B256};

/// The `N` bytes of `w` starting at `at`.
#[must_use]
#[inline(always)]
#[allow(clippy::inline_always)] // see the module docs
fn bytes_at<const N: usize>(w: &B256, at: usize) -> [u8; N] {
    let mut out = [0u8; N];
    out.copy_from_slice(&w.0[at..at + N]);
    out
}

/// Writes `bytes` into `w` starting at `at`.
#[inline(always)]
#[allow(clippy::inline_always)] // see the module docs
fn put(w: &mut B256, at: usize, bytes: &[u8]) {
    w.0[at..at + bytes.len()].copy_from_slice(bytes);
}

/// Writes an address at `at..at + 20`.
pub fn set_address(w: &mut B256, at: usize, value: Address) {
    put(w, at, value.as_slice());
}

/// Writes a `u16` at `at..at + 2`.
pub fn set_u16(w: &mut B256, at: usize, value: u16) {
    put(w, at, &value.to_le_bytes());
}

/// Writes a `u32` at `at..at + 4`.
pub fn set_u32(w: &mut B256, at: usize, value: u32) {
    put(w, at, &value.to_le_bytes());
}

/// Writes a `u64` at `at..at + 8`.
pub fn set_u64(w: &mut B256, at: usize, value: u64) {
    put(w, at, &value.to_le_bytes());
}

/// Writes the low 48 bits of `value` at `at..at + 6`.
pub fn set_u48(w: &mut B256, at: usize, value: u64) {
    put(w, at, &value.to_le_bytes()[..6]);
}

/// Writes a `u128` at `at..at + 16`.
pub fn set_u128(w: &mut B256, at: usize, value: u128) {
    put(w, at, &value.to_le_bytes());
}

/// The address at `at..at + 20`.
#[must_use]
pub fn address_at(w: &B256, at: usize) -> Address {
    Address::from(bytes_at::<20>(w, at))
}

/// The `u16` at `at..at + 2`.
#[must_use]
pub fn u16_at(w: &B256, at: usize) -> u16 {
    u16::from_le_bytes(bytes_at(w, at))
}

/// The `u32` at `at..at + 4`.
#[must_use]
pub fn u32_at(w: &B256, at: usize) -> u32 {
    u32::from_le_bytes(bytes_at(w, at))
}

/// The `u64` at `at..at + 8`.
#[must_use]
pub fn u64_at(w: &B256, at: usize) -> u64 {
    u64::from_le_bytes(bytes_at(w, at))
}

/// The 48-bit unsigned integer at `at..at + 6`.
#[must_use]
pub fn u48_at(w: &B256, at: usize) -> u64 {
    let mut bytes = [0u8; 8];
    bytes[..6].copy_from_slice(&bytes_at::<6>(w, at));
    u64::from_le_bytes(bytes)
}

/// The `u128` at `at..at + 16`.
#[must_use]
pub fn u128_at(w: &B256, at: usize) -> u128 {
    u128::from_le_bytes(bytes_at(w, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_round_trip_at_their_offsets() {
        let mut w = B256::ZERO;
        set_address(&mut w, 0, Address::repeat_byte(7));
        set_u16(&mut w, 20, 0xBEEF);
        set_u32(&mut w, 22, 0x0102_0304);
        set_u48(&mut w, 26, 0xFFFF_AAAA_AAAA_AAAA);
        assert_eq!(address_at(&w, 0), Address::repeat_byte(7));
        assert_eq!(u16_at(&w, 20), 0xBEEF);
        assert_eq!(u32_at(&w, 22), 0x0102_0304);
        assert_eq!(u48_at(&w, 26), 0xAAAA_AAAA_AAAA);
        // Little-endian: the low byte first.
        assert_eq!(w.0[20..26], [0xEF, 0xBE, 0x04, 0x03, 0x02, 0x01]);
        assert_eq!(u64_at(&w, 24), 0xAAAA_AAAA_AAAA_0102);
        set_u64(&mut w, 8, u64::MAX - 1);
        assert_eq!(u64_at(&w, 8), u64::MAX - 1);
        set_u128(&mut w, 16, u128::MAX / 3);
        assert_eq!(u128_at(&w, 16), u128::MAX / 3);
    }
}
