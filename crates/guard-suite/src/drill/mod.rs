//! The incident drill: one story from detection to resolution, on a fresh
//! [`World`], with every step checked.
//!
//! The story joins five of the end-to-end scenarios:
//! 1. **Normal trading** — deposits, opens, a close and a settlement at the
//!    gate's price, all OK.
//! 2. **Detection** — a manipulated round inside the band settles a profit
//!    unnoticed; then the feed jumps 40 %: OPEN and SETTLE are blocked with
//!    ORACLE_DEVIATION, anyone trips the breaker, BREAKER_TRIPPED holds after
//!    the price returns.
//! 3. **Containment** — the council (owners' EIP-712 signatures) pauses the
//!    market and declares an incident from the first manipulated settlement.
//! 4. **Resolution** — the council resets the breaker and closes the
//!    incident; the vault voids the settlement made inside the window; the
//!    early unpause waits for the timelock's delay, then liquidations wait
//!    their grace period.
//! 5. **Sequencer outage** — SEQUENCER_DOWN, SEQUENCER_GRACE, then
//!    LIQUIDATION_GRACE, then OK.
//! 6. **Finality** — the settlements outside the window finalize and the
//!    trader withdraws.
//!
//! Each step records what it expected and what the chain answered
//! ([`Step`]); the drill passes only if every step matched. It moves time,
//! so it needs a node with `evm_increaseTime` (the embedded devnet has it).

pub mod report;

use alloy::{
    primitives::{B256, U256},
    providers::{Provider, ProviderBuilder},
    rpc::types::TransactionReceipt,
    sol_types::SolCall,
};
use guard_abi::{action, Status};

pub use report::{PhaseSummary, Report, Step};

use crate::{
    bindings::{DerivativeVault, IOracleSanityChecker, IPauseRegistry},
    world::{
        actor::rpc_client, decode, units, Actor, Clock, Operation, World, WorldConfig, WorldError,
    },
};

/// The name of an action id, as in `DESIGN.md`.
pub fn action_name(id: u8) -> &'static str {
    match id {
        action::DEPOSIT => "DEPOSIT",
        action::WITHDRAW => "WITHDRAW",
        action::OPEN => "OPEN",
        action::CLOSE => "CLOSE",
        action::ADD_MARGIN => "ADD_MARGIN",
        action::LIQUIDATE => "LIQUIDATE",
        action::SETTLE => "SETTLE",
        _ => "UNKNOWN",
    }
}

/// Records steps as they happen and hands each to a callback.
struct Recorder<'w, F: FnMut(&Step)> {
    world: &'w World,
    report: Report,
    on_step: F,
}

impl<F: FnMut(&Step)> Recorder<'_, F> {
    async fn push(
        &mut self,
        phase: &'static str,
        actor: &str,
        action: String,
        expected: String,
        observed: String,
    ) -> bool {
        let (block, time) = self.world.clock.latest().await.unwrap_or_default();
        let ok = expected == observed;
        let step = Step {
            phase,
            block,
            time,
            actor: actor.to_owned(),
            action,
            expected,
            observed,
            ok,
        };
        (self.on_step)(&step);
        self.report.steps.push(step);
        ok
    }

    /// Checks the gate's status for `id`.
    async fn status(&mut self, phase: &'static str, id: u8, expected: Status) -> bool {
        let observed = match self.world.check(id).await {
            Ok((code, _)) => Status::from_code(code)
                .map_or_else(|| format!("status {code}"), |s| s.name().to_owned()),
            Err(e) => e.to_string(),
        };
        self.push(
            phase,
            "anyone",
            format!("checkSettlement({})", action_name(id)),
            expected.name().to_owned(),
            observed,
        )
        .await
    }

    /// Checks several actions at once.
    async fn statuses(&mut self, phase: &'static str, ids: &[u8], expected: Status) {
        for id in ids {
            self.status(phase, *id, expected).await;
        }
    }

    /// A transaction that must go through and emit `events` (in order,
    /// among others). Returns its receipt whenever it went through, so a
    /// mismatch in its events does not cascade into later steps.
    async fn sent(
        &mut self,
        phase: &'static str,
        actor: &str,
        action: impl Into<String>,
        result: Result<TransactionReceipt, WorldError>,
        events: &[&str],
    ) -> Option<TransactionReceipt> {
        let expected = events.join(", ");
        let (observed, receipt) = match result {
            Ok(receipt) => {
                let names = decode::event_names(&receipt);
                let mut wanted = events.iter().peekable();
                for name in &names {
                    if wanted.peek() == Some(&name) {
                        wanted.next();
                    }
                }
                let observed = if wanted.peek().is_none() {
                    expected.clone()
                } else {
                    names.join(", ")
                };
                (observed, Some(receipt))
            }
            Err(WorldError::Refused { error, .. }) => (format!("refused {error}"), None),
            Err(e) => (e.to_string(), None),
        };
        self.push(phase, actor, action.into(), expected, observed)
            .await;
        receipt
    }

    /// A transaction that must be refused as `expected` says.
    async fn refused<T>(
        &mut self,
        phase: &'static str,
        actor: &str,
        action: impl Into<String>,
        result: Result<T, WorldError>,
        expected: Refusal,
    ) -> bool {
        let observed = match result {
            Ok(_) => "accepted".to_owned(),
            Err(WorldError::Refused { error, .. }) if expected.matches(&error) => {
                expected.to_string()
            }
            Err(WorldError::Refused { error, .. }) => format!("refused {error}"),
            Err(e) => e.to_string(),
        };
        self.push(phase, actor, action.into(), expected.to_string(), observed)
            .await
    }

    /// A setup step that must simply succeed (publishing a price, moving
    /// time).
    async fn done(
        &mut self,
        phase: &'static str,
        actor: &str,
        action: impl Into<String>,
        result: Result<(), WorldError>,
    ) -> bool {
        let observed = result.map_or_else(|e| e.to_string(), |()| "done".to_owned());
        self.push(phase, actor, action.into(), "done".into(), observed)
            .await
    }
}

