//! Instrumentation of an activated module: ink metering, dynamic memory metering, memory-growth
//! payment and the stack-depth check, injected into the WASM the way Nitro's middlewares do.
//!
//! - **Ink meter** (`crates/prover/src/programs/meter.rs`): every basic block is prefixed with a
//!   header that traps with `stylus_ink_status = 1` when `stylus_ink_left` is below the block's
//!   cost (the sum of [`opcode_ink`] over the block plus the header's own ops), and otherwise
//!   subtracts it. Blocks end at `end, else, return, loop, br, br_if, br_table, if, call,
//!   call_indirect` (as in `OperatorInfo::ends_basic_block`).
//! - **Dynamic meter** (`dynamic.rs`): `memory.copy` / `memory.fill` also pay
//!   [`costs::MEMORY_BYTE_INK`] per byte, checked before the copy.
//! - **Heap bound** (`heap.rs`): `memory.grow` first calls `pay_for_memory_grow(pages)`.
//! - **Depth checker** (`depth.rs`): each function entry subtracts its frame size (worst-case
//!   operand stack + params + locals + 4 words) from `stylus_stack_left`, trapping when it would
//!   not fit; every return gives it back.
//!
//! Inserted ops are not charged, as in Nitro. The worst-case operand stack comes from wasmparser's
//! validator rather than Nitro's own stack model, so frame sizes can differ slightly.

use crate::{activation::ValidatedModule, costs};
use wasm_encoder::{
    reencode::{self, Reencode},
    BlockType, ConstExpr, ExportKind, Function, GlobalType, Instruction, ValType,
};
use wasmparser::Operator;

/// Export name of the ink-left global.
pub const INK_LEFT: &str = "stylus_ink_left";
/// Export name of the ink-status global (1 = out of ink).
pub const INK_STATUS: &str = "stylus_ink_status";
/// Export name of the stack-left global (0 after an overflow).
pub const STACK_LEFT: &str = "stylus_stack_left";

/// Ink of one WASM instruction (`pricing_v1` in Nitro's `meter.rs`); `u64::MAX` for unsupported
/// instructions (floats, SIMD, atomics, reference and table instructions).
#[allow(clippy::match_same_arms)] // arms follow the grouping of Nitro's `pricing_v1`
pub fn opcode_ink(op: &Operator<'_>, type_params: &[u32]) -> u64 {
    use Operator as O;
    match op {
        O::Unreachable | O::Return | O::Nop | O::I32Const { .. } | O::I64Const { .. } => 1,
        O::Block { .. } | O::Loop { .. } | O::Else | O::End => 1,
        O::Drop => 9,
        O::Br { .. } | O::BrIf { .. } | O::If { .. } => 765,
        O::Select => 1250,
        O::Call { .. } => 3800,
        O::LocalGet { .. } | O::LocalTee { .. } => 75,
        O::LocalSet { .. } => 210,
        O::GlobalGet { .. } => 225,
        O::GlobalSet { .. } => 575,
        O::I32Load { .. }
        | O::I32Load8S { .. }
        | O::I32Load8U { .. }
        | O::I32Load16S { .. }
        | O::I32Load16U { .. } => 670,
        O::I64Load { .. }
        | O::I64Load8S { .. }
        | O::I64Load8U { .. }
        | O::I64Load16S { .. }
        | O::I64Load16U { .. }
        | O::I64Load32S { .. }
        | O::I64Load32U { .. } => 680,
        O::I32Store { .. } | O::I32Store8 { .. } | O::I32Store16 { .. } => 825,
        O::I64Store { .. } | O::I64Store8 { .. } | O::I64Store16 { .. } | O::I64Store32 { .. } => {
            950
        }
        O::MemorySize { .. } => 3000,
        O::MemoryGrow { .. } => 8050,
        O::I32Eqz
        | O::I32Eq
        | O::I32Ne
        | O::I32LtS
        | O::I32LtU
        | O::I32GtS
        | O::I32GtU
        | O::I32LeS
        | O::I32LeU
        | O::I32GeS
        | O::I32GeU => 170,
        O::I64Eqz
        | O::I64Eq
        | O::I64Ne
        | O::I64LtS
        | O::I64LtU
        | O::I64GtS
        | O::I64GtU
        | O::I64LeS
        | O::I64LeU
        | O::I64GeS
        | O::I64GeU => 225,
        O::I32Clz | O::I32Ctz | O::I64Clz | O::I64Ctz => 210,
        O::I32Add | O::I32Sub => 70,
        O::I32Mul | O::I64Mul => 160,
        O::I32DivS | O::I32DivU | O::I32RemS | O::I32RemU => 1120,
        O::I32And
        | O::I32Or
        | O::I32Xor
        | O::I32Shl
        | O::I32ShrS
        | O::I32ShrU
        | O::I32Rotl
        | O::I32Rotr => 70,
        O::I64Add | O::I64Sub => 100,
        O::I64DivS | O::I64DivU | O::I64RemS | O::I64RemU => 1270,
        O::I64And
        | O::I64Or
        | O::I64Xor
        | O::I64Shl
        | O::I64ShrS
        | O::I64ShrU
        | O::I64Rotl
        | O::I64Rotr => 100,
        O::I32Popcnt => 2650,
        O::I64Popcnt => 6000,
        O::I32WrapI64 | O::I64ExtendI32S | O::I64ExtendI32U => 100,
        O::I32Extend8S | O::I32Extend16S | O::I64Extend8S | O::I64Extend16S | O::I64Extend32S => {
            100
        }
        O::MemoryCopy { .. } | O::MemoryFill { .. } => 950,
        O::BrTable { targets } => 2400 + 325 * u64::from(targets.len()),
        O::CallIndirect { type_index, .. } => {
            13_610 + 650 * u64::from(type_params.get(*type_index as usize).copied().unwrap_or(0))
        }
        _ => u64::MAX,
    }
}

