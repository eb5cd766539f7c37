//! # EmergencyTimelock
//!
//! The admin of the PauseRegistry and the OracleSanityChecker: everything
//! that loosens protection waits here, while containing actions pass at once
//! through the emergency lane.
//!
//! ## OpenZeppelin compatibility
//! The ABI of OpenZeppelin 5.x's `TimelockController` — `schedule`,
//! `scheduleBatch`, `execute`, `executeBatch`, `cancel`, `hashOperation`,
//! `hashOperationBatch`, `getMinDelay`, `getTimestamp`, `getOperationState`,
//! `isOperation*`, `updateDelay`, the `AccessControl` views and role
//! management, its events and errors — with the same operation ids,
//! predecessor rule and `_DONE_TIMESTAMP = 1`, so existing tooling works.
//!
//! ## Beyond OpenZeppelin
//! - **Expiry**: a ready operation not executed within its grace window
//!   (default 7 days, 1–30 days, set by the timelock itself and pinned per
//!   operation when scheduled) lapses and can never run. OpenZeppelin's
//!   views report an expired operation as `Unset` (`getOperationState` 0,
//!   `getTimestamp` 0, `isOperation` false) — it may be scheduled anew, which
//!   starts a full delay; `isOperationExpired` tells it apart.
//! - **Codehash pinning**: every target's codehash is pinned when the
//!   operation is scheduled; execution refuses if any changed.
//! - **Bounded, setback delay**: the minimum delay stays within 1 hour – 30
//!   days and only the timelock changes it; a decrease takes effect only
//!   after the old delay has passed again (see [`config`]). No operation may
//!   be scheduled with a delay above 30 days.
//! - **Emergency lane**: the guardian (`GUARDIAN_ROLE`) may execute calls on
//!   an allowlist of risk-reducing `(target, selector)` pairs at once; the
//!   allowlist changes only through the delay.
//! - **Calls**: value forwarded, a failed call's revert data re-raised
//!   unchanged (also when empty), reentrancy into `execute*` refused, never
//!   a delegatecall.
//!
//! ## Roles
//! `PROPOSER_ROLE` schedules, `CANCELLER_ROLE` cancels (both: the guardian
//! multisig), `EXECUTOR_ROLE` executes (anyone when granted to
//! `address(0)`), `GUARDIAN_ROLE` uses the emergency lane. Only the timelock
//! itself (`DEFAULT_ADMIN_ROLE`, held by nobody else) grants and revokes.
//!
//! ## Calldata routing
//! The WASM build routes calldata with a hand-written router,
//! [`dispatch::Dispatcher`], instead of the one `#[public]` generates (which
//! inlines an alloy decoder per function, its generic dynamic-array decoder
//! for the batch functions among them: about a quarter of the program). It
//! answers every calldata exactly as the generated router does, which the
//! unit tests and the ABI export keep using; `tests::dispatch` checks the
//! two against each other.
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]
#![cfg_attr(not(any(test, feature = "export-abi")), no_std)]
// `#[entrypoint]` adds an undocumented `user_entrypoint` outside test builds;
// test builds (and so `clippy --all-targets`) still enforce `missing_docs`.
#![cfg_attr(not(test), allow(missing_docs))]

extern crate alloc;

// Links guard-abi, whose `panic` module is the WASM build's panic handler.
use guard_abi as _;

pub mod config;
pub mod dispatch;
pub mod errors;
pub mod events;
pub mod operation;
pub mod roles;

#[cfg(test)]
mod tests;

use alloc::{vec, vec::Vec};

use alloy_primitives::{Address, Bytes, FixedBytes, B256, U256};
use stylus_sdk::{
    call::call,
    prelude::*,
    storage::{StorageB256, StorageMap},
    stylus_core::calls::errors::Error as CallError,
};

