//! Activation: Nitro's validation rules for a Stylus program and the per-program costs
//! computed at activation.
//!
//! Rules come from Nitro's `crates/prover/src/binary.rs` (`WasmBinary::parse_user`,
//! `instrument`), `crates/prover/src/programs/{start,depth,heap,dynamic}.rs` and
//! `crates/prover/src/machine.rs`. Every rejection is an [`ActivationError`] whose message starts
//! with the name of the rule it breaks.

use crate::{costs, hostio_sigs};
use std::collections::HashMap;
use wasmparser::{
    ExternalKind, FuncType, FuncValidatorAllocations, Operator, Parser, Payload, TypeRef, ValType,
    Validator, WasmFeatures,
};

/// Stylus code prefix (`EF F0 00`) followed by the dictionary byte.
pub const STYLUS_PREFIX: [u8; 3] = [0xEF, 0xF0, 0x00];

/// Limits of Nitro's activation checks (`binary.rs`, `machine.rs`).
mod limits {
    pub const DATA_SEGMENTS: u64 = 128;
    pub const ELEMENT_SEGMENTS: u64 = 128;
    pub const ELEMENT_ENTRIES: u64 = 4096;
    pub const TABLE_ENTRIES: u64 = 4096;
    pub const EXPORTS: u64 = 1024;
    pub const FUNCTIONS: u64 = 4096;
    pub const GLOBALS: u64 = 32_768;
    pub const LOCALS: u64 = 348;
    pub const OPS_PER_FUNCTION: u64 = 65_536;
    pub const NAME_BYTES: usize = 512;
    pub const FRAME_WORDS: u64 = 10_240;
    pub const IMPORTS: u64 = 513;
}

/// Why a program cannot be activated. Each message starts with the rule it breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ActivationError {
    /// The code does not start with `EF F0 00`.
    #[error("rule `stylus-prefix`: code does not start with EF F0 00")]
    NotWasm,
    /// Dictionary byte other than 0 (none).
    #[error("rule `dictionary`: dictionary {0} is not supported by this devnet (only 0 = none)")]
    UnsupportedDictionary(u8),
    /// Brotli decompression failed.
    #[error("rule `brotli`: cannot decompress the program: {0}")]
    Decompress(String),
    /// Compressed code larger than `MaxCodeSize`.
    #[error("rule `max-code-size`: code is {size} bytes, more than {limit}")]
    CodeTooLarge {
        /// Size of the code.
        size: usize,
        /// Limit.
        limit: usize,
    },
    /// Decompressed module larger than `MaxWasmSize`.
    #[error("rule `max-wasm-size`: decompressed wasm is {size} bytes, more than {limit}")]
    WasmTooLarge {
        /// Decompressed size.
        size: usize,
        /// Limit.
        limit: usize,
    },
    /// The module is not valid WASM under Nitro's feature set.
    #[error("rule `wasm-features`: {0}")]
    Invalid(String),
    /// Float arithmetic (no soft-float for user programs).
    #[error("rule `no-float`: float instruction `{op}` in function {func}")]
    Float {
        /// Function index.
        func: u32,
        /// Instruction name.
        op: String,
    },
    /// A bulk-memory or table instruction Nitro does not allow.
    #[error(
        "rule `bulk-memory`: instruction `{op}` is not allowed (only memory.copy and memory.fill)"
    )]
    ForbiddenInstruction {
        /// Instruction name.
        op: String,
    },
    /// A table instruction.
    #[error("rule `table-ops`: instruction `{op}` is not allowed")]
    TableInstruction {
        /// Instruction name.
        op: String,
    },
    /// An import that is not a `vm_hooks` host function.
    #[error("rule `imports`: unknown import `{module}`.`{name}`")]
    UnknownImport {
        /// Import module.
        module: String,
        /// Import name.
        name: String,
    },
    /// A `vm_hooks` import with the wrong signature.
    #[error("rule `import-signature`: `vm_hooks`.`{name}` must be {expected}, found {found}")]
    ImportSignature {
        /// Host function.
        name: String,
        /// Expected signature.
        expected: String,
        /// Declared signature.
        found: String,
    },
    /// A non-function import.
    #[error(
        "rule `imports`: only function imports are allowed, `{module}`.`{name}` is not a function"
    )]
    NonFunctionImport {
        /// Import module.
        module: String,
        /// Import name.
        name: String,
    },
    /// A reserved name.
    #[error("rule `reserved-names`: `{0}` starts with `stylus`")]
    ReservedName(String),
    /// Missing or mistyped `user_entrypoint`.
    #[error("rule `entrypoint`: the module must export `user_entrypoint` of type (i32) -> i32")]
    Entrypoint,
    /// Missing memory or one not exported as `memory`.
    #[error("rule `memory`: the module must have exactly one memory, exported as `memory`")]
    Memory,
    /// Too many initial pages.
    #[error("rule `page-limit`: memory has {pages} initial pages, more than {limit}")]
    TooManyPages {
        /// Initial pages.
        pages: u64,
        /// Limit.
        limit: u64,
    },
    /// Growable memory without `pay_for_memory_grow`.
    #[error("rule `pay-for-memory-grow`: a growable memory requires importing `vm_hooks`.`pay_for_memory_grow`")]
    MissingMemoryGrowImport,
    /// A start function.
    #[error("rule `no-start`: the module has a start function")]
    StartFunction,
    /// Global initializer that is not a single constant.
    #[error("rule `global-init`: global {0} is not initialized by a single constant")]
    GlobalInit(u32),
    /// A count above Nitro's limit.
    #[error("rule `limits`: {what} is {count}, more than {limit}")]
    Limit {
        /// What was counted.
        what: &'static str,
        /// Count.
        count: u64,
        /// Limit.
        limit: u64,
    },
}

