//! Calldata generators for the differential router tests: the functions of
//! a committed JSON ABI, and argument words that are valid, random or dirty
//! (bits in the padding), cut short or extended.
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
    let mut data: Vec<u8> = words.concat();
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
}
