//! Typed bindings of the suite, generated from the committed `abi/json/`.
//!
//! Generating them from the same files protocols import means a tool can
//! only call what the exported ABI declares.
#![allow(missing_docs, clippy::pedantic)] // generated code

use alloy::sol;

sol!(
    #[sol(rpc)]
    IPauseRegistry,
    "../../abi/json/IPauseRegistry.json"
);

sol!(
    #[sol(rpc)]
    ISettlementGuard,
    "../../abi/json/ISettlementGuard.json"
);
