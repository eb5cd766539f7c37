// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";

/// @notice Settable L2 sequencer uptime feed (answer 0 = up, 1 = down; startedAt = status since).
contract MockSequencerFeed is AggregatorV3Interface {
    uint8 public constant decimals = 0;
    uint80 internal _roundId;
    int256 internal _answer;
    uint256 internal _startedAt;

    constructor(int256 answer, uint256 startedAt) {
        setStatus(answer, startedAt);
    }

    /// @notice Publishes a new status round.
    function setStatus(int256 answer, uint256 startedAt) public {
        _roundId += 1;
        _answer = answer;
        _startedAt = startedAt;
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return (_roundId, _answer, _startedAt, block.timestamp, _roundId);
    }
}
