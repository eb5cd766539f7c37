//! The sentinel's configuration (`sentinel.toml`) and its validation.
//!
//! Unknown fields are refused by serde (`deny_unknown_fields`); everything
//! else that can be checked without a node is checked by
//! [`SentinelConfig::validate`], whose errors name the offending field
//! (`policies[1].actions[0].mask: …`). What needs the chain (is the market
//! configured on the oracle checker?) is checked by the sentinel at
//! start-up, again naming the field.

use std::{net::SocketAddr, path::PathBuf};

use alloy::primitives::{Address, B256};
use guard_abi::action::{ALL, RISK_INCREASING};
use serde::{Deserialize, Serialize};

use crate::signal::SignalKind;

/// The largest band the oracle checker accepts, bps (50 %).
pub const MAX_BAND_BPS: u16 = 5_000;
/// The longest pause a sentinel key may set (the registry's cap bound: 1 day).
pub const MAX_SENTINEL_PAUSE_SECS: u64 = 86_400;
/// The longest pause the guardian may set (14 days).
pub const MAX_GUARDIAN_PAUSE_SECS: u64 = 14 * 86_400;

/// A configuration error, naming the field.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{field}: {reason}")]
pub struct ConfigError {
    /// The field's path, e.g. `policies[0].actions[1].duration_secs`.
    pub field: String,
    /// What is wrong with it.
    pub reason: String,
}

impl ConfigError {
    /// An error about `field`.
    pub fn new(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            reason: reason.into(),
        }
    }
}

/// The whole configuration.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SentinelConfig {
    /// Milliseconds between polls for a new block.
    #[serde(default = "default_poll_interval_ms")]
    pub poll_interval_ms: u64,
    /// Where to start without a state file: `"latest"` or a block number.
    #[serde(default)]
    pub start_block: StartBlock,
    /// The state file (last processed block, cool-downs, windows).
    pub state_file: PathBuf,
    /// Where `/metrics` is served (a local address; `None`: not served).
    #[serde(default)]
    pub metrics_listen: Option<SocketAddr>,
    /// Directory the EIP-712 multisig proposals are written to.
    #[serde(default = "default_proposals_dir")]
    pub proposals_dir: PathBuf,
    /// Per-request RPC timeout, milliseconds.
    #[serde(default = "default_rpc_timeout_ms")]
    pub rpc_timeout_ms: u64,
    /// Longest back-off between RPC retries, milliseconds.
    #[serde(default = "default_max_backoff_ms")]
    pub max_backoff_ms: u64,
    /// The guard's contracts.
    pub contracts: Contracts,
    /// The sentinel key (needed unless every action is a proposal, or `--dry-run`).
    #[serde(default)]
    pub key: Option<KeySource>,
    /// The markets to watch.
    pub markets: Vec<MarketWatch>,
    /// The vaults to watch.
    #[serde(default)]
    pub vaults: Vec<VaultWatch>,
    /// Access-anomaly rules.
    #[serde(default)]
    pub access: AccessWatch,
    /// Signal → action policies.
    pub policies: Vec<Policy>,
}

/// Where following starts when there is no state file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum StartBlock {
    /// The chain head at start-up.
    #[default]
    #[serde(with = "latest")]
    Latest,
    /// A block number.
    Number(u64),
}

mod latest {
    //! `"latest"` as a unit variant.
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str("latest")
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<(), D::Error> {
        let text = String::deserialize(deserializer)?;
        if text == "latest" {
            Ok(())
        } else {
            Err(D::Error::custom(format!(
                "expected \"latest\" or a block number, got {text:?}"
            )))
        }
    }
}

/// The guard's contract addresses.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contracts {
    /// The PauseRegistry (the settlement gate).
    pub registry: Address,
    /// The OracleSanityChecker.
    pub oracle: Address,
    /// The GuardianMultisig (for proposals; optional when no policy proposes).
    #[serde(default)]
    pub multisig: Option<Address>,
    /// The EmergencyTimelock (watched for access anomalies; optional).
    #[serde(default)]
    pub timelock: Option<Address>,
}

/// Where the sentinel key comes from. It is never printed.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KeySource {
    /// An environment variable holding the hex private key.
    #[serde(default)]
    pub env: Option<String>,
    /// A Web3 Secret Storage (keystore v3) file.
    #[serde(default)]
    pub keystore: Option<PathBuf>,
    /// The environment variable holding the keystore's password.
    #[serde(default)]
    pub password_env: Option<String>,
}

