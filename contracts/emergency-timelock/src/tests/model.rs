//! Model-based property test: random sequences of schedule / execute /
//! cancel / time jumps / code changes, run against the contract and a
//! plain reference model side by side. The contract must agree with the
//! model on every outcome and every state, so it never executes an
//! operation early, late (expired), twice, out of order, or after a
//! target's code changed.

use proptest::prelude::*;

use super::*;

const TARGETS: [Address; 2] = [TARGET, OTHER_TARGET];

/// The three operations the sequences play with.
#[derive(Clone, Copy, Debug)]
enum Op {
    /// `TARGET.setConfig(0)`.
    First,
    /// `OTHER_TARGET.setConfig(1)`, after `First`.
    Second,
    /// A batch `[TARGET.setConfig(2), OTHER_TARGET.setConfig(3)]`.
    Batch,
}

const OPS: [Op; 3] = [Op::First, Op::Second, Op::Batch];

#[derive(Clone, Debug)]
enum Action {
    Schedule(usize, u64),
    Execute(usize),
    Cancel(usize),
    Warp(u64),
    ChangeCode(usize, u8),
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        2 => (0..3usize, 0..3 * DAY).prop_map(|(o, d)| Action::Schedule(o, d)),
        3 => (0..3usize).prop_map(Action::Execute),
        1 => (0..3usize).prop_map(Action::Cancel),
        // Small steps land on the exact boundaries, large ones cross them.
        1 => (0..3u64).prop_map(Action::Warp),
        1 => (0..9 * DAY).prop_map(Action::Warp),
        1 => prop_oneof![Just(DELAY - 1), Just(GRACE - 1), Just(1)].prop_map(Action::Warp),
        1 => (0..2usize, 0..3u8).prop_map(|(t, c)| Action::ChangeCode(t, c)),
    ]
}

/// The reference model of one operation.
#[derive(Clone, Debug, PartialEq)]
enum Model {
    Unset,
    Scheduled {
        ready_at: u64,
        expires_at: u64,
        codes: Vec<u8>,
    },
    Done,
}

impl Model {
    fn ready(&self, now: u64) -> bool {
        matches!(self, Model::Scheduled { ready_at, expires_at, .. } if *ready_at <= now && now < *expires_at)
    }
    fn pending(&self, now: u64) -> bool {
        matches!(self, Model::Scheduled { expires_at, .. } if now < *expires_at)
    }
    fn expired(&self, now: u64) -> bool {
        matches!(self, Model::Scheduled { expires_at, .. } if now >= *expires_at)
    }
    /// OpenZeppelin's `getOperationState` (expired reads as unset).
    fn oz_state(&self, now: u64) -> u8 {
        match self {
            Model::Done => 3,
            m if m.ready(now) => 2,
            m if m.pending(now) => 1,
            _ => 0,
        }
    }
}

struct Harness {
    vm: TestVM,
    tl: EmergencyTimelock,
    ids: [B256; 3],
    models: [Model; 3],
    codes: [u8; 2],
    /// Successful executions per operation.
    executed: [u32; 3],
}

impl Harness {
    fn new() -> Self {
        let (vm, tl) = setup();
        for t in TARGETS {
            vm.set_code(t, vec![0]);
        }
        let mut h = Harness {
            vm,
            tl,
            ids: [B256::ZERO; 3],
            models: [Model::Unset, Model::Unset, Model::Unset],
            codes: [0, 0],
            executed: [0; 3],
        };
        // In order: `Second`'s id depends on `First`'s (its predecessor).
        for (i, op) in OPS.into_iter().enumerate() {
            h.ids[i] = h.id(op);
        }
        h
    }

    fn calls(op: Op) -> (Vec<Address>, Vec<U256>, Vec<Bytes>) {
        match op {
            Op::First => (vec![TARGET], vec![U256::ZERO], vec![set_config(0)]),
            Op::Second => (vec![OTHER_TARGET], vec![U256::ZERO], vec![set_config(1)]),
            Op::Batch => (
                vec![TARGET, OTHER_TARGET],
                vec![U256::ZERO, U256::ZERO],
                vec![set_config(2), set_config(3)],
            ),
        }
    }

    fn predecessor(&self, op: Op) -> B256 {
        match op {
            Op::Second => self.ids[0],
            _ => B256::ZERO,
        }
    }

    fn id(&self, op: Op) -> B256 {
        let (targets, values, payloads) = Self::calls(op);
        match op {
            Op::Batch => {
                self.tl
                    .hash_operation_batch(targets, values, payloads, B256::ZERO, B256::ZERO)
            }
            _ => self.tl.hash_operation(
                targets[0],
                values[0],
                payloads[0].clone(),
                self.predecessor(op),
                B256::ZERO,
            ),
        }
    }

