//! Scenario 2 — oracle manipulation: the primary feed jumps 40 %; OPEN and
//! SETTLE are blocked with ORACLE_DEVIATION; anyone trips the breaker;
//! BREAKER_TRIPPED persists after the price returns; only the guardian
//! multisig (owners' signatures) resets it, and trading resumes.

use alloy::{primitives::U256, sol_types::SolCall};
use guard_abi::{action, Status};
use guard_e2e::{assert_blocked, assert_status, refusal, Net};
use guard_suite::{
    bindings::{DerivativeVault, IGuardianMultisig, IOracleSanityChecker},
    world::{decode, units},
};

#[tokio::test(flavor = "multi_thread")]
#[allow(clippy::too_many_lines)] // One story, step by step.
async fn a_forty_percent_jump_is_blocked_latched_and_reset_only_by_the_council() {
    let net = Net::start();
    let world = net.world().await;
    let vault = world.contracts.vault;
    let oracle = world.contracts.oracle;
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

    // The attack: 2000 → 2800.
    world.set_price(2_800).await.unwrap();
    for id in [
        action::OPEN,
        action::SETTLE,
        action::CLOSE,
        action::LIQUIDATE,
    ] {
        assert_status(&world, id, Status::OracleDeviation).await;
    }
    for id in [action::DEPOSIT, action::ADD_MARGIN] {
        assert_status(&world, id, Status::Ok).await; // no price needed
    }
    assert_blocked(
        world
            .send(&alice, vault, open.abi_encode(), "open at 2800")
            .await,
        action::OPEN,
        Status::OracleDeviation,
    );
    let settle = DerivativeVault::settleCall { id: position };
    let keeper = world.actor("keeper").await.unwrap();
    assert_blocked(
        world
            .send(&keeper, vault, settle.abi_encode(), "settle at 2800")
            .await,
        action::SETTLE,
        Status::OracleDeviation,
    );
    // The manipulated round cannot be folded into the reference either.
    let error = refusal(world.record().await, "record at 2800");
    assert!(
        error.starts_with("PriceNotRecordable") && error.contains("status: 11"),
        "{error}"
    );

    // Anyone trips the breaker: a keeper with no role.
    let trip = IOracleSanityChecker::tripBreakerCall {
        market: world.market,
    };
    let receipt = world
        .send(&keeper, oracle, trip.abi_encode(), "trip")
        .await
        .unwrap();
    let tripped = decode::events::<IOracleSanityChecker::BreakerTripped>(&receipt, oracle);
    assert_eq!(tripped.len(), 1);
    assert_eq!(tripped[0].market, world.market);
    assert_eq!(tripped[0].account, keeper.address);
    assert_eq!(tripped[0].status, Status::OracleDeviation.code());
    assert_eq!(tripped[0].price, units(2_800));
    assert_eq!(tripped[0].referencePrice, units(2_000));
    assert_eq!(tripped[0].band, 200);
    assert_status(&world, action::SETTLE, Status::BreakerTripped).await;

    // The price returns: the breaker stays latched.
    world.set_price(2_000).await.unwrap();
    for id in [action::OPEN, action::SETTLE, action::CLOSE] {
        assert_status(&world, id, Status::BreakerTripped).await;
    }
    assert_blocked(
        world
            .send(&keeper, vault, settle.abi_encode(), "settle at 2000")
            .await,
        action::SETTLE,
        Status::BreakerTripped,
    );
    let error = refusal(
        world
            .send(&keeper, oracle, trip.abi_encode(), "trip twice")
            .await,
        "a second trip",
    );
    assert!(error.starts_with("BreakerAlreadyTripped"), "{error}");

    // Only the guardian resets it: not a keeper, not one owner's signature.
    let reset = IOracleSanityChecker::resetBreakerCall {
        market: world.market,
    };
    let error = refusal(
        world
            .send(&keeper, oracle, reset.abi_encode(), "keeper reset")
            .await,
        "a keeper's reset",
    );
    assert!(error.starts_with("UnauthorizedAccount"), "{error}");
    let nonce = world.multisig_nonce().await.unwrap();
    let one_signature = world
        .council
        .signatures(1, oracle, U256::ZERO, &reset.abi_encode(), nonce)
        .unwrap();
    let under_threshold = IGuardianMultisig::executeWithSignaturesCall {
        target: oracle,
        value: U256::ZERO,
        data: reset.abi_encode().into(),
        signatures: one_signature,
    };
    let error = refusal(
        world
            .send(
                &keeper,
                world.contracts.multisig,
                under_threshold.abi_encode(),
                "one signature",
            )
            .await,
        "a reset with one signature",
    );
    assert!(error.starts_with("InsufficientSignatures"), "{error}");
    assert_status(&world, action::SETTLE, Status::BreakerTripped).await;

    let receipt = world
        .as_council(oracle, reset.abi_encode(), "council reset")
        .await
        .unwrap();
    assert!(decode::multisig_executed(
        &receipt,
        world.contracts.multisig
    ));
    let resets = decode::events::<IOracleSanityChecker::BreakerReset>(&receipt, oracle);
    assert_eq!(resets.len(), 1);
    assert_eq!(resets[0].account, world.contracts.multisig);
    assert_eq!(
        resets[0].reanchoredTo,
        units(2_000),
        "re-anchored at the live price"
    );
    let state = world
        .oracle(&keeper)
        .marketState(world.market)
        .call()
        .await
        .unwrap();
    assert!(!state.breaker);

    for id in 0..=action::SETTLE {
        assert_status(&world, id, Status::Ok).await;
    }
    let receipt = world
        .send(&keeper, vault, settle.abi_encode(), "settle after reset")
        .await
        .unwrap();
    let settled = decode::events::<DerivativeVault::PositionSettled>(&receipt, vault);
    assert_eq!(settled[0].price, units(2_000));
    assert_eq!(settled[0].pnl, alloy::primitives::I256::ZERO);
}
