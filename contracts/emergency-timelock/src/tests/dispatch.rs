//! Differential tests: the WASM build's [`Dispatcher`] against the router
//! `#[public]` generates, on the same calldata and the same state.
//!
//! The functions and their argument types come from the committed ABI
//! (`abi/json/IEmergencyTimelock.json`), not from the dispatcher, so a
//! missing, misspelt or mistyped route shows up as a difference. Dynamic
//! arguments (`bytes`, `address[]`, `uint256[]`, `bytes[]`) are encoded as
//! Solidity encodes them, then some calldata has a word replaced by a small
//! number (an offset or length pointing elsewhere) or a random word, a byte
//! flipped, or its end moved.

use alloy_primitives::FixedBytes;
use guard_test_host::{
    calldata::{
        self, change_length, corrupt, corruptions, length_change, value, word_kind, AbiFunction,
        Corruption, Encoded, KnownValues, WordKind,
    },
    entry::{entries_agree, entry_calldata},
};
use proptest::prelude::*;
use stylus_sdk::{abi::Router, ArbResult};

use super::*;
use crate::{
    dispatch::Dispatcher,
    roles::{CANCELLER_ROLE, EXECUTOR_ROLE, GUARDIAN_ROLE, PROPOSER_ROLE},
};

fn abi_functions() -> Vec<AbiFunction> {
    let functions =
        calldata::abi_functions(include_str!("../../../../abi/json/IEmergencyTimelock.json"));
    assert_eq!(functions.len(), 33, "every function of IEmergencyTimelock");
    functions
}

/// The fixture's ready operation: `setConfig(1)` on `TARGET`, no value,
/// predecessor or salt.
fn ready_call() -> Bytes {
    set_config(1)
}

/// A timelock with `TARGET.pause` allowlisted, the operation of
/// [`ready_call`] ready and a second one waiting, and `TARGET` answering
/// both calls.
fn fixture() -> (TestVM, EmergencyTimelock) {
    let (vm, mut tl) = setup();
    govern(
        &vm,
        &mut tl,
        ITimelock::setEmergencyCallCall {
            target: TARGET,
            selector: PAUSE,
            allowed: true,
        }
        .abi_encode(),
        salt(0xee),
    )
    .unwrap();
    schedule(&vm, &mut tl, TARGET, &ready_call(), B256::ZERO);
    vm.set_block_timestamp(vm.block_timestamp() + DELAY);
    schedule(&vm, &mut tl, TARGET, &set_config(2), salt(2));
    vm.mock_call(TARGET, ready_call().to_vec(), Ok(vec![]));
    vm.mock_call(TARGET, pause_call().to_vec(), Ok(vec![]));
    vm.clear_calls();
    (vm, tl)
}

/// One ABI argument.
#[derive(Clone, Debug)]
enum Arg {
    /// A static value's word.
    Word([u8; 32]),
    /// `bytes`.
    Bytes(Vec<u8>),
    /// `address[]` / `uint256[]`.
    Words(Vec<[u8; 32]>),
    /// `bytes[]`.
    BytesList(Vec<Vec<u8>>),
}

fn usize_word(n: usize) -> [u8; 32] {
    U256::from(n).to_be_bytes()
}

/// `bytes` contents: the length word and the data padded to whole words.
fn bytes_tail(data: &[u8]) -> Vec<u8> {
    let mut out = usize_word(data.len()).to_vec();
    out.extend_from_slice(data);
    out.resize(32 + data.len().next_multiple_of(32), 0);
    out
}

impl Arg {
    /// The argument as a head word or a tail.
    fn encoded(&self) -> Encoded {
        match self {
            Arg::Word(word) => Encoded::Word(*word),
            Arg::Bytes(data) => Encoded::Tail(bytes_tail(data)),
            Arg::Words(words) => {
                let mut out = usize_word(words.len()).to_vec();
                out.extend(words.iter().flatten());
                Encoded::Tail(out)
            }
            Arg::BytesList(list) => {
                // The length, then the elements encoded as a sequence of
                // `bytes` in the zone after it.
                let mut out = usize_word(list.len()).to_vec();
                let elements: Vec<Encoded> = list
                    .iter()
                    .map(|data| Encoded::Tail(bytes_tail(data)))
                    .collect();
                out.extend(calldata::encode(&elements));
                Encoded::Tail(out)
            }
        }
    }
}

