//! Differential tests: the WASM build's [`Dispatcher`] against the router
//! `#[public]` generates, on the same calldata and the same state.
//!
//! The functions and their argument types come from the committed ABI
//! (`abi/json/IGuardianMultisig.json`), not from the dispatcher, so a
//! missing, misspelt or mistyped route shows up as a difference. Each call
//! runs on a fixture with pending, executable, emergency-lane, self-targeted,
//! reverting and executed proposals and an emergency allowlist entry, so the
//! functions' success paths are reached as well as their refusals; calls
//! the multisig makes to itself go through the router under test. The
//! answers compared are the return or revert data, the logs, the calls made
//! and the storage left.
//!
//! Arguments are ABI-encoded here (head, then the tails of the dynamic
//! `bytes` and `address[]` arguments): static words valid, random or dirty;
//! `bytes` empty, random, the calldata of known calls or signatures (valid
//! ones over the call's digest, by owners or not, in or out of order);
//! padding clean or dirty; then, in some cases, words overwritten (offsets
//! and lengths pointing anywhere), bytes flipped, the end cut or extended.

use std::sync::OnceLock;

use alloy_primitives::{Address, Bytes, B256, U256};
use alloy_sol_types::SolCall;
use guard_test_host::{
    calldata::{
        self, change_length, corrupt, corruptions, length_change, AbiFunction, Corruption, Encoded,
        WordKind,
    },
    entry::{entries_agree, entry_calldata},
};
use k256::ecdsa::SigningKey;
use proptest::prelude::*;
use stylus_sdk::{
    abi::{router_entrypoint, Router},
    host::VM,
    stylus_core::{AccountAccess, MessageAccess},
    ArbResult,
};

use super::{
    address_of, deploy, key, pause_call, set_config, sign, sign_all, sorted_keys, IMultisig,
    TestVM, LIFETIME, STRANGER, T0, TARGET,
};
use crate::{dispatch::Dispatcher, GuardianMultisig};

/// What the target answers to `setConfig(1)`: return data that is not a
/// whole number of words.
const RETURN_DATA: [u8; 37] = [0xab; 37];
/// What the target reverts with on `setConfig(2)`.
const REVERT_DATA: [u8; 5] = [0x08, 0xc3, 0x79, 0xa0, 0x01];

fn abi_functions() -> &'static [AbiFunction] {
    static FUNCTIONS: OnceLock<Vec<AbiFunction>> = OnceLock::new();
    FUNCTIONS.get_or_init(|| {
        let functions =
            calldata::abi_functions(include_str!("../../../../abi/json/IGuardianMultisig.json"));
        assert_eq!(functions.len(), 20, "every function of IGuardianMultisig");
        functions
    })
}

/// The function named `name` in the ABI.
fn abi_function(name: &str) -> &'static AbiFunction {
    abi_functions()
        .iter()
        .find(|f| f.signature.starts_with(&format!("{name}(")))
        .expect("a function of the ABI")
}

/// The fixture's keys: the three owners (sorted by address), then an
/// outsider.
fn keys() -> &'static [SigningKey] {
    static KEYS: OnceLock<Vec<SigningKey>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut keys = sorted_keys(3);
        keys.push(key(9));
        keys
    })
}

/// The address of `keys()[i]`.
fn account(i: usize) -> Address {
    address_of(&keys()[i])
}

/// The multisig's address in every fixture (the TestVM default).
fn multisig() -> Address {
    TestVM::new().contract_address()
}

/// The known values of `address` words: owners, outsider, others.
fn known_addresses() -> Vec<Address> {
    vec![
        account(0),
        account(1),
        account(2),
        account(3),
        TARGET,
        multisig(),
        STRANGER,
        Address::ZERO,
    ]
}

/// The known values of `uint256` words: proposal ids and thresholds
/// first (`word_kind` draws the first four twice as often), lifetimes in
/// and out of range, extremes.
fn known_uints() -> Vec<U256> {
    vec![
        U256::from(1),
        U256::from(2),
        U256::from(3),
        U256::from(4),
        U256::from(3_600),
        U256::from(LIFETIME),
        U256::ZERO,
        U256::from(5),
        U256::from(3_599),
        U256::from(30 * 86_400 + 1),
        U256::from(u64::MAX),
        U256::MAX,
    ]
}

