//! Operations: ids, the packed per-operation record, its state machine and
//! the codehash pin.
//!
//! ## Ids
//! Exactly OpenZeppelin 5.x `TimelockController`'s:
//! `keccak256(abi.encode(target, value, data, predecessor, salt))` and
//! `keccak256(abi.encode(targets, values, payloads, predecessor, salt))`.
//!
//! ## The record (one storage word per operation)
//! Big-endian at fixed offsets: `timestamp` 0..5 (uint40), `grace` 5..8
//! (uint24), `pin` 8..32 (the first 24 bytes of the codehash pin).
//! - `timestamp`: 0 = unset, 1 = done (OpenZeppelin's `_DONE_TIMESTAMP`),
//!   otherwise the second from which the operation is ready.
//! - `grace`: the grace window in force when it was scheduled, pinned so a
//!   later change of the window never shortens, extends or revives it.
//! - `pin`: see [`codehash_pin`].
//!
//! ## States
//! `Unset` → `Waiting` (scheduled, `now < timestamp`) → `Ready`
//! (`timestamp ≤ now < timestamp + grace`) → `Done` (executed) or `Expired`
//! (`now ≥ timestamp + grace`, never executed). Cancelling a `Waiting` or
//! `Ready` operation deletes the record (back to `Unset`). An `Expired`
//! record can never execute; it reads as `Unset` in the OpenZeppelin views
//! and may be scheduled anew, which starts a full delay again.

use alloc::vec::Vec;

use alloy_primitives::{b256, keccak256, Address, Bytes, B256, U256};

/// `keccak256("")`: the codehash of an account without code.
pub const EMPTY_CODE_HASH: B256 =
    b256!("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");

/// OpenZeppelin's `_DONE_TIMESTAMP`.
pub const DONE_TIMESTAMP: u64 = 1;

/// The largest timestamp a record holds (uint40: year 36812).
pub const MAX_TIMESTAMP: u64 = (1 << 40) - 1;

/// The state of an operation. The first four values are OpenZeppelin's
/// `OperationState` enum; `Expired` is this timelock's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum OperationState {
    /// Never scheduled, or cancelled.
    Unset = 0,
    /// Scheduled, its delay not yet over.
    Waiting = 1,
    /// Executable now.
    Ready = 2,
    /// Executed.
    Done = 3,
    /// Ready once, not executed within its grace window: can never run.
    Expired = 4,
}

impl OperationState {
    /// The state as OpenZeppelin's `getOperationState` reports it: `Expired`
    /// reads as `Unset` (it can never run, and it may be scheduled anew).
    #[must_use]
    pub fn oz_compatible(self) -> OperationState {
        match self {
            OperationState::Expired => OperationState::Unset,
            s => s,
        }
    }

    /// OpenZeppelin's `_encodeStateBitmap`: bit `state` set.
    pub fn bitmap(self) -> B256 {
        B256::with_last_byte(1 << (self as u8))
    }
}

/// One operation's record, packed into one storage word (layout in the
/// module docs).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OperationWord {
    /// 0 unset, 1 done, else the second from which it is ready.
    pub timestamp: u64,
    /// Seconds it stays executable once ready.
    pub grace: u32,
    /// The first 24 bytes of the targets' codehash pin.
    pub pin: [u8; 24],
}

impl OperationWord {
    /// The record of an executed operation.
    pub const DONE: OperationWord = OperationWord {
        timestamp: DONE_TIMESTAMP,
        grace: 0,
        pin: [0; 24],
    };

    /// Unpacks a stored word.
    pub fn unpack(w: B256) -> Self {
        let mut ts = [0u8; 8];
        ts[3..].copy_from_slice(&w.0[0..5]);
        let mut grace = [0u8; 4];
        grace[1..].copy_from_slice(&w.0[5..8]);
        let mut pin = [0u8; 24];
        pin.copy_from_slice(&w.0[8..32]);
        OperationWord {
            timestamp: u64::from_be_bytes(ts),
            grace: u32::from_be_bytes(grace),
            pin,
        }
    }

    /// Packs for storage. `timestamp` must fit in 40 bits and `grace` in 24
    /// (the contract checks both before building a record).
    pub fn pack(&self) -> B256 {
        let mut w = B256::ZERO;
        w.0[0..5].copy_from_slice(&self.timestamp.to_be_bytes()[3..]);
        w.0[5..8].copy_from_slice(&self.grace.to_be_bytes()[1..]);
        w.0[8..32].copy_from_slice(&self.pin);
        w
    }

    /// The first second at which a scheduled operation is expired.
    pub fn expires_at(&self) -> u64 {
        self.timestamp.saturating_add(u64::from(self.grace))
    }

    /// The state at time `now`.
    pub fn state(&self, now: u64) -> OperationState {
        match self.timestamp {
            0 => OperationState::Unset,
            DONE_TIMESTAMP => OperationState::Done,
            ts if now < ts => OperationState::Waiting,
            _ if now < self.expires_at() => OperationState::Ready,
            _ => OperationState::Expired,
        }
    }
}

