//! The `vm_hooks` host functions and the per-invocation host state.
//!
//! Host functions that only need the invocation's own data run inline; those that need revm's
//! journal return a [`HostRequest`] as a wasmi host error, which suspends the resumable call and
//! is served by [`crate::program`] with full access to revm (and resumed with the results).
//! Ink per host call follows [`crate::costs`].

use crate::{costs, stats::StylusStats};
use revm::{
    interpreter::CallScheme,
    primitives::{keccak256, Address, Bytes, B256, U256},
};
use std::collections::HashMap;
use wasmi::{Caller, Engine, Linker, Val};

/// A request a host function makes of revm, or the end of the invocation.
#[derive(Debug, Clone)]
pub(crate) enum HostRequest {
    /// `exit_early(status)`.
    Exit(i32),
    /// Out of ink (the status global is set).
    OutOfInk,
    /// A host-call failure (bad pointer, static violation, …).
    Failure,
    /// Storage load on a cache miss.
    Load { key: U256, dest: u32 },
    /// Flush dirty slots (`clear` drops the cache afterwards).
    Flush { clear: bool },
    /// Emit a log.
    Log { topics: Vec<B256>, data: Vec<u8> },
    /// Pay for `pages` more pages of memory.
    MemoryGrow { pages: u16 },
    /// Transient load into `dest`.
    TransientLoad { key: U256, dest: u32 },
    /// Transient store.
    TransientStore { key: U256, value: U256 },
    /// An account query.
    Account {
        query: AccountQuery,
        address: Address,
    },
    /// CREATE (`salt` = None) or CREATE2.
    Create {
        code: Vec<u8>,
        endowment: U256,
        salt: Option<U256>,
        contract_ptr: u32,
        ret_len_ptr: u32,
    },
    /// A nested call.
    Call {
        scheme: CallScheme,
        to: Address,
        input: Vec<u8>,
        value: U256,
        gas: u64,
        ret_len_ptr: u32,
    },
}

/// Which account property a host function reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AccountQuery {
    /// `account_balance(address, dest)`.
    Balance { dest: u32 },
    /// `account_codehash(address, dest)`.
    CodeHash { dest: u32 },
    /// `account_code_size(address) -> size`.
    CodeSize,
    /// `account_code(address, offset, size, dest) -> copied`.
    Code { offset: u32, size: u32, dest: u32 },
}

impl AccountQuery {
    /// Host function name, for statistics.
    pub(crate) const fn name(self) -> &'static str {
        match self {
            Self::Balance { .. } => "account_balance",
            Self::CodeHash { .. } => "account_codehash",
            Self::CodeSize => "account_code_size",
            Self::Code { .. } => "account_code",
        }
    }
}

impl std::fmt::Display for HostRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl wasmi::errors::HostError for HostRequest {}

/// A cached storage slot: its current value and the value known to be in the journal
/// (`None` = written without being loaded: "unknown", always flushed).
#[derive(Debug, Clone, Copy)]
pub(crate) struct CachedSlot {
    value: U256,
    known: Option<U256>,
}

impl CachedSlot {
    const fn is_dirty(&self) -> bool {
        match self.known {
            Some(known) => !known.const_eq(&self.value),
            None => true,
        }
    }
}

/// State of one WASM invocation.
#[derive(Debug, Default)]
pub(crate) struct Host {
    pub(crate) args: Bytes,
    pub(crate) output: Vec<u8>,
    pub(crate) return_data: Bytes,
    pub(crate) address: Address,
    pub(crate) caller: Address,
    pub(crate) value: U256,
    pub(crate) is_static: bool,
    pub(crate) block_number: u64,
    pub(crate) timestamp: u64,
    pub(crate) basefee: U256,
    pub(crate) coinbase: Address,
    pub(crate) block_gas_limit: u64,
    pub(crate) origin: Address,
    pub(crate) gas_price: U256,
    pub(crate) chain_id: u64,
    pub(crate) ink_price: u64,
    pub(crate) reentrant: bool,
    pub(crate) memory: Option<wasmi::Memory>,
    pub(crate) ink: Option<wasmi::Global>,
    pub(crate) status: Option<wasmi::Global>,
    pub(crate) stack: Option<wasmi::Global>,
    pub(crate) stats: StylusStats,
    pub(crate) cache: HashMap<U256, CachedSlot>,
    pub(crate) loads: u64,
    pub(crate) writes: u64,
    pub(crate) start_ink: u64,
    pub(crate) hostio_ink_total: u64,
    /// Address of the last `account_code(_size)` query (Nitro's one-entry code cache).
    pub(crate) last_code_address: Option<Address>,
}