/// What activation learned about a program; stored by codehash in ArbWasm's storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ProgramInfo {
    /// Stylus version the program was activated with.
    pub version: u16,
    /// Init cost (`initCost`), scaled at call time.
    pub init_cost: u16,
    /// Cached init cost (`cachedCost`), scaled at call time.
    pub cached_cost: u16,
    /// Initial pages of memory.
    pub footprint: u16,
    /// Estimated native size (`asmEstimate`), in bytes.
    pub asm_estimate: u32,
    /// Activation time (unix seconds).
    pub activated_at: u64,
}

/// A validated module: its metadata, costs and the data the instrumentation needs.
#[derive(Debug, Clone)]
pub struct ValidatedModule {
    /// Per-program costs (without `activated_at`).
    pub info: ProgramInfo,
    /// Gas the activation costs.
    pub activation_gas: u64,
    /// Decompressed WASM.
    pub wasm: Vec<u8>,
    /// Frame size in words of each local function (for the stack-depth check).
    pub frame_sizes: Vec<u32>,
    /// Param count of each type index (for `call_indirect` pricing).
    pub type_params: Vec<u32>,
    /// Function index of the `pay_for_memory_grow` import, if imported.
    pub pay_for_memory_grow: Option<u32>,
    /// Number of imported functions.
    pub imported_funcs: u32,
    /// Number of globals defined by the module.
    pub globals: u32,
    /// Param count of every local function.
    pub local_params: Vec<u32>,
}

