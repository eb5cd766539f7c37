//! Scenario 6 — the guardian multisig pauses everything at once; lifting
//! the pause early goes only through the timelock's delay: a scheduled
//! unpause cannot run before its delay nor after its grace window, and
//! liquidations wait a grace period after the unpause.

use alloy::{primitives::B256, sol_types::SolCall};
use guard_abi::{action, Status};
use guard_e2e::{assert_blocked, assert_status, open_position, refusal, time_travel, Net};
use guard_suite::{
    bindings::{DerivativeVault, IEmergencyTimelock, IPauseRegistry},
    world::{decode, units, Operation},
};

#[tokio::test(flavor = "multi_thread")]
#[allow(clippy::too_many_lines)] // One story: pause, refusals, timelocked unpause, expiry.
async fn a_full_pause_is_instant_and_an_early_unpause_waits_for_the_timelock() {
    let net = Net::start();
    let world = net.world().await;
    let vault = world.contracts.vault;
    let registry = world.contracts.registry;
    let timelock = world.contracts.timelock;
    let alice = world.trader("alice", 2_000).await.unwrap();
    let position = open_position(&world, &alice, 1_000, true, 1, 500).await;

    let receipt = world
        .as_council(
            registry,
            world.pause_calldata(action::ALL, 86_400, "incident-1"),
            "full pause",
        )
        .await
        .unwrap();
    let paused = decode::events::<IPauseRegistry::Paused>(&receipt, registry);
    assert_eq!(paused.len(), 1);
    assert_eq!(paused[0].account, world.contracts.multisig);
    assert_eq!(paused[0].mask, action::ALL);
    let until = paused[0].until;
    for id in 0..=action::SETTLE {
        assert_status(&world, id, Status::MarketPaused).await;
    }
    let (_, valid_until) = world.check(action::OPEN).await.unwrap();
    assert_eq!(valid_until, until, "blocked until the pause's last second");
    let deposit = DerivativeVault::depositCall { amount: units(10) };
    assert_blocked(
        world
            .send(&alice, vault, deposit.abi_encode(), "deposit")
            .await,
        action::DEPOSIT,
        Status::MarketPaused,
    );
    let close = DerivativeVault::reducePositionCall {
        id: position,
        sizeDelta: units(1),
    };
    assert_blocked(
        world.send(&alice, vault, close.abi_encode(), "close").await,
        action::CLOSE,
        Status::MarketPaused,
    );

    // Nobody lifts risk-increasing actions at once: not a user, not the guardian.
    let unpause_all = IPauseRegistry::unpauseCall {
        market: world.market,
        actions: action::ALL,
    };
    let error = refusal(
        world
            .send(&alice, registry, unpause_all.abi_encode(), "user unpause")
            .await,
        "a user's unpause",
    );
    assert_eq!(
        error,
        format!("UnauthorizedAccount {{ account: {:?} }}", alice.address)
    );
    let error = refusal(
        world
            .as_council(registry, unpause_all.abi_encode(), "guardian unpause")
            .await,
        "the guardian's unpause",
    );
    assert!(
        error.starts_with("CallReverted") && error.contains("GuardianMayOnlyLiftRiskReducing"),
        "{error}"
    );

    // The council schedules the unpause in the timelock.
    let unpause = Operation::call(registry, unpause_all.abi_encode());
    let receipt = world.schedule(&unpause, world.min_delay).await.unwrap();
    let scheduled = decode::events::<IEmergencyTimelock::CallScheduled>(&receipt, timelock);
    assert_eq!(scheduled.len(), 1);
    assert_eq!(scheduled[0].id, unpause.id());
    assert_eq!(scheduled[0].target, registry);
    assert_eq!(
        scheduled[0].delay,
        alloy::primitives::U256::from(world.min_delay)
    );
    let error = refusal(
        world.execute(&unpause, &alice).await,
        "executing before the delay",
    );
    assert!(
        error.starts_with("TimelockUnexpectedOperationState"),
        "{error}"
    );
    assert_eq!(world.operation_state(&unpause).await.unwrap(), 1, "waiting");

    if !time_travel(&world.clock, "the timelocked unpause") {
        return;
    }
    world.advance(world.min_delay / 2).await.unwrap();
    let error = refusal(
        world.execute(&unpause, &alice).await,
        "executing halfway through the delay",
    );
    assert!(
        error.starts_with("TimelockUnexpectedOperationState"),
        "{error}"
    );
    world.advance(world.min_delay / 2 + 1).await.unwrap();
    assert_eq!(world.operation_state(&unpause).await.unwrap(), 2, "ready");
    // Anyone executes a ready operation: here the trader herself.
    let receipt = world.execute(&unpause, &alice).await.unwrap();
    let lifted_at = world.clock.now().await.unwrap();
    let unpaused = decode::events::<IPauseRegistry::Unpaused>(&receipt, registry);
    assert_eq!(unpaused.len(), 1);
    assert_eq!(unpaused[0].account, timelock);
    assert_eq!(unpaused[0].actions, action::ALL);
    assert_eq!(unpaused[0].mask, 0);
    assert_eq!(world.operation_state(&unpause).await.unwrap(), 3, "done");

    world.refresh_feed().await.unwrap();
    for id in [
        action::DEPOSIT,
        action::WITHDRAW,
        action::OPEN,
        action::CLOSE,
        action::ADD_MARGIN,
        action::SETTLE,
    ] {
        assert_status(&world, id, Status::Ok).await;
    }
    assert_status(&world, action::LIQUIDATE, Status::LiquidationGrace).await;
    let (_, valid_until) = world.check(action::LIQUIDATE).await.unwrap();
    assert_eq!(valid_until, lifted_at + 3_600 - 1);
    world
        .send(&alice, vault, deposit.abi_encode(), "deposit")
        .await
        .unwrap();
    world.advance(3_600).await.unwrap();
    world.refresh_feed().await.unwrap();
    assert_status(&world, action::LIQUIDATE, Status::Ok).await;

    // A second pause; its scheduled unpause is never executed in its grace
    // window (7 days) and lapses for good.
    world
        .as_council(
            registry,
            world.pause_calldata(action::ALL, 14 * 86_400, "incident-2"),
            "second pause",
        )
        .await
        .unwrap();
    let late =
        Operation::call(registry, unpause_all.abi_encode()).with_salt(B256::with_last_byte(2));
    world.schedule(&late, world.min_delay).await.unwrap();
    world
        .advance(world.min_delay + 7 * 86_400 + 1)
        .await
        .unwrap();
    assert!(world
        .timelock(&alice)
        .isOperationExpired(late.id())
        .call()
        .await
        .unwrap());
    assert_eq!(world.operation_state(&late).await.unwrap(), 0);
    let error = refusal(world.execute(&late, &alice).await, "executing after expiry");
    assert!(error.starts_with("TimelockExpiredOperation"), "{error}");
    assert_status(&world, action::DEPOSIT, Status::MarketPaused).await;
}
