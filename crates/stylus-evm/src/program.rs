//! Running a Stylus program inside a revm frame: entry cost, the wasmi instance, host calls that
//! yield to revm, and the frame's outcome (Nitro's `toResult`).

use crate::{
    activation, costs,
    evm::StylusEvm,
    hostio::{self, AccountQuery, Host, HostRequest},
    instrument, precompiles,
};
use revm::{
    context::{Block, Cfg, ContextError, ContextTr, JournalTr, LocalContextTr, Transaction},
    handler::{evm::ContextDbError, EvmTr, FrameInitOrResult, ItemOrResult},
    interpreter::{
        interpreter::EthInterpreter, interpreter_action::FrameInit, interpreter_types::ReturnData,
        CallInput, CallInputs, CallScheme, CallValue, FrameInput, Gas, InstructionResult,
        InterpreterAction, InterpreterResult,
    },
    primitives::{keccak256, Address, Bytes, Log, B256, U256},
    Database,
};
use wasmi::{TypedResumableCall, Val};

type Call = TypedResumableCall<i32>;

/// A suspended WASM invocation.
pub(crate) struct WasmFrame {
    store: wasmi::Store<Host>,
    trap: Option<wasmi::TypedResumableCallHostTrap<i32>>,
    /// Pending nested call or create, and the interpreter gas snapshot taken before yielding.
    waiting: Option<(Waiting, u64)>,
    open_pages_before: u16,
}

impl std::fmt::Debug for WasmFrame {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WasmFrame").finish_non_exhaustive()
    }
}

/// What a suspended frame waits for.
#[derive(Debug, Clone, Copy)]
enum Waiting {
    /// A call; the return-data length goes to `ret_len_ptr`; `stipend` is the value stipend
    /// the callee got on top of the gas already charged.
    Call {
        ret_len_ptr: u32,
        name: &'static str,
        stipend: u64,
    },
    /// A create; the address goes to `contract_ptr`, the revert-data length to `ret_len_ptr`.
    Create {
        contract_ptr: u32,
        ret_len_ptr: u32,
        name: &'static str,
    },
}

impl Waiting {
    const fn name(self) -> &'static str {
        match self {
            Self::Call { name, .. } | Self::Create { name, .. } => name,
        }
    }

    const fn stipend(self) -> u64 {
        match self {
            Self::Call { stipend, .. } => stipend,
            Self::Create { .. } => 0,
        }
    }
}

enum Outcome {
    Success(Vec<u8>),
    Revert(Vec<u8>),
    Failure,
    OutOfInk,
    OutOfStack,
    NotActivated,
}

/// Resumes a frame after its nested call or create returned: settles the gas, hands the
/// return data and status (or created address) to the program, and resumes it.
fn resume_after_child<DB: Database>(
    evm: &mut StylusEvm<DB>,
    wasm: &mut WasmFrame,
) -> Result<Result<Call, wasmi::Error>, Outcome> {
    let (waiting, snapshot) = wasm
        .waiting
        .take()
        .expect("suspended frame waits for a call");
    let frame = evm.inner.frame_stack.get();
    let returned = frame.interpreter.gas.remaining().saturating_sub(snapshot);
    let top = frame.interpreter.stack.pop().unwrap_or_default();
    let data = frame.interpreter.return_data.buffer().clone();
    let price = evm.shared.params.ink_price;
    // Nitro charges the caller `base + sent − returned`, where `sent` includes the
    // value stipend (`arbos/programs/api.go`): the stipend is paid by the caller.
    let stipend = waiting.stipend();
    if returned >= stipend {
        hostio::refund_ink(
            &mut wasm.store,
            (returned - stipend).saturating_mul(price),
            waiting.name(),
        );
    } else if !hostio::buy_gas(&mut wasm.store, stipend - returned, waiting.name()) {
        return Err(Outcome::OutOfInk);
    }
    let len = u32::try_from(data.len()).unwrap_or(u32::MAX);
    wasm.store.data_mut().return_data = data;
    let trap = wasm.trap.take().expect("suspended frame has a trap");
    Ok(match waiting {
        Waiting::Call { ret_len_ptr, .. } => {
            let ok = hostio::write_u32(&mut wasm.store, ret_len_ptr, len);
            let code = if ok && !top.is_zero() { 0 } else { 2 };
            trap.resume(&mut wasm.store, &[Val::I32(code)])
        }
        Waiting::Create {
            contract_ptr,
            ret_len_ptr,
            ..
        } => {
            let created = Address::from_word(B256::from(top));
            let ok = hostio::write_bytes(&mut wasm.store, contract_ptr, created.as_slice())
                && hostio::write_u32(&mut wasm.store, ret_len_ptr, len);
            if ok {
                trap.resume(&mut wasm.store, &[])
            } else {
                return Err(Outcome::Failure);
            }
        }
    })
}