impl Host {
    pub(crate) fn cache_loaded(&mut self, key: U256, value: U256) {
        self.cache.insert(
            key,
            CachedSlot {
                value,
                known: Some(value),
            },
        );
    }

    pub(crate) fn take_dirty(&mut self, clear: bool) -> Vec<(U256, U256)> {
        let mut dirty: Vec<_> = self
            .cache
            .iter_mut()
            .filter(|(_, slot)| slot.is_dirty())
            .map(|(key, slot)| {
                slot.known = Some(slot.value);
                (*key, slot.value)
            })
            .collect();
        dirty.sort();
        if clear {
            self.cache.clear();
        }
        dirty
    }

    /// Ink spent on WASM opcodes: ink spent in total minus ink charged by host calls.
    pub(crate) fn opcode_ink(&self, ink_left: u64) -> u64 {
        self.start_ink
            .saturating_sub(ink_left)
            .saturating_sub(self.hostio_ink_total)
    }
}

fn ink_left(store: &impl wasmi::AsContext<Data = Host>) -> u64 {
    let global = store.as_context().data().ink;
    global
        .map_or(0, |global| global.get(store).i64().unwrap_or(0))
        .cast_unsigned()
}

fn set_ink(store: &mut impl wasmi::AsContextMut<Data = Host>, ink: u64) {
    if let Some(global) = store.as_context().data().ink {
        let _ = global.set(store, Val::I64(ink.cast_signed()));
    }
}

/// Gas left in the invocation (`⌊ink / price⌋`).
pub(crate) fn ink_left_of(store: &wasmi::Store<Host>) -> u64 {
    ink_left(store)
}

pub(crate) fn gas_left(store: &impl wasmi::AsContext<Data = Host>) -> u64 {
    ink_left(store) / store.as_context().data().ink_price.max(1)
}

/// Whether the invocation ran out of ink.
pub(crate) fn out_of_ink(store: &wasmi::Store<Host>) -> bool {
    store
        .data()
        .status
        .is_some_and(|global| global.get(store).i32() == Some(1))
}

/// Whether the invocation ran out of stack.
pub(crate) fn out_of_stack(store: &wasmi::Store<Host>) -> bool {
    store
        .data()
        .stack
        .is_some_and(|global| global.get(store).i32() == Some(0))
}

/// Gives back `ink` of gas a nested call did not use; it is taken off the ink of `name`.
pub(crate) fn refund_ink(store: &mut wasmi::Store<Host>, ink: u64, name: &'static str) {
    if let Some(stat) = store.data_mut().stats.hostios.get_mut(name) {
        stat.ink = stat.ink.saturating_sub(ink);
    }
    add_ink(store, ink);
}

/// Adds ink to the invocation.
fn add_ink(store: &mut wasmi::Store<Host>, ink: u64) {
    let left = ink_left(store);
    set_ink(store, left.saturating_add(ink));
    let data = store.data_mut();
    data.hostio_ink_total = data.hostio_ink_total.saturating_sub(ink);
}

fn buy_ink_in(
    store: &mut impl wasmi::AsContextMut<Data = Host>,
    ink: u64,
    name: &'static str,
) -> bool {
    let left = ink_left(store);
    let mut ctx = store.as_context_mut();
    ctx.data_mut().stats.add_hostio_ink(name, ink.min(left));
    ctx.data_mut().hostio_ink_total = ctx.data().hostio_ink_total.saturating_add(ink.min(left));
    if left < ink {
        if let Some(status) = ctx.data().status {
            let _ = status.set(&mut ctx, Val::I32(1));
        }
        set_ink(store, 0);
        return false;
    }
    set_ink(store, left - ink);
    true
}

