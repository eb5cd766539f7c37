//! Differential tests: the WASM build's [`Dispatcher`] against the router
//! `#[public]` generates, on the same calldata and the same state.
//!
//! The functions and their argument types come from the committed ABI
//! (`abi/json/IPauseRegistry.json`), not from the dispatcher, so a missing,
//! misspelt or mistyped route shows up as a difference.

use alloy_primitives::{Address, B256, U256};
use guard_test_host::{
    calldata::{
        self, arguments, length_change, value, word_kind, AbiFunction, KnownValues, WordKind,
    },
    entry::{entries_agree, entry_calldata},
};
use proptest::prelude::*;
use stylus_sdk::{abi::Router, ArbResult};

use super::{setup, ADMIN, GLOBAL, GUARDIAN, MARKET, ORACLE, OTHER_MARKET, SENTINEL, STRANGER, T0};
use crate::{dispatch::Dispatcher, PauseRegistry};

fn abi_functions() -> Vec<AbiFunction> {
    let functions =
        calldata::abi_functions(include_str!("../../../../abi/json/IPauseRegistry.json"));
    assert_eq!(functions.len(), 29, "every function of IPauseRegistry");
    functions
}

/// One argument word of type `ty`, known values from the fixture.
fn word(ty: &str, kind: WordKind, random: [u8; 32]) -> [u8; 32] {
    let known = KnownValues {
        addresses: &[ADMIN, GUARDIAN, SENTINEL, STRANGER, ORACLE, Address::ZERO],
        words: &[MARKET, OTHER_MARKET, GLOBAL],
    };
    calldata::word(ty, kind, random, known)
}

/// The outcome of one call: return or revert data, and the logs emitted.
type Outcome = (Option<ArbResult>, Vec<(Vec<B256>, Vec<u8>)>);

/// Runs `route` on a fresh fixture with `sender` and `value`.
fn run(
    route: fn(&mut PauseRegistry, u32, &[u8]) -> Option<ArbResult>,
    sender: Address,
    value: U256,
    selector: u32,
    input: &[u8],
) -> Outcome {
    let (vm, mut registry) = setup();
    // A market with a pause and an open incident, so that the lifting,
    // closing and reading paths have something to act on.
    vm.set_sender(GUARDIAN);
    registry.pause(MARKET, 0b101, 3_600, B256::ZERO).unwrap();
    registry.declare_incident(MARKET, T0).unwrap();
    let before = vm.get_emitted_logs().len();
    vm.set_sender(sender);
    vm.set_value(value);
    let output = route(&mut registry, selector, input);
    let logs = vm.get_emitted_logs().split_off(before);
    (output, logs)
}

fn sdk_route(registry: &mut PauseRegistry, selector: u32, input: &[u8]) -> Option<ArbResult> {
    <PauseRegistry as Router<PauseRegistry>>::route(registry, selector, input)
}

fn dispatcher_route(
    registry: &mut PauseRegistry,
    selector: u32,
    input: &[u8],
) -> Option<ArbResult> {
    <Dispatcher as Router<PauseRegistry>>::route(registry, selector, input)
}

fn sender() -> impl Strategy<Value = Address> {
    prop::sample::select(vec![ADMIN, GUARDIAN, SENTINEL, STRANGER])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_024))]

    #[test]
    fn dispatcher_answers_every_function_as_the_sdk_router_does(
        index in 0usize..29,
        kinds in prop::collection::vec(word_kind(), 4),
        randoms in prop::collection::vec(any::<[u8; 32]>(), 4),
        change in length_change(),
        sender in sender(),
        value in value(),
    ) {
        let function = &abi_functions()[index];
        let words: Vec<[u8; 32]> = function
            .inputs
            .iter()
            .enumerate()
            .map(|(i, ty)| word(ty, kinds[i], randoms[i]))
            .collect();
        let input = arguments(&words, change);
        let sdk = run(sdk_route, sender, value, function.selector, &input);
        let dispatched = run(dispatcher_route, sender, value, function.selector, &input);
        prop_assert!(sdk.0.is_some(), "{} is routed by the SDK", function.signature);
        prop_assert_eq!(dispatched, sdk, "{}", function.signature);
    }

    #[test]
    fn dispatcher_refuses_unknown_selectors_as_the_sdk_router_does(
        selector in any::<u32>(),
        input in prop::collection::vec(any::<u8>(), 0..100),
    ) {
        let sdk = run(sdk_route, STRANGER, U256::ZERO, selector, &input);
        let dispatched = run(dispatcher_route, STRANGER, U256::ZERO, selector, &input);
        prop_assert_eq!(dispatched, sdk);
    }

    #[test]
    fn dispatcher_runs_the_constructor_as_the_sdk_router_does(
        kinds in prop::collection::vec(word_kind(), 3),
        randoms in prop::collection::vec(any::<[u8; 32]>(), 3),
        change in length_change(),
        value in value(),
        already_constructed in any::<bool>(),
    ) {
        let words: Vec<[u8; 32]> = (0..3).map(|i| word("address", kinds[i], randoms[i])).collect();
        let input = arguments(&words, change);
        let construct = |route: fn(&mut PauseRegistry, &[u8]) -> Option<ArbResult>| {
            let vm = super::TestVM::new();
            let mut registry = PauseRegistry::from(&vm);
            if already_constructed {
                registry.constructor(ADMIN, GUARDIAN, ORACLE).unwrap();
            }
            let before = vm.get_emitted_logs().len();
            vm.set_sender(STRANGER);
            vm.set_value(value);
            let output = route(&mut registry, &input);
            // A second call must find the constructor slot as the first left it.
            vm.set_value(U256::ZERO);
            let again = route(&mut registry, &input);
            (output, again, vm.get_emitted_logs().split_off(before), registry.admin())
        };
        let sdk = construct(<PauseRegistry as Router<PauseRegistry>>::constructor);
        let dispatched = construct(<Dispatcher as Router<PauseRegistry>>::constructor);
        prop_assert_eq!(dispatched, sdk);
    }
}

proptest! {
    /// The WASM entry splits calldata as the SDK's does: empty and short
    /// calldata, the constructor selector, every function, unknown
    /// selectors; on a set-up registry and on an unconstructed one.
    #[test]
    fn route_calldata_enters_as_the_sdk_entrypoint_does(
        input in entry_calldata(
            abi_functions().iter().map(|f| f.selector).collect(),
            MARKET.0,
        ),
        constructed in any::<bool>(),
        sender in sender(),
        value in value(),
    ) {
        let fixture = || if constructed { setup().0 } else { super::TestVM::new() };
        entries_agree::<Dispatcher, PauseRegistry>(fixture, sender, value, &input)?;
    }
}

#[test]
fn dispatcher_has_no_receive_or_fallback_like_the_sdk_router() {
    let (_vm, mut registry) = setup();
    assert_eq!(
        <Dispatcher as Router<PauseRegistry>>::receive(&mut registry),
        <PauseRegistry as Router<PauseRegistry>>::receive(&mut registry)
    );
    for calldata in [&[][..], &[1, 2, 3][..], &[0xde, 0xad, 0xbe, 0xef, 0][..]] {
        assert_eq!(
            <Dispatcher as Router<PauseRegistry>>::fallback(&mut registry, calldata),
            <PauseRegistry as Router<PauseRegistry>>::fallback(&mut registry, calldata)
        );
    }
}
