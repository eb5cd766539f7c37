//! Equivalence of the vendored `is_sol_keyword` (no `regex`, no `std`) with
//! the upstream stylus-core 0.10.10 implementation, copied below verbatim as
//! the reference.
//!
//! "Same result" includes panicking: upstream unwraps the parsed size, so a
//! size that overflows `usize` panics in both.

use std::{
    panic::{catch_unwind, AssertUnwindSafe},
    sync::Mutex,
};

use proptest::prelude::*;
use stylus_core::is_sol_keyword;

/// stylus-core 0.10.10 `src/sol.rs`, unchanged.
mod upstream {
    use lazy_static::lazy_static;
    use regex::Regex;

    lazy_static! {
        static ref UINT_REGEX: Regex = Regex::new(r"^uint(\d+)$").unwrap();
        static ref INT_REGEX: Regex = Regex::new(r"^int(\d+)$").unwrap();
        static ref BYTES_REGEX: Regex = Regex::new(r"^bytes(\d+)$").unwrap();
    }

    pub fn is_sol_keyword(name: &str) -> bool {
        if let Some(caps) = UINT_REGEX.captures(name) {
            let bits: usize = caps[1].parse().unwrap();
            if bits.is_multiple_of(8) {
                return true;
            }
        }

        if let Some(caps) = INT_REGEX.captures(name) {
            let bits: usize = caps[1].parse().unwrap();
            if bits.is_multiple_of(8) {
                return true;
            }
        }

        if let Some(caps) = BYTES_REGEX.captures(name) {
            let bits: usize = caps[1].parse().unwrap();
            if bits <= 32 {
                return true;
            }
        }

        match name {
            // other types
            "address" | "bytes" | "bool" | "int" | "uint" => true,

            // other words
            "is" | "contract" | "interface" => true,

            // reserved keywords
            "after" | "alias" | "apply" | "auto" | "byte" | "case" | "copyof" | "default"
            | "define" | "final" | "implements" | "in" | "inline" | "let" | "macro" | "match"
            | "mutable" | "null" | "of" | "partial" | "promise" | "reference" | "relocatable"
            | "sealed" | "sizeof" | "static" | "supports" | "switch" | "typedef" | "typeof"
            | "var" => true,
            _ => false,
        }
    }
}

/// Upstream's keyword list (every arm of its `match`).
const KEYWORDS: &[&str] = &[
    "address",
    "bytes",
    "bool",
    "int",
    "uint",
    "is",
    "contract",
    "interface",
    "after",
    "alias",
    "apply",
    "auto",
    "byte",
    "case",
    "copyof",
    "default",
    "define",
    "final",
    "implements",
    "in",
    "inline",
    "let",
    "macro",
    "match",
    "mutable",
    "null",
    "of",
    "partial",
    "promise",
    "reference",
    "relocatable",
    "sealed",
    "sizeof",
    "static",
    "supports",
    "switch",
    "typedef",
    "typeof",
    "var",
];

/// `Some(result)`, or `None` when the call panics.
fn outcome(f: fn(&str) -> bool, name: &str) -> Option<bool> {
    catch_unwind(AssertUnwindSafe(|| f(name))).ok()
}

fn assert_same(name: &str) {
    assert_eq!(
        outcome(is_sol_keyword, name),
        outcome(upstream::is_sol_keyword, name),
        "is_sol_keyword({name:?}) differs from upstream"
    );
}

/// Serializes [`quietly`]: the panic hook is process-wide.
static PANIC_HOOK: Mutex<()> = Mutex::new(());

/// Runs `check` with panic messages silenced (the overflow cases panic on
/// purpose in both implementations).
fn quietly(check: impl FnOnce()) {
    let _serialized = PANIC_HOOK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = catch_unwind(AssertUnwindSafe(check));
    std::panic::set_hook(hook);
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

#[test]
fn sized_types_match_upstream_for_every_size_up_to_1024() {
    for prefix in ["uint", "int", "bytes"] {
        for size in 0..=1024 {
            assert_same(&format!("{prefix}{size}"));
            assert_same(&format!("{prefix}{size:03}"));
        }
    }
}

#[test]
fn every_solidity_integer_and_fixed_bytes_type_is_a_keyword() {
    for bits in (8..=256).step_by(8) {
        assert!(is_sol_keyword(&format!("uint{bits}")));
        assert!(is_sol_keyword(&format!("int{bits}")));
    }
    for len in 1..=32 {
        assert!(is_sol_keyword(&format!("bytes{len}")));
    }
}

#[test]
fn sizes_that_are_not_multiples_of_eight_and_long_byte_arrays_are_not_keywords() {
    for name in ["uint7", "int12", "uint257", "int255", "bytes33", "bytes64"] {
        assert!(!is_sol_keyword(name), "{name}");
        assert_same(name);
    }
}

#[test]
fn sizes_that_overflow_usize_panic_as_upstream_does() {
    quietly(|| {
        for prefix in ["uint", "int", "bytes"] {
            for digits in [
                usize::MAX.to_string(),
                format!("{}0", usize::MAX),
                "18446744073709551616".to_owned(),
                "9".repeat(40),
                format!("{}8", "0".repeat(40)),
            ] {
                assert_same(&format!("{prefix}{digits}"));
            }
        }
        assert_eq!(
            outcome(is_sol_keyword, &format!("uint{}", "9".repeat(40))),
            None
        );
    });
}

#[test]
fn the_keyword_list_matches_upstream() {
    for name in KEYWORDS {
        assert!(is_sol_keyword(name), "{name}");
        assert_same(name);
    }
}

#[test]
fn near_misses_match_upstream() {
    for name in [
        "",
        "u",
        "uin",
        "Uint8",
        "UINT8",
        "uint8 ",
        " uint8",
        "uint 8",
        "uint+8",
        "uint-8",
        "uint8x",
        "xuint8",
        "uint_8",
        "uint8\n",
        "int8\n",
        "bytes1\n",
        "uintuint8",
        "intint8",
        "bytesbytes1",
        "byte1",
        "bytes",
        "addresses",
        "Address",
        "isnt",
        "in_",
        "var1",
    ] {
        assert_same(name);
    }
}

/// The one documented divergence: upstream's `\d` also matches non-ASCII
/// Unicode decimal digits, which `str::parse` then rejects, so upstream
/// panics; the vendored version does not treat them as a size.
#[test]
fn non_ascii_digits_are_not_a_size() {
    quietly(|| {
        for name in [
            "uint\u{0663}",
            "int\u{0968}",
            "bytes\u{FF11}",
            "uint1\u{0663}",
        ] {
            assert_eq!(outcome(upstream::is_sol_keyword, name), None, "{name}");
            assert_eq!(outcome(is_sol_keyword, name), Some(false), "{name}");
        }
    });
}

proptest! {
    #[test]
    fn arbitrary_ascii_names_match_upstream(name in "(uint|int|bytes|u|i|b|[a-z]|[0-9]|_| |\\+|-|\n){0,8}") {
        quietly(|| assert_same(&name));
    }
}