/// The known values of `bytes4` words: the allowlisted selector, another
/// target selector, the multisig's own, zero.
fn known_selectors() -> Vec<[u8; 4]> {
    vec![
        pause_call()[..4].try_into().unwrap(),
        set_config(1)[..4].try_into().unwrap(),
        IMultisig::changeThresholdCall::SELECTOR,
        [0; 4],
    ]
}

/// The known values of `bytes` arguments: calls the target answers,
/// reverts or takes in the emergency lane, self-administration calls,
/// calldata too short for the emergency lane, nothing.
fn known_calls() -> Vec<Vec<u8>> {
    vec![
        Vec::new(),
        set_config(1).to_vec(),
        set_config(2).to_vec(),
        pause_call().to_vec(),
        IMultisig::changeThresholdCall {
            threshold: U256::from(1),
        }
        .abi_encode(),
        IMultisig::addOwnerCall {
            owner: account(3),
            threshold: U256::from(2),
        }
        .abi_encode(),
        IMultisig::removeOwnerCall {
            owner: account(2),
            threshold: U256::from(2),
        }
        .abi_encode(),
        IMultisig::setEmergencyCallCall {
            target: TARGET,
            selector: set_config(1)[..4].try_into().unwrap(),
            allowed: true,
        }
        .abi_encode(),
        vec![0xde, 0xad, 0xbe],
    ]
}

/// One static argument word of type `ty` (`address`, `uint256`, `bool`,
/// `bytes4`): a known or random valid value, or random bits in its padding.
fn word(ty: &str, kind: WordKind, random: [u8; 32]) -> [u8; 32] {
    let mut word = [0; 32];
    match (ty, kind) {
        (_, WordKind::Dirty) => return random,
        ("address", WordKind::Known(i)) => {
            let known = known_addresses();
            word = known[i % known.len()].into_word().0;
        }
        ("address", WordKind::Random) => word[12..].copy_from_slice(&random[12..]),
        ("uint256", WordKind::Known(i)) => {
            let known = known_uints();
            word = known[i % known.len()].to_be_bytes();
        }
        ("uint256", WordKind::Random) => word = random,
        ("bool", WordKind::Known(i)) => word[31] = u8::from(i % 2 == 1),
        ("bool", WordKind::Random) => word[31] = random[31] & 1,
        ("bytes4", WordKind::Known(i)) => {
            let known = known_selectors();
            word[..4].copy_from_slice(&known[i % known.len()]);
        }
        ("bytes4", WordKind::Random) => word[..4].copy_from_slice(&random[..4]),
        _ => panic!("{ty} is not a static type of this ABI"),
    }
    word
}

/// Mostly known values, some random, a few dirty (more known values than
/// `calldata::word_kind` draws).
fn word_kind() -> impl Strategy<Value = WordKind> {
    prop_oneof![
        4 => (0usize..16).prop_map(WordKind::Known),
        2 => Just(WordKind::Random),
        1 => Just(WordKind::Dirty),
    ]
}

/// How a `bytes` argument is made.
#[derive(Clone, Debug)]
enum BytesSeed {
    /// `known_calls()[i]`.
    Known(usize),
    /// Random bytes.
    Random(Vec<u8>),
    /// The signatures of `keys()[i]` for each `i`, over the digest of the
    /// call being executed (`executeWithSignatures`; a fixed digest
    /// elsewhere), at the current nonce or a stale one.
    Signatures { signers: Vec<usize>, stale: bool },
}

fn bytes_seed() -> impl Strategy<Value = BytesSeed> {
    prop_oneof![
        3 => (0usize..16).prop_map(BytesSeed::Known),
        1 => prop::collection::vec(any::<u8>(), 0..140).prop_map(BytesSeed::Random),
        // Mostly a set of owners, ascending by address (`keys()` lists the
        // owners so): valid when the set reaches the needed threshold.
        2 => (1u8..8).prop_map(|set| BytesSeed::Signatures {
            signers: (0..3).filter(|i| set & (1 << i) != 0).collect(),
            stale: false,
        }),
        // Sometimes owners or the outsider in any order, with duplicates,
        // perhaps at a stale nonce.
        1 => (prop::collection::vec(0usize..4, 0..4), any::<bool>())
            .prop_map(|(signers, stale)| BytesSeed::Signatures { signers, stale }),
    ]
}

