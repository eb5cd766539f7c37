//! A compact ABI encoder for the contracts' own errors and events (feature
//! `stylus`).
//!
//! alloy's `SolError::abi_encode` / `SolEvent` encoders are generic and
//! instantiated once per error and event type (measured with cargo-stylus:
//! replacing them with this encoder took the OracleSanityChecker from
//! 19,380 to 18,462 compressed bytes and the PauseRegistry from 14,628 to
//! 14,095). Every error and event
//! of the suite is a selector or topics plus static 32-byte words — and at
//! most one trailing `bytes` — so one non-generic encoder does it all. The
//! `sol!` declarations stay the source of truth for names, selectors,
//! topics and the exported ABI; each contract's tests check this encoder
//! byte for byte against alloy's for every error and event it declares
//! (`guard_test_host::encoding`).

use alloc::vec::Vec;

use alloy_primitives::{Address, FixedBytes, B256, U256};

/// A 32-byte ABI word.
pub type Word = B256;

/// `address` as a word (left-padded).
#[inline]
pub fn address_word(value: Address) -> Word {
    value.into_word()
}

/// A `uint256` as a word.
#[inline]
pub fn u256_word(value: U256) -> Word {
    B256::from(value)
}

/// A small unsigned integer (`uint8` … `uint64`) as a word.
#[inline]
pub fn uint_word(value: impl Into<u64>) -> Word {
    u256_word(U256::from(value.into()))
}

/// `bool` as a word.
#[inline]
pub fn bool_word(value: bool) -> Word {
    B256::with_last_byte(u8::from(value))
}

/// `bytes4` as a word (right-padded).
#[inline]
pub fn bytes4_word(value: FixedBytes<4>) -> Word {
    let mut word = B256::ZERO;
    word[..4].copy_from_slice(value.as_slice());
    word
}

/// ABI-encodes a head of static `words`, then, if `tail` is given, a
/// trailing `bytes` whose offset word the caller placed in `words` (use
/// [`tail_offset`]).
#[inline]
pub fn encode(prefix: &[u8], words: &[Word], tail: Option<&[u8]>) -> Vec<u8> {
    encode_after(prefix, &[], words, tail)
}

/// `prefix ‖ lead ‖ words ‖ [len(tail) ‖ tail, zero-padded]`: [`encode`]
/// with `lead` words before the ABI-encoded part (a log's topics).
pub(crate) fn encode_after(
    prefix: &[u8],
    lead: &[Word],
    words: &[Word],
    tail: Option<&[u8]>,
) -> Vec<u8> {
    let tail_len = tail.map_or(0, |t| 32 + t.len().next_multiple_of(32));
    let mut out = Vec::with_capacity(prefix.len() + 32 * (lead.len() + words.len()) + tail_len);
    out.extend_from_slice(prefix);
    for word in lead.iter().chain(words) {
        out.extend_from_slice(word.as_slice());
    }
    if let Some(tail) = tail {
        out.extend_from_slice(u256_word(U256::from(tail.len())).as_slice());
        out.extend_from_slice(tail);
        out.resize(
            out.len() + (tail.len().next_multiple_of(32) - tail.len()),
            0,
        );
    }
    out
}

/// The offset word of a `bytes` that follows `head_words` static words.
#[inline]
pub fn tail_offset(head_words: usize) -> Word {
    u256_word(U256::from(32 * head_words))
}

/// Builds ABI data in place, one value at a time: revert data (an error's
/// selector, then its words) or a log's data (topics, then words; see
/// [`crate::log`]).
///
/// Unlike a `[Word; N]` handed to [`encode`], nothing is built as a 32-byte
/// temporary first: each value is one call that appends its word. The
/// appenders are `#[inline(never)]` on purpose: inlined, every `uint` and
/// `u256` site would carry its own big-endian conversion (measured on the
/// OracleSanityChecker: the word-array form of its events and errors cost
/// about 400 compressed bytes more than this).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
#[must_use = "a Writer does nothing until its bytes are used"]
pub struct Writer {
    out: Vec<u8>,
}

impl Writer {
    /// A writer that starts with `prefix` (an error selector; empty for a
    /// log), with room for `words` words after it.
    pub fn new(prefix: &[u8], words: usize) -> Self {
        let mut out = Vec::with_capacity(prefix.len() + 32 * words);
        out.extend_from_slice(prefix);
        Writer { out }
    }

