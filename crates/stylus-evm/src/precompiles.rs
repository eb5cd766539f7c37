//! Nitro's Stylus precompiles: ArbWasm (`0x…71`), ArbWasmCache (`0x…72`) and ArbOwnerPublic
//! (`0x…6B`), served next to revm's Ethereum precompiles.
//!
//! Activation records live in the **storage of the ArbWasm account** (slot `keccak256(codehash)`,
//! packed as described in [`ProgramInfo`] encoding below), so they are journaled, committed with
//! the transaction and discarded with an `eth_call`. Selectors and errors follow
//! `precompiles/ArbWasm.go` / stylus-tools' `ArbWasm.sol`.

use crate::{
    activation::{self, ProgramInfo},
    costs,
    engine::Shared,
};
use revm::{
    context::{Block, Cfg, ContextTr, JournalTr, LocalContextTr},
    handler::{EthPrecompiles, PrecompileProvider},
    interpreter::{CallInputs, Gas, InstructionResult, InterpreterResult},
    primitives::{address, keccak256, Address, Bytes, Log, B256, U256},
};
use std::sync::Arc;

/// ArbWasm precompile address.
pub const ARB_WASM: Address = address!("0000000000000000000000000000000000000071");
/// ArbWasmCache precompile address.
pub const ARB_WASM_CACHE: Address = address!("0000000000000000000000000000000000000072");
/// ArbOwnerPublic precompile address.
pub const ARB_OWNER_PUBLIC: Address = address!("000000000000000000000000000000000000006b");
/// Account that receives activation data fees (Nitro's network fee account on the devnode).
pub const NETWORK_FEE_ACCOUNT: Address = address!("00000000000000000000000000000000000a4b05");
/// The single cache manager reported by `allCacheManagers()`.
pub const CACHE_MANAGER: Address = address!("a6e41ffd769491a42a6e5ce453259b93983a22ef");

/// `ProgramNotActivated()`.
pub const PROGRAM_NOT_ACTIVATED: [u8; 4] = [0x6f, 0x80, 0x9c, 0x4e];
/// `ProgramUpToDate()`.
pub const PROGRAM_UP_TO_DATE: [u8; 4] = [0xcc, 0x94, 0x4b, 0xf2];
/// `ProgramInsufficientValue(uint256 have, uint256 want)`.
pub const PROGRAM_INSUFFICIENT_VALUE: [u8; 4] = [0x09, 0x78, 0x1a, 0xb7];
/// `ProgramNotWasm()`.
pub const PROGRAM_NOT_WASM: [u8; 4] = [0x27, 0xf3, 0x82, 0x12];
/// `ProgramActivated(bytes32 indexed codehash, bytes32 moduleHash, address program, uint256 dataFee, uint16 version)`.
pub fn program_activated_topic() -> B256 {
    keccak256("ProgramActivated(bytes32,bytes32,address,uint256,uint16)")
}

/// Gas of a precompile view (one storage read, `StorageReadCost` = 800 in Nitro).
const VIEW_GAS: u64 = 800;

fn selector(signature: &str) -> [u8; 4] {
    let hash = keccak256(signature);
    [hash[0], hash[1], hash[2], hash[3]]
}

/// Storage slot of the activation record of `codehash` in ArbWasm's account.
pub fn program_slot(codehash: B256) -> U256 {
    U256::from_be_bytes(keccak256(codehash).0)
}

/// Slot of the data pricer state (`demand` in the low 32 bits, last update time above).
fn data_pricer_slot() -> U256 {
    U256::from_be_bytes(keccak256("stylus-devnet.data-pricer").0)
}

/// Packs a record: `version | init_cost << 16 | cached_cost << 32 | footprint << 48 |
/// asm_estimate << 64 | activated_at << 96` (0 = not activated).
pub fn encode_info(info: &ProgramInfo) -> U256 {
    U256::from(info.version)
        | U256::from(info.init_cost) << 16
        | U256::from(info.cached_cost) << 32
        | U256::from(info.footprint) << 48
        | U256::from(info.asm_estimate) << 64
        | U256::from(info.activated_at) << 96
}

