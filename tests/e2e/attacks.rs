//! Scenario 10 — attacks, all refused with the named error and no state
//! changed:
//! - the council's signatures replayed on another chain id, on another
//!   multisig with the same owners, or after they were used; non-owner,
//!   duplicated, unsorted, malleable (high-s) and too few signatures;
//! - a vault user calling every mutating function of every contract of the
//!   suite (the table is checked against the committed ABIs, so a new
//!   function without a row fails this test). The few functions that are
//!   open to anyone by design refuse when there is nothing for them to do.
//!
//! The timelock's role ids are read through the exported ABI's getters
//! (`PROPOSER_ROLE()` …) and checked against OpenZeppelin's
//! `keccak256("PROPOSER_ROLE")`.
//!
//! "No state changed": the refused transactions are mined (with a fixed gas
//! limit, so no estimate filters them out), their receipts show a revert,
//! and a snapshot of every view of the four contracts and the vault is
//! identical before and after.

use std::collections::BTreeSet;

use alloy::{
    json_abi::{JsonAbi, StateMutability},
    network::TransactionBuilder,
    primitives::{keccak256, Address, Bytes, FixedBytes, B256, U256},
    providers::Provider,
    rpc::types::TransactionRequest,
    signers::local::PrivateKeySigner,
    sol_types::{SolCall, SolValue},
};
use guard_abi::action;
use guard_e2e::{refusal, Net};
use guard_suite::{
    artifacts::{self, repo_root},
    bindings::{
        IEmergencyTimelock, IGuardianMultisig, IOracleSanityChecker, IPauseRegistry, MockERC20,
    },
    stylus,
    world::{actor::seeded_key, decode, reason_tag, units, Actor, Council, World},
};

/// One refused call: who is called, with what, and the error expected.
struct Attempt {
    contract: &'static str,
    function: String,
    to: Address,
    data: Vec<u8>,
    expected: &'static str,
}

fn attempt<C: SolCall>(
    contract: &'static str,
    to: Address,
    call: &C,
    expected: &'static str,
) -> Attempt {
    Attempt {
        contract,
        function: C::SIGNATURE
            .split('(')
            .next()
            .unwrap_or_default()
            .to_owned(),
        to,
        data: call.abi_encode(),
        expected,
    }
}

