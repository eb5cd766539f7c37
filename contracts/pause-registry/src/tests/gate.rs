//! Every status reachable through the contract, in precedence order, and
//! fail-closed behaviour on every kind of oracle fault.

use alloy_primitives::{B256, U256};
use alloy_sol_types::SolCall;
use guard_abi::{
    action::{ADD_MARGIN, ALL, CLOSE, DEPOSIT, LIQUIDATE, OPEN, SETTLE, WITHDRAW},
    interfaces::IOracleGate::{checkMarketCall, checkPriceCall, checkSequencerCall},
    Status,
};

use super::*;
use crate::SettlementGuard;

fn status(reg: &PauseRegistry, market: B256, action: u8) -> (Status, u64) {
    let (code, until) = reg.check_settlement(market, action);
    (
        Status::from_code(code).expect("a defined status code"),
        until,
    )
}

fn healthy(vm: &TestVM) {
    mock_sequencer_up(vm);
    mock_price_ok(vm, MARKET);
}

#[test]
fn check_settlement_is_ok_for_every_action_when_all_is_healthy() {
    let (vm, reg) = setup();
    healthy(&vm);
    for action in 0..=6u8 {
        assert_eq!(
            status(&reg, MARKET, action).0,
            Status::Ok,
            "action {action}"
        );
    }
}

#[test]
fn ok_verdicts_are_valid_until_the_price_goes_stale() {
    let (vm, reg) = setup();
    healthy(&vm);
    assert_eq!(status(&reg, MARKET, SETTLE), (Status::Ok, T0 + 3_590));
    assert_eq!(status(&reg, MARKET, DEPOSIT), (Status::Ok, u64::MAX));
}

#[test]
fn check_settlement_returns_unknown_market_for_unregistered_markets() {
    let (vm, reg) = setup();
    healthy(&vm);
    assert_eq!(status(&reg, OTHER_MARKET, OPEN), (Status::UnknownMarket, 0));
    assert_eq!(status(&reg, GLOBAL, OPEN), (Status::UnknownMarket, 0));
    assert_eq!(status(&reg, OTHER_MARKET, 9).0, Status::UnknownMarket);
}

#[test]
fn check_settlement_returns_unknown_action_above_six() {
    let (vm, reg) = setup();
    healthy(&vm);
    for action in [7u8, 8, 128, 255] {
        assert_eq!(status(&reg, MARKET, action), (Status::UnknownAction, 0));
    }
}

#[test]
fn global_pause_wins_over_market_pause() {
    let (vm, mut reg) = setup();
    healthy(&vm);
    vm.set_sender(GUARDIAN);
    reg.pause(MARKET, ALL, 500, B256::ZERO).unwrap();
    reg.pause(GLOBAL, 1 << OPEN, 100, B256::ZERO).unwrap();
    assert_eq!(status(&reg, MARKET, OPEN), (Status::GlobalPaused, T0 + 100));
    assert_eq!(
        status(&reg, MARKET, CLOSE),
        (Status::MarketPaused, T0 + 500)
    );
}

#[test]
fn pauses_win_over_sequencer_and_oracle_faults() {
    let (vm, mut reg) = setup();
    mock_sequencer(&vm, Status::SequencerDown, 0, 0);
    vm.set_sender(GUARDIAN);
    reg.pause(MARKET, 1 << SETTLE, 100, B256::ZERO).unwrap();
    assert_eq!(status(&reg, MARKET, SETTLE).0, Status::MarketPaused);
    assert_eq!(status(&reg, MARKET, OPEN).0, Status::SequencerDown);
}

#[test]
fn sequencer_down_applies_only_to_sequencer_sensitive_actions() {
    let (vm, reg) = setup();
    mock_sequencer(&vm, Status::SequencerDown, 0, 0);
    mock_price_ok(&vm, MARKET);
    for action in [WITHDRAW, OPEN, LIQUIDATE, SETTLE] {
        assert_eq!(status(&reg, MARKET, action), (Status::SequencerDown, 0));
    }
    for action in [DEPOSIT, CLOSE, ADD_MARGIN] {
        assert_eq!(status(&reg, MARKET, action).0, Status::Ok);
    }
}

#[test]
fn sequencer_grace_reports_its_last_second() {
    let (vm, reg) = setup();
    mock_sequencer(&vm, Status::SequencerGrace, T0 - 100, T0 + 3_500);
    mock_price_ok(&vm, MARKET);
    assert_eq!(
        status(&reg, MARKET, OPEN),
        (Status::SequencerGrace, T0 + 3_499)
    );
}

