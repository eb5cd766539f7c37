//! EIP-712 GuardianMultisig proposals: for containment a sentinel key may
//! not take itself, the sentinel writes the digest and the typed data
//! (`eth_signTypedData_v4` JSON) the guardians sign for
//! `executeWithSignatures`.
//!
//! Domain `GuardianMultisig` version `1` with the chain id and the
//! multisig's address; struct
//! `GuardianTransaction(address target,uint256 value,bytes data,uint256 nonce)`
//! (see `contracts/guardian-multisig/src/eip712.rs`).

use alloy::primitives::{Address, Bytes, B256, U256};
use guard_suite::world::Council;
use serde_json::{json, Value};

/// A proposal ready for the guardians to sign.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    /// The multisig.
    pub multisig: Address,
    /// The chain id.
    pub chain_id: u64,
    /// The call's target.
    pub target: Address,
    /// The call data.
    pub data: Bytes,
    /// The multisig nonce it is valid for.
    pub nonce: U256,
}

impl Proposal {
    /// The EIP-712 digest each owner signs (the multisig's `getTransactionHash`).
    pub fn digest(&self) -> B256 {
        Council::digest_on(
            self.chain_id,
            self.multisig,
            self.target,
            U256::ZERO,
            &self.data,
            self.nonce,
        )
    }

    /// The typed data as `eth_signTypedData_v4` takes it.
    pub fn typed_data(&self) -> Value {
        json!({
            "types": {
                "EIP712Domain": [
                    { "name": "name", "type": "string" },
                    { "name": "version", "type": "string" },
                    { "name": "chainId", "type": "uint256" },
                    { "name": "verifyingContract", "type": "address" },
                ],
                "GuardianTransaction": [
                    { "name": "target", "type": "address" },
                    { "name": "value", "type": "uint256" },
                    { "name": "data", "type": "bytes" },
                    { "name": "nonce", "type": "uint256" },
                ],
            },
            "primaryType": "GuardianTransaction",
            "domain": {
                "name": "GuardianMultisig",
                "version": "1",
                "chainId": self.chain_id,
                "verifyingContract": self.multisig.to_string(),
            },
            "message": {
                "target": self.target.to_string(),
                "value": "0",
                "data": self.data.to_string(),
                "nonce": self.nonce.to_string(),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy::primitives::keccak256;

    /// The digest by hand, word by word, as the contract computes it.
    fn by_hand(p: &Proposal) -> B256 {
        let mut domain = Vec::new();
        domain.extend_from_slice(keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)").as_slice());
        domain.extend_from_slice(keccak256("GuardianMultisig").as_slice());
        domain.extend_from_slice(keccak256("1").as_slice());
        domain.extend_from_slice(&U256::from(p.chain_id).to_be_bytes::<32>());
        domain.extend_from_slice(B256::left_padding_from(p.multisig.as_slice()).as_slice());
        let mut message = Vec::new();
        message.extend_from_slice(
            keccak256("GuardianTransaction(address target,uint256 value,bytes data,uint256 nonce)")
                .as_slice(),
        );
        message.extend_from_slice(B256::left_padding_from(p.target.as_slice()).as_slice());
        message.extend_from_slice(&[0u8; 32]);
        message.extend_from_slice(keccak256(&p.data).as_slice());
        message.extend_from_slice(&p.nonce.to_be_bytes::<32>());
        let mut full = vec![0x19, 0x01];
        full.extend_from_slice(keccak256(&domain).as_slice());
        full.extend_from_slice(keccak256(&message).as_slice());
        keccak256(&full)
    }

    #[test]
    fn the_digest_is_the_eip712_hash_the_multisig_computes() {
        let p = Proposal {
            multisig: Address::repeat_byte(0xaa),
            chain_id: 412_346,
            target: Address::repeat_byte(0xbb),
            data: Bytes::from(vec![1, 2, 3, 4, 5]),
            nonce: U256::from(7u8),
        };
        assert_eq!(p.digest(), by_hand(&p));
        let typed = p.typed_data();
        assert_eq!(typed["primaryType"], "GuardianTransaction");
        assert_eq!(typed["domain"]["chainId"], 412_346);
        assert_eq!(typed["message"]["nonce"], "7");
        assert_eq!(typed["message"]["data"], "0x0102030405");
    }
}
