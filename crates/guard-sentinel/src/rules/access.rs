//! Access anomalies: role, admin, ownership and upgrade events sent by an
//! unexpected address, and bursts of reverted calls to watched contracts.

use std::collections::VecDeque;

use alloy::{
    primitives::{keccak256, Address, B256},
    sol_types::SolEvent,
};
use guard_suite::bindings::{
    IEmergencyTimelock, IGuardianMultisig, IOracleSanityChecker, IPauseRegistry,
};
use serde::{Deserialize, Serialize};

use crate::{
    measured,
    signal::{Observation, SignalKind},
};

/// Events of other common admin surfaces (OpenZeppelin `Ownable`,
/// `AccessControl`, ERC-1967 proxies), by signature.
const COMMON_ADMIN_EVENTS: [&str; 6] = [
    "OwnershipTransferred(address,address)",
    "OwnershipTransferStarted(address,address)",
    "RoleAdminChanged(bytes32,bytes32,bytes32)",
    "Upgraded(address)",
    "AdminChanged(address,address)",
    "BeaconUpgraded(address)",
];

/// The name of the admin event whose topic 0 is `topic`, if it is one.
pub fn admin_event_name(topic: B256) -> Option<&'static str> {
    let suite: [(B256, &'static str); 22] = [
        (
            IPauseRegistry::AdminTransferStarted::SIGNATURE_HASH,
            "AdminTransferStarted",
        ),
        (
            IPauseRegistry::AdminTransferred::SIGNATURE_HASH,
            "AdminTransferred",
        ),
        (
            IPauseRegistry::GuardianChanged::SIGNATURE_HASH,
            "GuardianChanged",
        ),
        (
            IPauseRegistry::OracleChanged::SIGNATURE_HASH,
            "OracleChanged",
        ),
        (
            IPauseRegistry::SentinelUpdated::SIGNATURE_HASH,
            "SentinelUpdated",
        ),
        (
            IPauseRegistry::SentinelRemoved::SIGNATURE_HASH,
            "SentinelRemoved",
        ),
        (
            IPauseRegistry::SentinelPolicyChanged::SIGNATURE_HASH,
            "SentinelPolicyChanged",
        ),
        (
            IPauseRegistry::MarketConfigChanged::SIGNATURE_HASH,
            "MarketConfigChanged",
        ),
        (
            IPauseRegistry::IncidentLookbackChanged::SIGNATURE_HASH,
            "IncidentLookbackChanged",
        ),
        (
            IOracleSanityChecker::MarketConfigured::SIGNATURE_HASH,
            "MarketConfigured",
        ),
        (
            IOracleSanityChecker::SequencerConfigChanged::SIGNATURE_HASH,
            "SequencerConfigChanged",
        ),
        (
            IOracleSanityChecker::TvlTiersConfigured::SIGNATURE_HASH,
            "TvlTiersConfigured",
        ),
        (
            IEmergencyTimelock::RoleGranted::SIGNATURE_HASH,
            "RoleGranted",
        ),
        (
            IEmergencyTimelock::RoleRevoked::SIGNATURE_HASH,
            "RoleRevoked",
        ),
        (
            IEmergencyTimelock::MinDelayChange::SIGNATURE_HASH,
            "MinDelayChange",
        ),
        (
            IEmergencyTimelock::EmergencyCallChanged::SIGNATURE_HASH,
            "EmergencyCallChanged",
        ),
        (
            IEmergencyTimelock::GracePeriodChange::SIGNATURE_HASH,
            "GracePeriodChange",
        ),
        (IGuardianMultisig::OwnerAdded::SIGNATURE_HASH, "OwnerAdded"),
        (
            IGuardianMultisig::OwnerRemoved::SIGNATURE_HASH,
            "OwnerRemoved",
        ),
        (
            IGuardianMultisig::ThresholdChanged::SIGNATURE_HASH,
            "ThresholdChanged",
        ),
        (
            IGuardianMultisig::EmergencyThresholdChanged::SIGNATURE_HASH,
            "EmergencyThresholdChanged",
        ),
        (
            IGuardianMultisig::ProposalLifetimeChanged::SIGNATURE_HASH,
            "ProposalLifetimeChanged",
        ),
    ];
    if let Some((_, name)) = suite.iter().find(|(hash, _)| *hash == topic) {
        return Some(name);
    }
    COMMON_ADMIN_EVENTS
        .iter()
        .find(|signature| keccak256(signature.as_bytes()) == topic)
        .map(|signature| signature.split('(').next().unwrap_or(signature))
}

