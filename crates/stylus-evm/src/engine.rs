//! [`StylusEngine`]: the shared, thread-safe entry point that runs transactions.

use crate::{
    activation::{self, ActivationError, ValidatedModule},
    costs,
    evm::StylusEvm,
    instrument,
    precompiles::StylusPrecompiles,
    stats::StylusStats,
};
use revm::{
    context::{
        result::{EVMError, InvalidHeader, InvalidTransaction, ResultAndState},
        BlockEnv, CfgEnv, Context, ContextTr, Journal, JournalTr, TxEnv,
    },
    handler::{instructions::EthInstructions, EthPrecompiles, Handler, MainnetHandler},
    interpreter::interpreter::EthInterpreter,
    primitives::{hardfork::SpecId, B256},
    Database,
};
use std::{
    collections::{HashMap, HashSet},
    sync::{Arc, RwLock},
};

/// Chain parameters of the engine; `Default` gives Nitro's defaults on the devnode chain id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StylusParams {
    /// Chain id (`412346` on Nitro's devnode).
    pub chain_id: u64,
    /// Ink per gas (`InkPrice`).
    pub ink_price: u64,
    /// Pages a transaction may have open (`PageLimit`).
    pub page_limit: u16,
    /// Free pages per transaction (`FreePages`).
    pub free_pages: u16,
    /// Gas per page beyond the free ones (`PageGas`).
    pub page_gas: u64,
    /// Stack depth in words per invocation (`MaxStackDepth`).
    pub max_stack_depth: u32,
    /// Largest decompressed WASM (`MaxWasmSize`).
    pub max_wasm_size: usize,
    /// EVM spec revm runs with.
    pub spec: SpecId,
}

impl Default for StylusParams {
    fn default() -> Self {
        Self {
            chain_id: 412_346,
            ink_price: costs::INK_PRICE,
            page_limit: costs::PAGE_LIMIT,
            free_pages: costs::FREE_PAGES,
            page_gas: costs::PAGE_GAS,
            max_stack_depth: costs::MAX_STACK_DEPTH,
            max_wasm_size: costs::MAX_WASM_SIZE,
            spec: SpecId::PRAGUE,
        }
    }
}

/// How to run a transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExecOptions {
    /// `eth_call` / `eth_estimateGas` semantics: no balance, fee, base-fee, nonce or
    /// block-gas-limit checks, and calls "from" contracts are allowed (EIP-3607 off).
    pub is_call: bool,
    /// Upper bound on the transaction's gas limit, if any.
    pub gas_cap: Option<u64>,
}

/// Why a transaction could not be run at all (as opposed to running and failing).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    /// The transaction is invalid (nonce, balance, gas, chain id, …).
    #[error("invalid transaction: {0}")]
    Transaction(InvalidTransaction),
    /// The block header is invalid.
    #[error("invalid header: {0}")]
    Header(InvalidHeader),
    /// The database failed.
    #[error("database error: {0}")]
    Database(String),
    /// Any other fatal error.
    #[error("{0}")]
    Custom(String),
}

impl<E: std::fmt::Debug> From<EVMError<E, InvalidTransaction>> for EngineError {
    fn from(error: EVMError<E, InvalidTransaction>) -> Self {
        match error {
            EVMError::Transaction(error) => Self::Transaction(error),
            EVMError::Header(error) => Self::Header(error),
            EVMError::Database(error) => Self::Database(format!("{error:?}")),
            EVMError::Custom(error) => Self::Custom(error),
            EVMError::CustomAny(error) => Self::Custom(format!("{error:?}")),
        }
    }
}

/// A compiled, instrumented program; a pure function of the code.
#[derive(Debug)]
pub(crate) struct CompiledProgram {
    pub(crate) module: wasmi::Module,
}

/// State shared by every clone of an engine.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) params: StylusParams,
    pub(crate) wasmi: wasmi::Engine,
    /// The `vm_hooks` host functions, built once.
    pub(crate) linker: wasmi::Linker<crate::hostio::Host>,
    compiled: RwLock<HashMap<B256, Arc<CompiledProgram>>>,
    cached: RwLock<HashSet<B256>>,
}

impl Shared {
    /// Decompresses and validates Stylus code against the activation rules.
    pub(crate) fn validate(&self, code: &[u8]) -> Result<ValidatedModule, ActivationError> {
        let wasm = activation::decompress(code, self.params.max_wasm_size)?;
        activation::validate(wasm, self.params.page_limit)
    }

    /// Instruments and compiles a validated module and caches it under `codehash`.
    pub(crate) fn insert_compiled(
        &self,
        codehash: B256,
        validated: &ValidatedModule,
    ) -> Result<Arc<CompiledProgram>, String> {
        let binary = instrument::instrument(validated)?;
        let module = wasmi::Module::new(&self.wasmi, &binary).map_err(|error| error.to_string())?;
        let compiled = Arc::new(CompiledProgram { module });
        self.compiled
            .write()
            .expect("module cache lock poisoned")
            .insert(codehash, Arc::clone(&compiled));
        Ok(compiled)
    }