use crate::{
    config::{
        ConfigWord, DelayUpdate, DEFAULT_GRACE_PERIOD, MAX_DELAY, MAX_GRACE_PERIOD,
        MIN_DELAY_LOWER_BOUND, MIN_GRACE_PERIOD,
    },
    errors::{
        AccessControlBadConfirmation, AccessControlUnauthorizedAccount, InvalidZeroAddress,
        TimelockEmergencyCallNotAllowed, TimelockError, TimelockExcessiveDelay,
        TimelockExpiredOperation, TimelockInsufficientDelay, TimelockInvalidGracePeriod,
        TimelockInvalidMinDelay, TimelockInvalidOperationLength, TimelockReentrantCall,
        TimelockTargetCodehashChanged, TimelockUnauthorizedCaller, TimelockUnexecutedPredecessor,
        TimelockUnexpectedOperationState, TimelockUnsupportedRole,
    },
    operation::{
        codehash_pin, hash_operation, hash_operation_batch, OperationState, OperationWord,
        MAX_TIMESTAMP,
    },
    roles::{
        role_bit, CANCELLER_ROLE, DEFAULT_ADMIN_ROLE, EXECUTOR_ROLE, GUARDIAN_ROLE, PROPOSER_ROLE,
    },
};

// The WASM build's entrypoint is `wasm_entrypoint` (below), which routes
// with `dispatch::Dispatcher`; host builds (unit tests, ABI export) keep the
// SDK's `#[entrypoint]` and `#[public]` router, which it matches exactly.
/// The EmergencyTimelock contract.
///
/// Storage: one configuration word ([`ConfigWord`]), one word per operation
/// ([`OperationWord`]: ready time, grace window and codehash pin), one role
/// byte per account and the emergency allowlist.
#[storage]
#[cfg_attr(not(target_arch = "wasm32"), entrypoint)]
pub struct EmergencyTimelock {
    /// [`ConfigWord`]: minimum delay (and a pending decrease), grace window,
    /// execution lock.
    config: StorageB256,
    /// Operation id → [`OperationWord`].
    operations: StorageMap<B256, StorageB256>,
    /// Account → role bits ([`roles::role_bit`]) in the word's last byte
    /// (whole-word slots: no read-modify-write on update).
    roles: StorageMap<Address, StorageB256>,
    /// Target → selector → allowed in the emergency lane.
    /// (1 in the last byte: allowed).
    emergency_calls: StorageMap<Address, StorageMap<FixedBytes<4>, StorageB256>>,
}

// SAFETY: what `#[entrypoint]` on the struct declares in other builds: the
// contract is the top-level storage, at slot 0, which nothing else aliases.
#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)]
unsafe impl stylus_sdk::stylus_core::storage::TopLevelStorage for EmergencyTimelock {}

/// The WASM entrypoint: the SDK's `user_entrypoint` (storage cache flushed,
/// result written; reentrancy is the contract's own check, feature
/// `reentrant`) and
/// [`guard_abi::entry::route_calldata`] (the SDK's `router_entrypoint` order: constructor
/// selector, unknown selectors, receive and fallback), with
/// [`dispatch::Dispatcher`] routing the selectors.
#[cfg(target_arch = "wasm32")]
#[entrypoint]
fn wasm_entrypoint(input: Vec<u8>, host: stylus_sdk::host::VM) -> stylus_sdk::ArbResult {
    guard_abi::entry::route_calldata::<dispatch::Dispatcher, EmergencyTimelock>(&input, host)
}

// ABI arguments arrive owned from the router; views that only read them
// still take them by value.
#[allow(clippy::needless_pass_by_value)]
#[public]
impl EmergencyTimelock {
    /// Sets up the timelock, administered by itself from now on.
    ///
    /// # Arguments
    /// * `min_delay` - the initial minimum delay (1 hour – 30 days).
    /// * `proposers` - granted `PROPOSER_ROLE` and `CANCELLER_ROLE`.
    /// * `executors` - granted `EXECUTOR_ROLE` (`address(0)`: anyone).
    /// * `guardian` - granted `GUARDIAN_ROLE` (the emergency lane).
    ///
    /// # Errors
    /// `TimelockInvalidMinDelay`, `InvalidZeroAddress` (guardian).
    ///
    /// # Events
    /// `RoleGranted` (the timelock as admin, then each grant),
    /// `MinDelayChange(0, minDelay)`, `GracePeriodChange(0, 7 days)`.
    #[constructor]
    pub fn constructor(
        &mut self,
        min_delay: U256,
        proposers: Vec<Address>,
        executors: Vec<Address>,
        guardian: Address,
    ) -> Result<(), TimelockError> {
        let min_delay = check_min_delay(min_delay)?;
        if guardian.is_zero() {
            return Err(InvalidZeroAddress {}.into());
        }
        let this = self.vm().contract_address();
        let sender = self.vm().msg_sender();
        events::role_changed(self.vm(), true, DEFAULT_ADMIN_ROLE, this, sender);
        for p in proposers {
            self.grant(PROPOSER_ROLE, p, sender);
            self.grant(CANCELLER_ROLE, p, sender);
        }
        for e in executors {
            self.grant(EXECUTOR_ROLE, e, sender);
        }
        self.grant(GUARDIAN_ROLE, guardian, sender);
        self.store_config(ConfigWord {
            min_delay,
            grace: DEFAULT_GRACE_PERIOD,
            ..ConfigWord::default()
        });
        events::min_delay_change(self.vm(), 0, min_delay.into());
        events::grace_period_change(self.vm(), 0, DEFAULT_GRACE_PERIOD.into());
        Ok(())
    }

