// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.24;

import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";

/// @title MockAggregatorV3
/// @notice A settable Chainlink price feed for tests and devnet scenarios: answer, timestamps and decimals are
/// set directly, and every read can be made to revert (a broken feed).
contract MockAggregatorV3 is AggregatorV3Interface {
    /// @inheritdoc AggregatorV3Interface
    uint8 public decimals;
    /// @notice The latest round's id.
    uint80 public roundId;
    /// @notice The latest answer.
    int256 public answer;
    /// @notice When the latest round started.
    uint256 public startedAt;
    /// @notice When the latest answer was published.
    uint256 public updatedAt;
    /// @notice Whether every read reverts.
    bool public reverts;

    /// @notice Every read reverts while `reverts` is set.
    error FeedReverted();

    /// @notice Creates the feed with a first round.
    /// @param decimals_ the answer's decimals.
    /// @param answer_ the first answer.
    /// @param updatedAt_ when it was published (also its start).
    constructor(uint8 decimals_, int256 answer_, uint256 updatedAt_) {
        decimals = decimals_;
        setRound(answer_, updatedAt_, updatedAt_);
    }

    /// @notice Publishes a new round with `answer_`, started at `startedAt_` and updated at `updatedAt_`.
    function setRound(int256 answer_, uint256 startedAt_, uint256 updatedAt_) public {
        roundId += 1;
        answer = answer_;
        startedAt = startedAt_;
        updatedAt = updatedAt_;
    }

    /// @notice Publishes a new round with `answer_` at `updatedAt_`.
    function setAnswer(int256 answer_, uint256 updatedAt_) external {
        setRound(answer_, updatedAt_, updatedAt_);
    }

    /// @notice Changes the answer's decimals.
    function setDecimals(uint8 decimals_) external {
        decimals = decimals_;
    }

    /// @notice Makes every read revert (`true`) or answer again (`false`).
    function setReverts(bool reverts_) external {
        reverts = reverts_;
    }

    /// @inheritdoc AggregatorV3Interface
    function description() external pure returns (string memory) {
        return "MockAggregatorV3";
    }

    /// @inheritdoc AggregatorV3Interface
    function version() external pure returns (uint256) {
        return 4;
    }

    /// @inheritdoc AggregatorV3Interface
    /// @dev Only the latest round exists; any `roundId_` returns it.
    function getRoundData(uint80) external view returns (uint80, int256, uint256, uint256, uint80) {
        return _latest();
    }

    /// @inheritdoc AggregatorV3Interface
    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return _latest();
    }

    function _latest() private view returns (uint80, int256, uint256, uint256, uint80) {
        if (reverts) revert FeedReverted();
        return (roundId, answer, startedAt, updatedAt, roundId);
    }
}
