//! Storage layout of the PauseRegistry: hand-packed words.
//!
//! Every record the gate reads is one 32-byte word, packed and unpacked here
//! with fixed byte offsets, so a settlement check costs one storage load per
//! record (the market word, the gate word) and the contract stays small.
//! All integers are little-endian at the offsets below ([`guard_abi::packing`]);
//! unused bytes are zero.

use alloy_primitives::{Address, B256};
use guard_abi::packing::{
    address_at, set_address, set_u16, set_u32, set_u64, u16_at, u32_at, u64_at,
};

use crate::pause::PauseScope;

/// The word read on every check: the oracle checker and the global pause.
///
/// Layout: `oracle` 0..20, `mask` 20..22, `until` 22..30.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GateWord {
    /// The OracleSanityChecker.
    pub oracle: Address,
    /// Globally paused actions.
    pub mask: u16,
    /// Last globally paused second.
    pub until: u64,
}

impl GateWord {
    /// Unpacks a stored word.
    pub fn unpack(w: B256) -> Self {
        GateWord {
            oracle: address_at(&w, 0),
            mask: u16_at(&w, 20),
            until: u64_at(&w, 22),
        }
    }

    /// Packs for storage.
    pub fn pack(&self) -> B256 {
        let mut w = B256::ZERO;
        set_address(&mut w, 0, self.oracle);
        set_u16(&mut w, 20, self.mask);
        set_u64(&mut w, 22, self.until);
        w
    }
}

/// Registry-wide parameters (one word).
///
/// Layout: `global_grace_from` 0..8, `incident_lookback` 8..12,
/// `sentinel_budget` 12..14, `sentinel_window` 14..18, `sentinel_cooldown` 18..22.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ParamsWord {
    /// First second after the latest global CLOSE/ADD_MARGIN pause.
    pub global_grace_from: u64,
    /// How far back an incident may start (seconds, ≤ 7 days).
    pub incident_lookback: u32,
    /// Sentinel pauses per key per window.
    pub sentinel_budget: u16,
    /// Sentinel budget window (seconds, ≤ 30 days).
    pub sentinel_window: u32,
    /// Per-scope sentinel cooldown (seconds, ≤ 30 days).
    pub sentinel_cooldown: u32,
}

impl ParamsWord {
    /// Unpacks a stored word.
    pub fn unpack(w: B256) -> Self {
        ParamsWord {
            global_grace_from: u64_at(&w, 0),
            incident_lookback: u32_at(&w, 8),
            sentinel_budget: u16_at(&w, 12),
            sentinel_window: u32_at(&w, 14),
            sentinel_cooldown: u32_at(&w, 18),
        }
    }

    /// Packs for storage.
    pub fn pack(&self) -> B256 {
        let mut w = B256::ZERO;
        set_u64(&mut w, 0, self.global_grace_from);
        set_u32(&mut w, 8, self.incident_lookback);
        set_u16(&mut w, 12, self.sentinel_budget);
        set_u32(&mut w, 14, self.sentinel_window);
        set_u32(&mut w, 18, self.sentinel_cooldown);
        w
    }
}

/// A market's gate word: registration, config and pause.
///
/// Layout: `registered` 0, `sequencer_sensitive` 1..3, `liquidation_grace`
/// 3..7, `pause.mask` 7..9, `pause.until` 9..17, `pause.grace_from` 17..25.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MarketWord {
    /// Whether the market is registered.
    pub registered: bool,
    /// Actions for which the sequencer status matters.
    pub sequencer_sensitive: u16,
    /// Seconds LIQUIDATE waits after a CLOSE/ADD_MARGIN pause or an outage.
    pub liquidation_grace: u32,
    /// The market's pause.
    pub pause: PauseScope,
}

impl MarketWord {
    /// Unpacks a stored word.
    pub fn unpack(w: B256) -> Self {
        MarketWord {
            registered: w.0[0] != 0,
            sequencer_sensitive: u16_at(&w, 1),
            liquidation_grace: u32_at(&w, 3),
            pause: PauseScope {
                mask: u16_at(&w, 7),
                until: u64_at(&w, 9),
                grace_from: u64_at(&w, 17),
            },
        }
    }

