//! GuardianMultisig: an M-of-N security council with EIP-712 signatures and an emergency threshold. (work in progress).
#![cfg_attr(not(any(test, feature = "export-abi")), no_std)]
