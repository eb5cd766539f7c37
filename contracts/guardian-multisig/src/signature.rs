//! ECDSA signature checks and recovery through the `ecrecover` precompile.
//!
//! A signature is 65 bytes `r ‖ s ‖ v` (as `eth_signTypedData` returns it),
//! with `v` 27 or 28 and a low `s` (≤ secp256k1n / 2, as EIP-2 requires of
//! transactions), so each signature has exactly one valid encoding.
//! Recovery is a static call to the precompile at address 0x01 — no curve
//! code in the contract.

use alloy_primitives::{Address, B256};
use stylus_sdk::{call::static_call, prelude::Call, stylus_core::Host};

use crate::errors::{InvalidSignatureS, InvalidSignatureV, MultisigError};

/// Bytes per signature: `r` (32), `s` (32), `v` (1).
pub const SIGNATURE_LENGTH: usize = 65;

/// The `ecrecover` precompile.
pub const ECRECOVER: Address = Address::with_last_byte(1);

/// secp256k1n / 2 (rounded down): the largest `s` accepted.
pub const HALF_CURVE_ORDER: [u8; 32] = [
    0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0x5d, 0x57, 0x6e, 0x73, 0x57, 0xa4, 0x50, 0x1d, 0xdf, 0xe9, 0x2f, 0x46, 0x68, 0x1b, 0x20, 0xa0,
];

/// The precompile's 128-byte input `hash ‖ v ‖ r ‖ s` (each a 32-byte
/// word) for `signature` (65 bytes) over `hash`, once `v` and `s` pass.
///
/// # Errors
/// `InvalidSignatureV` (`v` not 27 or 28), `InvalidSignatureS` (high `s`);
/// `index` is the signature's position, for the error.
pub fn recovery_input(
    hash: B256,
    signature: &[u8; SIGNATURE_LENGTH],
    index: usize,
) -> Result<[u8; 128], MultisigError> {
    let v = signature[64];
    if v != 27 && v != 28 {
        return Err(InvalidSignatureV {
            index: alloy_primitives::U256::from(index),
            v,
        }
        .into());
    }
    let s = &signature[32..64];
    // Big-endian byte arrays of equal length compare as numbers.
    if s > HALF_CURVE_ORDER.as_slice() {
        return Err(InvalidSignatureS {
            index: alloy_primitives::U256::from(index),
            s: B256::from_slice(s),
        }
        .into());
    }
    let mut input = [0u8; 128];
    input[..32].copy_from_slice(hash.as_slice());
    input[63] = v;
    input[64..128].copy_from_slice(&signature[..64]);
    Ok(input)
}

/// The signer the precompile recovers from `input`, or `None` when it
/// returns no (or malformed) data: an invalid signature.
pub fn ecrecover(host: &impl Host, input: &[u8; 128]) -> Option<Address> {
    let output = static_call(host, Call::new(), ECRECOVER, input).ok()?;
    let word: &[u8; 32] = output.as_slice().try_into().ok()?;
    if word[..12].iter().any(|b| *b != 0) {
        return None;
    }
    Some(Address::from_slice(&word[12..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::U256;

    /// secp256k1n.
    const CURVE_ORDER: U256 = U256::from_be_bytes([
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xfe, 0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36,
        0x41, 0x41,
    ]);

    fn signature(s: U256, v: u8) -> [u8; SIGNATURE_LENGTH] {
        let mut sig = [0u8; SIGNATURE_LENGTH];
        sig[..32].fill(0x11);
        sig[32..64].copy_from_slice(&s.to_be_bytes::<32>());
        sig[64] = v;
        sig
    }

    #[test]
    fn half_curve_order_is_secp256k1n_divided_by_two() {
        assert_eq!(U256::from_be_bytes(HALF_CURVE_ORDER), CURVE_ORDER >> 1);
    }

    #[test]
    fn recovery_input_lays_out_hash_v_r_s() {
        let hash = B256::repeat_byte(0xab);
        let sig = signature(U256::from(5), 28);
        let input = recovery_input(hash, &sig, 0).unwrap();
        assert_eq!(&input[..32], hash.as_slice());
        assert_eq!(U256::from_be_slice(&input[32..64]), U256::from(28));
        assert_eq!(&input[64..96], &[0x11; 32]);
        assert_eq!(U256::from_be_slice(&input[96..128]), U256::from(5));
    }

    #[test]
    fn recovery_input_rejects_v_other_than_27_or_28() {
        for v in [0u8, 1, 26, 29, 255] {
            let err = recovery_input(B256::ZERO, &signature(U256::from(1), v), 3).unwrap_err();
            assert!(
                matches!(err, MultisigError::InvalidSignatureV(e) if e.v == v && e.index == U256::from(3))
            );
        }
    }

    #[test]
    fn recovery_input_accepts_s_up_to_half_the_order_and_rejects_above() {
        let half = CURVE_ORDER >> 1;
        assert!(recovery_input(B256::ZERO, &signature(half, 27), 0).is_ok());
        for s in [half + U256::from(1), CURVE_ORDER - U256::from(1), U256::MAX] {
            let err = recovery_input(B256::ZERO, &signature(s, 27), 1).unwrap_err();
            assert!(matches!(err, MultisigError::InvalidSignatureS(e) if e.s == B256::from(s)));
        }
    }
}