/// The access signal of one admin event: active when `sender` (the
/// transaction's signer) is not expected.
pub fn admin_event_observation(
    contract: Address,
    event: &str,
    sender: Address,
    expected: &[Address],
    block: u64,
    transaction: B256,
) -> Observation {
    Observation::when(
        !expected.contains(&sender),
        SignalKind::AccessAnomaly,
        contract.to_string(),
        None,
        measured! {
            "event" => event,
            "sender" => sender.to_string(),
            "block" => block,
            "transaction" => transaction.to_string(),
        },
    )
}

/// Reverted calls to watched contracts per block, over a sliding window of blocks.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct RevertWindow {
    /// `(block, reverted calls)` for blocks with at least one, oldest first.
    pub entries: VecDeque<(u64, u32)>,
}

impl RevertWindow {
    /// Adds `count` reverted calls in `block` (ignored when 0).
    pub fn push(&mut self, block: u64, count: u32) {
        if count > 0 {
            self.entries.push_back((block, count));
        }
    }

    /// Reverted calls in the `window` blocks ending at `block`.
    pub fn total(&mut self, block: u64, window: u64) -> u32 {
        let first = block.saturating_sub(window.saturating_sub(1));
        while self.entries.front().is_some_and(|(b, _)| *b < first) {
            self.entries.pop_front();
        }
        self.entries.iter().map(|(_, c)| *c).sum()
    }
}

/// The revert-burst signal at `block`.
pub fn revert_burst_observation(
    count: u32,
    threshold: u32,
    window_blocks: u64,
    block: u64,
) -> Observation {
    Observation::when(
        count >= threshold,
        SignalKind::RevertBurst,
        "watched",
        None,
        measured! {
            "reverted_calls" => count,
            "threshold" => threshold,
            "window_blocks" => window_blocks,
            "block" => block,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suite_and_common_admin_events_are_recognised_and_others_are_not() {
        assert_eq!(
            admin_event_name(IPauseRegistry::GuardianChanged::SIGNATURE_HASH),
            Some("GuardianChanged")
        );
        assert_eq!(
            admin_event_name(keccak256("OwnershipTransferred(address,address)")),
            Some("OwnershipTransferred")
        );
        assert_eq!(
            admin_event_name(IPauseRegistry::Paused::SIGNATURE_HASH),
            None
        );
    }

    #[test]
    fn an_admin_event_from_an_unexpected_sender_is_an_anomaly() {
        let timelock = Address::repeat_byte(1);
        let stranger = Address::repeat_byte(9);
        let expected = [timelock];
        let ok = admin_event_observation(
            Address::ZERO,
            "GuardianChanged",
            timelock,
            &expected,
            1,
            B256::ZERO,
        );
        assert!(!ok.is_active());
        let bad = admin_event_observation(
            Address::ZERO,
            "GuardianChanged",
            stranger,
            &expected,
            1,
            B256::ZERO,
        );
        assert!(bad.is_active());
        assert_eq!(bad.measured.unwrap()["sender"], stranger.to_string());
    }

    #[test]
    fn the_revert_window_counts_only_its_blocks() {
        let mut window = RevertWindow::default();
        window.push(1, 2);
        window.push(5, 0);
        window.push(9, 3);
        assert_eq!(window.total(10, 10), 5);
        assert_eq!(window.total(11, 10), 3);
        assert!(!revert_burst_observation(3, 4, 10, 11).is_active());
        assert!(revert_burst_observation(4, 4, 10, 11).is_active());
    }
}
