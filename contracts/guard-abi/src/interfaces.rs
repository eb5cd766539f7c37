//! Cross-contract interfaces, as `alloy_sol_types::sol!` definitions.
//!
//! The generated `*Call` structs give selectors and ABI encoding/decoding
//! that work in `no_std` contracts and in std tools (devnet, tests, CLI)
//! alike. Contracts call each other with raw calls and decode the answer
//! with these types, so malformed return data is a value they can handle
//! (fail closed), never a trap.
#![allow(missing_docs)] // `sol!` generates the items; the docs are on the Solidity side.

use alloy_sol_types::sol;

sol! {
    #![sol(all_derives)]

    /// The settlement gate every vault calls before a settlement
    /// (`DESIGN.md`, fixed).
    interface ISettlementGuard {
        /// The gate's verdict for `action` on `market` is `status`, not OK.
        error SettlementBlocked(bytes32 market, uint8 action, uint8 status);

        function checkSettlement(bytes32 market, uint8 action)
            external view returns (uint8 status, uint64 validUntil);

        function requireSettlement(bytes32 market, uint8 action) external view;

        function settlementPrice(bytes32 market, uint8 action)
            external view returns (uint256 price, uint64 publishedAt);

        function incidentWindow(bytes32 market)
            external view returns (uint64 start, uint64 end);

        function marginMultiplier(bytes32 market)
            external view returns (uint16 bps);
    }

    /// What the PauseRegistry asks the OracleSanityChecker for statuses 5–11.
    ///
    /// All four are views that never revert on a bad feed.
    interface IOracleGate {
        /// The market's price verdict: `status` is OK (0), BREAKER_TRIPPED
        /// (7) or one of ORACLE_UNAVAILABLE..ORACLE_DEVIATION (8–11);
        /// `price` is normalized to 18 decimals; `validUntil` is when an OK
        /// verdict goes stale (`publishedAt + heartbeat`), 0 otherwise.
        function checkPrice(bytes32 market)
            external view
            returns (uint8 status, uint256 price, uint64 publishedAt, uint64 validUntil);

        /// The sequencer verdict: OK (0), SEQUENCER_DOWN (5) or
        /// SEQUENCER_GRACE (6); `upSince` is when it last came up (0 when
        /// down or unreadable) and `graceEndsAt` is `upSince + grace`.
        function checkSequencer()
            external view
            returns (uint8 status, uint64 upSince, uint64 graceEndsAt);

        /// Both verdicts in one call: exactly what `checkSequencer()` and
        /// `checkPrice(market)` return in the same block, in that order.
        /// The gate asks this when an action needs both answers (one
        /// program entry instead of two).
        function checkMarket(bytes32 market)
            external view
            returns (
                uint8 sequencerStatus,
                uint64 upSince,
                uint64 graceEndsAt,
                uint8 priceStatus,
                uint256 price,
                uint64 publishedAt,
                uint64 validUntil
            );

        /// The market's margin multiplier in basis points (10_000 = 1x).
        function marginMultiplier(bytes32 market) external view returns (uint16 bps);
    }

    /// Chainlink's price feed interface (the subset the guard reads).
    interface AggregatorV3Interface {
        function decimals() external view returns (uint8);

        function latestRoundData()
            external view
            returns (
                uint80 roundId,
                int256 answer,
                uint256 startedAt,
                uint256 updatedAt,
                uint80 answeredInRound
            );
    }

    /// An ERC-4626-style TVL source, used for the oracle checker's TVL tiers.
    interface ITotalAssets {
        function totalAssets() external view returns (uint256);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloy_sol_types::SolCall;

    #[test]
    fn selectors_are_the_solidity_ones() {
        // keccak256("checkSettlement(bytes32,uint8)")[..4] and friends.
        assert_eq!(
            ISettlementGuard::checkSettlementCall::SIGNATURE,
            "checkSettlement(bytes32,uint8)"
        );
        assert_eq!(
            AggregatorV3Interface::latestRoundDataCall::SELECTOR,
            [0xfe, 0xaf, 0x96, 0x8c]
        );
        assert_eq!(
            AggregatorV3Interface::decimalsCall::SELECTOR,
            [0x31, 0x3c, 0xe5, 0x67]
        );
        assert_eq!(
            ITotalAssets::totalAssetsCall::SELECTOR,
            [0x01, 0xe1, 0xd1, 0x14]
        );
    }
}