fn ends_basic_block(op: &Operator<'_>) -> bool {
    matches!(
        op,
        Operator::End
            | Operator::Else
            | Operator::Return
            | Operator::Loop { .. }
            | Operator::Br { .. }
            | Operator::BrIf { .. }
            | Operator::BrTable { .. }
            | Operator::If { .. }
            | Operator::Call { .. }
            | Operator::CallIndirect { .. }
    )
}

struct Instrumenter<'m> {
    module: &'m ValidatedModule,
    local_index: usize,
    globals_added: bool,
}

impl Instrumenter<'_> {
    fn ink(&self) -> u32 {
        self.module.globals
    }
    fn status(&self) -> u32 {
        self.module.globals + 1
    }
    fn stack(&self) -> u32 {
        self.module.globals + 2
    }

    fn add_globals(&mut self, globals: &mut wasm_encoder::GlobalSection) {
        let global = |val_type| GlobalType {
            val_type,
            mutable: true,
            shared: false,
        };
        globals.global(global(ValType::I64), &ConstExpr::i64_const(0));
        globals.global(global(ValType::I32), &ConstExpr::i32_const(0));
        globals.global(global(ValType::I32), &ConstExpr::i32_const(0));
        self.globals_added = true;
    }

    fn charge(&self, out: &mut Vec<Instruction<'static>>, cost: u64) {
        #[allow(clippy::cast_possible_wrap)]
        let cost = cost as i64;
        out.extend([
            Instruction::GlobalGet(self.ink()),
            Instruction::I64Const(cost),
            Instruction::I64LtU,
            Instruction::If(BlockType::Empty),
            Instruction::I32Const(1),
            Instruction::GlobalSet(self.status()),
            Instruction::Unreachable,
            Instruction::End,
            Instruction::GlobalGet(self.ink()),
            Instruction::I64Const(cost),
            Instruction::I64Sub,
            Instruction::GlobalSet(self.ink()),
        ]);
    }
}

