//! A compact ABI encoder for the contracts' own errors and events (feature
//! `stylus`): [`Writer`].
//!
//! alloy's `SolError::abi_encode` / `SolEvent` encoders are generic and
//! instantiated once per error and event type (measured with cargo-stylus:
//! replacing them with a compact encoder took the OracleSanityChecker from
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

/// Builds ABI data in place, one value at a time: revert data (an error's
/// selector, then its words) or a log's data (topics, then words; see
/// [`crate::log`]).
///
/// Nothing is built as a 32-byte temporary first (as an array of words
/// handed to an encoder would be): each value is one call that appends its
/// word. The appenders are `#[inline(never)]` on purpose: inlined, every
/// `uint` and `u256` site would carry its own big-endian conversion
/// (measured on the OracleSanityChecker: the word-array form of its events
/// and errors cost about 400 compressed bytes more than this).
#[derive(Debug, Clone, PartialEq, Eq)]
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
/// `impl From<Enum> for Vec<u8>` with [`Writer`]: the revert data.
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