/// How one argument is made; the fields its type does not use are ignored.
#[derive(Clone, Debug)]
struct ArgSeed {
    /// A static word's (or an array element's) kind.
    kind: WordKind,
    /// Random bits for a static word.
    random: [u8; 32],
    /// A `bytes` argument's contents.
    bytes: BytesSeed,
    /// Random bits in a `bytes` argument's padding.
    dirty_padding: bool,
    /// An `address[]` argument's elements.
    elements: Vec<(WordKind, [u8; 32])>,
}

fn arg_seed() -> impl Strategy<Value = ArgSeed> {
    let element = || (word_kind(), any::<[u8; 32]>());
    (
        word_kind(),
        any::<[u8; 32]>(),
        bytes_seed(),
        prop::bool::weighted(0.2),
        prop_oneof![
            6 => prop::collection::vec(element(), 0..5),
            1 => prop::collection::vec(element(), 19..23),
        ],
    )
        .prop_map(|(kind, random, bytes, dirty_padding, elements)| ArgSeed {
            kind,
            random,
            bytes,
            dirty_padding,
            elements,
        })
}

/// The tail of `bytes` `contents`: length, contents, padding (zero, or
/// random when `dirty`).
fn bytes_tail(contents: &[u8], dirty: bool, random: [u8; 32]) -> Vec<u8> {
    let mut tail = U256::from(contents.len()).to_be_bytes::<32>().to_vec();
    tail.extend_from_slice(contents);
    let padding = contents.len().next_multiple_of(32) - contents.len();
    if dirty {
        tail.extend_from_slice(&random[..padding]);
    } else {
        tail.resize(tail.len() + padding, 0);
    }
    tail
}

/// The digest the owners sign for the call `(target, value, data)` of
/// `executeWithSignatures`' head words, at `nonce`.
fn digest(target: [u8; 32], value: [u8; 32], data: &[u8], nonce: u64) -> B256 {
    let vm = TestVM::new();
    GuardianMultisig::from(&vm).get_transaction_hash(
        Address::from_word(B256::from(target)),
        U256::from_be_bytes(value),
        Bytes::copy_from_slice(data),
        U256::from(nonce),
    )
}

/// The contents of a `bytes` argument; `call` is `(target, value, data)`
/// when the argument is `executeWithSignatures`' signatures.
fn bytes_contents(seed: &BytesSeed, call: Option<([u8; 32], [u8; 32], &[u8])>) -> Vec<u8> {
    match seed {
        BytesSeed::Known(i) => {
            let known = known_calls();
            known[i % known.len()].clone()
        }
        BytesSeed::Random(bytes) => bytes.clone(),
        BytesSeed::Signatures { signers, stale } => {
            let digest = match call {
                Some((target, value, data)) => digest(target, value, data, u64::from(*stale)),
                None => B256::repeat_byte(0x5e),
            };
            signers
                .iter()
                .flat_map(|&i| sign(&keys()[i], digest))
                .collect()
        }
    }
}

/// The calldata after the selector of a call to a function taking
/// `inputs`, its arguments made from `seeds`.
fn encode_arguments(inputs: &[String], seeds: &[ArgSeed], signed_call: bool) -> Vec<u8> {
    let mut encoded: Vec<Encoded> = Vec::new();
    for (index, (ty, seed)) in inputs.iter().zip(seeds).enumerate() {
        encoded.push(match ty.as_str() {
            "bytes" => {
                // `executeWithSignatures(target, value, data, signatures)`.
                let call = match (&encoded[..], signed_call && index == 3) {
                    ([Encoded::Word(target), Encoded::Word(value), Encoded::Tail(data)], true) => {
                        let length = usize::try_from(U256::from_be_slice(&data[..32])).unwrap();
                        Some((*target, *value, data[32..32 + length].to_vec()))
                    }
                    _ => None,
                };
                let call = call
                    .as_ref()
                    .map(|(target, value, data)| (*target, *value, &data[..]));
                let contents = bytes_contents(&seed.bytes, call);
                Encoded::Tail(bytes_tail(&contents, seed.dirty_padding, seed.random))
            }
            "address[]" => {
                let mut tail = U256::from(seed.elements.len()).to_be_bytes::<32>().to_vec();
                for &(kind, random) in &seed.elements {
                    tail.extend_from_slice(&word("address", kind, random));
                }
                Encoded::Tail(tail)
            }
            _ => Encoded::Word(word(ty, seed.kind, seed.random)),
        });
    }
    calldata::encode(&encoded)
}

