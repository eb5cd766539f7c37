//! Differential tests: the WASM build's [`Dispatcher`] against the router
//! `#[public]` generates, on the same calldata and the same state.
//!
//! The functions and their argument types come from the committed ABI
//! (`abi/json/IOracleSanityChecker.json`), not from the dispatcher, so a missing,
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

use super::{
    setup_recorded, ADMIN, GUARDIAN, MARKET, PRIMARY, REFERENCE, SEQUENCER, STRANGER, TVL,
};
use crate::{dispatch::Dispatcher, OracleSanityChecker};

fn abi_functions() -> Vec<AbiFunction> {
    let functions = calldata::abi_functions(include_str!(
        "../../../../abi/json/IOracleSanityChecker.json"
    ));
    assert_eq!(
        functions.len(),
        23,
        "every function of IOracleSanityChecker"
    );
    functions
}

/// One argument word of type `ty`, known values from the fixture.
fn word(ty: &str, kind: WordKind, random: [u8; 32]) -> [u8; 32] {
    let known = KnownValues {
        addresses: &[
            ADMIN,
            GUARDIAN,
            STRANGER,
            PRIMARY,
            REFERENCE,
            SEQUENCER,
            TVL,
            Address::ZERO,
        ],
        words: &[MARKET, B256::repeat_byte(0x22), B256::ZERO],
    };
    calldata::word(ty, kind, random, known)
}

/// The words of one argument of type `ty` (a `T[3]` is three `T` words),
/// drawn from `kinds` and `randoms`.
fn argument_words(
    ty: &str,
    kinds: &mut impl Iterator<Item = WordKind>,
    randoms: &mut impl Iterator<Item = [u8; 32]>,
) -> Vec<[u8; 32]> {
    let (element, count) = match ty.strip_suffix("[3]") {
        Some(element) => (element, 3),
        None => (ty, 1),
    };
    (0..count)
        .map(|_| word(element, kinds.next().unwrap(), randoms.next().unwrap()))
        .collect()
}

/// The outcome of one call: return or revert data, and the logs emitted.
type Outcome = (Option<ArbResult>, Vec<(Vec<B256>, Vec<u8>)>);

/// Runs `route` on a fresh fixture with `sender` and `value`.
fn run(
    route: fn(&mut OracleSanityChecker, u32, &[u8]) -> Option<ArbResult>,
    sender: Address,
    value: U256,
    selector: u32,
    input: &[u8],
) -> Outcome {
    // A configured market with one recorded round, so that the reading,
    // recording and breaker paths have something to act on.
    let (vm, mut checker) = setup_recorded();
    let before = vm.get_emitted_logs().len();
    vm.set_sender(sender);
    vm.set_value(value);
    let output = route(&mut checker, selector, input);
    let logs = vm.get_emitted_logs().split_off(before);
    (output, logs)
}

fn sdk_route(checker: &mut OracleSanityChecker, selector: u32, input: &[u8]) -> Option<ArbResult> {
    <OracleSanityChecker as Router<OracleSanityChecker>>::route(checker, selector, input)
}

fn dispatcher_route(
    checker: &mut OracleSanityChecker,
    selector: u32,
    input: &[u8],
) -> Option<ArbResult> {
    <Dispatcher as Router<OracleSanityChecker>>::route(checker, selector, input)
}

fn sender() -> impl Strategy<Value = Address> {
    prop::sample::select(vec![ADMIN, GUARDIAN, STRANGER])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_024))]

    #[test]
    fn dispatcher_answers_every_function_as_the_sdk_router_does(
        index in 0usize..22,
        kinds in prop::collection::vec(word_kind(), 13),
        randoms in prop::collection::vec(any::<[u8; 32]>(), 13),
        change in length_change(),
        sender in sender(),
        value in value(),
    ) {
        let function = &abi_functions()[index];
        let (mut kinds, mut randoms) = (kinds.into_iter(), randoms.into_iter());
        let words: Vec<[u8; 32]> = function
            .inputs
            .iter()
            .flat_map(|ty| argument_words(ty, &mut kinds, &mut randoms))
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
        let construct = |route: fn(&mut OracleSanityChecker, &[u8]) -> Option<ArbResult>| {
            let vm = super::TestVM::new();
            let mut checker = OracleSanityChecker::from(&vm);
            if already_constructed {
                checker.constructor(ADMIN, GUARDIAN, SEQUENCER).unwrap();
            }
            let before = vm.get_emitted_logs().len();
            vm.set_sender(STRANGER);
            vm.set_value(value);
            let output = route(&mut checker, &input);
            // A second call must find the constructor slot as the first left it.
            vm.set_value(U256::ZERO);
            let again = route(&mut checker, &input);
            (output, again, vm.get_emitted_logs().split_off(before), checker.admin())
        };
        let sdk = construct(<OracleSanityChecker as Router<OracleSanityChecker>>::constructor);
        let dispatched = construct(<Dispatcher as Router<OracleSanityChecker>>::constructor);
        prop_assert_eq!(dispatched, sdk);
    }
}

proptest! {
    /// The WASM entry splits calldata as the SDK's does: empty and short
    /// calldata, the constructor selector, every function, unknown
    /// selectors; on a recorded fixture and on an unconstructed contract.
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
        let fixture = || if constructed { setup_recorded().0 } else { super::TestVM::new() };
        entries_agree::<Dispatcher, OracleSanityChecker>(fixture, sender, value, &input)?;
    }
}

#[test]
fn dispatcher_has_no_receive_or_fallback_like_the_sdk_router() {
    let (_vm, mut checker) = setup_recorded();
    assert_eq!(
        <Dispatcher as Router<OracleSanityChecker>>::receive(&mut checker),
        <OracleSanityChecker as Router<OracleSanityChecker>>::receive(&mut checker)
    );
    for calldata in [&[][..], &[1, 2, 3][..], &[0xde, 0xad, 0xbe, 0xef, 0][..]] {
        assert_eq!(
            <Dispatcher as Router<OracleSanityChecker>>::fallback(&mut checker, calldata),
            <OracleSanityChecker as Router<OracleSanityChecker>>::fallback(&mut checker, calldata)
        );
    }
}
