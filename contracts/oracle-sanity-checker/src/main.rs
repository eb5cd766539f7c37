//! Entry point of the `export-abi` binary: `cargo stylus export-abi` runs it
//! to print the contract's Solidity interface.
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]

#[cfg(not(any(test, feature = "export-abi")))]
#[unsafe(no_mangle)]
pub extern "C" fn main() {}

#[cfg(feature = "export-abi")]
fn main() {
    oracle_sanity_checker::print_from_args();
}