/// The router under test.
#[derive(Clone, Copy, Debug)]
enum Routing {
    /// The router `#[public]` generates.
    Sdk,
    /// The WASM build's [`Dispatcher`].
    Dispatcher,
}

impl Routing {
    fn route(self, ms: &mut GuardianMultisig, selector: u32, input: &[u8]) -> Option<ArbResult> {
        match self {
            Routing::Sdk => {
                <GuardianMultisig as Router<GuardianMultisig>>::route(ms, selector, input)
            }
            Routing::Dispatcher => {
                <Dispatcher as Router<GuardianMultisig>>::route(ms, selector, input)
            }
        }
    }

    fn constructor(self, ms: &mut GuardianMultisig, input: &[u8]) -> Option<ArbResult> {
        match self {
            Routing::Sdk => <GuardianMultisig as Router<GuardianMultisig>>::constructor(ms, input),
            Routing::Dispatcher => <Dispatcher as Router<GuardianMultisig>>::constructor(ms, input),
        }
    }

    fn receive(self, ms: &mut GuardianMultisig) -> Option<Result<(), Vec<u8>>> {
        match self {
            Routing::Sdk => <GuardianMultisig as Router<GuardianMultisig>>::receive(ms),
            Routing::Dispatcher => <Dispatcher as Router<GuardianMultisig>>::receive(ms),
        }
    }

    fn fallback(self, ms: &mut GuardianMultisig, input: &[u8]) -> Option<ArbResult> {
        match self {
            Routing::Sdk => <GuardianMultisig as Router<GuardianMultisig>>::fallback(ms, input),
            Routing::Dispatcher => <Dispatcher as Router<GuardianMultisig>>::fallback(ms, input),
        }
    }

    /// The whole entrypoint (constructor selector, unknown selectors,
    /// receive, fallback) on `input`, with `vm` as the host.
    fn entrypoint(self, vm: &TestVM, input: &[u8]) -> ArbResult {
        let host = VM {
            host: Box::new(vm.clone()),
        };
        match self {
            Routing::Sdk => {
                router_entrypoint::<GuardianMultisig, GuardianMultisig>(input.to_vec(), host)
            }
            Routing::Dispatcher => {
                guard_abi::entry::route_calldata::<Dispatcher, GuardianMultisig>(input, host)
            }
        }
    }
}

/// Routes calls to the multisig's address into `routing`'s entrypoint, as
/// the multisig itself (a real self-call), like `super::route_self`.
fn route_self_through(vm: &TestVM, routing: Routing) {
    let host = vm.clone();
    let me = vm.contract_address();
    vm.route(me, move |data| {
        let sender = host.msg_sender();
        host.set_sender(me);
        let out = routing.entrypoint(&host, data);
        host.set_sender(sender);
        out
    });
}