/// Unpacks a record written by [`encode_info`]; `None` if the slot is empty.
pub fn decode_info(word: U256) -> Option<ProgramInfo> {
    if word.is_zero() {
        return None;
    }
    let part = |shift: usize, bits: usize| -> u64 {
        let mask = (U256::from(1) << bits) - U256::from(1);
        ((word >> shift) & mask).to::<u64>()
    };
    #[allow(clippy::cast_possible_truncation)]
    Some(ProgramInfo {
        version: part(0, 16) as u16,
        init_cost: part(16, 16) as u16,
        cached_cost: part(32, 16) as u16,
        footprint: part(48, 16) as u16,
        asm_estimate: part(64, 32) as u32,
        activated_at: part(96, 64),
    })
}

/// Reads the activation record of `codehash` from the journal.
pub(crate) fn load_info<CTX: ContextTr>(
    ctx: &mut CTX,
    codehash: B256,
) -> Result<Option<ProgramInfo>, String> {
    let journal = ctx.journal_mut();
    journal
        .load_account(ARB_WASM)
        .map_err(|e| format!("{e:?}"))?;
    let word = journal
        .sload(ARB_WASM, program_slot(codehash))
        .map_err(|e| format!("{e:?}"))?
        .data;
    Ok(decode_info(word))
}

/// `ApproxExpBasisPoints(value, accuracy)` of Nitro's `util/arbmath`: a Taylor approximation of
/// `e^(value/10⁴)` in basis points.
pub fn approx_exp_basis_points(value: u64, accuracy: u64) -> u64 {
    const ONE: u128 = 10_000;
    let input = u128::from(value);
    let accuracy_wide = u128::from(accuracy);
    let mut result = ONE + input / accuracy_wide;
    for i in (1..accuracy_wide).rev() {
        result = ONE + result.saturating_mul(input) / (ONE * i);
    }
    u64::try_from(result).unwrap_or(u64::MAX)
}

/// Data fee of activating a program with `asm_estimate`, updating the demand state
/// (`arbos/programs/data_pricer.go`: inertia 21,360,419, decay 34,865 per second, min price 82,928,201 wei).
fn data_fee(demand: u64, elapsed: u64, asm_estimate: u32) -> (U256, u64) {
    let demand = demand.saturating_sub(34_865u64.saturating_mul(elapsed)) + u64::from(asm_estimate);
    let exponent = 10_000u64.saturating_mul(demand) / 21_360_419;
    let multiplier = approx_exp_basis_points(exponent, 12);
    let cost_per_byte = U256::from(82_928_201u64) * U256::from(multiplier) / U256::from(10_000u64);
    (cost_per_byte * U256::from(asm_estimate), demand)
}

fn word(value: U256) -> [u8; 32] {
    value.to_be_bytes::<32>()
}

fn revert(gas: Gas, data: Vec<u8>) -> InterpreterResult {
    InterpreterResult {
        result: InstructionResult::Revert,
        gas,
        output: Bytes::from(data),
    }
}

fn ok(gas: Gas, data: Vec<u8>) -> InterpreterResult {
    InterpreterResult {
        result: InstructionResult::Return,
        gas,
        output: Bytes::from(data),
    }
}

/// The ArbWasm views that return a fixed parameter (Nitro's defaults), ABI-encoded.
fn parameter_view(sel: [u8; 4]) -> Option<Vec<u8>> {
    let u = |v: u64| word(U256::from(v)).to_vec();
    match sel {
        s if s == selector("stylusVersion()") => Some(u(u64::from(costs::STYLUS_VERSION))),
        s if s == selector("inkPrice()") => Some(u(costs::INK_PRICE)),
        s if s == selector("maxStackDepth()") => Some(u(u64::from(costs::MAX_STACK_DEPTH))),
        s if s == selector("freePages()") => Some(u(u64::from(costs::FREE_PAGES))),
        s if s == selector("pageGas()") => Some(u(costs::PAGE_GAS)),
        s if s == selector("pageRamp()") => Some(u(costs::PAGE_RAMP)),
        s if s == selector("pageLimit()") => Some(u(u64::from(costs::PAGE_LIMIT))),
        s if s == selector("minInitGas()") => {
            let mut out = u(costs::MIN_INIT_GAS * 128);
            out.extend(u(costs::MIN_CACHED_INIT_GAS * 32));
            Some(out)
        }
        s if s == selector("initCostScalar()") => Some(u(costs::INIT_COST_SCALAR * 2)),
        s if s == selector("expiryDays()") => Some(u(u64::from(costs::EXPIRY_DAYS))),
        s if s == selector("keepaliveDays()") => Some(u(u64::from(costs::KEEPALIVE_DAYS))),
        s if s == selector("blockCacheSize()") => Some(u(u64::from(costs::BLOCK_CACHE_SIZE))),
        s if s == selector("activationGas()") => Some(u(0)),
        _ => None,
    }
}

