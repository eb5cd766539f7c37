//! Action ids and action masks.
//!
//! Bit `i` of a `uint16` mask is action `i`. An action id above
//! [`MAX_ACTION`] is bad input (status `UNKNOWN_ACTION`).

/// Deposit collateral (risk-increasing).
pub const DEPOSIT: u8 = 0;
/// Withdraw collateral (risk-increasing).
pub const WITHDRAW: u8 = 1;
/// Open or increase a position (risk-increasing).
pub const OPEN: u8 = 2;
/// Reduce or close a position (risk-reducing).
pub const CLOSE: u8 = 3;
/// Add margin to a position (risk-reducing).
pub const ADD_MARGIN: u8 = 4;
/// Liquidate an under-margined position (risk-reducing).
pub const LIQUIDATE: u8 = 5;
/// Expiry, funding or final settlement at the oracle price.
pub const SETTLE: u8 = 6;

/// The highest valid action id.
pub const MAX_ACTION: u8 = SETTLE;

/// DEPOSIT, WITHDRAW and OPEN.
pub const RISK_INCREASING: u16 = 0x07;
/// CLOSE, ADD_MARGIN and LIQUIDATE.
pub const RISK_REDUCING: u16 = 0x38;
/// The actions that need a sane oracle price: WITHDRAW, OPEN, CLOSE,
/// LIQUIDATE and SETTLE.
pub const NEEDS_PRICE: u16 = 0x6E;
/// Every action.
pub const ALL: u16 = 0x7F;
/// The default sequencer-sensitive actions of a market: OPEN, WITHDRAW,
/// LIQUIDATE and SETTLE.
pub const DEFAULT_SEQUENCER_SENSITIVE: u16 =
    (1 << OPEN) | (1 << WITHDRAW) | (1 << LIQUIDATE) | (1 << SETTLE);
/// Actions whose pause starts the liquidation grace period when it ends:
/// users must be able to top up before they can be liquidated.
pub const LIQUIDATION_GRACE_TRIGGERS: u16 = (1 << CLOSE) | (1 << ADD_MARGIN);

/// The mask bit of `action`, or `None` when the id is above [`MAX_ACTION`].
#[must_use]
pub const fn bit(action: u8) -> Option<u16> {
    if action > MAX_ACTION {
        None
    } else {
        Some(1 << action)
    }
}

/// Whether `mask` names at least one action and nothing outside [`ALL`].
#[must_use]
pub const fn is_valid_mask(mask: u16) -> bool {
    mask != 0 && mask & !ALL == 0
}

/// Whether `mask` contains `action` (false for unknown actions).
#[must_use]
pub const fn contains(mask: u16, action: u8) -> bool {
    match bit(action) {
        Some(b) => mask & b != 0,
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_match_the_design_table() {
        let ids = |list: &[u8]| list.iter().fold(0u16, |m, a| m | (1 << a));
        assert_eq!(RISK_INCREASING, ids(&[DEPOSIT, WITHDRAW, OPEN]));
        assert_eq!(RISK_REDUCING, ids(&[CLOSE, ADD_MARGIN, LIQUIDATE]));
        assert_eq!(
            NEEDS_PRICE,
            ids(&[WITHDRAW, OPEN, CLOSE, LIQUIDATE, SETTLE])
        );
        assert_eq!(ALL, ids(&[0, 1, 2, 3, 4, 5, 6]));
        assert_eq!(RISK_INCREASING & RISK_REDUCING, 0);
    }

    #[test]
    fn bit_rejects_action_ids_above_six() {
        assert_eq!(bit(6), Some(0x40));
        assert_eq!(bit(7), None);
        assert_eq!(bit(255), None);
        assert!(!contains(ALL, 7));
    }

    #[test]
    fn valid_masks_are_non_zero_and_inside_all() {
        assert!(!is_valid_mask(0));
        assert!(is_valid_mask(1));
        assert!(is_valid_mask(ALL));
        assert!(!is_valid_mask(0x80));
        assert!(!is_valid_mask(0xFFFF));
    }
}
