//! Nitro's Stylus pricing constants, each with the Nitro source it comes from.
//!
//! Sources (OffchainLabs/nitro; `arbitrator/` is now `crates/`):
//! - ink price, page gas, free pages, page limit, init-gas parameters: `arbos/programs/params.go`;
//! - opcode ink table and the metering header: `crates/prover/src/programs/meter.rs` (`pricing_v1`,
//!   `FuncMeter::feed`) and `crates/prover/src/programs/config.rs` (`ink_header_cost`, per-byte
//!   `memory_fill_ink` / `memory_copy_ink`);
//! - host-call ink: `crates/arbutil/src/pricing.rs` and `crates/wasm-libraries/user-host-trait/src/lib.rs`;
//! - memory model and the `EXP` table: `arbos/programs/memory.go` (`GasCost`, `memoryExponents`);
//! - storage-cache tiers: `crates/arbutil/src/evm/storage.rs`, `crates/arbutil/src/evm/req.rs`;
//! - EVM storage and account gas: go-ethereum `core/vm/operations_acl_arbitrum.go`, EIP-2929/2200/3529;
//! - entry cost: `arbos/programs/programs.go` (`CallProgram`); stack depth: `crates/prover/src/programs/depth.rs`.
//!
//! Where this devnet could not reproduce Nitro exactly, the item says so.

/// Ink per unit of gas (`InkPrice`, `arbos/programs/params.go`, default 10,000).
pub const INK_PRICE: u64 = 10_000;
/// Pages a transaction gets for free (`FreePages`, default 2).
pub const FREE_PAGES: u16 = 2;
/// Gas per newly opened page beyond the free ones (`PageGas`, default 1000).
pub const PAGE_GAS: u64 = 1_000;
/// Reported page ramp (`PageRamp`, default 620,674,314); only reported by the view.
pub const PAGE_RAMP: u64 = 620_674_314;
/// Maximum pages a transaction may have open (`PageLimit`, default 128).
pub const PAGE_LIMIT: u16 = 128;
/// Stack depth in words each invocation starts with (`MaxStackDepth`, 22,000 since ArbOS 50).
pub const MAX_STACK_DEPTH: u32 = 22_000;
/// `MinInitGas` parameter (default 69); the init floor is `69 · 128 = 8832` gas.
pub const MIN_INIT_GAS: u64 = 69;
/// `MinCachedInitGas` parameter (default 11); the cached floor is `11 · 32 = 352` gas.
pub const MIN_CACHED_INIT_GAS: u64 = 11;
/// `InitCostScalar` (default 50, i.e. 100 %: the cost is multiplied by `2·scalar/100`).
pub const INIT_COST_SCALAR: u64 = 50;
/// `CachedCostScalar` (default 50, i.e. 100 %).
pub const CACHED_COST_SCALAR: u64 = 50;
/// Days before an activation expires (`ExpiryDays`, default 365).
pub const EXPIRY_DAYS: u16 = 365;
/// Days between keepalives (`KeepaliveDays`, default 31).
pub const KEEPALIVE_DAYS: u16 = 31;
/// Size of the per-block recent-programs cache (`BlockCacheSize`, default 32).
pub const BLOCK_CACHE_SIZE: u16 = 32;
/// Stylus version produced by activation (`StylusVersion`, ArbOS 51 = 2).
pub const STYLUS_VERSION: u16 = 2;
/// Largest decompressed WASM accepted (`MaxWasmSize`, default 128 KiB).
pub const MAX_WASM_SIZE: usize = 128 * 1024;
/// EIP-170 code size limit, also the limit of compressed Stylus code (`MaxCodeSize`).
pub const MAX_CODE_SIZE: usize = 24_576;

/// Extra ink charged by the metering header of every basic block (`ink_header_cost: 2450` of
/// `CompileConfig::version` for Stylus versions 1 and 2, `crates/prover/src/programs/config.rs`).
pub const BLOCK_HEADER_INK: u64 = 2_450;

/// Dynamic ink per byte of `memory.copy` / `memory.fill` (`memory_fill_ink` / `memory_copy_ink`
/// = 800 / 8 in `CompileConfig::version`, charged by `crates/prover/src/programs/dynamic.rs`).
pub const MEMORY_BYTE_INK: u64 = 100;

