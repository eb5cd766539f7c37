//! # GuardianMultisig
//!
//! The security council of Stylus Incident Guard: an M-of-N multisig that
//! is the guardian of the PauseRegistry and the OracleSanityChecker and the
//! proposer/canceller of the EmergencyTimelock.
//!
//! ## Owners and thresholds
//! 1 to 20 owners (no zero address, not the multisig itself, no
//! duplicates), kept sorted by address; a threshold `1 ≤ t ≤ owners` for any
//! call and an emergency threshold `1 ≤ e ≤ t` for the **emergency lane**:
//! calls whose `(target, selector)` is on the allowlist of risk-reducing
//! calls, carry no value and have at least 4 bytes of calldata. The
//! multisig's own address is never in the lane, so its configuration always
//! needs the full threshold.
//!
//! Owners, thresholds, the allowlist and the proposal lifetime change only
//! by **self-call**: the multisig executing, at the full threshold, a call
//! to one of its own functions (`addOwner`, `removeOwner`, `changeThreshold`, `changeEmergencyThreshold`, `setEmergencyCall`,
//! `setProposalLifetime`); called by anyone else they revert
//! `UnauthorizedAccount`. Removing an owner takes the new threshold in the
//! same call (as Safe's `removeOwner`), and is refused unless
//! `emergency ≤ threshold ≤ owners left`: a removal can never leave the
//! council unable to reach its threshold.
//!
//! ## Executing a call
//! 1. **Signatures**: `executeWithSignatures(target, value, data,
//!    signatures)` — the owners sign the EIP-712 digest of
//!    `GuardianTransaction(address target,uint256 value,bytes data,uint256
//!    nonce)` (see [`eip712`]; `getTransactionHash` computes it), 65-byte
//!    `r ‖ s ‖ v` signatures with `v` 27/28 and low `s` (see
//!    [`signature`]), concatenated by strictly ascending signer address;
//!    every signer must be a current owner and there must be at least the
//!    needed threshold of them. The nonce increments on success.
//! 2. **On-chain**: an owner `propose`s (counting as its confirmation),
//!    owners `confirm` or `revoke`, and anyone may `execute` once the
//!    confirmations that count reach the needed threshold, before the
//!    proposal expires (see [`proposal`]). An owner-set change voids pending
//!    confirmations, so a removed owner's confirmation never counts.
//!
//! The needed threshold (full or emergency) is decided when the call runs,
//! from the configuration in force then.
//!
//! ## A failed call reverts everything
//! If the executed call reverts, the whole transaction reverts with
//! `CallReverted(target, reason)` carrying the call's revert data: the nonce
//! is not consumed (the proposal stays unexecuted) and the signatures stay
//! valid for exactly that call at that nonce. This is the safer rule:
//! - with the other rule (consume the nonce and return `false`) whoever
//!   relays the signatures could make the call fail on purpose — e.g. by
//!   giving it too little gas (EIP-150's 63/64 rule) — and burn the
//!   council's signatures in the middle of an incident;
//! - a failure never half-applies: no state change on any error;
//! - pending signatures are never stranded: the owners invalidate them by
//!   executing any other transaction at the same nonce.
//!
//! The call is a plain `CALL` (value from the multisig's balance), never a
//! `delegatecall`. Reentrancy is safe without a lock: the nonce is
//! incremented and a proposal marked executed before the call, and a
//! reentrant execution needs its own signatures or confirmations.
//!
//! ## Calldata routing
//! The WASM build routes calldata with a hand-written router,
//! [`dispatch::Dispatcher`], instead of the one `#[public]` generates (which
//! inlines an alloy decoder and encoder per function and makes the
//! deployed contract larger). It answers every calldata exactly as the
//! generated router does, which the unit tests and the ABI export keep
//! using; `tests::dispatch` checks the two against each other.
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]
#![cfg_attr(not(any(test, feature = "export-abi")), no_std)]
// `#[entrypoint]` adds an undocumented `user_entrypoint` outside test builds
// (and `#[public]` an undocumented ABI printer with `export-abi`); plain test
// builds (and so `clippy --all-targets`) still enforce `missing_docs`.
#![cfg_attr(any(not(test), feature = "export-abi"), allow(missing_docs))]

extern crate alloc;

// Links guard-abi, whose `panic` module is the WASM build's panic handler.
use guard_abi as _;