/// Runs or resumes the WASM program of the frame at `index`.
pub(crate) fn run_frame<DB: Database>(
    evm: &mut StylusEvm<DB>,
    index: usize,
) -> Result<
    FrameInitOrResult<revm::handler::EthFrame<EthInterpreter>>,
    ContextDbError<crate::evm::StylusContext<DB>>,
> {
    let existing = evm.frames.get_mut(index).and_then(|meta| meta.wasm.take());
    let (mut wasm, mut call) = match existing {
        Some(mut wasm) => match resume_after_child(evm, &mut wasm) {
            Ok(call) => (wasm, call),
            Err(outcome) => return finish(evm, Some(&wasm), outcome),
        },
        None => match start(evm) {
            Ok((wasm, call)) => (wasm, call),
            Err(outcome) => return finish(evm, None, outcome),
        },
    };
    loop {
        match call {
            Ok(TypedResumableCall::Finished(status)) => {
                let output = std::mem::take(&mut wasm.store.data_mut().output);
                let outcome = if status == 0 {
                    Outcome::Success(output)
                } else {
                    Outcome::Revert(output)
                };
                return finish(evm, Some(&wasm), outcome);
            }
            Ok(TypedResumableCall::HostTrap(trap)) => {
                let request = trap
                    .host_error()
                    .downcast_ref::<HostRequest>()
                    .cloned()
                    .unwrap_or(HostRequest::Failure);
                match serve(evm, &mut wasm, request) {
                    Served::Resume(values) => call = trap.resume(&mut wasm.store, &values),
                    Served::Finish(outcome) => return finish(evm, Some(&wasm), outcome),
                    Served::Fatal(error) => return Err(error),
                    Served::Yield(init, waiting) => {
                        let frame = evm.inner.frame_stack.get();
                        let snapshot = frame.interpreter.gas.remaining();
                        wasm.trap = Some(trap);
                        wasm.waiting = Some((waiting, snapshot));
                        evm.frames[index].wasm = Some(wasm);
                        return Ok(ItemOrResult::Item(*init));
                    }
                }
            }
            Ok(TypedResumableCall::OutOfFuel(_)) => {
                return finish(evm, Some(&wasm), Outcome::OutOfInk)
            }
            Err(error) => {
                let outcome = if hostio::out_of_ink(&wasm.store) {
                    Outcome::OutOfInk
                } else if hostio::out_of_stack(&wasm.store)
                    || error.as_trap_code() == Some(wasmi::TrapCode::StackOverflow)
                {
                    Outcome::OutOfStack
                } else {
                    Outcome::Failure
                };
                return finish(evm, Some(&wasm), outcome);
            }
        }
    }
}

enum Served<E> {
    Resume(Vec<Val>),
    Finish(Outcome),
    Yield(Box<FrameInit>, Waiting),
    /// The database failed: the transaction cannot be run.
    Fatal(ContextError<E>),
}

