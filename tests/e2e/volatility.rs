//! Scenario 8 — volatility: a run of large but in-band price moves raises
//! σ, widens the deviation band and raises `marginMultiplier`; an OPEN
//! that met the margin requirement in the calm market is refused by the
//! vault in the volatile one; the multiplier reaches its cap and never
//! exceeds it.

use alloy::{
    primitives::{I256, U256},
    sol_types::SolCall,
};
use guard_abi::{action, Status};
use guard_e2e::{assert_status, dev_config, refusal, time_travel, Net};
use guard_suite::{
    bindings::{DerivativeVault, IOracleSanityChecker},
    world::{decode, units},
};

/// The margin multiplier's cap in this world: 1.5x.
const MARGIN_CAP: u16 = 15_000;

/// Alternating moves of 2–6 % around 2000, each inside the band the
/// previous rounds set (base 2 %, +3σ, capped at 10 %).
const VOLATILE_RUN: [u64; 13] = [
    2_036, 1_970, 2_060, 1_940, 2_080, 1_920, 2_100, 1_900, 2_120, 1_900, 2_120, 1_900, 2_100,
];

#[tokio::test(flavor = "multi_thread")]
#[allow(clippy::too_many_lines)] // One story: calm, the run, the refused open.
async fn in_band_swings_raise_sigma_band_and_margin_up_to_the_cap() {
    let net = Net::start();
    let mut config = dev_config();
    config.suite.markets[0].margin_cap = MARGIN_CAP;
    let world = net.world_with(&config).await;
    // Each round needs its own `updatedAt`, i.e. time between rounds.
    if !time_travel(&world.clock, "the volatile run") {
        return;
    }
    let vault = world.contracts.vault;
    let oracle = world.contracts.oracle;
    let gate = world.registry(&world.deployer);
    let checker = world.oracle(&world.deployer);

    // Calm: 1x, the base band, and a 1-unit OPEN with 210 margin (needs 200).
    assert_eq!(
        gate.marginMultiplier(world.market).call().await.unwrap(),
        10_000
    );
    assert_eq!(checker.band(world.market).call().await.unwrap(), 200);
    let open = DerivativeVault::openPositionCall {
        isLong: true,
        size: units(1),
        margin: units(210),
    };
    let calm = world.trader("calm", 1_000).await.unwrap();
    let deposit = DerivativeVault::depositCall {
        amount: units(1_000),
    };
    world
        .send(&calm, vault, deposit.abi_encode(), "deposit")
        .await
        .unwrap();
    world
        .send(&calm, vault, open.abi_encode(), "calm open")
        .await
        .unwrap();

    let mut previous = (0u16, 10_000u16, U256::ZERO); // band, multiplier, σ
    for price in VOLATILE_RUN {
        world.advance(60).await.unwrap();
        world.set_price(price).await.unwrap();
        assert_status(&world, action::OPEN, Status::Ok).await; // in band
        let receipt = world.record().await.unwrap();
        let recorded = decode::events::<IOracleSanityChecker::PriceRecorded>(&receipt, oracle);
        assert_eq!(recorded.len(), 1);
        assert_eq!(recorded[0].price, units(price));
        let band = checker.band(world.market).call().await.unwrap();
        let multiplier = gate.marginMultiplier(world.market).call().await.unwrap();
        assert_eq!(recorded[0].band, band, "the event reports the new band");
        assert!(multiplier <= MARGIN_CAP, "{multiplier} above the cap");
        assert!(band <= 1_000, "{band} above the band cap");
        assert!(
            band >= previous.0 && multiplier >= previous.1,
            "σ only rose in this run: band {band}, multiplier {multiplier} after {previous:?}"
        );
        previous = (band, multiplier, recorded[0].sigma);
    }
    let state = checker.marketState(world.market).call().await.unwrap();
    assert_eq!(state.sigma, previous.2);
    assert!(
        state.sigma > U256::from(5u64) * U256::from(10u64).pow(U256::from(16u64)),
        "σ above 5 %: {}",
        state.sigma
    );
    assert_eq!(previous.0, 1_000, "the band widened to its cap");
    assert_eq!(previous.1, MARGIN_CAP, "the multiplier reached its cap");

    // Back at 2000: the calm OPEN now needs 10 % × 1.5 = 300.
    world.advance(60).await.unwrap();
    world.set_price(2_000).await.unwrap();
    assert_status(&world, action::OPEN, Status::Ok).await;
    assert_eq!(
        world
            .vault(&world.deployer)
            .initialMargin(units(1), units(2_000))
            .call()
            .await
            .unwrap(),
        units(300)
    );
    let volatile = world.trader("volatile", 1_000).await.unwrap();
    world
        .send(&volatile, vault, deposit.abi_encode(), "deposit")
        .await
        .unwrap();
    let error = refusal(
        world
            .send(&volatile, vault, open.abi_encode(), "volatile open")
            .await,
        "the calm-sized OPEN in the volatile market",
    );
    assert_eq!(
        error,
        format!(
            "InsufficientMargin {{ id: 2, equity: {}, required: {} }}",
            I256::try_from(units(210)).unwrap(),
            units(300)
        )
    );
    let enough = DerivativeVault::openPositionCall {
        isLong: true,
        size: units(1),
        margin: units(300),
    };
    world
        .send(
            &volatile,
            vault,
            enough.abi_encode(),
            "open with 1.5x margin",
        )
        .await
        .unwrap();
}