/// Splits Stylus code into the dictionary byte and the compressed module, then decompresses it.
///
/// # Errors
/// [`ActivationError::NotWasm`], [`ActivationError::UnsupportedDictionary`],
/// [`ActivationError::CodeTooLarge`], [`ActivationError::Decompress`],
/// [`ActivationError::WasmTooLarge`].
pub fn decompress(code: &[u8], max_wasm_size: usize) -> Result<Vec<u8>, ActivationError> {
    use std::io::Read;
    if code.len() < 4 || code[..3] != STYLUS_PREFIX {
        return Err(ActivationError::NotWasm);
    }
    if code.len() > costs::MAX_CODE_SIZE {
        return Err(ActivationError::CodeTooLarge {
            size: code.len(),
            limit: costs::MAX_CODE_SIZE,
        });
    }
    if code[3] != 0 {
        return Err(ActivationError::UnsupportedDictionary(code[3]));
    }
    let mut wasm = Vec::new();
    let limit = u64::try_from(max_wasm_size).unwrap_or(u64::MAX) + 1;
    brotli2::read::BrotliDecoder::new(&code[4..])
        .take(limit)
        .read_to_end(&mut wasm)
        .map_err(|error| ActivationError::Decompress(error.to_string()))?;
    if wasm.len() > max_wasm_size {
        return Err(ActivationError::WasmTooLarge {
            size: wasm.len(),
            limit: max_wasm_size,
        });
    }
    Ok(wasm)
}

fn features() -> WasmFeatures {
    WasmFeatures::WASM1
        | WasmFeatures::BULK_MEMORY
        | WasmFeatures::SIGN_EXTENSION
        | WasmFeatures::SATURATING_FLOAT_TO_INT
        | WasmFeatures::MULTI_VALUE
}

fn check_limit(what: &'static str, count: u64, limit: u64) -> Result<(), ActivationError> {
    if count > limit {
        return Err(ActivationError::Limit { what, count, limit });
    }
    Ok(())
}

fn invalid(error: &wasmparser::BinaryReaderError) -> ActivationError {
    ActivationError::Invalid(error.message().to_string())
}

fn describe(params: &[ValType], results: &[ValType]) -> String {
    format!("{params:?} -> {results:?}")
}

/// Whether `op` is float arithmetic (rejected at activation). Float constants, loads, stores and
/// reinterprets activate but cost `u64::MAX` ink.
fn is_float_arithmetic(op: &Operator<'_>) -> bool {
    if matches!(
        op,
        Operator::F32Const { .. }
            | Operator::F64Const { .. }
            | Operator::F32Load { .. }
            | Operator::F64Load { .. }
            | Operator::F32Store { .. }
            | Operator::F64Store { .. }
            | Operator::I32ReinterpretF32
            | Operator::I64ReinterpretF64
            | Operator::F32ReinterpretI32
            | Operator::F64ReinterpretI64
    ) {
        return false;
    }
    let name = format!("{op:?}");
    name.starts_with("F32")
        || name.starts_with("F64")
        || name.contains("TruncF")
        || name.contains("TruncSatF")
}

fn op_name(op: &Operator<'_>) -> String {
    let name = format!("{op:?}");
    name.split([' ', '{'])
        .next()
        .unwrap_or_default()
        .to_string()
}

