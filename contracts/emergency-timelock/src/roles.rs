//! Roles: OpenZeppelin `AccessControl`-shaped identifiers mapped to bits of
//! a per-account role byte.
//!
//! Role ids are `keccak256` of their names, exactly as in OpenZeppelin's
//! `TimelockController`, so tooling that calls `hasRole(PROPOSER_ROLE, …)`
//! works unchanged. `DEFAULT_ADMIN_ROLE` (0x00) is held by the timelock
//! itself and nobody else, ever: it is not stored, and it cannot be granted,
//! revoked or renounced.

use alloy_primitives::{b256, B256};

/// `DEFAULT_ADMIN_ROLE`: the admin of every role; only the timelock itself.
pub const DEFAULT_ADMIN_ROLE: B256 = B256::ZERO;
/// `keccak256("PROPOSER_ROLE")`: may schedule operations.
pub const PROPOSER_ROLE: B256 =
    b256!("b09aa5aeb3702cfd50b6b62bc4532604938f21248a27a1d5ca736082b6819cc1");
/// `keccak256("CANCELLER_ROLE")`: may cancel pending operations.
pub const CANCELLER_ROLE: B256 =
    b256!("fd643c72710c63c0180259aba6b2d05451e3591a24e58b62239378085726f783");
/// `keccak256("EXECUTOR_ROLE")`: may execute ready operations; granted to
/// `address(0)` it is open to anyone.
pub const EXECUTOR_ROLE: B256 =
    b256!("d8aa0f3194971a2a116679f7c2090f6939c8d4e01a2a8d7e41d55e5351469e63");
/// `keccak256("GUARDIAN_ROLE")`: may execute allowlisted emergency calls at once.
pub const GUARDIAN_ROLE: B256 =
    b256!("55435dd261a4b9b3364963f7738a7a662ad9c84396d64be3365284bb7f0a5041");

/// The stored roles; role `i` is bit `i` of an account's role byte.
const STORED_ROLES: [B256; 4] = [PROPOSER_ROLE, CANCELLER_ROLE, EXECUTOR_ROLE, GUARDIAN_ROLE];

/// The bit of a stored role in an account's role byte, or `None` for
/// `DEFAULT_ADMIN_ROLE` and unknown roles (which are never stored).
pub fn role_bit(role: B256) -> Option<u8> {
    STORED_ROLES.iter().position(|r| *r == role).map(|i| 1 << i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::keccak256;

    #[test]
    fn role_ids_are_the_keccak_of_their_names() {
        assert_eq!(PROPOSER_ROLE, keccak256("PROPOSER_ROLE"));
        assert_eq!(CANCELLER_ROLE, keccak256("CANCELLER_ROLE"));
        assert_eq!(EXECUTOR_ROLE, keccak256("EXECUTOR_ROLE"));
        assert_eq!(GUARDIAN_ROLE, keccak256("GUARDIAN_ROLE"));
    }

    #[test]
    fn stored_roles_have_distinct_bits_and_admin_is_not_stored() {
        let bits: u8 = [PROPOSER_ROLE, CANCELLER_ROLE, EXECUTOR_ROLE, GUARDIAN_ROLE]
            .iter()
            .map(|r| role_bit(*r).unwrap())
            .fold(0, |acc, b| {
                assert_eq!(acc & b, 0);
                acc | b
            });
        assert_eq!(bits, 0x0f);
        assert_eq!(role_bit(DEFAULT_ADMIN_ROLE), None);
        assert_eq!(role_bit(B256::repeat_byte(7)), None);
    }
}
