//! The security council: EIP-712 signatures for the GuardianMultisig, and
//! the operations it queues in the EmergencyTimelock.
//!
//! The owners sign `GuardianTransaction(address target,uint256 value,bytes
//! data,uint256 nonce)` under the domain `("GuardianMultisig", "1", chainId,
//! multisig)`; `executeWithSignatures` wants the 65-byte `r ‖ s ‖ v`
//! signatures sorted by signer address. [`Council::digest_on`] computes the
//! digest for any chain and multisig, so scenarios can also forge the
//! signatures an attacker would replay elsewhere.

use alloy::{
    primitives::{keccak256, Address, Bytes, B256, U256},
    signers::{local::PrivateKeySigner, SignerSync},
    sol,
    sol_types::{eip712_domain, SolCall, SolStruct, SolValue},
};

use crate::bindings::{IEmergencyTimelock, IGuardianMultisig};

use super::WorldError;

sol! {
    /// The EIP-712 struct the GuardianMultisig's owners sign.
    struct GuardianTransaction {
        address target;
        uint256 value;
        bytes data;
        uint256 nonce;
    }
}

/// The owners' keys of one GuardianMultisig.
#[derive(Clone, Debug)]
pub struct Council {
    /// The multisig.
    pub multisig: Address,
    /// The chain it lives on.
    pub chain_id: u64,
    /// Signatures needed for any call.
    pub threshold: usize,
    /// The owners' keys, sorted by address (the order signatures must have).
    owners: Vec<PrivateKeySigner>,
}

impl Council {
    /// A council of `owners` (any order) for `multisig` on `chain_id`.
    pub fn new(
        multisig: Address,
        chain_id: u64,
        threshold: usize,
        mut owners: Vec<PrivateKeySigner>,
    ) -> Council {
        owners.sort_by_key(PrivateKeySigner::address);
        Council {
            multisig,
            chain_id,
            threshold,
            owners,
        }
    }

    /// The owners' keys, sorted by address.
    pub fn owners(&self) -> &[PrivateKeySigner] {
        &self.owners
    }

    /// The digest the owners sign for `(target, value, data)` at `nonce` on
    /// this council's chain and multisig (`getTransactionHash`).
    pub fn digest(&self, target: Address, value: U256, data: &[u8], nonce: U256) -> B256 {
        Self::digest_on(self.chain_id, self.multisig, target, value, data, nonce)
    }

    /// The digest for any chain id and multisig address.
    pub fn digest_on(
        chain_id: u64,
        multisig: Address,
        target: Address,
        value: U256,
        data: &[u8],
        nonce: U256,
    ) -> B256 {
        let domain = eip712_domain! {
            name: "GuardianMultisig",
            version: "1",
            chain_id: chain_id,
            verifying_contract: multisig,
        };
        GuardianTransaction {
            target,
            value,
            data: Bytes::copy_from_slice(data),
            nonce,
        }
        .eip712_signing_hash(&domain)
    }

    /// `signers`' signatures over `digest`, concatenated in the order given
    /// (callers sort them; [`Council::sign_sorted`] does).
    ///
    /// # Errors
    /// [`WorldError::Signing`] if a key cannot sign.
    pub fn sign(digest: B256, signers: &[&PrivateKeySigner]) -> Result<Bytes, WorldError> {
        let mut out = Vec::with_capacity(65 * signers.len());
        for signer in signers {
            let signature = signer
                .sign_hash_sync(&digest)
                .map_err(|e| WorldError::Signing(e.to_string()))?;
            out.extend_from_slice(&signature.as_bytes());
        }
        Ok(out.into())
    }

    /// `signers`' signatures over `digest`, sorted by signer address as the
    /// multisig requires.
    ///
    /// # Errors
    /// [`WorldError::Signing`] if a key cannot sign.
    pub fn sign_sorted(digest: B256, signers: &[&PrivateKeySigner]) -> Result<Bytes, WorldError> {
        let mut sorted = signers.to_vec();
        sorted.sort_by_key(|signer| signer.address());
        Self::sign(digest, &sorted)
    }

    /// The first `count` owners' signatures (by address) for `(target,
    /// value, data)` at `nonce`.
    ///
    /// # Errors
    /// [`WorldError::Signing`] if a key cannot sign or `count` exceeds the
    /// owners.
    pub fn signatures(
        &self,
        count: usize,
        target: Address,
        value: U256,
        data: &[u8],
        nonce: U256,
    ) -> Result<Bytes, WorldError> {
        let signers: Vec<&PrivateKeySigner> = self.owners.iter().take(count).collect();
        if signers.len() < count {
            return Err(WorldError::Signing(format!(
                "{count} signatures asked of {} owners",
                self.owners.len()
            )));
        }
        Self::sign(self.digest(target, value, data, nonce), &signers)
    }

