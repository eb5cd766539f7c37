//! Incident windows.

use super::*;
use crate::{errors::PauseRegistryError as E, SettlementGuard};

#[test]
fn declare_incident_opens_a_window_with_a_past_start() {
    let (vm, mut reg) = setup();
    vm.set_sender(SENTINEL);
    reg.declare_incident(MARKET, T0 - 600).unwrap();
    assert_eq!(reg.incident_window(MARKET), (T0 - 600, 0));
}

#[test]
fn declare_incident_reverts_for_a_start_in_the_future() {
    let (vm, mut reg) = setup();
    vm.set_sender(GUARDIAN);
    let e = assert_refused(&vm, || reg.declare_incident(MARKET, T0 + 1));
    assert!(matches!(e, E::IncidentStartInFuture(_)));
    reg.declare_incident(MARKET, T0).unwrap();
}

#[test]
fn declare_incident_reverts_beyond_the_lookback() {
    let (vm, mut reg) = setup();
    vm.set_sender(GUARDIAN);
    let e = assert_refused(&vm, || reg.declare_incident(MARKET, T0 - 3_601));
    assert!(matches!(e, E::IncidentStartBeyondLookback(ref x) if x.earliest == T0 - 3_600));
    assert!(matches!(
        assert_refused(&vm, || reg.declare_incident(MARKET, 0)),
        E::IncidentStartBeyondLookback(_)
    ));
    reg.declare_incident(MARKET, T0 - 3_600).unwrap();
}

#[test]
fn an_open_incident_may_only_move_its_start_earlier() {
    let (vm, mut reg) = setup();
    vm.set_sender(GUARDIAN);
    reg.declare_incident(MARKET, T0 - 100).unwrap();
    let e = assert_refused(&vm, || reg.declare_incident(MARKET, T0 - 50));
    assert!(matches!(e, E::IncidentAlreadyOpen(_)));
    reg.declare_incident(MARKET, T0 - 200).unwrap();
    assert_eq!(reg.incident_window(MARKET), (T0 - 200, 0));
}

#[test]
fn close_incident_ends_the_window_now() {
    let (vm, mut reg) = setup();
    vm.set_sender(SENTINEL);
    reg.declare_incident(MARKET, T0 - 100).unwrap();
    let e = assert_refused(&vm, || reg.close_incident(MARKET));
    assert!(
        matches!(e, E::UnauthorizedAccount(_)),
        "sentinels cannot close"
    );
    vm.set_sender(GUARDIAN);
    vm.set_block_timestamp(T0 + 500);
    reg.close_incident(MARKET).unwrap();
    assert_eq!(reg.incident_window(MARKET), (T0 - 100, T0 + 500));
    assert!(matches!(
        assert_refused(&vm, || reg.close_incident(MARKET)),
        E::NoOpenIncident(_)
    ));
    // A new incident replaces the closed window.
    reg.declare_incident(MARKET, T0 + 400).unwrap();
    assert_eq!(reg.incident_window(MARKET), (T0 + 400, 0));
}

#[test]
fn an_incident_closed_in_its_own_second_still_covers_it() {
    let (vm, mut reg) = setup();
    vm.set_sender(GUARDIAN);
    reg.declare_incident(MARKET, T0).unwrap();
    reg.close_incident(MARKET).unwrap();
    assert_eq!(reg.incident_window(MARKET), (T0, T0 + 1));
}

#[test]
fn incidents_need_a_registered_market() {
    let (vm, mut reg) = setup();
    vm.set_sender(GUARDIAN);
    assert!(matches!(
        assert_refused(&vm, || reg.declare_incident(OTHER_MARKET, T0)),
        E::UnknownMarket(_)
    ));
    assert!(matches!(
        assert_refused(&vm, || reg.close_incident(OTHER_MARKET)),
        E::UnknownMarket(_)
    ));
    assert_eq!(reg.incident_window(OTHER_MARKET), (0, 0));
}

#[test]
fn set_incident_lookback_is_bounded() {
    let (vm, mut reg) = setup();
    vm.set_sender(ADMIN);
    for bad in [0, crate::MAX_INCIDENT_LOOKBACK + 1] {
        assert!(matches!(
            assert_refused(&vm, || reg.set_incident_lookback(bad)),
            E::InvalidIncidentLookback(_)
        ));
    }
    reg.set_incident_lookback(86_400).unwrap();
    assert_eq!(reg.incident_lookback(), 86_400);
    vm.set_sender(GUARDIAN);
    reg.declare_incident(MARKET, T0 - 86_400).unwrap();
}
