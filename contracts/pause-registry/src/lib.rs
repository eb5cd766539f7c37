//! PauseRegistry: the settlement gate of Stylus Incident Guard (ISettlementGuard). (work in progress).
#![cfg_attr(not(any(test, feature = "export-abi")), no_std)]