#[test]
fn breaker_and_oracle_statuses_apply_to_actions_that_need_a_price() {
    for s in [
        Status::BreakerTripped,
        Status::OracleUnavailable,
        Status::OracleInvalid,
        Status::OracleStale,
        Status::OracleDeviation,
    ] {
        let (vm, reg) = setup();
        mock_sequencer_up(&vm);
        mock_price(&vm, MARKET, s, 0, 0, 0);
        for action in [WITHDRAW, OPEN, CLOSE, LIQUIDATE, SETTLE] {
            assert_eq!(status(&reg, MARKET, action), (s, 0), "{s} action {action}");
        }
        for action in [DEPOSIT, ADD_MARGIN] {
            assert_eq!(status(&reg, MARKET, action).0, Status::Ok);
        }
    }
}

#[test]
fn liquidation_grace_follows_a_close_pause_that_expired() {
    let (vm, mut reg) = setup();
    healthy(&vm);
    vm.set_sender(GUARDIAN);
    reg.pause(MARKET, 1 << CLOSE, 100, B256::ZERO).unwrap();
    // While CLOSE is paused, LIQUIDATE is in grace too (users cannot act).
    assert_eq!(
        status(&reg, MARKET, LIQUIDATE),
        (Status::LiquidationGrace, T0 + 100 + 3_600)
    );
    vm.set_block_timestamp(T0 + 101);
    assert_eq!(status(&reg, MARKET, CLOSE).0, Status::Ok);
    assert_eq!(
        status(&reg, MARKET, LIQUIDATE),
        (Status::LiquidationGrace, T0 + 100 + 3_600)
    );
    vm.set_block_timestamp(T0 + 101 + 3_599);
    assert_eq!(status(&reg, MARKET, LIQUIDATE).0, Status::LiquidationGrace);
    vm.set_block_timestamp(T0 + 101 + 3_600);
    assert_eq!(status(&reg, MARKET, LIQUIDATE).0, Status::Ok);
}

#[test]
fn liquidation_grace_follows_an_add_margin_pause_lifted_early() {
    let (vm, mut reg) = setup();
    healthy(&vm);
    vm.set_sender(GUARDIAN);
    reg.pause(GLOBAL, 1 << ADD_MARGIN, 10_000, B256::ZERO)
        .unwrap();
    vm.set_block_timestamp(T0 + 50);
    reg.unpause(GLOBAL, 1 << ADD_MARGIN).unwrap();
    assert_eq!(
        status(&reg, MARKET, LIQUIDATE),
        (Status::LiquidationGrace, T0 + 50 + 3_599)
    );
    vm.set_block_timestamp(T0 + 50 + 3_600);
    assert_eq!(status(&reg, MARKET, LIQUIDATE).0, Status::Ok);
}

#[test]
fn liquidation_grace_follows_the_sequencer_grace() {
    let (vm, reg) = setup();
    mock_sequencer(&vm, Status::Ok, T0 - 4_000, T0 - 400);
    mock_price_ok(&vm, MARKET);
    assert_eq!(
        status(&reg, MARKET, LIQUIDATE),
        (Status::LiquidationGrace, T0 - 400 + 3_599)
    );
    assert_eq!(status(&reg, MARKET, OPEN).0, Status::Ok);
}

#[test]
fn a_missing_oracle_response_fails_closed() {
    let (_vm, reg) = setup();
    // Nothing mocked: the checker answers with empty return data.
    assert_eq!(status(&reg, MARKET, OPEN).0, Status::SequencerDown);
    assert_eq!(status(&reg, MARKET, CLOSE).0, Status::OracleUnavailable);
    assert_eq!(status(&reg, MARKET, DEPOSIT).0, Status::Ok);
}

#[test]
fn a_reverting_oracle_fails_closed() {
    let (vm, reg) = setup();
    mock_sequencer_answer(&vm, Err(vec![0xde, 0xad]));
    mock_price_answer(&vm, MARKET, Err(vec![]));
    assert_eq!(status(&reg, MARKET, SETTLE).0, Status::SequencerDown);
    assert_eq!(status(&reg, MARKET, CLOSE).0, Status::OracleUnavailable);
}

#[test]
fn malformed_oracle_return_data_fails_closed() {
    let (vm, reg) = setup();
    mock_sequencer_up(&vm);
    let short = vec![0u8; 96]; // three words instead of four
    mock_price_answer(&vm, MARKET, Ok(short));
    assert_eq!(status(&reg, MARKET, CLOSE).0, Status::OracleUnavailable);
    // `checkMarket`'s answer is now a word short: both halves fail.
    assert_eq!(status(&reg, MARKET, SETTLE).0, Status::SequencerDown);

    // A uint8 status word with high bits set is not valid ABI.
    let mut dirty = vec![0u8; 128];
    dirty[0] = 1;
    mock_price_answer(&vm, MARKET, Ok(dirty));
    assert_eq!(status(&reg, MARKET, CLOSE).0, Status::OracleUnavailable);
    // In `checkMarket`'s answer it fails the price half only.
    assert_eq!(status(&reg, MARKET, SETTLE).0, Status::OracleUnavailable);
}

