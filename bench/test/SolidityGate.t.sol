// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {SolidityGate} from "../solidity/SolidityGate.sol";
import {MockAggregatorV3} from "../solidity/mocks/MockAggregatorV3.sol";
import {MockSequencerFeed} from "../solidity/mocks/MockSequencerFeed.sol";

/// @dev The two forge cheatcodes these tests use (no forge-std offline).
interface Vm {
    function warp(uint256 timestamp) external;
    function expectRevert(bytes calldata revertData) external;
}

/// @notice Every status the Solidity baseline can give is reachable, with the guard's codes, so the
/// benchmark compares two gates that do the same job.
contract SolidityGateTest {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    bytes32 internal constant MARKET = keccak256("ETH-USD");
    uint8 internal constant DEPOSIT = 0;
    uint8 internal constant CLOSE = 3;
    uint8 internal constant SETTLE = 6;
    uint256 internal constant NOW = 1_000_000;
    uint256 internal constant GRACE = 3600;

    SolidityGate internal gate;
    MockAggregatorV3 internal feed;
    MockSequencerFeed internal sequencer;

    function setUp() public {
        vm.warp(NOW);
        feed = new MockAggregatorV3(8, 2000e8, NOW - 10);
        sequencer = new MockSequencerFeed(0, NOW - 2 * GRACE);
        gate = new SolidityGate(address(this), sequencer, GRACE);
        gate.setMarket(MARKET, feed, 3600, 500, 100e18, 10_000e18, 2000e18);
    }

    function _expect(uint8 action, uint8 status, uint64 validUntil) internal view {
        (uint8 s, uint64 v) = gate.checkSettlement(MARKET, action);
        require(s == status, "status");
        require(v == validUntil, "validUntil");
    }

    function test_settle_is_ok_with_the_staleness_deadline_and_price() public view {
        _expect(SETTLE, 0, uint64(NOW - 10 + 3600));
        (uint256 price, uint64 publishedAt) = gate.settlementPrice(MARKET, SETTLE);
        require(price == 2000e18 && publishedAt == NOW - 10, "price");
    }

    function test_deposit_needs_neither_sequencer_nor_price() public {
        sequencer.setStatus(1, NOW);
        feed.setReverts(true);
        _expect(DEPOSIT, 0, type(uint64).max);
    }

    function test_unknown_market() public view {
        (uint8 s,) = gate.checkSettlement(keccak256("nope"), SETTLE);
        require(s == 1, "status");
    }

    function test_unknown_action() public view {
        _expect(7, 2, 0);
    }

    function test_paused_blocks_every_action() public {
        gate.pause();
        _expect(DEPOSIT, 3, 0);
        _expect(SETTLE, 3, 0);
    }

    function test_sequencer_down() public {
        sequencer.setStatus(1, NOW - 10);
        _expect(SETTLE, 5, 0);
        _expect(CLOSE, 0, uint64(NOW - 10 + 3600)); // not sequencer-sensitive
    }

    function test_sequencer_started_at_zero_is_down() public {
        sequencer.setStatus(0, 0);
        _expect(SETTLE, 5, 0);
    }

    function test_sequencer_grace() public {
        sequencer.setStatus(0, NOW - 100);
        _expect(SETTLE, 6, uint64(NOW - 100 + GRACE));
    }

    function test_oracle_unavailable_when_feed_reverts() public {
        feed.setReverts(true);
        _expect(SETTLE, 8, 0);
    }

    function test_oracle_invalid_on_non_positive_out_of_bounds_or_future() public {
        feed.setAnswer(0, NOW);
        _expect(SETTLE, 9, 0);
        feed.setAnswer(50e8, NOW);
        _expect(SETTLE, 9, 0);
        feed.setAnswer(2000e8, 0);
        _expect(SETTLE, 9, 0);
        feed.setAnswer(2000e8, NOW + 1);
        _expect(SETTLE, 9, 0);
    }

    function test_oracle_stale() public {
        feed.setAnswer(2000e8, NOW - 3601);
        _expect(SETTLE, 10, 0);
    }

    function test_oracle_deviation() public {
        feed.setAnswer(2101e8, NOW); // 5.05% above the reference, band 5%
        _expect(SETTLE, 11, 0);
        feed.setAnswer(2100e8, NOW); // exactly on the band edge
        _expect(SETTLE, 0, uint64(NOW + 3600));
    }

    function test_settlement_price_reverts_when_blocked() public {
        feed.setAnswer(2000e8, NOW - 3601);
        vm.expectRevert(abi.encodeWithSelector(SolidityGate.SettlementBlocked.selector, MARKET, SETTLE, uint8(10)));
        gate.settlementPrice(MARKET, SETTLE);
    }
}
