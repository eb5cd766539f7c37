//! `checkSequencer`: up, down, grace and every fault, at the boundaries.

use super::*;

const GRACE: u64 = 3_600;

fn mock_uptime(vm: &TestVM, answer: i128, started_at: u64) {
    mock_round_raw(vm, SEQUENCER, Ok(round(answer, started_at, started_at)));
}

fn status(c: &OracleSanityChecker) -> (Status, u64, u64) {
    let (s, up, ends) = c.check_sequencer();
    (Status::from_code(s).unwrap(), up, ends)
}

#[test]
fn sequencer_up_past_the_grace_is_ok() {
    let (vm, c) = setup();
    mock_uptime(&vm, 0, T0 - 10_000);
    assert_eq!(status(&c), (Status::Ok, T0 - 10_000, T0 - 10_000 + GRACE));
}

#[test]
fn sequencer_inside_the_grace_is_in_grace_and_ok_exactly_at_its_end() {
    let (vm, c) = setup();
    mock_uptime(&vm, 0, T0 - GRACE + 1);
    assert_eq!(status(&c), (Status::SequencerGrace, T0 - GRACE + 1, T0 + 1));
    mock_uptime(&vm, 0, T0 - GRACE);
    assert_eq!(status(&c), (Status::Ok, T0 - GRACE, T0));
    mock_uptime(&vm, 0, T0);
    assert_eq!(status(&c), (Status::SequencerGrace, T0, T0 + GRACE));
}

#[test]
fn sequencer_down_is_down() {
    let (vm, c) = setup();
    mock_uptime(&vm, 1, T0 - 10_000);
    assert_eq!(status(&c), (Status::SequencerDown, 0, 0));
}

#[test]
fn sequencer_feed_faults_fail_closed_as_down() {
    let (vm, c) = setup();
    // startedAt 0.
    mock_uptime(&vm, 0, 0);
    assert_eq!(status(&c).0, Status::SequencerDown);
    // startedAt in the future.
    mock_uptime(&vm, 0, T0 + 1);
    assert_eq!(status(&c).0, Status::SequencerDown);
    // An answer that is neither 0 nor 1, or negative.
    mock_uptime(&vm, 2, T0 - 10_000);
    assert_eq!(status(&c).0, Status::SequencerDown);
    mock_uptime(&vm, -1, T0 - 10_000);
    assert_eq!(status(&c).0, Status::SequencerDown);
    // Reverting, three words, nothing.
    mock_round_raw(&vm, SEQUENCER, Err(b"x".to_vec()));
    assert_eq!(status(&c), (Status::SequencerDown, 0, 0));
    let full = round(0, T0 - 10_000, T0 - 10_000);
    mock_round_raw(&vm, SEQUENCER, Ok(full[..96].to_vec()));
    assert_eq!(status(&c).0, Status::SequencerDown);
    mock_round_raw(&vm, SEQUENCER, Ok(Vec::new()));
    assert_eq!(status(&c).0, Status::SequencerDown);
}

#[test]
fn without_a_sequencer_feed_the_sequencer_is_ok_with_zero_times() {
    let vm = TestVM::new();
    vm.set_block_timestamp(T0);
    let mut c = OracleSanityChecker::from(&vm);
    c.constructor(ADMIN, GUARDIAN, Address::ZERO).unwrap();
    assert_eq!(c.check_sequencer(), (0, 0, 0));
    assert!(vm.calls().is_empty());
}

#[test]
fn set_sequencer_feed_changes_the_feed_and_grace_within_bounds() {
    let (vm, mut c) = setup();
    vm.set_sender(ADMIN);
    c.set_sequencer_feed(REFERENCE, 7_200).unwrap();
    assert_eq!(c.sequencer_config(), (REFERENCE, 7_200));
    mock_round_raw(&vm, REFERENCE, Ok(round(0, T0 - 7_199, T0 - 7_199)));
    assert_eq!(c.check_sequencer().0, Status::SequencerGrace.code());
    let err = assert_refused(&vm, || c.set_sequencer_feed(REFERENCE, 7_201));
    assert!(matches!(err, OracleError::InvalidSequencerGrace(_)));
    let err = assert_refused(&vm, || c.set_sequencer_feed(Address::ZERO, 60));
    assert!(matches!(err, OracleError::InvalidZeroAddress(_)));
    c.set_sequencer_feed(SEQUENCER, 0).unwrap();
    mock_uptime(&vm, 0, T0);
    assert_eq!(c.check_sequencer(), (0, T0, T0), "zero grace: OK at once");
}