/// Spends `ink` for host call `name` (caller checked that it is available).
pub(crate) fn spend_ink(store: &mut wasmi::Store<Host>, ink: u64, name: &'static str) {
    buy_ink_in(store, ink, name);
}

/// Buys `gas` for host call `name`; `false` (and out of ink) if there is not enough.
pub(crate) fn buy_gas(store: &mut wasmi::Store<Host>, gas: u64, name: &'static str) -> bool {
    let price = store.data().ink_price;
    let ink = gas.saturating_mul(price);
    buy_ink_in(store, ink, name)
}

/// Writes `bytes` at `ptr`; `false` on an out-of-bounds pointer.
pub(crate) fn write_bytes(store: &mut wasmi::Store<Host>, ptr: u32, bytes: &[u8]) -> bool {
    let Some(memory) = store.data().memory else {
        return false;
    };
    memory.write(store, ptr as usize, bytes).is_ok()
}

/// Writes a little-endian u32 at `ptr`.
pub(crate) fn write_u32(store: &mut wasmi::Store<Host>, ptr: u32, value: u32) -> bool {
    write_bytes(store, ptr, &value.to_le_bytes())
}

type HostResult<T> = Result<T, wasmi::Error>;

fn fail<T>() -> HostResult<T> {
    Err(wasmi::Error::host(HostRequest::Failure))
}

/// Counts one call of host function `name` and charges its `ink`.
fn pay(caller: &mut Caller<'_, Host>, ink: u64, name: &'static str) -> HostResult<()> {
    caller.data_mut().stats.record_hostio(name, 0);
    pay_more(caller, ink, name)
}

/// Charges more `ink` to host function `name` within the same call.
fn pay_more(caller: &mut Caller<'_, Host>, ink: u64, name: &'static str) -> HostResult<()> {
    if buy_ink_in(caller, ink, name) {
        Ok(())
    } else {
        Err(wasmi::Error::host(HostRequest::OutOfInk))
    }
}

fn require_gas(caller: &mut Caller<'_, Host>, gas: u64) -> HostResult<()> {
    if gas_left(caller) < gas {
        if let Some(status) = caller.data().status {
            let _ = status.set(&mut *caller, Val::I32(1));
        }
        return Err(wasmi::Error::host(HostRequest::OutOfInk));
    }
    Ok(())
}

fn read(caller: &Caller<'_, Host>, ptr: i32, len: usize) -> HostResult<Vec<u8>> {
    let Some(memory) = caller.data().memory else {
        return fail();
    };
    let mut buf = vec![0; len];
    memory
        .read(caller, ptr.cast_unsigned() as usize, &mut buf)
        .map_err(|_| wasmi::Error::host(HostRequest::Failure))?;
    Ok(buf)
}

fn read32(caller: &Caller<'_, Host>, ptr: i32) -> HostResult<[u8; 32]> {
    Ok(read(caller, ptr, 32)?.try_into().expect("32 bytes"))
}

fn read_address(caller: &Caller<'_, Host>, ptr: i32) -> HostResult<Address> {
    Ok(Address::from_slice(&read(caller, ptr, 20)?))
}

fn write(caller: &mut Caller<'_, Host>, ptr: i32, bytes: &[u8]) -> HostResult<()> {
    let Some(memory) = caller.data().memory else {
        return fail();
    };
    memory
        .write(caller, ptr.cast_unsigned() as usize, bytes)
        .map_err(|_| wasmi::Error::host(HostRequest::Failure))
}

fn len(value: i32) -> usize {
    value.cast_unsigned() as usize
}

macro_rules! getter_bytes {
    ($linker:ident, $name:literal, $ink:expr, |$data:ident| $value:expr) => {
        $linker
            .func_wrap(
                "vm_hooks",
                $name,
                |mut caller: Caller<'_, Host>, ptr: i32| -> HostResult<()> {
                    pay(&mut caller, $ink, $name)?;
                    let $data = caller.data();
                    let bytes: Vec<u8> = $value;
                    write(&mut caller, ptr, &bytes)
                },
            )
            .expect("unique host function");
    };
}

