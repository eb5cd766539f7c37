//! Calldata generators for the differential router tests: the functions of
//! a committed JSON ABI, and argument words that are valid, random or dirty
//! (bits in the padding), cut short or extended; dynamic arguments laid
//! out as Solidity does ([`encode`]) and encodings corrupted word by word or
//! byte by byte ([`corrupt`]).
//!
//! Each contract's `tests::dispatch` runs its hand-written WASM router and
//! the SDK's `#[public]` router on calldata from here and compares the
//! answers; the function list comes from `abi/json`, not from the router, so
//! a missing, misspelt or mistyped route shows up as a difference.

use alloy_primitives::{keccak256, Address, B256, U256};
use proptest::prelude::*;

/// One function of a JSON ABI.
#[derive(Clone, Debug)]
pub struct AbiFunction {
    /// `name(type,…)`.
    pub signature: String,
    /// Its selector.
    pub selector: u32,
    /// The argument types, e.g. `bytes32`, `uint16`, `uint64[3]`.
    pub inputs: Vec<String>,
}

/// The functions of the JSON ABI `json`.
///
/// # Panics
/// When `json` is not an ABI array (a test setup error).
pub fn abi_functions(json: &str) -> Vec<AbiFunction> {
    let json: serde_json::Value = serde_json::from_str(json).expect("the committed ABI is JSON");
    json.as_array()
        .expect("an ABI array")
        .iter()
        .filter(|item| item["type"] == "function")
        .map(|item| {
            let inputs: Vec<String> = item["inputs"]
                .as_array()
                .expect("inputs")
                .iter()
                .map(|input| input["type"].as_str().expect("a type").to_owned())
                .collect();
            let signature = format!(
                "{}({})",
                item["name"].as_str().expect("a name"),
                inputs.join(",")
            );
            let hash = keccak256(signature.as_bytes());
            AbiFunction {
                selector: u32::from_be_bytes([hash[0], hash[1], hash[2], hash[3]]),
                signature,
                inputs,
            }
        })
        .collect()
}

/// How one argument word is written.
#[derive(Clone, Copy, Debug)]
pub enum WordKind {
    /// A valid value of the type, drawn from the values the fixture knows.
    Known(usize),
    /// A valid value of the type, random.
    Random,
    /// Random bits in the word's padding (invalid unless the type has none).
    Dirty,
}

/// Mostly known values, some random, a few dirty.
pub fn word_kind() -> impl Strategy<Value = WordKind> {
    prop_oneof![
        4 => (0usize..8).prop_map(WordKind::Known),
        2 => Just(WordKind::Random),
        1 => Just(WordKind::Dirty),
    ]
}

/// The values a fixture knows, for [`WordKind::Known`] words.
#[derive(Clone, Copy, Debug)]
pub struct KnownValues<'a> {
    /// Addresses (roles, feeds, zero).
    pub addresses: &'a [Address],
    /// `bytes32` values (markets).
    pub words: &'a [B256],
}

/// Small values, boundaries and typical durations, for known `uintN` words.
const KNOWN_UINTS: [u64; 8] = [0, 1, 3, 60, 3_600, 6 * 3_600, 14 * 86_400, u64::MAX];

/// One argument word of the static type `ty` (`address`, `bytes32`,
/// `uintN`).
///
/// # Panics
/// On another type (the contracts' ABIs have none).
pub fn word(ty: &str, kind: WordKind, random: [u8; 32], known: KnownValues<'_>) -> [u8; 32] {
    let mut word = match (ty, kind) {
        ("address", WordKind::Known(i)) => known.addresses[i % known.addresses.len()].into_word().0,
        ("bytes32", WordKind::Known(i)) => known.words[i % known.words.len()].0,
        (_, WordKind::Known(i)) => U256::from(KNOWN_UINTS[i % KNOWN_UINTS.len()]).to_be_bytes(),
        (_, WordKind::Random | WordKind::Dirty) => random,
    };
    let clean_bytes = match ty {
        "address" => 20,
        "bytes32" => 32,
        other => {
            other
                .strip_prefix("uint")
                .and_then(|bits| bits.parse::<usize>().ok())
                .expect("a static type of this ABI")
                / 8
        }
    };
    if !matches!(kind, WordKind::Dirty) {
        word[..32 - clean_bytes].fill(0);
    }
    word
}

