//! The contracts' WASM entry against the SDK's: each contract's
//! `tests::dispatch` checks that `guard_abi::entry::route_calldata` answers
//! every calldata as `stylus_sdk::abi::router_entrypoint` does, with the
//! contract's own router.

use core::borrow::BorrowMut;

use alloy_primitives::{Address, B256, U256};
use proptest::prelude::*;
use stylus_sdk::{
    abi::{router_entrypoint, Router, CONSTRUCTOR_SELECTOR},
    host::VM,
    storage::StorageType,
    stylus_core::{storage::TopLevelStorage, ValueDenier},
    ArbResult,
};

use crate::GuardHost;

/// Whole calldata as an entry sees it: empty; one to three bytes; or a
/// selector — the constructor's, one of `selectors`, or any four bytes —
/// followed by, sometimes, `argument` (a plausible first argument word) and
/// up to 120 random bytes.
pub fn entry_calldata(selectors: Vec<u32>, argument: [u8; 32]) -> impl Strategy<Value = Vec<u8>> {
    let selector = prop_oneof![
        Just(CONSTRUCTOR_SELECTOR),
        prop::sample::select(selectors),
        any::<u32>(),
    ];
    let called = (
        selector,
        any::<bool>(),
        prop::collection::vec(any::<u8>(), 0..120),
    )
        .prop_map(move |(selector, with_argument, tail)| {
            let mut input = selector.to_be_bytes().to_vec();
            if with_argument {
                input.extend_from_slice(&argument);
            }
            input.extend(tail);
            input
        });
    prop_oneof![
        1 => Just(Vec::new()),
        1 => prop::collection::vec(any::<u8>(), 1..4),
        6 => called,
    ]
}

/// What entering a contract left: the result and the logs (topics, data).
type Entered = (ArbResult, Vec<(Vec<B256>, Vec<u8>)>);

/// Enters the contract `S` with `input` on a fresh `fixture`, from `sender`
/// with `value`: through `guard_abi::entry::route_calldata` (`ours`) or the
/// SDK's `router_entrypoint`, both routing with `R`.
fn enter<R, S>(
    ours: bool,
    fixture: impl Fn() -> GuardHost,
    sender: Address,
    value: U256,
    input: &[u8],
) -> Entered
where
    R: Router<S>,
    S: StorageType + TopLevelStorage + BorrowMut<R::Storage> + ValueDenier,
{
    let vm = fixture();
    vm.set_sender(sender);
    vm.set_value(value);
    let before = vm.get_emitted_logs().len();
    let host = VM {
        host: Box::new(vm.clone()),
    };
    let result = if ours {
        guard_abi::entry::route_calldata::<R, S>(input, host)
    } else {
        router_entrypoint::<R, S>(input.to_vec(), host)
    };
    (result, vm.get_emitted_logs().split_off(before))
}

/// Fails the proptest case unless both entries answer `input` alike (see
/// `enter`).
///
/// # Errors
/// A proptest failure naming the calldata.
pub fn entries_agree<R, S>(
    fixture: impl Fn() -> GuardHost,
    sender: Address,
    value: U256,
    input: &[u8],
) -> Result<(), TestCaseError>
where
    R: Router<S>,
    S: StorageType + TopLevelStorage + BorrowMut<R::Storage> + ValueDenier,
{
    let ours = enter::<R, S>(true, &fixture, sender, value, input);
    let sdk = enter::<R, S>(false, &fixture, sender, value, input);
    prop_assert_eq!(ours, sdk, "calldata {:02x?}", input);
    Ok(())
}