/// The Solidity encoding of `args`.
fn encode(args: &[Arg]) -> Vec<u8> {
    calldata::encode(&args.iter().map(Arg::encoded).collect::<Vec<_>>())
}

/// The values the fixture knows.
fn known() -> KnownValues<'static> {
    const ADDRESSES: [Address; 7] = [
        TARGET,
        PROPOSER,
        EXECUTOR,
        GUARDIAN,
        STRANGER,
        OTHER_TARGET,
        Address::ZERO,
    ];
    const WORDS: [B256; 7] = [
        B256::ZERO,
        PROPOSER_ROLE,
        CANCELLER_ROLE,
        EXECUTOR_ROLE,
        GUARDIAN_ROLE,
        B256::with_last_byte(2),
        B256::repeat_byte(0x5a),
    ];
    KnownValues {
        addresses: &ADDRESSES,
        words: &WORDS,
    }
}

/// Draws the values of one call's arguments.
struct Draw {
    kinds: std::vec::IntoIter<WordKind>,
    randoms: std::vec::IntoIter<[u8; 32]>,
}

impl Draw {
    fn kind(&mut self) -> WordKind {
        self.kinds.next().unwrap()
    }

    fn random(&mut self) -> [u8; 32] {
        self.randoms.next().unwrap()
    }

    /// One word of the static type `ty`.
    fn word(&mut self, ty: &str) -> [u8; 32] {
        let (kind, random) = (self.kind(), self.random());
        match (ty, kind) {
            ("bytes4", WordKind::Known(i)) => {
                let selectors = [PAUSE, FixedBytes(ITarget::setConfigCall::SELECTOR)];
                B256::right_padding_from(selectors[i % 2].as_slice()).0
            }
            ("bytes4", WordKind::Random) => B256::right_padding_from(&random[..4]).0,
            ("bool", WordKind::Known(i)) => usize_word(i % 2),
            ("bool", WordKind::Random) => usize_word(usize::from(random[31] & 1)),
            ("bytes4" | "bool", WordKind::Dirty) => random,
            _ => calldata::word(ty, kind, random, known()),
        }
    }

    /// `bytes` contents: the fixture's calls, empty or random.
    fn data(&mut self) -> Vec<u8> {
        let random = self.random();
        match self.kind() {
            WordKind::Known(i) => {
                [ready_call(), pause_call(), set_config(2), Bytes::new()][i % 4].to_vec()
            }
            WordKind::Random => random[..usize::from(random[0] % 33)].to_vec(),
            WordKind::Dirty => random.to_vec(),
        }
    }

    /// An array length: mostly 1 (the fixture's batches), 0 or 2.
    fn length(&mut self) -> usize {
        match self.kind() {
            WordKind::Known(_) => 1,
            WordKind::Random => 0,
            WordKind::Dirty => 2,
        }
    }

    fn arg(&mut self, ty: &str) -> Arg {
        match ty {
            "bytes" => Arg::Bytes(self.data()),
            "bytes[]" => {
                let n = self.length();
                Arg::BytesList((0..n).map(|_| self.data()).collect())
            }
            _ => match ty.strip_suffix("[]") {
                Some(element) => {
                    let n = self.length();
                    Arg::Words((0..n).map(|_| self.word(element)).collect())
                }
                None => Arg::Word(self.word(ty)),
            },
        }
    }
}

/// The outcome of one call: return or revert data, the logs emitted, the
/// calls made and the storage after it.
type Outcome = (
    Option<ArbResult>,
    Vec<(Vec<B256>, Vec<u8>)>,
    Vec<guard_test_host::RecordedCall>,
    Vec<(U256, B256)>,
);

type Route = fn(&mut EmergencyTimelock, u32, &[u8]) -> Option<ArbResult>;

/// Runs `route` on a fresh fixture with `sender` and `value`.
fn run(route: Route, sender: Address, value: U256, selector: u32, input: &[u8]) -> Outcome {
    let (vm, mut tl) = fixture();
    let before = vm.get_emitted_logs().len();
    vm.set_sender(sender);
    vm.set_value(value);
    let output = route(&mut tl, selector, input);
    let logs = vm.get_emitted_logs().split_off(before);
    let mut storage: Vec<(U256, B256)> = vm.snapshot().storage.into_iter().collect();
    storage.sort();
    (output, logs, vm.calls(), storage)
}

