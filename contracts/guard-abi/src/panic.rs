//! The contracts' panic handler (feature `stylus`, WASM builds only).
//!
//! The contracts are `no_std` and link no `std`, so one crate of each
//! contract's graph must define `#[panic_handler]`; this is it. A panic
//! traps: the WASM `unreachable` instruction ends the call as a revert with
//! empty return data, exactly as the `std` handler with `panic = "abort"`
//! did, without linking `core::fmt` to format a message nobody can read.
//!
//! Host builds (unit tests, the `export-abi` binary) use `std`'s handler, and
//! so does a WASM build with the `export-abi` feature, which links `std`.

#[panic_handler]
fn trap(_info: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}
