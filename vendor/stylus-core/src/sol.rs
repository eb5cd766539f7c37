// Vendored by Stylus Incident Guard: the only change to stylus-core 0.10.10
// is this function's body, written without `regex`/`lazy_static` (both need
// `std`, which would then be linked into every no_std contract). See
// vendor/README.md and the equivalence tests in tests/sol_keyword.rs.

/// The decimal size suffix of `name` after `prefix`, as the upstream regex
/// `^<prefix>(\d+)$` followed by `caps[1].parse::<usize>().unwrap()` yields
/// it: `None` when `name` is not `prefix` followed by one or more ASCII digits;
/// panics, like the upstream `unwrap`, when the digits overflow `usize`.
fn size_suffix(name: &str, prefix: &str) -> Option<usize> {
    let digits = name.strip_prefix(prefix)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(digits.parse().unwrap())
}

pub fn is_sol_keyword(name: &str) -> bool {
    if let Some(bits) = size_suffix(name, "uint") {
        if bits.is_multiple_of(8) {
            return true;
        }
    }

    if let Some(bits) = size_suffix(name, "int") {
        if bits.is_multiple_of(8) {
            return true;
        }
    }

    if let Some(bits) = size_suffix(name, "bytes") {
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
        | "sealed" | "sizeof" | "static" | "supports" | "switch" | "typedef" | "typeof" | "var" => {
            true
        }
        _ => false,
    }
}
