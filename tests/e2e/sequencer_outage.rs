//! Scenario 4 — the sequencer goes down, then comes back: SEQUENCER_DOWN
//! for the sequencer-sensitive actions (OPEN, WITHDRAW, LIQUIDATE, SETTLE)
//! while CLOSE, ADD_MARGIN and DEPOSIT stay open; SEQUENCER_GRACE for the
//! grace period after it is back; then LIQUIDATION_GRACE for liquidations
//! only, so traders can top up first; then OK, and the underwater position
//! is liquidated.

use alloy::sol_types::SolCall;
use guard_abi::{action, Status};
use guard_e2e::{
    assert_blocked, assert_status, liquidatable_config, open_position, time_travel, Net,
};
use guard_suite::{
    bindings::DerivativeVault,
    world::{decode, units},
};

const SENSITIVE: [u8; 4] = [
    action::OPEN,
    action::WITHDRAW,
    action::LIQUIDATE,
    action::SETTLE,
];
const INSENSITIVE: [u8; 3] = [action::DEPOSIT, action::CLOSE, action::ADD_MARGIN];

#[tokio::test(flavor = "multi_thread")]
#[allow(clippy::too_many_lines)] // One story, step by step.
async fn an_outage_blocks_sensitive_actions_then_grace_then_liquidation_grace_then_ok() {
    let net = Net::start();
    let world = net.world_with(&liquidatable_config()).await;
    let vault = world.contracts.vault;
    let alice = world.trader("alice", 1_000).await.unwrap();
    let bob = world.trader("bob", 1_000).await.unwrap();
    let keeper = world.actor("keeper").await.unwrap();
    // Alice is fully levered (10 % initial = 10 % maintenance); Bob is not.
    let levered = open_position(&world, &alice, 200, true, 1, 200).await;
    let safe = open_position(&world, &bob, 1_000, true, 1, 500).await;

    let now = world.clock.now().await.unwrap();
    world.set_sequencer(false, now).await.unwrap();
    for id in SENSITIVE {
        assert_status(&world, id, Status::SequencerDown).await;
    }
    for id in INSENSITIVE {
        assert_status(&world, id, Status::Ok).await;
    }
    let open = DerivativeVault::openPositionCall {
        isLong: true,
        size: units(1),
        margin: units(300),
    };
    assert_blocked(
        world.send(&bob, vault, open.abi_encode(), "open").await,
        action::OPEN,
        Status::SequencerDown,
    );
    // Risk-reducing exits stay open: Bob closes half.
    let close = DerivativeVault::reducePositionCall {
        id: safe,
        sizeDelta: units(1) / alloy::primitives::U256::from(2u8),
    };
    let receipt = world
        .send(&bob, vault, close.abi_encode(), "close half")
        .await
        .unwrap();
    assert_eq!(
        decode::events::<DerivativeVault::PositionReduced>(&receipt, vault)[0].price,
        units(2_000)
    );

    // The price drops 1 % during the outage: Alice is underwater, but
    // liquidations wait for the sequencer.
    world.set_price(1_980).await.unwrap();
    let liquidate = DerivativeVault::liquidateCall { id: levered };
    assert_blocked(
        world
            .send(&keeper, vault, liquidate.abi_encode(), "liquidate")
            .await,
        action::LIQUIDATE,
        Status::SequencerDown,
    );

    // Back up: the grace period starts.
    let back_at = world.clock.now().await.unwrap();
    world.set_sequencer(true, back_at).await.unwrap();
    for id in SENSITIVE {
        assert_status(&world, id, Status::SequencerGrace).await;
    }
    let (_, valid_until) = world.check(action::OPEN).await.unwrap();
    assert_eq!(valid_until, back_at + 3_600 - 1, "the grace's last second");
    assert_blocked(
        world
            .send(&keeper, vault, liquidate.abi_encode(), "liquidate")
            .await,
        action::LIQUIDATE,
        Status::SequencerGrace,
    );

    if !time_travel(&world.clock, "the grace periods after the outage") {
        return;
    }
    world.advance(3_000).await.unwrap();
    world.refresh_feed().await.unwrap();
    assert_status(&world, action::OPEN, Status::SequencerGrace).await;
    world.advance(700).await.unwrap();
    world.refresh_feed().await.unwrap();
    for id in [action::OPEN, action::WITHDRAW, action::SETTLE] {
        assert_status(&world, id, Status::Ok).await;
    }
    assert_status(&world, action::LIQUIDATE, Status::LiquidationGrace).await;
    let (_, valid_until) = world.check(action::LIQUIDATE).await.unwrap();
    assert_eq!(valid_until, back_at + 3_600 + 3_600 - 1);
    assert_blocked(
        world
            .send(&keeper, vault, liquidate.abi_encode(), "liquidate")
            .await,
        action::LIQUIDATE,
        Status::LiquidationGrace,
    );

    world.advance(3_600).await.unwrap();
    world.refresh_feed().await.unwrap();
    assert_status(&world, action::LIQUIDATE, Status::Ok).await;
    let receipt = world
        .send(&keeper, vault, liquidate.abi_encode(), "liquidate")
        .await
        .unwrap();
    let liquidated = decode::events::<DerivativeVault::PositionLiquidated>(&receipt, vault);
    assert_eq!(liquidated.len(), 1);
    assert_eq!(liquidated[0].liquidator, keeper.address);
    assert_eq!(liquidated[0].price, units(1_980));
    assert_eq!(liquidated[0].marginSeized, units(200));
    // 1 % of the 1980 notional.
    assert_eq!(
        liquidated[0].reward,
        units(1_980) / alloy::primitives::U256::from(100u8)
    );
}