    /// Accepts ether: operations may forward value.
    #[receive]
    #[payable]
    pub fn receive(&mut self) -> Result<(), Vec<u8>> {
        Ok(())
    }

    // ------------------------------------------------------------------
    // Scheduling
    // ------------------------------------------------------------------

    /// Schedules a single call, executable from `now + delay` until its
    /// grace window ends; pins the target's codehash.
    ///
    /// # Arguments
    /// * `target`, `value`, `data` - the call.
    /// * `predecessor` - an operation that must be done first (0: none).
    /// * `salt` - distinguishes otherwise identical operations.
    /// * `delay` - seconds, from the minimum delay in force to 30 days.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount` (not a proposer),
    /// `TimelockUnexpectedOperationState` (already waiting, ready or done),
    /// `TimelockInsufficientDelay`, `TimelockExcessiveDelay`.
    ///
    /// # Events
    /// `CallScheduled`, and `CallSalt` if `salt` is not 0.
    pub fn schedule(
        &mut self,
        target: Address,
        value: U256,
        data: Bytes,
        predecessor: B256,
        salt: B256,
        delay: U256,
    ) -> Result<(), TimelockError> {
        self.check_role(PROPOSER_ROLE)?;
        let id = hash_operation(target, value, &data, predecessor, salt);
        self.schedule_operation(
            id,
            &[target],
            &[value],
            core::slice::from_ref(&data),
            predecessor,
            salt,
            delay,
        )
    }

    /// Schedules a batch of calls executed in order, atomically; pins every
    /// target's codehash.
    ///
    /// # Arguments
    /// * `targets`, `values`, `payloads` - the calls (equal lengths).
    /// * `predecessor`, `salt`, `delay` - as for [`Self::schedule`].
    ///
    /// # Errors
    /// As [`Self::schedule`], and `TimelockInvalidOperationLength`.
    ///
    /// # Events
    /// One `CallScheduled` per call, and `CallSalt` if `salt` is not 0.
    pub fn schedule_batch(
        &mut self,
        targets: Vec<Address>,
        values: Vec<U256>,
        payloads: Vec<Bytes>,
        predecessor: B256,
        salt: B256,
        delay: U256,
    ) -> Result<(), TimelockError> {
        self.check_role(PROPOSER_ROLE)?;
        check_lengths(&targets, &values, &payloads)?;
        let id = hash_operation_batch(&targets, &values, &payloads, predecessor, salt);
        self.schedule_operation(id, &targets, &values, &payloads, predecessor, salt, delay)
    }