/// revm's Ethereum precompiles plus Nitro's Stylus precompiles.
#[derive(Debug, Clone)]
pub struct StylusPrecompiles {
    eth: EthPrecompiles,
    shared: Arc<Shared>,
    warm: revm::primitives::AddressSet,
}

impl StylusPrecompiles {
    pub(crate) fn new(eth: EthPrecompiles, shared: Arc<Shared>) -> Self {
        let mut warm = eth.warm_addresses().clone();
        warm.extend([ARB_WASM, ARB_WASM_CACHE, ARB_OWNER_PUBLIC]);
        Self { eth, shared, warm }
    }

    /// `activateProgram(address)`: validates, charges the activation gas and the data fee,
    /// records the program, refunds the excess value and emits `ProgramActivated`.
    ///
    /// A program breaking an activation rule reverts with all gas burned (as Nitro does) and the
    /// rule's message as UTF-8 revert data, so RPC clients can show which rule failed.
    fn activate_program<CTX: ContextTr>(
        &self,
        ctx: &mut CTX,
        inputs: &CallInputs,
        raw: [u8; 32],
        mut gas: Gas,
    ) -> Result<InterpreterResult, String> {
        let value = inputs.value.get();
        let out_of_gas = |gas: Gas| InterpreterResult {
            result: InstructionResult::OutOfGas,
            gas,
            output: Bytes::new(),
        };
        let program = Address::from_slice(&raw[12..]);
        let code = ctx
            .journal_mut()
            .code(program)
            .map_err(|e| format!("{e:?}"))?
            .data;
        let codehash = keccak256(&code);
        // Nitro checks for an up-to-date program before compiling (`programs.go`).
        if let Some(existing) = load_info(ctx, codehash)? {
            if existing.version == costs::STYLUS_VERSION {
                return Ok(revert(gas, PROGRAM_UP_TO_DATE.to_vec()));
            }
        }
        let validated = match self.shared.validate(&code) {
            Ok(validated) => validated,
            Err(activation::ActivationError::NotWasm) => {
                return Ok(revert(gas, PROGRAM_NOT_WASM.to_vec()))
            }
            Err(error) => {
                // Nitro burns all gas when activation fails.
                gas.spend_all();
                return Ok(InterpreterResult {
                    result: InstructionResult::Revert,
                    gas,
                    output: Bytes::from(error.to_string().into_bytes()),
                });
            }
        };
        if !gas.record_regular_cost(validated.activation_gas) {
            return Ok(out_of_gas(gas));
        }
        let now = ctx.block().timestamp().saturating_to::<u64>();
        let pricer = ctx
            .journal_mut()
            .sload(ARB_WASM, data_pricer_slot())
            .map_err(|e| format!("{e:?}"))?
            .data;
        let demand = (pricer & U256::from(u32::MAX)).to::<u64>();
        let last: u64 = (pricer >> 32_usize).saturating_to();
        let (fee, new_demand) = data_fee(
            demand,
            now.saturating_sub(last),
            validated.info.asm_estimate,
        );
        if value < fee {
            let mut data = PROGRAM_INSUFFICIENT_VALUE.to_vec();
            data.extend_from_slice(&word(value));
            data.extend_from_slice(&word(fee));
            return Ok(revert(gas, data));
        }
        let journal = ctx.journal_mut();
        let new_pricer = U256::from(new_demand.min(u64::from(u32::MAX))) | U256::from(now) << 32;
        journal
            .sstore(ARB_WASM, data_pricer_slot(), new_pricer)
            .map_err(|e| format!("{e:?}"))?;
        let info = ProgramInfo {
            activated_at: now.max(1),
            ..validated.info
        };
        journal
            .sstore(ARB_WASM, program_slot(codehash), encode_info(&info))
            .map_err(|e| format!("{e:?}"))?;
        journal
            .load_account(NETWORK_FEE_ACCOUNT)
            .map_err(|e| format!("{e:?}"))?;
        if let Some(error) = journal
            .transfer(ARB_WASM, NETWORK_FEE_ACCOUNT, fee)
            .map_err(|e| format!("{e:?}"))?
        {
            return Err(format!("fee transfer failed: {error:?}"));
        }
        if value > fee {
            if let Some(error) = journal
                .transfer(ARB_WASM, inputs.caller, value - fee)
                .map_err(|e| format!("{e:?}"))?
            {
                return Err(format!("refund failed: {error:?}"));
            }
        }
        let module_hash = keccak256(&validated.wasm);
        let mut data = Vec::with_capacity(96);
        data.extend_from_slice(module_hash.as_slice());
        data.extend_from_slice(&word(U256::from_be_slice(program.as_slice())));
        data.extend_from_slice(&word(fee));
        data.extend_from_slice(&word(U256::from(info.version)));
        journal.log(Log::new_unchecked(
            ARB_WASM,
            vec![program_activated_topic(), codehash],
            Bytes::from(data),
        ));
        self.shared.insert_compiled(codehash, &validated)?;
        let mut out = word(U256::from(info.version)).to_vec();
        out.extend_from_slice(&word(fee));
        Ok(ok(gas, out))
    }

