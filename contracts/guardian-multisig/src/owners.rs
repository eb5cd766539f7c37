//! The owner set and its thresholds.
//!
//! Owners live in two places: a list sorted by address (for `getOwners`
//! and confirmation positions) and a map owner → position + 1 (one storage
//! read answers "is this an owner?" in the signature loop). Both change
//! together, only here.

use alloy_primitives::{Address, U256, U8};
use stylus_sdk::prelude::*;

use crate::{
    config::{Config, MAX_OWNERS, MAX_PROPOSAL_LIFETIME, MIN_PROPOSAL_LIFETIME},
    errors::{
        DuplicateOwner, InvalidEmergencyThreshold, InvalidOwner, InvalidOwnerCount,
        InvalidProposalLifetime, InvalidThreshold, MultisigError,
    },
    events::{emit, EmergencyThresholdChanged, OwnerAdded, OwnerRemoved, ThresholdChanged},
    GuardianMultisig,
};

impl GuardianMultisig {
    /// The position of `account` in the sorted owner list, if an owner.
    pub(crate) fn owner_position(&self, account: Address) -> Option<usize> {
        // A `U8` has one limb holding at most 8 bits.
        #[allow(clippy::cast_possible_truncation)]
        let stored = self.owner_positions.get(account).as_limbs()[0] as u8;
        stored.checked_sub(1).map(usize::from)
    }

    /// The number of owners.
    pub(crate) fn owner_count(&self) -> usize {
        self.owners.len()
    }

    /// Refuses an address that cannot become an owner.
    ///
    /// # Errors
    /// `InvalidOwner` (zero or the multisig itself), `DuplicateOwner`.
    pub(crate) fn check_new_owner(&self, owner: Address) -> Result<(), MultisigError> {
        if owner.is_zero() || owner == self.vm().contract_address() {
            return Err(InvalidOwner { owner }.into());
        }
        if self.owner_position(owner).is_some() {
            return Err(DuplicateOwner { owner }.into());
        }
        Ok(())
    }

    /// Inserts `owner` at its sorted position (positions after it shift up).
    ///
    /// # Errors
    /// As [`Self::check_new_owner`], and `InvalidOwnerCount` (already 20);
    /// nothing is written on error.
    ///
    /// # Events
    /// `OwnerAdded`.
    pub(crate) fn insert_owner(&mut self, owner: Address) -> Result<(), MultisigError> {
        self.check_new_owner(owner)?;
        let count = self.owner_count();
        if count >= MAX_OWNERS {
            return Err(InvalidOwnerCount {
                count: U256::from(count + 1),
            }
            .into());
        }
        self.owners.push(owner);
        let mut position = count;
        while position > 0 {
            let previous = self.owners.get(position - 1).unwrap_or_default();
            // Byte order, as `Address`'s `Ord`; on slices it compiles to
            // one shared `memcmp` instead of an inlined comparison.
            if previous.as_slice() < owner.as_slice() {
                break;
            }
            self.place_owner(position, previous);
            position -= 1;
        }
        self.place_owner(position, owner);
        emit(self.vm(), OwnerAdded { owner });
        Ok(())
    }

    /// Removes the owner at `position` (positions after it shift down).
    ///
    /// # Events
    /// `OwnerRemoved`.
    pub(crate) fn remove_owner_at(&mut self, position: usize, owner: Address) {
        let count = self.owner_count();
        for next in position + 1..count {
            let moved = self.owners.get(next).unwrap_or_default();
            self.place_owner(next - 1, moved);
        }
        self.owners.erase_last();
        self.owner_positions.delete(owner);
        emit(self.vm(), OwnerRemoved { owner });
    }

    /// Writes `owner` at `position` in the list and in the map.
    fn place_owner(&mut self, position: usize, owner: Address) {
        if let Some(mut slot) = self.owners.setter(position) {
            slot.set(owner);
        }
        // `position < MAX_OWNERS`, so `position + 1` fits in a byte.
        #[allow(clippy::cast_possible_truncation)]
        self.owner_positions
            .setter(owner)
            .set(U8::from(position as u8 + 1));
    }