    /// Cancels a waiting or ready operation (its id may be scheduled again).
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount` (not a canceller),
    /// `TimelockUnexpectedOperationState` (not waiting or ready: unset,
    /// done or expired).
    ///
    /// # Events
    /// `Cancelled`.
    pub fn cancel(&mut self, id: B256) -> Result<(), TimelockError> {
        self.check_role(CANCELLER_ROLE)?;
        let state = self.record(id).state(self.now());
        if !matches!(state, OperationState::Waiting | OperationState::Ready) {
            return Err(unexpected_state(
                id,
                OperationState::Waiting.bitmap() | OperationState::Ready.bitmap(),
            ));
        }
        self.operations.setter(id).set(B256::ZERO);
        events::cancelled(self.vm(), id);
        Ok(())
    }

    // ------------------------------------------------------------------
    // Execution
    // ------------------------------------------------------------------

    /// Executes a ready single-call operation, forwarding `value` from the
    /// timelock's balance.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount` (not an executor, and the role is
    /// not open), `TimelockReentrantCall`, `TimelockUnexpectedOperationState`
    /// (not ready), `TimelockExpiredOperation`, `TimelockUnexecutedPredecessor`,
    /// `TimelockTargetCodehashChanged`; if the call fails, its revert data
    /// unchanged.
    ///
    /// # Events
    /// `CallExecuted`.
    #[payable]
    pub fn execute(
        &mut self,
        target: Address,
        value: U256,
        payload: Bytes,
        predecessor: B256,
        salt: B256,
    ) -> Result<(), Vec<u8>> {
        self.check_executor()?;
        let id = hash_operation(target, value, &payload, predecessor, salt);
        self.run_operation(
            id,
            predecessor,
            &[target],
            &[value],
            core::slice::from_ref(&payload),
        )
    }

    /// Executes a ready batch operation: every call in order, all or none.
    ///
    /// # Errors
    /// As [`Self::execute`], and `TimelockInvalidOperationLength`.
    ///
    /// # Events
    /// One `CallExecuted` per call.
    #[payable]
    pub fn execute_batch(
        &mut self,
        targets: Vec<Address>,
        values: Vec<U256>,
        payloads: Vec<Bytes>,
        predecessor: B256,
        salt: B256,
    ) -> Result<(), Vec<u8>> {
        self.check_executor()?;
        check_lengths(&targets, &values, &payloads)?;
        let id = hash_operation_batch(&targets, &values, &payloads, predecessor, salt);
        self.run_operation(id, predecessor, &targets, &values, &payloads)
    }

    /// The emergency lane: the guardian executes an allowlisted
    /// `(target, selector)` call at once, forwarding `value`. The call's own
    /// limits still apply (e.g. a pause still expires).
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount` (not a guardian),
    /// `TimelockReentrantCall`, `TimelockEmergencyCallNotAllowed` (not on the
    /// allowlist, or calldata shorter than a selector); if the call fails,
    /// its revert data unchanged.
    ///
    /// # Events
    /// `EmergencyCallExecuted`.
    #[payable]
    pub fn execute_emergency(
        &mut self,
        target: Address,
        value: U256,
        data: Bytes,
    ) -> Result<(), Vec<u8>> {
        self.check_role(GUARDIAN_ROLE)?;
        let mut config = self.config_word();
        if config.executing {
            return Err(TimelockError::from(TimelockReentrantCall {}).into());
        }
        let selector = selector_of(&data);
        if data.len() < 4 || !self.is_emergency_call(target, selector) {
            return Err(
                TimelockError::from(TimelockEmergencyCallNotAllowed { target, selector }).into(),
            );
        }
        config.executing = true;
        self.store_config(config);
        self.perform(target, value, &data)?;
        events::emergency_call_executed(self.vm(), self.vm().msg_sender(), target, value, &data);
        self.end_execution();
        Ok(())
    }

    // ------------------------------------------------------------------
    // Self-administration (only through an executed operation)
    // ------------------------------------------------------------------

    /// Changes the minimum delay: an increase at once, a decrease only after
    /// the delay in force has passed again (see [`config`]).
    ///
    /// # Errors
    /// `TimelockUnauthorizedCaller` (not the timelock itself),
    /// `TimelockInvalidMinDelay` (outside 1 hour – 30 days).
    ///
    /// # Events
    /// `MinDelayChange` (applied) or `MinDelayDecreaseScheduled`.
    pub fn update_delay(&mut self, new_delay: U256) -> Result<(), TimelockError> {
        self.only_self()?;
        let new_delay = check_min_delay(new_delay)?;
        let now = self.now();
        let mut config = self.config_word();
        let update = config.update_delay(new_delay, now);
        self.store_config(config);
        match update {
            DelayUpdate::Applied { old } => {
                events::min_delay_change(self.vm(), old.into(), new_delay.into());
            }
            DelayUpdate::Scheduled { old, effective_at } => {
                events::min_delay_decrease_scheduled(
                    self.vm(),
                    old.into(),
                    new_delay.into(),
                    effective_at,
                );
            }
        }
        Ok(())
    }

    /// Changes the grace window of operations scheduled from now on
    /// (operations already scheduled keep theirs).
    ///
    /// # Errors
    /// `TimelockUnauthorizedCaller`, `TimelockInvalidGracePeriod` (outside
    /// 1 – 30 days).
    ///
    /// # Events
    /// `GracePeriodChange`.
    pub fn update_grace_period(&mut self, new_grace_period: U256) -> Result<(), TimelockError> {
        self.only_self()?;
        let grace = match u32::try_from(new_grace_period) {
            Ok(g) if (MIN_GRACE_PERIOD..=MAX_GRACE_PERIOD).contains(&g) => g,
            _ => {
                return Err(TimelockInvalidGracePeriod {
                    gracePeriod: new_grace_period,
                    lowerBound: U256::from(MIN_GRACE_PERIOD),
                    upperBound: U256::from(MAX_GRACE_PERIOD),
                }
                .into())
            }
        };
        let mut config = self.config_word();
        let old = config.grace;
        config.grace = grace;
        self.store_config(config);
        events::grace_period_change(self.vm(), old.into(), grace.into());
        Ok(())
    }

    /// Adds `(target, selector)` to the emergency allowlist or removes it.
    ///
    /// # Errors
    /// `TimelockUnauthorizedCaller` (not the timelock itself).
    ///
    /// # Events
    /// `EmergencyCallChanged`.
    pub fn set_emergency_call(
        &mut self,
        target: Address,
        selector: FixedBytes<4>,
        allowed: bool,
    ) -> Result<(), TimelockError> {
        self.only_self()?;
        self.emergency_calls
            .setter(target)
            .setter(selector)
            .set(B256::with_last_byte(u8::from(allowed)));
        events::emergency_call_changed(self.vm(), target, selector, allowed);
        Ok(())
    }

    /// Grants `role` to `account` (no event if it already has it).
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount` (not the timelock itself),
    /// `TimelockUnsupportedRole` (`DEFAULT_ADMIN_ROLE` or unknown).
    ///
    /// # Events
    /// `RoleGranted`.
    pub fn grant_role(&mut self, role: B256, account: Address) -> Result<(), TimelockError> {
        self.only_admin()?;
        supported(role)?;
        self.grant(role, account, self.vm().msg_sender());
        Ok(())
    }

    /// Revokes `role` from `account` (no event if it does not have it).
    ///
    /// # Errors
    /// As [`Self::grant_role`].
    ///
    /// # Events
    /// `RoleRevoked`.
    pub fn revoke_role(&mut self, role: B256, account: Address) -> Result<(), TimelockError> {
        self.only_admin()?;
        let bit = supported(role)?;
        self.revoke(role, bit, account);
        Ok(())
    }

    /// Gives up one of the caller's own roles, at once (lowering one's own
    /// power needs no delay).
    ///
    /// # Arguments
    /// * `role` - the role.
    /// * `caller_confirmation` - must be the caller.
    ///
    /// # Errors
    /// `AccessControlBadConfirmation`, `TimelockUnsupportedRole`.
    ///
    /// # Events
    /// `RoleRevoked`.
    pub fn renounce_role(
        &mut self,
        role: B256,
        caller_confirmation: Address,
    ) -> Result<(), TimelockError> {
        if caller_confirmation != self.vm().msg_sender() {
            return Err(AccessControlBadConfirmation {}.into());
        }
        let bit = supported(role)?;
        self.revoke(role, bit, caller_confirmation);
        Ok(())
    }

    // ------------------------------------------------------------------
    // Views
    // ------------------------------------------------------------------

    /// The id of a single-call operation: `keccak256(abi.encode(target,
    /// value, data, predecessor, salt))`.
    pub fn hash_operation(
        &self,
        target: Address,
        value: U256,
        data: Bytes,
        predecessor: B256,
        salt: B256,
    ) -> B256 {
        hash_operation(target, value, &data, predecessor, salt)
    }

    /// The id of a batch operation: `keccak256(abi.encode(targets, values,
    /// payloads, predecessor, salt))`.
    pub fn hash_operation_batch(
        &self,
        targets: Vec<Address>,
        values: Vec<U256>,
        payloads: Vec<Bytes>,
        predecessor: B256,
        salt: B256,
    ) -> B256 {
        hash_operation_batch(&targets, &values, &payloads, predecessor, salt)
    }

    /// OpenZeppelin's `OperationState`: 0 Unset, 1 Waiting, 2 Ready, 3 Done.
    /// An expired operation reads as 0 (Unset).
    pub fn get_operation_state(&self, id: B256) -> u8 {
        self.state(id).oz_compatible() as u8
    }

    /// When the operation becomes ready: 0 unset (or expired), 1 done.
    pub fn get_timestamp(&self, id: B256) -> U256 {
        let record = self.record(id);
        match record.state(self.now()) {
            OperationState::Unset | OperationState::Expired => U256::ZERO,
            _ => U256::from(record.timestamp),
        }
    }

    /// The first second at which a scheduled operation is expired (0 for
    /// unset and done operations).
    pub fn get_expiry(&self, id: B256) -> U256 {
        let record = self.record(id);
        match record.state(self.now()) {
            OperationState::Unset | OperationState::Done => U256::ZERO,
            _ => U256::from(record.expires_at()),
        }
    }

    /// Whether the operation is waiting, ready or done.
    pub fn is_operation(&self, id: B256) -> bool {
        self.state(id).oz_compatible() != OperationState::Unset
    }

    /// Whether the operation is waiting or ready.
    pub fn is_operation_pending(&self, id: B256) -> bool {
        matches!(
            self.state(id),
            OperationState::Waiting | OperationState::Ready
        )
    }

    /// Whether the operation may be executed now.
    pub fn is_operation_ready(&self, id: B256) -> bool {
        self.state(id) == OperationState::Ready
    }

    /// Whether the operation was executed.
    pub fn is_operation_done(&self, id: B256) -> bool {
        self.state(id) == OperationState::Done
    }

    /// Whether the operation lapsed: ready once, not executed in its grace
    /// window, never executable.
    pub fn is_operation_expired(&self, id: B256) -> bool {
        self.state(id) == OperationState::Expired
    }

    /// The minimum delay in force now.
    pub fn get_min_delay(&self) -> U256 {
        U256::from(self.config_word().min_delay_at(self.now()))
    }

    /// A decrease of the minimum delay not yet in force: `(newDelay,
    /// effectiveAt)`, or `(0, 0)`.
    pub fn get_pending_min_delay(&self) -> (U256, U256) {
        self.config_word()
            .pending_at_time(self.now())
            .map_or((U256::ZERO, U256::ZERO), |(d, at)| {
                (U256::from(d), U256::from(at))
            })
    }

    /// The grace window given to operations scheduled now.
    pub fn get_grace_period(&self) -> U256 {
        U256::from(self.config_word().grace)
    }

    /// Whether `(target, selector)` is on the emergency allowlist.
    pub fn is_emergency_call(&self, target: Address, selector: FixedBytes<4>) -> bool {
        self.emergency_calls.getter(target).get(selector) != B256::ZERO
    }

    /// Whether `account` has `role` (`DEFAULT_ADMIN_ROLE`: only the timelock itself).
    pub fn has_role(&self, role: B256, account: Address) -> bool {
        match role_bit(role) {
            Some(bit) => self.role_bits(account) & bit != 0,
            None => role == DEFAULT_ADMIN_ROLE && account == self.vm().contract_address(),
        }
    }

    /// The admin of every role: `DEFAULT_ADMIN_ROLE` (the timelock itself).
    pub fn get_role_admin(&self, role: B256) -> B256 {
        let _ = role;
        DEFAULT_ADMIN_ROLE
    }

    /// `DEFAULT_ADMIN_ROLE` (0x00).
    #[selector(name = "DEFAULT_ADMIN_ROLE")]
    pub fn default_admin_role(&self) -> B256 {
        DEFAULT_ADMIN_ROLE
    }

    /// `keccak256("PROPOSER_ROLE")`.
    #[selector(name = "PROPOSER_ROLE")]
    pub fn proposer_role(&self) -> B256 {
        PROPOSER_ROLE
    }

    /// `keccak256("CANCELLER_ROLE")`.
    #[selector(name = "CANCELLER_ROLE")]
    pub fn canceller_role(&self) -> B256 {
        CANCELLER_ROLE
    }

    /// `keccak256("EXECUTOR_ROLE")`.
    #[selector(name = "EXECUTOR_ROLE")]
    pub fn executor_role(&self) -> B256 {
        EXECUTOR_ROLE
    }

    /// `keccak256("GUARDIAN_ROLE")`.
    #[selector(name = "GUARDIAN_ROLE")]
    pub fn guardian_role(&self) -> B256 {
        GUARDIAN_ROLE
    }
}

// Internal helpers.
impl EmergencyTimelock {
    fn now(&self) -> u64 {
        self.vm().block_timestamp()
    }