/// Three owners (threshold 2, emergency 1), `pause` on `TARGET`
/// allowlisted, and proposals by owner 0:
/// 1. `setConfig(1)` on the target, one confirmation (short of 2);
/// 2. `pause` on the target, one confirmation (enough: emergency lane);
/// 3. `changeThreshold(1)` on the multisig, confirmed by owner 1;
/// 4. `setConfig(2)` (reverts), confirmed by owner 1;
/// 5. `pause` again, executed.
///
/// The target answers `setConfig(1)` with [`RETURN_DATA`] and reverts
/// `setConfig(2)` with [`REVERT_DATA`]; calls to the multisig go through
/// `routing`; the block time is `now`.
fn fixture(routing: Routing, now: u64) -> (TestVM, GuardianMultisig) {
    let (vm, mut ms) = deploy(&keys()[..3], 2, 1);
    let me = vm.contract_address();
    vm.set_sender(me);
    ms.set_emergency_call(TARGET, known_selectors()[0].into(), true)
        .unwrap();
    vm.set_sender(account(0));
    let self_call: Bytes = known_calls()[4].clone().into();
    for (target, data) in [
        (TARGET, set_config(1)),
        (TARGET, pause_call()),
        (me, self_call),
        (TARGET, set_config(2)),
        (TARGET, pause_call()),
    ] {
        ms.propose(target, U256::ZERO, data).unwrap();
    }
    vm.set_sender(account(1));
    ms.confirm(U256::from(3)).unwrap();
    ms.confirm(U256::from(4)).unwrap();
    ms.execute(U256::from(5)).unwrap();
    vm.mock_call(TARGET, set_config(1).to_vec(), Ok(RETURN_DATA.to_vec()));
    vm.mock_call(TARGET, set_config(2).to_vec(), Err(REVERT_DATA.to_vec()));
    route_self_through(&vm, routing);
    vm.set_block_timestamp(now);
    (vm, ms)
}

/// The outcome of one call: return or revert data, the logs emitted, the
/// calls made and the storage left.
type Outcome<T> = (
    T,
    Vec<(Vec<B256>, Vec<u8>)>,
    Vec<guard_test_host::RecordedCall>,
    Vec<(U256, B256)>,
);

/// Runs `f` on `vm` and collects what it did.
fn observe<T>(vm: &TestVM, f: impl FnOnce() -> T) -> Outcome<T> {
    let logs_before = vm.get_emitted_logs().len();
    let calls_before = vm.calls().len();
    let output = f();
    let logs = vm.get_emitted_logs().split_off(logs_before);
    let calls = vm.calls().split_off(calls_before);
    let mut storage: Vec<(U256, B256)> = vm.snapshot().storage.into_iter().collect();
    storage.sort();
    (output, logs, calls, storage)
}

/// Runs `selector` with `input` through `routing` on a fresh fixture, from
/// `sender` with `value`.
fn run(
    routing: Routing,
    now: u64,
    sender: Address,
    value: U256,
    selector: u32,
    input: &[u8],
) -> Outcome<Option<ArbResult>> {
    let (vm, mut ms) = fixture(routing, now);
    vm.set_sender(sender);
    vm.set_value(value);
    observe(&vm, || routing.route(&mut ms, selector, input))
}

/// Value sent with a call: mostly none (every function but `receive`
/// refuses value), sometimes 1 wei or the maximum.
fn value() -> impl Strategy<Value = U256> {
    prop_oneof![6 => Just(U256::ZERO), 1 => Just(U256::from(1)), 1 => Just(U256::MAX)]
}

/// Owners, an outsider, a stranger and, as often as all the owners
/// together, the multisig itself (which alone may administer it).
fn sender() -> impl Strategy<Value = Address> {
    prop_oneof![
        1 => prop::sample::select(vec![account(0), account(1), account(2)]),
        1 => prop::sample::select(vec![account(3), STRANGER]),
        1 => Just(multisig()),
    ]
}

/// Before every proposal's expiry, or after.
fn now() -> impl Strategy<Value = u64> {
    prop_oneof![3 => Just(T0 + 1), 1 => Just(T0 + LIFETIME + 1)]
}