/// The host state of a new invocation of the top frame.
fn new_host<DB: Database>(evm: &mut StylusEvm<DB>, ink_price: u64) -> Host {
    let target = evm.inner.frame_stack.get().interpreter.input.target_address;
    let reentrant = evm.is_reentrant(target);
    let (ctx, _, _, stack) = evm.inner.all_mut();
    let frame = stack.get();
    let input = &frame.interpreter.input;
    let args = match &input.input {
        CallInput::Bytes(bytes) => bytes.clone(),
        CallInput::SharedBuffer(range) => ctx
            .local()
            .shared_memory_buffer_slice(range.clone())
            .map(|slice| Bytes::copy_from_slice(&slice[..]))
            .unwrap_or_default(),
    };
    let host = Host {
        args,
        output: Vec::new(),
        return_data: Bytes::new(),
        address: input.target_address,
        caller: input.caller_address,
        value: input.call_value,
        is_static: frame.interpreter.runtime_flag.is_static,
        block_number: ctx.block().number().saturating_to(),
        timestamp: ctx.block().timestamp().saturating_to(),
        basefee: U256::from(ctx.block().basefee()),
        coinbase: ctx.block().beneficiary(),
        block_gas_limit: ctx.block().gas_limit(),
        origin: ctx.tx().caller(),
        gas_price: U256::from(
            ctx.tx()
                .effective_gas_price(u128::from(ctx.block().basefee())),
        ),
        chain_id: ctx.cfg().chain_id(),
        ink_price,
        reentrant,
        ..Host::default()
    };
    host
}

fn start<DB: Database>(
    evm: &mut StylusEvm<DB>,
) -> Result<(Box<WasmFrame>, Result<Call, wasmi::Error>), Outcome> {
    let shared = std::sync::Arc::clone(&evm.shared);
    let (ctx, _, _, stack) = evm.inner.all_mut();
    let frame = stack.get();
    let code = frame.interpreter.bytecode.original_bytes();
    let codehash = frame
        .interpreter
        .bytecode
        .hash()
        .unwrap_or_else(|| keccak256(&code));
    let Ok(Some(info)) = precompiles::load_info(ctx, codehash) else {
        return Err(Outcome::NotActivated);
    };
    let Ok(compiled) = shared.compiled(codehash, &code) else {
        return Err(Outcome::NotActivated);
    };
    let params = &shared.params;
    let cached = shared.is_cached(codehash);
    let memory_gas = costs::memory_gas_cost(
        info.footprint,
        evm.pages.open,
        evm.pages.ever,
        params.free_pages,
        params.page_gas,
    );
    let mut entry = memory_gas.saturating_add(activation::cached_gas(&info));
    if !cached {
        entry = entry.saturating_add(activation::init_gas(&info));
    }
    let frame = evm.inner.frame_stack.get();
    if !frame.interpreter.gas.record_regular_cost(entry) {
        return Err(Outcome::OutOfInk);
    }
    evm.stats.invocations += 1;
    evm.stats.entry_gas += entry;
    evm.stats.memory_gas += memory_gas;
    let open_pages_before = evm.pages.open;
    evm.pages.open = evm.pages.open.saturating_add(info.footprint);
    evm.pages.ever = evm.pages.ever.max(evm.pages.open);

    let host = new_host(evm, params.ink_price);
    let frame = evm.inner.frame_stack.get();
    let ink = frame
        .interpreter
        .gas
        .remaining()
        .saturating_mul(params.ink_price);
    let mut store = wasmi::Store::new(&shared.wasmi, host);
    let instance = shared
        .linker
        .instantiate_and_start(&mut store, &compiled.module)
        .map_err(|_| Outcome::Failure)?;
    let global = |name| instance.get_global(&store, name).ok_or(Outcome::Failure);
    let ink_global = global(instrument::INK_LEFT)?;
    let status_global = global(instrument::INK_STATUS)?;
    let stack_global = global(instrument::STACK_LEFT)?;
    let memory = instance
        .get_memory(&store, "memory")
        .ok_or(Outcome::Failure)?;
    #[allow(clippy::cast_possible_wrap)]
    ink_global
        .set(&mut store, Val::I64(ink as i64))
        .map_err(|_| Outcome::Failure)?;
    #[allow(clippy::cast_possible_wrap)]
    stack_global
        .set(&mut store, Val::I32(params.max_stack_depth as i32))
        .map_err(|_| Outcome::Failure)?;
    let data = store.data_mut();
    data.ink = Some(ink_global);
    data.status = Some(status_global);
    data.stack = Some(stack_global);
    data.memory = Some(memory);
    data.start_ink = ink;
    let args_len = i32::try_from(store.data().args.len()).unwrap_or(i32::MAX);
    let entry_fn = instance
        .get_typed_func::<i32, i32>(&store, "user_entrypoint")
        .map_err(|_| Outcome::Failure)?;
    let call = entry_fn.call_resumable(&mut store, args_len);
    Ok((
        Box::new(WasmFrame {
            store,
            trap: None,
            waiting: None,
            open_pages_before,
        }),
        call,
    ))
}