    fn arb_wasm<CTX: ContextTr>(
        &self,
        ctx: &mut CTX,
        inputs: &CallInputs,
        input: &[u8],
    ) -> Result<InterpreterResult, String> {
        let mut gas = Gas::new(inputs.gas_limit);
        let out_of_gas = |gas: Gas| InterpreterResult {
            result: InstructionResult::OutOfGas,
            gas,
            output: Bytes::new(),
        };
        if input.len() < 4 {
            return Ok(revert(gas, Vec::new()));
        }
        let sel: [u8; 4] = input[..4].try_into().expect("length checked");
        let arg = |i: usize| -> Option<[u8; 32]> {
            input
                .get(4 + 32 * i..4 + 32 * (i + 1))
                .map(|s| s.try_into().expect("32 bytes"))
        };
        let value = inputs.value.get();
        if sel == selector("activateProgram(address)") {
            let Some(raw) = arg(0) else {
                return Ok(revert(gas, Vec::new()));
            };
            return self.activate_program(ctx, inputs, raw, gas);
        }
        if !value.is_zero() {
            return Ok(revert(gas, Vec::new()));
        }
        if !gas.record_regular_cost(VIEW_GAS) {
            return Ok(out_of_gas(gas));
        }
        let u = |v: u64| word(U256::from(v)).to_vec();
        let by_codehash = |ctx: &mut CTX, raw: [u8; 32]| load_info(ctx, B256::from(raw));
        let by_address = |ctx: &mut CTX, raw: [u8; 32]| -> Result<Option<ProgramInfo>, String> {
            let program = Address::from_slice(&raw[12..]);
            let code = ctx
                .journal_mut()
                .code(program)
                .map_err(|e| format!("{e:?}"))?
                .data;
            load_info(ctx, keccak256(&code))
        };
        let not_active = || revert(gas, PROGRAM_NOT_ACTIVATED.to_vec());
        if let Some(out) = parameter_view(sel) {
            return Ok(ok(gas, out));
        }
        let result = match sel {
            s if s == selector("codehashVersion(bytes32)")
                || s == selector("codehashAsmSize(bytes32)")
                || s == selector("codehashKeepalive(bytes32)") =>
            {
                let Some(raw) = arg(0) else {
                    return Ok(revert(gas, Vec::new()));
                };
                match by_codehash(ctx, raw)? {
                    None => not_active(),
                    Some(info) if s == selector("codehashVersion(bytes32)") => {
                        ok(gas, u(u64::from(info.version)))
                    }
                    Some(info) if s == selector("codehashAsmSize(bytes32)") => {
                        ok(gas, u(u64::from(info.asm_estimate)))
                    }
                    // Keepalive: the program is already current on this devnet (no expiry).
                    Some(_) => ok(gas, Vec::new()),
                }
            }
            s if s == selector("programVersion(address)")
                || s == selector("programInitGas(address)")
                || s == selector("programMemoryFootprint(address)")
                || s == selector("programTimeLeft(address)") =>
            {
                let Some(raw) = arg(0) else {
                    return Ok(revert(gas, Vec::new()));
                };
                match by_address(ctx, raw)? {
                    None => not_active(),
                    Some(info) if s == selector("programVersion(address)") => {
                        ok(gas, u(u64::from(info.version)))
                    }
                    Some(info) if s == selector("programInitGas(address)") => {
                        let cached = activation::cached_gas(&info);
                        let mut out = u(activation::init_gas(&info) + cached);
                        out.extend(u(cached));
                        ok(gas, out)
                    }
                    Some(info) if s == selector("programMemoryFootprint(address)") => {
                        ok(gas, u(u64::from(info.footprint)))
                    }
                    Some(_) => ok(gas, u(u64::from(costs::EXPIRY_DAYS) * 86_400)),
                }
            }
            _ => revert(gas, Vec::new()),
        };
        Ok(result)
    }