pub mod config;
pub mod dispatch;
pub mod eip712;
pub mod errors;
pub mod events;
pub mod owners;
pub mod proposal;
pub mod signature;

#[cfg(test)]
mod tests;

use alloc::{vec, vec::Vec};

use alloy_primitives::{Address, Bytes, FixedBytes, B256, U256, U32, U64};
use stylus_sdk::{
    call::RawCall,
    prelude::*,
    storage::{StorageAddress, StorageB256, StorageBool, StorageMap, StorageU8, StorageVec},
};

use crate::{
    config::{Config, MAX_OWNERS},
    errors::{
        AlreadyConfirmed, CallReverted, InsufficientConfirmations, InsufficientSignatures,
        InvalidEmergencyTarget, InvalidOwnerCount, InvalidSignature, InvalidSignaturesLength,
        MultisigError, NotConfirmed, NotOwner, OwnerNotFound, SignerNotOwner, SignersNotAscending,
        UnauthorizedAccount,
    },
    events::{
        emit, ConfirmationRevoked, EmergencyCallChanged, ProposalConfirmed, ProposalCreated,
        ProposalExecuted, ProposalLifetimeChanged, TransactionExecuted,
    },
    owners::{check_lifetime, check_thresholds},
    proposal::Proposal,
    signature::{ecrecover, recovery_input, SIGNATURE_LENGTH},
};

// The WASM build's entrypoint is `wasm_entrypoint` (below), which routes
// with `dispatch::Dispatcher`; host builds (unit tests, ABI export) keep the
// SDK's `#[entrypoint]` and `#[public]` router, which it matches exactly.
/// The GuardianMultisig contract.
///
/// Storage: the configuration word ([`Config`]: nonce, proposal count and
/// lifetime, owner-set version, thresholds), the sorted owner list, owner →
/// position + 1, the emergency allowlist and the proposals.
#[storage]
#[cfg_attr(not(target_arch = "wasm32"), entrypoint)]
pub struct GuardianMultisig {
    /// [`Config`], packed.
    config: StorageB256,
    /// The owners, sorted by address.
    owners: StorageVec<StorageAddress>,
    /// Owner → its position in `owners` + 1 (0: not an owner).
    owner_positions: StorageMap<Address, StorageU8>,
    /// Target → selector → allowed in the emergency lane.
    emergency_calls: StorageMap<Address, StorageMap<FixedBytes<4>, StorageBool>>,
    /// Proposal id (from 1) → proposal.
    proposals: StorageMap<U256, Proposal>,
}

// SAFETY: what `#[entrypoint]` on the struct declares in other builds: the
// contract is the top-level storage, at slot 0, which nothing else aliases.
#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)]
unsafe impl stylus_sdk::stylus_core::storage::TopLevelStorage for GuardianMultisig {}

/// The WASM entrypoint: the SDK's `user_entrypoint` (reentrancy allowed by
/// stylus-proc's `reentrant` feature, storage cache flushed, result
/// written) and
/// [`guard_abi::entry::route_calldata`] (the SDK's `router_entrypoint` order: constructor
/// selector, unknown selectors, receive and fallback), with [`dispatch::Dispatcher`] routing
/// the selectors.
#[cfg(target_arch = "wasm32")]
#[entrypoint]
fn wasm_entrypoint(input: Vec<u8>, host: stylus_sdk::host::VM) -> stylus_sdk::ArbResult {
    guard_abi::entry::route_calldata::<dispatch::Dispatcher, GuardianMultisig>(&input, host)
}

