//! Actions: what a decision sends (or proposes), and sending it.
//!
//! [`plan`] turns a policy's action into a transaction of the sentinel key
//! or an EIP-712 proposal (pure: calldata and target only); [`Executor`]
//! sends it once and reports the outcome. A failed transaction is reported
//! (with the decoded revert reason when the guard gave one) and not
//! retried: the policy's cool-down and hysteresis decide whether the
//! signal is acted on again.

use std::{path::PathBuf, sync::Arc, time::Duration};

use alloy::{
    network::TransactionBuilder,
    primitives::{Address, Bytes, B256, U256},
    providers::{DynProvider, Provider},
    rpc::types::TransactionRequest,
    sol_types::{SolCall, SolInterface},
};
use guard_suite::bindings::{IGuardianMultisig, IOracleSanityChecker, IPauseRegistry};
use serde_json::json;

use crate::{
    chain::{Retry, Transient},
    config::{ActionSpec, Contracts, ProposedCall},
    metrics::{Metrics, Outcome},
    policy::Decision,
    proposal::Proposal,
};

/// What an action does on chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Planned {
    /// A transaction signed by the sentinel key.
    Send {
        /// The action's name.
        action: &'static str,
        /// The contract called.
        to: Address,
        /// The calldata.
        data: Bytes,
    },
    /// A call for the guardian multisig to sign.
    Propose {
        /// The call's target.
        target: Address,
        /// The calldata.
        data: Bytes,
    },
}

/// The pause reason tag: `"sentinel:"` and the signal name, right-padded.
pub fn reason_tag(signal: &str) -> B256 {
    let mut tag = [0u8; 32];
    let text = format!("sentinel:{signal}");
    let n = text.len().min(32);
    tag[..n].copy_from_slice(&text.as_bytes()[..n]);
    B256::from(tag)
}

/// Plans `spec` for `decision`. `market` is the id of the decision's
/// market (`None` for signals without one); `scope_id` resolves a `scope`
/// name (`"global"` → zero).
pub fn plan(
    spec: &ActionSpec,
    decision: &Decision,
    contracts: &Contracts,
    market: Option<B256>,
    scope_id: impl Fn(Option<&str>) -> Option<B256>,
) -> Option<Planned> {
    let signal = decision.observation.kind.name();
    let send = |action, to, data: Vec<u8>| Planned::Send {
        action,
        to,
        data: data.into(),
    };
    Some(match spec {
        ActionSpec::TripBreaker => send(
            "trip_breaker",
            contracts.oracle,
            IOracleSanityChecker::tripBreakerCall { market: market? }.abi_encode(),
        ),
        ActionSpec::Record => send(
            "record",
            contracts.oracle,
            IOracleSanityChecker::recordCall { market: market? }.abi_encode(),
        ),
        ActionSpec::Pause {
            mask,
            duration_secs,
            scope,
        } => send(
            "pause",
            contracts.registry,
            IPauseRegistry::pauseCall {
                market: scope_id(scope.as_deref())?,
                actions: *mask,
                duration: *duration_secs,
                reason: reason_tag(signal),
            }
            .abi_encode(),
        ),
        ActionSpec::DeclareIncident => send(
            "declare_incident",
            contracts.registry,
            IPauseRegistry::declareIncidentCall {
                market: market?,
                start: decision.first_seen,
            }
            .abi_encode(),
        ),
        ActionSpec::Propose { call } => {
            let (target, data) = match call {
                ProposedCall::Pause {
                    mask,
                    duration_secs,
                    scope,
                } => (
                    contracts.registry,
                    IPauseRegistry::pauseCall {
                        market: scope_id(scope.as_deref())?,
                        actions: *mask,
                        duration: *duration_secs,
                        reason: reason_tag(signal),
                    }
                    .abi_encode(),
                ),
                ProposedCall::OracleRollback => (
                    contracts.oracle,
                    IOracleSanityChecker::rollbackConfigCall { market: market? }.abi_encode(),
                ),
                ProposedCall::RegistryRollback => (
                    contracts.registry,
                    IPauseRegistry::rollbackConfigCall { market: market? }.abi_encode(),
                ),
            };
            Planned::Propose {
                target,
                data: data.into(),
            }
        }
    })
}