macro_rules! getter_u64 {
    ($linker:ident, $name:literal, |$data:ident| $value:expr) => {
        $linker
            .func_wrap(
                "vm_hooks",
                $name,
                |mut caller: Caller<'_, Host>| -> HostResult<i64> {
                    pay(&mut caller, costs::HOSTIO_INK, $name)?;
                    let $data = caller.data();
                    Ok(($value as u64).cast_signed())
                },
            )
            .expect("unique host function");
    };
}

fn call_hostio(
    mut caller: Caller<'_, Host>,
    scheme: CallScheme,
    name: &'static str,
    (to, data, data_len, value, gas, ret_len): (i32, i32, i32, Option<i32>, i64, i32),
) -> HostResult<i32> {
    pay(
        &mut caller,
        costs::CALL_INK + 2 * costs::read_ink(len(data_len) as u64),
        name,
    )?;
    let to = read_address(&caller, to)?;
    let input = read(&caller, data, len(data_len))?;
    let value = match value {
        Some(ptr) => U256::from_be_bytes(read32(&caller, ptr)?),
        None => U256::ZERO,
    };
    Err(wasmi::Error::host(HostRequest::Call {
        scheme,
        to,
        input,
        value,
        gas: gas.cast_unsigned(),
        ret_len_ptr: ret_len.cast_unsigned(),
    }))
}

fn account(
    caller: &mut Caller<'_, Host>,
    address: i32,
    query: AccountQuery,
    ink: u64,
) -> HostResult<()> {
    pay(caller, ink, query.name())?;
    require_gas(caller, costs::COLD_ACCOUNT_GAS)?;
    let address = read_address(caller, address)?;
    Err(wasmi::Error::host(HostRequest::Account { query, address }))
}

type CreateArgs = (i32, i32, i32, Option<i32>, i32, i32);

fn create(
    caller: &mut Caller<'_, Host>,
    (code, size, endowment, salt, contract, ret_len): CreateArgs,
) -> HostResult<()> {
    let (name, ink) = if salt.is_some() {
        ("create2", costs::CREATE2_INK)
    } else {
        ("create1", costs::CALL_INK)
    };
    pay(caller, ink + 2 * costs::read_ink(len(size) as u64), name)?;
    let code = read(caller, code, len(size))?;
    let endowment = U256::from_be_bytes(read32(caller, endowment)?);
    let salt = match salt {
        Some(ptr) => Some(U256::from_be_bytes(read32(caller, ptr)?)),
        None => None,
    };
    Err(wasmi::Error::host(HostRequest::Create {
        code,
        endowment,
        salt,
        contract_ptr: contract.cast_unsigned(),
        ret_len_ptr: ret_len.cast_unsigned(),
    }))
}

fn math(
    caller: &mut Caller<'_, Host>,
    name: &'static str,
    ink: u64,
    ptrs: &[i32],
    f: impl Fn(&[U256]) -> U256,
) -> HostResult<()> {
    pay(caller, ink, name)?;
    let mut values = Vec::with_capacity(ptrs.len());
    for ptr in ptrs {
        values.push(U256::from_be_bytes(read32(caller, *ptr)?));
    }
    write(caller, ptrs[0], &f(&values).to_be_bytes::<32>())
}