#[public]
impl GuardianMultisig {
    /// Sets up the council.
    ///
    /// # Arguments
    /// * `owners` - 1 to 20 distinct owners, in any order (stored sorted).
    /// * `threshold` - signatures or confirmations for any call.
    /// * `emergency_threshold` - for allowlisted emergency calls (≤ threshold).
    /// * `proposal_lifetime` - seconds a proposal stays executable (1 hour – 30 days).
    ///
    /// # Errors
    /// `InvalidOwnerCount`, `InvalidThreshold`, `InvalidEmergencyThreshold`,
    /// `InvalidProposalLifetime`, `InvalidOwner`, `DuplicateOwner` (the
    /// deployment reverts).
    ///
    /// # Events
    /// `OwnerAdded` per owner, `ThresholdChanged`,
    /// `EmergencyThresholdChanged`, `ProposalLifetimeChanged`.
    #[constructor]
    pub fn constructor(
        &mut self,
        owners: Vec<Address>,
        threshold: U256,
        emergency_threshold: U256,
        proposal_lifetime: U256,
    ) -> Result<(), MultisigError> {
        if owners.is_empty() || owners.len() > MAX_OWNERS {
            return Err(InvalidOwnerCount {
                count: U256::from(owners.len()),
            }
            .into());
        }
        let (threshold, emergency) =
            check_thresholds(threshold, emergency_threshold, owners.len())?;
        let lifetime = check_lifetime(proposal_lifetime)?;
        for owner in owners {
            self.insert_owner(owner)?;
        }
        let mut config = Config {
            proposal_lifetime: lifetime,
            ..Config::default()
        };
        self.apply_thresholds(&mut config, threshold, emergency);
        self.store_config(config);
        emit(
            self.vm(),
            ProposalLifetimeChanged {
                lifetime: u64::from(lifetime),
            },
        );
        Ok(())
    }

    /// Accepts ether: executed calls may send value.
    #[receive]
    #[payable]
    pub fn receive(&mut self) -> Result<(), Vec<u8>> {
        Ok(())
    }

    // ------------------------------------------------------------------
    // Execution with signatures
    // ------------------------------------------------------------------

    /// Executes `(target, value, data)` authorized by owners' EIP-712
    /// signatures over `getTransactionHash(target, value, data, nonce())`.
    ///
    /// # Arguments
    /// * `target`, `value`, `data` - the call (`value` from the multisig's balance).
    /// * `signatures` - 65-byte `r ‖ s ‖ v` signatures, by strictly
    ///   ascending signer address, at least the needed threshold of them
    ///   (the emergency threshold for an emergency-lane call).
    ///
    /// # Returns
    /// The call's return data.
    ///
    /// # Errors
    /// `InvalidSignaturesLength`, `InsufficientSignatures`,
    /// `InvalidSignatureV`, `InvalidSignatureS`, `InvalidSignature`,
    /// `SignerNotOwner` (also: a replayed nonce, another chain or another
    /// multisig), `SignersNotAscending` (unsorted or duplicate signers); `CallReverted` if
    /// the call fails (the whole transaction reverts, the nonce stays).
    ///
    /// # Events
    /// `TransactionExecuted`.
    #[allow(clippy::needless_pass_by_value)] // ABI arguments arrive owned.
    pub fn execute_with_signatures(
        &mut self,
        target: Address,
        value: U256,
        data: Bytes,
        signatures: Bytes,
    ) -> Result<Bytes, MultisigError> {
        let mut config = self.config();
        let required = self.needed_threshold(&config, target, value, &data);
        let nonce = U256::from(config.nonce);
        let tx_hash = self.transaction_hash(target, value, &data, nonce);
        self.check_signatures(tx_hash, &signatures, required)?;
        config.nonce += 1;
        self.store_config(config);
        let output = self.perform(target, value, &data)?;
        emit(
            self.vm(),
            TransactionExecuted {
                txHash: tx_hash,
                nonce,
                target,
                value,
            },
        );
        Ok(output)
    }

    // ------------------------------------------------------------------
    // On-chain proposals
    // ------------------------------------------------------------------

    /// Proposes `(target, value, data)`; the proposer's confirmation counts.
    ///
    /// # Returns
    /// The proposal id (1, 2, ...).
    ///
    /// # Errors
    /// `NotOwner`.
    ///
    /// # Events
    /// `ProposalCreated`, `ProposalConfirmed`.
    pub fn propose(
        &mut self,
        target: Address,
        value: U256,
        data: Bytes,
    ) -> Result<U256, MultisigError> {
        let proposer = self.vm().msg_sender();
        let position = self
            .owner_position(proposer)
            .ok_or(NotOwner { account: proposer })?;
        let mut config = self.config();
        config.proposal_count += 1;
        let id = U256::from(config.proposal_count);
        let expires_at = self.vm().block_timestamp() + u64::from(config.proposal_lifetime);
        let mut proposal = self.proposals.setter(id);
        proposal.target.set(target);
        proposal.expires_at.set(U64::from(expires_at));
        proposal.confirmations.set(U32::from(1u32 << position));
        proposal
            .owners_version
            .set(U32::from(config.owners_version));
        if !value.is_zero() {
            proposal.value.set(value);
        }
        proposal.set_data(&data);
        self.store_config(config);
        emit(
            self.vm(),
            ProposalCreated {
                proposalId: id,
                proposer,
                target,
                value,
                data,
                expiresAt: expires_at,
            },
        );
        emit(
            self.vm(),
            ProposalConfirmed {
                proposalId: id,
                owner: proposer,
            },
        );
        Ok(id)
    }