/// One watched market.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MarketWatch {
    /// Its name (the market id is the right-padded ASCII name, as `guard deploy` registers it).
    pub name: String,
    /// An early-warning band, bps (1–5000): when set, `price_deviation` fires
    /// at `min(alert_band_bps, on-chain band)`. `tripBreaker` still only
    /// succeeds beyond the contract's own band.
    #[serde(default)]
    pub alert_band_bps: Option<u16>,
}

/// One watched vault (the example `DerivativeVault` ABI).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct VaultWatch {
    /// A name for logs and policies.
    pub name: String,
    /// The vault's address.
    pub address: Address,
    /// The market it trades (one of `markets`).
    pub market: String,
    /// At most this many position ids are scanned per evaluation (newest first).
    #[serde(default = "default_max_positions")]
    pub max_positions: u64,
    /// `collateral_ratio_low` when Σ equity / Σ maintenance margin falls below this (bps; 10_000 = 1x).
    #[serde(default)]
    pub min_collateral_ratio_bps: Option<u32>,
    /// `positions_below_maintenance` when at least this many positions are liquidatable.
    #[serde(default)]
    pub max_liquidatable_positions: Option<u64>,
    /// `utilization_high` when open notional / insurance fund exceeds this (bps).
    #[serde(default)]
    pub max_utilization_bps: Option<u32>,
    /// The outflow window (ERC-7265-style rate limit), seconds.
    #[serde(default = "default_outflow_window")]
    pub outflow_window_secs: u64,
    /// `outflow_velocity` when withdrawals within the window exceed this share of the
    /// vault's collateral at the window's start, bps.
    #[serde(default)]
    pub outflow_limit_bps: Option<u32>,
}

/// Access-anomaly rules.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AccessWatch {
    /// Addresses whose role, admin, ownership or upgrade events are expected
    /// (the timelock, the multisig, the deployer during set-up …).
    #[serde(default)]
    pub expected_senders: Vec<Address>,
    /// Extra contracts watched besides the guard's and the vaults.
    #[serde(default)]
    pub extra_contracts: Vec<Address>,
    /// `revert_burst` when this many reverted calls to watched contracts land
    /// within `revert_window_blocks` (0: off).
    #[serde(default)]
    pub revert_burst_threshold: u32,
    /// The revert-burst window, blocks.
    #[serde(default = "default_revert_window")]
    pub revert_window_blocks: u64,
    /// Only reverted calls with these selectors count (empty: every call).
    #[serde(default)]
    pub guarded_selectors: Vec<alloy::primitives::FixedBytes<4>>,
}

/// A policy: which signal leads to which actions, when.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// The signal.
    pub signal: SignalKind,
    /// Subjects it applies to (market, vault or contract names; empty: all).
    #[serde(default)]
    pub subjects: Vec<String>,
    /// Consecutive evaluations the signal must hold before acting (≥ 1).
    #[serde(default = "one")]
    pub confirmations: u32,
    /// Consecutive clear evaluations before the signal counts as gone (≥ 1).
    #[serde(default = "one")]
    pub clear_after: u32,
    /// Seconds (block time) after acting before this policy may act again on the same subject.
    #[serde(default)]
    pub cooldown_secs: u64,
    /// The actions, in order.
    pub actions: Vec<ActionSpec>,
}

/// One action of a policy.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ActionSpec {
    /// `OracleSanityChecker.tripBreaker(market)` (permissionless).
    TripBreaker,
    /// `OracleSanityChecker.record(market)` (permissionless).
    Record,
    /// A sentinel-key `PauseRegistry.pause` of risk-increasing actions.
    Pause {
        /// Actions to pause (a subset of RISK_INCREASING = 0x07).
        #[serde(default = "risk_increasing")]
        mask: u16,
        /// Seconds (1 to the key's cap, at most 1 day).
        duration_secs: u64,
        /// `"global"` for every market; default: the signal's market.
        #[serde(default)]
        scope: Option<String>,
    },
    /// `PauseRegistry.declareIncident(market, start)`, start = when the signal was first seen.
    DeclareIncident,
    /// An EIP-712 GuardianMultisig proposal for what a sentinel key may not do.
    Propose {
        /// The call proposed.
        call: ProposedCall,
    },
}