/// A readable reason for a failed call: the guard's custom error when it gave one.
pub fn failure_reason(error: &alloy::transports::TransportError) -> String {
    // The payload's own method; a path to its type is not re-exported by `alloy`.
    #[allow(clippy::redundant_closure_for_method_calls)]
    let revert = error
        .as_error_resp()
        .and_then(|payload| payload.as_revert_data());
    if let Some(data) = revert {
        if let Ok(e) = IOracleSanityChecker::IOracleSanityCheckerErrors::abi_decode(&data) {
            return format!("reverted: {e:?}");
        }
        if let Ok(e) = IPauseRegistry::IPauseRegistryErrors::abi_decode(&data) {
            return format!("reverted: {e:?}");
        }
        return format!("reverted with data {data}");
    }
    error.to_string()
}

/// Sends planned actions.
#[derive(Clone, Debug)]
pub struct Executor {
    /// A provider signing with the sentinel key (`None` in dry-run or proposals-only).
    pub signer: Option<DynProvider>,
    /// A read-only provider.
    pub reader: DynProvider,
    /// The chain id.
    pub chain_id: u64,
    /// The multisig, for proposals.
    pub multisig: Option<Address>,
    /// Where proposals are written.
    pub proposals_dir: PathBuf,
    /// Log and count only.
    pub dry_run: bool,
    /// How long to wait for a receipt.
    pub receipt_timeout: Duration,
    /// Counters.
    pub metrics: Arc<Metrics>,
    /// Retries the read that checks the node answers before a send.
    pub retry: Retry,
}

impl Executor {
    /// Executes `planned` for `decision` (policy `policy`), once.
    pub async fn execute(&self, planned: &Planned, decision: &Decision, block: u64) -> Outcome {
        let observation = &decision.observation;
        let measured =
            serde_json::Value::Object(observation.measured.clone().unwrap_or_default()).to_string();
        let (action, outcome) = match planned {
            Planned::Send { action, to, data } => {
                if self.dry_run {
                    tracing::info!(
                        event = "action",
                        action = *action,
                        signal = observation.kind.name(),
                        subject = %observation.subject,
                        measured = %measured,
                        policy = decision.policy,
                        block,
                        to = %to,
                        data = %data,
                        dry_run = true,
                        "would send"
                    );
                    (*action, Outcome::DryRun)
                } else {
                    (
                        *action,
                        self.send(action, *to, data, decision, &measured, block)
                            .await,
                    )
                }
            }
            Planned::Propose { target, data } => (
                "propose",
                self.propose(*target, data, decision, &measured, block)
                    .await,
            ),
        };
        self.metrics.action(action, outcome);
        outcome
    }

    async fn send(
        &self,
        action: &'static str,
        to: Address,
        data: &Bytes,
        decision: &Decision,
        measured: &str,
        block: u64,
    ) -> Outcome {
        let observation = &decision.observation;
        let Some(signer) = &self.signer else {
            tracing::error!(event = "action", action, signal = observation.kind.name(), subject = %observation.subject, "no sentinel key loaded");
            return Outcome::Failed;
        };
        // Reads are retried through an outage, writes never: wait until the
        // node answers, then send once.
        if self
            .retry
            .run("eth_chainId", || async {
                signer.get_chain_id().await.map_err(|e| Transient {
                    what: "eth_chainId".into(),
                    reason: e.to_string(),
                })
            })
            .await
            .is_err()
        {
            return Outcome::Failed;
        }
        let tx = TransactionRequest::default()
            .with_to(to)
            .with_input(data.clone());
        let pending = match signer.send_transaction(tx).await {
            Ok(pending) => pending,
            Err(error) => {
                tracing::error!(
                    event = "action",
                    action,
                    signal = observation.kind.name(),
                    subject = %observation.subject,
                    measured = %measured,
                    policy = decision.policy,
                    block,
                    outcome = "failed",
                    error = %failure_reason(&error),
                    "transaction not sent"
                );
                return Outcome::Failed;
            }
        };
        let hash = *pending.tx_hash();
        let receipt = pending
            .with_timeout(Some(self.receipt_timeout))
            .get_receipt()
            .await;
        let (outcome, status) = match &receipt {
            Ok(r) if r.status() => (Outcome::Sent, "success"),
            Ok(_) => (Outcome::Failed, "reverted"),
            Err(_) => (Outcome::Failed, "no receipt"),
        };
        let mined_in = receipt.as_ref().ok().and_then(|r| r.block_number);
        if outcome == Outcome::Sent {
            tracing::info!(event = "action", action, signal = observation.kind.name(), subject = %observation.subject, measured = %measured, policy = decision.policy, block, tx_hash = %hash, mined_in, status, "sent");
        } else {
            tracing::error!(event = "action", action, signal = observation.kind.name(), subject = %observation.subject, measured = %measured, policy = decision.policy, block, tx_hash = %hash, status, "transaction failed; not retried");
        }
        outcome
    }