    /// Confirms a proposal as the calling owner.
    ///
    /// # Errors
    /// `NotOwner`, `UnknownProposal`, `ProposalAlreadyExecuted`,
    /// `ProposalExpired`, `AlreadyConfirmed`.
    ///
    /// # Events
    /// `ProposalConfirmed`.
    pub fn confirm(&mut self, proposal_id: U256) -> Result<(), MultisigError> {
        let owner = self.vm().msg_sender();
        let bit = self.owner_bit(owner)?;
        let version = self.config().owners_version;
        let now = self.vm().block_timestamp();
        let mut proposal = self.proposals.setter(proposal_id);
        proposal.check_active(proposal_id, now)?;
        let confirmations = proposal.current_confirmations(version);
        if confirmations & bit != 0 {
            return Err(AlreadyConfirmed {
                proposalId: proposal_id,
                owner,
            }
            .into());
        }
        proposal.confirmations.set(U32::from(confirmations | bit));
        proposal.owners_version.set(U32::from(version));
        emit(
            self.vm(),
            ProposalConfirmed {
                proposalId: proposal_id,
                owner,
            },
        );
        Ok(())
    }

    /// Withdraws the calling owner's confirmation of a proposal.
    ///
    /// # Errors
    /// `NotOwner`, `UnknownProposal`, `ProposalAlreadyExecuted`,
    /// `ProposalExpired`, `NotConfirmed` (none, or given under an earlier
    /// owner set).
    ///
    /// # Events
    /// `ConfirmationRevoked`.
    pub fn revoke(&mut self, proposal_id: U256) -> Result<(), MultisigError> {
        let owner = self.vm().msg_sender();
        let bit = self.owner_bit(owner)?;
        let version = self.config().owners_version;
        let now = self.vm().block_timestamp();
        let mut proposal = self.proposals.setter(proposal_id);
        proposal.check_active(proposal_id, now)?;
        let confirmations = proposal.current_confirmations(version);
        if confirmations & bit == 0 {
            return Err(NotConfirmed {
                proposalId: proposal_id,
                owner,
            }
            .into());
        }
        proposal.confirmations.set(U32::from(confirmations & !bit));
        emit(
            self.vm(),
            ConfirmationRevoked {
                proposalId: proposal_id,
                owner,
            },
        );
        Ok(())
    }

    /// Executes a proposal whose confirmations (by current owners, under
    /// the current owner set) reach the needed threshold. Anyone may call.
    ///
    /// # Returns
    /// The call's return data.
    ///
    /// # Errors
    /// `UnknownProposal`, `ProposalAlreadyExecuted`, `ProposalExpired`,
    /// `InsufficientConfirmations`; `CallReverted` if the call fails (the
    /// whole transaction reverts, the proposal stays executable).
    ///
    /// # Events
    /// `ProposalExecuted`.
    pub fn execute(&mut self, proposal_id: U256) -> Result<Bytes, MultisigError> {
        let config = self.config();
        let now = self.vm().block_timestamp();
        let (confirmations, (target, value, data)) = {
            let proposal = self.proposals.getter(proposal_id);
            proposal.check_active(proposal_id, now)?;
            (
                proposal
                    .current_confirmations(config.owners_version)
                    .count_ones(),
                proposal.call(),
            )
        };
        let required = self.needed_threshold(&config, target, value, &data);
        if confirmations < u32::from(required) {
            return Err(InsufficientConfirmations {
                proposalId: proposal_id,
                confirmations: U256::from(confirmations),
                required: U256::from(required),
            }
            .into());
        }
        self.proposals.setter(proposal_id).executed.set(true);
        let output = self.perform(target, value, &data)?;
        emit(
            self.vm(),
            ProposalExecuted {
                proposalId: proposal_id,
            },
        );
        Ok(output)
    }