#[allow(clippy::too_many_lines)]
fn serve<DB: Database>(
    evm: &mut StylusEvm<DB>,
    wasm: &mut WasmFrame,
    request: HostRequest,
) -> Served<DB::Error> {
    let price = evm.shared.params.ink_price;
    let address = wasm.store.data().address;
    match request {
        HostRequest::Exit(status) => {
            let output = std::mem::take(&mut wasm.store.data_mut().output);
            Served::Finish(if status == 0 {
                Outcome::Success(output)
            } else {
                Outcome::Revert(output)
            })
        }
        HostRequest::OutOfInk => Served::Finish(Outcome::OutOfInk),
        HostRequest::Failure => Served::Finish(Outcome::Failure),
        HostRequest::Load { key, dest } => {
            let load = match evm.inner.ctx.journal_mut().sload(address, key) {
                Ok(load) => load,
                Err(error) => return Served::Fatal(ContextError::Db(error)),
            };
            if load.is_cold {
                evm.stats.cold_slots += 1;
            }
            let gas = if load.is_cold {
                costs::COLD_SLOAD_GAS
            } else {
                costs::WARM_ACCESS_GAS
            } + costs::EVM_API_INK / price;
            if !hostio::buy_gas(&mut wasm.store, gas, "storage_load_bytes32") {
                return Served::Finish(Outcome::OutOfInk);
            }
            let value = load.data;
            wasm.store.data_mut().cache_loaded(key, value);
            if !hostio::write_bytes(&mut wasm.store, dest, &value.to_be_bytes::<32>()) {
                return Served::Finish(Outcome::Failure);
            }
            Served::Resume(Vec::new())
        }
        HostRequest::Flush { clear } => {
            let dirty = wasm.store.data_mut().take_dirty(clear);
            if !dirty.is_empty() && wasm.store.data().is_static {
                return Served::Finish(Outcome::Failure);
            }
            let gas_params = evm.inner.ctx.cfg().gas_params().clone();
            for (key, value) in dirty {
                if hostio::gas_left(&wasm.store) < costs::SSTORE_SENTRY_GAS {
                    return Served::Finish(Outcome::OutOfInk);
                }
                let result = match evm.inner.ctx.journal_mut().sstore(address, key, value) {
                    Ok(result) => result,
                    Err(error) => return Served::Fatal(ContextError::Db(error)),
                };
                if result.is_cold {
                    evm.stats.cold_slots += 1;
                }
                evm.stats.sstores += 1;
                let gas = gas_params.sstore_static_gas()
                    + gas_params.sstore_dynamic_gas(true, &result.data, result.is_cold);
                if !hostio::buy_gas(&mut wasm.store, gas, "storage_flush_cache") {
                    return Served::Finish(Outcome::OutOfInk);
                }
                let refund = gas_params.sstore_refund(true, &result.data);
                evm.inner
                    .frame_stack
                    .get()
                    .interpreter
                    .gas
                    .record_refund(refund);
            }
            Served::Resume(Vec::new())
        }
        HostRequest::TransientLoad { key, dest } => {
            let value = evm.inner.ctx.journal_mut().tload(address, key);
            if !hostio::write_bytes(&mut wasm.store, dest, &value.to_be_bytes::<32>()) {
                return Served::Finish(Outcome::Failure);
            }
            Served::Resume(Vec::new())
        }
        HostRequest::TransientStore { key, value } => {
            evm.inner.ctx.journal_mut().tstore(address, key, value);
            Served::Resume(Vec::new())
        }
        HostRequest::Account {
            query,
            address: target,
        } => serve_account(evm, wasm, query, target),
        HostRequest::Create {
            code,
            endowment,
            salt,
            contract_ptr,
            ret_len_ptr,
        } => {
            let gas_left = hostio::gas_left(&wasm.store);
            let words = (code.len() as u64).div_ceil(32);
            let base = costs::CREATE_GAS
                + if salt.is_some() {
                    costs::CREATE2_WORD_GAS * words
                } else {
                    0
                };
            if wasm.store.data().is_static || gas_left < base {
                return Served::Finish(Outcome::Failure);
            }
            let rest = gas_left - base;
            let child = rest - rest / 64;
            let name = if salt.is_some() { "create2" } else { "create1" };
            hostio::buy_gas(&mut wasm.store, base + child, name);
            let scheme = match salt {
                Some(salt) => revm::interpreter::CreateScheme::Create2 { salt },
                None => revm::interpreter::CreateScheme::Create,
            };
            let frame = evm.inner.frame_stack.get();
            let inputs = revm::interpreter::CreateInputs::new(
                address,
                scheme,
                endowment,
                Bytes::from(code),
                child,
                frame.interpreter.gas.reservoir(),
            );
            let init = FrameInit {
                depth: frame.depth + 1,
                memory: frame.interpreter.memory.new_child_context(),
                frame_input: FrameInput::Create(Box::new(inputs)),
            };
            Served::Yield(
                Box::new(init),
                Waiting::Create {
                    contract_ptr,
                    ret_len_ptr,
                    name,
                },
            )
        }
        HostRequest::Log { topics, data } => {
            if wasm.store.data().is_static {
                return Served::Finish(Outcome::Failure);
            }
            evm.inner
                .ctx
                .journal_mut()
                .log(Log::new_unchecked(address, topics, Bytes::from(data)));
            Served::Resume(Vec::new())
        }
        HostRequest::MemoryGrow { pages } => {
            let params = &evm.shared.params;
            let gas = costs::memory_gas_cost(
                pages,
                evm.pages.open,
                evm.pages.ever,
                params.free_pages,
                params.page_gas,
            );
            evm.stats.memory_gas = evm.stats.memory_gas.saturating_add(gas);
            if !hostio::buy_gas(&mut wasm.store, gas, "pay_for_memory_grow") {
                return Served::Finish(Outcome::OutOfInk);
            }
            evm.pages.open = evm.pages.open.saturating_add(pages);
            evm.pages.ever = evm.pages.ever.max(evm.pages.open);
            Served::Resume(Vec::new())
        }
        HostRequest::Call {
            scheme,
            to,
            input,
            value,
            gas,
            ret_len_ptr,
        } => {
            let is_static = wasm.store.data().is_static;
            let has_value = !value.is_zero();
            if is_static && has_value && scheme == CallScheme::Call {
                wasm.store.data_mut().return_data = Bytes::new();
                return Served::Resume(vec![Val::I32(2)]).with_len(wasm, ret_len_ptr);
            }
            let gas_left = hostio::gas_left(&wasm.store);
            let spec = *evm.inner.ctx.cfg().spec();
            let Ok((access, _, bytecode, hash)) =
                revm::interpreter::instructions::contract::load_account_delegated(
                    &mut evm.inner.ctx,
                    spec,
                    gas_left,
                    to,
                    has_value,
                    scheme == CallScheme::Call,
                )
            else {
                // revm's host records the database error in the context; surface it.
                return match std::mem::replace(evm.inner.ctx.error(), Ok(())) {
                    Ok(()) => Served::Finish(Outcome::Failure),
                    Err(error) => Served::Fatal(error),
                };
            };
            if access >= costs::COLD_ACCOUNT_GAS - costs::WARM_ACCESS_GAS {
                evm.stats.cold_accounts += 1;
            }
            let base =
                costs::WARM_ACCESS_GAS + access + if has_value { costs::CALL_VALUE_GAS } else { 0 };
            if base > gas_left {
                hostio::buy_gas(&mut wasm.store, gas_left, call_name(scheme));
                wasm.store.data_mut().return_data = Bytes::new();
                return Served::Resume(vec![Val::I32(2)]).with_len(wasm, ret_len_ptr);
            }
            let available = gas_left - base;
            let mut child = (available - available / 64).min(gas);
            hostio::buy_gas(&mut wasm.store, base + child, call_name(scheme));
            let stipend = if has_value { costs::CALL_STIPEND } else { 0 };
            child += stipend;
            let frame = evm.inner.frame_stack.get();
            let (target, caller, call_value) = match scheme {
                CallScheme::DelegateCall => (
                    address,
                    wasm.store.data().caller,
                    CallValue::Apparent(wasm.store.data().value),
                ),
                _ => (to, address, CallValue::Transfer(value)),
            };
            let inputs = CallInputs {
                input: CallInput::Bytes(Bytes::from(input)),
                return_memory_offset: 0..0,
                gas_limit: child,
                reservoir: frame.interpreter.gas.reservoir(),
                bytecode_address: to,
                known_bytecode: (hash, bytecode),
                target_address: target,
                caller,
                value: call_value,
                scheme,
                is_static: is_static || scheme == CallScheme::StaticCall,
                charged_new_account_state_gas: false,
            };
            let init = FrameInit {
                depth: frame.depth + 1,
                memory: frame.interpreter.memory.new_child_context(),
                frame_input: FrameInput::Call(Box::new(inputs)),
            };
            Served::Yield(
                Box::new(init),
                Waiting::Call {
                    ret_len_ptr,
                    name: call_name(scheme),
                    stipend,
                },
            )
        }
    }
}