    /// Compiled module of `code`, compiling it on a cache miss.
    pub(crate) fn compiled(
        &self,
        codehash: B256,
        code: &[u8],
    ) -> Result<Arc<CompiledProgram>, String> {
        if let Some(found) = self
            .compiled
            .read()
            .expect("module cache lock poisoned")
            .get(&codehash)
        {
            return Ok(Arc::clone(found));
        }
        let validated = self.validate(code).map_err(|error| error.to_string())?;
        self.insert_compiled(codehash, &validated)
    }

    /// Whether `codehash` is in the ArbWasmCache cached set.
    pub(crate) fn is_cached(&self, codehash: B256) -> bool {
        self.cached
            .read()
            .expect("cache set lock poisoned")
            .contains(&codehash)
    }
}

/// The execution engine: revm plus Stylus. Cheap to clone (an `Arc` inside); `Send + Sync`.
#[derive(Debug, Clone)]
pub struct StylusEngine {
    shared: Arc<Shared>,
}

impl StylusEngine {
    /// Creates an engine with `params`.
    pub fn new(params: StylusParams) -> Self {
        // wasmi's own limits must never bind before Nitro's stack-depth check: every frame costs
        // at least 4 words of `MaxStackDepth`, so that many calls and 64 MiB of value stack suffice.
        let mut config = wasmi::Config::default();
        config
            .set_max_recursion_depth(params.max_stack_depth as usize)
            .set_max_stack_height(64 << 20);
        let wasmi = wasmi::Engine::new(&config);
        Self {
            shared: Arc::new(Shared {
                params,
                linker: crate::hostio::linker(&wasmi),
                wasmi,
                compiled: RwLock::default(),
                cached: RwLock::default(),
            }),
        }
    }

    /// The engine's parameters.
    pub fn params(&self) -> &StylusParams {
        &self.shared.params
    }

    /// Marks `codehash` as cached (as if pinned through ArbWasmCache / a CacheManager bid) or not.
    /// Cached programs pay the cached init gas instead of the full init gas on entry.
    ///
    /// # Panics
    /// If another thread panicked while holding the cache set's lock.
    pub fn set_cached(&self, codehash: B256, cached: bool) {
        let mut set = self.shared.cached.write().expect("cache set lock poisoned");
        if cached {
            set.insert(codehash);
        } else {
            set.remove(&codehash);
        }
    }

    /// Whether `codehash` is marked cached.
    pub fn is_cached(&self, codehash: B256) -> bool {
        self.shared.is_cached(codehash)
    }

    /// Validates Stylus `code` against Nitro's activation rules without activating it.
    ///
    /// # Errors
    /// The rule the code breaks.
    pub fn check_activation(
        &self,
        code: &[u8],
    ) -> Result<activation::ProgramInfo, ActivationError> {
        self.shared.validate(code).map(|validated| validated.info)
    }

    /// Runs one transaction against `db` without committing.
    ///
    /// Returns revm's result and the state changes (commit them with `DatabaseCommit::commit`
    /// for a real transaction) plus the Stylus statistics of the transaction.
    ///
    /// # Errors
    /// [`EngineError`] when the transaction cannot be run (invalid, or a database failure).
    pub fn transact<DB: Database>(
        &self,
        db: DB,
        block: BlockEnv,
        mut tx: TxEnv,
        opts: &ExecOptions,
    ) -> Result<(ResultAndState, StylusStats), EngineError>
    where
        DB::Error: std::fmt::Debug,
    {
        let params = &self.shared.params;
        let mut cfg = CfgEnv::new_with_spec(params.spec);
        cfg.chain_id = params.chain_id;
        // revm's EIP-3541 check is replaced by `StylusEvm::frame_run`'s, which lets only
        // `EF F0 00` through, as Nitro does. EIP-170 (24,576 bytes) stays.
        cfg.disable_eip3541 = true;
        cfg.disable_priority_fee_check = true;
        if opts.is_call {
            cfg.disable_balance_check = true;
            cfg.disable_base_fee = true;
            cfg.disable_fee_charge = true;
            cfg.disable_nonce_check = true;
            cfg.disable_eip3607 = true;
            cfg.disable_block_gas_limit = true;
            cfg.tx_chain_id_check = false;
        }
        if let Some(cap) = opts.gas_cap {
            tx.gas_limit = tx.gas_limit.min(cap);
        }
        let ctx: Context<BlockEnv, TxEnv, CfgEnv, DB, Journal<DB>, ()> =
            Context::<BlockEnv, TxEnv, CfgEnv, DB, Journal<DB>, ()>::new(db, params.spec)
                .with_cfg(cfg)
                .with_block(block)
                .with_tx(tx);
        let precompiles =
            StylusPrecompiles::new(EthPrecompiles::new(params.spec), Arc::clone(&self.shared));
        let inner = revm::context::Evm::new(
            ctx,
            EthInstructions::<EthInterpreter, _>::new_mainnet_with_spec(params.spec),
            precompiles,
        );
        let mut evm = StylusEvm::new(inner, Arc::clone(&self.shared));
        let outcome = MainnetHandler::<_, EVMError<DB::Error, InvalidTransaction>, _>::default()
            .run(&mut evm);
        let state = evm.inner.ctx.journal_mut().finalize();
        let stylus_stats = evm.take_stats();
        Ok((ResultAndState::new(outcome?, state), stylus_stats))
    }
}