/// An ABI encoder for the two id preimages, word by word (alloy's generic
/// encoders would add kilobytes to the WASM; the tests compare with them).
struct Encoder(Vec<u8>);

impl Encoder {
    fn word(&mut self, w: B256) {
        self.0.extend_from_slice(w.as_slice());
    }

    fn uint(&mut self, n: usize) {
        self.word(B256::from(U256::from(n)));
    }

    /// `bytes`: length, then the data zero-padded to whole words.
    fn bytes(&mut self, data: &[u8]) {
        self.uint(data.len());
        self.0.extend_from_slice(data);
        self.0.resize(self.0.len() + padding(data.len()), 0);
    }
}

/// Zero bytes that pad `len` bytes to whole words.
fn padding(len: usize) -> usize {
    (32 - len % 32) % 32
}

/// The id of a single-call operation (OpenZeppelin's `hashOperation`):
/// `keccak256(abi.encode(target, value, data, predecessor, salt))`.
pub fn hash_operation(
    target: Address,
    value: U256,
    data: &Bytes,
    predecessor: B256,
    salt: B256,
) -> B256 {
    let mut e = Encoder(Vec::with_capacity(7 * 32 + data.len() + 32));
    e.word(target.into_word());
    e.word(value.into());
    e.uint(5 * 32); // offset of `data`
    e.word(predecessor);
    e.word(salt);
    e.bytes(data);
    keccak256(&e.0)
}

/// The id of a batch operation (OpenZeppelin's `hashOperationBatch`).
pub fn hash_operation_batch(
    targets: &[Address],
    values: &[U256],
    payloads: &[Bytes],
    predecessor: B256,
    salt: B256,
) -> B256 {
    // Heads: three offsets, predecessor, salt; then the three arrays.
    let targets_at = 5 * 32;
    let values_at = targets_at + 32 * (1 + targets.len());
    let payloads_at = values_at + 32 * (1 + values.len());
    let mut e = Encoder(Vec::new());
    e.uint(targets_at);
    e.uint(values_at);
    e.uint(payloads_at);
    e.word(predecessor);
    e.word(salt);
    e.uint(targets.len());
    for t in targets {
        e.word(t.into_word());
    }
    e.uint(values.len());
    for v in values {
        e.word((*v).into());
    }
    // bytes[]: length, one offset per element (from the start of the
    // offsets), then each element.
    e.uint(payloads.len());
    let mut at = 32 * payloads.len();
    for p in payloads {
        e.uint(at);
        at += 32 + p.len() + padding(p.len());
    }
    for p in payloads {
        e.bytes(p);
    }
    keccak256(&e.0)
}

/// An account's codehash as pinned: `EXTCODEHASH` with "no account" (0)
/// folded into "no code" (`keccak256("")`), so a codeless target that merely
/// receives ether in the meantime does not count as changed.
pub fn normalize_codehash(hash: B256) -> B256 {
    if hash.is_zero() {
        EMPTY_CODE_HASH
    } else {
        hash
    }
}

