//! The hot paths, in the order one run measures them (each stage leaves the state the next
//! one needs: the gate first while the feed is fresh, the breaker after the price moved, the
//! timelock's execution after the clock moved past its delay).

use alloy::{
    primitives::{keccak256, Address, Bytes, B256, I256, U256},
    sol_types::SolCall,
};
use guard_abi::action;
use guard_suite::bindings::{
    IEmergencyTimelock, IGuardianMultisig, IOracleSanityChecker, IPauseRegistry, ISettlementGuard,
};

use crate::{
    baselines::{MockAggregatorV3, Safe, SolidityGate, TimelockController},
    error::BenchError,
    fixture::{Fixture, FEED_DECIMALS, MIN_DELAY, PRICE, RECIPIENT},
    measure::{Caller, Expect, PathCall, Side},
    net::BenchNet,
    signing,
};

/// The gate's `checkSettlement(market, SETTLE)` calldata (the same on both gates).
pub fn check_settlement(fixture: &Fixture) -> Bytes {
    ISettlementGuard::checkSettlementCall {
        market: fixture.market,
        action: action::SETTLE,
    }
    .abi_encode()
    .into()
}

/// `checkSettlement` and `settlementPrice` for SETTLE through the Stylus gate (registry →
/// oracle checker → feed → sequencer feed) and the SolidityGate, warm repeat included.
pub fn gate(fixture: &Fixture) -> Vec<PathCall> {
    let price = U256::from(PRICE) * U256::from(10u64).pow(U256::from(18u64));
    let settlement_price: Bytes = ISettlementGuard::settlementPriceCall {
        market: fixture.market,
        action: action::SETTLE,
    }
    .abi_encode()
    .into();
    let mut calls = Vec::new();
    for (system, side, target) in [
        (
            "PauseRegistry",
            Side::Stylus,
            fixture.address("PauseRegistry"),
        ),
        (
            "SolidityGate",
            Side::Solidity,
            fixture.address("SolidityGate"),
        ),
    ] {
        calls.push(PathCall {
            path: "checkSettlement",
            system,
            side,
            target,
            payload: check_settlement(fixture),
            warm: true,
            caller: Caller::Account,
            expect: Expect::StatusOk,
        });
        calls.push(PathCall {
            path: "settlementPrice",
            system,
            side,
            target,
            payload: settlement_price.clone(),
            warm: true,
            caller: Caller::Account,
            expect: Expect::Price(price),
        });
    }
    calls
}

/// Publishes a new feed round at `price` whole units, stamped now.
async fn move_price(net: &BenchNet, fixture: &Fixture, price: u64) -> Result<(), BenchError> {
    let answer = I256::try_from(u128::from(price) * 10u128.pow(u32::from(FEED_DECIMALS)))
        .unwrap_or(I256::MAX);
    let now = net.timestamp().await?;
    let set = MockAggregatorV3::setAnswerCall {
        answer,
        updatedAt: U256::from(now),
    };
    net.send(fixture.feed, set.abi_encode(), "publishing a feed round")
        .await
        .map(|_| ())
}

/// `record` of a new round within the band (the feed moves 0.5 % first).
///
/// # Errors
/// When the feed cannot be moved.
pub async fn record(net: &BenchNet, fixture: &Fixture) -> Result<Vec<PathCall>, BenchError> {
    move_price(net, fixture, PRICE + PRICE / 200).await?;
    Ok(vec![PathCall {
        path: "record",
        system: "OracleSanityChecker",
        side: Side::Stylus,
        target: fixture.address("OracleSanityChecker"),
        payload: IOracleSanityChecker::recordCall {
            market: fixture.market,
        }
        .abi_encode()
        .into(),
        warm: false,
        caller: Caller::Account,
        expect: Expect::Success,
    }])
}

