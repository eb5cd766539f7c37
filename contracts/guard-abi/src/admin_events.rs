//! Events of the two-step admin transfer and the guardian (feature
//! `stylus`), shared by the contracts that have both: the PauseRegistry and
//! the OracleSanityChecker re-export them from their `events` modules.
//!
//! Declared with `sol!` (names, topics; `scripts/abi/export_sol.py` puts
//! them into the interface of every contract whose source names them) and
//! logged with the compact encoder of [`crate::encoding`] (each contract's
//! `tests::encoding` checks them against alloy's encoding).
#![allow(missing_docs)] // `sol!` generates the items; each event is documented below.

use alloy_sol_types::{sol, SolEvent};
use stylus_sdk::stylus_core::RawLogAccess;

use crate::encoding::address_word;
use crate::log::{emit_log, Event};

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
        emit_log(
            host,
            &[
                Self::SIGNATURE_HASH,
                address_word(self.oldGuardian),
                address_word(self.guardian),
            ],
            &[],
            None,
        );
    }
}

impl Event for AdminTransferStarted {
    fn log(self, host: &impl RawLogAccess) {
        emit_log(
            host,
            &[
                Self::SIGNATURE_HASH,
                address_word(self.admin),
                address_word(self.pendingAdmin),
            ],
            &[],
            None,
        );
    }
}

impl Event for AdminTransferred {
    fn log(self, host: &impl RawLogAccess) {
        emit_log(
            host,
            &[
                Self::SIGNATURE_HASH,
                address_word(self.oldAdmin),
                address_word(self.admin),
            ],
            &[],
            None,
        );
    }
}