/// The pin of an operation's targets: the first 24 bytes (192 bits) of
/// `keccak256(codehash_1 ‖ … ‖ codehash_n)` over the normalized codehashes,
/// in call order. One word for a single call and for a batch.
pub fn codehash_pin(codehashes: impl IntoIterator<Item = B256>) -> [u8; 24] {
    let mut buf = Vec::new();
    for h in codehashes {
        buf.extend_from_slice(normalize_codehash(h).as_slice());
    }
    let digest = keccak256(&buf);
    let mut pin = [0u8; 24];
    pin.copy_from_slice(&digest.0[..24]);
    pin
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_primitives::{address, bytes};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn records_round_trip(ts in 0..=MAX_TIMESTAMP, grace in 0u32..(1 << 24), pin in any::<[u8; 24]>()) {
            let w = OperationWord { timestamp: ts, grace, pin };
            prop_assert_eq!(OperationWord::unpack(w.pack()), w);
        }

        #[test]
        fn state_follows_the_documented_windows(ts in 2u64..1_000_000, grace in 1u32..100_000, now in 0u64..2_000_000) {
            let w = OperationWord { timestamp: ts, grace, pin: [0; 24] };
            let expected = if now < ts {
                OperationState::Waiting
            } else if now < ts + u64::from(grace) {
                OperationState::Ready
            } else {
                OperationState::Expired
            };
            prop_assert_eq!(w.state(now), expected);
        }
    }

    proptest! {
        #[test]
        fn ids_match_alloys_abi_encoding(
            calls in proptest::collection::vec((any::<[u8; 20]>(), any::<u64>(), proptest::collection::vec(any::<u8>(), 0..70)), 0..4),
            pred in any::<[u8; 32]>(),
            salt in any::<[u8; 32]>(),
        ) {
            use alloy_sol_types::{sol_data, SolType, SolValue};
            type Batch = (
                sol_data::Array<sol_data::Address>,
                sol_data::Array<sol_data::Uint<256>>,
                sol_data::Array<sol_data::Bytes>,
                sol_data::FixedBytes<32>,
                sol_data::FixedBytes<32>,
            );
            let targets: Vec<Address> = calls.iter().map(|c| Address::from(c.0)).collect();
            let values: Vec<U256> = calls.iter().map(|c| U256::from(c.1)).collect();
            let payloads: Vec<Bytes> = calls.iter().map(|c| Bytes::from(c.2.clone())).collect();
            let (pred, salt) = (B256::from(pred), B256::from(salt));
            prop_assert_eq!(
                hash_operation_batch(&targets, &values, &payloads, pred, salt),
                keccak256(Batch::abi_encode_params(&(targets.clone(), values.clone(), payloads.clone(), pred, salt)))
            );
            if let (Some(t), Some(v), Some(p)) = (targets.first(), values.first(), payloads.first()) {
                prop_assert_eq!(
                    hash_operation(*t, *v, p, pred, salt),
                    keccak256((*t, *v, p.clone(), pred, salt).abi_encode_params())
                );
            }
        }
    }

    #[test]
    fn zero_and_one_are_unset_and_done() {
        assert_eq!(OperationWord::default().state(5), OperationState::Unset);
        assert_eq!(OperationWord::DONE.state(u64::MAX), OperationState::Done);
    }

    #[test]
    fn expired_reads_as_unset_for_openzeppelin_tooling() {
        assert_eq!(
            OperationState::Expired.oz_compatible(),
            OperationState::Unset
        );
        assert_eq!(OperationState::Ready.oz_compatible(), OperationState::Ready);
        assert_eq!(OperationState::Ready.bitmap(), B256::from(U256::from(4u8)));
    }

    #[test]
    fn ids_match_solidity_abi_encode() {
        // abi.encode(address,uint256,bytes,bytes32,bytes32), built by hand.
        let target = address!("00000000000000000000000000000000000000aa");
        let data = bytes!("deadbeef");
        let pred = B256::repeat_byte(1);
        let salt = B256::repeat_byte(2);
        let mut enc = Vec::new();
        enc.extend_from_slice(B256::left_padding_from(target.as_slice()).as_slice());
        enc.extend_from_slice(&U256::from(5u8).to_be_bytes::<32>());
        enc.extend_from_slice(&U256::from(0xa0u8).to_be_bytes::<32>());
        enc.extend_from_slice(pred.as_slice());
        enc.extend_from_slice(salt.as_slice());
        enc.extend_from_slice(&U256::from(4u8).to_be_bytes::<32>());
        let mut padded = [0u8; 32];
        padded[..4].copy_from_slice(&data);
        enc.extend_from_slice(&padded);
        assert_eq!(
            hash_operation(target, U256::from(5u8), &data, pred, salt),
            keccak256(&enc)
        );
    }

    #[test]
    fn batch_ids_match_solidity_abi_encode() {
        // abi.encode(address[],uint256[],bytes[],bytes32,bytes32) for one call.
        let target = address!("00000000000000000000000000000000000000aa");
        let data = bytes!("01");
        let word = |n: u64| U256::from(n).to_be_bytes::<32>();
        let mut enc = Vec::new();
        // Heads: three offsets, predecessor, salt.
        enc.extend_from_slice(&word(0xa0));
        enc.extend_from_slice(&word(0xe0));
        enc.extend_from_slice(&word(0x120));
        enc.extend_from_slice(&[0u8; 32]);
        enc.extend_from_slice(&[0u8; 32]);
        // targets
        enc.extend_from_slice(&word(1));
        enc.extend_from_slice(B256::left_padding_from(target.as_slice()).as_slice());
        // values
        enc.extend_from_slice(&word(1));
        enc.extend_from_slice(&word(7));
        // payloads: length, offset of element 0, element 0 (length, data).
        enc.extend_from_slice(&word(1));
        enc.extend_from_slice(&word(0x20));
        enc.extend_from_slice(&word(1));
        let mut padded = [0u8; 32];
        padded[0] = 1;
        enc.extend_from_slice(&padded);
        assert_eq!(
            hash_operation_batch(
                &[target],
                &[U256::from(7u8)],
                &[data],
                B256::ZERO,
                B256::ZERO
            ),
            keccak256(&enc)
        );
    }

    #[test]
    fn pin_treats_no_account_as_no_code_and_depends_on_order() {
        let a = B256::repeat_byte(0xaa);
        assert_eq!(codehash_pin([B256::ZERO]), codehash_pin([EMPTY_CODE_HASH]));
        assert_ne!(codehash_pin([a]), codehash_pin([EMPTY_CODE_HASH]));
        assert_ne!(
            codehash_pin([a, EMPTY_CODE_HASH]),
            codehash_pin([EMPTY_CODE_HASH, a])
        );
    }
}