/// Runs `function` on both routers with arguments from `seeds` and compares.
fn both_routers_answer_alike(
    function: &AbiFunction,
    seeds: &[ArgSeed],
    corruptions: &[Corruption],
    change: i64,
    sender: Address,
    value: U256,
    now: u64,
) -> Result<(), TestCaseError> {
    let signed_call = function.signature == abi_function("executeWithSignatures").signature;
    let input = change_length(
        corrupt(
            encode_arguments(&function.inputs, seeds, signed_call),
            corruptions,
        ),
        change,
    );
    let sdk = run(Routing::Sdk, now, sender, value, function.selector, &input);
    let dispatched = run(
        Routing::Dispatcher,
        now,
        sender,
        value,
        function.selector,
        &input,
    );
    prop_assert!(
        sdk.0.is_some(),
        "{} is routed by the SDK",
        function.signature
    );
    prop_assert_eq!(dispatched, sdk, "{}", function.signature);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_048))]

    #[test]
    fn dispatcher_answers_every_function_as_the_sdk_router_does(
        index in 0usize..20,
        seeds in prop::collection::vec(arg_seed(), 4),
        corruptions in corruptions(),
        change in length_change(),
        sender in sender(),
        value in value(),
        now in now(),
    ) {
        both_routers_answer_alike(
            &abi_functions()[index], &seeds, &corruptions, change, sender, value, now,
        )?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn dispatcher_answers_the_functions_with_bytes_arguments_as_the_sdk_router_does(
        name in prop::sample::select(vec!["executeWithSignatures", "propose", "getTransactionHash"]),
        seeds in prop::collection::vec(arg_seed(), 4),
        corruptions in corruptions(),
        change in length_change(),
        sender in sender(),
        value in value(),
        now in now(),
    ) {
        both_routers_answer_alike(
            abi_function(name), &seeds, &corruptions, change, sender, value, now,
        )?;
    }

    #[test]
    fn dispatcher_refuses_unknown_selectors_as_the_sdk_router_does(
        selector in any::<u32>(),
        input in prop::collection::vec(any::<u8>(), 0..100),
        value in value(),
    ) {
        prop_assume!(abi_functions().iter().all(|f| f.selector != selector));
        let sdk = run(Routing::Sdk, T0 + 1, STRANGER, value, selector, &input);
        let dispatched = run(Routing::Dispatcher, T0 + 1, STRANGER, value, selector, &input);
        prop_assert_eq!(&dispatched.0, &None);
        prop_assert_eq!(dispatched, sdk);
    }

    #[test]
    fn dispatcher_runs_the_constructor_as_the_sdk_router_does(
        seeds in prop::collection::vec(arg_seed(), 4),
        corruptions in corruptions(),
        change in length_change(),
        value in value(),
        already_constructed in any::<bool>(),
    ) {
        let inputs = ["address[]", "uint256", "uint256", "uint256"].map(String::from);
        let input = change_length(
            corrupt(encode_arguments(&inputs, &seeds, false), &corruptions),
            change,
        );
        let construct = |routing: Routing| {
            let vm = TestVM::new();
            let mut ms = GuardianMultisig::from(&vm);
            if already_constructed {
                ms.constructor(
                    vec![account(0), account(1)],
                    U256::from(2),
                    U256::from(1),
                    U256::from(LIFETIME),
                )
                .unwrap();
            }
            vm.set_sender(STRANGER);
            vm.set_value(value);
            observe(&vm, || {
                let output = routing.constructor(&mut ms, &input);
                // A second call must find the constructor slot as the
                // first left it.
                vm.set_value(U256::ZERO);
                let again = routing.constructor(&mut ms, &input);
                (output, again, ms.get_owners())
            })
        };
        let sdk = construct(Routing::Sdk);
        let dispatched = construct(Routing::Dispatcher);
        prop_assert_eq!(dispatched, sdk);
    }

    #[test]
    fn the_whole_entrypoint_answers_any_calldata_alike_with_either_router(
        input in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..4),
            prop::collection::vec(any::<u8>(), 4..100),
            prop::collection::vec(any::<u8>(), 0..100).prop_map(|rest| {
                let mut input = stylus_sdk::abi::CONSTRUCTOR_SELECTOR.to_be_bytes().to_vec();
                input.extend(rest);
                input
            }),
        ],
        value in value(),
        sender in sender(),
    ) {
        let enter = |routing: Routing| {
            let (vm, _ms) = fixture(routing, T0 + 1);
            vm.set_sender(sender);
            vm.set_value(value);
            observe(&vm, || routing.entrypoint(&vm, &input))
        };
        prop_assert_eq!(enter(Routing::Dispatcher), enter(Routing::Sdk));
    }
}