/// Calldata after the selector: `words`, then cut (negative
/// `length_change`) or extended.
///
/// # Panics
/// Never for the ranges [`length_change`] generates.
pub fn arguments(words: &[[u8; 32]], length_change: i64) -> Vec<u8> {
    change_length(words.concat(), length_change)
}

/// `data` cut by `-length_change` bytes (negative) or extended by
/// `length_change` non-zero-pattern bytes.
///
/// # Panics
/// Never for the ranges [`length_change`] generates.
pub fn change_length(mut data: Vec<u8>, length_change: i64) -> Vec<u8> {
    if length_change < 0 {
        let cut = usize::try_from(length_change.unsigned_abs())
            .unwrap()
            .min(data.len());
        data.truncate(data.len() - cut);
    } else {
        data.extend((0..length_change).map(|i| u8::try_from(i % 251).unwrap()));
    }
    data
}

/// One argument of an ABI encoding, before heads and tails are laid out.
#[derive(Clone, Debug)]
pub enum Encoded {
    /// A static value: its word, in the head.
    Word([u8; 32]),
    /// A dynamic value: its tail (length word and contents); the head gets
    /// its offset.
    Tail(Vec<u8>),
}

/// The Solidity encoding of `arguments`: the heads (static words and the
/// offsets of the tails, counted from the start), then the tails in order.
pub fn encode(arguments: &[Encoded]) -> Vec<u8> {
    let mut head = Vec::new();
    let mut tails = Vec::new();
    for argument in arguments {
        match argument {
            Encoded::Word(word) => head.extend_from_slice(word),
            Encoded::Tail(tail) => {
                let offset = 32 * arguments.len() + tails.len();
                head.extend_from_slice(&U256::from(offset).to_be_bytes::<32>());
                tails.extend_from_slice(tail);
            }
        }
    }
    head.extend(tails);
    head
}

/// One corruption of an encoding: a word replaced by a small number (an
/// offset or length that may point anywhere) or by a random word, or a
/// byte flipped.
#[derive(Clone, Copy, Debug)]
pub enum Corruption {
    /// Word `at` (modulo the words present) becomes `value`.
    SmallWord {
        /// Which word.
        at: usize,
        /// Its new value.
        value: u16,
    },
    /// Word `at` (modulo the words present) becomes `word`.
    RandomWord {
        /// Which word.
        at: usize,
        /// Its new contents.
        word: [u8; 32],
    },
    /// Byte `at` (modulo the length) is XORed with `xor` (non-zero).
    Byte {
        /// Which byte.
        at: usize,
        /// The bits flipped.
        xor: u8,
    },
}

/// Mostly no corruption; otherwise one or two.
pub fn corruptions() -> impl Strategy<Value = Vec<Corruption>> {
    let corruption = prop_oneof![
        (any::<usize>(), 0u16..600).prop_map(|(at, value)| Corruption::SmallWord { at, value }),
        (any::<usize>(), any::<[u8; 32]>())
            .prop_map(|(at, word)| Corruption::RandomWord { at, word }),
        (any::<usize>(), 1u8..).prop_map(|(at, xor)| Corruption::Byte { at, xor }),
    ];
    prop_oneof![
        4 => Just(Vec::new()),
        1 => prop::collection::vec(corruption, 1..3),
    ]
}