    /// The `executeWithSignatures` calldata for `(target, 0, data)` at
    /// `nonce`, signed by the threshold of owners.
    ///
    /// # Errors
    /// [`WorldError::Signing`] if a key cannot sign.
    pub fn execute_calldata(
        &self,
        target: Address,
        data: &[u8],
        nonce: U256,
    ) -> Result<Vec<u8>, WorldError> {
        let signatures = self.signatures(self.threshold, target, U256::ZERO, data, nonce)?;
        Ok(IGuardianMultisig::executeWithSignaturesCall {
            target,
            value: U256::ZERO,
            data: Bytes::copy_from_slice(data),
            signatures,
        }
        .abi_encode())
    }
}

/// An EmergencyTimelock operation, always in batch form
/// (`scheduleBatch`/`executeBatch`), which also covers a single call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operation {
    /// The calls' targets.
    pub targets: Vec<Address>,
    /// The calls' values.
    pub values: Vec<U256>,
    /// The calls' calldata.
    pub payloads: Vec<Bytes>,
    /// An operation that must be done first (zero: none).
    pub predecessor: B256,
    /// Distinguishes otherwise identical operations.
    pub salt: B256,
}

impl Operation {
    /// One call without value.
    pub fn call(target: Address, payload: impl Into<Bytes>) -> Operation {
        Operation::batch(vec![target], vec![U256::ZERO], vec![payload.into()])
    }

    /// A batch of calls.
    pub fn batch(targets: Vec<Address>, values: Vec<U256>, payloads: Vec<Bytes>) -> Operation {
        Operation {
            targets,
            values,
            payloads,
            predecessor: B256::ZERO,
            salt: B256::ZERO,
        }
    }

    /// The same operation with another salt.
    #[must_use]
    pub fn with_salt(mut self, salt: B256) -> Operation {
        self.salt = salt;
        self
    }

    /// Its id: `keccak256(abi.encode(targets, values, payloads, predecessor,
    /// salt))` (`hashOperationBatch`).
    pub fn id(&self) -> B256 {
        keccak256(
            (
                self.targets.clone(),
                self.values.clone(),
                self.payloads.clone(),
                self.predecessor,
                self.salt,
            )
                .abi_encode_params(),
        )
    }

    /// The `scheduleBatch` calldata with `delay` seconds.
    pub fn schedule_calldata(&self, delay: u64) -> Vec<u8> {
        IEmergencyTimelock::scheduleBatchCall {
            targets: self.targets.clone(),
            values: self.values.clone(),
            payloads: self.payloads.clone(),
            predecessor: self.predecessor,
            salt: self.salt,
            delay: U256::from(delay),
        }
        .abi_encode()
    }

    /// The `executeBatch` calldata.
    pub fn execute_calldata(&self) -> Vec<u8> {
        IEmergencyTimelock::executeBatchCall {
            targets: self.targets.clone(),
            values: self.values.clone(),
            payloads: self.payloads.clone(),
            predecessor: self.predecessor,
            salt: self.salt,
        }
        .abi_encode()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::actor::small_key;

    #[test]
    fn owners_are_kept_sorted_by_address() {
        let council = Council::new(
            Address::repeat_byte(9),
            1,
            2,
            vec![small_key(2), small_key(3), small_key(4)],
        );
        let addresses: Vec<Address> = council
            .owners()
            .iter()
            .map(PrivateKeySigner::address)
            .collect();
        let mut sorted = addresses.clone();
        sorted.sort();
        assert_eq!(addresses, sorted);
    }

    #[test]
    fn the_digest_binds_chain_multisig_and_nonce() {
        let digest = |chain, multisig, nonce| {
            Council::digest_on(
                chain,
                multisig,
                Address::repeat_byte(1),
                U256::ZERO,
                b"data",
                U256::from(nonce),
            )
        };
        let base = digest(412_346, Address::repeat_byte(7), 0u64);
        assert_ne!(base, digest(1, Address::repeat_byte(7), 0));
        assert_ne!(base, digest(412_346, Address::repeat_byte(8), 0));
        assert_ne!(base, digest(412_346, Address::repeat_byte(7), 1));
    }

    #[test]
    fn signatures_are_65_bytes_with_v_27_or_28_and_recover_to_the_owner() {
        let key = small_key(2);
        let digest = B256::repeat_byte(0xab);
        let signature = Council::sign(digest, &[&key]).unwrap();
        assert_eq!(signature.len(), 65);
        assert!(matches!(signature[64], 27 | 28));
        let parsed = alloy::primitives::Signature::try_from(&signature[..]).unwrap();
        assert_eq!(
            parsed.recover_address_from_prehash(&digest).unwrap(),
            key.address()
        );
    }

    #[test]
    fn operation_ids_change_with_the_salt() {
        let op = Operation::call(Address::repeat_byte(1), vec![1u8, 2, 3]);
        assert_ne!(op.id(), op.clone().with_salt(B256::repeat_byte(1)).id());
    }
}
