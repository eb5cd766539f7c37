//! Market registration, config versioning and rollback.

use guard_abi::{
    action::{DEFAULT_SEQUENCER_SENSITIVE, OPEN, SETTLE},
    Status,
};

use super::*;
use crate::{errors::PauseRegistryError as E, SettlementGuard, MAX_LIQUIDATION_GRACE};

#[test]
fn register_market_stores_its_config() {
    let (_vm, reg) = setup();
    assert_eq!(
        reg.market_config(MARKET),
        (true, DEFAULT_SEQUENCER_SENSITIVE, 3_600, false)
    );
    assert_eq!(reg.market_config(OTHER_MARKET), (false, 0, 0, false));
}

#[test]
fn register_market_refuses_bad_input() {
    let (vm, mut reg) = setup();
    vm.set_sender(ADMIN);
    assert!(matches!(
        assert_refused(&vm, || reg.register_market(GLOBAL, 0, 0)),
        E::InvalidMarketId(_)
    ));
    assert!(matches!(
        assert_refused(&vm, || reg.register_market(MARKET, 0, 0)),
        E::MarketAlreadyRegistered(_)
    ));
    assert!(matches!(
        assert_refused(&vm, || reg.register_market(OTHER_MARKET, 0x80, 0)),
        E::InvalidActionMask(_)
    ));
    assert!(matches!(
        assert_refused(&vm, || reg.register_market(
            OTHER_MARKET,
            0,
            MAX_LIQUIDATION_GRACE + 1
        )),
        E::InvalidLiquidationGrace(_)
    ));
}

#[test]
fn set_market_config_keeps_the_previous_config() {
    let (vm, mut reg) = setup();
    vm.set_sender(ADMIN);
    reg.set_market_config(MARKET, 1 << SETTLE, 600).unwrap();
    assert_eq!(reg.market_config(MARKET), (true, 1 << SETTLE, 600, true));
    assert!(matches!(
        assert_refused(&vm, || reg.set_market_config(MARKET, 1 << SETTLE, 600)),
        E::ConfigUnchanged(_)
    ));
    assert!(matches!(
        assert_refused(&vm, || reg.set_market_config(OTHER_MARKET, 0, 0)),
        E::UnknownMarket(_)
    ));
}

#[test]
fn rollback_config_restores_the_previous_config_at_once() {
    let (vm, mut reg) = setup();
    mock_sequencer(&vm, Status::SequencerDown, 0, 0);
    mock_price_ok(&vm, MARKET);
    vm.set_sender(ADMIN);
    // A bad change: OPEN no longer waits for the sequencer.
    reg.set_market_config(MARKET, 1 << SETTLE, 3_600).unwrap();
    assert_eq!(reg.check_settlement(MARKET, OPEN).0, Status::Ok.code());
    vm.set_sender(GUARDIAN);
    reg.rollback_config(MARKET).unwrap();
    assert_eq!(
        reg.market_config(MARKET),
        (true, DEFAULT_SEQUENCER_SENSITIVE, 3_600, false)
    );
    assert_eq!(
        reg.check_settlement(MARKET, OPEN).0,
        Status::SequencerDown.code()
    );
    // It cannot be undone by another rollback.
    assert!(matches!(
        assert_refused(&vm, || reg.rollback_config(MARKET)),
        E::NoPreviousConfig(_)
    ));
}

#[test]
fn rollback_config_refuses_unknown_markets() {
    let (vm, mut reg) = setup();
    vm.set_sender(GUARDIAN);
    assert!(matches!(
        assert_refused(&vm, || reg.rollback_config(OTHER_MARKET)),
        E::UnknownMarket(_)
    ));
}