fn serve_account<DB: Database>(
    evm: &mut StylusEvm<DB>,
    wasm: &mut WasmFrame,
    query: AccountQuery,
    target: Address,
) -> Served<DB::Error> {
    let name = query.name();
    let is_code = matches!(query, AccountQuery::Code { .. } | AccountQuery::CodeSize);
    let repeated = is_code && wasm.store.data().last_code_address == Some(target);
    let account = match evm.inner.ctx.journal_mut().load_account_with_code(target) {
        Ok(account) => account,
        Err(error) => return Served::Fatal(ContextError::Db(error)),
    };
    let is_cold = account.is_cold;
    let missing = account.is_loaded_as_not_existing();
    let balance = account.info.balance;
    let codehash = account.info.code_hash;
    let code = account
        .info
        .code
        .as_ref()
        .map(revm::bytecode::Bytecode::original_bytes)
        .unwrap_or_default();
    if is_cold {
        evm.stats.cold_accounts += 1;
    }
    let access = if is_cold {
        costs::COLD_ACCOUNT_GAS
    } else {
        costs::WARM_ACCESS_GAS
    };
    let gas = match query {
        _ if repeated => 0,
        AccountQuery::Code { .. } | AccountQuery::CodeSize => costs::EXT_CODE_BASE_GAS + access,
        _ => access,
    };
    if !hostio::buy_gas(&mut wasm.store, gas, name) {
        return Served::Finish(Outcome::OutOfInk);
    }
    if is_code {
        // From ArbOS 40, empty code is not cached.
        wasm.store.data_mut().last_code_address = (!code.is_empty()).then_some(target);
    }
    let code_len = i32::try_from(code.len()).unwrap_or(i32::MAX);
    match query {
        AccountQuery::Balance { dest } => {
            if !hostio::write_bytes(&mut wasm.store, dest, &balance.to_be_bytes::<32>()) {
                return Served::Finish(Outcome::Failure);
            }
            Served::Resume(Vec::new())
        }
        AccountQuery::CodeHash { dest } => {
            let hash = if missing { B256::ZERO } else { codehash };
            if !hostio::write_bytes(&mut wasm.store, dest, hash.as_slice()) {
                return Served::Finish(Outcome::Failure);
            }
            Served::Resume(Vec::new())
        }
        AccountQuery::CodeSize => Served::Resume(vec![Val::I32(code_len)]),
        AccountQuery::Code { offset, size, dest } => {
            // account_code also pays for writing the whole code (`W(code length)`).
            let ink = costs::write_ink(code.len() as u64);
            if hostio::ink_left_of(&wasm.store) < ink {
                return Served::Finish(Outcome::OutOfInk);
            }
            hostio::spend_ink(&mut wasm.store, ink, name);
            let start = (offset as usize).min(code.len());
            let end = start.saturating_add(size as usize).min(code.len());
            if !hostio::write_bytes(&mut wasm.store, dest, &code[start..end]) {
                return Served::Finish(Outcome::Failure);
            }
            Served::Resume(vec![Val::I32(
                i32::try_from(end - start).unwrap_or(i32::MAX),
            )])
        }
    }
}