    fn config_word(&self) -> ConfigWord {
        ConfigWord::unpack(self.config.get())
    }

    fn store_config(&mut self, config: ConfigWord) {
        self.config.set(config.pack());
    }

    fn record(&self, id: B256) -> OperationWord {
        OperationWord::unpack(self.operations.get(id))
    }

    fn state(&self, id: B256) -> OperationState {
        self.record(id).state(self.now())
    }

    /// The pin of `targets`' current codehashes.
    fn pin_of(&self, targets: &[Address]) -> [u8; 24] {
        codehash_pin(targets.iter().map(|t| self.vm().code_hash(*t)))
    }

    fn role_bits(&self, account: Address) -> u8 {
        self.roles.get(account).0[31]
    }

    fn check_role(&self, role: B256) -> Result<(), TimelockError> {
        let sender = self.vm().msg_sender();
        if self.has_role(role, sender) {
            Ok(())
        } else {
            Err(AccessControlUnauthorizedAccount {
                account: sender,
                neededRole: role,
            }
            .into())
        }
    }

    /// OpenZeppelin's `onlyRoleOrOpenRole(EXECUTOR_ROLE)`.
    fn check_executor(&self) -> Result<(), TimelockError> {
        if self.has_role(EXECUTOR_ROLE, Address::ZERO) {
            Ok(())
        } else {
            self.check_role(EXECUTOR_ROLE)
        }
    }