/// Calls a sentinel proposes to the guardians.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(tag = "function", rename_all = "snake_case", deny_unknown_fields)]
pub enum ProposedCall {
    /// A guardian pause of any actions (risk-reducing ones included).
    Pause {
        /// The action mask (non-zero, within ALL = 0x7F).
        mask: u16,
        /// Seconds, at most 14 days.
        duration_secs: u64,
        /// `"global"` for every market; default: the signal's market.
        #[serde(default)]
        scope: Option<String>,
    },
    /// `OracleSanityChecker.rollbackConfig(market)`.
    OracleRollback,
    /// `PauseRegistry.rollbackConfig(market)`.
    RegistryRollback,
}

impl ActionSpec {
    /// Whether it sends a transaction signed by the sentinel key.
    pub fn needs_key(&self) -> bool {
        !matches!(self, ActionSpec::Propose { .. })
    }

    /// Its name in logs and metrics.
    pub fn name(&self) -> &'static str {
        match self {
            ActionSpec::TripBreaker => "trip_breaker",
            ActionSpec::Record => "record",
            ActionSpec::Pause { .. } => "pause",
            ActionSpec::DeclareIncident => "declare_incident",
            ActionSpec::Propose { .. } => "propose",
        }
    }
}

fn default_poll_interval_ms() -> u64 {
    1_000
}
fn default_proposals_dir() -> PathBuf {
    PathBuf::from("sentinel-proposals")
}
fn default_rpc_timeout_ms() -> u64 {
    5_000
}
fn default_max_backoff_ms() -> u64 {
    30_000
}
fn default_max_positions() -> u64 {
    256
}
fn default_outflow_window() -> u64 {
    3_600
}
fn default_revert_window() -> u64 {
    20
}
fn one() -> u32 {
    1
}
fn risk_increasing() -> u16 {
    RISK_INCREASING
}

/// The market id of `name`: its ASCII bytes right-padded to 32 (as `guard deploy` registers it).
pub fn market_id(name: &str) -> Result<B256, String> {
    guard_suite::suite::market_id(name).map_err(|e| e.to_string())
}

impl SentinelConfig {
    /// Parses TOML (unknown fields are refused by name) and validates it.
    pub fn from_toml(text: &str, dry_run: bool) -> Result<Self, ConfigError> {
        let config: SentinelConfig =
            toml::from_str(text).map_err(|e| ConfigError::new("config", e.to_string()))?;
        config.validate(dry_run)?;
        Ok(config)
    }

    /// Checks everything that needs no node. `dry_run`: no key is needed.
    pub fn validate(&self, dry_run: bool) -> Result<(), ConfigError> {
        if self.poll_interval_ms == 0 {
            return Err(ConfigError::new("poll_interval_ms", "must be above 0"));
        }
        if self.rpc_timeout_ms == 0 {
            return Err(ConfigError::new("rpc_timeout_ms", "must be above 0"));
        }
        if self.markets.is_empty() {
            return Err(ConfigError::new("markets", "watch at least one market"));
        }
        for (i, market) in self.markets.iter().enumerate() {
            market_id(&market.name)
                .map_err(|e| ConfigError::new(format!("markets[{i}].name"), e))?;
            if self.markets[..i].iter().any(|m| m.name == market.name) {
                return Err(ConfigError::new(
                    format!("markets[{i}].name"),
                    format!("{:?} is listed twice", market.name),
                ));
            }
            if let Some(band) = market.alert_band_bps {
                if band == 0 || band > MAX_BAND_BPS {
                    return Err(ConfigError::new(
                        format!("markets[{i}].alert_band_bps"),
                        format!("{band} is out of range (1 to {MAX_BAND_BPS} bps)"),
                    ));
                }
            }
        }
        for (i, vault) in self.vaults.iter().enumerate() {
            self.validate_vault(i, vault)?;
        }
        if self.access.revert_burst_threshold > 0 && self.access.revert_window_blocks == 0 {
            return Err(ConfigError::new(
                "access.revert_window_blocks",
                "must be above 0 when revert_burst_threshold is set",
            ));
        }
        for (i, policy) in self.policies.iter().enumerate() {
            self.validate_policy(i, policy)?;
        }
        self.validate_key(dry_run)
    }