    async fn propose(
        &self,
        target: Address,
        data: &Bytes,
        decision: &Decision,
        measured: &str,
        block: u64,
    ) -> Outcome {
        let observation = &decision.observation;
        let Some(multisig) = self.multisig else {
            return Outcome::Failed;
        };
        let contract = IGuardianMultisig::new(multisig, &self.reader);
        let nonce = match contract.nonce().call().await {
            Ok(nonce) => nonce,
            Err(error) => {
                tracing::error!(event = "action", action = "propose", signal = observation.kind.name(), subject = %observation.subject, error = %error, "cannot read the multisig nonce");
                return Outcome::Failed;
            }
        };
        let proposal = Proposal {
            multisig,
            chain_id: self.chain_id,
            target,
            data: data.clone(),
            nonce,
        };
        let digest = proposal.digest();
        // Cross-check with the multisig's own hash.
        match contract
            .getTransactionHash(target, U256::ZERO, data.clone(), nonce)
            .call()
            .await
        {
            Err(error) => {
                tracing::warn!(event = "action", action = "propose", digest = %digest, error = %error, "cannot cross-check the digest with the multisig's getTransactionHash");
            }
            Ok(onchain) if onchain != digest => {
                tracing::error!(event = "action", action = "propose", digest = %digest, onchain = %onchain, "digest differs from the multisig's getTransactionHash; not written");
                return Outcome::Failed;
            }
            Ok(_) => {}
        }
        let document = json!({
            "signal": observation.kind.name(),
            "subject": observation.subject,
            "measured": observation.measured,
            "block": block,
            "digest": digest.to_string(),
            "typed_data": proposal.typed_data(),
        });
        if self.dry_run {
            tracing::info!(event = "action", action = "propose", signal = observation.kind.name(), subject = %observation.subject, measured = %measured, block, digest = %digest, target = %target, data = %data, dry_run = true, "would write a multisig proposal");
            return Outcome::DryRun;
        }
        let file = self.proposals_dir.join(format!(
            "{block}-{}-{}.json",
            observation.kind.name(),
            sanitize(&observation.subject)
        ));
        let written = std::fs::create_dir_all(&self.proposals_dir).and_then(|()| {
            std::fs::write(
                &file,
                serde_json::to_string_pretty(&document).unwrap_or_default(),
            )
        });
        match written {
            Ok(()) => {
                tracing::info!(event = "action", action = "propose", signal = observation.kind.name(), subject = %observation.subject, measured = %measured, block, digest = %digest, file = %file.display(), "multisig proposal written for the guardians to sign");
                Outcome::Proposed
            }
            Err(error) => {
                tracing::error!(event = "action", action = "propose", file = %file.display(), error = %error, "cannot write the proposal");
                Outcome::Failed
            }
        }
    }
}

