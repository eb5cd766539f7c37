//! [`StylusEvm`]: revm's mainnet EVM wrapped in an `EvmTr` that runs Stylus programs.
//!
//! A frame whose code starts with `EF F0 00` is run by the crate's WASM runtime instead of revm's
//! interpreter. The WASM state lives in a side table indexed like revm's frame stack; a host call
//! that needs a nested call returns a `FrameInit` to revm, which runs the child as an ordinary
//! frame and hands its result back to the (still suspended) WASM frame.

use crate::{
    activation::STYLUS_PREFIX, engine::Shared, precompiles::StylusPrecompiles, program,
    stats::StylusStats,
};
use revm::{
    context::{BlockEnv, CfgEnv, Evm, Journal, TxEnv},
    handler::{
        evm::{ContextDbError, FrameInitResult, FrameTr},
        instructions::{EthInstructions, InstructionProvider},
        EthFrame, EvmTr, FrameData, FrameInitOrResult, ItemOrResult,
    },
    interpreter::{interpreter::EthInterpreter, FrameInput, InstructionResult, InterpreterAction},
    primitives::Address,
    Database,
};
use std::sync::Arc;

/// The context type the engine runs with.
pub type StylusContext<DB> = revm::context::Context<BlockEnv, TxEnv, CfgEnv, DB, Journal<DB>, ()>;

/// revm's EVM with Stylus precompiles.
pub type InnerEvm<DB> = Evm<
    StylusContext<DB>,
    (),
    EthInstructions<EthInterpreter, StylusContext<DB>>,
    StylusPrecompiles,
    EthFrame<EthInterpreter>,
>;

/// What the engine tracks per revm frame.
#[derive(Debug, Default)]
pub(crate) struct FrameMeta {
    /// Account whose storage the frame acts on (`None` for creates).
    pub(crate) acting: Option<Address>,
    /// Whether the frame is a delegate call.
    pub(crate) is_delegate: bool,
    /// Suspended WASM program, if the frame runs one.
    pub(crate) wasm: Option<Box<program::WasmFrame>>,
}

/// Per-transaction memory pages (`open` / `ever` of `arbos/programs/memory.go`).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Pages {
    pub(crate) open: u16,
    pub(crate) ever: u16,
}

/// revm's mainnet EVM plus Stylus program execution.
#[allow(missing_debug_implementations)]
pub struct StylusEvm<DB: Database> {
    /// The wrapped revm EVM.
    pub inner: InnerEvm<DB>,
    pub(crate) shared: Arc<Shared>,
    pub(crate) frames: Vec<FrameMeta>,
    pub(crate) pages: Pages,
    pub(crate) stats: StylusStats,
}

impl<DB: Database> StylusEvm<DB> {
    pub(crate) fn new(inner: InnerEvm<DB>, shared: Arc<Shared>) -> Self {
        Self {
            inner,
            shared,
            frames: Vec::new(),
            pages: Pages::default(),
            stats: StylusStats::default(),
        }
    }

    /// Takes the statistics gathered so far.
    pub fn take_stats(&mut self) -> StylusStats {
        std::mem::take(&mut self.stats)
    }

    /// Whether more than one open non-delegate frame acts for `address` (`msg_reentrant`).
    pub(crate) fn is_reentrant(&self, address: Address) -> bool {
        self.frames
            .iter()
            .filter(|meta| !meta.is_delegate && meta.acting == Some(address))
            .count()
            > 1
    }
}

impl<DB: Database> EvmTr for StylusEvm<DB> {
    type Context = StylusContext<DB>;
    type Instructions = EthInstructions<EthInterpreter, StylusContext<DB>>;
    type Precompiles = StylusPrecompiles;
    type Frame = EthFrame<EthInterpreter>;

    fn all(
        &self,
    ) -> (
        &Self::Context,
        &Self::Instructions,
        &Self::Precompiles,
        &revm::context::FrameStack<Self::Frame>,
    ) {
        self.inner.all()
    }

    fn all_mut(
        &mut self,
    ) -> (
        &mut Self::Context,
        &mut Self::Instructions,
        &mut Self::Precompiles,
        &mut revm::context::FrameStack<Self::Frame>,
    ) {
        self.inner.all_mut()
    }

    fn frame_init(
        &mut self,
        frame_input: <Self::Frame as FrameTr>::FrameInit,
    ) -> Result<FrameInitResult<'_, Self::Frame>, ContextDbError<Self::Context>> {
        let (acting, is_delegate) = match &frame_input.frame_input {
            FrameInput::Call(inputs) => (
                Some(inputs.target_address),
                inputs.scheme.is_delegate_call(),
            ),
            _ => (None, false),
        };
        let result = match self.inner.frame_init(frame_input)? {
            ItemOrResult::Item(_) => None,
            ItemOrResult::Result(result) => Some(result),
        };
        Ok(match result {
            None => {
                let index = self.inner.frame_stack.index().unwrap_or(0);
                self.frames.truncate(index);
                self.frames.push(FrameMeta {
                    acting,
                    is_delegate,
                    wasm: None,
                });
                ItemOrResult::Item(self.inner.frame_stack.get())
            }
            Some(result) => ItemOrResult::Result(result),
        })
    }

    fn frame_run(
        &mut self,
    ) -> Result<FrameInitOrResult<Self::Frame>, ContextDbError<Self::Context>> {
        let index = self.inner.frame_stack.index().unwrap_or(0);
        let frame = self.inner.frame_stack.get();
        let is_wasm = self
            .frames
            .get(index)
            .is_some_and(|meta| meta.wasm.is_some())
            || (matches!(frame.input, FrameInput::Call(_))
                && frame
                    .interpreter
                    .bytecode
                    .original_byte_slice()
                    .starts_with(&STYLUS_PREFIX));
        if is_wasm {
            return program::run_frame(self, index);
        }
        // revm's `frame_run`, plus EIP-3541 for every `0xEF` prefix except Stylus' `EF F0 00`
        // (revm's own check is turned off by `disable_eip3541`).
        let (ctx, instructions, _, stack) = self.inner.all_mut();
        let frame = stack.get();
        let mut action = frame.interpreter.run_plain(
            instructions.instruction_table(),
            instructions.gas_table(),
            ctx,
        );
        if let (FrameData::Create(_), InterpreterAction::Return(result)) =
            (&frame.data, &mut action)
        {
            if result.result.is_ok()
                && result.output.first() == Some(&0xEF)
                && !result.output.starts_with(&STYLUS_PREFIX)
            {
                result.result = InstructionResult::CreateContractStartingWithEF;
            }
        }
        let next = frame.process_next_action::<_, ContextDbError<Self::Context>>(ctx, action)?;
        if next.is_result() {
            frame.set_finished(true);
        }
        Ok(next)
    }

    fn frame_return_result(
        &mut self,
        result: <Self::Frame as FrameTr>::FrameResult,
    ) -> Result<Option<<Self::Frame as FrameTr>::FrameResult>, ContextDbError<Self::Context>> {
        let out = self.inner.frame_return_result(result)?;
        let len = self.inner.frame_stack.index().map_or(0, |index| index + 1);
        if out.is_some() {
            self.frames.clear();
        } else {
            self.frames.truncate(len);
        }
        Ok(out)
    }
}