fn sdk_route(tl: &mut EmergencyTimelock, selector: u32, input: &[u8]) -> Option<ArbResult> {
    <EmergencyTimelock as Router<EmergencyTimelock>>::route(tl, selector, input)
}

fn dispatcher_route(tl: &mut EmergencyTimelock, selector: u32, input: &[u8]) -> Option<ArbResult> {
    <Dispatcher as Router<EmergencyTimelock>>::route(tl, selector, input)
}

fn sender() -> impl Strategy<Value = Address> {
    prop::sample::select(vec![PROPOSER, EXECUTOR, GUARDIAN, STRANGER])
}

/// The calldata of `function` drawn from `kinds` and `randoms` (enough for
/// any function of this ABI), then corrupted and cut or extended.
fn generated_input(
    function: &AbiFunction,
    kinds: Vec<WordKind>,
    randoms: Vec<[u8; 32]>,
    corruptions: &[Corruption],
    change: i64,
) -> Vec<u8> {
    let mut draw = Draw {
        kinds: kinds.into_iter(),
        randoms: randoms.into_iter(),
    };
    let args: Vec<Arg> = function.inputs.iter().map(|ty| draw.arg(ty)).collect();
    change_length(corrupt(encode(&args), corruptions), change)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_024))]

    #[test]
    fn dispatcher_answers_every_function_as_the_sdk_router_does(
        index in 0usize..33,
        kinds in prop::collection::vec(word_kind(), 40),
        randoms in prop::collection::vec(any::<[u8; 32]>(), 40),
        corruptions in corruptions(),
        change in length_change(),
        sender in sender(),
        value in value(),
    ) {
        let function = &abi_functions()[index];
        let input = generated_input(function, kinds, randoms, &corruptions, change);
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
        kinds in prop::collection::vec(word_kind(), 12),
        randoms in prop::collection::vec(any::<[u8; 32]>(), 12),
        corruptions in corruptions(),
        change in length_change(),
        value in value(),
        already_constructed in any::<bool>(),
    ) {
        let constructor = AbiFunction {
            signature: "constructor(uint256,address[],address[],address)".into(),
            selector: 0,
            inputs: ["uint256", "address[]", "address[]", "address"].map(String::from).to_vec(),
        };
        let input = generated_input(&constructor, kinds, randoms, &corruptions, change);
        let construct = |route: fn(&mut EmergencyTimelock, &[u8]) -> Option<ArbResult>| {
            let vm = TestVM::new();
            let mut tl = EmergencyTimelock::from(&vm);
            if already_constructed {
                tl.constructor(U256::from(DELAY), vec![PROPOSER], vec![EXECUTOR], GUARDIAN)
                    .unwrap();
            }
            let before = vm.get_emitted_logs().len();
            vm.set_sender(STRANGER);
            vm.set_value(value);
            let output = route(&mut tl, &input);
            // A second call must find the constructor slot as the first left it.
            vm.set_value(U256::ZERO);
            let again = route(&mut tl, &input);
            let mut storage: Vec<(U256, B256)> = vm.snapshot().storage.into_iter().collect();
            storage.sort();
            (output, again, vm.get_emitted_logs().split_off(before), storage)
        };
        let sdk = construct(<EmergencyTimelock as Router<EmergencyTimelock>>::constructor);
        let dispatched = construct(<Dispatcher as Router<EmergencyTimelock>>::constructor);
        prop_assert_eq!(dispatched, sdk);
    }
}

