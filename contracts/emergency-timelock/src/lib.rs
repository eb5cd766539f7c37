//! EmergencyTimelock: an OpenZeppelin-compatible timelock with expiry, codehash pinning and an emergency lane. (work in progress).
#![cfg_attr(not(any(test, feature = "export-abi")), no_std)]
