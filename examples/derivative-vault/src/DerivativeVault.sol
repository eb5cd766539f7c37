// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.24;

import {ISettlementGuard} from "guard/ISettlementGuard.sol";
import {IERC20} from "./interfaces/IERC20.sol";

/// @title DerivativeVault
/// @notice A single-market perpetual futures vault that asks the Stylus Incident Guard before every action.
///
/// Traders deposit an ERC-20 collateral token (18 decimals, quoted in the market's quote currency), open
/// long or short positions at the guard's sanity-checked `settlementPrice`, and trade against the vault's
/// insurance fund, which takes realized losses and pays realized profits. Margin requirements are scaled by
/// the guard's `marginMultiplier`, so they rise with the market's measured volatility.
///
/// Realized profit and loss is never final at once: each realization is a *settlement* stamped with
/// `block.timestamp` and held for `finalityDelay` seconds. `finalize` then voids it when the guard has declared
/// an incident window covering its timestamp (the profit goes back to the fund, the loss back to the trader)
/// and makes it final otherwise — state rollback by quarantine.
///
/// Units: prices and sizes have 18 decimals; `notional = size * price / 1e18` is in collateral units.
/// @dev Checks-effects-interactions throughout, plus a reentrancy lock on every external mutating function;
/// token transfers are the last step. No delegatecall.
contract DerivativeVault {
    // ---------------------------------------------------------------- types

    /// @notice An open position.
    /// @param owner the trader.
    /// @param isLong true for a long, false for a short.
    /// @param size the position size in base units (18 decimals); 0 means no position.
    /// @param entryPrice the average entry price, or the last settlement price (18 decimals).
    /// @param margin the collateral locked in the position.
    struct Position {
        address owner;
        bool isLong;
        uint256 size;
        uint256 entryPrice;
        uint256 margin;
    }

    /// @notice Where a settlement is in its life.
    enum SettlementState {
        None,
        Pending,
        Finalized,
        Voided
    }

    /// @notice A realized profit or loss waiting for finality.
    /// @param account the trader it belongs to.
    /// @param timestamp when it was realized (`block.timestamp`), compared with the guard's incident window.
    /// @param state its state.
    /// @param pnl the realized profit (> 0) or loss (< 0) in collateral units, as actually moved.
    struct Settlement {
        address account;
        uint64 timestamp;
        SettlementState state;
        int256 pnl;
    }

    // ---------------------------------------------------------------- constants

    /// @notice Action ids of the guard's shared ABI.
    uint8 public constant DEPOSIT = 0;
    uint8 public constant WITHDRAW = 1;
    uint8 public constant OPEN = 2;
    uint8 public constant CLOSE = 3;
    uint8 public constant ADD_MARGIN = 4;
    uint8 public constant LIQUIDATE = 5;
    uint8 public constant SETTLE = 6;

    /// @notice Basis points in one (10_000 = 100 %, or a 1x multiplier).
    uint256 public constant BPS = 10_000;

    uint256 private constant PRICE_UNIT = 1e18;
    uint256 private constant UNLOCKED = 1;
    uint256 private constant LOCKED = 2;

    // ---------------------------------------------------------------- immutable configuration

    /// @notice The collateral token.
    IERC20 public immutable collateral;
    /// @notice The settlement gate asked before every action.
    ISettlementGuard public immutable guard;
    /// @notice The guard's id of this vault's market.
    bytes32 public immutable market;
    /// @notice Seconds a settlement is held before it may be finalized.
    uint64 public immutable finalityDelay;
    /// @notice When the market expires (0: a perpetual that never expires).
    uint64 public immutable expiry;
    /// @notice Initial margin, in basis points of the notional, before the guard's multiplier.
    uint16 public immutable initialMarginBps;
    /// @notice Maintenance margin, in basis points of the notional, before the guard's multiplier.
    uint16 public immutable maintenanceMarginBps;
    /// @notice The liquidator's reward, in basis points of the liquidated notional, paid from the margin.
    uint16 public immutable liquidationRewardBps;

    // ---------------------------------------------------------------- state

    /// @notice Collateral an account holds in the vault outside positions, withdrawable.
    mapping(address account => uint256 amount) public freeCollateral;
    /// @notice The vault's counterparty capital: takes realized losses, pays realized profits.
    uint256 public insuranceFund;
    /// @notice Profit reserved from the fund for pending settlements.
    uint256 public pendingProfit;
    /// @notice The id the next position gets (ids start at 1).
    uint256 public nextPositionId = 1;
    /// @notice The id the next settlement gets (ids start at 1).
    uint256 public nextSettlementId = 1;

    mapping(uint256 id => Position) private _positions;
    mapping(uint256 id => Settlement) private _settlements;
    uint256 private _lock = UNLOCKED;

    // ---------------------------------------------------------------- events

    /// @notice `account` deposited `amount` of collateral.
    event Deposited(address indexed account, uint256 amount);
    /// @notice `account` withdrew `amount` of collateral.
    event Withdrawn(address indexed account, uint256 amount);
    /// @notice `funder` added `amount` to the insurance fund.
    event InsuranceFunded(address indexed funder, uint256 amount);
    /// @notice `owner` opened position `id`.
    event PositionOpened(
        uint256 indexed id, address indexed owner, bool isLong, uint256 size, uint256 price, uint256 margin
    );
    /// @notice Position `id` grew by `sizeDelta` at `price`, with `marginDelta` more margin.
    event PositionIncreased(
        uint256 indexed id, uint256 sizeDelta, uint256 price, uint256 marginDelta, uint256 newEntryPrice
    );
    /// @notice Position `id` shrank by `sizeDelta` at `price`; `marginReleased` went back to free collateral.
    event PositionReduced(uint256 indexed id, uint256 sizeDelta, uint256 price, int256 pnl, uint256 marginReleased);
    /// @notice Position `id` was closed entirely.
    event PositionClosed(uint256 indexed id);
    /// @notice `amount` of margin was added to position `id`.
    event MarginAdded(uint256 indexed id, uint256 amount);
    /// @notice Position `id` was liquidated by `liquidator` at `price`.
    event PositionLiquidated(
        uint256 indexed id, address indexed liquidator, uint256 price, uint256 marginSeized, uint256 reward
    );
    /// @notice Position `id` was settled at `price` (mark-to-market; `expired`: closed at expiry).
    event PositionSettled(uint256 indexed id, uint256 price, int256 pnl, bool expired);
    /// @notice Settlement `settlementId` of `pnl` for `account` was recorded, pending until `maturesAt`.
    event SettlementRecorded(
        uint256 indexed settlementId, uint256 indexed positionId, address indexed account, int256 pnl, uint64 maturesAt
    );
    /// @notice Settlement `settlementId` became final.
    event SettlementFinalized(uint256 indexed settlementId, address indexed account, int256 pnl);
    /// @notice Settlement `settlementId` was voided: it fell in the incident window [start, end).
    event SettlementVoided(uint256 indexed settlementId, address indexed account, int256 pnl, uint64 start, uint64 end);

    // ---------------------------------------------------------------- errors

    /// @notice A constructor argument is the zero address.
    error ZeroAddress();
    /// @notice The margin parameters are not 0 < maintenance <= initial <= 10_000 and reward <= maintenance.
    error InvalidMarginParameters(uint16 initialMarginBps, uint16 maintenanceMarginBps, uint16 liquidationRewardBps);
    /// @notice An amount or size of zero.
    error ZeroAmount();
    /// @notice `account` has `available` free collateral, `required` is needed.
    error InsufficientCollateral(address account, uint256 available, uint256 required);
    /// @notice Position `id` does not exist.
    error UnknownPosition(uint256 id);
    /// @notice `account` does not own position `id`.
    error NotPositionOwner(uint256 id, address account);
    /// @notice Position `id` has `equity`, below the `required` initial margin.
    error InsufficientMargin(uint256 id, int256 equity, uint256 required);
    /// @notice Position `id` has `size`; `requested` cannot be closed from it.
    error ReductionExceedsSize(uint256 id, uint256 size, uint256 requested);
    /// @notice Position `id` has `equity`, at or above the `maintenance` margin: it cannot be liquidated.
    error PositionHealthy(uint256 id, int256 equity, uint256 maintenance);
    /// @notice The market expired at `expiry`: no new risk may be taken.
    error MarketExpired(uint64 expiry);
    /// @notice Settlement `id` does not exist.
    error UnknownSettlement(uint256 id);
    /// @notice Settlement `id` was already finalized or voided.
    error SettlementNotPending(uint256 id);
    /// @notice Settlement `id` is held until `maturesAt`.
    error SettlementNotMature(uint256 id, uint64 maturesAt);
    /// @notice Settlement `id` lies in an incident window opened at `start` and not yet closed.
    error IncidentWindowOpen(uint256 id, uint64 start);
    /// @notice The collateral token refused or failed a transfer.
    error TransferFailed();
    /// @notice An amount of `value` exceeds what signed PnL arithmetic can hold.
    error AmountOverflow(uint256 value);
    /// @notice A mutating function was entered again while running.
    error ReentrantCall();

    // ---------------------------------------------------------------- modifiers

    modifier nonReentrant() {
        if (_lock == LOCKED) revert ReentrantCall();
        _lock = LOCKED;
        _;
        _lock = UNLOCKED;
    }

    // ---------------------------------------------------------------- constructor

    /// @notice Creates a vault for one market of the guard.
    /// @param collateral_ the collateral token (18 decimals).
    /// @param guard_ the settlement gate (the guard's PauseRegistry).
    /// @param market_ the guard's market id.
    /// @param finalityDelay_ seconds each settlement is held before it may be finalized.
    /// @param expiry_ when the market expires (0: perpetual).
    /// @param initialMarginBps_ initial margin in basis points of the notional (before the multiplier).
    /// @param maintenanceMarginBps_ maintenance margin in basis points of the notional (before the multiplier).
    /// @param liquidationRewardBps_ the liquidator's reward in basis points of the notional.
    constructor(
        IERC20 collateral_,
        ISettlementGuard guard_,
        bytes32 market_,
        uint64 finalityDelay_,
        uint64 expiry_,
        uint16 initialMarginBps_,
        uint16 maintenanceMarginBps_,
        uint16 liquidationRewardBps_
    ) {
        if (address(collateral_) == address(0) || address(guard_) == address(0)) revert ZeroAddress();
        if (
            maintenanceMarginBps_ == 0 || maintenanceMarginBps_ > initialMarginBps_ || initialMarginBps_ > BPS
                || liquidationRewardBps_ > maintenanceMarginBps_
        ) {
            revert InvalidMarginParameters(initialMarginBps_, maintenanceMarginBps_, liquidationRewardBps_);
        }
        collateral = collateral_;
        guard = guard_;
        market = market_;
        finalityDelay = finalityDelay_;
        expiry = expiry_;
        initialMarginBps = initialMarginBps_;
        maintenanceMarginBps = maintenanceMarginBps_;
        liquidationRewardBps = liquidationRewardBps_;
    }

    // ---------------------------------------------------------------- collateral

    /// @notice Deposits `amount` of collateral into the caller's free collateral.
    /// @dev Guard action DEPOSIT (no price). The caller must have approved the vault for `amount`.
    /// @param amount the amount, in collateral units.
    /// @custom:errors `SettlementBlocked` (from the guard), `ZeroAmount`, `TransferFailed`.
    /// @custom:events `Deposited`.
    function deposit(uint256 amount) external nonReentrant {
        guard.requireSettlement(market, DEPOSIT);
        if (amount == 0) revert ZeroAmount();
        freeCollateral[msg.sender] += amount;
        emit Deposited(msg.sender, amount);
        _pull(msg.sender, amount);
    }

    /// @notice Withdraws `amount` of the caller's free collateral (finalized profits included).
    /// @dev Guard action WITHDRAW. It needs no price here (free collateral is not marked to market), so the
    /// vault uses `requireSettlement`, which still applies every status the guard gives WITHDRAW.
    /// @param amount the amount, in collateral units.
    /// @custom:errors `SettlementBlocked`, `ZeroAmount`, `InsufficientCollateral`, `TransferFailed`.
    /// @custom:events `Withdrawn`.
    function withdraw(uint256 amount) external nonReentrant {
        guard.requireSettlement(market, WITHDRAW);
        if (amount == 0) revert ZeroAmount();
        uint256 available = freeCollateral[msg.sender];
        if (available < amount) revert InsufficientCollateral(msg.sender, available, amount);
        freeCollateral[msg.sender] = available - amount;
        emit Withdrawn(msg.sender, amount);
        _push(msg.sender, amount);
    }

    /// @notice Adds `amount` of the caller's tokens to the insurance fund, the traders' counterparty capital.
    /// @dev Guard action DEPOSIT (no price). Funds added cannot be withdrawn.
    /// @param amount the amount, in collateral units.
    /// @custom:errors `SettlementBlocked`, `ZeroAmount`, `TransferFailed`.
    /// @custom:events `InsuranceFunded`.
    function fundInsurance(uint256 amount) external nonReentrant {
        guard.requireSettlement(market, DEPOSIT);
        if (amount == 0) revert ZeroAmount();
        insuranceFund += amount;
        emit InsuranceFunded(msg.sender, amount);
        _pull(msg.sender, amount);
    }

    // ---------------------------------------------------------------- positions

    /// @notice Opens a position of `size` at the guard's price, locking `margin` of the caller's free collateral.
    /// @dev Guard action OPEN (`settlementPrice`). `margin` must meet the initial margin of the notional, scaled
    /// by the guard's `marginMultiplier`.
    /// @param isLong true for a long, false for a short.
    /// @param size the size in base units (18 decimals).
    /// @param margin the collateral to lock.
    /// @return id the new position's id.
    /// @custom:errors `SettlementBlocked`, `MarketExpired`, `ZeroAmount`, `InsufficientCollateral`,
    /// `InsufficientMargin`.
    /// @custom:events `PositionOpened`.
    function openPosition(bool isLong, uint256 size, uint256 margin) external nonReentrant returns (uint256 id) {
        (uint256 price,) = guard.settlementPrice(market, OPEN);
        _requireNotExpired();
        if (size == 0 || margin == 0) revert ZeroAmount();
        id = nextPositionId;
        uint256 required = initialMargin(size, price);
        if (margin < required) revert InsufficientMargin(id, _toInt(margin), required);
        _takeFreeCollateral(msg.sender, margin);

        nextPositionId = id + 1;
        _positions[id] = Position({owner: msg.sender, isLong: isLong, size: size, entryPrice: price, margin: margin});
        emit PositionOpened(id, msg.sender, isLong, size, price, margin);
    }

    /// @notice Increases position `id` by `sizeDelta` at the guard's price, adding `marginDelta` of margin.
    /// @dev Guard action OPEN (`settlementPrice`). The entry price becomes the size-weighted average; the
    /// position's equity at the price must meet the initial margin of the new size.
    /// @param id the position.
    /// @param sizeDelta the size to add (18 decimals).
    /// @param marginDelta the collateral to add from the caller's free collateral (may be 0).
    /// @custom:errors `SettlementBlocked`, `MarketExpired`, `ZeroAmount`, `UnknownPosition`, `NotPositionOwner`,
    /// `InsufficientCollateral`, `InsufficientMargin`.
    /// @custom:events `PositionIncreased`.
    function increasePosition(uint256 id, uint256 sizeDelta, uint256 marginDelta) external nonReentrant {
        (uint256 price,) = guard.settlementPrice(market, OPEN);
        _requireNotExpired();
        if (sizeDelta == 0) revert ZeroAmount();
        Position storage position = _ownedPosition(id);
        uint256 newSize = position.size + sizeDelta;
        uint256 newMargin = position.margin + marginDelta;
        int256 equity = _toInt(newMargin) + _pnl(position, position.size, price);
        uint256 required = initialMargin(newSize, price);
        if (equity < _toInt(required)) revert InsufficientMargin(id, equity, required);
        _takeFreeCollateral(msg.sender, marginDelta);

        uint256 newEntryPrice = (position.entryPrice * position.size + price * sizeDelta) / newSize;
        position.size = newSize;
        position.margin = newMargin;
        position.entryPrice = newEntryPrice;
        emit PositionIncreased(id, sizeDelta, price, marginDelta, newEntryPrice);
    }

    /// @notice Reduces position `id` by `sizeDelta` at the guard's price, or closes it when `sizeDelta` is its size.
    /// @dev Guard action CLOSE (`settlementPrice`). The realized PnL becomes a pending settlement (a loss is taken
    /// from the margin at once, a profit is reserved from the insurance fund); the margin of the closed part,
    /// net of the loss, goes back to the caller's free collateral.
    /// @param id the position.
    /// @param sizeDelta the size to close (18 decimals).
    /// @custom:errors `SettlementBlocked`, `ZeroAmount`, `UnknownPosition`, `NotPositionOwner`,
    /// `ReductionExceedsSize`.
    /// @custom:events `SettlementRecorded`, `PositionReduced`, `PositionClosed` when closed entirely.
    function reducePosition(uint256 id, uint256 sizeDelta) external nonReentrant {
        (uint256 price,) = guard.settlementPrice(market, CLOSE);
        if (sizeDelta == 0) revert ZeroAmount();
        Position storage position = _ownedPosition(id);
        uint256 size = position.size;
        if (sizeDelta > size) revert ReductionExceedsSize(id, size, sizeDelta);

        int256 pnl = _realize(id, position, sizeDelta, price);
        uint256 released = position.margin * sizeDelta / size;
        position.margin -= released;
        freeCollateral[msg.sender] += released;
        emit PositionReduced(id, sizeDelta, price, pnl, released);
        if (sizeDelta == size) {
            delete _positions[id];
            emit PositionClosed(id);
        } else {
            position.size = size - sizeDelta;
        }
    }

    /// @notice Adds `amount` of the caller's free collateral to the margin of position `id`.
    /// @dev Guard action ADD_MARGIN (no price).
    /// @param id the position.
    /// @param amount the collateral to add.
    /// @custom:errors `SettlementBlocked`, `ZeroAmount`, `UnknownPosition`, `NotPositionOwner`,
    /// `InsufficientCollateral`.
    /// @custom:events `MarginAdded`.
    function addMargin(uint256 id, uint256 amount) external nonReentrant {
        guard.requireSettlement(market, ADD_MARGIN);
        if (amount == 0) revert ZeroAmount();
        Position storage position = _ownedPosition(id);
        _takeFreeCollateral(msg.sender, amount);
        position.margin += amount;
        emit MarginAdded(id, amount);
    }

    /// @notice Liquidates position `id` when its equity at the guard's price is below the maintenance margin.
    /// @dev Guard action LIQUIDATE (`settlementPrice`); anyone may call. The whole margin is seized: the
    /// liquidator gets `liquidationRewardBps` of the notional (at most the remaining equity) as free collateral,
    /// the rest goes to the insurance fund; the owner's loss of the margin is a pending settlement, refunded if
    /// voided.
    /// @param id the position.
    /// @custom:errors `SettlementBlocked`, `UnknownPosition`, `PositionHealthy`.
    /// @custom:events `SettlementRecorded`, `PositionLiquidated`, `PositionClosed`.
    function liquidate(uint256 id) external nonReentrant {
        (uint256 price,) = guard.settlementPrice(market, LIQUIDATE);
        Position memory position = _positions[id];
        if (position.size == 0) revert UnknownPosition(id);
        int256 equity = _toInt(position.margin) + _pnl(position, position.size, price);
        uint256 maintenance = maintenanceMargin(position.size, price);
        if (equity >= _toInt(maintenance)) revert PositionHealthy(id, equity, maintenance);

        uint256 reward = _notional(position.size, price) * liquidationRewardBps / BPS;
        if (equity <= 0) {
            reward = 0;
        } else if (reward > _abs(equity)) {
            reward = _abs(equity);
        }
        delete _positions[id];
        insuranceFund += position.margin - reward;
        freeCollateral[msg.sender] += reward;
        _recordSettlement(id, position.owner, -_toInt(position.margin));
        emit PositionLiquidated(id, msg.sender, price, position.margin, reward);
        emit PositionClosed(id);
    }

    /// @notice Settles position `id` at the guard's price: before expiry, marks it to market (its PnL since the
    /// last settlement is realized and the entry price reset to the price — the periodic funding settlement);
    /// at or after expiry, closes it entirely and releases its margin (the expiry settlement).
    /// @dev Guard action SETTLE (`settlementPrice`); anyone may call. A realized loss is taken from the margin
    /// (at most all of it); a profit is reserved from the insurance fund. Either is a pending settlement.
    /// @param id the position.
    /// @custom:errors `SettlementBlocked`, `UnknownPosition`.
    /// @custom:events `SettlementRecorded`, `PositionSettled`, and `PositionClosed` at expiry.
    function settle(uint256 id) external nonReentrant {
        (uint256 price,) = guard.settlementPrice(market, SETTLE);
        Position storage position = _positions[id];
        uint256 size = position.size;
        if (size == 0) revert UnknownPosition(id);
        address owner = position.owner;

        int256 pnl = _realize(id, position, size, price);
        bool expired = expiry != 0 && block.timestamp >= expiry;
        emit PositionSettled(id, price, pnl, expired);
        if (expired) {
            freeCollateral[owner] += position.margin;
            delete _positions[id];
            emit PositionClosed(id);
        } else {
            position.entryPrice = price;
        }
    }

    // ---------------------------------------------------------------- settlement finality

    /// @notice Ends the quarantine of settlement `id`: voids it when its timestamp lies in the guard's incident
    /// window [start, end), finalizes it otherwise. Anyone may call.
    /// @dev Finalizing credits a profit to the account's free collateral (a loss stays with the fund); voiding
    /// returns a profit to the insurance fund and refunds a loss to the account, as far as the fund allows.
    /// While a covering window is still open (end 0) nothing can be decided. The guard reports one window per
    /// market (the latest), so `finalityDelay` should exceed the time the guardian needs to declare one.
    /// @param id the settlement.
    /// @return voided true when the settlement was voided, false when it was finalized.
    /// @custom:errors `UnknownSettlement`, `SettlementNotPending`, `IncidentWindowOpen`, `SettlementNotMature`.
    /// @custom:events `SettlementVoided` or `SettlementFinalized`.
    function finalize(uint256 id) external nonReentrant returns (bool voided) {
        Settlement storage settlement = _settlements[id];
        if (settlement.state == SettlementState.None) revert UnknownSettlement(id);
        if (settlement.state != SettlementState.Pending) revert SettlementNotPending(id);
        uint64 stamped = settlement.timestamp;
        (uint64 start, uint64 end) = guard.incidentWindow(market);
        bool covered = start != 0 && stamped >= start;
        if (covered && end == 0) revert IncidentWindowOpen(id, start);
        voided = covered && stamped < end;
        uint64 maturesAt = stamped + finalityDelay;
        if (!voided && block.timestamp < maturesAt) revert SettlementNotMature(id, maturesAt);

        address account = settlement.account;
        int256 pnl = settlement.pnl;
        if (pnl > 0) pendingProfit -= _abs(pnl);
        if (voided) {
            settlement.state = SettlementState.Voided;
            if (pnl > 0) {
                insuranceFund += _abs(pnl);
            } else {
                uint256 refund = _min(_abs(pnl), insuranceFund);
                insuranceFund -= refund;
                freeCollateral[account] += refund;
            }
            emit SettlementVoided(id, account, pnl, start, end);
        } else {
            settlement.state = SettlementState.Finalized;
            if (pnl > 0) freeCollateral[account] += _abs(pnl);
            emit SettlementFinalized(id, account, pnl);
        }
    }

    // ---------------------------------------------------------------- views

    /// @notice Position `id` (all zero when it does not exist).
    function positionOf(uint256 id) external view returns (Position memory) {
        return _positions[id];
    }

    /// @notice Settlement `id` (all zero when it does not exist).
    function settlementOf(uint256 id) external view returns (Settlement memory) {
        return _settlements[id];
    }

    /// @notice The initial margin of `size` at `price`: `initialMarginBps` of the notional, scaled by the
    /// guard's current `marginMultiplier` (rounded up).
    function initialMargin(uint256 size, uint256 price) public view returns (uint256) {
        return _scaledMargin(size, price, initialMarginBps);
    }

    /// @notice The maintenance margin of `size` at `price`: `maintenanceMarginBps` of the notional, scaled by the
    /// guard's current `marginMultiplier` (rounded up).
    function maintenanceMargin(uint256 size, uint256 price) public view returns (uint256) {
        return _scaledMargin(size, price, maintenanceMarginBps);
    }

    /// @notice The equity of position `id` at `price`: its margin plus its unrealized PnL (may be negative).
    /// @custom:errors `UnknownPosition`.
    function equityAt(uint256 id, uint256 price) external view returns (int256) {
        Position memory position = _positions[id];
        if (position.size == 0) revert UnknownPosition(id);
        return _toInt(position.margin) + _pnl(position, position.size, price);
    }

    // ---------------------------------------------------------------- internals

    function _scaledMargin(uint256 size, uint256 price, uint256 marginBps) private view returns (uint256) {
        uint256 multiplier = guard.marginMultiplier(market);
        return _ceilDiv(_notional(size, price) * marginBps * multiplier, BPS * BPS);
    }

    /// @dev Realizes the PnL of `sizeDelta` of `position` at `price` as a pending settlement: a loss is taken
    /// from the margin into the fund (at most the margin), a profit reserved from the fund (at most the fund's
    /// unreserved part). Returns the amount actually moved, signed.
    function _realize(uint256 id, Position storage position, uint256 sizeDelta, uint256 price)
        private
        returns (int256 realized)
    {
        int256 pnl = _pnl(position, sizeDelta, price);
        if (pnl < 0) {
            uint256 loss = _min(_abs(pnl), position.margin);
            position.margin -= loss;
            insuranceFund += loss;
            realized = -_toInt(loss);
        } else {
            uint256 profit = _min(_abs(pnl), insuranceFund);
            insuranceFund -= profit;
            pendingProfit += profit;
            realized = _toInt(profit);
        }
        if (realized != 0) _recordSettlement(id, position.owner, realized);
    }

    function _recordSettlement(uint256 positionId, address account, int256 pnl) private {
        uint256 settlementId = nextSettlementId;
        nextSettlementId = settlementId + 1;
        _settlements[settlementId] = Settlement({
            account: account, timestamp: uint64(block.timestamp), state: SettlementState.Pending, pnl: pnl
        });
        emit SettlementRecorded(settlementId, positionId, account, pnl, uint64(block.timestamp) + finalityDelay);
    }

    function _ownedPosition(uint256 id) private view returns (Position storage position) {
        position = _positions[id];
        if (position.size == 0) revert UnknownPosition(id);
        if (position.owner != msg.sender) revert NotPositionOwner(id, msg.sender);
    }

    function _takeFreeCollateral(address account, uint256 amount) private {
        uint256 available = freeCollateral[account];
        if (available < amount) revert InsufficientCollateral(account, available, amount);
        freeCollateral[account] = available - amount;
    }

    function _requireNotExpired() private view {
        if (expiry != 0 && block.timestamp >= expiry) revert MarketExpired(expiry);
    }

    /// @dev The PnL of `size` of `position` at `price`: (price − entry) × size for a long, the opposite for a short.
    function _pnl(Position memory position, uint256 size, uint256 price) private pure returns (int256) {
        int256 diff = _toInt(_notional(size, price)) - _toInt(_notional(size, position.entryPrice));
        return position.isLong ? diff : -diff;
    }

    function _notional(uint256 size, uint256 price) private pure returns (uint256) {
        return size * price / PRICE_UNIT;
    }

    /// @dev `value` as an int256; reverts `AmountOverflow` above `type(int256).max`.
    function _toInt(uint256 value) private pure returns (int256) {
        if (value > uint256(type(int256).max)) revert AmountOverflow(value);
        // forge-lint: disable-next-line(unsafe-typecast)
        return int256(value); // in range: checked above
    }

    /// @dev The absolute value of `value` (`type(int256).min` included).
    function _abs(int256 value) private pure returns (uint256) {
        // forge-lint: disable-next-line(unsafe-typecast)
        return value >= 0 ? uint256(value) : uint256(-(value + 1)) + 1; // both non-negative: no truncation
    }

    function _min(uint256 a, uint256 b) private pure returns (uint256) {
        return a < b ? a : b;
    }

    function _ceilDiv(uint256 a, uint256 b) private pure returns (uint256) {
        return a == 0 ? 0 : (a - 1) / b + 1;
    }

    /// @dev Pulls `amount` from `from`; accepts tokens that return nothing, rejects `false` and reverts.
    function _pull(address from, uint256 amount) private {
        _callToken(abi.encodeCall(IERC20.transferFrom, (from, address(this), amount)));
    }

    /// @dev Sends `amount` to `to`; accepts tokens that return nothing, rejects `false` and reverts.
    function _push(address to, uint256 amount) private {
        _callToken(abi.encodeCall(IERC20.transfer, (to, amount)));
    }

    function _callToken(bytes memory data) private {
        (bool success, bytes memory returned) = address(collateral).call(data);
        if (!success || (returned.length != 0 && (returned.length != 32 || !abi.decode(returned, (bool))))) {
            revert TransferFailed();
        }
        if (returned.length == 0 && address(collateral).code.length == 0) revert TransferFailed();
    }
}
