//! [`PendingTransaction`]: a transaction ready to be mined — decoded from signed bytes with its
//! sender recovered, or built for an impersonated sender.

use crate::error::DevnetError;
use alloy_consensus::{
    transaction::SignerRecoverable, SignableTransaction, Signed, Transaction as _, TxEip1559,
    TxEnvelope,
};
use alloy_eips::{
    eip2718::{Decodable2718, Encodable2718},
    Typed2718,
};
use alloy_primitives::{keccak256, Address, Bytes, Signature, TxKind, B256, U256};
use revm::context::TxEnv;

/// A transaction with a known sender, ready for validation and execution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingTransaction {
    /// The transaction (for impersonated ones: signed with an all-zero signature).
    pub envelope: TxEnvelope,
    /// The sender (recovered from the signature, or the impersonated account).
    pub from: Address,
    /// The transaction hash (for impersonated ones: `keccak256(encoding ‖ sender)`, as anvil does,
    /// so that two senders' identical transactions do not collide).
    pub hash: B256,
}

/// Fields of a transaction sent on behalf of an account without its signature.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnsignedRequest {
    /// Sender.
    pub from: Address,
    /// Recipient; `None` creates a contract.
    pub to: Option<Address>,
    /// Value in wei.
    pub value: U256,
    /// Calldata or init code.
    pub input: Bytes,
    /// Nonce (must be the sender's next nonce).
    pub nonce: u64,
    /// Gas limit.
    pub gas_limit: u64,
    /// `maxFeePerGas`.
    pub max_fee_per_gas: u128,
    /// `maxPriorityFeePerGas`.
    pub max_priority_fee_per_gas: u128,
}

impl PendingTransaction {
    /// Decodes EIP-2718 bytes (legacy RLP, EIP-2930 or EIP-1559) and recovers the sender.
    ///
    /// # Errors
    /// [`DevnetError::TransactionDecoding`] for undecodable bytes,
    /// [`DevnetError::UnsupportedTransactionType`] for blob and EIP-7702 transactions,
    /// [`DevnetError::InvalidSignature`] when no sender can be recovered.
    pub fn decode_signed(raw: &[u8]) -> Result<Self, DevnetError> {
        let envelope = TxEnvelope::decode_2718_exact(raw)
            .map_err(|error| DevnetError::TransactionDecoding(error.to_string()))?;
        match envelope {
            TxEnvelope::Legacy(_) | TxEnvelope::Eip2930(_) | TxEnvelope::Eip1559(_) => {}
            TxEnvelope::Eip4844(_) | TxEnvelope::Eip7702(_) => {
                return Err(DevnetError::UnsupportedTransactionType(envelope.ty()));
            }
        }
        let from = envelope
            .recover_signer()
            .map_err(|error| DevnetError::InvalidSignature(error.to_string()))?;
        let hash = *envelope.tx_hash();
        Ok(Self {
            envelope,
            from,
            hash,
        })
    }

    /// An EIP-1559 transaction from `request.from` that needs no signature (the devnet's
    /// `eth_sendTransaction` and Rust API).
    pub fn impersonated(chain_id: u64, request: UnsignedRequest) -> Self {
        let transaction = TxEip1559 {
            chain_id,
            nonce: request.nonce,
            gas_limit: request.gas_limit,
            max_fee_per_gas: request.max_fee_per_gas,
            max_priority_fee_per_gas: request.max_priority_fee_per_gas,
            to: request.to.map_or(TxKind::Create, TxKind::Call),
            value: request.value,
            access_list: alloy_eips::eip2930::AccessList::default(),
            input: request.input,
        };
        let signed = transaction.into_signed(Signature::new(U256::ZERO, U256::ZERO, false));
        let mut preimage = signed.encoded_2718();
        preimage.extend_from_slice(request.from.as_slice());
        let hash = keccak256(&preimage);
        let (transaction, signature, _) = signed.into_parts();
        let envelope = TxEnvelope::Eip1559(Signed::new_unchecked(transaction, signature, hash));
        Self {
            envelope,
            from: request.from,
            hash,
        }
    }

    /// `gas_limit · max_fee + value`: what the sender must hold.
    pub fn max_cost(&self) -> U256 {
        U256::from(self.envelope.gas_limit()) * U256::from(self.envelope.max_fee_per_gas())
            + self.envelope.value()
    }

    /// Gas price actually paid in a block with `base_fee`.
    pub fn effective_gas_price(&self, base_fee: u64) -> u128 {
        self.envelope.effective_gas_price(Some(base_fee))
    }

    /// revm's view of the transaction.
    pub(crate) fn tx_env(&self) -> TxEnv {
        let envelope = &self.envelope;
        TxEnv {
            tx_type: envelope.ty(),
            caller: self.from,
            gas_limit: envelope.gas_limit(),
            gas_price: envelope.max_fee_per_gas(),
            kind: envelope.kind(),
            value: envelope.value(),
            data: envelope.input().clone(),
            nonce: envelope.nonce(),
            chain_id: envelope.chain_id(),
            access_list: envelope.access_list().cloned().unwrap_or_default(),
            gas_priority_fee: envelope.max_priority_fee_per_gas(),
            ..TxEnv::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(from: Address) -> UnsignedRequest {
        UnsignedRequest {
            from,
            to: Some(Address::repeat_byte(1)),
            gas_limit: 21_000,
            max_fee_per_gas: 100,
            ..UnsignedRequest::default()
        }
    }

    #[test]
    fn identical_impersonated_transactions_of_two_senders_have_different_hashes() {
        let first = PendingTransaction::impersonated(1, request(Address::repeat_byte(2)));
        let second = PendingTransaction::impersonated(1, request(Address::repeat_byte(3)));
        assert_ne!(first.hash, second.hash);
        assert_eq!(*first.envelope.tx_hash(), first.hash);
    }

    #[test]
    fn max_cost_is_gas_times_fee_cap_plus_value() {
        let mut fields = request(Address::repeat_byte(2));
        fields.value = U256::from(5);
        let transaction = PendingTransaction::impersonated(1, fields);
        assert_eq!(transaction.max_cost(), U256::from(21_000 * 100 + 5));
    }

    #[test]
    fn garbage_bytes_are_a_decoding_error() {
        assert!(matches!(
            PendingTransaction::decode_signed(&[0x02, 0xc0]),
            Err(DevnetError::TransactionDecoding(_))
        ));
        assert!(matches!(
            PendingTransaction::decode_signed(&[]),
            Err(DevnetError::TransactionDecoding(_))
        ));
    }
}