    /// Sets the thresholds in `config`, emitting an event for each that
    /// changes (checked by the caller with [`check_thresholds`]).
    ///
    /// # Events
    /// `ThresholdChanged`, `EmergencyThresholdChanged`.
    pub(crate) fn apply_thresholds(&self, config: &mut Config, threshold: u8, emergency: u8) {
        if config.threshold != threshold {
            config.threshold = threshold;
            emit(self.vm(), ThresholdChanged { threshold });
        }
        if config.emergency_threshold != emergency {
            config.emergency_threshold = emergency;
            emit(
                self.vm(),
                EmergencyThresholdChanged {
                    emergencyThreshold: emergency,
                },
            );
        }
    }
}

/// Checks `1 ≤ emergency ≤ threshold ≤ owners` and narrows both.
///
/// # Errors
/// `InvalidThreshold`, `InvalidEmergencyThreshold`.
pub fn check_thresholds(
    threshold: U256,
    emergency: U256,
    owners: usize,
) -> Result<(u8, u8), MultisigError> {
    let narrowed = small(threshold)
        .filter(|t| *t != 0 && usize::from(*t) <= owners)
        .ok_or(InvalidThreshold {
            threshold,
            owners: U256::from(owners),
        })?;
    let emergency_narrowed = small(emergency)
        .filter(|e| *e != 0 && *e <= narrowed)
        .ok_or(InvalidEmergencyThreshold {
            emergencyThreshold: emergency,
            threshold,
        })?;
    Ok((narrowed, emergency_narrowed))
}

/// `value` as a `u8`, if it fits (a panic-free `to::<u8>()`).
fn small(value: U256) -> Option<u8> {
    u8::try_from(value.as_limbs()[0])
        .ok()
        .filter(|_| value.as_limbs()[1..].iter().all(|limb| *limb == 0))
}

/// Checks a proposal lifetime (1 hour – 30 days) and narrows it for the
/// configuration word.
///
/// # Errors
/// `InvalidProposalLifetime`.
pub fn check_lifetime(lifetime: U256) -> Result<u32, MultisigError> {
    if lifetime >= U256::from(MIN_PROPOSAL_LIFETIME)
        && lifetime <= U256::from(MAX_PROPOSAL_LIFETIME)
    {
        // ≤ 30 days fits in 32 bits.
        #[allow(clippy::cast_possible_truncation)]
        Ok(lifetime.as_limbs()[0] as u32)
    } else {
        Err(InvalidProposalLifetime {
            lifetime,
            minLifetime: U256::from(MIN_PROPOSAL_LIFETIME),
            maxLifetime: U256::from(MAX_PROPOSAL_LIFETIME),
        }
        .into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(n: u64) -> U256 {
        U256::from(n)
    }

    #[test]
    fn thresholds_must_satisfy_one_le_emergency_le_threshold_le_owners() {
        assert_eq!(check_thresholds(u(1), u(1), 1).unwrap(), (1, 1));
        assert_eq!(check_thresholds(u(3), u(2), 5).unwrap(), (3, 2));
        assert_eq!(check_thresholds(u(20), u(20), 20).unwrap(), (20, 20));
        for (t, e, n) in [
            (u(0), u(0), 5),
            (u(6), u(1), 5),
            (u(256), u(1), 20),
            (U256::MAX, u(1), 20),
        ] {
            assert!(matches!(
                check_thresholds(t, e, n),
                Err(MultisigError::InvalidThreshold(x)) if x.threshold == t
            ));
        }
        for (t, e) in [
            (u(3), u(0)),
            (u(3), u(4)),
            (u(3), u(259)),
            (u(3), U256::MAX),
        ] {
            assert!(matches!(
                check_thresholds(t, e, 5),
                Err(MultisigError::InvalidEmergencyThreshold(x)) if x.emergencyThreshold == e
            ));
        }
    }

    #[test]
    fn lifetime_must_be_between_one_hour_and_thirty_days() {
        assert_eq!(check_lifetime(u(3_600)).unwrap(), 3_600);
        assert_eq!(check_lifetime(u(30 * 86_400)).unwrap(), 2_592_000);
        for bad in [u(0), u(3_599), u(30 * 86_400 + 1), U256::MAX] {
            assert!(matches!(
                check_lifetime(bad),
                Err(MultisigError::InvalidProposalLifetime(e)) if e.lifetime == bad
            ));
        }
    }
}