    /// Appends a word as is (`bytes32`, a topic).
    #[inline(never)]
    pub fn word(mut self, word: &B256) -> Self {
        self.out.extend_from_slice(word.as_slice());
        self
    }

    /// Appends an `address` (left-padded).
    #[inline(never)]
    pub fn address(mut self, value: &Address) -> Self {
        self.out.extend_from_slice(&[0; 12]);
        self.out.extend_from_slice(value.as_slice());
        self
    }

    /// Appends a small unsigned integer (`uint8` … `uint64`).
    #[inline(never)]
    pub fn uint(mut self, value: u64) -> Self {
        self.out.extend_from_slice(&[0; 24]);
        self.out.extend_from_slice(&value.to_be_bytes());
        self
    }

    /// Appends a `uint256`.
    #[inline(never)]
    pub fn u256(mut self, value: &U256) -> Self {
        self.out.extend_from_slice(&value.to_be_bytes::<32>());
        self
    }

    /// Appends a `bool`.
    pub fn bool(self, value: bool) -> Self {
        self.uint(u64::from(value))
    }

    /// Appends a `bytes4` (right-padded).
    pub fn bytes4(mut self, value: &FixedBytes<4>) -> Self {
        self.out.extend_from_slice(value.as_slice());
        self.out.extend_from_slice(&[0; 28]);
        self
    }

    /// Appends the offset word of a `bytes` that follows `head_words` static
    /// words (the trailing [`Writer::tail`]).
    pub fn tail_offset(self, head_words: usize) -> Self {
        self.uint(32 * head_words as u64)
    }

    /// Appends a trailing `bytes`: its length word and its contents,
    /// zero-padded to whole words. The head must hold its offset
    /// ([`Writer::tail_offset`]).
    pub fn tail(mut self, bytes: &[u8]) -> Self {
        self = self.uint(bytes.len() as u64);
        self.out.extend_from_slice(bytes);
        self.out.resize(
            self.out.len() + (bytes.len().next_multiple_of(32) - bytes.len()),
            0,
        );
        self
    }

    /// The encoded bytes.
    pub fn into_bytes(self) -> Vec<u8> {
        self.out
    }
}

/// Declares a contract's error enum over `sol!` error types: one variant per
/// error (named as the error, or `Variant(ErrorType)` where the names
/// differ), `From<Error>` for each, and for the `export-abi` feature the
/// error list the exported interface declares (as
/// `#[derive(SolidityError)]` would). The caller writes
/// `impl From<Enum> for Vec<u8>` with [`encode`]: the revert data.
///
/// ```ignore
/// guard_abi::error_enum!(
///     /// Every error of the contract.
///     pub enum OracleError { UnauthorizedAccount, InvalidZeroAddress }
/// );
/// guard_abi::error_enum!(
///     /// Every error of the timelock.
///     pub enum TimelockError { ReentrantCall(TimelockReentrantCall) }
/// );
/// ```
#[macro_export]
macro_rules! error_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident { $($variant:ident),* $(,)? }
    ) => {
        $crate::error_enum!(
            $(#[$meta])*
            $vis enum $name { $($variant($variant)),* }
        );
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident { $($variant:ident($error:ident)),* $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug)]
        $vis enum $name {
            $(
                #[doc = concat!("See [`", stringify!($error), "`].")]
                $variant($error),
            )*
        }

        $(
            impl From<$error> for $name {
                fn from(error: $error) -> Self {
                    $name::$variant(error)
                }
            }
        )*

        /// The errors in the exported Solidity interface (as
        /// `#[derive(SolidityError)]` would list them).
        #[cfg(feature = "export-abi")]
        impl ::stylus_sdk::abi::export::internal::InnerTypes for $name {
            fn inner_types() -> ::alloc::vec::Vec<::stylus_sdk::abi::export::internal::InnerType> {
                ::alloc::vec![
                    $(
                        ::stylus_sdk::abi::export::internal::InnerType {
                            name: ::alloc::format!(
                                "error {};",
                                <$error as ::alloy_sol_types::SolError>::SIGNATURE.replace(',', ", ")
                            ),
                            id: ::core::any::TypeId::of::<$error>(),
                        }
                    ),*
                ]
            }
        }
    };
}