#[test]
fn malformed_check_market_return_data_fails_closed() {
    let (vm, reg) = setup();
    healthy(&vm);
    let good = [
        checkSequencerCall::abi_encode_returns(
            &guard_abi::interfaces::IOracleGate::checkSequencerReturn {
                status: 0,
                upSince: T0 - 100_000,
                graceEndsAt: T0 - 96_400,
            },
        ),
        checkPriceCall::abi_encode_returns(&guard_abi::interfaces::IOracleGate::checkPriceReturn {
            status: 0,
            price: U256::from(2_000u64) * U256::from(ONE),
            publishedAt: T0 - 10,
            validUntil: T0 + 3_590,
        }),
    ]
    .concat();
    let answer = |ret: Vec<u8>| {
        vm.mock_static_call(
            ORACLE,
            checkMarketCall { market: MARKET }.abi_encode(),
            Ok(ret),
        );
    };
    answer(good.clone());
    assert_eq!(status(&reg, MARKET, SETTLE), (Status::Ok, T0 + 3_590));
    // Short, long, empty.
    for ret in [
        good[..223].to_vec(),
        [good.as_slice(), &[0]].concat(),
        Vec::new(),
    ] {
        answer(ret);
        assert_eq!(status(&reg, MARKET, SETTLE), (Status::SequencerDown, 0));
    }
    // A dirty sequencer word: down; a dirty price word: unavailable.
    let mut dirty = good.clone();
    dirty[32] = 1; // upSince is a uint64
    answer(dirty);
    assert_eq!(status(&reg, MARKET, SETTLE).0, Status::SequencerDown);
    let mut dirty = good.clone();
    dirty[160] = 1; // publishedAt is a uint64
    answer(dirty);
    assert_eq!(status(&reg, MARKET, SETTLE).0, Status::OracleUnavailable);
    // A sequencer status in the price half, a price status in the
    // sequencer half.
    let mut wrong = good.clone();
    wrong[127] = Status::SequencerGrace.code();
    answer(wrong);
    assert_eq!(status(&reg, MARKET, SETTLE).0, Status::OracleUnavailable);
    let mut wrong = good;
    wrong[31] = Status::BreakerTripped.code();
    answer(wrong);
    assert_eq!(status(&reg, MARKET, SETTLE).0, Status::SequencerDown);
    // A revert.
    vm.mock_static_call(
        ORACLE,
        checkMarketCall { market: MARKET }.abi_encode(),
        Err(b"no".to_vec()),
    );
    assert_eq!(status(&reg, MARKET, SETTLE).0, Status::SequencerDown);
}

/// The calldata of every call the registry made to the oracle.
fn oracle_calls(vm: &TestVM) -> Vec<Vec<u8>> {
    vm.calls()
        .into_iter()
        .filter(|c| c.to == ORACLE)
        .map(|c| c.data)
        .collect()
}

#[test]
fn a_check_that_needs_sequencer_and_price_makes_one_oracle_call() {
    let (vm, reg) = setup();
    healthy(&vm);
    let check_market = checkMarketCall { market: MARKET }.abi_encode();
    for action in [WITHDRAW, OPEN, LIQUIDATE, SETTLE] {
        vm.clear_calls();
        assert_eq!(status(&reg, MARKET, action).0, Status::Ok);
        assert_eq!(
            oracle_calls(&vm),
            vec![check_market.clone()],
            "action {action}"
        );
    }
    vm.clear_calls();
    reg.settlement_price(MARKET, SETTLE).unwrap();
    assert_eq!(oracle_calls(&vm), vec![check_market]);
}

#[test]
fn a_check_that_needs_one_answer_asks_only_that_question() {
    let (vm, mut reg) = setup();
    healthy(&vm);
    // CLOSE needs a price but is not sequencer-sensitive by default.
    vm.clear_calls();
    assert_eq!(status(&reg, MARKET, CLOSE).0, Status::Ok);
    assert_eq!(
        oracle_calls(&vm),
        vec![checkPriceCall { market: MARKET }.abi_encode()]
    );
    // DEPOSIT needs neither, unless the market makes it sequencer-sensitive.
    vm.clear_calls();
    assert_eq!(status(&reg, MARKET, DEPOSIT).0, Status::Ok);
    assert!(oracle_calls(&vm).is_empty());
    vm.set_sender(ADMIN);
    reg.register_market(OTHER_MARKET, 1 << DEPOSIT, 3_600)
        .unwrap();
    vm.clear_calls();
    assert_eq!(status(&reg, OTHER_MARKET, DEPOSIT).0, Status::Ok);
    assert_eq!(oracle_calls(&vm), vec![checkSequencerCall {}.abi_encode()]);
    mock_sequencer(&vm, Status::SequencerDown, 0, 0);
    assert_eq!(
        status(&reg, OTHER_MARKET, DEPOSIT),
        (Status::SequencerDown, 0)
    );
}