const fn call_name(scheme: CallScheme) -> &'static str {
    match scheme {
        CallScheme::DelegateCall => "delegate_call_contract",
        CallScheme::StaticCall => "static_call_contract",
        _ => "call_contract",
    }
}

impl<E> Served<E> {
    fn with_len(self, wasm: &mut WasmFrame, ptr: u32) -> Self {
        if !hostio::write_u32(&mut wasm.store, ptr, 0) {
            return Served::Finish(Outcome::Failure);
        }
        self
    }
}

fn finish<DB: Database>(
    evm: &mut StylusEvm<DB>,
    wasm: Option<&WasmFrame>,
    outcome: Outcome,
) -> Result<
    FrameInitOrResult<revm::handler::EthFrame<EthInterpreter>>,
    ContextDbError<crate::evm::StylusContext<DB>>,
> {
    let mut gas_left = None;
    if let Some(wasm) = wasm {
        evm.pages.open = wasm.open_pages_before;
        gas_left = Some(hostio::gas_left(&wasm.store));
        let host = wasm.store.data();
        evm.stats.opcode_ink = evm
            .stats
            .opcode_ink
            .saturating_add(host.opcode_ink(hostio::ink_left_of(&wasm.store)));
        for (name, stat) in &host.stats.hostios {
            let entry = evm.stats.hostios.entry(name).or_default();
            entry.count += stat.count;
            entry.ink += stat.ink;
        }
    }
    let (ctx, _, _, stack) = evm.inner.all_mut();
    let frame = stack.get();
    let start = frame.interpreter.gas.limit();
    let mut gas = frame.interpreter.gas;
    if let Some(left) = gas_left {
        gas.set_remaining(left);
    }
    let (result, output) = match outcome {
        Outcome::Success(output) => (InstructionResult::Return, output),
        Outcome::Revert(output) => (InstructionResult::Revert, output),
        Outcome::Failure => (InstructionResult::Revert, Vec::new()),
        Outcome::OutOfInk => (InstructionResult::OutOfGas, Vec::new()),
        Outcome::OutOfStack => (InstructionResult::CallTooDeep, Vec::new()),
        Outcome::NotActivated => (InstructionResult::NotActivated, Vec::new()),
    };
    if !output.is_empty() {
        // Return-data floor (ArbOS ≥ 31): gas left ≤ start − EVM memory cost of the output.
        let words = (output.len() as u64).div_ceil(32);
        let floor = start.saturating_sub(3 * words + words * words / 512);
        if gas.remaining() > floor {
            gas.set_remaining(floor);
        }
    }
    if matches!(
        result,
        InstructionResult::OutOfGas
            | InstructionResult::CallTooDeep
            | InstructionResult::NotActivated
    ) {
        gas.spend_all();
    }
    let _ = Gas::new(0);
    let interpreter_result = InterpreterResult {
        result,
        output: Bytes::from(output),
        gas,
    };
    let action = frame.process_next_action::<_, ContextDbError<crate::evm::StylusContext<DB>>>(
        ctx,
        InterpreterAction::Return(interpreter_result),
    )?;
    if action.is_result() {
        frame.set_finished(true);
    }
    Ok(action)
}
