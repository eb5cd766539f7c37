//! Events of the two-step admin transfer and the guardian (feature
//! `stylus`), shared by the contracts that have both: the PauseRegistry and
//! the OracleSanityChecker re-export them from their `events` modules.
//!
//! Declared with `sol!` (names, topics; `scripts/abi/export_sol.py` puts
//! them into the interface of every contract whose source names them) and
//! logged with [`crate::encoding::Writer`] (each contract's
//! `tests::encoding` checks them against alloy's encoding).
#![allow(missing_docs)] // `sol!` generates the items; each event is documented below.

use alloy_sol_types::{sol, SolEvent};
use stylus_sdk::stylus_core::RawLogAccess;

use crate::encoding::Writer;
use crate::log::Event;

sol! {
    #![sol(all_derives)]

    /// The guardian changed.
    event GuardianChanged(address indexed oldGuardian, address indexed guardian);
    /// The admin started a transfer to `pendingAdmin`.
    event AdminTransferStarted(address indexed admin, address indexed pendingAdmin);
    /// The pending admin accepted.
    event AdminTransferred(address indexed oldAdmin, address indexed admin);
}

impl Event for GuardianChanged {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 3)
            .word(&Self::SIGNATURE_HASH)
            .address(&self.oldGuardian)
            .address(&self.guardian)
            .emit(host, 3);
    }
}

impl Event for AdminTransferStarted {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 3)
            .word(&Self::SIGNATURE_HASH)
            .address(&self.admin)
            .address(&self.pendingAdmin)
            .emit(host, 3);
    }
}

impl Event for AdminTransferred {
    fn log(self, host: &impl RawLogAccess) {
        Writer::new(&[], 3)
            .word(&Self::SIGNATURE_HASH)
            .address(&self.oldAdmin)
            .address(&self.admin)
            .emit(host, 3);
    }
}