#[test]
fn the_registry_decides_its_own_statuses_before_any_oracle_call() {
    let (vm, mut reg) = setup();
    healthy(&vm);
    vm.set_sender(GUARDIAN);
    reg.pause(MARKET, ALL, 100, B256::ZERO).unwrap();
    vm.clear_calls();
    for action in 0..=6u8 {
        assert_eq!(status(&reg, MARKET, action).0, Status::MarketPaused);
    }
    assert_eq!(status(&reg, MARKET, 7).0, Status::UnknownAction);
    assert_eq!(status(&reg, OTHER_MARKET, SETTLE).0, Status::UnknownMarket);
    assert!(oracle_calls(&vm).is_empty());
}

#[test]
fn an_oracle_status_outside_its_range_fails_closed() {
    let (vm, reg) = setup();
    // The price check may not answer a pause or sequencer status.
    mock_sequencer_up(&vm);
    mock_price(&vm, MARKET, Status::GlobalPaused, 2_000, T0, T0 + 10);
    assert_eq!(status(&reg, MARKET, SETTLE).0, Status::OracleUnavailable);
    // Nor may the sequencer check answer a price status.
    mock_sequencer(&vm, Status::OracleStale, T0 - 10_000, T0 - 6_400);
    assert_eq!(status(&reg, MARKET, OPEN).0, Status::SequencerDown);
}

#[test]
fn an_ok_price_of_zero_fails_closed() {
    let (vm, reg) = setup();
    mock_sequencer_up(&vm);
    mock_price(&vm, MARKET, Status::Ok, 0, T0, T0 + 10);
    assert_eq!(status(&reg, MARKET, SETTLE).0, Status::OracleUnavailable);
}

#[test]
fn require_settlement_reverts_with_settlement_blocked() {
    let (vm, mut reg) = setup();
    healthy(&vm);
    assert!(reg.require_settlement(MARKET, SETTLE).is_ok());
    vm.set_sender(GUARDIAN);
    reg.pause(MARKET, 1 << SETTLE, 60, B256::ZERO).unwrap();
    assert_eq!(
        reg.require_settlement(MARKET, SETTLE).unwrap_err(),
        blocked(MARKET, SETTLE, Status::MarketPaused)
    );
    assert_eq!(
        reg.require_settlement(MARKET, 7).unwrap_err(),
        blocked(MARKET, 7, Status::UnknownAction)
    );
}

#[test]
fn settlement_price_returns_the_checked_price_or_reverts() {
    let (vm, reg) = setup();
    healthy(&vm);
    let (price, published) = reg.settlement_price(MARKET, SETTLE).unwrap();
    assert_eq!(price, U256::from(2_000u64) * U256::from(ONE));
    assert_eq!(published, T0 - 10);
    // DEPOSIT needs no price for the verdict, but asking for one checks it.
    assert_eq!(reg.settlement_price(MARKET, DEPOSIT).unwrap().0, price);
    mock_price(&vm, MARKET, Status::OracleStale, 0, 0, 0);
    assert_eq!(
        reg.settlement_price(MARKET, SETTLE).unwrap_err(),
        blocked(MARKET, SETTLE, Status::OracleStale)
    );
    assert_eq!(
        reg.settlement_price(MARKET, DEPOSIT).unwrap_err(),
        blocked(MARKET, DEPOSIT, Status::OracleStale)
    );
}

#[test]
fn margin_multiplier_forwards_the_oracle_and_defaults_to_one_x() {
    use guard_abi::interfaces::IOracleGate::marginMultiplierCall;
    let (vm, reg) = setup();
    assert_eq!(reg.margin_multiplier(MARKET), 10_000, "empty return data");
    mock_margin(
        &vm,
        MARKET,
        Ok(marginMultiplierCall::abi_encode_returns(&13_500u16)),
    );
    assert_eq!(reg.margin_multiplier(MARKET), 13_500);
    mock_margin(
        &vm,
        MARKET,
        Ok(marginMultiplierCall::abi_encode_returns(&5_000u16)),
    );
    assert_eq!(reg.margin_multiplier(MARKET), 10_000, "below 1x is clamped");
    mock_margin(
        &vm,
        MARKET,
        Ok(marginMultiplierCall::abi_encode_returns(&65_000u16)),
    );
    assert_eq!(
        reg.margin_multiplier(MARKET),
        60_000,
        "above the cap is clamped"
    );
    mock_margin(&vm, MARKET, Err(vec![1, 2, 3]));
    assert_eq!(reg.margin_multiplier(MARKET), 10_000, "reverting oracle");
}