impl Reencode for Instrumenter<'_> {
    type Error = std::convert::Infallible;

    fn parse_global_section(
        &mut self,
        globals: &mut wasm_encoder::GlobalSection,
        section: wasmparser::GlobalSectionReader<'_>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        reencode::utils::parse_global_section(self, globals, section)?;
        self.add_globals(globals);
        Ok(())
    }

    fn intersperse_section_hook(
        &mut self,
        module: &mut wasm_encoder::Module,
        _after: Option<wasm_encoder::SectionId>,
        before: Option<wasm_encoder::SectionId>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        use wasm_encoder::SectionId as S;
        let past_globals = matches!(
            before,
            None | Some(S::Export | S::Start | S::Element | S::DataCount | S::Code | S::Data)
        );
        if past_globals && !self.globals_added {
            let mut globals = wasm_encoder::GlobalSection::new();
            self.add_globals(&mut globals);
            module.section(&globals);
        }
        Ok(())
    }

    fn parse_export_section(
        &mut self,
        exports: &mut wasm_encoder::ExportSection,
        section: wasmparser::ExportSectionReader<'_>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        reencode::utils::parse_export_section(self, exports, section)?;
        exports.export(INK_LEFT, ExportKind::Global, self.ink());
        exports.export(INK_STATUS, ExportKind::Global, self.status());
        exports.export(STACK_LEFT, ExportKind::Global, self.stack());
        Ok(())
    }

    fn parse_function_body(
        &mut self,
        code: &mut wasm_encoder::CodeSection,
        func: wasmparser::FunctionBody<'_>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        let index = self.local_index;
        self.local_index += 1;
        let params = self.module.local_params[index];
        let frame = self.module.frame_sizes[index];
        let mut locals = Vec::new();
        let mut declared = 0u32;
        for pair in func.get_locals_reader()? {
            let (count, ty) = pair?;
            declared += count;
            locals.push((count, self.val_type(ty)?));
        }
        let scratch32 = params + declared;
        let scratch64 = scratch32 + 1;
        locals.push((1, ValType::I32));
        locals.push((1, ValType::I64));
        let mut function = Function::new(locals);
        #[allow(clippy::cast_possible_wrap)]
        let frame = frame as i32;
        // Depth check on entry.
        for instruction in [
            Instruction::GlobalGet(self.stack()),
            Instruction::I32Const(frame),
            Instruction::I32LeU,
            Instruction::If(BlockType::Empty),
            Instruction::I32Const(0),
            Instruction::GlobalSet(self.stack()),
            Instruction::Unreachable,
            Instruction::End,
            Instruction::GlobalGet(self.stack()),
            Instruction::I32Const(frame),
            Instruction::I32Sub,
            Instruction::GlobalSet(self.stack()),
        ] {
            function.instruction(&instruction);
        }
        let restore_depth = [
            Instruction::GlobalGet(self.stack()),
            Instruction::I32Const(frame),
            Instruction::I32Add,
            Instruction::GlobalSet(self.stack()),
        ];
        let mut block: Vec<Instruction<'_>> = Vec::new();
        let mut block_cost = 0u64;
        let mut depth = 0u32;
        let mut reader = func.get_operators_reader()?;
        while !reader.eof() {
            let op = reader.read()?;
            block_cost = block_cost.saturating_add(opcode_ink(&op, &self.module.type_params));
            match &op {
                Operator::Block { .. } | Operator::Loop { .. } | Operator::If { .. } => depth += 1,
                Operator::End if depth == 0 => block.extend(restore_depth.iter().cloned()),
                Operator::End => depth -= 1,
                Operator::Return => block.extend(restore_depth.iter().cloned()),
                Operator::MemoryCopy { .. } | Operator::MemoryFill { .. } => {
                    let mut check = Vec::new();
                    self.charge(&mut check, 0);
                    // Replace the constant cost with the dynamic one kept in scratch64.
                    check[1] = Instruction::LocalGet(scratch64);
                    check[9] = Instruction::LocalGet(scratch64);
                    #[allow(clippy::cast_possible_wrap)]
                    block.extend([
                        Instruction::LocalTee(scratch32),
                        Instruction::I64ExtendI32U,
                        Instruction::I64Const(costs::MEMORY_BYTE_INK as i64),
                        Instruction::I64Mul,
                        Instruction::LocalSet(scratch64),
                    ]);
                    block.extend(check);
                    block.push(Instruction::LocalGet(scratch32));
                }
                Operator::MemoryGrow { .. } => {
                    if let Some(pay) = self.module.pay_for_memory_grow {
                        block.extend([
                            Instruction::LocalTee(scratch32),
                            Instruction::Call(pay),
                            Instruction::LocalGet(scratch32),
                        ]);
                    }
                }
                _ => {}
            }
            let ends = ends_basic_block(&op);
            block.push(self.instruction(op)?);
            if ends {
                let mut header = Vec::new();
                self.charge(
                    &mut header,
                    block_cost.saturating_add(costs::BLOCK_HEADER_INK),
                );
                for instruction in header.iter().chain(block.iter()) {
                    function.instruction(instruction);
                }
                block.clear();
                block_cost = 0;
            }
        }
        for instruction in &block {
            function.instruction(instruction);
        }
        code.function(&function);
        Ok(())
    }
}

/// Instruments a validated module (see the module docs) and returns the new binary.
///
/// # Errors
/// A reencoding error (only possible for modules that did not pass validation).
pub fn instrument(module: &ValidatedModule) -> Result<Vec<u8>, String> {
    let mut instrumenter = Instrumenter {
        module,
        local_index: 0,
        globals_added: false,
    };
    let mut out = wasm_encoder::Module::new();
    instrumenter
        .parse_core_module(&mut out, wasmparser::Parser::new(0), &module.wasm)
        .map_err(|error| error.to_string())?;
    Ok(out.finish())
}
