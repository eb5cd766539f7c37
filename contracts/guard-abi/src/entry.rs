//! The contracts' WASM entry: calldata to a [`Router`] (feature `stylus`).
//!
//! [`route_calldata`] does what the SDK's `stylus_sdk::abi::router_entrypoint`
//! does, in the same order, for any router: empty calldata goes to
//! `receive`, then `fallback`, else an empty revert; calldata of four or more
//! bytes goes to the constructor (the SDK's constructor selector) or the
//! routed function; anything not answered goes to `fallback`, else an empty
//! revert. It differs only in code: the SDK slices the calldata with
//! indexing that can panic (never for these lengths, but the panic path and
//! its messages stay linked into every contract); this splits it with
//! `split_first_chunk`, which cannot.
//!
//! Each contract's `tests::dispatch` runs both on the same calldata.

use alloc::vec::Vec;
use core::borrow::BorrowMut;

use alloy_primitives::U256;
use stylus_sdk::{
    abi::{Router, CONSTRUCTOR_SELECTOR},
    host::VM,
    storage::StorageType,
    stylus_core::{storage::TopLevelStorage, ValueDenier},
    ArbResult,
};

/// Routes `input` (a call's whole calldata) to `R` on the contract `S`, as
/// `stylus_sdk::abi::router_entrypoint` does (see the module docs).
pub fn route_calldata<R, S>(input: &[u8], host: VM) -> ArbResult
where
    R: Router<S>,
    S: StorageType + TopLevelStorage + BorrowMut<R::Storage> + ValueDenier,
{
    // SAFETY: as in `router_entrypoint`: the contract's storage starts at
    // slot 0, offset 0, and this is its only top-level instance.
    #[allow(unsafe_code)]
    let mut storage = unsafe { S::new(U256::ZERO, 0, host) };
    if input.is_empty() {
        if let Some(result) = R::receive(&mut storage) {
            return result.map(|()| Vec::new());
        }
    } else if let Some((selector, args)) = input.split_first_chunk::<4>() {
        let selector = u32::from_be_bytes(*selector);
        let routed = if selector == CONSTRUCTOR_SELECTOR {
            R::constructor(&mut storage, args)
        } else {
            R::route(&mut storage, selector, args)
        };
        if let Some(result) = routed {
            return result;
        }
    }
    R::fallback(&mut storage, input).unwrap_or_else(|| Err(Vec::new()))
}
