//! On-chain proposals: a call the owners confirm one by one, executable
//! until it expires once enough confirmations count.
//!
//! Confirmations are a bitmap over the owners' positions in the sorted
//! owner list, stamped with the owner-set version they were given under.
//! Any owner-set change bumps the version, so every pending confirmation —
//! in particular one by a removed owner — stops counting (the changed
//! council confirms pending proposals anew; such changes are rare and need
//! the full threshold).

use alloc::{vec, vec::Vec};

use alloy_primitives::{Address, B256, U256, U32};
use stylus_sdk::{
    prelude::*,
    storage::{
        StorageAddress, StorageB256, StorageBool, StorageU256, StorageU32, StorageU64, StorageVec,
    },
};

use crate::errors::{MultisigError, ProposalAlreadyExecuted, ProposalExpired, UnknownProposal};

/// A stored proposal. The first slot packs `target`, `expires_at` and
/// `confirmations`; the second `owners_version`, `executed` and
/// `data_length`. The calldata is kept as whole 32-byte words (the SDK's
/// `StorageBytes` would pull 256-bit division into the WASM).
#[storage]
pub struct Proposal {
    /// The called contract.
    pub(crate) target: StorageAddress,
    /// The first second at which the proposal is expired (0: no proposal).
    pub(crate) expires_at: StorageU64,
    /// Bit `i`: the owner at position `i` confirmed (under `owners_version`).
    pub(crate) confirmations: StorageU32,
    /// The owner-set version the confirmations were given under.
    pub(crate) owners_version: StorageU32,
    /// Whether the call was executed.
    pub(crate) executed: StorageBool,
    /// The value sent with the call, from the multisig's balance.
    pub(crate) value: StorageU256,
    /// The calldata's length in bytes.
    pub(crate) data_length: StorageU32,
    /// The calldata, zero-padded to whole words.
    pub(crate) data_words: StorageVec<StorageB256>,
}

impl Proposal {
    /// Whether the proposal can still be confirmed, revoked or executed at
    /// `now`.
    ///
    /// # Errors
    /// `UnknownProposal`, `ProposalAlreadyExecuted`, `ProposalExpired`.
    pub(crate) fn check_active(&self, id: U256, now: u64) -> Result<(), MultisigError> {
        let expires_at = self.expires_at();
        if expires_at == 0 {
            return Err(UnknownProposal { proposalId: id }.into());
        }
        if self.executed.get() {
            return Err(ProposalAlreadyExecuted { proposalId: id }.into());
        }
        if now >= expires_at {
            return Err(ProposalExpired {
                proposalId: id,
                expiredAt: expires_at,
            }
            .into());
        }
        Ok(())
    }

    /// The confirmation bitmap that counts under `owners_version` (stale
    /// confirmations count as none).
    pub(crate) fn current_confirmations(&self, owners_version: u32) -> u32 {
        if low_u32(self.owners_version.get()) == owners_version {
            low_u32(self.confirmations.get())
        } else {
            0
        }
    }

    /// The first second at which the proposal is expired (0: no proposal).
    pub(crate) fn expires_at(&self) -> u64 {
        self.expires_at.get().as_limbs()[0]
    }

    /// The proposed call.
    pub(crate) fn call(&self) -> (Address, U256, Vec<u8>) {
        let length = low_u32(self.data_length.get()) as usize;
        let mut data = Vec::with_capacity(length.next_multiple_of(32));
        for index in 0..length.div_ceil(32) {
            data.extend_from_slice(self.data_words.get(index).unwrap_or_default().as_slice());
        }
        data.truncate(length);
        (self.target.get(), self.value.get(), data)
    }

    /// Stores the calldata (on a fresh proposal).
    pub(crate) fn set_data(&mut self, data: &[u8]) {
        // Calldata is far below 4 GiB.
        #[allow(clippy::cast_possible_truncation)]
        self.data_length.set(U32::from(data.len() as u32));
        for chunk in data.chunks(32) {
            let mut word = B256::ZERO;
            word[..chunk.len()].copy_from_slice(chunk);
            self.data_words.push(word);
        }
    }
}

/// The low 32 bits of a stored small integer (a panic-free `to::<u32>()`).
pub(crate) fn low_u32(value: U32) -> u32 {
    // A `U32` has one limb holding at most 32 bits.
    #[allow(clippy::cast_possible_truncation)]
    let low = value.as_limbs()[0] as u32;
    low
}