    /// A key is needed when a policy sends transactions, unless `dry_run`.
    fn validate_key(&self, dry_run: bool) -> Result<(), ConfigError> {
        let needs_key = self
            .policies
            .iter()
            .any(|p| p.actions.iter().any(ActionSpec::needs_key));
        if needs_key && !dry_run {
            let key = self.key.as_ref().ok_or_else(|| {
                ConfigError::new(
                    "key",
                    "a policy sends transactions (trip_breaker, record, pause or declare_incident): \
                     set key.env or key.keystore, or run with --dry-run",
                )
            })?;
            match (&key.env, &key.keystore) {
                (Some(_), None) => {}
                (None, Some(_)) if key.password_env.is_some() => {}
                (None, Some(_)) => {
                    return Err(ConfigError::new(
                        "key.password_env",
                        "a keystore needs the environment variable holding its password",
                    ))
                }
                _ => {
                    return Err(ConfigError::new(
                        "key",
                        "set exactly one of key.env and key.keystore",
                    ))
                }
            }
        }
        Ok(())
    }

    fn validate_vault(&self, i: usize, vault: &VaultWatch) -> Result<(), ConfigError> {
        let field = |name: &str| format!("vaults[{i}].{name}");
        if !self.markets.iter().any(|m| m.name == vault.market) {
            return Err(ConfigError::new(
                field("market"),
                format!("unknown market {:?} (not in markets)", vault.market),
            ));
        }
        if vault.name.is_empty() || self.vaults[..i].iter().any(|v| v.name == vault.name) {
            return Err(ConfigError::new(
                field("name"),
                "must be non-empty and unique",
            ));
        }
        if vault.max_positions == 0 {
            return Err(ConfigError::new(field("max_positions"), "must be above 0"));
        }
        if vault.outflow_window_secs == 0 {
            return Err(ConfigError::new(
                field("outflow_window_secs"),
                "must be above 0",
            ));
        }
        if vault
            .outflow_limit_bps
            .is_some_and(|l| l == 0 || l > 10_000)
        {
            return Err(ConfigError::new(
                field("outflow_limit_bps"),
                "must be 1 to 10000 bps",
            ));
        }
        if vault.min_collateral_ratio_bps == Some(0) {
            return Err(ConfigError::new(
                field("min_collateral_ratio_bps"),
                "must be above 0",
            ));
        }
        Ok(())
    }

    fn validate_policy(&self, i: usize, policy: &Policy) -> Result<(), ConfigError> {
        let field = |name: &str| format!("policies[{i}].{name}");
        if policy.confirmations == 0 {
            return Err(ConfigError::new(
                field("confirmations"),
                "must be at least 1",
            ));
        }
        if policy.clear_after == 0 {
            return Err(ConfigError::new(field("clear_after"), "must be at least 1"));
        }
        for (j, subject) in policy.subjects.iter().enumerate() {
            if !self.is_subject(policy.signal, subject) {
                return Err(ConfigError::new(
                    format!("policies[{i}].subjects[{j}]"),
                    format!(
                        "unknown {} {subject:?} for signal {}",
                        policy.signal.scope(),
                        policy.signal.name()
                    ),
                ));
            }
        }
        for (j, action) in policy.actions.iter().enumerate() {
            self.validate_action(i, j, policy.signal, action)?;
        }
        Ok(())
    }

    fn validate_action(
        &self,
        i: usize,
        j: usize,
        signal: SignalKind,
        action: &ActionSpec,
    ) -> Result<(), ConfigError> {
        let field = |name: &str| format!("policies[{i}].actions[{j}].{name}");
        let market_bound = matches!(
            action,
            ActionSpec::TripBreaker
                | ActionSpec::Record
                | ActionSpec::DeclareIncident
                | ActionSpec::Propose {
                    call: ProposedCall::OracleRollback | ProposedCall::RegistryRollback
                }
        );
        if market_bound && !signal.has_market() {
            return Err(ConfigError::new(
                field("kind"),
                format!(
                    "{} needs a market, and signal {} has none",
                    action.name(),
                    signal.name()
                ),
            ));
        }
        match action {
            ActionSpec::Pause {
                mask,
                duration_secs,
                scope,
            } => {
                if *mask == 0 || mask & !RISK_INCREASING != 0 {
                    return Err(ConfigError::new(
                        field("mask"),
                        format!("{mask:#04x}: a sentinel key may only pause risk-increasing actions (within 0x07); propose a guardian pause for more"),
                    ));
                }
                if *duration_secs == 0 || *duration_secs > MAX_SENTINEL_PAUSE_SECS {
                    return Err(ConfigError::new(
                        field("duration_secs"),
                        format!("must be 1 to {MAX_SENTINEL_PAUSE_SECS} seconds (the sentinel cap bound)"),
                    ));
                }
                self.validate_scope(scope.as_deref(), signal, &field("scope"))?;
            }
            ActionSpec::Propose {
                call:
                    ProposedCall::Pause {
                        mask,
                        duration_secs,
                        scope,
                    },
            } => {
                if self.contracts.multisig.is_none() {
                    return Err(ConfigError::new(
                        "contracts.multisig",
                        "a policy proposes to the multisig: set its address",
                    ));
                }
                if *mask == 0 || mask & !ALL != 0 {
                    return Err(ConfigError::new(
                        field("call.mask"),
                        format!("{mask:#04x} must be non-zero and within ALL (0x7f)"),
                    ));
                }
                if *duration_secs == 0 || *duration_secs > MAX_GUARDIAN_PAUSE_SECS {
                    return Err(ConfigError::new(
                        field("call.duration_secs"),
                        format!("must be 1 to {MAX_GUARDIAN_PAUSE_SECS} seconds"),
                    ));
                }
                self.validate_scope(scope.as_deref(), signal, &field("call.scope"))?;
            }
            ActionSpec::Propose { .. } if self.contracts.multisig.is_none() => {
                return Err(ConfigError::new(
                    "contracts.multisig",
                    "a policy proposes to the multisig: set its address",
                ));
            }
            _ => {}
        }
        Ok(())
    }

