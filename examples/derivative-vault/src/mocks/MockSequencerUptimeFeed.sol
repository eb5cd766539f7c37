// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.24;

import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";

/// @title MockSequencerUptimeFeed
/// @notice A settable Chainlink L2 sequencer uptime feed: answer 0 = up, 1 = down; `startedAt` = since when the
/// status holds (0 is invalid, which the guard treats as down). Reads can be made to revert.
contract MockSequencerUptimeFeed is AggregatorV3Interface {
    /// @inheritdoc AggregatorV3Interface
    uint8 public constant decimals = 0;
    /// @notice The latest round's id.
    uint80 public roundId;
    /// @notice The status: 0 up, 1 down.
    int256 public answer;
    /// @notice Since when the status holds.
    uint256 public startedAt;
    /// @notice Whether every read reverts.
    bool public reverts;

    /// @notice Every read reverts while `reverts` is set.
    error FeedReverted();

    /// @notice Creates the feed with a first status.
    /// @param answer_ 0 up, 1 down.
    /// @param startedAt_ since when.
    constructor(int256 answer_, uint256 startedAt_) {
        setStatus(answer_, startedAt_);
    }

    /// @notice Publishes a new status round: `answer_` (0 up, 1 down) since `startedAt_`.
    function setStatus(int256 answer_, uint256 startedAt_) public {
        roundId += 1;
        answer = answer_;
        startedAt = startedAt_;
    }

    /// @notice Makes every read revert (`true`) or answer again (`false`).
    function setReverts(bool reverts_) external {
        reverts = reverts_;
    }

    /// @inheritdoc AggregatorV3Interface
    function description() external pure returns (string memory) {
        return "MockSequencerUptimeFeed";
    }

    /// @inheritdoc AggregatorV3Interface
    function version() external pure returns (uint256) {
        return 1;
    }

    /// @inheritdoc AggregatorV3Interface
    /// @dev Only the latest round exists; any `roundId_` returns it.
    function getRoundData(uint80) external view returns (uint80, int256, uint256, uint256, uint80) {
        return _latest();
    }

    /// @inheritdoc AggregatorV3Interface
    /// @dev `updatedAt` is `startedAt`, as Chainlink's uptime feeds publish it.
    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return _latest();
    }

    function _latest() private view returns (uint80, int256, uint256, uint256, uint80) {
        if (reverts) revert FeedReverted();
        return (roundId, answer, startedAt, startedAt, roundId);
    }
}
