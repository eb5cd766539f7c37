//! The PauseRegistry's real WASM, as cargo-stylus deploys it, on the devnet
//! over JSON-RPC: deployment through the StylusDeployer with its
//! constructor, roles, pauses and the gate's statuses.

use alloy::{
    primitives::{Address, B256},
    sol_types::SolValue,
};
use guard_abi::{
    action::{CLOSE, DEFAULT_SEQUENCER_SENSITIVE, DEPOSIT, OPEN, RISK_INCREASING},
    Status,
};
use guard_e2e::Net;
use guard_suite::{artifacts, bindings::IPauseRegistry, stylus};

const MARKET: B256 = B256::repeat_byte(0x11);

#[tokio::test(flavor = "multi_thread")]
async fn the_registry_deploys_with_its_constructor_and_gates_settlements() {
    let net = Net::start();
    let admin = net.dev();
    let guardian = net.funded(1).await;
    let oracle = Address::repeat_byte(0x0c); // no code: every oracle read fails closed
    let artifact = artifacts::load_or_build("pause-registry")
        .expect("the registry artifact (scripts/build.sh)");

    let args = (admin.address, guardian.address, oracle).abi_encode_params();
    let deployed = stylus::deploy(&admin.provider, &artifact, &args, B256::ZERO)
        .await
        .expect("deployed");
    let as_admin = IPauseRegistry::new(deployed.address, &admin.provider);
    let as_guardian = IPauseRegistry::new(deployed.address, &guardian.provider);
    assert_eq!(as_admin.admin().call().await.unwrap(), admin.address);

    // Unknown market first, then registered.
    let unknown = as_admin
        .checkSettlement(MARKET, DEPOSIT)
        .call()
        .await
        .unwrap();
    assert_eq!(unknown.status, Status::UnknownMarket.code());
    as_admin
        .registerMarket(MARKET, DEFAULT_SEQUENCER_SENSITIVE, 3_600)
        .send()
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    let deposit = as_admin
        .checkSettlement(MARKET, DEPOSIT)
        .call()
        .await
        .unwrap();
    assert_eq!(deposit.status, Status::Ok.code());

    // The oracle address has no code: the gate fails closed.
    let open = as_admin.checkSettlement(MARKET, OPEN).call().await.unwrap();
    assert_eq!(open.status, Status::SequencerDown.code());
    let close = as_admin
        .checkSettlement(MARKET, CLOSE)
        .call()
        .await
        .unwrap();
    assert_eq!(close.status, Status::OracleUnavailable.code());

    // The guardian pauses risk-increasing actions; a stranger cannot.
    let receipt = as_guardian
        .pause(MARKET, RISK_INCREASING, 600, B256::ZERO)
        .send()
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    assert!(receipt.status());
    assert_eq!(receipt.inner.logs().len(), 1, "one Paused event");
    let paused = as_admin
        .checkSettlement(MARKET, DEPOSIT)
        .call()
        .await
        .unwrap();
    assert_eq!(paused.status, Status::MarketPaused.code());

    let stranger = net.funded(2).await;
    let as_stranger = IPauseRegistry::new(deployed.address, &stranger.provider);
    let refused = as_stranger
        .pause(MARKET, RISK_INCREASING, 600, B256::ZERO)
        .call()
        .await
        .err()
        .expect("refused");
    let decoded = refused.as_decoded_interface_error::<IPauseRegistry::IPauseRegistryErrors>();
    assert!(
        matches!(
            decoded,
            Some(IPauseRegistry::IPauseRegistryErrors::UnauthorizedAccount(_))
        ),
        "a stranger's pause reverts UnauthorizedAccount, got {refused:?}"
    );

    // The pause expires on time.
    let clock = net.clock().await;
    if guard_e2e::time_travel(&clock, "the pause expiry") {
        clock.advance(601).await.expect("time moves");
        let after = as_admin
            .checkSettlement(MARKET, DEPOSIT)
            .call()
            .await
            .unwrap();
        assert_eq!(after.status, Status::Ok.code());
    }
}

/// The same contract through the devnet's Rust API (no RPC): deployed by a
/// StylusDeployer transaction, then called and paused directly.
#[test]
fn the_registry_runs_through_the_devnet_rust_api() {
    use alloy::{
        primitives::U256,
        sol_types::{SolCall, SolEvent},
    };
    use guard_suite::stylus::{stylus_constructorCall, StylusDeployer, STYLUS_DEPLOYER};

    let devnet = stylus_devnet::Devnet::new().expect("the devnet starts");
    let admin = devnet.accounts()[0].address;
    let guardian = devnet.accounts()[1].address;
    let artifact = artifacts::load_or_build("pause-registry")
        .expect("the registry artifact (scripts/build.sh)");
    let mut init = stylus_constructorCall::SELECTOR.to_vec();
    init.extend((admin, guardian, Address::repeat_byte(0x0c)).abi_encode_params());
    let deploy = StylusDeployer::deployCall {
        bytecode: artifact.initcode.clone().into(),
        initData: init.into(),
        initValue: U256::ZERO,
        salt: B256::ZERO,
    };
    let one_eth = U256::from(10u64).pow(U256::from(18u64));
    let receipt = devnet
        .send(admin, STYLUS_DEPLOYER, one_eth, deploy.abi_encode())
        .expect("deployed");
    assert!(receipt.status);
    let registry = receipt
        .logs
        .iter()
        .find_map(|log| StylusDeployer::ContractDeployed::decode_log_data(log.data()).ok())
        .expect("ContractDeployed")
        .deployedContract;

    let register = IPauseRegistry::registerMarketCall {
        market: MARKET,
        sequencerSensitive: DEFAULT_SEQUENCER_SENSITIVE,
        liquidationGrace: 3_600,
    };
    assert!(
        devnet
            .send(admin, registry, U256::ZERO, register.abi_encode())
            .unwrap()
            .status
    );
    let pause = IPauseRegistry::pauseCall {
        market: MARKET,
        actions: RISK_INCREASING,
        duration: 60,
        reason: B256::ZERO,
    };
    assert!(
        devnet
            .send(guardian, registry, U256::ZERO, pause.abi_encode())
            .unwrap()
            .status
    );
    let check = IPauseRegistry::checkSettlementCall {
        market: MARKET,
        action: DEPOSIT,
    };
    let out = devnet.call(admin, registry, check.abi_encode()).unwrap();
    let verdict = IPauseRegistry::checkSettlementCall::abi_decode_returns(&out).unwrap();
    assert_eq!(verdict.status, Status::MarketPaused.code());
    devnet.increase_time(61);
    devnet.mine();
    let out = devnet.call(admin, registry, check.abi_encode()).unwrap();
    assert_eq!(
        IPauseRegistry::checkSettlementCall::abi_decode_returns(&out)
            .unwrap()
            .status,
        Status::Ok.code()
    );
}