    fn validate_scope(
        &self,
        scope: Option<&str>,
        signal: SignalKind,
        field: &str,
    ) -> Result<(), ConfigError> {
        match scope {
            Some("global") => Ok(()),
            Some(name) if self.markets.iter().any(|m| m.name == name) => Ok(()),
            Some(name) => Err(ConfigError::new(
                field,
                format!("unknown market {name:?} (not in markets; or \"global\")"),
            )),
            None if signal.has_market() => Ok(()),
            None => Err(ConfigError::new(
                field,
                format!(
                    "signal {} has no market: name one, or \"global\"",
                    signal.name()
                ),
            )),
        }
    }

    fn is_subject(&self, signal: SignalKind, subject: &str) -> bool {
        use crate::signal::Scope;
        match signal.scope() {
            Scope::Market => self.markets.iter().any(|m| m.name == subject),
            Scope::Vault => self.vaults.iter().any(|v| v.name == subject),
            Scope::Chain => subject == "sequencer",
            // Admin events name their contract; revert bursts span every watched one.
            Scope::Contract => subject == "watched" || subject.parse::<Address>().is_ok(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = r#"
state_file = "state.json"
[contracts]
registry = "0x0000000000000000000000000000000000000001"
oracle = "0x0000000000000000000000000000000000000002"
multisig = "0x0000000000000000000000000000000000000003"
[key]
env = "GUARD_SENTINEL_KEY"
[[markets]]
name = "ETH-USD"
[[vaults]]
name = "perp"
address = "0x0000000000000000000000000000000000000004"
market = "ETH-USD"
outflow_limit_bps = 2000
"#;

    fn with_policy(policy: &str) -> String {
        format!("{BASE}\n[[policies]]\n{policy}\n")
    }

    fn error(text: &str, dry_run: bool) -> ConfigError {
        SentinelConfig::from_toml(text, dry_run).expect_err("refused")
    }

    #[test]
    fn a_valid_config_parses_with_defaults() {
        let config = SentinelConfig::from_toml(
            &with_policy("signal = \"price_deviation\"\nconfirmations = 2\nactions = [{ kind = \"trip_breaker\" }, { kind = \"pause\", duration_secs = 3600 }]"),
            false,
        )
        .expect("valid");
        assert_eq!(config.poll_interval_ms, 1_000);
        assert_eq!(config.start_block, StartBlock::Latest);
        assert_eq!(config.policies[0].confirmations, 2);
        assert_eq!(
            config.policies[0].actions[1],
            ActionSpec::Pause {
                mask: RISK_INCREASING,
                duration_secs: 3_600,
                scope: None
            }
        );
    }

    #[test]
    fn start_block_accepts_latest_or_a_number_only() {
        let text = format!(
            "start_block = 7\n{}",
            with_policy("signal = \"feed_stale\"\nactions = []")
        );
        assert_eq!(
            SentinelConfig::from_toml(&text, false).unwrap().start_block,
            StartBlock::Number(7)
        );
        let text = format!(
            "start_block = \"earliest\"\n{}",
            with_policy("signal = \"feed_stale\"\nactions = []")
        );
        assert_eq!(error(&text, false).field, "config");
    }

    #[test]
    fn unknown_fields_are_refused_by_name() {
        let err = error(&format!("pol_interval_ms = 5\n{BASE}"), false);
        assert!(err.reason.contains("pol_interval_ms"), "{err}");
    }

    #[test]
    fn an_unknown_market_in_a_vault_is_refused_naming_the_field() {
        let text = BASE.replace("market = \"ETH-USD\"", "market = \"BTC-USD\"");
        let err = error(&format!("policies = []\n{text}"), false);
        assert_eq!(err.field, "vaults[0].market");
        assert!(err.reason.contains("BTC-USD"));
    }

    #[test]
    fn an_unknown_policy_subject_is_refused() {
        let err = error(
            &with_policy("signal = \"price_deviation\"\nsubjects = [\"BTC-USD\"]\nactions = []"),
            false,
        );
        assert_eq!(err.field, "policies[0].subjects[0]");
    }

    #[test]
    fn a_band_out_of_range_is_refused() {
        let text = BASE.replace(
            "name = \"ETH-USD\"",
            "name = \"ETH-USD\"\nalert_band_bps = 6000",
        );
        let err = error(&format!("policies = []\n{text}"), false);
        assert_eq!(err.field, "markets[0].alert_band_bps");
    }

    #[test]
    fn a_sentinel_pause_of_risk_reducing_actions_is_refused() {
        let err = error(
            &with_policy("signal = \"price_deviation\"\nactions = [{ kind = \"pause\", mask = 0x08, duration_secs = 60 }]"),
            false,
        );
        assert_eq!(err.field, "policies[0].actions[0].mask");
        let err = error(
            &with_policy("signal = \"price_deviation\"\nactions = [{ kind = \"pause\", duration_secs = 90000 }]"),
            false,
        );
        assert_eq!(err.field, "policies[0].actions[0].duration_secs");
    }

    #[test]
    fn a_missing_key_is_refused_unless_dry_run_or_proposals_only() {
        let text =
            with_policy("signal = \"price_deviation\"\nactions = [{ kind = \"trip_breaker\" }]")
                .replace("[key]\nenv = \"GUARD_SENTINEL_KEY\"\n", "");
        assert_eq!(error(&text, false).field, "key");
        assert!(SentinelConfig::from_toml(&text, true).is_ok());
        let proposals = with_policy(
            "signal = \"price_deviation\"\nactions = [{ kind = \"propose\", call = { function = \"oracle_rollback\" } }]",
        )
        .replace("[key]\nenv = \"GUARD_SENTINEL_KEY\"\n", "");
        assert!(SentinelConfig::from_toml(&proposals, false).is_ok());
    }

    #[test]
    fn a_keystore_without_a_password_variable_is_refused() {
        let text = with_policy("signal = \"feed_stale\"\nactions = [{ kind = \"record\" }]")
            .replace("env = \"GUARD_SENTINEL_KEY\"", "keystore = \"key.json\"");
        assert_eq!(error(&text, false).field, "key.password_env");
    }

    #[test]
    fn market_actions_on_signals_without_a_market_are_refused() {
        let err = error(
            &with_policy("signal = \"access_anomaly\"\nactions = [{ kind = \"trip_breaker\" }]"),
            false,
        );
        assert_eq!(err.field, "policies[0].actions[0].kind");
        let err = error(
            &with_policy(
                "signal = \"access_anomaly\"\nactions = [{ kind = \"pause\", duration_secs = 60 }]",
            ),
            false,
        );
        assert_eq!(err.field, "policies[0].actions[0].scope");
        assert!(SentinelConfig::from_toml(
            &with_policy("signal = \"access_anomaly\"\nactions = [{ kind = \"pause\", duration_secs = 60, scope = \"global\" }]"),
            false
        )
        .is_ok());
    }

    #[test]
    fn the_committed_devnet_config_is_valid() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/sentinel.toml");
        let config = SentinelConfig::from_toml(&std::fs::read_to_string(path).unwrap(), false)
            .expect("deploy/sentinel.toml is valid");
        assert_eq!(config.markets[0].name, "ETH-USD");
        assert!(config.metrics_listen.is_some());
        assert!(config
            .policies
            .iter()
            .any(|p| p.signal == SignalKind::PriceDeviation && p.confirmations == 2));
    }

    #[test]
    fn zero_confirmations_are_refused() {
        let err = error(
            &with_policy("signal = \"price_deviation\"\nconfirmations = 0\nactions = []"),
            false,
        );
        assert_eq!(err.field, "policies[0].confirmations");
    }
}
