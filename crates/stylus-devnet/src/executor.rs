//! [`Executor`]: the one place where the devnet runs a transaction (through stylus-evm).

use crate::error::DevnetError;
use revm::{
    context::{result::ResultAndState, BlockEnv, TxEnv},
    Database,
};
use stylus_evm::{ExecOptions, StylusEngine, StylusParams, StylusStats};

/// Runs transactions through [`StylusEngine`]: revm plus Stylus WASM, Nitro's precompiles and
/// activation rules. Never commits; the chain decides.
#[derive(Debug, Clone)]
pub struct Executor {
    engine: StylusEngine,
}

impl Executor {
    /// An executor for `chain_id` with Nitro's default Stylus parameters.
    pub fn new(chain_id: u64) -> Self {
        Self {
            engine: StylusEngine::new(StylusParams {
                chain_id,
                ..StylusParams::default()
            }),
        }
    }

    /// The engine (activation checks, cache marks).
    pub fn engine(&self) -> &StylusEngine {
        &self.engine
    }

    /// Runs `transaction` in `block` against `db` without committing.
    ///
    /// # Errors
    /// [`DevnetError::InvalidTransaction`] when revm refuses the transaction,
    /// [`DevnetError::Engine`] on a database or internal failure.
    pub fn run<DB>(
        &self,
        db: DB,
        block: BlockEnv,
        transaction: TxEnv,
        options: &ExecOptions,
    ) -> Result<(ResultAndState, StylusStats), DevnetError>
    where
        DB: Database,
        DB::Error: std::fmt::Debug,
    {
        self.engine
            .transact(db, block, transaction, options)
            .map_err(DevnetError::from)
    }
}