    // ------------------------------------------------------------------
    // Self-administration (only by a call the multisig executes to itself)
    // ------------------------------------------------------------------

    /// Adds an owner and sets the threshold.
    ///
    /// # Arguments
    /// * `owner` - the new owner.
    /// * `threshold` - the threshold from now on (emergency ≤ it ≤ owners).
    ///
    /// # Errors
    /// `UnauthorizedAccount` (not a self-call), `InvalidOwnerCount` (already
    /// 20), `InvalidThreshold`, `InvalidOwner`, `DuplicateOwner`.
    ///
    /// # Events
    /// `OwnerAdded`, `ThresholdChanged` (if it changes).
    pub fn add_owner(&mut self, owner: Address, threshold: U256) -> Result<(), MultisigError> {
        self.only_self()?;
        let count = self.owner_count() + 1;
        if count > MAX_OWNERS {
            return Err(InvalidOwnerCount {
                count: U256::from(count),
            }
            .into());
        }
        let mut config = self.config();
        let emergency = config.emergency_threshold;
        let (threshold, _) = check_thresholds(threshold, U256::from(emergency), count)?;
        self.insert_owner(owner)?;
        config.owners_version = config.owners_version.wrapping_add(1);
        self.apply_thresholds(&mut config, threshold, emergency);
        self.store_config(config);
        Ok(())
    }

    /// Removes an owner and sets the threshold in the same change; refused
    /// unless `emergency ≤ threshold ≤ owners left` (lower the emergency
    /// threshold first if needed).
    ///
    /// # Arguments
    /// * `owner` - the owner to remove.
    /// * `threshold` - the threshold from now on.
    ///
    /// # Errors
    /// `UnauthorizedAccount`, `OwnerNotFound`, `InvalidOwnerCount` (the last
    /// owner), `InvalidThreshold`, `InvalidEmergencyThreshold`.
    ///
    /// # Events
    /// `OwnerRemoved`, `ThresholdChanged` (if it changes).
    pub fn remove_owner(&mut self, owner: Address, threshold: U256) -> Result<(), MultisigError> {
        self.only_self()?;
        let position = self.owner_position(owner).ok_or(OwnerNotFound { owner })?;
        let count = self.owner_count() - 1;
        if count == 0 {
            return Err(InvalidOwnerCount { count: U256::ZERO }.into());
        }
        let mut config = self.config();
        let emergency = config.emergency_threshold;
        let (threshold, _) = check_thresholds(threshold, U256::from(emergency), count)?;
        self.remove_owner_at(position, owner);
        config.owners_version = config.owners_version.wrapping_add(1);
        self.apply_thresholds(&mut config, threshold, emergency);
        self.store_config(config);
        Ok(())
    }

    /// Sets the threshold (emergency threshold ≤ it ≤ owners).
    ///
    /// # Errors
    /// `UnauthorizedAccount`, `InvalidThreshold`, `InvalidEmergencyThreshold`.
    ///
    /// # Events
    /// `ThresholdChanged` (if it changes).
    pub fn change_threshold(&mut self, threshold: U256) -> Result<(), MultisigError> {
        self.only_self()?;
        let mut config = self.config();
        let emergency = config.emergency_threshold;
        let (threshold, _) =
            check_thresholds(threshold, U256::from(emergency), self.owner_count())?;
        self.apply_thresholds(&mut config, threshold, emergency);
        self.store_config(config);
        Ok(())
    }

    /// Sets the emergency threshold (1 ≤ it ≤ threshold).
    ///
    /// # Errors
    /// `UnauthorizedAccount`, `InvalidEmergencyThreshold`.
    ///
    /// # Events
    /// `EmergencyThresholdChanged` (if it changes).
    pub fn change_emergency_threshold(
        &mut self,
        emergency_threshold: U256,
    ) -> Result<(), MultisigError> {
        self.only_self()?;
        let mut config = self.config();
        let threshold = config.threshold;
        let (_, emergency) = check_thresholds(
            U256::from(threshold),
            emergency_threshold,
            self.owner_count(),
        )?;
        self.apply_thresholds(&mut config, threshold, emergency);
        self.store_config(config);
        Ok(())
    }