/// Every view of the suite and the vault that an unauthorized call could
/// change, rendered for comparison.
#[allow(clippy::too_many_lines)] // One list of views.
async fn views(world: &World, user: &Actor) -> Vec<String> {
    let gate = world.registry(user);
    let checker = world.oracle(user);
    let timelock = world.timelock(user);
    let council = world.multisig(user);
    let vault = world.vault(user);
    let market = world.market;
    let mut out = vec![
        format!("{:?}", gate.admin().call().await.unwrap()),
        format!("{:?}", gate.pendingAdmin().call().await.unwrap()),
        format!("{:?}", gate.guardian().call().await.unwrap()),
        format!("{:?}", gate.oracle().call().await.unwrap()),
        format!("{:?}", gate.pauseState(market).call().await.unwrap()),
        format!("{:?}", gate.pauseState(B256::ZERO).call().await.unwrap()),
        format!("{:?}", gate.marketConfig(market).call().await.unwrap()),
        format!("{:?}", gate.incidentWindow(market).call().await.unwrap()),
        format!("{:?}", gate.incidentLookback().call().await.unwrap()),
        format!(
            "{:?}",
            gate.sentinel(world.sentinel.address).call().await.unwrap()
        ),
        format!("{:?}", gate.sentinel(user.address).call().await.unwrap()),
        format!("{:?}", gate.sentinelPolicy().call().await.unwrap()),
        format!("{:?}", checker.admin().call().await.unwrap()),
        format!("{:?}", checker.pendingAdmin().call().await.unwrap()),
        format!("{:?}", checker.guardian().call().await.unwrap()),
        format!("{:?}", checker.marketConfig(market).call().await.unwrap()),
        format!("{:?}", checker.marketState(market).call().await.unwrap()),
        format!("{:?}", checker.band(market).call().await.unwrap()),
        format!("{:?}", checker.sequencerConfig().call().await.unwrap()),
        format!(
            "{:?}",
            checker.hasPreviousConfig(market).call().await.unwrap()
        ),
        format!("{:?}", checker.tvlTiers(market).call().await.unwrap()),
        format!("{:?}", timelock.getMinDelay().call().await.unwrap()),
        format!("{:?}", timelock.getPendingMinDelay().call().await.unwrap()),
        format!("{:?}", timelock.getGracePeriod().call().await.unwrap()),
        format!("{:?}", council.nonce().call().await.unwrap()),
        format!("{:?}", council.getOwners().call().await.unwrap()),
        format!("{:?}", council.threshold().call().await.unwrap()),
        format!("{:?}", council.emergencyThreshold().call().await.unwrap()),
        format!("{:?}", council.proposalLifetime().call().await.unwrap()),
        format!(
            "{:?}",
            council.getProposal(U256::from(1u8)).call().await.unwrap()
        ),
        format!("{:?}", vault.insuranceFund().call().await.unwrap()),
        format!(
            "{:?}",
            vault.freeCollateral(user.address).call().await.unwrap()
        ),
    ];
    for id in 0..=action::SETTLE {
        out.push(format!(
            "{:?}",
            gate.checkSettlement(market, id).call().await.unwrap()
        ));
    }
    // The role ids through the exported ABI's getters, as OpenZeppelin
    // tooling reads them.
    let roles = [
        (
            timelock.PROPOSER_ROLE().call().await.unwrap(),
            "PROPOSER_ROLE",
        ),
        (
            timelock.CANCELLER_ROLE().call().await.unwrap(),
            "CANCELLER_ROLE",
        ),
        (
            timelock.EXECUTOR_ROLE().call().await.unwrap(),
            "EXECUTOR_ROLE",
        ),
        (
            timelock.GUARDIAN_ROLE().call().await.unwrap(),
            "GUARDIAN_ROLE",
        ),
    ];
    for (role, name) in roles {
        assert_eq!(role, keccak256(name), "{name}() through the exported ABI");
        for account in [user.address, world.contracts.multisig, Address::ZERO] {
            out.push(format!(
                "{role} {account} {:?}",
                timelock.hasRole(role, account).call().await.unwrap()
            ));
        }
    }
    let pause = FixedBytes::from(IPauseRegistry::pauseCall::SELECTOR);
    out.push(format!(
        "{:?}",
        timelock
            .isEmergencyCall(world.contracts.registry, pause)
            .call()
            .await
            .unwrap()
    ));
    out.push(format!(
        "{:?}",
        council
            .isEmergencyCall(world.contracts.registry, pause)
            .call()
            .await
            .unwrap()
    ));
    out
}

/// Sends `data` as `from` with a fixed gas limit (so the node mines it
/// even though it reverts); asserts the receipt shows the revert.
async fn mine_refused(from: &Actor, to: Address, data: Vec<u8>, what: &str) {
    let tx = TransactionRequest::default()
        .with_to(to)
        .with_input(data)
        .with_gas_limit(3_000_000);
    let receipt = from
        .provider
        .send_transaction(tx)
        .await
        .unwrap_or_else(|e| panic!("{what}: the node takes the transaction: {e}"))
        .get_receipt()
        .await
        .unwrap();
    assert!(!receipt.status(), "{what}: mined and reverted");
    assert!(receipt.inner.logs().is_empty(), "{what}: no events");
}

