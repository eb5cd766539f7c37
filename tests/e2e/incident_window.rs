//! Scenario 9 — the incident window: settlements made during a declared
//! incident are voided by the vault after the fact (profits back to the
//! insurance fund, losses refunded); settlements before and after it
//! finalize once their finality delay has passed.

use alloy::{
    primitives::{I256, U256},
    sol_types::SolCall,
};
use guard_e2e::{open_position, refusal, time_travel, Net};
use guard_suite::{
    bindings::{DerivativeVault, IPauseRegistry},
    world::{decode, units, Actor, World},
};

/// Sends a vault call and returns the id of the settlement it recorded.
async fn settlement_of(world: &World, actor: &Actor, call: Vec<u8>, what: &str) -> U256 {
    let receipt = world
        .send(actor, world.contracts.vault, call, what)
        .await
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    let recorded =
        decode::events::<DerivativeVault::SettlementRecorded>(&receipt, world.contracts.vault);
    assert_eq!(recorded.len(), 1, "{what} records one settlement");
    recorded[0].settlementId
}

fn finalize(id: U256) -> Vec<u8> {
    DerivativeVault::finalizeCall { id }.abi_encode()
}

fn pnl(whole: i64) -> I256 {
    I256::try_from(whole).unwrap() * I256::try_from(units(1)).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
#[allow(clippy::too_many_lines)] // One story: before, during, after the incident.
async fn settlements_inside_the_window_are_voided_and_the_others_finalize() {
    let net = Net::start();
    let world = net.world().await;
    if !time_travel(&world.clock, "the incident window") {
        return;
    }
    let vault = world.contracts.vault;
    let registry = world.contracts.registry;
    let alice = world.trader("alice", 1_000).await.unwrap();
    let bob = world.trader("bob", 1_000).await.unwrap();
    let carol = world.trader("carol", 2_000).await.unwrap();
    let keeper = world.actor("keeper").await.unwrap();
    let alice_long = open_position(&world, &alice, 1_000, true, 1, 500).await;
    let bob_short = open_position(&world, &bob, 1_000, false, 1, 500).await;
    let carol_long = open_position(&world, &carol, 2_000, true, 2, 1_000).await;

    // Before the incident: a genuine 1 % move; Alice takes her profit.
    world.set_price(2_020).await.unwrap();
    world.record().await.unwrap();
    let close = |id, size| DerivativeVault::reducePositionCall {
        id,
        sizeDelta: units(size),
    };
    let before = settlement_of(
        &world,
        &alice,
        close(alice_long, 1).abi_encode(),
        "alice closes",
    )
    .await;

    // The incident: a manipulated round inside the band. Carol's profit and
    // Bob's settled loss happen at the manipulated price.
    world.advance(120).await.unwrap();
    world.set_price(2_060).await.unwrap();
    let carol_profit = settlement_of(
        &world,
        &carol,
        close(carol_long, 2).abi_encode(),
        "carol closes",
    )
    .await;
    let bob_loss = settlement_of(
        &world,
        &keeper,
        DerivativeVault::settleCall { id: bob_short }.abi_encode(),
        "bob settled",
    )
    .await;
    let start = world
        .vault(&keeper)
        .settlementOf(carol_profit)
        .call()
        .await
        .unwrap()
        .timestamp;

    // The guardian declares the incident from the first manipulated round.
    world.advance(60).await.unwrap();
    let declare = IPauseRegistry::declareIncidentCall {
        market: world.market,
        start,
    };
    let receipt = world
        .as_council(registry, declare.abi_encode(), "declare")
        .await
        .unwrap();
    let declared = decode::events::<IPauseRegistry::IncidentDeclared>(&receipt, registry);
    assert_eq!(declared.len(), 1);
    assert_eq!(declared[0].account, world.contracts.multisig);
    assert_eq!(declared[0].start, start);
    let window = world
        .registry(&keeper)
        .incidentWindow(world.market)
        .call()
        .await
        .unwrap();
    assert_eq!((window.start, window.end), (start, 0));
    // While it is open, covered settlements cannot be finalized either way.
    let error = refusal(
        world
            .send(&keeper, vault, finalize(carol_profit), "finalize during")
            .await,
        "finalizing inside an open window",
    );
    assert_eq!(
        error,
        format!("IncidentWindowOpen {{ id: {carol_profit}, start: {start} }}")
    );
    let error = refusal(
        world
            .send(&keeper, vault, finalize(before), "finalize early")
            .await,
        "finalizing before the finality delay",
    );
    assert!(error.starts_with("SettlementNotMature"), "{error}");

    // Resolved: the honest price is back and the window is closed.
    world.advance(60).await.unwrap();
    world.set_price(2_000).await.unwrap();
    let receipt = world
        .as_council(
            registry,
            IPauseRegistry::closeIncidentCall {
                market: world.market,
            }
            .abi_encode(),
            "close incident",
        )
        .await
        .unwrap();
    let closed = decode::events::<IPauseRegistry::IncidentClosed>(&receipt, registry);
    assert_eq!(closed[0].start, start);
    let end = closed[0].end;
    assert_eq!(end, world.clock.now().await.unwrap());

    // After the window: Bob's short is settled again at 2000 (a profit).
    world.advance(60).await.unwrap();
    let after = settlement_of(
        &world,
        &keeper,
        DerivativeVault::settleCall { id: bob_short }.abi_encode(),
        "bob settled after",
    )
    .await;

    // Voided at once, whatever the finality delay.
    let v = world.vault(&keeper);
    let fund = v.insuranceFund().call().await.unwrap();
    let receipt = world
        .send(&keeper, vault, finalize(carol_profit), "void carol")
        .await
        .unwrap();
    let voided = decode::events::<DerivativeVault::SettlementVoided>(&receipt, vault);
    assert_eq!(voided.len(), 1);
    assert_eq!(voided[0].account, carol.address);
    assert_eq!(voided[0].pnl, pnl(120));
    assert_eq!((voided[0].start, voided[0].end), (start, end));
    assert_eq!(v.insuranceFund().call().await.unwrap(), fund + units(120));
    let bob_free = v.freeCollateral(bob.address).call().await.unwrap();
    let receipt = world
        .send(&keeper, vault, finalize(bob_loss), "void bob")
        .await
        .unwrap();
    let voided = decode::events::<DerivativeVault::SettlementVoided>(&receipt, vault);
    assert_eq!(voided[0].pnl, pnl(-60));
    assert_eq!(
        v.freeCollateral(bob.address).call().await.unwrap(),
        bob_free + units(60),
        "the loss is refunded"
    );

    // Outside the window: final after the 2-hour finality delay.
    world
        .advance(world.vault_params.finality_delay)
        .await
        .unwrap();
    let alice_free = v.freeCollateral(alice.address).call().await.unwrap();
    let receipt = world
        .send(&keeper, vault, finalize(before), "finalize alice")
        .await
        .unwrap();
    let finalized = decode::events::<DerivativeVault::SettlementFinalized>(&receipt, vault);
    assert_eq!(finalized[0].pnl, pnl(20));
    assert_eq!(
        v.freeCollateral(alice.address).call().await.unwrap(),
        alice_free + units(20)
    );
    let receipt = world
        .send(&keeper, vault, finalize(after), "finalize bob")
        .await
        .unwrap();
    let finalized = decode::events::<DerivativeVault::SettlementFinalized>(&receipt, vault);
    assert_eq!(finalized[0].account, bob.address);
    assert_eq!(finalized[0].pnl, pnl(60));
    assert_eq!(v.pendingProfit().call().await.unwrap(), U256::ZERO);

    let error = refusal(
        world
            .send(&keeper, vault, finalize(carol_profit), "finalize twice")
            .await,
        "finalizing a voided settlement",
    );
    assert_eq!(
        error,
        format!("SettlementNotPending {{ id: {carol_profit} }}")
    );
}
