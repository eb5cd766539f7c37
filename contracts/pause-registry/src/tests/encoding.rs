//! The compact error and event encoder against alloy's: every error and
//! event the contract declares, byte for byte.

use guard_test_host::encoding::{assert_error_encoding, assert_event_encoding, Sample};

use crate::{
    errors::{self, PauseRegistryError},
    events,
};
use guard_abi::interfaces::ISettlementGuard::SettlementBlocked;

#[test]
fn every_event_encodes_as_alloy_does() {
    assert_event_encoding(&events::Paused {
        market: Sample::sample(1),
        account: Sample::sample(2),
        actions: Sample::sample(3),
        mask: Sample::sample(4),
        until: Sample::sample(5),
        reason: Sample::sample(6),
    });
    assert_event_encoding(&events::Unpaused {
        market: Sample::sample(1),
        account: Sample::sample(2),
        actions: Sample::sample(3),
        mask: Sample::sample(4),
    });
    assert_event_encoding(&events::MarketRegistered {
        market: Sample::sample(1),
        sequencerSensitive: Sample::sample(2),
        liquidationGrace: Sample::sample(3),
    });
    assert_event_encoding(&events::MarketConfigChanged {
        market: Sample::sample(1),
        oldSequencerSensitive: Sample::sample(2),
        oldLiquidationGrace: Sample::sample(3),
        sequencerSensitive: Sample::sample(4),
        liquidationGrace: Sample::sample(5),
    });
    assert_event_encoding(&events::MarketConfigRolledBack {
        market: Sample::sample(1),
        sequencerSensitive: Sample::sample(2),
        liquidationGrace: Sample::sample(3),
    });
    assert_event_encoding(&events::SentinelUpdated {
        sentinel: Sample::sample(1),
        durationCap: Sample::sample(2),
    });
    assert_event_encoding(&events::SentinelRemoved {
        sentinel: Sample::sample(1),
        account: Sample::sample(2),
    });
    assert_event_encoding(&events::SentinelPolicyChanged {
        budget: Sample::sample(1),
        window: Sample::sample(2),
        cooldown: Sample::sample(3),
    });
    assert_event_encoding(&events::IncidentDeclared {
        market: Sample::sample(1),
        account: Sample::sample(2),
        start: Sample::sample(3),
    });
    assert_event_encoding(&events::IncidentClosed {
        market: Sample::sample(1),
        account: Sample::sample(2),
        start: Sample::sample(3),
        end: Sample::sample(4),
    });
    assert_event_encoding(&events::IncidentLookbackChanged {
        oldLookback: Sample::sample(1),
        lookback: Sample::sample(2),
    });
    assert_event_encoding(&events::OracleChanged {
        oldOracle: Sample::sample(1),
        oracle: Sample::sample(2),
    });
    assert_event_encoding(&events::GuardianChanged {
        oldGuardian: Sample::sample(1),
        guardian: Sample::sample(2),
    });
    assert_event_encoding(&events::AdminTransferStarted {
        admin: Sample::sample(1),
        pendingAdmin: Sample::sample(2),
    });
    assert_event_encoding(&events::AdminTransferred {
        oldAdmin: Sample::sample(1),
        admin: Sample::sample(2),
    });
}

#[test]
fn every_error_encodes_as_alloy_does() {
    assert_error_encoding::<_, PauseRegistryError>(&errors::UnauthorizedAccount {
        account: Sample::sample(1),
    });
    assert_error_encoding::<_, PauseRegistryError>(&errors::InvalidZeroAddress {});
    assert_error_encoding::<_, PauseRegistryError>(&errors::InvalidActionMask {
        actions: Sample::sample(1),
    });
    assert_error_encoding::<_, PauseRegistryError>(&errors::InvalidPauseDuration {
        duration: Sample::sample(1),
        maxDuration: Sample::sample(2),
    });
    assert_error_encoding::<_, PauseRegistryError>(&errors::UnknownMarket {
        market: Sample::sample(1),
    });
    assert_error_encoding::<_, PauseRegistryError>(&errors::InvalidMarketId {});
    assert_error_encoding::<_, PauseRegistryError>(&errors::MarketAlreadyRegistered {
        market: Sample::sample(1),
    });
    assert_error_encoding::<_, PauseRegistryError>(&errors::InvalidLiquidationGrace {
        grace: Sample::sample(1),
        maxGrace: Sample::sample(2),
    });
    assert_error_encoding::<_, PauseRegistryError>(&errors::ConfigUnchanged {
        market: Sample::sample(1),
    });
    assert_error_encoding::<_, PauseRegistryError>(&errors::NoPreviousConfig {
        market: Sample::sample(1),
    });
    assert_error_encoding::<_, PauseRegistryError>(&errors::SentinelActionNotAllowed {
        actions: Sample::sample(1),
    });
    assert_error_encoding::<_, PauseRegistryError>(&errors::SentinelBudgetExhausted {
        sentinel: Sample::sample(1),
        windowEndsAt: Sample::sample(2),
    });
    assert_error_encoding::<_, PauseRegistryError>(&errors::SentinelCooldownActive {
        scope: Sample::sample(1),
        allowedAt: Sample::sample(2),
    });
    assert_error_encoding::<_, PauseRegistryError>(&errors::InvalidSentinelCap {
        cap: Sample::sample(1),
        maxCap: Sample::sample(2),
    });
    assert_error_encoding::<_, PauseRegistryError>(&errors::InvalidSentinelPolicy {
        budget: Sample::sample(1),
        window: Sample::sample(2),
        cooldown: Sample::sample(3),
    });
    assert_error_encoding::<_, PauseRegistryError>(&errors::UnknownSentinel {
        account: Sample::sample(1),
    });
    assert_error_encoding::<_, PauseRegistryError>(&errors::IncidentStartInFuture {
        start: Sample::sample(1),
        now: Sample::sample(2),
    });
    assert_error_encoding::<_, PauseRegistryError>(&errors::IncidentStartBeyondLookback {
        start: Sample::sample(1),
        earliest: Sample::sample(2),
    });
    assert_error_encoding::<_, PauseRegistryError>(&errors::IncidentAlreadyOpen {
        market: Sample::sample(1),
        start: Sample::sample(2),
    });
    assert_error_encoding::<_, PauseRegistryError>(&errors::NoOpenIncident {
        market: Sample::sample(1),
    });
    assert_error_encoding::<_, PauseRegistryError>(&errors::InvalidIncidentLookback {
        lookback: Sample::sample(1),
        maxLookback: Sample::sample(2),
    });
    assert_error_encoding::<_, PauseRegistryError>(&errors::ActionsNotPaused {
        market: Sample::sample(1),
        actions: Sample::sample(2),
    });
    assert_error_encoding::<_, PauseRegistryError>(&errors::GuardianMayOnlyLiftRiskReducing {
        actions: Sample::sample(1),
    });
    assert_error_encoding::<_, PauseRegistryError>(&SettlementBlocked {
        market: Sample::sample(1),
        action: Sample::sample(2),
        status: Sample::sample(3),
    });
}
