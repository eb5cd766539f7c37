//! Entry point of the `export-abi` binary: `cargo stylus export-abi` runs it
//! to print the contract's Solidity interface.
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]
// The wasm build needs an exported `main` symbol; `no_mangle` is the only way.
#![allow(unsafe_code)]

#[cfg(not(any(test, feature = "export-abi")))]
/// Placeholder `main` for the wasm build (the entrypoint is `user_entrypoint`).
#[unsafe(no_mangle)]
pub extern "C" fn main() {}

#[cfg(feature = "export-abi")]
fn main() {
    emergency_timelock::print_from_args();
}