    fn target_codes(&self, op: Op) -> Vec<u8> {
        Self::calls(op)
            .0
            .iter()
            .map(|t| self.codes[TARGETS.iter().position(|x| x == t).unwrap()])
            .collect()
    }

    fn now(&self) -> u64 {
        self.vm.block_timestamp()
    }

    fn step(&mut self, action: &Action) {
        let now = self.now();
        match *action {
            Action::Warp(s) => self.vm.set_block_timestamp(now + s),
            Action::ChangeCode(t, c) => {
                self.codes[t] = c;
                self.vm.set_code(TARGETS[t], vec![c]);
            }
            Action::Schedule(i, extra) => {
                let op = OPS[i];
                let (targets, values, payloads) = Self::calls(op);
                let delay = U256::from(DELAY + extra);
                self.vm.set_sender(PROPOSER);
                let r = match op {
                    Op::Batch => self.tl.schedule_batch(
                        targets,
                        values,
                        payloads,
                        B256::ZERO,
                        B256::ZERO,
                        delay,
                    ),
                    _ => self.tl.schedule(
                        targets[0],
                        values[0],
                        payloads[0].clone(),
                        self.predecessor(op),
                        B256::ZERO,
                        delay,
                    ),
                };
                let allowed = matches!(self.models[i], Model::Unset) || self.models[i].expired(now);
                assert_eq!(
                    r.is_ok(),
                    allowed,
                    "schedule {op:?} at {now}: {r:?} vs {:?}",
                    self.models[i]
                );
                if allowed {
                    self.models[i] = Model::Scheduled {
                        ready_at: now + DELAY + extra,
                        expires_at: now + DELAY + extra + GRACE,
                        codes: self.target_codes(op),
                    };
                }
            }
            Action::Cancel(i) => {
                self.vm.set_sender(PROPOSER);
                let r = self.tl.cancel(self.ids[i]);
                let allowed = self.models[i].pending(now);
                assert_eq!(r.is_ok(), allowed, "cancel {:?} at {now}", OPS[i]);
                if allowed {
                    self.models[i] = Model::Unset;
                }
            }
            Action::Execute(i) => {
                let op = OPS[i];
                let (targets, values, payloads) = Self::calls(op);
                self.vm.set_sender(EXECUTOR);
                let r = match op {
                    Op::Batch => {
                        self.tl
                            .execute_batch(targets, values, payloads, B256::ZERO, B256::ZERO)
                    }
                    _ => self.tl.execute(
                        targets[0],
                        values[0],
                        payloads[0].clone(),
                        self.predecessor(op),
                        B256::ZERO,
                    ),
                };
                let model = &self.models[i];
                let predecessor_done = !matches!(op, Op::Second) || self.models[0] == Model::Done;
                let same_code = matches!(model, Model::Scheduled { codes, .. } if *codes == self.target_codes(op));
                let allowed = model.ready(now) && predecessor_done && same_code;
                if r.is_ok() {
                    // Spelled out: never early, late, twice, out of order or on changed code.
                    assert!(!matches!(model, Model::Done), "{op:?} executed twice");
                    assert!(
                        model.ready(now),
                        "{op:?} executed early or late at {now}: {model:?}"
                    );
                    assert!(predecessor_done, "{op:?} executed before its predecessor");
                    assert!(same_code, "{op:?} executed on changed code");
                }
                assert_eq!(
                    r.is_ok(),
                    allowed,
                    "execute {op:?} at {now}: {r:?} vs {model:?}"
                );
                if allowed {
                    self.models[i] = Model::Done;
                    self.executed[i] += 1;
                }
            }
        }
        self.check_views();
    }

    fn check_views(&self) {
        let now = self.now();
        for (i, op) in OPS.iter().enumerate() {
            let m = &self.models[i];
            let id = self.ids[i];
            assert_eq!(
                self.tl.get_operation_state(id),
                m.oz_state(now),
                "{op:?} at {now}: {m:?}"
            );
            assert_eq!(self.tl.is_operation_expired(id), m.expired(now));
            assert!(self.executed[i] <= 1);
        }
        // Every call made belongs to a successful execution, exactly once.
        let expected: usize = (0..3)
            .map(|i| self.executed[i] as usize * Self::calls(OPS[i]).0.len())
            .sum();
        assert_eq!(self.vm.calls().len(), expected);
        assert!(!self.tl.config_word().executing);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_timelock_agrees_with_its_reference_model(actions in proptest::collection::vec(action(), 1..40)) {
        let mut h = Harness::new();
        for a in &actions {
            h.step(a);
        }
    }
}