    /// Only the timelock itself (OpenZeppelin's `updateDelay` check).
    fn only_self(&self) -> Result<(), TimelockError> {
        let sender = self.vm().msg_sender();
        if sender == self.vm().contract_address() {
            Ok(())
        } else {
            Err(TimelockUnauthorizedCaller { caller: sender }.into())
        }
    }

    /// Only the holder of `DEFAULT_ADMIN_ROLE`, i.e. the timelock itself
    /// (OpenZeppelin's `onlyRole(getRoleAdmin(role))`).
    fn only_admin(&self) -> Result<(), TimelockError> {
        self.check_role(DEFAULT_ADMIN_ROLE)
    }

    fn grant(&mut self, role: B256, account: Address, sender: Address) {
        let Some(bit) = role_bit(role) else { return };
        let bits = self.role_bits(account);
        if bits & bit == 0 {
            self.roles
                .setter(account)
                .set(B256::with_last_byte(bits | bit));
            events::role_changed(self.vm(), true, role, account, sender);
        }
    }

    fn revoke(&mut self, role: B256, bit: u8, account: Address) {
        let bits = self.role_bits(account);
        if bits & bit != 0 {
            self.roles
                .setter(account)
                .set(B256::with_last_byte(bits & !bit));
            events::role_changed(self.vm(), false, role, account, self.vm().msg_sender());
        }
    }