/// Validates `wasm` against Nitro's activation rules and computes its costs.
///
/// `page_limit` is the page limit still available to the transaction (`PageLimit − open pages`).
///
/// # Errors
/// The first rule the module breaks.
#[allow(clippy::too_many_lines)]
pub fn validate(wasm: Vec<u8>, page_limit: u16) -> Result<ValidatedModule, ActivationError> {
    let mut validator = Validator::new_with_features(features());
    let mut types: Vec<FuncType> = Vec::new();
    let mut func_types: Vec<u32> = Vec::new();
    let mut imported_funcs = 0u32;
    let mut pay_for_memory_grow = None;
    let mut memories = Vec::new();
    let mut exports: HashMap<String, (ExternalKind, u32)> = HashMap::new();
    let mut globals = 0u32;
    let mut data_bytes = 0u64;
    let mut elem_items = 0u64;
    let mut frame_sizes = Vec::new();
    let mut local_params = Vec::new();
    let mut total_ops = 0u64;
    let mut type_len = 0u64;
    let mut allocs = FuncValidatorAllocations::default();
    let mut local_index = 0usize;

    for payload in Parser::new(0).parse_all(&wasm) {
        let payload = payload.map_err(|e| invalid(&e))?;
        let valid = validator.payload(&payload).map_err(|e| invalid(&e))?;
        match &payload {
            Payload::TypeSection(reader) => {
                for group in reader.clone() {
                    for sub in group.map_err(|e| invalid(&e))?.into_types() {
                        let func = sub.unwrap_func().clone();
                        types.push(func);
                    }
                }
            }
            Payload::ImportSection(reader) => {
                check_limit("import count", u64::from(reader.count()), limits::IMPORTS)?;
                for import in reader.clone() {
                    let import = import.map_err(|e| invalid(&e))?;
                    let TypeRef::Func(type_index) = import.ty else {
                        return Err(ActivationError::NonFunctionImport {
                            module: import.module.to_string(),
                            name: import.name.to_string(),
                        });
                    };
                    if import.name.starts_with("stylus") {
                        return Err(ActivationError::ReservedName(import.name.to_string()));
                    }
                    let expected = (import.module == hostio_sigs::HOST_MODULE)
                        .then(|| hostio_sigs::signature(import.name))
                        .flatten()
                        .ok_or_else(|| ActivationError::UnknownImport {
                            module: import.module.to_string(),
                            name: import.name.to_string(),
                        })?;
                    let declared = &types[type_index as usize];
                    if declared.params() != expected.0 || declared.results() != expected.1 {
                        return Err(ActivationError::ImportSignature {
                            name: import.name.to_string(),
                            expected: describe(expected.0, expected.1),
                            found: describe(declared.params(), declared.results()),
                        });
                    }
                    if import.name == "pay_for_memory_grow" {
                        pay_for_memory_grow = Some(imported_funcs);
                    }
                    func_types.push(type_index);
                    imported_funcs += 1;
                }
            }
            Payload::FunctionSection(reader) => {
                check_limit(
                    "function count",
                    u64::from(reader.count()),
                    limits::FUNCTIONS,
                )?;
                for ty in reader.clone() {
                    let ty = ty.map_err(|e| invalid(&e))?;
                    let func = &types[ty as usize];
                    type_len += (func.params().len() + func.results().len()) as u64;
                    local_params.push(u32::try_from(func.params().len()).unwrap_or(u32::MAX));
                    func_types.push(ty);
                }
            }
            Payload::TableSection(reader) => {
                for table in reader.clone() {
                    let table = table.map_err(|e| invalid(&e))?;
                    check_limit("table entries", table.ty.initial, limits::TABLE_ENTRIES)?;
                }
            }
            Payload::MemorySection(reader) => {
                for memory in reader.clone() {
                    memories.push(memory.map_err(|e| invalid(&e))?);
                }
            }
            Payload::GlobalSection(reader) => {
                check_limit("global count", u64::from(reader.count()), limits::GLOBALS)?;
                for global in reader.clone() {
                    let global = global.map_err(|e| invalid(&e))?;
                    let ops: Vec<_> = global
                        .init_expr
                        .get_operators_reader()
                        .into_iter()
                        .collect::<Result<_, _>>()
                        .map_err(|e| invalid(&e))?;
                    let single_const = ops.len() == 2
                        && matches!(
                            ops[0],
                            Operator::I32Const { .. }
                                | Operator::I64Const { .. }
                                | Operator::F32Const { .. }
                                | Operator::F64Const { .. }
                        );
                    if !single_const {
                        return Err(ActivationError::GlobalInit(globals));
                    }
                    globals += 1;
                }
            }
            Payload::ExportSection(reader) => {
                check_limit("export count", u64::from(reader.count()), limits::EXPORTS)?;
                for export in reader.clone() {
                    let export = export.map_err(|e| invalid(&e))?;
                    if export.name.len() > limits::NAME_BYTES {
                        return Err(ActivationError::Limit {
                            what: "export name length",
                            count: export.name.len() as u64,
                            limit: limits::NAME_BYTES as u64,
                        });
                    }
                    if export.name.starts_with("stylus") {
                        return Err(ActivationError::ReservedName(export.name.to_string()));
                    }
                    exports.insert(export.name.to_string(), (export.kind, export.index));
                }
            }
            Payload::StartSection { .. } => return Err(ActivationError::StartFunction),
            Payload::ElementSection(reader) => {
                check_limit(
                    "element segments",
                    u64::from(reader.count()),
                    limits::ELEMENT_SEGMENTS,
                )?;
                for element in reader.clone() {
                    let element = element.map_err(|e| invalid(&e))?;
                    elem_items += u64::from(match &element.items {
                        wasmparser::ElementItems::Functions(reader) => reader.count(),
                        wasmparser::ElementItems::Expressions(_, reader) => reader.count(),
                    });
                }
                check_limit("element entries", elem_items, limits::ELEMENT_ENTRIES)?;
            }
            Payload::DataSection(reader) => {
                check_limit(
                    "data segments",
                    u64::from(reader.count()),
                    limits::DATA_SEGMENTS,
                )?;
                for data in reader.clone() {
                    data_bytes += data.map_err(|e| invalid(&e))?.data.len() as u64;
                }
            }
            _ => {}
        }
        if let wasmparser::ValidPayload::Func(to_validate, body) = valid {
            let mut func = to_validate.into_validator(std::mem::take(&mut allocs));
            let mut locals = 0u64;
            for pair in body.get_locals_reader().map_err(|e| invalid(&e))? {
                locals += u64::from(pair.map_err(|e| invalid(&e))?.0);
            }
            check_limit("locals per function", locals, limits::LOCALS)?;
            let mut reader = body.get_binary_reader();
            func.read_locals(&mut reader).map_err(|e| invalid(&e))?;
            let mut ops = body.get_operators_reader().map_err(|e| invalid(&e))?;
            let mut max_height = 0u64;
            let mut count = 0u64;
            while !ops.eof() {
                let offset = ops.original_position();
                let op = ops.read().map_err(|e| invalid(&e))?;
                func.op(offset, &op).map_err(|e| invalid(&e))?;
                if is_float_arithmetic(&op) {
                    return Err(ActivationError::Float {
                        func: imported_funcs + u32::try_from(local_index).unwrap_or(u32::MAX),
                        op: op_name(&op),
                    });
                }
                if matches!(op, Operator::MemoryInit { .. } | Operator::DataDrop { .. }) {
                    return Err(ActivationError::ForbiddenInstruction { op: op_name(&op) });
                }
                if matches!(
                    op,
                    Operator::TableInit { .. }
                        | Operator::ElemDrop { .. }
                        | Operator::TableCopy { .. }
                        | Operator::TableFill { .. }
                        | Operator::TableGet { .. }
                        | Operator::TableSet { .. }
                        | Operator::TableGrow { .. }
                        | Operator::TableSize { .. }
                ) {
                    return Err(ActivationError::TableInstruction { op: op_name(&op) });
                }
                max_height = max_height.max(u64::from(func.operand_stack_height()));
                count += 1;
            }
            func.finish(ops.original_position())
                .map_err(|e| invalid(&e))?;
            check_limit("ops per function", count, limits::OPS_PER_FUNCTION)?;
            let params = u64::from(local_params.get(local_index).copied().unwrap_or(0));
            let frame = max_height + params + locals + 4;
            check_limit("frame size (words)", frame, limits::FRAME_WORDS)?;
            frame_sizes.push(u32::try_from(frame).unwrap_or(u32::MAX));
            total_ops += count;
            local_index += 1;
            allocs = func.into_allocations();
        }
    }

    let entry_ok = exports.get("user_entrypoint").is_some_and(|(kind, index)| {
        *kind == ExternalKind::Func
            && func_types.get(*index as usize).is_some_and(|ty| {
                let ty = &types[*ty as usize];
                ty.params() == [ValType::I32] && ty.results() == [ValType::I32]
            })
    });
    if !entry_ok {
        return Err(ActivationError::Entrypoint);
    }
    let memory_exported = matches!(exports.get("memory"), Some((ExternalKind::Memory, 0)));
    if memories.len() != 1 || !memory_exported {
        return Err(ActivationError::Memory);
    }
    let memory = memories[0];
    let limit = u64::from(page_limit.min(costs::PAGE_LIMIT));
    if memory.initial > limit {
        return Err(ActivationError::TooManyPages {
            pages: memory.initial,
            limit,
        });
    }
    if memory.maximum != Some(memory.initial) && pay_for_memory_grow.is_none() {
        return Err(ActivationError::MissingMemoryGrowImport);
    }

    let funcs = frame_sizes.len() as u64;
    let wasm_len = wasm.len() as u64;
    let footprint = u16::try_from(memory.initial).unwrap_or(u16::MAX);
    // Nitro's instrumentation adds 4 globals (ink left, ink status, stack left, …).
    let all_globals = u64::from(globals) + 4;
    let data_len = data_bytes + elem_items;
    let init_cost = funcs * 8252 / 1000 + type_len * 1059 / 1000 + wasm_len * 1286 / 10_000;
    let cached_cost = funcs * 13_420 / 100_000
        + type_len * 89 / 100_000
        + wasm_len * 122 / 100_000
        + all_globals * 1628 / 1000
        + data_len * 75_244 / 100_000
        + 5 * u64::from(footprint);
    let asm_estimate =
        512_000 + funcs * 996_829 / 1000 + type_len * 11_416 / 1000 + wasm_len * 62_628 / 10_000;
    let too_big =
        |what: &'static str, count: u64, limit: u64| ActivationError::Limit { what, count, limit };
    let info = ProgramInfo {
        version: costs::STYLUS_VERSION,
        init_cost: u16::try_from(init_cost)
            .map_err(|_| too_big("init cost", init_cost, u64::from(u16::MAX)))?,
        cached_cost: u16::try_from(cached_cost)
            .map_err(|_| too_big("cached init cost", cached_cost, u64::from(u16::MAX)))?,
        footprint,
        asm_estimate: u32::try_from(asm_estimate)
            .map_err(|_| too_big("asm estimate", asm_estimate, u64::from(u32::MAX)))?,
        activated_at: 0,
    };
    let activation_gas = 1_659_168
        + 28 * (wasm_len * 31_733 / 100_000
            + funcs * 17_263 / 100_000
            + data_bytes * 17_376 / 100_000
            + elem_items * 17_376 / 100_000
            + u64::from(footprint) * 2217
            + total_ops * 535 / 1000);
    let type_params = types
        .iter()
        .map(|ty| u32::try_from(ty.params().len()).unwrap_or(u32::MAX))
        .collect();
    Ok(ValidatedModule {
        info,
        activation_gas,
        wasm,
        frame_sizes,
        type_params,
        pay_for_memory_grow,
        imported_funcs,
        globals,
        local_params,
    })
}

/// `initGas` of `arbos/programs/programs.go`: `MinInitGas·128 + ⌈initCost·InitScalar·2/100⌉`.
pub fn init_gas(info: &ProgramInfo) -> u64 {
    costs::MIN_INIT_GAS * 128
        + (u64::from(info.init_cost) * costs::INIT_COST_SCALAR * 2).div_ceil(100)
}

/// `cachedGas`: `MinCachedInitGas·32 + ⌈cachedCost·CachedScalar·2/100⌉`.
pub fn cached_gas(info: &ProgramInfo) -> u64 {
    costs::MIN_CACHED_INIT_GAS * 32
        + (u64::from(info.cached_cost) * costs::CACHED_COST_SCALAR * 2).div_ceil(100)
}
