//! The compact error encoder against alloy's: every error the contract
//! declares, byte for byte. (The events are laid out by `events.rs`'s
//! functions; the unit tests decode every log they emit.)

use guard_test_host::encoding::{assert_error_encoding, Sample};

use crate::errors::{self, TimelockError};

#[test]
fn every_error_encodes_as_alloy_does() {
    assert_error_encoding::<_, TimelockError>(&errors::TimelockInvalidOperationLength {
        targets: Sample::sample(1),
        payloads: Sample::sample(2),
        values: Sample::sample(3),
    });
    assert_error_encoding::<_, TimelockError>(&errors::TimelockInsufficientDelay {
        delay: Sample::sample(1),
        minDelay: Sample::sample(2),
    });
    assert_error_encoding::<_, TimelockError>(&errors::TimelockUnexpectedOperationState {
        operationId: Sample::sample(1),
        expectedStates: Sample::sample(2),
    });
    assert_error_encoding::<_, TimelockError>(&errors::TimelockUnexecutedPredecessor {
        predecessorId: Sample::sample(1),
    });
    assert_error_encoding::<_, TimelockError>(&errors::TimelockUnauthorizedCaller {
        caller: Sample::sample(1),
    });
    assert_error_encoding::<_, TimelockError>(&errors::AccessControlUnauthorizedAccount {
        account: Sample::sample(1),
        neededRole: Sample::sample(2),
    });
    assert_error_encoding::<_, TimelockError>(&errors::AccessControlBadConfirmation {});
    assert_error_encoding::<_, TimelockError>(&errors::TimelockExpiredOperation {
        operationId: Sample::sample(1),
        expiredAt: Sample::sample(2),
    });
    assert_error_encoding::<_, TimelockError>(&errors::TimelockTargetCodehashChanged {
        operationId: Sample::sample(1),
    });
    assert_error_encoding::<_, TimelockError>(&errors::TimelockEmergencyCallNotAllowed {
        target: Sample::sample(1),
        selector: Sample::sample(2),
    });
    assert_error_encoding::<_, TimelockError>(&errors::TimelockReentrantCall {});
    assert_error_encoding::<_, TimelockError>(&errors::TimelockExcessiveDelay {
        delay: Sample::sample(1),
        maxDelay: Sample::sample(2),
    });
    assert_error_encoding::<_, TimelockError>(&errors::TimelockInvalidMinDelay {
        delay: Sample::sample(1),
        lowerBound: Sample::sample(2),
        upperBound: Sample::sample(3),
    });
    assert_error_encoding::<_, TimelockError>(&errors::TimelockInvalidGracePeriod {
        gracePeriod: Sample::sample(1),
        lowerBound: Sample::sample(2),
        upperBound: Sample::sample(3),
    });
    assert_error_encoding::<_, TimelockError>(&errors::TimelockUnsupportedRole {
        role: Sample::sample(1),
    });
    assert_error_encoding::<_, TimelockError>(&errors::InvalidZeroAddress {});
}