fn sanitize(subject: &str) -> String {
    subject
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signal::{Observation, SignalKind};
    use alloy::sol_types::SolCall;

    fn contracts() -> Contracts {
        Contracts {
            registry: Address::repeat_byte(1),
            oracle: Address::repeat_byte(2),
            multisig: Some(Address::repeat_byte(3)),
            timelock: None,
        }
    }

    fn decision(kind: SignalKind) -> Decision {
        Decision {
            policy: 0,
            observation: Observation::active(
                kind,
                "ETH-USD",
                Some("ETH-USD".into()),
                serde_json::Map::new(),
            ),
            first_seen: 1_234,
            seen: 2,
        }
    }

    const MARKET: B256 = B256::repeat_byte(0x11);

    fn scope(name: Option<&str>) -> Option<B256> {
        match name {
            Some("global") => Some(B256::ZERO),
            None => Some(MARKET),
            Some(_) => None,
        }
    }

    #[test]
    fn trip_and_record_call_the_oracle_with_the_market() {
        let d = decision(SignalKind::PriceDeviation);
        let Some(Planned::Send { to, data, .. }) = plan(
            &ActionSpec::TripBreaker,
            &d,
            &contracts(),
            Some(MARKET),
            scope,
        ) else {
            panic!("a transaction")
        };
        assert_eq!(to, contracts().oracle);
        assert_eq!(
            IOracleSanityChecker::tripBreakerCall::abi_decode(&data)
                .unwrap()
                .market,
            MARKET
        );
        let Some(Planned::Send { data, .. }) =
            plan(&ActionSpec::Record, &d, &contracts(), Some(MARKET), scope)
        else {
            panic!("a transaction")
        };
        assert_eq!(
            IOracleSanityChecker::recordCall::abi_decode(&data)
                .unwrap()
                .market,
            MARKET
        );
    }

    #[test]
    fn a_pause_carries_mask_duration_scope_and_the_signal_as_reason() {
        let d = decision(SignalKind::OutflowVelocity);
        let spec = ActionSpec::Pause {
            mask: 0x07,
            duration_secs: 600,
            scope: Some("global".into()),
        };
        let Some(Planned::Send { to, data, .. }) =
            plan(&spec, &d, &contracts(), Some(MARKET), scope)
        else {
            panic!("a transaction")
        };
        assert_eq!(to, contracts().registry);
        let call = IPauseRegistry::pauseCall::abi_decode(&data).unwrap();
        assert_eq!(
            (call.market, call.actions, call.duration),
            (B256::ZERO, 0x07, 600)
        );
        assert_eq!(&call.reason[..25], b"sentinel:outflow_velocity");
        assert!(call.reason[25..].iter().all(|b| *b == 0));
    }

    #[test]
    fn an_incident_starts_at_the_first_sighting() {
        let d = decision(SignalKind::PriceDeviation);
        let Some(Planned::Send { data, .. }) = plan(
            &ActionSpec::DeclareIncident,
            &d,
            &contracts(),
            Some(MARKET),
            scope,
        ) else {
            panic!("a transaction")
        };
        let call = IPauseRegistry::declareIncidentCall::abi_decode(&data).unwrap();
        assert_eq!((call.market, call.start), (MARKET, 1_234));
    }

    #[test]
    fn proposals_target_what_a_sentinel_cannot_call() {
        let d = decision(SignalKind::PriceDeviation);
        let spec = ActionSpec::Propose {
            call: ProposedCall::Pause {
                mask: 0x7f,
                duration_secs: 86_400,
                scope: None,
            },
        };
        let Some(Planned::Propose { target, data }) =
            plan(&spec, &d, &contracts(), Some(MARKET), scope)
        else {
            panic!("a proposal")
        };
        assert_eq!(target, contracts().registry);
        assert_eq!(
            IPauseRegistry::pauseCall::abi_decode(&data)
                .unwrap()
                .actions,
            0x7f
        );
        let spec = ActionSpec::Propose {
            call: ProposedCall::OracleRollback,
        };
        assert!(
            matches!(plan(&spec, &d, &contracts(), Some(MARKET), scope), Some(Planned::Propose { target, .. }) if target == contracts().oracle)
        );
    }

    #[test]
    fn a_market_action_without_a_market_plans_nothing() {
        let d = decision(SignalKind::AccessAnomaly);
        assert_eq!(
            plan(&ActionSpec::TripBreaker, &d, &contracts(), None, scope),
            None
        );
    }
}