/// The refusal a step expects.
#[derive(Clone, Copy, Debug)]
enum Refusal {
    /// A named error (matched on its name).
    Named(&'static str),
    /// The gate's `SettlementBlocked(market, action, status)`.
    Blocked(u8, Status),
}

impl Refusal {
    fn matches(self, named: &str) -> bool {
        match self {
            Refusal::Named(name) => decode::error_name_of_described(named) == name,
            Refusal::Blocked(id, status) => {
                named.starts_with("SettlementBlocked")
                    && named.ends_with(&format!("action: {id}, status: {} }}", status.code()))
            }
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Named(name) => write!(f, "refused {name}"),
            Refusal::Blocked(id, status) => {
                write!(
                    f,
                    "refused SettlementBlocked({}, {status})",
                    action_name(*id)
                )
            }
        }
    }
}

/// The settlement id a vault receipt recorded.
fn settlement_id(receipt: Option<&TransactionReceipt>, vault: alloy::primitives::Address) -> U256 {
    receipt
        .and_then(|r| {
            decode::events::<DerivativeVault::SettlementRecorded>(r, vault)
                .first()
                .map(|e| e.settlementId)
        })
        .unwrap_or_default()
}

/// Runs the drill on the node at `url`: deploys a world from `config`
/// (reporting through `progress`), then plays the story, handing each step
/// to `on_step` as it happens.
///
/// # Errors
/// [`WorldError::NoTimeControls`] before anything is deployed when the node
/// cannot move time; the failed step when the world cannot be deployed or
/// the traders funded. Mismatches during the story are not errors: they
/// are steps with `ok == false` in the report.
#[allow(clippy::too_many_lines)] // The story, in order.
pub async fn run(
    url: &str,
    config: &WorldConfig,
    mut progress: impl FnMut(&str),
    on_step: impl FnMut(&Step),
) -> Result<Report, WorldError> {
    let parsed = url
        .parse()
        .map_err(|e| WorldError::Config(format!("RPC URL {url:?}: {e}")))?;
    let clock = Clock::detect(
        ProviderBuilder::new()
            .connect_client(rpc_client(&parsed))
            .erased(),
    )
    .await;
    if let Some(reason) = clock.missing_controls_reason() {
        return Err(WorldError::NoTimeControls(format!(
            "the drill moves time through the timelock's delay and the grace periods: {reason}"
        )));
    }
    let world = World::deploy(url, config, &mut progress).await?;
    progress("funding the traders, the keeper and the attacker");
    let alice = world.trader("alice", 20_000).await?;
    let bob = world.trader("bob", 20_000).await?;
    let mallory = world.trader("mallory", 20_000).await?;
    let keeper = world.actor("keeper").await?;
    let mut r = Recorder {
        world: &world,
        report: Report {
            chain_id: world.chain_id,
            steps: Vec::new(),
        },
        on_step,
    };
    let vault = world.contracts.vault;
    let registry = world.contracts.registry;
    let oracle = world.contracts.oracle;
    let council = format!("council ({} sigs)", world.council.threshold);
    let send = |actor: &Actor, to, call: Vec<u8>| {
        let actor = actor.clone();
        let world = &world;
        async move { world.send(&actor, to, call, "drill").await }
    };
    let deposit = |amount| {
        DerivativeVault::depositCall {
            amount: units(amount),
        }
        .abi_encode()
    };
    let open = |is_long, size, margin| {
        DerivativeVault::openPositionCall {
            isLong: is_long,
            size: units(size),
            margin: units(margin),
        }
        .abi_encode()
    };
    let finalize = |id| DerivativeVault::finalizeCall { id }.abi_encode();

    // 1. Normal trading.
    let phase = "1 normal trading";
    r.statuses(
        phase,
        &[action::DEPOSIT, action::OPEN, action::SETTLE],
        Status::Ok,
    )
    .await;
    for trader in [&alice, &bob, &mallory] {
        r.sent(
            phase,
            &trader.name,
            "deposit 10000",
            send(trader, vault, deposit(10_000)).await,
            &["Deposited"],
        )
        .await;
    }
    let alice_open = r
        .sent(
            phase,
            "alice",
            "open long 1 @ gate price",
            send(&alice, vault, open(true, 1, 500)).await,
            &["PositionOpened"],
        )
        .await;
    let bob_open = r
        .sent(
            phase,
            "bob",
            "open short 1 @ gate price",
            send(&bob, vault, open(false, 1, 500)).await,
            &["PositionOpened"],
        )
        .await;
    let mallory_open = r
        .sent(
            phase,
            "mallory",
            "open long 5 @ gate price",
            send(&mallory, vault, open(true, 5, 2_000)).await,
            &["PositionOpened"],
        )
        .await;
    let position = |receipt: Option<&TransactionReceipt>| {
        receipt
            .and_then(|r| {
                decode::events::<DerivativeVault::PositionOpened>(r, vault)
                    .first()
                    .map(|e| e.id)
            })
            .unwrap_or_default()
    };
    let (alice_pos, bob_pos, mallory_pos) = (
        position(alice_open.as_ref()),
        position(bob_open.as_ref()),
        position(mallory_open.as_ref()),
    );
    r.done(
        phase,
        "price feed",
        "publish 2020 (+1 %)",
        world.set_price(2_020).await,
    )
    .await;
    r.sent(
        phase,
        "keeper",
        "record the round into the EWMA",
        world.record().await,
        &["PriceRecorded"],
    )
    .await;
    let close = |id, size| {
        DerivativeVault::reducePositionCall {
            id,
            sizeDelta: units(size),
        }
        .abi_encode()
    };
    let alice_close = r
        .sent(
            phase,
            "alice",
            "close 1 at 2020 (+20 profit)",
            send(&alice, vault, close(alice_pos, 1)).await,
            &["SettlementRecorded", "PositionReduced", "PositionClosed"],
        )
        .await;
    let alice_profit = settlement_id(alice_close.as_ref(), vault);
    let bob_settle = r
        .sent(
            phase,
            "keeper",
            "settle bob's short at 2020",
            send(
                &keeper,
                vault,
                DerivativeVault::settleCall { id: bob_pos }.abi_encode(),
            )
            .await,
            &["SettlementRecorded", "PositionSettled"],
        )
        .await;
    let bob_loss = settlement_id(bob_settle.as_ref(), vault);

    // 2. Detection.
    let phase = "2 detection";
    r.done(phase, "clock", "+2 minutes", world.advance(120).await)
        .await;
    r.done(
        phase,
        "attacker's feed",
        "publish 2080 (inside the band)",
        world.set_price(2_080).await,
    )
    .await;
    r.status(phase, action::CLOSE, Status::Ok).await;
    let mallory_close = r
        .sent(
            phase,
            "mallory",
            "close 5 at 2080 (+400 profit)",
            send(&mallory, vault, close(mallory_pos, 5)).await,
            &["SettlementRecorded", "PositionClosed"],
        )
        .await;
    let mallory_profit = settlement_id(mallory_close.as_ref(), vault);
    r.done(
        phase,
        "attacker's feed",
        "publish 2800 (+40 %)",
        world.set_price(2_800).await,
    )
    .await;
    r.statuses(
        phase,
        &[action::OPEN, action::SETTLE],
        Status::OracleDeviation,
    )
    .await;
    r.refused(
        phase,
        "mallory",
        "open long 1 at 2800",
        send(&mallory, vault, open(true, 1, 1_000)).await,
        Refusal::Blocked(action::OPEN, Status::OracleDeviation),
    )
    .await;
    let trip = IOracleSanityChecker::tripBreakerCall {
        market: world.market,
    }
    .abi_encode();
    r.sent(
        phase,
        "keeper",
        "tripBreaker (permissionless)",
        send(&keeper, oracle, trip).await,
        &["BreakerTripped"],
    )
    .await;
    r.status(phase, action::SETTLE, Status::BreakerTripped)
        .await;
    r.done(
        phase,
        "price feed",
        "publish 2000 (price returns)",
        world.set_price(2_000).await,
    )
    .await;
    r.statuses(
        phase,
        &[action::OPEN, action::SETTLE],
        Status::BreakerTripped,
    )
    .await;

    // 3. Containment.
    let phase = "3 containment";
    r.sent(
        phase,
        &council,
        "pause ALL actions for 1 day",
        world
            .as_council(
                registry,
                world.pause_calldata(action::ALL, 86_400, "drill: oracle attack"),
                "pause",
            )
            .await,
        &["Paused", "TransactionExecuted"],
    )
    .await;
    r.statuses(
        phase,
        &[
            action::DEPOSIT,
            action::OPEN,
            action::CLOSE,
            action::LIQUIDATE,
        ],
        Status::MarketPaused,
    )
    .await;
    r.refused(
        phase,
        "bob",
        "deposit 100",
        send(&bob, vault, deposit(100)).await,
        Refusal::Blocked(action::DEPOSIT, Status::MarketPaused),
    )
    .await;
    let start = world
        .vault(&keeper)
        .settlementOf(mallory_profit)
        .call()
        .await
        .map(|s| s.timestamp)
        .unwrap_or_default();
    let declare = IPauseRegistry::declareIncidentCall {
        market: world.market,
        start,
    }
    .abi_encode();
    r.sent(
        phase,
        &council,
        format!("declare incident from t={start}"),
        world.as_council(registry, declare, "declare").await,
        &["IncidentDeclared"],
    )
    .await;
    r.refused(
        phase,
        "keeper",
        "finalize mallory's settlement",
        send(&keeper, vault, finalize(mallory_profit)).await,
        Refusal::Named("IncidentWindowOpen"),
    )
    .await;

    // 4. Resolution.
    let phase = "4 resolution";
    let reset = IOracleSanityChecker::resetBreakerCall {
        market: world.market,
    }
    .abi_encode();
    r.sent(
        phase,
        &council,
        "reset the breaker",
        world.as_council(oracle, reset, "reset").await,
        &["BreakerReset"],
    )
    .await;
    let close_incident = IPauseRegistry::closeIncidentCall {
        market: world.market,
    }
    .abi_encode();
    r.sent(
        phase,
        &council,
        "close the incident",
        world.as_council(registry, close_incident, "close").await,
        &["IncidentClosed"],
    )
    .await;
    r.sent(
        phase,
        "keeper",
        "finalize mallory's settlement",
        send(&keeper, vault, finalize(mallory_profit)).await,
        &["SettlementVoided"],
    )
    .await;
    r.refused(
        phase,
        "keeper",
        "finalize alice's settlement",
        send(&keeper, vault, finalize(alice_profit)).await,
        Refusal::Named("SettlementNotMature"),
    )
    .await;
    let unpause = IPauseRegistry::unpauseCall {
        market: world.market,
        actions: action::ALL,
    }
    .abi_encode();
    r.refused(
        phase,
        &council,
        "unpause ALL directly",
        world.as_council(registry, unpause.clone(), "unpause").await,
        Refusal::Named("CallReverted"),
    )
    .await;
    let operation = Operation::call(registry, unpause).with_salt(B256::with_last_byte(1));
    r.sent(
        phase,
        &council,
        "schedule unpause ALL in the timelock",
        world.schedule(&operation, world.min_delay).await,
        &["CallScheduled", "TransactionExecuted"],
    )
    .await;
    r.refused(
        phase,
        "keeper",
        "execute the unpause at once",
        world.execute(&operation, &keeper).await,
        Refusal::Named("TimelockUnexpectedOperationState"),
    )
    .await;
    r.done(
        phase,
        "clock",
        format!("+{} s (the timelock's delay)", world.min_delay),
        world.advance(world.min_delay).await,
    )
    .await;
    r.done(
        phase,
        "price feed",
        "heartbeat round",
        world.refresh_feed().await,
    )
    .await;
    r.sent(
        phase,
        "keeper",
        "execute the unpause",
        world.execute(&operation, &keeper).await,
        &["Unpaused", "CallExecuted"],
    )
    .await;
    r.statuses(
        phase,
        &[action::DEPOSIT, action::OPEN, action::CLOSE, action::SETTLE],
        Status::Ok,
    )
    .await;
    r.status(phase, action::LIQUIDATE, Status::LiquidationGrace)
        .await;

    // 5. Sequencer outage.
    let phase = "5 sequencer outage";
    let now = world.clock.now().await?;
    r.done(
        phase,
        "sequencer feed",
        "sequencer down",
        world.set_sequencer(false, now).await,
    )
    .await;
    r.statuses(
        phase,
        &[action::OPEN, action::WITHDRAW, action::SETTLE],
        Status::SequencerDown,
    )
    .await;
    r.statuses(phase, &[action::CLOSE, action::ADD_MARGIN], Status::Ok)
        .await;
    r.refused(
        phase,
        "bob",
        "open long 1",
        send(&bob, vault, open(true, 1, 500)).await,
        Refusal::Blocked(action::OPEN, Status::SequencerDown),
    )
    .await;
    let now = world.clock.now().await?;
    r.done(
        phase,
        "sequencer feed",
        "sequencer back up",
        world.set_sequencer(true, now).await,
    )
    .await;
    r.statuses(
        phase,
        &[action::OPEN, action::LIQUIDATE],
        Status::SequencerGrace,
    )
    .await;
    r.done(
        phase,
        "clock",
        "+1 h (the sequencer grace)",
        world.advance(3_600).await,
    )
    .await;
    r.done(
        phase,
        "price feed",
        "heartbeat round",
        world.refresh_feed().await,
    )
    .await;
    r.status(phase, action::OPEN, Status::Ok).await;
    r.status(phase, action::LIQUIDATE, Status::LiquidationGrace)
        .await;
    r.done(
        phase,
        "clock",
        "+1 h (the liquidation grace)",
        world.advance(3_600).await,
    )
    .await;
    r.done(
        phase,
        "price feed",
        "heartbeat round",
        world.refresh_feed().await,
    )
    .await;
    let every: Vec<u8> = (0..=action::SETTLE).collect();
    r.statuses(phase, &every, Status::Ok).await;

    // 6. Finality.
    let phase = "6 finality";
    r.sent(
        phase,
        "keeper",
        "finalize alice's settlement",
        send(&keeper, vault, finalize(alice_profit)).await,
        &["SettlementFinalized"],
    )
    .await;
    r.sent(
        phase,
        "keeper",
        "finalize bob's settlement",
        send(&keeper, vault, finalize(bob_loss)).await,
        &["SettlementFinalized"],
    )
    .await;
    let free = world
        .vault(&alice)
        .freeCollateral(alice.address)
        .call()
        .await
        .unwrap_or_default();
    r.push(
        phase,
        "alice",
        "free collateral".into(),
        "10020".into(),
        (free / units(1)).to_string(),
    )
    .await;
    let withdraw = DerivativeVault::withdrawCall { amount: free }.abi_encode();
    r.sent(
        phase,
        "alice",
        "withdraw everything",
        send(&alice, vault, withdraw).await,
        &["Withdrawn"],
    )
    .await;
    let fund = world
        .vault(&keeper)
        .insuranceFund()
        .call()
        .await
        .unwrap_or_default();
    // The fund: seeded, minus Alice's 20, plus Bob's 20 loss, Mallory's 400 voided back.
    let seeded = world.vault_params.insurance_fund;
    r.push(
        phase,
        "vault",
        "insurance fund".into(),
        seeded.to_string(),
        (fund / units(1)).to_string(),
    )
    .await;
    Ok(r.report)
}
