//! [`Fixture`]: everything one benchmark run deploys on one chain — both sides wired to the
//! same mock feeds, the same market and the same 3-of-5 council.

use alloy::{
    primitives::{keccak256, Address, Bytes, B256, I256, U256},
    signers::local::PrivateKeySigner,
    sol_types::{SolCall, SolValue},
};
use guard_suite::{
    artifacts,
    bindings::{IOracleSanityChecker, IPauseRegistry},
    solidity::{ArtifactSet, SolidityArtifact},
    stylus,
};

use crate::{
    baselines::{Safe, SafeProxyFactory, SolidityGate},
    error::BenchError,
    net::BenchNet,
    probe::Probe,
    signing::{self, THRESHOLD},
};

/// The market both gates are configured with.
pub const MARKET: &str = "ETH-USD";
/// The feed's decimals.
pub const FEED_DECIMALS: u8 = 8;
/// The feed's price in whole units.
pub const PRICE: u64 = 2_000;
/// Heartbeat of the market, seconds.
pub const HEARTBEAT: u32 = 3_600;
/// Base deviation band, bps (the SolidityGate's band).
pub const BASE_BAND_BPS: u16 = 200;
/// Sequencer grace period, seconds (both gates).
pub const SEQUENCER_GRACE: u64 = 3_600;
/// Minimum delay of both timelocks, seconds.
pub const MIN_DELAY: u64 = 3_600;
/// The empty account both multisigs send their measured transaction to.
pub const RECIPIENT: Address = Address::new([
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0xbe, 0xef,
]);

/// One deployed contract and its size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeployedCode {
    /// Its name.
    pub name: String,
    /// Its address.
    pub address: Address,
    /// keccak256 of its deployed code.
    pub codehash: B256,
    /// Bytes of deployed code (for Stylus: `EF F0 00 00 ‖ brotli(wasm)`).
    pub size: usize,
    /// The activation data fee paid, in wei (Stylus only; `None` when the code was already
    /// active on the node, so none was paid in this run).
    pub data_fee: Option<U256>,
}

/// Everything deployed for one run.
#[derive(Debug)]
pub struct Fixture {
    /// The market id.
    pub market: B256,
    /// The in-EVM gas meter (guardian / owner / proposer where a path needs a role).
    pub probe: Probe,
    /// The Chainlink-style mock feed both gates read.
    pub feed: Address,
    /// The mock sequencer uptime feed both gates read.
    pub sequencer: Address,
    /// The Stylus contracts: GuardianMultisig, EmergencyTimelock, OracleSanityChecker,
    /// PauseRegistry.
    pub stylus: Vec<DeployedCode>,
    /// The Solidity contracts: SolidityGate, TimelockController, Safe, SafeL2 (singletons and
    /// proxies).
    pub evm: Vec<DeployedCode>,
    /// The council (sorted by address).
    pub owners: Vec<PrivateKeySigner>,
}

impl Fixture {
    /// The address of `name` (either side).
    ///
    /// # Panics
    /// For a name this fixture does not deploy (a programming error).
    pub fn address(&self, name: &str) -> Address {
        self.stylus
            .iter()
            .chain(&self.evm)
            .find(|code| code.name == name)
            .unwrap_or_else(|| panic!("the fixture deploys no {name}"))
            .address
    }

    /// The codehashes of the Stylus contracts (for cache marks).
    pub fn stylus_codehashes(&self) -> Vec<B256> {
        self.stylus.iter().map(|code| code.codehash).collect()
    }

