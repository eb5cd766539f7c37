//! Scenario 7 — a bad parameter change: a timelocked config change loosens
//! the oracle's deviation band (and the registry's sequencer-sensitive
//! mask); a price that should be blocked then passes; the guardian
//! multisig rolls both back at once, without waiting for any delay.

use alloy::sol_types::SolCall;
use guard_abi::{action, Status};
use guard_e2e::{assert_status, dev_config, refusal, time_travel, Net};
use guard_suite::{
    bindings::{IOracleSanityChecker, IPauseRegistry},
    world::{decode, units, Operation},
};

#[tokio::test(flavor = "multi_thread")]
#[allow(clippy::too_many_lines)] // One story: the change, its effect, the rollback.
async fn the_guardian_rolls_back_a_timelocked_config_change_at_once() {
    let net = Net::start();
    let world = net.world().await;
    if !time_travel(&world.clock, "the timelocked config change") {
        return;
    }
    let oracle = world.contracts.oracle;
    let registry = world.contracts.registry;
    let market = &dev_config().suite.markets[0];
    let loosen = IOracleSanityChecker::configureMarketCall {
        market: world.market,
        primary: world.contracts.feed,
        _reference: alloy::primitives::Address::ZERO,
        heartbeat: market.heartbeat,
        staleTripAfter: market.stale_trip_after,
        minPrice: units(market.min_price),
        maxPrice: units(market.max_price),
        baseBand: 2_000, // 20 %: a 15 % jump now passes
        bandCap: 4_000,
        volatilityMultiplier: market.volatility_multiplier,
        halfLife: market.half_life,
        marginFactor: market.margin_factor,
        marginCap: market.margin_cap,
    };
    let unguard_sequencer = IPauseRegistry::setMarketConfigCall {
        market: world.market,
        sequencerSensitive: 0,
        liquidationGrace: 0,
    };
    let change = Operation::batch(
        vec![oracle, registry],
        vec![alloy::primitives::U256::ZERO; 2],
        vec![
            loosen.abi_encode().into(),
            unguard_sequencer.abi_encode().into(),
        ],
    );
    // Not directly: the oracle's admin is the timelock.
    let error = refusal(
        world
            .send(
                &world.deployer,
                oracle,
                loosen.abi_encode(),
                "direct change",
            )
            .await,
        "the former admin's direct change",
    );
    assert!(error.starts_with("UnauthorizedAccount"), "{error}");

    world.schedule(&change, world.min_delay).await.unwrap();
    world.advance(world.min_delay).await.unwrap();
    let receipt = world.execute(&change, &world.deployer).await.unwrap();
    let configured = decode::events::<IOracleSanityChecker::MarketConfigured>(&receipt, oracle);
    assert_eq!(configured.len(), 1);
    assert_eq!(configured[0].baseBand, 2_000);
    let changed = decode::events::<IPauseRegistry::MarketConfigChanged>(&receipt, registry);
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].oldSequencerSensitive, market.sequencer_sensitive);
    assert_eq!(changed[0].sequencerSensitive, 0);
    assert_eq!(
        world
            .oracle(&world.deployer)
            .band(world.market)
            .call()
            .await
            .unwrap(),
        2_000
    );

    // The harm: a 15 % jump passes the gate, and a sequencer outage no
    // longer blocks anything.
    world.set_price(2_300).await.unwrap();
    assert_status(&world, action::OPEN, Status::Ok).await;
    let now = world.clock.now().await.unwrap();
    world.set_sequencer(false, now).await.unwrap();
    assert_status(&world, action::OPEN, Status::Ok).await;

    // The guardian rolls both back at once (no delay).
    let rollback_oracle = IOracleSanityChecker::rollbackConfigCall {
        market: world.market,
    };
    let receipt = world
        .as_council(oracle, rollback_oracle.abi_encode(), "oracle rollback")
        .await
        .unwrap();
    let rolled = decode::events::<IOracleSanityChecker::MarketConfigRolledBack>(&receipt, oracle);
    assert_eq!(rolled.len(), 1);
    assert_eq!(rolled[0].account, world.contracts.multisig);
    assert_eq!(rolled[0].primary, world.contracts.feed);
    let rollback_registry = IPauseRegistry::rollbackConfigCall {
        market: world.market,
    };
    let receipt = world
        .as_council(
            registry,
            rollback_registry.abi_encode(),
            "registry rollback",
        )
        .await
        .unwrap();
    let rolled = decode::events::<IPauseRegistry::MarketConfigRolledBack>(&receipt, registry);
    assert_eq!(rolled[0].sequencerSensitive, market.sequencer_sensitive);
    assert_eq!(rolled[0].liquidationGrace, market.liquidation_grace);

    assert_eq!(
        world
            .oracle(&world.deployer)
            .band(world.market)
            .call()
            .await
            .unwrap(),
        200
    );
    assert!(!world
        .oracle(&world.deployer)
        .hasPreviousConfig(world.market)
        .call()
        .await
        .unwrap());
    assert_status(&world, action::OPEN, Status::SequencerDown).await;
    world
        .set_sequencer(true, now.saturating_sub(86_400))
        .await
        .unwrap();
    assert_status(&world, action::OPEN, Status::OracleDeviation).await;
    assert_status(&world, action::DEPOSIT, Status::Ok).await;

    // A rollback cannot be undone by another rollback; only the admin can.
    let error = refusal(
        world
            .as_council(oracle, rollback_oracle.abi_encode(), "second rollback")
            .await,
        "a second rollback",
    );
    assert!(
        error.starts_with("CallReverted") && error.contains("NoPreviousConfig"),
        "{error}"
    );
    // And a user cannot roll back at all.
    let user = world.actor("user").await.unwrap();
    let error = refusal(
        world
            .send(
                &user,
                registry,
                rollback_registry.abi_encode(),
                "user rollback",
            )
            .await,
        "a user's rollback",
    );
    assert!(error.starts_with("UnauthorizedAccount"), "{error}");
}
