//! The devnet's funded dev accounts: Nitro's devnode account first, then deterministic extras.

use alloy_primitives::{b256, keccak256, Address, B256, U256};
use k256::ecdsa::SigningKey;

/// Private key of the Nitro devnode's funded dev account (public: it is a dev chain's key).
pub const NITRO_DEV_KEY: B256 =
    b256!("b6b15c8cb491557369f3c7d2c287b053eb229daa9c22138887752191c9520659");

/// Balance each dev account starts with: 10,000 ETH.
pub const DEV_ACCOUNT_BALANCE: U256 = U256::from_limbs([0x19e0_c9ba_b240_0000, 0x21e, 0, 0]);

/// A funded account whose key the devnet holds (and prints: it is a dev chain).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DevAccount {
    /// The account's address.
    pub address: Address,
    /// The account's secp256k1 private key.
    pub private_key: B256,
}

impl DevAccount {
    /// The account of `private_key`.
    ///
    /// # Errors
    /// When `private_key` is not a valid secp256k1 scalar (zero or ≥ the curve order).
    pub fn from_private_key(private_key: B256) -> Result<Self, k256::ecdsa::Error> {
        let key = SigningKey::from_slice(private_key.as_slice())?;
        Ok(Self {
            address: Address::from_private_key(&key),
            private_key,
        })
    }
}

/// The first `count` dev accounts: the Nitro devnode account, then accounts whose keys are
/// `keccak256("stylus-devnet dev account {i}")` for `i = 1, 2, …`.
pub fn dev_accounts(count: usize) -> Vec<DevAccount> {
    let mut accounts = Vec::with_capacity(count);
    let mut index = 0u64;
    while accounts.len() < count {
        let key = if index == 0 {
            NITRO_DEV_KEY
        } else {
            keccak256(format!("stylus-devnet dev account {index}"))
        };
        // Every key here is a valid scalar (a keccak output is one with overwhelming probability);
        // an invalid one would be skipped.
        if let Ok(account) = DevAccount::from_private_key(key) {
            accounts.push(account);
        }
        index += 1;
    }
    accounts
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::address;

    #[test]
    fn nitro_dev_key_derives_the_devnode_address() {
        let account = DevAccount::from_private_key(NITRO_DEV_KEY).unwrap();
        assert_eq!(
            account.address,
            address!("3f1Eae7D46d88F08fc2F8ed27FCb2AB183EB2d0E")
        );
    }

    #[test]
    fn dev_accounts_are_distinct_and_deterministic() {
        let first = dev_accounts(10);
        assert_eq!(first, dev_accounts(10));
        let mut addresses: Vec<_> = first.iter().map(|account| account.address).collect();
        addresses.dedup();
        assert_eq!(addresses.len(), 10);
    }

    #[test]
    fn dev_account_balance_is_ten_thousand_ether() {
        assert_eq!(
            DEV_ACCOUNT_BALANCE,
            U256::from(10_000u64) * U256::from(10u64).pow(U256::from(18u64))
        );
    }
}
