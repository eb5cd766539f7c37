//! The EIP-712 typed transaction the owners sign.
//!
//! ```text
//! domain   = EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)
//!            name "GuardianMultisig", version "1", the chain id, this multisig's address
//! struct   = GuardianTransaction(address target,uint256 value,bytes data,uint256 nonce)
//! txHash   = keccak256(0x19 ‖ 0x01 ‖ domainSeparator ‖ keccak256(abi.encode(
//!                TRANSACTION_TYPEHASH, target, value, keccak256(data), nonce)))
//! ```
//!
//! `txHash` is what `getTransactionHash` returns and what each owner signs
//! (`eth_signTypedData_v4` with the types above gives the same digest). It
//! binds the chain id, the multisig's address and the nonce, so a signature
//! cannot be replayed on another chain, on another multisig or twice.
//!
//! The type hashes are computed at compile time; the domain separator is
//! computed per call (chain id and address are runtime values, and one
//! keccak is cheaper than a storage read).

use alloy_primitives::{Address, B256, U256};
use keccak_const::Keccak256;
use stylus_sdk::stylus_core::CryptographyAccess;

/// The EIP-712 domain name.
pub const NAME: &str = "GuardianMultisig";
/// The EIP-712 domain version.
pub const VERSION: &str = "1";
/// The EIP-712 domain type.
pub const DOMAIN_TYPE: &str =
    "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";
/// The signed struct's type.
pub const TRANSACTION_TYPE: &str =
    "GuardianTransaction(address target,uint256 value,bytes data,uint256 nonce)";

/// `keccak256(DOMAIN_TYPE)`.
pub const DOMAIN_TYPEHASH: [u8; 32] = keccak(DOMAIN_TYPE);
/// `keccak256(TRANSACTION_TYPE)`.
pub const TRANSACTION_TYPEHASH: [u8; 32] = keccak(TRANSACTION_TYPE);
/// `keccak256(NAME)`.
pub const NAME_HASH: [u8; 32] = keccak(NAME);
/// `keccak256(VERSION)`.
pub const VERSION_HASH: [u8; 32] = keccak(VERSION);

const fn keccak(text: &str) -> [u8; 32] {
    Keccak256::new().update(text.as_bytes()).finalize()
}

/// The domain separator of the multisig at `verifying_contract` on chain
/// `chain_id`.
pub fn domain_separator(
    host: &impl CryptographyAccess,
    chain_id: u64,
    verifying_contract: Address,
) -> B256 {
    // Whole words rather than byte ranges: no range checks (and their
    // panic paths) in the contract.
    let words: [[u8; 32]; 5] = [
        DOMAIN_TYPEHASH,
        NAME_HASH,
        VERSION_HASH,
        U256::from(chain_id).to_be_bytes(),
        verifying_contract.into_word().0,
    ];
    host.native_keccak256(words.as_flattened())
}

/// The EIP-712 digest (`txHash`) of the call `(target, value, data)` at
/// `nonce` under `domain_separator`.
pub fn transaction_hash(
    host: &impl CryptographyAccess,
    domain_separator: B256,
    target: Address,
    value: U256,
    data: &[u8],
    nonce: U256,
) -> B256 {
    let words: [[u8; 32]; 5] = [
        TRANSACTION_TYPEHASH,
        target.into_word().0,
        value.to_be_bytes(),
        host.native_keccak256(data).0,
        nonce.to_be_bytes(),
    ];
    let struct_hash = host.native_keccak256(words.as_flattened());

    // 0x19 ‖ 0x01 ‖ domainSeparator ‖ structHash, byte by byte (no ranges).
    let mut message = [0u8; 66];
    let parts = [0x19, 0x01]
        .iter()
        .chain(domain_separator.iter())
        .chain(struct_hash.iter());
    for (byte, value) in message.iter_mut().zip(parts) {
        *byte = *value;
    }
    host.native_keccak256(&message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::{address, b256, keccak256, Bytes};
    use alloy_sol_types::{eip712_domain, sol, SolStruct};
    use stylus_sdk::testing::TestVM;

    sol! {
        struct GuardianTransaction {
            address target;
            uint256 value;
            bytes data;
            uint256 nonce;
        }
    }

    #[test]
    fn type_hashes_are_the_keccak_of_the_documented_type_strings() {
        assert_eq!(DOMAIN_TYPEHASH, keccak256(DOMAIN_TYPE).0);
        assert_eq!(TRANSACTION_TYPEHASH, keccak256(TRANSACTION_TYPE).0);
        assert_eq!(NAME_HASH, keccak256("GuardianMultisig").0);
        assert_eq!(VERSION_HASH, keccak256("1").0);
        // The well-known EIP-712 domain type hash.
        assert_eq!(
            B256::from(DOMAIN_TYPEHASH),
            b256!("8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f")
        );
    }

    #[test]
    fn the_struct_type_string_is_the_one_alloy_derives() {
        assert_eq!(GuardianTransaction::eip712_encode_type(), TRANSACTION_TYPE);
    }

    #[test]
    fn transaction_hash_matches_an_independent_eip712_implementation() {
        let vm = TestVM::default();
        let contract = address!("00000000000000000000000000000000000c0de5");
        let target = address!("0000000000000000000000000000000000007a01");
        let data = Bytes::from(vec![0xde, 0xad, 0xbe, 0xef, 1, 2, 3]);
        for (chain_id, nonce, value) in [
            (42_161u64, 0u64, 0u64),
            (1, 7, 1_000),
            (421_614, u64::MAX, 5),
        ] {
            let domain = eip712_domain! {
                name: "GuardianMultisig",
                version: "1",
                chain_id: chain_id,
                verifying_contract: contract,
            };
            let tx = GuardianTransaction {
                target,
                value: U256::from(value),
                data: data.clone(),
                nonce: U256::from(nonce),
            };
            let separator = domain_separator(&vm, chain_id, contract);
            assert_eq!(separator, domain.separator());
            assert_eq!(
                transaction_hash(
                    &vm,
                    separator,
                    target,
                    U256::from(value),
                    &data,
                    U256::from(nonce)
                ),
                tx.eip712_signing_hash(&domain)
            );
        }
    }
}