    /// Deploys both sides on `net`, reporting each step through `progress`.
    ///
    /// # Errors
    /// The first step that fails, named.
    pub async fn deploy(net: &BenchNet, progress: &dyn Fn(&str)) -> Result<Self, BenchError> {
        let market =
            guard_suite::suite::market_id(MARKET).map_err(|e| BenchError::Setup(e.to_string()))?;
        let owners = signing::council();
        progress("deploying the GasProbe and the mock feeds");
        let probe = Probe::deploy(net).await?;
        let now = net.timestamp().await?;
        let answer = I256::try_from(u128::from(PRICE) * 10u128.pow(u32::from(FEED_DECIMALS)))
            .unwrap_or(I256::MAX);
        let feed = deploy_evm(
            net,
            "MockAggregatorV3",
            &(U256::from(FEED_DECIMALS), answer, U256::from(now)).abi_encode_params(),
        )
        .await?;
        // Up for two days: past both gates' grace period.
        let sequencer = deploy_evm(
            net,
            "MockSequencerFeed",
            &(I256::ZERO, U256::from(now.saturating_sub(2 * 86_400))).abi_encode_params(),
        )
        .await?;

        progress("deploying the Stylus suite");
        let stylus =
            deploy_stylus_suite(net, market, probe.address, feed, sequencer, &owners).await?;
        progress("deploying the Solidity baselines");
        let evm = deploy_baselines(net, market, probe.address, feed, sequencer, &owners).await?;
        let mut fixture = Self {
            market,
            probe,
            feed,
            sequencer,
            stylus,
            evm,
            owners,
        };
        for code in fixture.stylus.iter_mut().chain(fixture.evm.iter_mut()) {
            let deployed = net.code(code.address).await?;
            code.size = deployed.len();
            code.codehash = keccak256(&deployed);
        }
        Ok(fixture)
    }
}

async fn deploy_evm(net: &BenchNet, name: &str, args: &[u8]) -> Result<Address, BenchError> {
    SolidityArtifact::from_set(ArtifactSet::Bench, name)?
        .deploy_at(net.provider(), args)
        .await
        .map_err(BenchError::deploy(format!("deploying {name}")))
}

fn evm_code(name: &str, address: Address) -> DeployedCode {
    DeployedCode {
        name: name.to_owned(),
        address,
        codehash: B256::ZERO,
        size: 0,
        data_fee: None,
    }
}

async fn deploy_stylus(
    net: &BenchNet,
    crate_name: &str,
    name: &str,
    args: &[u8],
) -> Result<DeployedCode, BenchError> {
    let artifact = artifacts::load_or_build(crate_name)?;
    let deployed = stylus::deploy(net.provider(), &artifact, args, B256::ZERO)
        .await
        .map_err(BenchError::deploy(format!("deploying {name}")))?;
    Ok(DeployedCode {
        name: name.to_owned(),
        address: deployed.address,
        codehash: B256::ZERO,
        size: 0,
        data_fee: (!deployed.data_fee.is_zero()).then_some(deployed.data_fee),
    })
}

fn whole(units: u64) -> U256 {
    U256::from(units) * U256::from(10u64).pow(U256::from(18u64))
}

/// GuardianMultisig (3-of-5), EmergencyTimelock (the probe and the bench account propose,
/// anyone executes), OracleSanityChecker and PauseRegistry (the probe is the registry's
/// guardian), the market configured on both and its first price recorded.
async fn deploy_stylus_suite(
    net: &BenchNet,
    market: B256,
    probe: Address,
    feed: Address,
    sequencer: Address,
    owners: &[PrivateKeySigner],
) -> Result<Vec<DeployedCode>, BenchError> {
    let account = net.account();
    let multisig_args = (
        signing::addresses(owners),
        U256::from(THRESHOLD),
        U256::from(1u8),
        U256::from(86_400u64),
    )
        .abi_encode_params();
    let multisig =
        deploy_stylus(net, "guardian-multisig", "GuardianMultisig", &multisig_args).await?;
    let timelock_args = (
        U256::from(MIN_DELAY),
        vec![probe, account],
        vec![Address::ZERO],
        account,
    )
        .abi_encode_params();
    let timelock = deploy_stylus(
        net,
        "emergency-timelock",
        "EmergencyTimelock",
        &timelock_args,
    )
    .await?;
    let oracle = deploy_stylus(
        net,
        "oracle-sanity-checker",
        "OracleSanityChecker",
        &(account, account, sequencer).abi_encode_params(),
    )
    .await?;
    let registry = deploy_stylus(
        net,
        "pause-registry",
        "PauseRegistry",
        &(account, probe, oracle.address).abi_encode_params(),
    )
    .await?;

    let configure = IOracleSanityChecker::configureMarketCall {
        market,
        primary: feed,
        _reference: Address::ZERO,
        heartbeat: HEARTBEAT,
        staleTripAfter: HEARTBEAT,
        minPrice: whole(1),
        maxPrice: whole(1_000_000),
        baseBand: BASE_BAND_BPS,
        bandCap: 1_000,
        volatilityMultiplier: 300,
        halfLife: 10,
        marginFactor: 1_000,
        marginCap: 30_000,
    };
    net.send(
        oracle.address,
        configure.abi_encode(),
        "configuring the market on the oracle checker",
    )
    .await?;
    let register = IPauseRegistry::registerMarketCall {
        market,
        sequencerSensitive: guard_abi::action::DEFAULT_SEQUENCER_SENSITIVE,
        liquidationGrace: 3_600,
    };
    net.send(
        registry.address,
        register.abi_encode(),
        "registering the market",
    )
    .await?;
    let record = IOracleSanityChecker::recordCall { market };
    net.send(
        oracle.address,
        record.abi_encode(),
        "recording the first price (the reference)",
    )
    .await?;
    Ok(vec![multisig, timelock, oracle, registry])
}

