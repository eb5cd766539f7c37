//! Scenario 5 — a sentinel key pauses risk-increasing actions: CLOSE,
//! ADD_MARGIN and LIQUIDATE keep working; the pause expires on time; the
//! sentinel cannot pause CLOSE, exceed its duration cap, pause a scope in
//! its cooldown, or exceed its pause budget.

use alloy::{primitives::B256, sol_types::SolCall};
use guard_abi::{action, Status};
use guard_e2e::{
    assert_blocked, assert_status, liquidatable_config, open_position, refusal, time_travel, Net,
};
use guard_suite::{
    bindings::{DerivativeVault, IPauseRegistry},
    world::{decode, reason_tag, units},
};

fn sentinel_pause(market: B256, actions: u16, duration: u64) -> Vec<u8> {
    IPauseRegistry::pauseCall {
        market,
        actions,
        duration,
        reason: reason_tag("sentinel: anomaly"),
    }
    .abi_encode()
}

#[tokio::test(flavor = "multi_thread")]
#[allow(clippy::too_many_lines)] // One story: pause, exits, limits, expiry, budget.
async fn a_sentinel_pauses_only_risk_increasing_actions_within_its_cap_and_budget() {
    let net = Net::start();
    let world = net.world_with(&liquidatable_config()).await;
    let vault = world.contracts.vault;
    let registry = world.contracts.registry;
    let sentinel = &world.sentinel;
    let alice = world.trader("alice", 1_000).await.unwrap();
    let carol = world.trader("carol", 1_000).await.unwrap();
    let keeper = world.actor("keeper").await.unwrap();
    let levered = open_position(&world, &alice, 200, true, 1, 200).await;
    let safe = open_position(&world, &carol, 600, true, 1, 500).await;

    let receipt = world
        .send(
            sentinel,
            registry,
            sentinel_pause(world.market, action::RISK_INCREASING, 3_600),
            "sentinel pause",
        )
        .await
        .unwrap();
    let paused_at = world.clock.now().await.unwrap();
    let paused = decode::events::<IPauseRegistry::Paused>(&receipt, registry);
    assert_eq!(paused.len(), 1);
    assert_eq!(paused[0].market, world.market);
    assert_eq!(paused[0].account, sentinel.address);
    assert_eq!(paused[0].actions, action::RISK_INCREASING);
    assert_eq!(paused[0].mask, action::RISK_INCREASING);
    assert_eq!(paused[0].until, paused_at + 3_600);
    assert_eq!(paused[0].reason, reason_tag("sentinel: anomaly"));

    for id in [action::DEPOSIT, action::WITHDRAW, action::OPEN] {
        assert_status(&world, id, Status::MarketPaused).await;
    }
    for id in [
        action::CLOSE,
        action::ADD_MARGIN,
        action::LIQUIDATE,
        action::SETTLE,
    ] {
        assert_status(&world, id, Status::Ok).await;
    }
    let deposit = DerivativeVault::depositCall { amount: units(10) };
    assert_blocked(
        world
            .send(&carol, vault, deposit.abi_encode(), "deposit")
            .await,
        action::DEPOSIT,
        Status::MarketPaused,
    );
    // Exits and rescues stay open: add margin, close, liquidate.
    let add = DerivativeVault::addMarginCall {
        id: safe,
        amount: units(50),
    };
    world
        .send(&carol, vault, add.abi_encode(), "add margin")
        .await
        .unwrap();
    let close = DerivativeVault::reducePositionCall {
        id: safe,
        sizeDelta: units(1),
    };
    let receipt = world
        .send(&carol, vault, close.abi_encode(), "close")
        .await
        .unwrap();
    assert_eq!(
        decode::events::<DerivativeVault::PositionClosed>(&receipt, vault)[0].id,
        safe
    );
    world.set_price(1_980).await.unwrap();
    let liquidate = DerivativeVault::liquidateCall { id: levered };
    let receipt = world
        .send(&keeper, vault, liquidate.abi_encode(), "liquidate")
        .await
        .unwrap();
    assert_eq!(
        decode::events::<DerivativeVault::PositionLiquidated>(&receipt, vault)[0].marginSeized,
        units(200)
    );

    // Its limits: no CLOSE, no longer than its 6-hour cap.
    let error = refusal(
        world
            .send(
                sentinel,
                registry,
                sentinel_pause(B256::ZERO, 1 << action::CLOSE, 600),
                "pause CLOSE",
            )
            .await,
        "a sentinel pausing CLOSE",
    );
    assert_eq!(error, "SentinelActionNotAllowed { actions: 8 }");
    let error = refusal(
        world
            .send(
                sentinel,
                registry,
                sentinel_pause(B256::ZERO, action::RISK_INCREASING, 6 * 3_600 + 1),
                "pause past the cap",
            )
            .await,
        "a sentinel pause past its cap",
    );
    assert_eq!(
        error,
        "InvalidPauseDuration { duration: 21601, maxDuration: 21600 }"
    );

    if !time_travel(&world.clock, "the sentinel pause's expiry and budget") {
        return;
    }
    world.advance(3_000).await.unwrap();
    assert_status(&world, action::DEPOSIT, Status::MarketPaused).await;
    world.advance(601).await.unwrap();
    world.refresh_feed().await.unwrap();
    for id in 0..=action::SETTLE {
        assert_status(&world, id, Status::Ok).await; // expired, no liquidation grace
    }
    world
        .send(&carol, vault, deposit.abi_encode(), "deposit")
        .await
        .unwrap();

    // Budget: 3 pauses per key per day; cooldown: 1 h per scope after a
    // sentinel pause ends.
    world
        .send(
            sentinel,
            registry,
            sentinel_pause(B256::ZERO, action::RISK_INCREASING, 60),
            "global pause",
        )
        .await
        .unwrap();
    let error = refusal(
        world
            .send(
                sentinel,
                registry,
                sentinel_pause(world.market, action::RISK_INCREASING, 60),
                "market pause in its cooldown",
            )
            .await,
        "a sentinel pause in the cooldown",
    );
    assert!(error.starts_with("SentinelCooldownActive"), "{error}");
    // A sentinel may pause the scope again a cooldown after the pause's last second.
    let allowed_at = paused[0].until + 1 + 3_600;
    assert!(
        error.ends_with(&format!("allowedAt: {allowed_at} }}")),
        "{error}"
    );
    world.advance(3_600).await.unwrap();
    world
        .send(
            sentinel,
            registry,
            sentinel_pause(world.market, action::RISK_INCREASING, 60),
            "third pause",
        )
        .await
        .unwrap();
    let state = world
        .registry(sentinel)
        .sentinel(sentinel.address)
        .call()
        .await
        .unwrap();
    assert_eq!(state.used, 3);
    assert_eq!(state.durationCap, 6 * 3_600);
    world.advance(3_700).await.unwrap();
    let error = refusal(
        world
            .send(
                sentinel,
                registry,
                sentinel_pause(B256::ZERO, action::RISK_INCREASING, 60),
                "fourth pause",
            )
            .await,
        "a fourth sentinel pause in a day",
    );
    assert!(error.starts_with("SentinelBudgetExhausted"), "{error}");
    assert_eq!(
        world
            .registry(sentinel)
            .pauseState(B256::ZERO)
            .call()
            .await
            .unwrap()
            .mask,
        0,
        "nothing was paused"
    );
}
