//! The 3-of-5 council both multisigs are measured with: five test keys and their signatures.

use alloy::{
    primitives::{Address, B256},
    signers::{local::PrivateKeySigner, SignerSync},
};

use crate::error::BenchError;

/// Owners of both multisigs.
pub const OWNER_COUNT: usize = 5;
/// Signatures both multisigs need.
pub const THRESHOLD: usize = 3;

/// Five deterministic test keys (public knowledge; benchmarks only), sorted by address.
///
/// # Panics
/// Never: the keys are small non-zero scalars, all valid.
pub fn council() -> Vec<PrivateKeySigner> {
    let mut owners: Vec<PrivateKeySigner> = (1..=OWNER_COUNT as u64)
        .map(|seed| {
            let key = B256::from(alloy::primitives::U256::from(0xbe7c_0000_u64 + seed));
            PrivateKeySigner::from_bytes(&key).expect("small non-zero keys are valid")
        })
        .collect();
    owners.sort_by_key(PrivateKeySigner::address);
    owners
}

/// The owners' addresses, sorted.
pub fn addresses(owners: &[PrivateKeySigner]) -> Vec<Address> {
    owners.iter().map(PrivateKeySigner::address).collect()
}

/// `r ‖ s ‖ v` (v 27/28, low s) signatures of `digest` by the first `THRESHOLD` owners, in
/// ascending signer order — the format both `executeWithSignatures` and Safe's `execTransaction`
/// accept for EOA signatures.
///
/// # Errors
/// [`BenchError::Setup`] when signing fails.
pub fn threshold_signatures(
    owners: &[PrivateKeySigner],
    digest: B256,
) -> Result<Vec<u8>, BenchError> {
    let mut signatures = Vec::with_capacity(65 * THRESHOLD);
    for owner in owners.iter().take(THRESHOLD) {
        let signature = owner
            .sign_hash_sync(&digest)
            .map_err(|e| BenchError::Setup(format!("signing: {e}")))?;
        signatures.extend_from_slice(&signature.as_bytes());
    }
    Ok(signatures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_council_is_five_distinct_owners_in_ascending_order() {
        let owners = addresses(&council());
        assert_eq!(owners.len(), OWNER_COUNT);
        assert!(owners.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn threshold_signatures_recover_to_the_first_owners_with_v_27_or_28() {
        let owners = council();
        let digest = B256::repeat_byte(0x42);
        let signatures = threshold_signatures(&owners, digest).unwrap();
        assert_eq!(signatures.len(), 65 * THRESHOLD);
        for (chunk, owner) in signatures.chunks(65).zip(&owners) {
            assert!(chunk[64] == 27 || chunk[64] == 28);
            let signature = alloy::primitives::Signature::try_from(chunk).unwrap();
            assert_eq!(
                signature.recover_address_from_prehash(&digest).unwrap(),
                owner.address()
            );
        }
    }
}