    /// Packs for storage.
    pub fn pack(&self) -> B256 {
        let mut w = B256::ZERO;
        w.0[0] = u8::from(self.registered);
        set_u16(&mut w, 1, self.sequencer_sensitive);
        set_u32(&mut w, 3, self.liquidation_grace);
        set_u16(&mut w, 7, self.pause.mask);
        set_u64(&mut w, 9, self.pause.until);
        set_u64(&mut w, 17, self.pause.grace_from);
        w
    }
}

/// A market's history word: the last known-good config and the incident window.
///
/// Layout: `has_previous` 0, `previous_sequencer_sensitive` 1..3,
/// `previous_liquidation_grace` 3..7, `incident_start` 7..15, `incident_end` 15..23.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HistoryWord {
    /// Whether a previous config is kept for `rollbackConfig`.
    pub has_previous: bool,
    /// Previous sequencer-sensitive mask.
    pub previous_sequencer_sensitive: u16,
    /// Previous liquidation grace.
    pub previous_liquidation_grace: u32,
    /// Incident window start (0 = none declared).
    pub incident_start: u64,
    /// Incident window end (0 = still open).
    pub incident_end: u64,
}

impl HistoryWord {
    /// Unpacks a stored word.
    pub fn unpack(w: B256) -> Self {
        HistoryWord {
            has_previous: w.0[0] != 0,
            previous_sequencer_sensitive: u16_at(&w, 1),
            previous_liquidation_grace: u32_at(&w, 3),
            incident_start: u64_at(&w, 7),
            incident_end: u64_at(&w, 15),
        }
    }

    /// Packs for storage.
    pub fn pack(&self) -> B256 {
        let mut w = B256::ZERO;
        w.0[0] = u8::from(self.has_previous);
        set_u16(&mut w, 1, self.previous_sequencer_sensitive);
        set_u32(&mut w, 3, self.previous_liquidation_grace);
        set_u64(&mut w, 7, self.incident_start);
        set_u64(&mut w, 15, self.incident_end);
        w
    }
}

/// A sentinel key (one word).
///
/// Layout: `cap` 0..4, `window_start` 4..12, `used` 12..14.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SentinelWord {
    /// Longest pause it may set (seconds); 0 = not a sentinel.
    pub cap: u32,
    /// Start of its current budget window.
    pub window_start: u64,
    /// Pauses used in the current window.
    pub used: u16,
}

impl SentinelWord {
    /// Unpacks a stored word.
    pub fn unpack(w: B256) -> Self {
        SentinelWord {
            cap: u32_at(&w, 0),
            window_start: u64_at(&w, 4),
            used: u16_at(&w, 12),
        }
    }

    /// Packs for storage.
    pub fn pack(&self) -> B256 {
        let mut w = B256::ZERO;
        set_u32(&mut w, 0, self.cap);
        set_u64(&mut w, 4, self.window_start);
        set_u16(&mut w, 12, self.used);
        w
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn words_round_trip(
            a in any::<[u8; 20]>(), m in any::<u16>(), u in any::<u64>(), g in any::<u64>(),
            b in any::<bool>(), s in any::<u16>(), l in any::<u32>(), x in any::<u32>(), y in any::<u32>(),
        ) {
            let gate = GateWord { oracle: Address::from(a), mask: m, until: u };
            prop_assert_eq!(GateWord::unpack(gate.pack()), gate);
            let params = ParamsWord { global_grace_from: g, incident_lookback: l, sentinel_budget: s, sentinel_window: x, sentinel_cooldown: y };
            prop_assert_eq!(ParamsWord::unpack(params.pack()), params);
            let market = MarketWord { registered: b, sequencer_sensitive: s, liquidation_grace: l, pause: PauseScope { mask: m, until: u, grace_from: g } };
            prop_assert_eq!(MarketWord::unpack(market.pack()), market);
            let history = HistoryWord { has_previous: b, previous_sequencer_sensitive: s, previous_liquidation_grace: l, incident_start: u, incident_end: g };
            prop_assert_eq!(HistoryWord::unpack(history.pack()), history);
            let sentinel = SentinelWord { cap: x, window_start: u, used: m };
            prop_assert_eq!(SentinelWord::unpack(sentinel.pack()), sentinel);
        }
    }

    #[test]
    fn an_empty_slot_is_an_unregistered_market_and_no_sentinel() {
        assert!(!MarketWord::unpack(B256::ZERO).registered);
        assert_eq!(SentinelWord::unpack(B256::ZERO).cap, 0);
        assert_eq!(HistoryWord::unpack(B256::ZERO).incident_start, 0);
    }
}
