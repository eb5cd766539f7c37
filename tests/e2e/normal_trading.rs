//! Scenario 1 — normal trading: deposit, open, close, settle, withdraw on
//! the real vault bytecode over the real gate; every action is OK and the
//! vault's books and events match the prices the feed published.

use alloy::{primitives::I256, sol_types::SolCall};
use guard_abi::{action, Status};
use guard_e2e::Net;
use guard_suite::{
    bindings::DerivativeVault,
    world::{decode, units},
};

#[tokio::test(flavor = "multi_thread")]
#[allow(clippy::too_many_lines)] // One story, step by step.
async fn deposit_open_close_settle_and_withdraw_all_pass_the_gate() {
    let net = Net::start();
    let world = net.world().await;
    let vault = world.contracts.vault;

    for id in 0..=action::SETTLE {
        let (status, _) = world.check(id).await.unwrap();
        assert_eq!(status, Status::Ok.code(), "action {id} is open");
    }
    let price = world
        .registry(&world.deployer)
        .settlementPrice(world.market, action::OPEN)
        .call()
        .await
        .unwrap();
    assert_eq!(
        price.price,
        units(2_000),
        "the feed's 2000.00000000, normalized"
    );
    assert_eq!(
        world
            .registry(&world.deployer)
            .marginMultiplier(world.market)
            .call()
            .await
            .unwrap(),
        10_000,
        "σ unknown: 1x"
    );

    let alice = world.trader("alice", 10_000).await.unwrap();
    let deposit = DerivativeVault::depositCall {
        amount: units(5_000),
    };
    let receipt = world
        .send(&alice, vault, deposit.abi_encode(), "deposit")
        .await
        .unwrap();
    let deposited = decode::events::<DerivativeVault::Deposited>(&receipt, vault);
    assert_eq!(deposited.len(), 1);
    assert_eq!(deposited[0].account, alice.address);
    assert_eq!(deposited[0].amount, units(5_000));

    // Open 2 ETH long at 2000 with 1000 margin (needs 10 % of 4000 = 400).
    let open = DerivativeVault::openPositionCall {
        isLong: true,
        size: units(2),
        margin: units(1_000),
    };
    let receipt = world
        .send(&alice, vault, open.abi_encode(), "open")
        .await
        .unwrap();
    let opened = decode::events::<DerivativeVault::PositionOpened>(&receipt, vault);
    assert_eq!(opened.len(), 1);
    let position = opened[0].id;
    assert_eq!(opened[0].price, units(2_000));
    assert_eq!(opened[0].size, units(2));
    assert_eq!(
        world
            .vault(&alice)
            .freeCollateral(alice.address)
            .call()
            .await
            .unwrap(),
        units(4_000)
    );

    // The price moves 1 % up (inside the 2 % band); half is closed at 2020.
    world.set_price(2_020).await.unwrap();
    let (status, _) = world.check(action::CLOSE).await.unwrap();
    assert_eq!(status, Status::Ok.code());
    let close = DerivativeVault::reducePositionCall {
        id: position,
        sizeDelta: units(1),
    };
    let receipt = world
        .send(&alice, vault, close.abi_encode(), "close half")
        .await
        .unwrap();
    let reduced = decode::events::<DerivativeVault::PositionReduced>(&receipt, vault);
    assert_eq!(reduced.len(), 1);
    assert_eq!(reduced[0].price, units(2_020));
    assert_eq!(reduced[0].pnl, I256::try_from(units(20)).unwrap());
    assert_eq!(reduced[0].marginReleased, units(500));
    let recorded = decode::events::<DerivativeVault::SettlementRecorded>(&receipt, vault);
    assert_eq!(recorded.len(), 1, "the profit is a pending settlement");
    assert_eq!(recorded[0].pnl, I256::try_from(units(20)).unwrap());

    // A keeper settles the rest at the next price (mark to market).
    world.set_price(2_010).await.unwrap();
    let keeper = world.actor("keeper").await.unwrap();
    let settle = DerivativeVault::settleCall { id: position };
    let receipt = world
        .send(&keeper, vault, settle.abi_encode(), "settle")
        .await
        .unwrap();
    let settled = decode::events::<DerivativeVault::PositionSettled>(&receipt, vault);
    assert_eq!(settled.len(), 1);
    assert_eq!(settled[0].price, units(2_010));
    assert_eq!(settled[0].pnl, I256::try_from(units(10)).unwrap());
    assert!(!settled[0].expired);
    let position_now = world
        .vault(&alice)
        .positionOf(position)
        .call()
        .await
        .unwrap();
    assert_eq!(position_now.entryPrice, units(2_010), "re-marked at 2010");
    assert_eq!(position_now.size, units(1));

    // Withdraw part of the free collateral.
    let withdraw = DerivativeVault::withdrawCall {
        amount: units(4_500),
    };
    world
        .send(&alice, vault, withdraw.abi_encode(), "withdraw")
        .await
        .unwrap();
    assert_eq!(
        world
            .collateral(&alice)
            .balanceOf(alice.address)
            .call()
            .await
            .unwrap(),
        units(9_500),
        "5000 kept + 4500 withdrawn"
    );
    assert_eq!(
        world.vault(&alice).pendingProfit().call().await.unwrap(),
        units(30),
        "both profits wait for finality"
    );
}
