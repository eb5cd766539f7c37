//! Scenario 3 — a stale feed and invalid answers (0, negative, above the
//! bounds, stamped in the future or at 0) and a reverting feed: each gives
//! its own status; ADD_MARGIN and DEPOSIT, which need no price, keep
//! working, while CLOSE (which settles at the price) waits. Staleness only
//! becomes trippable past `heartbeat + staleTripAfter`; an unreadable feed
//! never trips the breaker.

use alloy::{primitives::I256, sol_types::SolCall};
use guard_abi::{action, Status};
use guard_e2e::{assert_blocked, assert_status, refusal, Net};
use guard_suite::{
    bindings::{DerivativeVault, IOracleSanityChecker},
    world::{decode, units, World},
};

/// One feed round in 8 decimals.
fn answer(whole: i64) -> I256 {
    I256::try_from(whole).unwrap() * I256::try_from(100_000_000i64).unwrap()
}

async fn expect_price_status(world: &World, status: Status) {
    for id in [
        action::OPEN,
        action::CLOSE,
        action::LIQUIDATE,
        action::SETTLE,
    ] {
        assert_status(world, id, status).await;
    }
    for id in [action::DEPOSIT, action::ADD_MARGIN] {
        assert_status(world, id, Status::Ok).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
#[allow(clippy::too_many_lines)] // One story: each bad round in turn.
async fn each_bad_round_has_its_status_and_margin_can_still_be_added() {
    let net = Net::start();
    let world = net.world().await;
    let vault = world.contracts.vault;
    let alice = world.trader("alice", 10_000).await.unwrap();
    let deposit = DerivativeVault::depositCall {
        amount: units(5_000),
    };
    world
        .send(&alice, vault, deposit.abi_encode(), "deposit")
        .await
        .unwrap();
    let open = DerivativeVault::openPositionCall {
        isLong: true,
        size: units(1),
        margin: units(500),
    };
    let receipt = world
        .send(&alice, vault, open.abi_encode(), "open")
        .await
        .unwrap();
    let position = decode::events::<DerivativeVault::PositionOpened>(&receipt, vault)[0].id;
    let add_margin = DerivativeVault::addMarginCall {
        id: position,
        amount: units(10),
    };
    let close = DerivativeVault::reducePositionCall {
        id: position,
        sizeDelta: units(1),
    };
    let trip = IOracleSanityChecker::tripBreakerCall {
        market: world.market,
    };
    let oracle = world.contracts.oracle;
    let now = world.clock.now().await.unwrap();

    let invalid_rounds = [
        ("a zero answer", I256::ZERO, now),
        ("a negative answer", -answer(2_000), now),
        ("an answer above maxPrice", answer(1_000_001), now),
        ("a round stamped in the future", answer(2_000), now + 3_600),
        ("a round stamped at 0", answer(2_000), 0),
    ];
    for (what, value, updated_at) in invalid_rounds {
        world.set_answer(value, updated_at).await.unwrap();
        eprintln!("{what}");
        expect_price_status(&world, Status::OracleInvalid).await;
    }
    // Margin can be added through an invalid feed; closing waits for a price.
    let receipt = world
        .send(&alice, vault, add_margin.abi_encode(), "add margin")
        .await
        .unwrap();
    let added = decode::events::<DerivativeVault::MarginAdded>(&receipt, vault);
    assert_eq!(added[0].amount, units(10));
    assert_blocked(
        world.send(&alice, vault, close.abi_encode(), "close").await,
        action::CLOSE,
        Status::OracleInvalid,
    );

    // Stale: older than the 1-hour heartbeat, but not yet trippable.
    let now = world.clock.now().await.unwrap();
    world.set_answer(answer(2_000), now - 3_601).await.unwrap();
    expect_price_status(&world, Status::OracleStale).await;
    let error = refusal(
        world.send(&alice, oracle, trip.abi_encode(), "trip").await,
        "tripping a recently stale feed",
    );
    assert!(
        error.starts_with("NothingToTrip") && error.contains("status: 10"),
        "{error}"
    );
    world
        .send(&alice, vault, add_margin.abi_encode(), "add margin")
        .await
        .unwrap();

    // Unreadable: the feed reverts. It blocks, but is no evidence of
    // manipulation, so it cannot be tripped.
    world.set_answer(answer(2_000), now).await.unwrap();
    world.set_feed_reverts(true).await.unwrap();
    expect_price_status(&world, Status::OracleUnavailable).await;
    let error = refusal(
        world.send(&alice, oracle, trip.abi_encode(), "trip").await,
        "tripping an unreadable feed",
    );
    assert!(
        error.starts_with("NothingToTrip") && error.contains("status: 8"),
        "{error}"
    );
    world.set_feed_reverts(false).await.unwrap();

    // Stale past heartbeat + staleTripAfter (2 h): anyone may trip.
    let now = world.clock.now().await.unwrap();
    world.set_answer(answer(2_000), now - 7_201).await.unwrap();
    let receipt = world
        .send(&alice, oracle, trip.abi_encode(), "trip a dead feed")
        .await
        .unwrap();
    let tripped = decode::events::<IOracleSanityChecker::BreakerTripped>(&receipt, oracle);
    assert_eq!(tripped[0].status, Status::OracleStale.code());
    expect_price_status(&world, Status::BreakerTripped).await;
    world
        .send(&alice, vault, add_margin.abi_encode(), "add margin")
        .await
        .unwrap();
    let margin = world
        .vault(&alice)
        .positionOf(position)
        .call()
        .await
        .unwrap()
        .margin;
    assert_eq!(margin, units(530), "three margin top-ups went through");

    // A fresh valid round does not unlatch it.
    world.set_price(2_000).await.unwrap();
    expect_price_status(&world, Status::BreakerTripped).await;
}