/// Builds the linker with every `vm_hooks` host function.
#[allow(clippy::too_many_lines)]
pub(crate) fn linker(engine: &Engine) -> Linker<Host> {
    let mut linker = Linker::<Host>::new(engine);
    let l = &mut linker;
    l.func_wrap(
        "vm_hooks",
        "read_args",
        |mut caller: Caller<'_, Host>, ptr: i32| -> HostResult<()> {
            let args = caller.data().args.clone();
            pay(
                &mut caller,
                costs::HOSTIO_INK + costs::write_ink(args.len() as u64),
                "read_args",
            )?;
            write(&mut caller, ptr, &args)
        },
    )
    .expect("unique");
    l.func_wrap(
        "vm_hooks",
        "write_result",
        |mut caller: Caller<'_, Host>, ptr: i32, size: i32| -> HostResult<()> {
            pay(
                &mut caller,
                costs::HOSTIO_INK + 2 * costs::read_ink(len(size) as u64),
                "write_result",
            )?;
            let output = read(&caller, ptr, len(size))?;
            caller.data_mut().output = output;
            Ok(())
        },
    )
    .expect("unique");
    l.func_wrap(
        "vm_hooks",
        "exit_early",
        |mut caller: Caller<'_, Host>, status: i32| -> HostResult<()> {
            caller.data_mut().stats.record_hostio("exit_early", 0);
            Err(wasmi::Error::host(HostRequest::Exit(status)))
        },
    )
    .expect("unique");
    l.func_wrap(
        "vm_hooks",
        "storage_load_bytes32",
        |mut caller: Caller<'_, Host>, key: i32, dest: i32| -> HostResult<()> {
            pay(&mut caller, costs::STORAGE_SLOT_INK, "storage_load_bytes32")?;
            require_gas(&mut caller, costs::STORAGE_LOAD_REQUIRED_GAS)?;
            let key = U256::from_be_bytes(read32(&caller, key)?);
            let tier = costs::storage_read_tier_gas(caller.data().loads);
            caller.data_mut().loads += 1;
            let price = caller.data().ink_price;
            pay_more(&mut caller, tier * price, "storage_load_bytes32")?;
            if let Some(slot) = caller.data().cache.get(&key).copied() {
                return write(&mut caller, dest, &slot.value.to_be_bytes::<32>());
            }
            Err(wasmi::Error::host(HostRequest::Load {
                key,
                dest: dest.cast_unsigned(),
            }))
        },
    )
    .expect("unique");
    l.func_wrap(
        "vm_hooks",
        "storage_cache_bytes32",
        |mut caller: Caller<'_, Host>, key: i32, value: i32| -> HostResult<()> {
            pay(
                &mut caller,
                costs::STORAGE_SLOT_INK,
                "storage_cache_bytes32",
            )?;
            require_gas(&mut caller, costs::STORAGE_CACHE_REQUIRED_GAS)?;
            let key = U256::from_be_bytes(read32(&caller, key)?);
            let value = U256::from_be_bytes(read32(&caller, value)?);
            let tier = costs::storage_write_tier_gas(caller.data().writes);
            caller.data_mut().writes += 1;
            let price = caller.data().ink_price;
            pay_more(&mut caller, tier * price, "storage_cache_bytes32")?;
            caller
                .data_mut()
                .cache
                .entry(key)
                .or_insert(CachedSlot { value, known: None })
                .value = value;
            Ok(())
        },
    )
    .expect("unique");
    l.func_wrap(
        "vm_hooks",
        "storage_flush_cache",
        |mut caller: Caller<'_, Host>, clear: i32| -> HostResult<()> {
            pay(
                &mut caller,
                costs::EVM_API_HOSTIO_INK,
                "storage_flush_cache",
            )?;
            require_gas(&mut caller, costs::SSTORE_SENTRY_GAS)?;
            Err(wasmi::Error::host(HostRequest::Flush { clear: clear != 0 }))
        },
    )
    .expect("unique");
    l.func_wrap(
        "vm_hooks",
        "emit_log",
        |mut caller: Caller<'_, Host>, ptr: i32, size: i32, topics: i32| -> HostResult<()> {
            let size = len(size);
            let topics = len(topics);
            pay(
                &mut caller,
                costs::EVM_API_HOSTIO_INK + costs::read_ink(size as u64),
                "emit_log",
            )?;
            if topics > 4 || size < 32 * topics || caller.data().is_static {
                return fail();
            }
            let price = caller.data().ink_price;
            let gas = costs::LOG_TOPIC_GAS * (1 + topics as u64)
                + costs::LOG_DATA_GAS * (size - 32 * topics) as u64;
            pay_more(&mut caller, gas * price, "emit_log")?;
            let buf = read(&caller, ptr, size)?;
            let topic_list = buf[..32 * topics]
                .chunks(32)
                .map(B256::from_slice)
                .collect();
            Err(wasmi::Error::host(HostRequest::Log {
                topics: topic_list,
                data: buf[32 * topics..].to_vec(),
            }))
        },
    )
    .expect("unique");
    l.func_wrap(
        "vm_hooks",
        "pay_for_memory_grow",
        |mut caller: Caller<'_, Host>, pages: i32| -> HostResult<()> {
            if pages == 0 {
                pay(&mut caller, costs::HOSTIO_INK, "pay_for_memory_grow")?;
                return Ok(());
            }
            let pages = u16::try_from(pages).unwrap_or(u16::MAX);
            Err(wasmi::Error::host(HostRequest::MemoryGrow { pages }))
        },
    )
    .expect("unique");
    l.func_wrap(
        "vm_hooks",
        "call_contract",
        |caller: Caller<'_, Host>,
         to: i32,
         data: i32,
         size: i32,
         value: i32,
         gas: i64,
         ret: i32|
         -> HostResult<i32> {
            call_hostio(
                caller,
                CallScheme::Call,
                "call_contract",
                (to, data, size, Some(value), gas, ret),
            )
        },
    )
    .expect("unique");
    l.func_wrap(
        "vm_hooks",
        "delegate_call_contract",
        |caller: Caller<'_, Host>,
         to: i32,
         data: i32,
         size: i32,
         gas: i64,
         ret: i32|
         -> HostResult<i32> {
            call_hostio(
                caller,
                CallScheme::DelegateCall,
                "delegate_call_contract",
                (to, data, size, None, gas, ret),
            )
        },
    )
    .expect("unique");
    l.func_wrap(
        "vm_hooks",
        "static_call_contract",
        |caller: Caller<'_, Host>,
         to: i32,
         data: i32,
         size: i32,
         gas: i64,
         ret: i32|
         -> HostResult<i32> {
            call_hostio(
                caller,
                CallScheme::StaticCall,
                "static_call_contract",
                (to, data, size, None, gas, ret),
            )
        },
    )
    .expect("unique");
    l.func_wrap(
        "vm_hooks",
        "read_return_data",
        |mut caller: Caller<'_, Host>, dest: i32, offset: i32, size: i32| -> HostResult<i32> {
            let data = caller.data().return_data.clone();
            let start = len(offset).min(data.len());
            let end = start.saturating_add(len(size)).min(data.len());
            pay(
                &mut caller,
                costs::EVM_API_HOSTIO_INK + costs::write_ink((end - start) as u64),
                "read_return_data",
            )?;
            write(&mut caller, dest, &data[start..end])?;
            Ok(i32::try_from(end - start).unwrap_or(i32::MAX))
        },
    )
    .expect("unique");
    l.func_wrap(
        "vm_hooks",
        "return_data_size",
        |mut caller: Caller<'_, Host>| -> HostResult<i32> {
            pay(&mut caller, costs::HOSTIO_INK, "return_data_size")?;
            Ok(i32::try_from(caller.data().return_data.len()).unwrap_or(i32::MAX))
        },
    )
    .expect("unique");
    l.func_wrap(
        "vm_hooks",
        "native_keccak256",
        |mut caller: Caller<'_, Host>, ptr: i32, size: i32, out: i32| -> HostResult<()> {
            pay(
                &mut caller,
                costs::keccak_ink(len(size) as u64),
                "native_keccak256",
            )?;
            let data = read(&caller, ptr, len(size))?;
            write(&mut caller, out, keccak256(data).as_slice())
        },
    )
    .expect("unique");
    l.func_wrap(
        "vm_hooks",
        "msg_reentrant",
        |mut caller: Caller<'_, Host>| -> HostResult<i32> {
            pay(&mut caller, costs::HOSTIO_INK, "msg_reentrant")?;
            Ok(i32::from(caller.data().reentrant))
        },
    )
    .expect("unique");
    l.func_wrap(
        "vm_hooks",
        "tx_ink_price",
        |mut caller: Caller<'_, Host>| -> HostResult<i32> {
            pay(&mut caller, costs::HOSTIO_INK, "tx_ink_price")?;
            Ok(i32::try_from(caller.data().ink_price).unwrap_or(i32::MAX))
        },
    )
    .expect("unique");
    l.func_wrap(
        "vm_hooks",
        "evm_gas_left",
        |mut caller: Caller<'_, Host>| -> HostResult<i64> {
            pay(&mut caller, costs::HOSTIO_INK, "evm_gas_left")?;
            Ok(gas_left(&caller).cast_signed())
        },
    )
    .expect("unique");
    l.func_wrap(
        "vm_hooks",
        "evm_ink_left",
        |mut caller: Caller<'_, Host>| -> HostResult<i64> {
            pay(&mut caller, costs::HOSTIO_INK, "evm_ink_left")?;
            Ok(ink_left(&caller).cast_signed())
        },
    )
    .expect("unique");
    l.func_wrap(
        "vm_hooks",
        "transient_load_bytes32",
        |mut caller: Caller<'_, Host>, key: i32, dest: i32| -> HostResult<()> {
            pay(
                &mut caller,
                costs::EVM_API_PTR_HOSTIO_INK,
                "transient_load_bytes32",
            )?;
            let key = U256::from_be_bytes(read32(&caller, key)?);
            let price = caller.data().ink_price;
            pay_more(
                &mut caller,
                costs::TRANSIENT_GAS * price,
                "transient_load_bytes32",
            )?;
            Err(wasmi::Error::host(HostRequest::TransientLoad {
                key,
                dest: dest.cast_unsigned(),
            }))
        },
    )
    .expect("unique");
    l.func_wrap(
        "vm_hooks",
        "transient_store_bytes32",
        |mut caller: Caller<'_, Host>, key: i32, value: i32| -> HostResult<()> {
            pay(
                &mut caller,
                costs::EVM_API_PTR_HOSTIO_INK,
                "transient_store_bytes32",
            )?;
            if caller.data().is_static {
                return fail();
            }
            let key = U256::from_be_bytes(read32(&caller, key)?);
            let value = U256::from_be_bytes(read32(&caller, value)?);
            let price = caller.data().ink_price;
            pay_more(
                &mut caller,
                costs::TRANSIENT_GAS * price,
                "transient_store_bytes32",
            )?;
            Err(wasmi::Error::host(HostRequest::TransientStore {
                key,
                value,
            }))
        },
    )
    .expect("unique");
    l.func_wrap(
        "vm_hooks",
        "account_balance",
        |mut caller: Caller<'_, Host>, address: i32, dest: i32| -> HostResult<()> {
            account(
                &mut caller,
                address,
                AccountQuery::Balance {
                    dest: dest.cast_unsigned(),
                },
                costs::EVM_API_PTR_HOSTIO_INK,
            )
        },
    )
    .expect("unique");
    l.func_wrap(
        "vm_hooks",
        "account_codehash",
        |mut caller: Caller<'_, Host>, address: i32, dest: i32| -> HostResult<()> {
            account(
                &mut caller,
                address,
                AccountQuery::CodeHash {
                    dest: dest.cast_unsigned(),
                },
                costs::EVM_API_PTR_HOSTIO_INK,
            )
        },
    )
    .expect("unique");
    l.func_wrap(
        "vm_hooks",
        "account_code_size",
        |mut caller: Caller<'_, Host>, address: i32| -> HostResult<i32> {
            account(
                &mut caller,
                address,
                AccountQuery::CodeSize,
                costs::EVM_API_HOSTIO_INK,
            )?;
            unreachable!("account queries always yield")
        },
    )
    .expect("unique");
    l.func_wrap(
        "vm_hooks",
        "account_code",
        |mut caller: Caller<'_, Host>,
         address: i32,
         offset: i32,
         size: i32,
         dest: i32|
         -> HostResult<i32> {
            let query = AccountQuery::Code {
                offset: offset.cast_unsigned(),
                size: size.cast_unsigned(),
                dest: dest.cast_unsigned(),
            };
            account(&mut caller, address, query, costs::EVM_API_HOSTIO_INK)?;
            unreachable!("account queries always yield")
        },
    )
    .expect("unique");
    l.func_wrap(
        "vm_hooks",
        "create1",
        |mut caller: Caller<'_, Host>,
         code: i32,
         size: i32,
         endowment: i32,
         contract: i32,
         ret_len: i32|
         -> HostResult<()> {
            create(
                &mut caller,
                (code, size, endowment, None, contract, ret_len),
            )
        },
    )
    .expect("unique");
    l.func_wrap(
        "vm_hooks",
        "create2",
        |mut caller: Caller<'_, Host>,
         code: i32,
         size: i32,
         endowment: i32,
         salt: i32,
         contract: i32,
         ret_len: i32|
         -> HostResult<()> {
            create(
                &mut caller,
                (code, size, endowment, Some(salt), contract, ret_len),
            )
        },
    )
    .expect("unique");
    getter_bytes!(l, "msg_sender", costs::PTR_HOSTIO_INK, |d| d
        .caller
        .to_vec());
    getter_bytes!(l, "contract_address", costs::PTR_HOSTIO_INK, |d| d
        .address
        .to_vec());
    getter_bytes!(l, "tx_origin", costs::PTR_HOSTIO_INK, |d| d.origin.to_vec());
    getter_bytes!(l, "block_coinbase", costs::PTR_HOSTIO_INK, |d| d
        .coinbase
        .to_vec());
    getter_bytes!(l, "msg_value", costs::PTR_HOSTIO_INK, |d| d
        .value
        .to_be_bytes::<32>()
        .to_vec());
    getter_bytes!(l, "block_basefee", costs::PTR_HOSTIO_INK, |d| d
        .basefee
        .to_be_bytes::<32>()
        .to_vec());
    getter_bytes!(l, "tx_gas_price", costs::PTR_HOSTIO_INK, |d| d
        .gas_price
        .to_be_bytes::<32>()
        .to_vec());
    getter_u64!(l, "chainid", |d| d.chain_id);
    getter_u64!(l, "block_number", |d| d.block_number);
    getter_u64!(l, "block_timestamp", |d| d.timestamp);
    getter_u64!(l, "block_gas_limit", |d| d.block_gas_limit);
    l.func_wrap(
        "vm_hooks",
        "math_div",
        |mut c: Caller<'_, Host>, a: i32, b: i32| -> HostResult<()> {
            math(&mut c, "math_div", costs::MATH_DIV_INK, &[a, b], |v| {
                v[0].checked_div(v[1]).unwrap_or_default()
            })
        },
    )
    .expect("unique");
    l.func_wrap(
        "vm_hooks",
        "math_mod",
        |mut c: Caller<'_, Host>, a: i32, b: i32| -> HostResult<()> {
            math(&mut c, "math_mod", costs::MATH_DIV_INK, &[a, b], |v| {
                v[0].checked_rem(v[1]).unwrap_or_default()
            })
        },
    )
    .expect("unique");
    l.func_wrap(
        "vm_hooks",
        "math_pow",
        |mut c: Caller<'_, Host>, a: i32, b: i32| -> HostResult<()> {
            let exponent = U256::from_be_bytes(read32(&c, b)?);
            let zeros = (exponent.leading_zeros() / 8) as u64;
            math(
                &mut c,
                "math_pow",
                costs::math_pow_ink(zeros),
                &[a, b],
                |v| v[0].pow(v[1]),
            )
        },
    )
    .expect("unique");
    l.func_wrap(
        "vm_hooks",
        "math_add_mod",
        |mut c: Caller<'_, Host>, a: i32, b: i32, m: i32| -> HostResult<()> {
            math(
                &mut c,
                "math_add_mod",
                costs::MATH_ADD_MOD_INK,
                &[a, b, m],
                |v| v[0].add_mod(v[1], v[2]),
            )
        },
    )
    .expect("unique");
    l.func_wrap(
        "vm_hooks",
        "math_mul_mod",
        |mut c: Caller<'_, Host>, a: i32, b: i32, m: i32| -> HostResult<()> {
            math(
                &mut c,
                "math_mul_mod",
                costs::MATH_MUL_MOD_INK,
                &[a, b, m],
                |v| v[0].mul_mod(v[1], v[2]),
            )
        },
    )
    .expect("unique");
    linker
}
