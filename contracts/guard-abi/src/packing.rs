//! Big-endian fields of hand-packed 32-byte storage words.
//!
//! The contracts lay out their hot records as single words (one storage load
//! each) and read and write fields at fixed byte offsets with these helpers.
//! Offsets are constants at every call site, so the bounds checks fold away.

use alloy_primitives::{Address, B256};

/// The `N` bytes of `w` starting at `at`.
#[must_use]
pub fn bytes_at<const N: usize>(w: &B256, at: usize) -> [u8; N] {
    let mut out = [0u8; N];
    out.copy_from_slice(&w.0[at..at + N]);
    out
}

/// Writes `bytes` into `w` starting at `at`.
pub fn put(w: &mut B256, at: usize, bytes: &[u8]) {
    w.0[at..at + bytes.len()].copy_from_slice(bytes);
}

/// The address at `at..at + 20`.
#[must_use]
pub fn address_at(w: &B256, at: usize) -> Address {
    Address::from(bytes_at::<20>(w, at))
}

/// The `u16` at `at..at + 2`.
#[must_use]
pub fn u16_at(w: &B256, at: usize) -> u16 {
    u16::from_be_bytes(bytes_at(w, at))
}

/// The `u32` at `at..at + 4`.
#[must_use]
pub fn u32_at(w: &B256, at: usize) -> u32 {
    u32::from_be_bytes(bytes_at(w, at))
}

/// The `u64` at `at..at + 8`.
#[must_use]
pub fn u64_at(w: &B256, at: usize) -> u64 {
    u64::from_be_bytes(bytes_at(w, at))
}

/// The `u128` at `at..at + 16`.
#[must_use]
pub fn u128_at(w: &B256, at: usize) -> u128 {
    u128::from_be_bytes(bytes_at(w, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_round_trip_at_their_offsets() {
        let mut w = B256::ZERO;
        put(&mut w, 0, Address::repeat_byte(7).as_slice());
        put(&mut w, 20, &0xBEEFu16.to_be_bytes());
        put(&mut w, 22, &0x0102_0304u32.to_be_bytes());
        put(&mut w, 26, &[0xAA; 6]);
        assert_eq!(address_at(&w, 0), Address::repeat_byte(7));
        assert_eq!(u16_at(&w, 20), 0xBEEF);
        assert_eq!(u32_at(&w, 22), 0x0102_0304);
        assert_eq!(u64_at(&w, 24), 0x0304_AAAA_AAAA_AAAA);
        assert_eq!(u128_at(&w, 16), u128::from_be_bytes(bytes_at(&w, 16)));
    }
}