/// Base ink of a host call (`HOSTIO_INK`, `crates/arbutil/src/pricing.rs`).
pub const HOSTIO_INK: u64 = 8_400;
/// Ink of a host call that reads an EVM-priced value (`PTR_INK + HOSTIO_INK`).
pub const PTR_HOSTIO_INK: u64 = 13_440;
/// `EVM_API_INK` (`crates/arbutil/src/pricing.rs`): a host call that goes through the EVM API.
pub const EVM_API_INK: u64 = 59_673;
/// Ink of `storage_load_bytes32` / `storage_cache_bytes32` (`HOSTIO_INK + 2·PTR_INK`).
pub const STORAGE_SLOT_INK: u64 = 18_480;
/// Ink of `storage_flush_cache`, `read_return_data`, `emit_log`, `account_code(_size)`
/// (`HOSTIO_INK + EVM_API_INK`).
pub const EVM_API_HOSTIO_INK: u64 = 68_073;
/// Ink of `account_balance`, `account_codehash`, transient storage (`EVM_API_HOSTIO_INK + 2·PTR_INK`).
pub const EVM_API_PTR_HOSTIO_INK: u64 = 78_153;
/// Ink of `call_contract`, `delegate_call_contract`, `static_call_contract`, `create1`.
pub const CALL_INK: u64 = 83_193;
/// Ink of `create2` (one more pointer than `create1`).
pub const CREATE2_INK: u64 = 88_233;
/// Ink of `math_div` and `math_mod`.
pub const MATH_DIV_INK: u64 = 43_520;
/// Ink of `math_add_mod`.
pub const MATH_ADD_MOD_INK: u64 = 49_560;
/// Ink of `math_mul_mod`.
pub const MATH_MUL_MOD_INK: u64 = 52_660;
/// Base ink of `native_keccak256`.
pub const KECCAK_INK: u64 = 121_800;
/// Ink per 32-byte word of `native_keccak256` beyond the first two.
pub const KECCAK_WORD_INK: u64 = 21_000;

/// Gas a `storage_load_bytes32` requires to be left (`req 2115`): cold SLOAD plus the EVM-API gas.
pub const STORAGE_LOAD_REQUIRED_GAS: u64 = 2_115;
/// Gas `storage_cache_bytes32` requires to be left (`SSTORE_SENTRY_GAS + 10`).
pub const STORAGE_CACHE_REQUIRED_GAS: u64 = 2_310;
/// Gas `storage_flush_cache` requires to be left (`SSTORE_SENTRY_GAS`, EIP-2200).
pub const SSTORE_SENTRY_GAS: u64 = 2_300;
/// Gas `account_balance` / `account_codehash` / `account_code` require (`COLD_ACCOUNT_ACCESS_COST`).
pub const COLD_ACCOUNT_GAS: u64 = 2_600;
/// Warm account / storage access (`WARM_STORAGE_READ_COST`, EIP-2929).
pub const WARM_ACCESS_GAS: u64 = 100;
/// Cold storage read (`COLD_SLOAD_COST`, EIP-2929).
pub const COLD_SLOAD_GAS: u64 = 2_100;
/// Extra gas of `account_code` / `account_code_size` (the EXTCODE* base cost, 700).
pub const EXT_CODE_BASE_GAS: u64 = 700;
/// Gas of a transient load or store (`WARM_STORAGE_READ_COST`, EIP-1153).
pub const TRANSIENT_GAS: u64 = 100;
/// Gas per topic of `emit_log` (`LOG_TOPIC_GAS`; the log itself counts as one more topic).
pub const LOG_TOPIC_GAS: u64 = 375;
/// Gas per data byte of `emit_log` (`LOG_DATA_GAS`).
pub const LOG_DATA_GAS: u64 = 8;
/// Gas of a call with value (`CALL_VALUE_TRANSFER_GAS`).
pub const CALL_VALUE_GAS: u64 = 9_000;
/// Gas of a call that sends value to an empty account (`CALL_NEW_ACCOUNT_GAS`).
pub const CALL_NEW_ACCOUNT_GAS: u64 = 25_000;
/// Stipend added to a call with value (`CALL_STIPEND`).
pub const CALL_STIPEND: u64 = 2_300;
/// Base gas of CREATE / CREATE2 (`CREATE_GAS`).
pub const CREATE_GAS: u64 = 32_000;
/// Gas per word of init code hashed by CREATE2 (`KECCAK256_WORD_GAS`).
pub const CREATE2_WORD_GAS: u64 = 6;

/// `W(n) = 5040 + 30·(n−32)⁺`: ink of writing `n` bytes into WASM memory (`write_price`).
pub const fn write_ink(bytes: u64) -> u64 {
    5_040 + 30 * bytes.saturating_sub(32)
}

/// `R(n) = 16381 + 55·(n−32)⁺`: ink of reading `n` bytes from WASM memory (`read_price`).
pub const fn read_ink(bytes: u64) -> u64 {
    16_381 + 55 * bytes.saturating_sub(32)
}

