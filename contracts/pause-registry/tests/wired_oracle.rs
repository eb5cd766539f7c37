//! The gate wired to the real OracleSanityChecker: the registry's calls to
//! the checker are dispatched through the checker's own ABI router (its
//! `IOracleGate` entry points), on a second test host whose feeds are
//! mocked at the calldata level. Both contracts run their real code; only
//! the Chainlink feeds are stand-ins.

use std::{cell::RefCell, rc::Rc};

use alloy_primitives::{address, aliases::U80, Address, B256, I256, U256};
use alloy_sol_types::SolCall;
use guard_abi::{
    action::{ADD_MARGIN, CLOSE, DEFAULT_SEQUENCER_SENSITIVE, DEPOSIT, LIQUIDATE, OPEN, SETTLE},
    interfaces::{
        AggregatorV3Interface::{decimalsCall, latestRoundDataCall, latestRoundDataReturn},
        IOracleGate::checkMarketCall,
    },
    Status,
};
use guard_test_host::GuardHost;
use oracle_sanity_checker::{OracleGate, OracleSanityChecker};
use pause_registry::{PauseRegistry, SettlementGuard};
use stylus_sdk::abi::Router;

const ADMIN: Address = address!("00000000000000000000000000000000000a0a0a");
const GUARDIAN: Address = address!("00000000000000000000000000000000000b0b0b");
const REGISTRY: Address = address!("0000000000000000000000000000000000001111");
const ORACLE: Address = address!("0000000000000000000000000000000000002222");
const FEED: Address = address!("0000000000000000000000000000000000003333");
const SEQUENCER: Address = address!("0000000000000000000000000000000000004444");
const MARKET: B256 = B256::repeat_byte(0x11);
const T0: u64 = 1_700_000_000;
const E8: i128 = 100_000_000;
const E18: u128 = 1_000_000_000_000_000_000;

/// The two contracts on their own hosts, wired together.
struct Wired {
    registry_host: GuardHost,
    oracle_host: GuardHost,
    registry: PauseRegistry,
    oracle: Rc<RefCell<OracleSanityChecker>>,
}

fn round(answer: i128, started_at: u64, updated_at: u64) -> Vec<u8> {
    latestRoundDataCall::abi_encode_returns(&latestRoundDataReturn {
        roundId: U80::from(1u8),
        answer: I256::try_from(answer).unwrap(),
        startedAt: U256::from(started_at),
        updatedAt: U256::from(updated_at),
        answeredInRound: U80::from(1u8),
    })
}

impl Wired {
    fn new() -> Wired {
        let oracle_host = GuardHost::new();
        oracle_host.set_contract_address(ORACLE);
        oracle_host.set_block_timestamp(T0);
        oracle_host.mock_static_call(
            FEED,
            decimalsCall {}.abi_encode(),
            Ok(decimalsCall::abi_encode_returns(&8u8)),
        );
        let mut oracle = OracleSanityChecker::from(&oracle_host);
        oracle_host.set_sender(ADMIN);
        oracle.constructor(ADMIN, GUARDIAN, SEQUENCER).unwrap();

        let registry_host = GuardHost::new();
        registry_host.set_contract_address(REGISTRY);
        registry_host.set_block_timestamp(T0);
        let mut registry = PauseRegistry::from(&registry_host);
        registry_host.set_sender(ADMIN);
        registry.constructor(ADMIN, GUARDIAN, ORACLE).unwrap();
        registry
            .register_market(MARKET, DEFAULT_SEQUENCER_SENSITIVE, 3_600)
            .unwrap();

        let oracle = Rc::new(RefCell::new(oracle));
        let (routed, host) = (Rc::clone(&oracle), oracle_host.clone());
        registry_host.route(ORACLE, move |calldata| {
            host.set_sender(REGISTRY);
            let selector = u32::from_be_bytes(calldata[..4].try_into().unwrap());
            let mut oracle = routed.borrow_mut();
            <OracleSanityChecker as Router<OracleSanityChecker>>::route(
                &mut oracle,
                selector,
                &calldata[4..],
            )
            .unwrap_or(Err(Vec::new()))
        });
        let w = Wired {
            registry_host,
            oracle_host,
            registry,
            oracle,
        };
        w.sequencer_up_since(T0 - 100_000);
        w.price(2_000 * E8, T0 - 10);
        w.oracle_host.set_sender(ADMIN);
        w.oracle
            .borrow_mut()
            .configure_market(
                MARKET,
                FEED,
                Address::ZERO,
                3_600,
                3_600,
                U256::from(E18),
                U256::from(1_000_000 * E18),
                200,
                1_000,
                300,
                10,
                1_000,
                30_000,
            )
            .unwrap();
        w.oracle.borrow_mut().record(MARKET).unwrap();
        w
    }

    fn at(&self, t: u64) {
        self.registry_host.set_block_timestamp(t);
        self.oracle_host.set_block_timestamp(t);
    }

    fn price(&self, answer: i128, updated_at: u64) {
        self.oracle_host.mock_static_call(
            FEED,
            latestRoundDataCall {}.abi_encode(),
            Ok(round(answer, updated_at, updated_at)),
        );
    }

    fn sequencer_up_since(&self, t: u64) {
        self.oracle_host.mock_static_call(
            SEQUENCER,
            latestRoundDataCall {}.abi_encode(),
            Ok(round(0, t, t)),
        );
    }