    /// Adds `(target, selector)` to the emergency allowlist of risk-reducing
    /// calls, or removes it.
    ///
    /// # Errors
    /// `UnauthorizedAccount`, `InvalidEmergencyTarget` (the multisig itself).
    ///
    /// # Events
    /// `EmergencyCallChanged`.
    pub fn set_emergency_call(
        &mut self,
        target: Address,
        selector: FixedBytes<4>,
        allowed: bool,
    ) -> Result<(), MultisigError> {
        self.only_self()?;
        if target == self.vm().contract_address() {
            return Err(InvalidEmergencyTarget { target }.into());
        }
        self.emergency_calls
            .setter(target)
            .setter(selector)
            .set(allowed);
        emit(
            self.vm(),
            EmergencyCallChanged {
                target,
                selector,
                allowed,
            },
        );
        Ok(())
    }

    /// Sets the lifetime of proposals created from now on (existing ones
    /// keep their expiry).
    ///
    /// # Errors
    /// `UnauthorizedAccount`, `InvalidProposalLifetime` (outside 1 hour – 30 days).
    ///
    /// # Events
    /// `ProposalLifetimeChanged`.
    pub fn set_proposal_lifetime(&mut self, lifetime: U256) -> Result<(), MultisigError> {
        self.only_self()?;
        let mut config = self.config();
        config.proposal_lifetime = check_lifetime(lifetime)?;
        self.store_config(config);
        emit(
            self.vm(),
            ProposalLifetimeChanged {
                lifetime: u64::from(config.proposal_lifetime),
            },
        );
        Ok(())
    }

    // ------------------------------------------------------------------
    // Views
    // ------------------------------------------------------------------

    /// The nonce the next signed transaction must carry.
    pub fn nonce(&self) -> U256 {
        U256::from(self.config().nonce)
    }

    /// The owners, sorted by address.
    pub fn get_owners(&self) -> Vec<Address> {
        (0..self.owner_count())
            .map(|i| self.owners.get(i).unwrap_or_default())
            .collect()
    }

    /// Whether `account` is an owner.
    pub fn is_owner(&self, account: Address) -> bool {
        self.owner_position(account).is_some()
    }

    /// Signatures or confirmations needed for any call.
    pub fn threshold(&self) -> U256 {
        U256::from(self.config().threshold)
    }

    /// Signatures or confirmations needed for an emergency-lane call.
    pub fn emergency_threshold(&self) -> U256 {
        U256::from(self.config().emergency_threshold)
    }

    /// Whether `(target, selector)` is on the emergency allowlist.
    pub fn is_emergency_call(&self, target: Address, selector: FixedBytes<4>) -> bool {
        self.emergency_calls.getter(target).get(selector)
    }

    /// Seconds a new proposal stays executable.
    pub fn proposal_lifetime(&self) -> U256 {
        U256::from(self.config().proposal_lifetime)
    }

    /// A proposal's state: expiry (0: no such proposal), whether it was
    /// executed, and the confirmations that count now. (Its call is in the
    /// `ProposalCreated` event.)
    pub fn get_proposal(&self, proposal_id: U256) -> (U256, bool, U256) {
        let version = self.config().owners_version;
        let proposal = self.proposals.getter(proposal_id);
        let confirmations = proposal.current_confirmations(version).count_ones();
        (
            U256::from(proposal.expires_at()),
            proposal.executed.get(),
            U256::from(confirmations),
        )
    }

    /// The EIP-712 digest the owners sign for `(target, value, data)` at
    /// `nonce` (see [`eip712`]).
    #[allow(clippy::needless_pass_by_value)] // ABI arguments arrive owned.
    pub fn get_transaction_hash(
        &self,
        target: Address,
        value: U256,
        data: Bytes,
        nonce: U256,
    ) -> B256 {
        self.transaction_hash(target, value, &data, nonce)
    }
}

// Internal helpers.
impl GuardianMultisig {
    fn config(&self) -> Config {
        Config::unpack(self.config.get())
    }

    fn store_config(&mut self, config: Config) {
        self.config.set(config.pack());
    }

    /// Only the multisig itself.
    fn only_self(&self) -> Result<(), MultisigError> {
        let sender = self.vm().msg_sender();
        if sender == self.vm().contract_address() {
            Ok(())
        } else {
            Err(UnauthorizedAccount { account: sender }.into())
        }
    }