/// Ink of `math_pow` for an exponent with `leading_zero_bytes` leading zero bytes
/// (`23520 + 3000 + 17500·(33 − leading zero bytes)` per the pricing notes).
pub const fn math_pow_ink(leading_zero_bytes: u64) -> u64 {
    23_520 + 3_000 + 17_500 * (33 - leading_zero_bytes)
}

/// Ink of `native_keccak256` over `len` bytes: `121800 + 21000·(words − 2)⁺`.
pub const fn keccak_ink(len: u64) -> u64 {
    KECCAK_INK + KECCAK_WORD_INK * len.div_ceil(32).saturating_sub(2)
}

/// Storage-cache read tier: extra gas of the `n`-th load (0-based) in one invocation.
pub const fn storage_read_tier_gas(loads_so_far: u64) -> u64 {
    if loads_so_far < 32 {
        0
    } else if loads_so_far < 128 {
        2
    } else {
        10
    }
}

/// Storage-cache write tier: extra gas of the `n`-th write (0-based) in one invocation.
pub const fn storage_write_tier_gas(writes_so_far: u64) -> u64 {
    if writes_so_far < 8 {
        0
    } else if writes_so_far < 64 {
        7
    } else {
        10
    }
}

/// `memoryExponents` of `arbos/programs/memory.go`, copied verbatim (129 entries).
#[allow(clippy::unreadable_literal)] // kept digit-for-digit as in Nitro's source
const MEMORY_EXPONENTS: [u32; 129] = [
    1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 5, 6, 7, 8, 9, 11, 12, 14, 17, 19, 22, 25, 29, 33, 38,
    43, 50, 57, 65, 75, 85, 98, 112, 128, 147, 168, 193, 221, 253, 289, 331, 379, 434, 497, 569,
    651, 745, 853, 976, 1117, 1279, 1463, 1675, 1917, 2194, 2511, 2874, 3290, 3765, 4309, 4932,
    5645, 6461, 7395, 8464, 9687, 11087, 12689, 14523, 16621, 19024, 21773, 24919, 28521, 32642,
    37359, 42758, 48938, 56010, 64104, 73368, 83971, 96106, 109994, 125890, 144082, 164904, 188735,
    216010, 247226, 282953, 323844, 370643, 424206, 485509, 555672, 635973, 727880, 833067, 953456,
    1091243, 1248941, 1429429, 1636000, 1872423, 2143012, 2452704, 2807151, 3212820, 3677113,
    4208502, 4816684, 5512756, 6309419, 7221210, 8264766, 9459129, 10826093, 12390601, 14181199,
    16230562, 18576084, 21260563, 24332984, 27849408, 31873999,
];

fn memory_exp(pages: u16) -> u64 {
    MEMORY_EXPONENTS
        .get(usize::from(pages))
        .map_or(u64::MAX, |&value| u64::from(value))
}

/// `GasCost(new, open, ever)` of `arbos/programs/memory.go`: gas of opening `new` pages when
/// `open` pages are open and `ever` pages have ever been open in this transaction.
pub fn memory_gas_cost(new: u16, open: u16, ever: u16, free_pages: u16, page_gas: u64) -> u64 {
    let new_open = open.saturating_add(new);
    let new_ever = ever.max(new_open);
    if new_ever <= free_pages {
        return 0;
    }
    let sub_free = |pages: u16| pages.saturating_sub(free_pages);
    let adding = sub_free(new_open).saturating_sub(sub_free(open));
    let linear = u64::from(adding).saturating_mul(page_gas);
    let expand = memory_exp(new_ever).saturating_sub(memory_exp(ever));
    linear.saturating_add(expand)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_gas_is_free_within_the_free_pages() {
        assert_eq!(memory_gas_cost(2, 0, 0, FREE_PAGES, PAGE_GAS), 0);
    }

    #[test]
    fn memory_gas_charges_linear_and_exponential_parts() {
        // 3 pages from scratch: 1 non-free page · 1000 + EXP[3] − EXP[0] = 1000 + 0.
        assert_eq!(memory_gas_cost(3, 0, 0, FREE_PAGES, PAGE_GAS), 1_000);
        // 128 pages: 126 · 1000 + 31_873_999 − 1.
        assert_eq!(
            memory_gas_cost(128, 0, 0, FREE_PAGES, PAGE_GAS),
            126_000 + 31_873_998
        );
    }

    #[test]
    fn memory_gas_beyond_the_table_is_unpayable() {
        assert_eq!(memory_gas_cost(129, 0, 0, FREE_PAGES, PAGE_GAS), u64::MAX);
    }
}
