//! The configuration word: everything a signed execution reads and writes,
//! packed in one storage slot (one load and one store per execution).
//!
//! Layout (big-endian, byte offsets in the 32-byte word):
//!
//! | bytes  | field               |
//! |--------|---------------------|
//! | 0..8   | `nonce`             |
//! | 8..16  | `proposal_count`    |
//! | 16..20 | `proposal_lifetime` |
//! | 20..24 | `owners_version`    |
//! | 24     | `threshold`         |
//! | 25     | `emergency_threshold` |
//! | 26..32 | zero                |

use alloy_primitives::{B256, U256};

/// At most this many owners (confirmations are a `u32` bitmap by position).
pub const MAX_OWNERS: usize = 20;
/// The shortest proposal lifetime: 1 hour.
pub const MIN_PROPOSAL_LIFETIME: u64 = 3_600;
/// The longest proposal lifetime: 30 days.
pub const MAX_PROPOSAL_LIFETIME: u64 = 30 * 86_400;

/// The unpacked configuration word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Config {
    /// The nonce the next signed transaction must carry.
    pub nonce: u64,
    /// Proposals created so far (the last proposal id).
    pub proposal_count: u64,
    /// Seconds a new proposal stays executable.
    pub proposal_lifetime: u32,
    /// Bumped by every owner-set change; confirmations given under an
    /// older version no longer count.
    pub owners_version: u32,
    /// Signatures or confirmations needed for any call.
    pub threshold: u8,
    /// Signatures or confirmations needed for an allowlisted emergency call.
    pub emergency_threshold: u8,
}

impl Config {
    /// Unpacks a stored word (bytes 26..32 are ignored).
    #[allow(clippy::cast_possible_truncation)] // Fields cut out of 64-bit limbs.
    pub fn unpack(word: B256) -> Self {
        // The word's limbs, least significant first: bytes 24..32, 16..24,
        // 8..16, 0..8. Shifts instead of byte ranges leave no range check
        // (and its panic path) in the contract.
        let [low, middle, proposal_count, nonce] = U256::from_be_bytes(word.0).into_limbs();
        Config {
            nonce,
            proposal_count,
            proposal_lifetime: (middle >> 32) as u32,
            owners_version: middle as u32,
            threshold: (low >> 56) as u8,
            emergency_threshold: (low >> 48) as u8,
        }
    }

    /// Packs into a word for storage.
    pub fn pack(&self) -> B256 {
        let middle = (u64::from(self.proposal_lifetime) << 32) | u64::from(self.owners_version);
        let low = (u64::from(self.threshold) << 56) | (u64::from(self.emergency_threshold) << 48);
        B256::from(U256::from_limbs([
            low,
            middle,
            self.proposal_count,
            self.nonce,
        ]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_zero_word_is_the_default_config() {
        assert_eq!(Config::unpack(B256::ZERO), Config::default());
    }

    #[test]
    fn fields_sit_at_the_documented_offsets() {
        let word = Config {
            nonce: 0x0102_0304_0506_0708,
            proposal_count: 0x1112_1314_1516_1718,
            proposal_lifetime: 0x2122_2324,
            owners_version: 0x3132_3334,
            threshold: 0x41,
            emergency_threshold: 0x51,
        }
        .pack();
        assert_eq!(
            word.0,
            [
                1, 2, 3, 4, 5, 6, 7, 8, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x21, 0x22,
                0x23, 0x24, 0x31, 0x32, 0x33, 0x34, 0x41, 0x51, 0, 0, 0, 0, 0, 0
            ]
        );
    }

    proptest! {
        #[test]
        fn pack_then_unpack_is_the_identity(
            nonce: u64,
            proposal_count: u64,
            proposal_lifetime: u32,
            owners_version: u32,
            threshold: u8,
            emergency_threshold: u8,
        ) {
            let config = Config {
                nonce,
                proposal_count,
                proposal_lifetime,
                owners_version,
                threshold,
                emergency_threshold,
            };
            prop_assert_eq!(Config::unpack(config.pack()), config);
        }
    }
}
