// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.24;

import {ISettlementGuard} from "guard/ISettlementGuard.sol";

/// @title MockSettlementGuard
/// @notice An `ISettlementGuard` whose answers are set directly, for vault unit tests: a status per action,
/// a price, a margin multiplier and an incident window per market. Unset markets answer OK, price 0
/// (`settlementPrice` then reverts as ORACLE_UNAVAILABLE), multiplier 10_000 and no window.
contract MockSettlementGuard is ISettlementGuard {
    /// @notice Status code ORACLE_UNAVAILABLE of the shared ABI.
    uint8 public constant ORACLE_UNAVAILABLE = 8;
    /// @notice Status code UNKNOWN_ACTION of the shared ABI.
    uint8 public constant UNKNOWN_ACTION = 2;

    /// @notice An incident window [start, end).
    struct Window {
        uint64 start;
        uint64 end;
    }

    /// @notice The status set for each market and action (0 OK).
    mapping(bytes32 market => mapping(uint8 action => uint8 status)) public statusOf;
    /// @notice The price set for each market (18 decimals; 0: none).
    mapping(bytes32 market => uint256) public priceOf;
    /// @notice When each market's price was set.
    mapping(bytes32 market => uint64) public publishedAtOf;
    mapping(bytes32 market => uint16) private _multiplier;
    mapping(bytes32 market => Window) private _window;

    /// @notice The verdict for `action` on `market` is now `status`.
    event StatusSet(bytes32 indexed market, uint8 action, uint8 status);
    /// @notice `market`'s price is now `price`, published at `publishedAt`.
    event PriceSet(bytes32 indexed market, uint256 price, uint64 publishedAt);
    /// @notice `market`'s margin multiplier is now `bps`.
    event MarginMultiplierSet(bytes32 indexed market, uint16 bps);
    /// @notice `market`'s incident window is now [start, end).
    event IncidentWindowSet(bytes32 indexed market, uint64 start, uint64 end);

    /// @notice Sets the verdict for `action` on `market`.
    function setStatus(bytes32 market, uint8 action, uint8 status) external {
        statusOf[market][action] = status;
        emit StatusSet(market, action, status);
    }

    /// @notice Sets the verdict for every action in the `actions` mask on `market`.
    function setStatusMask(bytes32 market, uint16 actions, uint8 status) external {
        for (uint8 action = 0; action < 16; ++action) {
            if (actions & (uint16(1) << action) != 0) {
                statusOf[market][action] = status;
                emit StatusSet(market, action, status);
            }
        }
    }

    /// @notice Sets `market`'s price (18 decimals), published now.
    function setPrice(bytes32 market, uint256 price) external {
        priceOf[market] = price;
        publishedAtOf[market] = uint64(block.timestamp);
        emit PriceSet(market, price, uint64(block.timestamp));
    }

    /// @notice Sets `market`'s margin multiplier in basis points (0 restores the default 10_000).
    function setMarginMultiplier(bytes32 market, uint16 bps) external {
        _multiplier[market] = bps;
        emit MarginMultiplierSet(market, bps);
    }

    /// @notice Sets `market`'s incident window [start, end) (start 0: none; end 0: still open).
    function setIncidentWindow(bytes32 market, uint64 start, uint64 end) external {
        _window[market] = Window(start, end);
        emit IncidentWindowSet(market, start, end);
    }

    /// @inheritdoc ISettlementGuard
    function checkSettlement(bytes32 market, uint8 action) public view returns (uint8 status, uint64 validUntil) {
        if (action > 6) return (UNKNOWN_ACTION, 0);
        status = statusOf[market][action];
        if (status == 0 && _needsPrice(action) && priceOf[market] == 0) status = ORACLE_UNAVAILABLE;
        validUntil = status == 0 ? type(uint64).max : 0;
    }

    /// @inheritdoc ISettlementGuard
    function requireSettlement(bytes32 market, uint8 action) external view {
        (uint8 status,) = checkSettlement(market, action);
        if (status != 0) revert SettlementBlocked(market, action, status);
    }

    /// @inheritdoc ISettlementGuard
    function settlementPrice(bytes32 market, uint8 action) external view returns (uint256 price, uint64 publishedAt) {
        (uint8 status,) = checkSettlement(market, action);
        if (status == 0 && priceOf[market] == 0) status = ORACLE_UNAVAILABLE;
        if (status != 0) revert SettlementBlocked(market, action, status);
        return (priceOf[market], publishedAtOf[market]);
    }

    /// @inheritdoc ISettlementGuard
    function incidentWindow(bytes32 market) external view returns (uint64 start, uint64 end) {
        Window memory window = _window[market];
        return (window.start, window.end);
    }

    /// @inheritdoc ISettlementGuard
    function marginMultiplier(bytes32 market) external view returns (uint16 bps) {
        bps = _multiplier[market];
        if (bps == 0) bps = 10_000;
    }

    /// @dev WITHDRAW, OPEN, CLOSE, LIQUIDATE and SETTLE (NEEDS_PRICE = 0x6E).
    function _needsPrice(uint8 action) private pure returns (bool) {
        return (uint16(0x6E) >> action) & 1 == 1;
    }
}
