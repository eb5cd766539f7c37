// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {AggregatorV3Interface} from "./interfaces/AggregatorV3Interface.sol";

/// @title SolidityGate
/// @notice The settlement check written the way Solidity protocols do it today, as the benchmark's
/// baseline: OpenZeppelin Ownable + Pausable, a Chainlink staleness/bounds check, an Aave-style
/// sequencer-uptime grace check and a deviation band around a stored reference price.
/// @dev Same calldata and status codes as the Stylus guard's ISettlementGuard (see DESIGN.md), so both
/// can be called side by side. The global pause (Pausable) blocks every action with GLOBAL_PAUSED.
contract SolidityGate is Ownable, Pausable {
    /// @notice Per-market configuration (three storage slots).
    struct MarketConfig {
        AggregatorV3Interface feed; // 0 = market not registered
        uint32 heartbeat; // seconds
        uint8 decimals; // feed decimals, cached at configuration
        uint16 bandBps; // allowed deviation from referencePrice, in basis points
        uint128 minPrice; // 18 decimals, inclusive
        uint128 maxPrice; // 18 decimals, inclusive
        uint256 referencePrice; // 18 decimals
    }

    uint8 internal constant OK = 0;
    uint8 internal constant UNKNOWN_MARKET = 1;
    uint8 internal constant UNKNOWN_ACTION = 2;
    uint8 internal constant GLOBAL_PAUSED = 3;
    uint8 internal constant SEQUENCER_DOWN = 5;
    uint8 internal constant SEQUENCER_GRACE = 6;
    uint8 internal constant ORACLE_UNAVAILABLE = 8;
    uint8 internal constant ORACLE_INVALID = 9;
    uint8 internal constant ORACLE_STALE = 10;
    uint8 internal constant ORACLE_DEVIATION = 11;

    uint8 internal constant MAX_ACTION = 6;
    /// @dev WITHDRAW, OPEN, CLOSE, LIQUIDATE, SETTLE.
    uint16 internal constant NEEDS_PRICE = 0x6E;
    /// @dev WITHDRAW, OPEN, LIQUIDATE, SETTLE.
    uint16 internal constant SEQUENCER_SENSITIVE = 0x66;
    uint256 internal constant BPS = 10_000;

    /// @notice The L2 sequencer uptime feed (answer 0 = up, startedAt = up since).
    AggregatorV3Interface public immutable sequencerUptimeFeed;
    /// @notice Seconds the sequencer must have been up before sensitive actions resume.
    uint256 public immutable gracePeriod;

    /// @notice Market configuration by market id.
    mapping(bytes32 market => MarketConfig) public markets;

    /// @notice Mirrors ISettlementGuard.SettlementBlocked.
    error SettlementBlocked(bytes32 market, uint8 action, uint8 status);
    /// @notice The configuration is unusable (zero feed, empty or inverted bounds, reference outside them).
    error InvalidMarketConfig(bytes32 market);

    /// @notice Emitted when a market's configuration is set.
    event MarketConfigured(bytes32 indexed market, address feed, uint32 heartbeat, uint16 bandBps);
    /// @notice Emitted when a market's reference price is updated.
    event ReferencePriceUpdated(bytes32 indexed market, uint256 referencePrice);

    constructor(address initialOwner, AggregatorV3Interface sequencerFeed, uint256 grace) Ownable(initialOwner) {
        sequencerUptimeFeed = sequencerFeed;
        gracePeriod = grace;
    }

    /// @notice Registers or replaces a market's configuration.
    function setMarket(
        bytes32 market,
        AggregatorV3Interface feed,
        uint32 heartbeat,
        uint16 bandBps,
        uint128 minPrice,
        uint128 maxPrice,
        uint256 referencePrice
    ) external onlyOwner {
        if (
            address(feed) == address(0) || heartbeat == 0 || minPrice == 0 || minPrice > maxPrice
                || referencePrice < minPrice || referencePrice > maxPrice
        ) revert InvalidMarketConfig(market);
        markets[market] = MarketConfig({
            feed: feed,
            heartbeat: heartbeat,
            decimals: feed.decimals(),
            bandBps: bandBps,
            minPrice: minPrice,
            maxPrice: maxPrice,
            referencePrice: referencePrice
        });
        emit MarketConfigured(market, address(feed), heartbeat, bandBps);
    }

    /// @notice Moves a market's reference price (the centre of its deviation band).
    function setReferencePrice(bytes32 market, uint256 referencePrice) external onlyOwner {
        MarketConfig storage config = markets[market];
        if (address(config.feed) == address(0) || referencePrice < config.minPrice || referencePrice > config.maxPrice)
        {
            revert InvalidMarketConfig(market);
        }
        config.referencePrice = referencePrice;
        emit ReferencePriceUpdated(market, referencePrice);
    }

    /// @notice Pauses every action on every market.
    function pause() external onlyOwner {
        _pause();
    }

    /// @notice Lifts the global pause.
    function unpause() external onlyOwner {
        _unpause();
    }

    /// @notice Whether `action` may settle on `market` now, and until when that verdict holds.
    function checkSettlement(bytes32 market, uint8 action) external view returns (uint8 status, uint64 validUntil) {
        (status, validUntil,,) = _check(market, action);
    }

    /// @notice Reverts SettlementBlocked unless the status is OK.
    function requireSettlement(bytes32 market, uint8 action) external view {
        (uint8 status,,,) = _check(market, action);
        if (status != OK) revert SettlementBlocked(market, action, status);
    }

    /// @notice The sanity-checked price (18 decimals) and its publication time; reverts unless OK.
    function settlementPrice(bytes32 market, uint8 action) external view returns (uint256 price, uint64 publishedAt) {
        uint8 status;
        (status,, price, publishedAt) = _check(market, action);
        if (status != OK) revert SettlementBlocked(market, action, status);
    }

    function _check(bytes32 market, uint8 action)
        internal
        view
        returns (uint8 status, uint64 validUntil, uint256 price, uint64 publishedAt)
    {
        MarketConfig memory config = markets[market];
        if (address(config.feed) == address(0)) return (UNKNOWN_MARKET, 0, 0, 0);
        if (action > MAX_ACTION) return (UNKNOWN_ACTION, 0, 0, 0);
        if (paused()) return (GLOBAL_PAUSED, 0, 0, 0);

        uint16 bit = uint16(1) << action;
        validUntil = type(uint64).max;

        if (bit & SEQUENCER_SENSITIVE != 0) {
            (status, validUntil) = _checkSequencer();
            if (status != OK) return (status, validUntil, 0, 0);
        }
        if (bit & NEEDS_PRICE == 0) return (OK, validUntil, 0, 0);

        uint256 updatedAt;
        (status, price, updatedAt) = _readPrice(config);
        if (status != OK) return (status, 0, 0, 0);

        uint256 ref = config.referencePrice;
        uint256 diff = price > ref ? price - ref : ref - price;
        if (diff * BPS > ref * config.bandBps) return (ORACLE_DEVIATION, 0, 0, 0);

        uint256 freshUntil = updatedAt + config.heartbeat;
        if (freshUntil < validUntil) validUntil = uint64(freshUntil);
        return (OK, validUntil, price, uint64(updatedAt));
    }

    /// @dev Aave's PriceOracleSentinel pattern; fails closed when the feed reverts or is malformed.
    function _checkSequencer() internal view returns (uint8 status, uint64 validUntil) {
        try sequencerUptimeFeed.latestRoundData() returns (uint80, int256 answer, uint256 startedAt, uint256, uint80) {
            if (answer != 0 || startedAt == 0 || startedAt > block.timestamp) return (SEQUENCER_DOWN, 0);
            if (block.timestamp - startedAt <= gracePeriod) {
                return (SEQUENCER_GRACE, uint64(startedAt + gracePeriod));
            }
            return (OK, type(uint64).max);
        } catch {
            return (SEQUENCER_DOWN, 0);
        }
    }

    /// @dev Chainlink staleness and bounds checks, answer normalized to 18 decimals.
    function _readPrice(MarketConfig memory config)
        internal
        view
        returns (uint8 status, uint256 price, uint256 updatedAt)
    {
        int256 answer;
        try config.feed.latestRoundData() returns (uint80, int256 a, uint256, uint256 u, uint80) {
            (answer, updatedAt) = (a, u);
        } catch {
            return (ORACLE_UNAVAILABLE, 0, 0);
        }
        if (answer <= 0 || updatedAt == 0 || updatedAt > block.timestamp) return (ORACLE_INVALID, 0, 0);
        price = config.decimals <= 18
            ? uint256(answer) * 10 ** (18 - config.decimals)
            : uint256(answer) / 10 ** (config.decimals - 18);
        if (price < config.minPrice || price > config.maxPrice) return (ORACLE_INVALID, 0, 0);
        if (block.timestamp - updatedAt > config.heartbeat) return (ORACLE_STALE, 0, 0);
        return (OK, price, updatedAt);
    }
}
