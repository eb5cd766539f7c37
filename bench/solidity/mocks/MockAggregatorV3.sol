// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";

/// @notice Settable Chainlink-style price feed for the benchmark and tests.
contract MockAggregatorV3 is AggregatorV3Interface {
    uint8 public immutable decimals;
    uint80 internal _roundId;
    int256 internal _answer;
    uint256 internal _updatedAt;
    bool internal _reverts;

    constructor(uint8 feedDecimals, int256 answer, uint256 updatedAt) {
        decimals = feedDecimals;
        setAnswer(answer, updatedAt);
    }

    /// @notice Publishes a new round.
    function setAnswer(int256 answer, uint256 updatedAt) public {
        _roundId += 1;
        _answer = answer;
        _updatedAt = updatedAt;
    }

    /// @notice Makes latestRoundData revert (or stop reverting).
    function setReverts(bool reverts) external {
        _reverts = reverts;
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        require(!_reverts, "MockAggregatorV3: reverts");
        return (_roundId, _answer, _updatedAt, _updatedAt, _roundId);
    }
}