/// Calls that succeed, so that every path past the router is compared too
/// (random calldata reaches them only by chance).
#[test]
fn dispatcher_runs_successful_calls_as_the_sdk_router_does() {
    let target = Arg::Word(TARGET.into_word().0);
    let zero = Arg::Word([0; 32]);
    let week = Arg::Word(usize_word(7 * 86_400));
    let one = |arg: &Arg| match arg {
        Arg::Word(word) => Arg::Words(vec![*word]),
        Arg::Bytes(data) => Arg::BytesList(vec![data.clone()]),
        _ => unreachable!(),
    };
    let ready = Arg::Bytes(ready_call().to_vec());
    let cases: Vec<(&str, Address, U256, Vec<Arg>)> = vec![
        (
            "schedule",
            PROPOSER,
            U256::ZERO,
            vec![
                target.clone(),
                zero.clone(),
                ready.clone(),
                zero.clone(),
                Arg::Word(salt(9).0),
                week.clone(),
            ],
        ),
        (
            "scheduleBatch",
            PROPOSER,
            U256::ZERO,
            vec![
                one(&target),
                one(&zero),
                one(&ready),
                zero.clone(),
                Arg::Word(salt(9).0),
                week,
            ],
        ),
        (
            "execute",
            EXECUTOR,
            U256::ZERO,
            vec![
                target.clone(),
                zero.clone(),
                ready.clone(),
                zero.clone(),
                zero.clone(),
            ],
        ),
        (
            "executeEmergency",
            GUARDIAN,
            U256::ZERO,
            vec![
                target.clone(),
                zero.clone(),
                Arg::Bytes(pause_call().to_vec()),
            ],
        ),
        (
            "cancel",
            PROPOSER,
            U256::ZERO,
            vec![Arg::Word(hash_operation_id(&set_config(2), salt(2)).0)],
        ),
        (
            "hashOperationBatch",
            STRANGER,
            U256::ZERO,
            vec![
                one(&target),
                one(&zero),
                one(&ready),
                zero.clone(),
                zero.clone(),
            ],
        ),
        (
            "isEmergencyCall",
            STRANGER,
            U256::ZERO,
            vec![
                target.clone(),
                Arg::Word(B256::right_padding_from(PAUSE.as_slice()).0),
            ],
        ),
        ("getPendingMinDelay", STRANGER, U256::ZERO, vec![]),
    ];
    let functions = abi_functions();
    for (name, sender, value, args) in cases {
        let function = functions
            .iter()
            .find(|f| f.signature.starts_with(&format!("{name}(")))
            .unwrap();
        let input = encode(&args);
        let sdk = run(sdk_route, sender, value, function.selector, &input);
        let dispatched = run(dispatcher_route, sender, value, function.selector, &input);
        assert!(matches!(sdk.0, Some(Ok(_))), "{name} succeeds: {:?}", sdk.0);
        assert_eq!(dispatched, sdk, "{name}");
    }
}

/// The id of `(TARGET, 0, data, 0, salt)`.
fn hash_operation_id(data: &Bytes, s: B256) -> B256 {
    let (_vm, tl) = setup();
    tl.hash_operation(TARGET, U256::ZERO, data.clone(), B256::ZERO, s)
}

proptest! {
    /// The WASM entry splits calldata as the SDK's does: empty calldata
    /// (`receive`, with or without value), short calldata, the constructor
    /// selector, every function, unknown selectors; on the fixture and on an
    /// unconstructed timelock.
    #[test]
    fn route_calldata_enters_as_the_sdk_entrypoint_does(
        input in entry_calldata(
            abi_functions().iter().map(|f| f.selector).collect(),
            TARGET.into_word().0,
        ),
        constructed in any::<bool>(),
        sender in sender(),
        value in value(),
    ) {
        let fixture = || if constructed { fixture().0 } else { TestVM::new() };
        entries_agree::<Dispatcher, EmergencyTimelock>(fixture, sender, value, &input)?;
    }
}

#[test]
fn dispatcher_receives_value_and_has_no_fallback_like_the_sdk_router() {
    let (vm, mut tl) = fixture();
    vm.set_value(U256::from(5));
    assert_eq!(
        <Dispatcher as Router<EmergencyTimelock>>::receive(&mut tl),
        <EmergencyTimelock as Router<EmergencyTimelock>>::receive(&mut tl)
    );
    assert_eq!(
        <Dispatcher as Router<EmergencyTimelock>>::receive(&mut tl),
        Some(Ok(()))
    );
    for calldata in [&[][..], &[1, 2, 3][..], &[0xde, 0xad, 0xbe, 0xef, 0][..]] {
        assert_eq!(
            <Dispatcher as Router<EmergencyTimelock>>::fallback(&mut tl, calldata),
            <EmergencyTimelock as Router<EmergencyTimelock>>::fallback(&mut tl, calldata)
        );
    }
}