    /// OpenZeppelin's `_schedule`, plus the delay cap and the pin, then
    /// the events.
    #[allow(clippy::too_many_arguments)] // The operation's own fields.
    fn schedule_operation(
        &mut self,
        id: B256,
        targets: &[Address],
        values: &[U256],
        payloads: &[Bytes],
        predecessor: B256,
        salt: B256,
        delay: U256,
    ) -> Result<(), TimelockError> {
        let now = self.now();
        let record = self.record(id);
        if matches!(
            record.state(now),
            OperationState::Waiting | OperationState::Ready | OperationState::Done
        ) {
            return Err(unexpected_state(id, OperationState::Unset.bitmap()));
        }
        let config = self.config_word();
        let min_delay = config.min_delay_at(now);
        if delay < U256::from(min_delay) {
            return Err(TimelockInsufficientDelay {
                delay,
                minDelay: U256::from(min_delay),
            }
            .into());
        }
        // `delay ≤ MAX_DELAY` fits in u64; the ready time must fit in 40 bits.
        let ready_at = u64::try_from(delay)
            .ok()
            .filter(|d| *d <= u64::from(MAX_DELAY))
            .and_then(|d| now.checked_add(d))
            .filter(|t| *t <= MAX_TIMESTAMP)
            .ok_or(TimelockExcessiveDelay {
                delay,
                maxDelay: U256::from(MAX_DELAY),
            })?;
        let pin = self.pin_of(targets);
        self.operations.setter(id).set(
            OperationWord {
                timestamp: ready_at,
                grace: config.grace,
                pin,
            }
            .pack(),
        );
        for (i, ((target, value), data)) in targets.iter().zip(values).zip(payloads).enumerate() {
            events::call_scheduled(self.vm(), id, i, *target, *value, data, predecessor, delay);
        }
        if !salt.is_zero() {
            events::call_salt(self.vm(), id, salt);
        }
        Ok(())
    }