/// `data` with `corruptions` applied in order (a word corruption of data
/// shorter than a word, or a byte corruption of empty data, does nothing).
pub fn corrupt(mut data: Vec<u8>, corruptions: &[Corruption]) -> Vec<u8> {
    for corruption in corruptions {
        let words = data.len() / 32;
        match *corruption {
            Corruption::SmallWord { at, value } if words > 0 => {
                let at = at % words * 32;
                data[at..at + 32].copy_from_slice(&U256::from(value).to_be_bytes::<32>());
            }
            Corruption::RandomWord { at, word } if words > 0 => {
                let at = at % words * 32;
                data[at..at + 32].copy_from_slice(&word);
            }
            Corruption::Byte { at, xor } if !data.is_empty() => {
                let at = at % data.len();
                data[at] ^= xor;
            }
            _ => {}
        }
    }
    data
}

/// Value sent with a call: mostly none, sometimes 1 wei or the maximum.
pub fn value() -> impl Strategy<Value = U256> {
    prop_oneof![4 => Just(U256::ZERO), 1 => Just(U256::from(1)), 1 => Just(U256::MAX)]
}

/// Mostly exact calldata, sometimes cut short or extended.
pub fn length_change() -> impl Strategy<Value = i64> {
    prop_oneof![6 => Just(0i64), 1 => -40i64..0, 1 => 1i64..70]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abi_functions_computes_selectors_from_signatures() {
        let json = r#"[{"type":"function","name":"transfer","inputs":[{"type":"address"},{"type":"uint256"}]},{"type":"event","name":"X","inputs":[]}]"#;
        let functions = abi_functions(json);
        assert_eq!(functions.len(), 1);
        assert_eq!(functions[0].signature, "transfer(address,uint256)");
        assert_eq!(functions[0].selector, 0xa905_9cbb);
    }

    #[test]
    fn words_are_clean_unless_dirty() {
        let known = KnownValues {
            addresses: &[Address::repeat_byte(1)],
            words: &[B256::repeat_byte(2)],
        };
        let random = [0xff; 32];
        assert_eq!(
            word("uint16", WordKind::Random, random, known)[..30],
            [0; 30]
        );
        assert_eq!(word("uint16", WordKind::Dirty, random, known), random);
        assert_eq!(
            word("address", WordKind::Known(0), random, known)[12..],
            [1; 20]
        );
        assert_eq!(arguments(&[[7; 32]], -2).len(), 30);
        assert_eq!(arguments(&[[7; 32]], 3).len(), 35);
    }

    #[test]
    fn tails_follow_the_heads_with_offsets_from_the_start() {
        let data = encode(&[
            Encoded::Word([1; 32]),
            Encoded::Tail(vec![2; 64]),
            Encoded::Tail(vec![3; 32]),
        ]);
        assert_eq!(data.len(), 96 + 96);
        assert_eq!(data[..32], [1; 32]);
        assert_eq!(U256::from_be_slice(&data[32..64]), U256::from(96));
        assert_eq!(U256::from_be_slice(&data[64..96]), U256::from(160));
        assert_eq!(data[96..160], [2; 64]);
        assert_eq!(data[160..], [3; 32]);
    }

    #[test]
    fn corruptions_replace_words_and_flip_bytes_in_place() {
        let data = vec![0xaa; 70];
        let out = corrupt(
            data.clone(),
            &[
                Corruption::SmallWord {
                    at: 3,
                    value: 0x140,
                },
                Corruption::Byte { at: 71, xor: 0x0f },
            ],
        );
        // Word 3 of 2 is word 1; byte 71 of 70 is byte 1.
        assert_eq!(out.len(), 70);
        assert_eq!(U256::from_be_slice(&out[32..64]), U256::from(0x140));
        assert_eq!(out[1], 0xa5);
        assert_eq!(out[2..32], data[2..32]);
        assert_eq!(
            corrupt(
                vec![1; 31],
                &[Corruption::RandomWord {
                    at: 0,
                    word: [9; 32]
                }]
            ),
            vec![1; 31]
        );
    }
}
