//! Typed bindings of the suite, generated from the committed `abi/json/`,
//! and of the committed EVM artifacts the scenarios drive (the example
//! vault and its collateral token from `examples/derivative-vault/artifacts/`,
//! the mock feeds `deploy_suite` deploys from `bench/artifacts/`).
//!
//! Generating them from the same files protocols import means a tool can
//! only call what the exported ABI declares.
#![allow(missing_docs, clippy::pedantic, clippy::too_many_arguments)] // generated code

use alloy::sol;

sol!(
    #[sol(rpc, all_derives)]
    ISettlementGuard,
    "../../abi/json/ISettlementGuard.json"
);

sol!(
    #[sol(rpc, all_derives)]
    IPauseRegistry,
    "../../abi/json/IPauseRegistry.json"
);

sol!(
    #[sol(rpc, all_derives)]
    IOracleSanityChecker,
    "../../abi/json/IOracleSanityChecker.json"
);

sol!(
    #[sol(rpc, all_derives)]
    IEmergencyTimelock,
    "../../abi/json/IEmergencyTimelock.json"
);

sol!(
    #[sol(rpc, all_derives)]
    IGuardianMultisig,
    "../../abi/json/IGuardianMultisig.json"
);

sol!(
    #[sol(rpc, all_derives)]
    DerivativeVault,
    "../../examples/derivative-vault/artifacts/DerivativeVault.json"
);

sol!(
    #[sol(rpc, all_derives)]
    MockERC20,
    "../../examples/derivative-vault/artifacts/MockERC20.json"
);

sol!(
    #[sol(rpc, all_derives)]
    MockAggregatorV3,
    "../../bench/artifacts/MockAggregatorV3.json"
);

sol!(
    #[sol(rpc, all_derives)]
    MockSequencerFeed,
    "../../bench/artifacts/MockSequencerFeed.json"
);
