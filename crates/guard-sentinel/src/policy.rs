//! Policies: when a signal becomes actions, with hysteresis and cool-down.
//!
//! Per policy and subject:
//! - **confirmations** `N`: the policy acts once the signal has held in `N`
//!   evaluations of an episode (an episode ends after `clear_after`
//!   consecutive clear evaluations, so a single flicker does not restart
//!   the count);
//! - **one action per episode**: after acting, the policy is disarmed until
//!   the episode ends, or, with a **cool-down**, until `cooldown_secs` of
//!   block time have passed (then a signal that still holds acts again);
//! - the episode's first sighting is kept (`first_seen`): an incident
//!   declared for it starts there.

use std::collections::BTreeMap;

use alloy::primitives::Address;
use serde::{Deserialize, Serialize};

use crate::{config::Policy, signal::Observation};

/// The hysteresis state of one policy for one subject.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct Hysteresis {
    /// Evaluations in this episode in which the signal held.
    pub seen: u32,
    /// Consecutive clear evaluations.
    pub clear: u32,
    /// Block time of the episode's first sighting (0: no episode).
    pub first_seen: u64,
    /// Whether the policy acted in this episode and is waiting to re-arm.
    pub disarmed: bool,
    /// Block time before which it may not act again.
    pub cooldown_until: u64,
}

/// A policy that decided to act.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    /// Index of the policy in the config.
    pub policy: usize,
    /// The observation that completed the confirmations.
    pub observation: Observation,
    /// Block time of the episode's first sighting.
    pub first_seen: u64,
    /// Evaluations the signal held in before acting.
    pub seen: u32,
}

/// The policies and their per-subject state.
#[derive(Clone, Debug)]
pub struct PolicyEngine {
    policies: Vec<Policy>,
    state: BTreeMap<String, Hysteresis>,
}

impl PolicyEngine {
    /// An engine over `policies` resuming `state` (from the state file).
    pub fn new(policies: Vec<Policy>, state: BTreeMap<String, Hysteresis>) -> Self {
        Self { policies, state }
    }

    /// The policies.
    pub fn policies(&self) -> &[Policy] {
        &self.policies
    }

    /// The per-subject state, keyed `"<policy index>/<subject>"`.
    pub fn state(&self) -> &BTreeMap<String, Hysteresis> {
        &self.state
    }

    /// Feeds one observation made at block time `now`; returns the
    /// policies that act on it.
    pub fn observe(&mut self, observation: &Observation, now: u64) -> Vec<Decision> {
        let mut decisions = Vec::new();
        for (index, policy) in self.policies.iter().enumerate() {
            if policy.signal != observation.kind
                || !(policy.subjects.is_empty()
                    || policy
                        .subjects
                        .iter()
                        .any(|s| same_subject(s, &observation.subject)))
            {
                continue;
            }
            let key = format!("{index}/{}", observation.subject);
            let h = self.state.entry(key).or_default();
            if !observation.is_active() {
                h.clear = h.clear.saturating_add(1);
                if h.clear >= policy.clear_after {
                    *h = Hysteresis {
                        cooldown_until: h.cooldown_until,
                        ..Hysteresis::default()
                    };
                }
                continue;
            }
            h.clear = 0;
            h.seen = h.seen.saturating_add(1);
            if h.first_seen == 0 {
                h.first_seen = now;
            }
            let cooled = now >= h.cooldown_until;
            if h.disarmed && policy.cooldown_secs > 0 && cooled {
                h.disarmed = false;
            }
            if h.seen >= policy.confirmations && !h.disarmed && cooled {
                h.disarmed = true;
                h.cooldown_until = now.saturating_add(policy.cooldown_secs);
                decisions.push(Decision {
                    policy: index,
                    observation: observation.clone(),
                    first_seen: h.first_seen,
                    seen: h.seen,
                });
            }
        }
        decisions
    }
}