/// The guardian's `pause(market, OPEN, 1 h, reason)` (repeatable: masks union) against OZ
/// `Pausable.pause()` on the SolidityGate (not repeatable: it reverts when paused). Both callers
/// are the probe, which holds the guardian / owner role.
pub fn pause(fixture: &Fixture) -> Vec<PathCall> {
    let pause = IPauseRegistry::pauseCall {
        market: fixture.market,
        actions: 1 << action::OPEN,
        duration: 3_600,
        reason: B256::left_padding_from(b"bench"),
    };
    vec![
        PathCall {
            path: "pause",
            system: "PauseRegistry",
            side: Side::Stylus,
            target: fixture.address("PauseRegistry"),
            payload: pause.abi_encode().into(),
            warm: true,
            caller: Caller::Probe,
            expect: Expect::Success,
        },
        PathCall {
            path: "pause",
            system: "SolidityGate",
            side: Side::Solidity,
            target: fixture.address("SolidityGate"),
            payload: SolidityGate::pauseCall {}.abi_encode().into(),
            warm: false,
            caller: Caller::Probe,
            expect: Expect::Success,
        },
    ]
}

/// `tripBreaker` after the feed jumped 15 % (beyond the 10 % band cap).
///
/// # Errors
/// When the feed cannot be moved.
pub async fn trip_breaker(net: &BenchNet, fixture: &Fixture) -> Result<Vec<PathCall>, BenchError> {
    move_price(net, fixture, PRICE + PRICE * 15 / 100).await?;
    Ok(vec![PathCall {
        path: "tripBreaker",
        system: "OracleSanityChecker",
        side: Side::Stylus,
        target: fixture.address("OracleSanityChecker"),
        payload: IOracleSanityChecker::tripBreakerCall {
            market: fixture.market,
        }
        .abi_encode()
        .into(),
        warm: false,
        caller: Caller::Account,
        expect: Expect::Success,
    }])
}

async fn read_word(
    net: &BenchNet,
    to: Address,
    data: Vec<u8>,
    step: &str,
) -> Result<B256, BenchError> {
    let output = net.call(to, data, step).await?;
    output
        .get(..32)
        .map(B256::from_slice)
        .ok_or_else(|| BenchError::unexpected(step, format!("short answer {output}")))
}

/// A 3-of-5 transaction sending nothing to an empty account, with real signatures:
/// `executeWithSignatures` on the GuardianMultisig against `execTransaction` on a Safe and a
/// SafeL2 proxy.
///
/// # Errors
/// When a nonce or digest cannot be read, or signing fails.
pub async fn multisig(net: &BenchNet, fixture: &Fixture) -> Result<Vec<PathCall>, BenchError> {
    let multisig = fixture.address("GuardianMultisig");
    let nonce = read_word(
        net,
        multisig,
        IGuardianMultisig::nonceCall {}.abi_encode(),
        "reading the multisig's nonce",
    )
    .await?;
    let digest = read_word(
        net,
        multisig,
        IGuardianMultisig::getTransactionHashCall {
            target: RECIPIENT,
            value: U256::ZERO,
            data: Bytes::new(),
            nonce: nonce.into(),
        }
        .abi_encode(),
        "reading the multisig's EIP-712 digest",
    )
    .await?;
    let execute = IGuardianMultisig::executeWithSignaturesCall {
        target: RECIPIENT,
        value: U256::ZERO,
        data: Bytes::new(),
        signatures: signing::threshold_signatures(&fixture.owners, digest)?.into(),
    };
    let mut calls = vec![PathCall {
        path: "multisig 3-of-5",
        system: "GuardianMultisig",
        side: Side::Stylus,
        target: multisig,
        payload: execute.abi_encode().into(),
        warm: false,
        caller: Caller::Account,
        expect: Expect::Success,
    }];
    for (system, proxy) in [("Safe", "Safe proxy"), ("SafeL2", "SafeL2 proxy")] {
        let safe = fixture.address(proxy);
        let nonce = read_word(
            net,
            safe,
            Safe::nonceCall {}.abi_encode(),
            "reading the Safe's nonce",
        )
        .await?;
        let digest = read_word(
            net,
            safe,
            Safe::getTransactionHashCall {
                to: RECIPIENT,
                value: U256::ZERO,
                data: Bytes::new(),
                operation: 0,
                safeTxGas: U256::ZERO,
                baseGas: U256::ZERO,
                gasPrice: U256::ZERO,
                gasToken: Address::ZERO,
                refundReceiver: Address::ZERO,
                nonce: nonce.into(),
            }
            .abi_encode(),
            "reading the Safe's transaction hash",
        )
        .await?;
        let exec = Safe::execTransactionCall {
            to: RECIPIENT,
            value: U256::ZERO,
            data: Bytes::new(),
            operation: 0,
            safeTxGas: U256::ZERO,
            baseGas: U256::ZERO,
            gasPrice: U256::ZERO,
            gasToken: Address::ZERO,
            refundReceiver: Address::ZERO,
            signatures: signing::threshold_signatures(&fixture.owners, digest)?.into(),
        };
        calls.push(PathCall {
            path: "multisig 3-of-5",
            system,
            side: Side::Solidity,
            target: safe,
            payload: exec.abi_encode().into(),
            warm: false,
            caller: Caller::Account,
            expect: Expect::Success,
        });
    }
    Ok(calls)
}