alloy_sol_types::sol! {
    /// Every function of the multisig, for valid calldata encoded by alloy.
    interface IGuardianMultisig {
        function executeWithSignatures(address target, uint256 value, bytes data, bytes signatures);
        function propose(address target, uint256 value, bytes data);
        function confirm(uint256 proposalId);
        function revoke(uint256 proposalId);
        function execute(uint256 proposalId);
        function addOwner(address owner, uint256 threshold);
        function removeOwner(address owner, uint256 threshold);
        function changeThreshold(uint256 threshold);
        function changeEmergencyThreshold(uint256 emergencyThreshold);
        function setEmergencyCall(address target, bytes4 selector, bool allowed);
        function setProposalLifetime(uint256 lifetime);
        function nonce();
        function getOwners();
        function isOwner(address account);
        function threshold();
        function emergencyThreshold();
        function isEmergencyCall(address target, bytes4 selector);
        function proposalLifetime();
        function getProposal(uint256 proposalId);
        function getTransactionHash(address target, uint256 value, bytes data, uint256 nonce);
    }
}

/// A valid call of every function, from a sender it accepts: `(sender,
/// calldata)` with the selector.
fn valid_calls() -> Vec<(Address, Vec<u8>)> {
    let mut calls = execution_calls();
    calls.extend(administration_calls());
    calls.extend(view_calls());
    calls
}

/// Valid executions (signed, to the target and to the multisig), proposals,
/// confirmations and revocations.
fn execution_calls() -> Vec<(Address, Vec<u8>)> {
    use IGuardianMultisig as I;
    let me = multisig();
    let signed = |target: Address, data: Bytes| {
        let digest = digest(target.into_word().0, [0; 32], &data, 0);
        I::executeWithSignaturesCall {
            target,
            value: U256::ZERO,
            data,
            signatures: sign_all(&[&keys()[0], &keys()[1]], digest),
        }
        .abi_encode()
    };
    let id = |n: u64| U256::from(n);
    vec![
        (STRANGER, signed(TARGET, set_config(1))),
        (STRANGER, signed(me, known_calls()[4].clone().into())),
        (
            account(0),
            I::proposeCall {
                target: TARGET,
                value: id(1),
                data: pause_call(),
            }
            .abi_encode(),
        ),
        (
            account(2),
            I::confirmCall { proposalId: id(1) }.abi_encode(),
        ),
        (account(1), I::revokeCall { proposalId: id(3) }.abi_encode()),
        (STRANGER, I::executeCall { proposalId: id(2) }.abi_encode()),
        (STRANGER, I::executeCall { proposalId: id(3) }.abi_encode()),
    ]
}

/// Valid self-administration calls (from the multisig itself).
fn administration_calls() -> Vec<(Address, Vec<u8>)> {
    use IGuardianMultisig as I;
    let me = multisig();
    let id = |n: u64| U256::from(n);
    vec![
        (
            me,
            I::addOwnerCall {
                owner: account(3),
                threshold: id(3),
            }
            .abi_encode(),
        ),
        (
            me,
            I::removeOwnerCall {
                owner: account(0),
                threshold: id(1),
            }
            .abi_encode(),
        ),
        (me, I::changeThresholdCall { threshold: id(3) }.abi_encode()),
        (
            me,
            I::changeEmergencyThresholdCall {
                emergencyThreshold: id(2),
            }
            .abi_encode(),
        ),
        (
            me,
            I::setEmergencyCallCall {
                target: TARGET,
                selector: known_selectors()[1].into(),
                allowed: true,
            }
            .abi_encode(),
        ),
        (
            me,
            I::setProposalLifetimeCall {
                lifetime: id(3_600),
            }
            .abi_encode(),
        ),
    ]
}

/// A call of every view.
fn view_calls() -> Vec<(Address, Vec<u8>)> {
    use IGuardianMultisig as I;
    let id = |n: u64| U256::from(n);
    vec![
        (STRANGER, I::nonceCall {}.abi_encode()),
        (STRANGER, I::getOwnersCall {}.abi_encode()),
        (
            STRANGER,
            I::isOwnerCall {
                account: account(1),
            }
            .abi_encode(),
        ),
        (STRANGER, I::thresholdCall {}.abi_encode()),
        (STRANGER, I::emergencyThresholdCall {}.abi_encode()),
        (
            STRANGER,
            I::isEmergencyCallCall {
                target: TARGET,
                selector: known_selectors()[0].into(),
            }
            .abi_encode(),
        ),
        (STRANGER, I::proposalLifetimeCall {}.abi_encode()),
        (
            STRANGER,
            I::getProposalCall { proposalId: id(3) }.abi_encode(),
        ),
        (
            STRANGER,
            I::getTransactionHashCall {
                target: TARGET,
                value: id(5),
                data: pause_call(),
                nonce: id(7),
            }
            .abi_encode(),
        ),
    ]
}

