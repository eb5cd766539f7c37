//! The drill's timeline and summary.

use std::fmt::Write as _;

use serde::Serialize;

/// One step of the drill: what was done or checked, what was expected and
/// what the chain answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Step {
    /// The phase of the story (e.g. `"detection"`).
    pub phase: &'static str,
    /// The latest block after the step.
    pub block: u64,
    /// Its timestamp.
    pub time: u64,
    /// Who acted (`"alice"`, `"council (2 of 3)"`, `"anyone"`, …).
    pub actor: String,
    /// What was done or checked.
    pub action: String,
    /// What the step expects: a status, events, or a named error.
    pub expected: String,
    /// What the chain answered.
    pub observed: String,
    /// Whether `observed` matches `expected`.
    pub ok: bool,
}

/// One phase's count of steps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PhaseSummary {
    /// The phase.
    pub phase: &'static str,
    /// Steps taken.
    pub steps: usize,
    /// Steps whose observation differed from the expectation.
    pub mismatches: usize,
}

/// The whole drill.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The chain it ran on.
    pub chain_id: u64,
    /// Every step, in order.
    pub steps: Vec<Step>,
}

impl Report {
    /// Whether every step happened as expected (and there was at least one).
    pub fn passed(&self) -> bool {
        !self.steps.is_empty() && self.steps.iter().all(|s| s.ok)
    }

    /// The steps that differed from their expectation.
    pub fn mismatches(&self) -> impl Iterator<Item = &Step> {
        self.steps.iter().filter(|s| !s.ok)
    }

    /// Steps and mismatches per phase, in story order.
    pub fn summary(&self) -> Vec<PhaseSummary> {
        let mut phases: Vec<PhaseSummary> = Vec::new();
        for step in &self.steps {
            match phases.last_mut() {
                Some(phase) if phase.phase == step.phase => {
                    phase.steps += 1;
                    phase.mismatches += usize::from(!step.ok);
                }
                _ => phases.push(PhaseSummary {
                    phase: step.phase,
                    steps: 1,
                    mismatches: usize::from(!step.ok),
                }),
            }
        }
        phases
    }

    /// The summary as a text table.
    pub fn summary_table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{:<28} {:>6} {:>10}  result",
            "phase", "steps", "mismatches"
        );
        for p in self.summary() {
            let result = if p.mismatches == 0 {
                "as expected"
            } else {
                "MISMATCH"
            };
            let _ = writeln!(
                out,
                "{:<28} {:>6} {:>10}  {result}",
                p.phase, p.steps, p.mismatches
            );
        }
        let total = self.steps.len();
        let failed = self.mismatches().count();
        let _ = writeln!(
            out,
            "{:<28} {total:>6} {failed:>10}  {}",
            "total",
            if self.passed() {
                "DRILL PASSED"
            } else {
                "DRILL FAILED"
            }
        );
        out
    }
}

/// One timeline line: block, time since `start`, actor, action, and the
/// observation (with the expectation when they differ).
pub fn timeline_line(step: &Step, start: u64) -> String {
    let elapsed = step.time.saturating_sub(start);
    let clock = format!(
        "+{:02}:{:02}:{:02}",
        elapsed / 3_600,
        elapsed / 60 % 60,
        elapsed % 60
    );
    let verdict = if step.ok {
        format!("→ {}", step.observed)
    } else {
        format!("✗ expected {}, observed {}", step.expected, step.observed)
    };
    format!(
        "#{:<5} {clock} {:<18} {:<48} {verdict}",
        step.block, step.actor, step.action
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(phase: &'static str, ok: bool) -> Step {
        Step {
            phase,
            block: 7,
            time: 1_000 + 3_725,
            actor: "alice".into(),
            action: "deposit 100".into(),
            expected: "Deposited".into(),
            observed: if ok { "Deposited" } else { "nothing" }.into(),
            ok,
        }
    }

    #[test]
    fn a_report_passes_only_when_every_step_matched() {
        let mut report = Report::default();
        assert!(!report.passed(), "an empty drill proves nothing");
        report.steps = vec![step("a", true), step("a", true), step("b", true)];
        assert!(report.passed());
        report.steps.push(step("b", false));
        assert!(!report.passed());
        assert_eq!(
            report.summary(),
            vec![
                PhaseSummary {
                    phase: "a",
                    steps: 2,
                    mismatches: 0
                },
                PhaseSummary {
                    phase: "b",
                    steps: 2,
                    mismatches: 1
                }
            ]
        );
        let table = report.summary_table();
        assert!(table.contains("MISMATCH"), "{table}");
        assert!(table.contains("DRILL FAILED"), "{table}");
    }

    #[test]
    fn a_timeline_line_shows_elapsed_time_and_the_mismatch() {
        let line = timeline_line(&step("a", false), 1_000);
        assert!(line.starts_with("#7"), "{line}");
        assert!(line.contains("+01:02:05"), "{line}");
        assert!(
            line.contains("expected Deposited, observed nothing"),
            "{line}"
        );
    }
}