/// The operation both timelocks queue: a call of the feed's `latestRoundData()` (a contract,
/// so the EmergencyTimelock pins a real codehash), with a salt unique to this run.
pub struct TimelockOperation {
    target: Address,
    data: Bytes,
    salt: B256,
}

impl TimelockOperation {
    /// The operation for `fixture`, salted with `salt`.
    pub fn new(fixture: &Fixture, salt: u64) -> Self {
        Self {
            target: fixture.feed,
            data: Bytes::copy_from_slice(&keccak256("latestRoundData()")[..4]),
            salt: B256::from(U256::from(salt)),
        }
    }

    /// `schedule` on both timelocks (the bench account is a proposer of both).
    pub fn schedule(&self, fixture: &Fixture) -> Vec<PathCall> {
        let stylus = IEmergencyTimelock::scheduleCall {
            target: self.target,
            value: U256::ZERO,
            data: self.data.clone(),
            predecessor: B256::ZERO,
            salt: self.salt,
            delay: U256::from(MIN_DELAY),
        };
        let oz = TimelockController::scheduleCall {
            target: self.target,
            value: U256::ZERO,
            data: self.data.clone(),
            predecessor: B256::ZERO,
            salt: self.salt,
            delay: U256::from(MIN_DELAY),
        };
        Self::pair(
            fixture,
            "timelock schedule",
            stylus.abi_encode(),
            oz.abi_encode(),
        )
    }

    /// `execute` on both timelocks (open execution), once the delay has passed.
    pub fn execute(&self, fixture: &Fixture) -> Vec<PathCall> {
        let stylus = IEmergencyTimelock::executeCall {
            target: self.target,
            value: U256::ZERO,
            payload: self.data.clone(),
            predecessor: B256::ZERO,
            salt: self.salt,
        };
        let oz = TimelockController::executeCall {
            target: self.target,
            value: U256::ZERO,
            payload: self.data.clone(),
            predecessor: B256::ZERO,
            salt: self.salt,
        };
        Self::pair(
            fixture,
            "timelock execute",
            stylus.abi_encode(),
            oz.abi_encode(),
        )
    }

    fn pair(fixture: &Fixture, path: &'static str, stylus: Vec<u8>, oz: Vec<u8>) -> Vec<PathCall> {
        vec![
            PathCall {
                path,
                system: "EmergencyTimelock",
                side: Side::Stylus,
                target: fixture.address("EmergencyTimelock"),
                payload: stylus.into(),
                warm: false,
                caller: Caller::Account,
                expect: Expect::Success,
            },
            PathCall {
                path,
                system: "TimelockController",
                side: Side::Solidity,
                target: fixture.address("TimelockController"),
                payload: oz.into(),
                warm: false,
                caller: Caller::Account,
                expect: Expect::Success,
            },
        ]
    }
}
