//! OracleSanityChecker: feed sanity, sequencer uptime and a volatility-scaled deviation breaker. (work in progress).
#![cfg_attr(not(any(test, feature = "export-abi")), no_std)]