/// Whether a policy's subject names the observed one (addresses compare
/// as addresses, whatever their case).
fn same_subject(configured: &str, observed: &str) -> bool {
    match (configured.parse::<Address>(), observed.parse::<Address>()) {
        (Ok(a), Ok(b)) => a == b,
        _ => configured == observed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        config::ActionSpec,
        signal::{Observation, SignalKind},
    };

    fn policy(confirmations: u32, clear_after: u32, cooldown_secs: u64) -> Policy {
        Policy {
            signal: SignalKind::PriceDeviation,
            subjects: vec![],
            confirmations,
            clear_after,
            cooldown_secs,
            actions: vec![ActionSpec::TripBreaker],
        }
    }

    fn active() -> Observation {
        Observation::active(
            SignalKind::PriceDeviation,
            "ETH-USD",
            Some("ETH-USD".into()),
            serde_json::Map::new(),
        )
    }

    fn clear() -> Observation {
        Observation::clear(
            SignalKind::PriceDeviation,
            "ETH-USD",
            Some("ETH-USD".into()),
        )
    }

    /// Feeds `pattern` (`true` = active) at times 1, 2, …; returns the times it acted.
    fn run(engine: &mut PolicyEngine, pattern: &[bool]) -> Vec<u64> {
        let mut acted = Vec::new();
        for (t, on) in (1u64..).zip(pattern) {
            let obs = if *on { active() } else { clear() };
            if !engine.observe(&obs, t).is_empty() {
                acted.push(t);
            }
        }
        acted
    }

    #[test]
    fn it_acts_on_the_nth_confirmation_and_only_once_per_episode() {
        let mut engine = PolicyEngine::new(vec![policy(3, 1, 0)], BTreeMap::new());
        assert_eq!(run(&mut engine, &[true, true, true, true, true]), vec![3]);
    }

    #[test]
    fn a_clear_evaluation_restarts_the_count_with_clear_after_one() {
        let mut engine = PolicyEngine::new(vec![policy(2, 1, 0)], BTreeMap::new());
        assert_eq!(
            run(&mut engine, &[true, false, true, false, true]),
            Vec::<u64>::new()
        );
    }

    #[test]
    fn clear_after_bridges_a_flicker() {
        let mut engine = PolicyEngine::new(vec![policy(2, 2, 0)], BTreeMap::new());
        assert_eq!(run(&mut engine, &[true, false, true]), vec![3]);
    }

    #[test]
    fn a_new_episode_after_clearing_acts_again() {
        let mut engine = PolicyEngine::new(vec![policy(1, 2, 0)], BTreeMap::new());
        assert_eq!(
            run(&mut engine, &[true, true, false, true, false, false, true]),
            vec![1, 7]
        );
    }

    #[test]
    fn the_cool_down_spaces_actions_on_a_persisting_signal_and_spans_episodes() {
        let mut engine = PolicyEngine::new(vec![policy(1, 1, 3)], BTreeMap::new());
        // Acts at 1; may act again from 4 while it persists.
        assert_eq!(run(&mut engine, &[true; 7]), vec![1, 4, 7]);
        let mut engine = PolicyEngine::new(vec![policy(1, 1, 10)], BTreeMap::new());
        // A new episode within the cool-down waits for it.
        assert_eq!(run(&mut engine, &[true, false, true, true]), vec![1]);
    }

    #[test]
    fn first_seen_is_the_start_of_the_episode() {
        let mut engine = PolicyEngine::new(vec![policy(3, 1, 0)], BTreeMap::new());
        engine.observe(&active(), 10);
        engine.observe(&active(), 11);
        let decisions = engine.observe(&active(), 12);
        assert_eq!(decisions[0].first_seen, 10);
        assert_eq!(decisions[0].seen, 3);
    }

    #[test]
    fn subjects_filter_and_state_is_per_subject() {
        let mut only_btc = policy(1, 1, 0);
        only_btc.subjects = vec!["BTC-USD".into()];
        let mut engine = PolicyEngine::new(vec![only_btc], BTreeMap::new());
        assert!(engine.observe(&active(), 1).is_empty());
        assert!(engine.state().is_empty());
    }

    #[test]
    fn address_subjects_match_whatever_their_case() {
        assert!(same_subject(
            "0x1a337c6d48bc0d19f913d16074d362d065564f86",
            "0x1A337C6d48bc0d19F913d16074D362d065564F86"
        ));
        assert!(!same_subject("ETH-USD", "BTC-USD"));
    }

    #[test]
    fn resumed_state_keeps_the_cool_down() {
        let mut engine = PolicyEngine::new(vec![policy(1, 1, 100)], BTreeMap::new());
        assert_eq!(engine.observe(&active(), 1).len(), 1);
        let saved = engine.state().clone();
        let mut resumed = PolicyEngine::new(vec![policy(1, 1, 100)], saved);
        resumed.observe(&clear(), 2);
        assert!(resumed.observe(&active(), 3).is_empty());
        assert_eq!(resumed.observe(&active(), 101).len(), 1);
    }
}
