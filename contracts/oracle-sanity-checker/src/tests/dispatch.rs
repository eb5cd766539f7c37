//! Differential tests: the WASM build's [`Dispatcher`] against the router
//! `#[public]` generates, on the same calldata and the same state.
//!
//! The functions and their argument types come from the committed ABI
//! (`abi/json/IOracleSanityChecker.json`), not from the dispatcher, so a missing,
//! misspelt or mistyped route shows up as a difference.

use alloy_primitives::{Address, B256, U256};
use guard_test_host::calldata::{
    self, arguments, length_change, value, word_kind, AbiFunction, KnownValues, WordKind,
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

/// Logs emitted: topics and data of each.
type Logs = Vec<(Vec<B256>, Vec<u8>)>;

/// The outcome of one call: return or revert data, and the logs emitted.
type Outcome = (Option<ArbResult>, Logs);

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

/// Enters the contract with `input` as the WASM build does
/// (`guard_abi::entry::route_calldata`, `ours`) or as the SDK's
/// `router_entrypoint` does, both routing with the [`Dispatcher`], on a fresh
/// recorded fixture; returns the result, the logs and the admin after.
fn enter(ours: bool, constructed: bool, input: &[u8]) -> (ArbResult, Logs, Address) {
    let (vm, checker) = if constructed {
        setup_recorded()
    } else {
        let vm = super::TestVM::new();
        let checker = OracleSanityChecker::from(&vm);
        (vm, checker)
    };
    vm.set_sender(ADMIN);
    let host = stylus_sdk::host::VM {
        host: Box::new(vm.clone()),
    };
    let result = if ours {
        guard_abi::entry::route_calldata::<Dispatcher, OracleSanityChecker>(input, host)
    } else {
        stylus_sdk::abi::router_entrypoint::<Dispatcher, OracleSanityChecker>(input.to_vec(), host)
    };
    (result, vm.get_emitted_logs(), checker.admin())
}

proptest! {
    /// The entry splits calldata as the SDK's does: empty and short calldata,
    /// the constructor selector, every function and unknown selectors.
    #[test]
    fn route_calldata_enters_as_the_sdk_entrypoint_does(
        head in prop_oneof![
            Just(Vec::new()),
            prop::collection::vec(any::<u8>(), 1..4),
            Just(stylus_sdk::abi::CONSTRUCTOR_SELECTOR.to_be_bytes().to_vec()),
            prop::sample::select(abi_functions()).prop_map(|f| f.selector.to_be_bytes().to_vec()),
            any::<[u8; 4]>().prop_map(|s| s.to_vec()),
        ],
        tail in prop::collection::vec(any::<u8>(), 0..120),
        market_argument in any::<bool>(),
        constructed in any::<bool>(),
    ) {
        let mut input = head.clone();
        if head.len() == 4 && market_argument {
            input.extend_from_slice(MARKET.as_slice());
        }
        input.extend_from_slice(&tail);
        prop_assert_eq!(enter(true, constructed, &input), enter(false, constructed, &input));
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