#[test]
fn every_function_succeeds_alike_on_valid_calldata_with_either_router() {
    let calls = valid_calls();
    for function in abi_functions() {
        assert!(
            calls
                .iter()
                .any(|(_, data)| data[..4] == function.selector.to_be_bytes()),
            "{} has a valid call",
            function.signature
        );
    }
    for (sender, data) in calls {
        let selector = u32::from_be_bytes(data[..4].try_into().unwrap());
        let sdk = run(
            Routing::Sdk,
            T0 + 1,
            sender,
            U256::ZERO,
            selector,
            &data[4..],
        );
        let dispatched = run(
            Routing::Dispatcher,
            T0 + 1,
            sender,
            U256::ZERO,
            selector,
            &data[4..],
        );
        assert!(
            matches!(sdk.0, Some(Ok(_))),
            "{selector:08x} succeeds: {:?}",
            sdk.0
        );
        assert_eq!(dispatched, sdk, "{selector:08x}");
    }
}

proptest! {
    /// The WASM entry splits calldata as the SDK's does: empty calldata
    /// (`receive`, with or without value), short calldata, the constructor
    /// selector, every function, unknown selectors; on the fixture (self-calls
    /// through the dispatcher) and on an unconstructed multisig.
    #[test]
    fn route_calldata_enters_as_the_sdk_entrypoint_does(
        input in entry_calldata(
            abi_functions().iter().map(|f| f.selector).collect(),
            U256::from(1).to_be_bytes(),
        ),
        constructed in any::<bool>(),
        sender in sender(),
        value in value(),
        now in now(),
    ) {
        let fixture = || if constructed { fixture(Routing::Dispatcher, now).0 } else { TestVM::new() };
        entries_agree::<Dispatcher, GuardianMultisig>(fixture, sender, value, &input)?;
    }
}

#[test]
fn dispatcher_receives_value_like_the_sdk_router() {
    for value in [U256::ZERO, U256::from(1), U256::MAX] {
        let receive = |routing: Routing| {
            let (vm, mut ms) = fixture(routing, T0 + 1);
            vm.set_sender(STRANGER);
            vm.set_value(value);
            let direct = observe(&vm, || routing.receive(&mut ms));
            let entered = observe(&vm, || routing.entrypoint(&vm, &[]));
            (direct, entered)
        };
        let sdk = receive(Routing::Sdk);
        assert_eq!(sdk.0 .0, Some(Ok(())), "the SDK router receives");
        assert_eq!(receive(Routing::Dispatcher), sdk);
    }
}

#[test]
fn dispatcher_has_no_fallback_like_the_sdk_router() {
    let (_vm, mut ms) = fixture(Routing::Sdk, T0 + 1);
    for calldata in [&[][..], &[1, 2, 3][..], &[0xde, 0xad, 0xbe, 0xef, 0][..]] {
        assert_eq!(Routing::Sdk.fallback(&mut ms, calldata), None);
        assert_eq!(Routing::Dispatcher.fallback(&mut ms, calldata), None);
    }
}

#[test]
fn the_fixture_reaches_the_success_paths() {
    // Guards the fixture itself: executable proposals execute, through the
    // target's answer and a self-call through the dispatcher.
    let (vm, mut ms) = fixture(Routing::Dispatcher, T0 + 1);
    assert!(
        ms.execute(U256::from(1)).is_err(),
        "one confirmation of two"
    );
    vm.set_sender(account(2));
    ms.confirm(U256::from(1)).unwrap();
    assert_eq!(ms.execute(U256::from(1)).unwrap().to_vec(), RETURN_DATA);
    ms.execute(U256::from(2)).unwrap();
    ms.execute(U256::from(3)).unwrap();
    assert_eq!(ms.threshold(), U256::from(1));
    assert!(ms.execute(U256::from(4)).is_err());
}