/// The names of the mutating functions in `abi/json/<interface>.json`.
fn mutating_functions(interface: &str) -> BTreeSet<String> {
    let path = repo_root().join(format!("abi/json/{interface}.json"));
    let abi: JsonAbi = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    abi.functions()
        .filter(|f| {
            matches!(
                f.state_mutability,
                StateMutability::NonPayable | StateMutability::Payable
            )
        })
        .map(|f| f.name.clone())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
#[allow(clippy::too_many_lines)] // The table of every mutating function.
async fn a_vault_user_is_refused_by_every_mutating_function_of_every_contract() {
    let net = Net::start();
    let world = net.world().await;
    let user = world.trader("mallory", 1_000).await.unwrap();
    let (registry, oracle, timelock, multisig) = (
        world.contracts.registry,
        world.contracts.oracle,
        world.contracts.timelock,
        world.contracts.multisig,
    );
    let market = world.market;
    let now = world.clock.now().await.unwrap();
    let proposer = keccak256("PROPOSER_ROLE");
    let op = (
        vec![registry],
        vec![U256::ZERO],
        vec![Bytes::from(world.pause_calldata(action::ALL, 60, "x"))],
    );
    let config = IOracleSanityChecker::configureMarketCall {
        market,
        primary: user.address,
        _reference: Address::ZERO,
        heartbeat: 86_400,
        staleTripAfter: 0,
        minPrice: U256::from(1u8),
        maxPrice: units(1_000_000),
        baseBand: 5_000,
        bandCap: 5_000,
        volatilityMultiplier: 0,
        halfLife: 1,
        marginFactor: 0,
        marginCap: 10_000,
    };

    let attempts = vec![
        // PauseRegistry: admin, guardian or sentinel only.
        attempt(
            "IPauseRegistry",
            registry,
            &IPauseRegistry::pauseCall {
                market,
                actions: action::ALL,
                duration: 60,
                reason: reason_tag("attack"),
            },
            "UnauthorizedAccount",
        ),
        attempt(
            "IPauseRegistry",
            registry,
            &IPauseRegistry::unpauseCall {
                market,
                actions: action::ALL,
            },
            "UnauthorizedAccount",
        ),
        attempt(
            "IPauseRegistry",
            registry,
            &IPauseRegistry::registerMarketCall {
                market: B256::repeat_byte(7),
                sequencerSensitive: 0,
                liquidationGrace: 0,
            },
            "UnauthorizedAccount",
        ),
        attempt(
            "IPauseRegistry",
            registry,
            &IPauseRegistry::setMarketConfigCall {
                market,
                sequencerSensitive: 0,
                liquidationGrace: 0,
            },
            "UnauthorizedAccount",
        ),
        attempt(
            "IPauseRegistry",
            registry,
            &IPauseRegistry::rollbackConfigCall { market },
            "UnauthorizedAccount",
        ),
        attempt(
            "IPauseRegistry",
            registry,
            &IPauseRegistry::declareIncidentCall { market, start: now },
            "UnauthorizedAccount",
        ),
        attempt(
            "IPauseRegistry",
            registry,
            &IPauseRegistry::closeIncidentCall { market },
            "UnauthorizedAccount",
        ),
        attempt(
            "IPauseRegistry",
            registry,
            &IPauseRegistry::setIncidentLookbackCall {
                lookback: 7 * 86_400,
            },
            "UnauthorizedAccount",
        ),
        attempt(
            "IPauseRegistry",
            registry,
            &IPauseRegistry::setSentinelCall {
                sentinel: user.address,
                durationCap: 0,
            },
            "UnauthorizedAccount",
        ),
        attempt(
            "IPauseRegistry",
            registry,
            &IPauseRegistry::removeSentinelCall {
                sentinel: world.sentinel.address,
            },
            "UnauthorizedAccount",
        ),
        attempt(
            "IPauseRegistry",
            registry,
            &IPauseRegistry::setSentinelPolicyCall {
                budget: 1_000,
                window: 1,
                cooldown: 0,
            },
            "UnauthorizedAccount",
        ),
        attempt(
            "IPauseRegistry",
            registry,
            &IPauseRegistry::setOracleCall {
                oracle: user.address,
            },
            "UnauthorizedAccount",
        ),
        attempt(
            "IPauseRegistry",
            registry,
            &IPauseRegistry::setGuardianCall {
                guardian: user.address,
            },
            "UnauthorizedAccount",
        ),
        attempt(
            "IPauseRegistry",
            registry,
            &IPauseRegistry::transferAdminCall {
                newAdmin: user.address,
            },
            "UnauthorizedAccount",
        ),
        attempt(
            "IPauseRegistry",
            registry,
            &IPauseRegistry::acceptAdminCall {},
            "UnauthorizedAccount",
        ),
        // OracleSanityChecker: admin or guardian; record and tripBreaker are
        // open to anyone and refuse when there is nothing to do.
        attempt(
            "IOracleSanityChecker",
            oracle,
            &config,
            "UnauthorizedAccount",
        ),
        attempt(
            "IOracleSanityChecker",
            oracle,
            &IOracleSanityChecker::configureTvlTiersCall {
                market,
                source: user.address,
                unitExponent: 0,
                thresholds: [1, 0, 0],
                factors: [1, 0, 0],
            },
            "UnauthorizedAccount",
        ),
        attempt(
            "IOracleSanityChecker",
            oracle,
            &IOracleSanityChecker::rollbackConfigCall { market },
            "UnauthorizedAccount",
        ),
        attempt(
            "IOracleSanityChecker",
            oracle,
            &IOracleSanityChecker::setSequencerFeedCall {
                feed: user.address,
                grace: 0,
            },
            "UnauthorizedAccount",
        ),
        attempt(
            "IOracleSanityChecker",
            oracle,
            &IOracleSanityChecker::recordCall { market },
            "RoundAlreadyRecorded",
        ),
        attempt(
            "IOracleSanityChecker",
            oracle,
            &IOracleSanityChecker::tripBreakerCall { market },
            "NothingToTrip",
        ),
        attempt(
            "IOracleSanityChecker",
            oracle,
            &IOracleSanityChecker::resetBreakerCall { market },
            "UnauthorizedAccount",
        ),
        attempt(
            "IOracleSanityChecker",
            oracle,
            &IOracleSanityChecker::setGuardianCall {
                guardian: user.address,
            },
            "UnauthorizedAccount",
        ),
        attempt(
            "IOracleSanityChecker",
            oracle,
            &IOracleSanityChecker::transferAdminCall {
                newAdmin: user.address,
            },
            "UnauthorizedAccount",
        ),
        attempt(
            "IOracleSanityChecker",
            oracle,
            &IOracleSanityChecker::acceptAdminCall {},
            "UnauthorizedAccount",
        ),
        // EmergencyTimelock: roles, or the timelock itself; execution is
        // open but only for ready operations.
        attempt(
            "IEmergencyTimelock",
            timelock,
            &IEmergencyTimelock::scheduleCall {
                target: registry,
                value: U256::ZERO,
                data: op.2[0].clone(),
                predecessor: B256::ZERO,
                salt: B256::ZERO,
                delay: U256::from(world.min_delay),
            },
            "AccessControlUnauthorizedAccount",
        ),
        attempt(
            "IEmergencyTimelock",
            timelock,
            &IEmergencyTimelock::scheduleBatchCall {
                targets: op.0.clone(),
                values: op.1.clone(),
                payloads: op.2.clone(),
                predecessor: B256::ZERO,
                salt: B256::ZERO,
                delay: U256::from(world.min_delay),
            },
            "AccessControlUnauthorizedAccount",
        ),
        attempt(
            "IEmergencyTimelock",
            timelock,
            &IEmergencyTimelock::cancelCall {
                id: B256::repeat_byte(1),
            },
            "AccessControlUnauthorizedAccount",
        ),
        attempt(
            "IEmergencyTimelock",
            timelock,
            &IEmergencyTimelock::executeCall {
                target: registry,
                value: U256::ZERO,
                payload: op.2[0].clone(),
                predecessor: B256::ZERO,
                salt: B256::ZERO,
            },
            "TimelockUnexpectedOperationState",
        ),
        attempt(
            "IEmergencyTimelock",
            timelock,
            &IEmergencyTimelock::executeBatchCall {
                targets: op.0.clone(),
                values: op.1.clone(),
                payloads: op.2.clone(),
                predecessor: B256::ZERO,
                salt: B256::ZERO,
            },
            "TimelockUnexpectedOperationState",
        ),
        attempt(
            "IEmergencyTimelock",
            timelock,
            &IEmergencyTimelock::executeEmergencyCall {
                target: registry,
                value: U256::ZERO,
                data: op.2[0].clone(),
            },
            "AccessControlUnauthorizedAccount",
        ),
        attempt(
            "IEmergencyTimelock",
            timelock,
            &IEmergencyTimelock::updateDelayCall {
                newDelay: U256::from(3_600u64),
            },
            "TimelockUnauthorizedCaller",
        ),
        attempt(
            "IEmergencyTimelock",
            timelock,
            &IEmergencyTimelock::updateGracePeriodCall {
                newGracePeriod: U256::from(86_400u64),
            },
            "TimelockUnauthorizedCaller",
        ),
        attempt(
            "IEmergencyTimelock",
            timelock,
            &IEmergencyTimelock::setEmergencyCallCall {
                target: registry,
                selector: FixedBytes::from(IPauseRegistry::pauseCall::SELECTOR),
                allowed: true,
            },
            "TimelockUnauthorizedCaller",
        ),
        attempt(
            "IEmergencyTimelock",
            timelock,
            &IEmergencyTimelock::grantRoleCall {
                role: proposer,
                account: user.address,
            },
            "AccessControlUnauthorizedAccount",
        ),
        attempt(
            "IEmergencyTimelock",
            timelock,
            &IEmergencyTimelock::revokeRoleCall {
                role: proposer,
                account: multisig,
            },
            "AccessControlUnauthorizedAccount",
        ),
        attempt(
            "IEmergencyTimelock",
            timelock,
            &IEmergencyTimelock::renounceRoleCall {
                role: proposer,
                callerConfirmation: multisig,
            },
            "AccessControlBadConfirmation",
        ),
        // GuardianMultisig: owners, signatures, or the multisig itself.
        attempt(
            "IGuardianMultisig",
            multisig,
            &IGuardianMultisig::executeWithSignaturesCall {
                target: registry,
                value: U256::ZERO,
                data: op.2[0].clone(),
                signatures: Council::sign(
                    world
                        .council
                        .digest(registry, U256::ZERO, &op.2[0], U256::ZERO),
                    &[&user.signer, &user.signer],
                )
                .unwrap(),
            },
            "SignerNotOwner",
        ),
        attempt(
            "IGuardianMultisig",
            multisig,
            &IGuardianMultisig::proposeCall {
                target: registry,
                value: U256::ZERO,
                data: op.2[0].clone(),
            },
            "NotOwner",
        ),
        attempt(
            "IGuardianMultisig",
            multisig,
            &IGuardianMultisig::confirmCall {
                proposalId: U256::from(1u8),
            },
            "NotOwner",
        ),
        attempt(
            "IGuardianMultisig",
            multisig,
            &IGuardianMultisig::revokeCall {
                proposalId: U256::from(1u8),
            },
            "NotOwner",
        ),
        attempt(
            "IGuardianMultisig",
            multisig,
            &IGuardianMultisig::executeCall {
                proposalId: U256::from(1u8),
            },
            "UnknownProposal",
        ),
        attempt(
            "IGuardianMultisig",
            multisig,
            &IGuardianMultisig::addOwnerCall {
                owner: user.address,
                threshold: U256::from(1u8),
            },
            "UnauthorizedAccount",
        ),
        attempt(
            "IGuardianMultisig",
            multisig,
            &IGuardianMultisig::removeOwnerCall {
                owner: world.council.owners()[0].address(),
                threshold: U256::from(1u8),
            },
            "UnauthorizedAccount",
        ),
        attempt(
            "IGuardianMultisig",
            multisig,
            &IGuardianMultisig::changeThresholdCall {
                threshold: U256::from(1u8),
            },
            "UnauthorizedAccount",
        ),
        attempt(
            "IGuardianMultisig",
            multisig,
            &IGuardianMultisig::changeEmergencyThresholdCall {
                emergencyThreshold: U256::from(1u8),
            },
            "UnauthorizedAccount",
        ),
        attempt(
            "IGuardianMultisig",
            multisig,
            &IGuardianMultisig::setEmergencyCallCall {
                target: registry,
                selector: FixedBytes::from(IPauseRegistry::pauseCall::SELECTOR),
                allowed: true,
            },
            "UnauthorizedAccount",
        ),
        attempt(
            "IGuardianMultisig",
            multisig,
            &IGuardianMultisig::setProposalLifetimeCall {
                lifetime: U256::from(3_600u64),
            },
            "UnauthorizedAccount",
        ),
    ];

    // Every mutating function of every contract has a row.
    for interface in [
        "IPauseRegistry",
        "IOracleSanityChecker",
        "IEmergencyTimelock",
        "IGuardianMultisig",
    ] {
        let covered: BTreeSet<String> = attempts
            .iter()
            .filter(|a| a.contract == interface)
            .map(|a| a.function.clone())
            .collect();
        assert_eq!(
            covered,
            mutating_functions(interface),
            "{interface}: every mutating function is attacked"
        );
    }

    let before = views(&world, &user).await;
    for a in &attempts {
        let what = format!("{}.{}", a.contract, a.function);
        let error = refusal(world.send(&user, a.to, a.data.clone(), &what).await, &what);
        assert!(
            error.starts_with(a.expected),
            "{what}: expected {}, got {error}",
            a.expected
        );
        if a.expected == "UnauthorizedAccount" || a.expected == "NotOwner" {
            assert!(
                error.contains(&format!("{:?}", user.address)),
                "{what}: the error names the caller: {error}"
            );
        }
        mine_refused(&user, a.to, a.data.clone(), &what).await;
    }
    assert_eq!(views(&world, &user).await, before, "no view changed");
}

#[tokio::test(flavor = "multi_thread")]
#[allow(clippy::too_many_lines)] // One table of forged signature sets.
async fn replayed_forged_and_malformed_signatures_are_refused() {
    let net = Net::start();
    let world = net.world().await;
    let user = world.actor("mallory").await.unwrap();
    let multisig = world.contracts.multisig;
    let owners = world.council.owners().to_vec();
    let threshold = world.council.threshold;
    // The attackers' goal: a full two-week pause of the market.
    let target = world.contracts.registry;
    let data = world.pause_calldata(action::ALL, 14 * 86_400, "attack");
    let nonce = world.multisig_nonce().await.unwrap();
    let call = |signatures: Bytes| {
        IGuardianMultisig::executeWithSignaturesCall {
            target,
            value: U256::ZERO,
            data: data.clone().into(),
            signatures,
        }
        .abi_encode()
    };
    let sign = |digest, signers: &[&PrivateKeySigner]| Council::sign(digest, signers).unwrap();
    let firsts: Vec<&PrivateKeySigner> = owners.iter().take(threshold).collect();

    // Another multisig with the same owners executes a harmless call.
    let artifact = artifacts::load_or_build("guardian-multisig").unwrap();
    let owner_addresses: Vec<Address> = owners.iter().map(PrivateKeySigner::address).collect();
    let args = (
        owner_addresses,
        U256::from(threshold),
        U256::from(1u8),
        U256::from(86_400u64),
    )
        .abi_encode_params();
    // A salt of its own (CREATE2 through the StylusDeployer): this world's
    // multisig address, unique on a shared node.
    let other = stylus::deploy(
        &world.deployer.provider,
        &artifact,
        &args,
        multisig.into_word(),
    )
    .await
    .unwrap()
    .address;
    let harmless = MockERC20::approveCall {
        spender: user.address,
        value: U256::from(1u8),
    }
    .abi_encode();
    let other_digest = Council::digest_on(
        world.chain_id,
        other,
        world.contracts.collateral,
        U256::ZERO,
        &harmless,
        U256::ZERO,
    );
    let executed_elsewhere = IGuardianMultisig::executeWithSignaturesCall {
        target: world.contracts.collateral,
        value: U256::ZERO,
        data: harmless.clone().into(),
        signatures: sign(other_digest, &firsts),
    }
    .abi_encode();
    world
        .send(
            &user,
            other,
            executed_elsewhere.clone(),
            "the other multisig",
        )
        .await
        .unwrap();

    // A harmless call executed here, whose signatures are then replayed.
    let spent_digest =
        world
            .council
            .digest(world.contracts.collateral, U256::ZERO, &harmless, nonce);
    let spent = IGuardianMultisig::executeWithSignaturesCall {
        target: world.contracts.collateral,
        value: U256::ZERO,
        data: harmless.clone().into(),
        signatures: sign(spent_digest, &firsts),
    }
    .abi_encode();
    let receipt = world
        .send(&user, multisig, spent.clone(), "a signed call")
        .await
        .unwrap();
    assert!(decode::multisig_executed(&receipt, multisig));
    let nonce = world.multisig_nonce().await.unwrap();
    let digest_now = world.council.digest(target, U256::ZERO, &data, nonce);

    // A high-s twin of a valid signature.
    let valid = sign(digest_now, &firsts[..1]);
    let n = U256::from_be_bytes(alloy::hex!(
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141"
    ));
    let s = U256::from_be_slice(&valid[32..64]);
    let mut high_s = valid.to_vec();
    high_s[32..64].copy_from_slice(&(n - s).to_be_bytes::<32>());
    high_s[64] = if valid[64] == 27 { 28 } else { 27 };
    high_s.extend_from_slice(&sign(digest_now, &firsts[1..2]));

    let strangers = [seeded_key(900), seeded_key(901)];
    let mut stranger_refs: Vec<&PrivateKeySigner> = strangers.iter().collect();
    stranger_refs.sort_by_key(|k| k.address());
    let mut unsorted: Vec<&PrivateKeySigner> = firsts.clone();
    unsorted.reverse();

    let forged: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "signed for another chain id",
            call(sign(
                Council::digest_on(
                    world.chain_id + 1,
                    multisig,
                    target,
                    U256::ZERO,
                    &data,
                    nonce,
                ),
                &firsts,
            )),
            "SignerNotOwner",
        ),
        (
            "signed for another multisig",
            call(sign(
                Council::digest_on(world.chain_id, other, target, U256::ZERO, &data, nonce),
                &firsts,
            )),
            "SignerNotOwner",
        ),
        (
            "replayed from another multisig",
            executed_elsewhere,
            "SignerNotOwner",
        ),
        ("replayed after use", spent, "SignerNotOwner"),
        (
            "signed by non-owners",
            call(sign(digest_now, &stranger_refs)),
            "SignerNotOwner",
        ),
        (
            "one owner twice",
            call(sign(digest_now, &[firsts[0], firsts[0]])),
            "SignersNotAscending",
        ),
        (
            "owners unsorted",
            call(sign(digest_now, &unsorted)),
            "SignersNotAscending",
        ),
        (
            "a high-s signature",
            call(high_s.into()),
            "InvalidSignatureS",
        ),
        (
            "too few signatures",
            call(sign(digest_now, &firsts[..1])),
            "InsufficientSignatures",
        ),
        (
            "a truncated signature",
            call(Bytes::from(valid[..64].to_vec())),
            "InvalidSignaturesLength",
        ),
    ];
    let before = views(&world, &user).await;
    for (what, calldata, expected) in forged {
        let to = multisig;
        let error = refusal(world.send(&user, to, calldata.clone(), what).await, what);
        assert!(
            error.starts_with(expected),
            "{what}: expected {expected}, got {error}"
        );
        mine_refused(&user, to, calldata, what).await;
    }
    assert_eq!(views(&world, &user).await, before, "no view changed");
    assert_eq!(world.multisig_nonce().await.unwrap(), nonce);

    // The genuine signatures still work: the nonce was never consumed.
    let receipt = world
        .send(&user, multisig, call(sign(digest_now, &firsts)), "genuine")
        .await
        .unwrap();
    assert!(decode::multisig_executed(&receipt, multisig));
    let paused = decode::events::<IPauseRegistry::Paused>(&receipt, target);
    assert_eq!(paused[0].account, multisig);
}