    fn sequencer_down_since(&self, t: u64) {
        self.oracle_host.mock_static_call(
            SEQUENCER,
            latestRoundDataCall {}.abi_encode(),
            Ok(round(1, t, t)),
        );
    }

    fn status(&self, action: u8) -> Status {
        Status::from_code(self.registry.check_settlement(MARKET, action).0).unwrap()
    }
}

#[test]
fn a_healthy_market_is_ok_and_settles_at_the_feed_price() {
    let w = Wired::new();
    for action in 0..=6 {
        assert_eq!(w.status(action), Status::Ok, "action {action}");
    }
    let (price, published) = w.registry.settlement_price(MARKET, SETTLE).unwrap();
    assert_eq!(price, U256::from(2_000 * E18));
    assert_eq!(published, T0 - 10);
    assert_eq!(
        w.registry.check_settlement(MARKET, SETTLE).1,
        T0 - 10 + 3_600
    );
}

#[test]
fn a_settlement_check_enters_the_checker_once_for_both_answers() {
    let w = Wired::new();
    for (sequencer_down, expected) in [(false, Status::Ok), (true, Status::SequencerDown)] {
        if sequencer_down {
            w.sequencer_down_since(T0 - 5);
        }
        w.registry_host.clear_calls();
        w.oracle_host.clear_calls();
        assert_eq!(w.status(SETTLE), expected);
        let to_checker: Vec<Vec<u8>> = w
            .registry_host
            .calls()
            .into_iter()
            .filter(|c| c.to == ORACLE)
            .map(|c| c.data)
            .collect();
        assert_eq!(
            to_checker,
            vec![checkMarketCall { market: MARKET }.abi_encode()]
        );
        // ...where the checker read the uptime feed, then the price feed.
        let read: Vec<Address> = w.oracle_host.calls().into_iter().map(|c| c.to).collect();
        assert_eq!(read, vec![SEQUENCER, FEED]);
    }
}

#[test]
fn a_manipulated_feed_is_a_deviation_then_a_latched_breaker() {
    let w = Wired::new();
    w.price(2_800 * E8, T0); // +40 %
    assert_eq!(w.status(SETTLE), Status::OracleDeviation);
    assert_eq!(w.status(OPEN), Status::OracleDeviation);
    assert_eq!(w.status(DEPOSIT), Status::Ok, "no price needed");
    w.oracle_host
        .set_sender(address!("000000000000000000000000000000000000beef"));
    w.oracle.borrow_mut().trip_breaker(MARKET).unwrap();
    w.at(T0 + 1);
    w.price(2_000 * E8, T0 + 1); // the price comes back
    assert_eq!(w.status(SETTLE), Status::BreakerTripped);
    assert_eq!(w.status(CLOSE), Status::BreakerTripped);
    w.oracle_host.set_sender(GUARDIAN);
    w.oracle.borrow_mut().reset_breaker(MARKET).unwrap();
    assert_eq!(w.status(SETTLE), Status::Ok);
}

#[test]
fn a_stale_feed_blocks_price_actions_but_not_top_ups() {
    let w = Wired::new();
    w.at(T0 - 10 + 3_601);
    assert_eq!(w.status(SETTLE), Status::OracleStale);
    assert_eq!(w.status(ADD_MARGIN), Status::Ok);
    assert_eq!(w.status(DEPOSIT), Status::Ok);
}

#[test]
fn invalid_answers_are_oracle_invalid() {
    let w = Wired::new();
    for answer in [0, -5 * E8, 2_000_000 * E8] {
        w.price(answer, T0);
        assert_eq!(w.status(SETTLE), Status::OracleInvalid, "answer {answer}");
    }
}

#[test]
fn a_sequencer_outage_then_grace_then_liquidation_grace() {
    let w = Wired::new();
    w.sequencer_down_since(T0 - 5);
    assert_eq!(w.status(OPEN), Status::SequencerDown);
    assert_eq!(
        w.status(CLOSE),
        Status::Ok,
        "CLOSE is not sequencer-sensitive"
    );
    w.sequencer_up_since(T0);
    assert_eq!(w.status(OPEN), Status::SequencerGrace);
    w.at(T0 + 3_600);
    w.price(2_000 * E8, T0 + 3_600);
    assert_eq!(w.status(OPEN), Status::Ok);
    assert_eq!(w.status(LIQUIDATE), Status::LiquidationGrace);
    w.at(T0 + 7_200);
    w.price(2_000 * E8, T0 + 7_200);
    assert_eq!(w.status(LIQUIDATE), Status::Ok);
}

#[test]
fn the_margin_multiplier_is_forwarded_from_the_checker() {
    let w = Wired::new();
    assert_eq!(
        w.registry.margin_multiplier(MARKET),
        10_000,
        "σ unknown after one round"
    );
    w.at(T0 + 60);
    w.price(2_030 * E8, T0 + 60); // +1.5 %, inside the 2 % band
    w.oracle_host.set_sender(GUARDIAN);
    w.oracle.borrow_mut().record(MARKET).unwrap();
    let bps = w.registry.margin_multiplier(MARKET);
    assert!(
        bps > 10_000 && bps <= 30_000,
        "multiplier {bps} rises with σ, within its cap"
    );
    assert_eq!(
        u32::from(bps),
        u32::from(w.oracle.borrow().margin_multiplier(MARKET))
    );
}