    /// Every check before an operation's calls, then the effects: the
    /// operation is marked done and the execution lock taken before any
    /// call is made (a failing call reverts both).
    fn begin_execution(
        &mut self,
        id: B256,
        predecessor: B256,
        targets: &[Address],
    ) -> Result<(), TimelockError> {
        let mut config = self.config_word();
        if config.executing {
            return Err(TimelockReentrantCall {}.into());
        }
        let record = self.record(id);
        match record.state(self.now()) {
            OperationState::Ready => {}
            OperationState::Expired => {
                return Err(TimelockExpiredOperation {
                    operationId: id,
                    expiredAt: U256::from(record.expires_at()),
                }
                .into())
            }
            _ => return Err(unexpected_state(id, OperationState::Ready.bitmap())),
        }
        if !predecessor.is_zero() && self.state(predecessor) != OperationState::Done {
            return Err(TimelockUnexecutedPredecessor {
                predecessorId: predecessor,
            }
            .into());
        }
        if record.pin != self.pin_of(targets) {
            return Err(TimelockTargetCodehashChanged { operationId: id }.into());
        }
        self.operations.setter(id).set(OperationWord::DONE.pack());
        config.executing = true;
        self.store_config(config);
        Ok(())
    }

    /// Executes a ready operation: the checks and effects, every call in
    /// order (stopping at the first failure, whose revert data is returned),
    /// the events, and the lock's release.
    fn run_operation(
        &mut self,
        id: B256,
        predecessor: B256,
        targets: &[Address],
        values: &[U256],
        payloads: &[Bytes],
    ) -> Result<(), Vec<u8>> {
        self.begin_execution(id, predecessor, targets)?;
        for (i, ((target, value), data)) in targets.iter().zip(values).zip(payloads).enumerate() {
            self.perform(*target, *value, data)?;
            events::call_executed(self.vm(), id, i, *target, *value, data);
        }
        self.end_execution();
        Ok(())
    }

    /// Releases the execution lock. Re-reads the config: an executed call
    /// may have changed it (e.g. `updateDelay` on the timelock itself).
    fn end_execution(&mut self) {
        let mut config = self.config_word();
        config.executing = false;
        self.store_config(config);
    }

    /// Calls `target` with `value` and `data`; a failure's revert data is
    /// returned unchanged. Never a delegatecall.
    fn perform(&mut self, target: Address, value: U256, data: &[u8]) -> Result<(), Vec<u8>> {
        match call(self.vm(), Call::new().value(value), target, data) {
            Ok(_) => Ok(()),
            Err(CallError::Revert(data)) => Err(data),
            // `call` returns no other error; fail with empty data if it ever did.
            Err(CallError::AbiDecodingFailed(_)) => Err(Vec::new()),
        }
    }
}

fn check_min_delay(delay: U256) -> Result<u32, TimelockError> {
    match u32::try_from(delay) {
        Ok(d) if (MIN_DELAY_LOWER_BOUND..=MAX_DELAY).contains(&d) => Ok(d),
        _ => Err(TimelockInvalidMinDelay {
            delay,
            lowerBound: U256::from(MIN_DELAY_LOWER_BOUND),
            upperBound: U256::from(MAX_DELAY),
        }
        .into()),
    }
}

fn check_lengths(
    targets: &[Address],
    values: &[U256],
    payloads: &[Bytes],
) -> Result<(), TimelockError> {
    if targets.len() == values.len() && targets.len() == payloads.len() {
        Ok(())
    } else {
        Err(TimelockInvalidOperationLength {
            targets: U256::from(targets.len()),
            payloads: U256::from(payloads.len()),
            values: U256::from(values.len()),
        }
        .into())
    }
}

/// The stored bit of a role that may be granted, revoked or renounced.
fn supported(role: B256) -> Result<u8, TimelockError> {
    role_bit(role).ok_or_else(|| TimelockUnsupportedRole { role }.into())
}

fn unexpected_state(id: B256, expected: B256) -> TimelockError {
    TimelockUnexpectedOperationState {
        operationId: id,
        expectedStates: expected,
    }
    .into()
}

/// The first four bytes of `data`, zero-padded.
fn selector_of(data: &[u8]) -> FixedBytes<4> {
    let mut s = [0u8; 4];
    let n = data.len().min(4);
    s[..n].copy_from_slice(&data[..n]);
    FixedBytes(s)
}