/// SolidityGate (owned by the probe, same market, band and grace), OZ TimelockController (the
/// probe and the bench account propose, anyone executes), Safe and SafeL2 singletons with a
/// 3-of-5 proxy of each.
async fn deploy_baselines(
    net: &BenchNet,
    market: B256,
    probe: Address,
    feed: Address,
    sequencer: Address,
    owners: &[PrivateKeySigner],
) -> Result<Vec<DeployedCode>, BenchError> {
    let account = net.account();
    let gate = deploy_evm(
        net,
        "SolidityGate",
        &(account, sequencer, U256::from(SEQUENCER_GRACE)).abi_encode_params(),
    )
    .await?;
    let set_market = SolidityGate::setMarketCall {
        market,
        feed,
        heartbeat: HEARTBEAT,
        bandBps: BASE_BAND_BPS,
        minPrice: 10u128.pow(18),
        maxPrice: 1_000_000 * 10u128.pow(18),
        referencePrice: whole(PRICE),
    };
    net.send(
        gate,
        set_market.abi_encode(),
        "configuring the SolidityGate",
    )
    .await?;
    let handover = SolidityGate::transferOwnershipCall { newOwner: probe };
    net.send(
        gate,
        handover.abi_encode(),
        "making the probe the SolidityGate's owner",
    )
    .await?;

    let timelock = deploy_evm(
        net,
        "TimelockController",
        &(
            U256::from(MIN_DELAY),
            vec![probe, account],
            vec![Address::ZERO],
            Address::ZERO,
        )
            .abi_encode_params(),
    )
    .await?;

    let safe = deploy_evm(net, "Safe", &[]).await?;
    let safe_l2 = deploy_evm(net, "SafeL2", &[]).await?;
    let factory = deploy_evm(net, "SafeProxyFactory", &[]).await?;
    let handler = deploy_evm(net, "CompatibilityFallbackHandler", &[]).await?;
    let setup = Bytes::from(
        Safe::setupCall {
            owners: signing::addresses(owners),
            threshold: U256::from(THRESHOLD),
            to: Address::ZERO,
            data: Bytes::new(),
            fallbackHandler: handler,
            paymentToken: Address::ZERO,
            payment: U256::ZERO,
            paymentReceiver: Address::ZERO,
        }
        .abi_encode(),
    );
    // A fresh salt per run, so a second run on the same node gets new proxies.
    let salt = U256::from(net.timestamp().await?);
    let mut proxies = Vec::new();
    for singleton in [safe, safe_l2] {
        let create = SafeProxyFactory::createProxyWithNonceCall {
            singleton,
            initializer: setup.clone(),
            saltNonce: salt,
        }
        .abi_encode();
        let output = net
            .call(factory, create.clone(), "predicting a Safe proxy")
            .await?;
        let proxy = SafeProxyFactory::createProxyWithNonceCall::abi_decode_returns(&output)
            .map_err(|e| BenchError::unexpected("predicting a Safe proxy", e.to_string()))?;
        net.send(factory, create, "creating a 3-of-5 Safe proxy")
            .await?;
        proxies.push(proxy);
    }
    Ok(vec![
        evm_code("SolidityGate", gate),
        evm_code("TimelockController", timelock),
        evm_code("Safe", safe),
        evm_code("SafeL2", safe_l2),
        evm_code("Safe proxy", proxies[0]),
        evm_code("SafeL2 proxy", proxies[1]),
    ])
}