    /// The confirmation bit of `account`.
    fn owner_bit(&self, account: Address) -> Result<u32, MultisigError> {
        self.owner_position(account)
            .map(|position| 1u32 << position)
            .ok_or_else(|| NotOwner { account }.into())
    }

    /// The emergency threshold for an emergency-lane call (allowlisted
    /// `(target, selector)`, no value, ≥ 4 bytes of calldata, not the
    /// multisig itself), else the threshold.
    fn needed_threshold(&self, config: &Config, target: Address, value: U256, data: &[u8]) -> u8 {
        if config.emergency_threshold < config.threshold
            && value.is_zero()
            && data.len() >= 4
            && target != self.vm().contract_address()
            && self
                .emergency_calls
                .getter(target)
                .get(FixedBytes([data[0], data[1], data[2], data[3]]))
        {
            config.emergency_threshold
        } else {
            config.threshold
        }
    }

    /// The EIP-712 domain separator (name "GuardianMultisig", version "1",
    /// this chain, this contract).
    fn domain_separator(&self) -> B256 {
        eip712::domain_separator(
            self.vm(),
            self.vm().chain_id(),
            self.vm().contract_address(),
        )
    }

    fn transaction_hash(&self, target: Address, value: U256, data: &[u8], nonce: U256) -> B256 {
        eip712::transaction_hash(
            self.vm(),
            self.domain_separator(),
            target,
            value,
            data,
            nonce,
        )
    }

    /// Checks `signatures` over `tx_hash`: whole 65-byte signatures, at
    /// least `required`, each valid, each by an owner, signers strictly
    /// ascending. The owner check comes before the order check so that a
    /// signature over another digest (a replay) reports `SignerNotOwner`.
    fn check_signatures(
        &self,
        tx_hash: B256,
        signatures: &[u8],
        required: u8,
    ) -> Result<(), MultisigError> {
        if !signatures.len().is_multiple_of(SIGNATURE_LENGTH) {
            return Err(InvalidSignaturesLength {
                length: U256::from(signatures.len()),
            }
            .into());
        }
        let count = signatures.len() / SIGNATURE_LENGTH;
        if count < usize::from(required) {
            return Err(InsufficientSignatures {
                signatures: U256::from(count),
                required: U256::from(required),
            }
            .into());
        }
        let mut previous = Address::ZERO;
        for (index, chunk) in signatures.chunks_exact(SIGNATURE_LENGTH).enumerate() {
            let Ok(signature) = <&[u8; SIGNATURE_LENGTH]>::try_from(chunk) else {
                continue; // unreachable: `chunks_exact` yields whole signatures
            };
            let input = recovery_input(tx_hash, signature, index)?;
            let signer = ecrecover(self.vm(), &input).ok_or(InvalidSignature {
                index: U256::from(index),
            })?;
            if self.owner_position(signer).is_none() {
                return Err(SignerNotOwner {
                    index: U256::from(index),
                    signer,
                    txHash: tx_hash,
                }
                .into());
            }
            // `signer <= previous` on the bytes (see `insert_owner`).
            if signer.as_slice() <= previous.as_slice() {
                return Err(SignersNotAscending {
                    index: U256::from(index),
                    signer,
                    previous,
                }
                .into());
            }
            previous = signer;
        }
        Ok(())
    }

    /// Calls `target` with `value` and `data` (never a delegatecall), all
    /// gas offered, as `stylus_sdk::call::call` does: the storage cache is
    /// flushed and cleared first. `RawCall` instead of `call` because its
    /// error is the revert data itself: `call`'s error type (with an ABI
    /// decoding variant `call` never returns) costs ~0.5 KB of compressed
    /// WASM.
    ///
    /// # Errors
    /// `CallReverted` with the call's revert data.
    fn perform(
        &mut self,
        target: Address,
        value: U256,
        data: &[u8],
    ) -> Result<Bytes, MultisigError> {
        self.vm().flush_cache(true);
        // SAFETY: what `call` does: the storage cache was just flushed and
        // cleared, so no cached value is read after the call (which may
        // reenter the multisig).
        #[allow(unsafe_code)]
        let result = unsafe { RawCall::new_with_value(self.vm(), value).call(target, data) };
        match result {
            Ok(output) => Ok(output.into()),
            Err(reason) => Err(CallReverted {
                target,
                reason: reason.into(),
            }
            .into()),
        }
    }
}