    fn arb_wasm_cache(&self, inputs: &CallInputs, input: &[u8]) -> InterpreterResult {
        let mut gas = Gas::new(inputs.gas_limit);
        if !gas.record_regular_cost(VIEW_GAS) {
            return InterpreterResult {
                result: InstructionResult::OutOfGas,
                gas,
                output: Bytes::new(),
            };
        }
        if input.len() >= 4 && input[..4] == selector("allCacheManagers()") {
            let mut out = word(U256::from(32)).to_vec();
            out.extend(word(U256::from(1)));
            out.extend(word(U256::from_be_slice(CACHE_MANAGER.as_slice())));
            return ok(gas, out);
        }
        if input.len() >= 36 && input[..4] == selector("codehashIsCached(bytes32)") {
            let cached = self.shared.is_cached(B256::from_slice(&input[4..36]));
            return ok(gas, word(U256::from(u8::from(cached))).to_vec());
        }
        revert(gas, Vec::new())
    }
}

impl<CTX: ContextTr> PrecompileProvider<CTX> for StylusPrecompiles
where
    EthPrecompiles: PrecompileProvider<CTX, Output = InterpreterResult>,
{
    type Output = InterpreterResult;

    fn set_spec(&mut self, spec: <CTX::Cfg as Cfg>::Spec) -> bool {
        let changed = <EthPrecompiles as PrecompileProvider<CTX>>::set_spec(&mut self.eth, spec);
        let mut warm = self.eth.warm_addresses().clone();
        warm.extend([ARB_WASM, ARB_WASM_CACHE, ARB_OWNER_PUBLIC]);
        self.warm = warm;
        changed
    }

    fn run(
        &mut self,
        ctx: &mut CTX,
        inputs: &CallInputs,
    ) -> Result<Option<InterpreterResult>, String> {
        let address = inputs.bytecode_address;
        if address != ARB_WASM && address != ARB_WASM_CACHE && address != ARB_OWNER_PUBLIC {
            return self.eth.run(ctx, inputs);
        }
        let input = match &inputs.input {
            revm::interpreter::CallInput::Bytes(bytes) => bytes.clone(),
            revm::interpreter::CallInput::SharedBuffer(range) => ctx
                .local()
                .shared_memory_buffer_slice(range.clone())
                .map(|slice| Bytes::copy_from_slice(&slice[..]))
                .unwrap_or_default(),
        };
        let result = if address == ARB_WASM {
            self.arb_wasm(ctx, inputs, &input)?
        } else if address == ARB_WASM_CACHE {
            self.arb_wasm_cache(inputs, &input)
        } else {
            let mut gas = Gas::new(inputs.gas_limit);
            if gas.record_regular_cost(VIEW_GAS)
                && input.len() >= 4
                && input[..4] == selector("getMaxStylusContractFragments()")
            {
                ok(gas, word(U256::ZERO).to_vec())
            } else {
                revert(gas, Vec::new())
            }
        };
        Ok(Some(result))
    }

    fn warm_addresses(&self) -> &revm::primitives::AddressSet {
        &self.warm
    }

    fn contains(&self, address: &Address) -> bool {
        self.warm.contains(address)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn program_info_round_trips_through_its_storage_word() {
        let info = ProgramInfo {
            version: 2,
            init_cost: 1,
            cached_cost: 2,
            footprint: 3,
            asm_estimate: 4,
            activated_at: 5,
        };
        assert_eq!(decode_info(encode_info(&info)), Some(info));
    }

    #[test]
    fn error_selectors_match_nitro() {
        assert_eq!(selector("ProgramNotActivated()"), PROGRAM_NOT_ACTIVATED);
        assert_eq!(selector("ProgramUpToDate()"), PROGRAM_UP_TO_DATE);
        assert_eq!(
            selector("ProgramInsufficientValue(uint256,uint256)"),
            PROGRAM_INSUFFICIENT_VALUE
        );
        assert_eq!(selector("ProgramNotWasm()"), PROGRAM_NOT_WASM);
        assert_eq!(
            selector("activateProgram(address)"),
            [0x58, 0xc7, 0x80, 0xc2]
        );
    }

    #[test]
    fn exp_of_zero_is_one() {
        assert_eq!(approx_exp_basis_points(0, 12), 10_000);
    }
}
