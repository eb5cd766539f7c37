// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.24;

import {ISettlementGuard} from "guard/ISettlementGuard.sol";
import {DerivativeVault} from "../src/DerivativeVault.sol";
import {IERC20} from "../src/interfaces/IERC20.sol";
import {MockERC20} from "../src/mocks/MockERC20.sol";
import {MockSettlementGuard} from "../src/mocks/MockSettlementGuard.sol";
import {Test} from "./utils/Test.sol";

/// @notice Unit tests of the vault against a settable guard: every action allowed and blocked, margin scaled
/// by the guard's multiplier, liquidation, settlement, finality and incident-window voiding, bad inputs.
contract DerivativeVaultTest is Test {
    bytes32 internal constant MARKET = keccak256("ETH-USD");
    uint64 internal constant FINALITY = 1 days;
    uint16 internal constant INITIAL_BPS = 1_000; // 10 %
    uint16 internal constant MAINTENANCE_BPS = 500; // 5 %
    uint16 internal constant REWARD_BPS = 100; // 1 %
    uint64 internal constant T0 = 1_700_000_000;
    uint256 internal constant PRICE = 2_000e18;
    uint256 internal constant SIZE = 10e18; // notional 20_000e18 at PRICE
    uint256 internal constant FUND = 100_000e18;
    uint8 internal constant MARKET_PAUSED = 4;
    uint8 internal constant ORACLE_STALE = 10;

    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);
    address internal constant KEEPER = address(0xCEE9);

    MockSettlementGuard internal guard;
    MockERC20 internal token;
    DerivativeVault internal vault;

    function setUp() public {
        vm.warp(T0);
        guard = new MockSettlementGuard();
        guard.setPrice(MARKET, PRICE);
        token = new MockERC20("Test USD", "tUSD");
        vault = _newVault(0);
        _fund(address(this), FUND);
        vault.fundInsurance(FUND);
        _deposit(ALICE, 10_000e18);
    }

    // ------------------------------------------------------------ helpers

    function _newVault(uint64 expiry) internal returns (DerivativeVault) {
        return new DerivativeVault(
            IERC20(address(token)), guard, MARKET, FINALITY, expiry, INITIAL_BPS, MAINTENANCE_BPS, REWARD_BPS
        );
    }

    function _fund(address account, uint256 amount) internal {
        token.mint(account, amount);
        vm.prank(account);
        token.approve(address(vault), type(uint256).max);
    }

    function _deposit(address account, uint256 amount) internal {
        _fund(account, amount);
        vm.prank(account);
        vault.deposit(amount);
    }

    function _open(address account, bool isLong, uint256 size, uint256 margin) internal returns (uint256 id) {
        vm.prank(account);
        id = vault.openPosition(isLong, size, margin);
    }

    function _expectBlocked(uint8 action, uint8 status) internal {
        vm.expectRevert(abi.encodeWithSelector(ISettlementGuard.SettlementBlocked.selector, MARKET, action, status));
    }

    /// @dev Alice is long SIZE at PRICE with 2_000e18 margin, then closes it all at `closePrice`.
    function _roundTrip(uint256 closePrice) internal returns (uint256 positionId) {
        positionId = _open(ALICE, true, SIZE, 2_000e18);
        guard.setPrice(MARKET, closePrice);
        vm.prank(ALICE);
        vault.reducePosition(positionId, SIZE);
    }

    // ------------------------------------------------------------ constructor

    function test_constructor_rejects_a_maintenance_margin_above_the_initial_margin() public {
        vm.expectRevert(abi.encodeWithSelector(DerivativeVault.InvalidMarginParameters.selector, 500, 600, 100));
        new DerivativeVault(IERC20(address(token)), guard, MARKET, FINALITY, 0, 500, 600, 100);
    }

    function test_constructor_rejects_a_zero_guard() public {
        vm.expectRevert(DerivativeVault.ZeroAddress.selector);
        new DerivativeVault(IERC20(address(token)), ISettlementGuard(address(0)), MARKET, FINALITY, 0, 1_000, 500, 100);
    }

    // ------------------------------------------------------------ deposit and withdraw

    function test_deposit_pulls_tokens_and_credits_free_collateral() public {
        _fund(BOB, 500e18);
        vm.expectEmit(true, false, false, true, address(vault));
        emit DerivativeVault.Deposited(BOB, 500e18);
        vm.prank(BOB);
        vault.deposit(500e18);
        assertEq(vault.freeCollateral(BOB), 500e18, "free collateral");
        assertEq(token.balanceOf(BOB), 0, "bob's tokens");
        assertEq(token.balanceOf(address(vault)), FUND + 10_000e18 + 500e18, "vault's tokens");
    }

    function test_deposit_reverts_with_settlement_blocked_when_the_guard_blocks_deposits() public {
        guard.setStatus(MARKET, vault.DEPOSIT(), MARKET_PAUSED);
        _fund(BOB, 500e18);
        _expectBlocked(vault.DEPOSIT(), MARKET_PAUSED);
        vm.prank(BOB);
        vault.deposit(500e18);
    }

    function test_deposit_needs_no_price() public {
        guard.setPrice(MARKET, 0);
        _deposit(BOB, 1e18);
        assertEq(vault.freeCollateral(BOB), 1e18, "free collateral");
    }

    function test_deposit_reverts_on_a_zero_amount() public {
        vm.expectRevert(DerivativeVault.ZeroAmount.selector);
        vm.prank(ALICE);
        vault.deposit(0);
    }

    function test_withdraw_sends_free_collateral_back() public {
        vm.expectEmit(true, false, false, true, address(vault));
        emit DerivativeVault.Withdrawn(ALICE, 4_000e18);
        vm.prank(ALICE);
        vault.withdraw(4_000e18);
        assertEq(vault.freeCollateral(ALICE), 6_000e18, "free collateral");
        assertEq(token.balanceOf(ALICE), 4_000e18, "alice's tokens");
    }

    function test_withdraw_reverts_with_settlement_blocked_when_the_guard_blocks_withdrawals() public {
        guard.setStatus(MARKET, vault.WITHDRAW(), ORACLE_STALE);
        _expectBlocked(vault.WITHDRAW(), ORACLE_STALE);
        vm.prank(ALICE);
        vault.withdraw(1e18);
    }

    function test_withdraw_reverts_with_insufficient_collateral_beyond_the_free_balance() public {
        vm.expectRevert(
            abi.encodeWithSelector(DerivativeVault.InsufficientCollateral.selector, ALICE, 10_000e18, 10_001e18)
        );
        vm.prank(ALICE);
        vault.withdraw(10_001e18);
    }

    function test_withdraw_reverts_on_a_zero_amount() public {
        vm.expectRevert(DerivativeVault.ZeroAmount.selector);
        vm.prank(ALICE);
        vault.withdraw(0);
    }

    function test_fund_insurance_reverts_with_settlement_blocked_when_deposits_are_blocked() public {
        guard.setStatus(MARKET, vault.DEPOSIT(), MARKET_PAUSED);
        _fund(BOB, 1e18);
        _expectBlocked(vault.DEPOSIT(), MARKET_PAUSED);
        vm.prank(BOB);
        vault.fundInsurance(1e18);
    }

    // ------------------------------------------------------------ open and increase

    function test_open_locks_the_margin_at_the_guard_price() public {
        vm.expectEmit(true, true, false, true, address(vault));
        emit DerivativeVault.PositionOpened(1, ALICE, true, SIZE, PRICE, 2_000e18);
        uint256 id = _open(ALICE, true, SIZE, 2_000e18);
        DerivativeVault.Position memory position = vault.positionOf(id);
        assertEq(position.owner, ALICE, "owner");
        assertEq(position.isLong, true, "side");
        assertEq(position.size, SIZE, "size");
        assertEq(position.entryPrice, PRICE, "entry price");
        assertEq(position.margin, 2_000e18, "margin");
        assertEq(vault.freeCollateral(ALICE), 8_000e18, "free collateral");
    }

    function test_open_reverts_with_settlement_blocked_when_the_guard_blocks_opens() public {
        guard.setStatus(MARKET, vault.OPEN(), MARKET_PAUSED);
        _expectBlocked(vault.OPEN(), MARKET_PAUSED);
        vm.prank(ALICE);
        vault.openPosition(true, SIZE, 2_000e18);
    }

    function test_open_reverts_when_the_guard_has_no_price() public {
        guard.setPrice(MARKET, 0);
        _expectBlocked(vault.OPEN(), guard.ORACLE_UNAVAILABLE());
        vm.prank(ALICE);
        vault.openPosition(true, SIZE, 2_000e18);
    }

    function test_open_that_passes_at_1x_fails_at_1_5x_the_margin_multiplier() public {
        // 10 % of 20_000e18 is 2_000e18 at 1x and 3_000e18 at 1.5x; 2_500e18 lies between.
        assertEq(vault.initialMargin(SIZE, PRICE), 2_000e18, "initial margin at 1x");
        _open(ALICE, true, SIZE, 2_500e18);

        guard.setMarginMultiplier(MARKET, 15_000);
        assertEq(vault.initialMargin(SIZE, PRICE), 3_000e18, "initial margin at 1.5x");
        vm.expectRevert(abi.encodeWithSelector(DerivativeVault.InsufficientMargin.selector, 2, 2_500e18, 3_000e18));
        vm.prank(ALICE);
        vault.openPosition(true, SIZE, 2_500e18);
    }

    function test_open_reverts_on_a_zero_size_or_zero_margin() public {
        vm.expectRevert(DerivativeVault.ZeroAmount.selector);
        vm.prank(ALICE);
        vault.openPosition(true, 0, 2_000e18);
        vm.expectRevert(DerivativeVault.ZeroAmount.selector);
        vm.prank(ALICE);
        vault.openPosition(true, SIZE, 0);
    }

    function test_open_reverts_with_insufficient_collateral_beyond_the_free_balance() public {
        vm.expectRevert(
            abi.encodeWithSelector(DerivativeVault.InsufficientCollateral.selector, ALICE, 10_000e18, 20_000e18)
        );
        vm.prank(ALICE);
        vault.openPosition(true, SIZE, 20_000e18);
    }

    function test_increase_averages_the_entry_price_and_adds_margin() public {
        uint256 id = _open(ALICE, true, SIZE, 2_000e18);
        guard.setPrice(MARKET, 2_200e18);
        vm.prank(ALICE);
        vault.increasePosition(id, SIZE, 2_200e18);
        DerivativeVault.Position memory position = vault.positionOf(id);
        assertEq(position.size, 2 * SIZE, "size");
        assertEq(position.entryPrice, 2_100e18, "average entry price");
        assertEq(position.margin, 4_200e18, "margin");
        assertEq(vault.freeCollateral(ALICE), 10_000e18 - 4_200e18, "free collateral");
    }

    function test_increase_counts_unrealized_profit_toward_the_initial_margin() public {
        uint256 id = _open(ALICE, true, SIZE, 2_000e18);
        // At 2_100 the equity is 2_000e18 + 1_000e18 unrealized = 3_000e18, 150e18 short of 10 % of 15e18 * 2_100.
        guard.setPrice(MARKET, 2_100e18);
        vm.expectRevert(abi.encodeWithSelector(DerivativeVault.InsufficientMargin.selector, id, 3_000e18, 3_150e18));
        vm.prank(ALICE);
        vault.increasePosition(id, 5e18, 0);
        vm.prank(ALICE);
        vault.increasePosition(id, 5e18, 150e18);
        assertEq(vault.positionOf(id).size, 15e18, "size");
    }

    function test_increase_reverts_when_the_caller_does_not_own_the_position() public {
        uint256 id = _open(ALICE, true, SIZE, 2_000e18);
        _deposit(BOB, 5_000e18);
        vm.expectRevert(abi.encodeWithSelector(DerivativeVault.NotPositionOwner.selector, id, BOB));
        vm.prank(BOB);
        vault.increasePosition(id, SIZE, 2_000e18);
    }

    function test_increase_reverts_with_settlement_blocked_when_the_guard_blocks_opens() public {
        uint256 id = _open(ALICE, true, SIZE, 2_000e18);
        guard.setStatus(MARKET, vault.OPEN(), MARKET_PAUSED);
        _expectBlocked(vault.OPEN(), MARKET_PAUSED);
        vm.prank(ALICE);
        vault.increasePosition(id, SIZE, 2_000e18);
    }

    // ------------------------------------------------------------ reduce and close

    function test_close_at_a_profit_releases_the_margin_and_holds_the_profit_pending() public {
        uint256 id = _open(ALICE, true, SIZE, 2_000e18);
        guard.setPrice(MARKET, 2_100e18);
        vm.expectEmit(true, true, true, true, address(vault));
        emit DerivativeVault.SettlementRecorded(1, id, ALICE, 1_000e18, T0 + FINALITY);
        vm.prank(ALICE);
        vault.reducePosition(id, SIZE);

        assertEq(vault.positionOf(id).size, 0, "position deleted");
        assertEq(vault.freeCollateral(ALICE), 10_000e18, "margin released, profit not yet");
        assertEq(vault.pendingProfit(), 1_000e18, "pending profit");
        assertEq(vault.insuranceFund(), FUND - 1_000e18, "profit reserved from the fund");
        DerivativeVault.Settlement memory settlement = vault.settlementOf(1);
        assertEq(settlement.account, ALICE, "settlement account");
        assertEq(settlement.pnl, 1_000e18, "settlement pnl");
        assertEq(settlement.timestamp, T0, "settlement timestamp");
        assertTrue(settlement.state == DerivativeVault.SettlementState.Pending, "settlement pending");
    }

    function test_partial_close_of_a_short_at_a_loss_takes_the_loss_from_the_margin() public {
        uint256 id = _open(ALICE, false, SIZE, 2_000e18);
        guard.setPrice(MARKET, 2_050e18);
        vm.prank(ALICE);
        vault.reducePosition(id, 4e18); // loss 4 * 50 = 200e18; margin 1_800e18, 40 % of it released
        DerivativeVault.Position memory position = vault.positionOf(id);
        assertEq(position.size, 6e18, "size");
        assertEq(position.margin, 1_080e18, "margin");
        assertEq(vault.freeCollateral(ALICE), 8_000e18 + 720e18, "released margin");
        assertEq(vault.insuranceFund(), FUND + 200e18, "loss to the fund");
        assertEq(vault.settlementOf(1).pnl, -200e18, "settlement pnl");
    }

    function test_close_reverts_with_settlement_blocked_when_the_guard_blocks_closes() public {
        uint256 id = _open(ALICE, true, SIZE, 2_000e18);
        guard.setStatus(MARKET, vault.CLOSE(), MARKET_PAUSED);
        _expectBlocked(vault.CLOSE(), MARKET_PAUSED);
        vm.prank(ALICE);
        vault.reducePosition(id, SIZE);
    }

    function test_close_reverts_when_the_reduction_exceeds_the_size() public {
        uint256 id = _open(ALICE, true, SIZE, 2_000e18);
        vm.expectRevert(abi.encodeWithSelector(DerivativeVault.ReductionExceedsSize.selector, id, SIZE, SIZE + 1));
        vm.prank(ALICE);
        vault.reducePosition(id, SIZE + 1);
    }

    function test_close_reverts_on_an_unknown_position() public {
        vm.expectRevert(abi.encodeWithSelector(DerivativeVault.UnknownPosition.selector, 42));
        vm.prank(ALICE);
        vault.reducePosition(42, SIZE);
    }

    function test_close_reverts_when_the_caller_does_not_own_the_position() public {
        uint256 id = _open(ALICE, true, SIZE, 2_000e18);
        vm.expectRevert(abi.encodeWithSelector(DerivativeVault.NotPositionOwner.selector, id, BOB));
        vm.prank(BOB);
        vault.reducePosition(id, SIZE);
    }

    function test_close_reverts_on_a_zero_size() public {
        uint256 id = _open(ALICE, true, SIZE, 2_000e18);
        vm.expectRevert(DerivativeVault.ZeroAmount.selector);
        vm.prank(ALICE);
        vault.reducePosition(id, 0);
    }

    // ------------------------------------------------------------ add margin

    function test_add_margin_moves_free_collateral_into_the_position() public {
        uint256 id = _open(ALICE, true, SIZE, 2_000e18);
        vm.expectEmit(true, false, false, true, address(vault));
        emit DerivativeVault.MarginAdded(id, 500e18);
        vm.prank(ALICE);
        vault.addMargin(id, 500e18);
        assertEq(vault.positionOf(id).margin, 2_500e18, "margin");
        assertEq(vault.freeCollateral(ALICE), 7_500e18, "free collateral");
    }

    function test_add_margin_needs_no_price() public {
        uint256 id = _open(ALICE, true, SIZE, 2_000e18);
        guard.setPrice(MARKET, 0);
        vm.prank(ALICE);
        vault.addMargin(id, 500e18);
        assertEq(vault.positionOf(id).margin, 2_500e18, "margin");
    }

    function test_add_margin_reverts_with_settlement_blocked_when_the_guard_blocks_it() public {
        uint256 id = _open(ALICE, true, SIZE, 2_000e18);
        guard.setStatus(MARKET, vault.ADD_MARGIN(), MARKET_PAUSED);
        _expectBlocked(vault.ADD_MARGIN(), MARKET_PAUSED);
        vm.prank(ALICE);
        vault.addMargin(id, 500e18);
    }

    function test_add_margin_reverts_with_insufficient_collateral_beyond_the_free_balance() public {
        uint256 id = _open(ALICE, true, SIZE, 2_000e18);
        vm.expectRevert(
            abi.encodeWithSelector(DerivativeVault.InsufficientCollateral.selector, ALICE, 8_000e18, 8_001e18)
        );
        vm.prank(ALICE);
        vault.addMargin(id, 8_001e18);
    }

    function test_add_margin_reverts_when_the_caller_does_not_own_the_position() public {
        uint256 id = _open(ALICE, true, SIZE, 2_000e18);
        _deposit(BOB, 500e18);
        vm.expectRevert(abi.encodeWithSelector(DerivativeVault.NotPositionOwner.selector, id, BOB));
        vm.prank(BOB);
        vault.addMargin(id, 500e18);
    }

    function test_add_margin_reverts_on_an_unknown_position() public {
        vm.expectRevert(abi.encodeWithSelector(DerivativeVault.UnknownPosition.selector, 7));
        vm.prank(ALICE);
        vault.addMargin(7, 500e18);
    }

    // ------------------------------------------------------------ liquidation

    function test_liquidate_seizes_an_under_margined_position_and_pays_the_liquidator() public {
        uint256 id = _open(ALICE, true, SIZE, 2_000e18);
        guard.setPrice(MARKET, 1_850e18); // equity 500e18 < maintenance 5 % of 18_500e18 = 925e18
        vm.expectEmit(true, true, false, true, address(vault));
        emit DerivativeVault.PositionLiquidated(id, KEEPER, 1_850e18, 2_000e18, 185e18);
        vm.prank(KEEPER);
        vault.liquidate(id);

        assertEq(vault.positionOf(id).size, 0, "position deleted");
        assertEq(vault.freeCollateral(KEEPER), 185e18, "reward: 1 % of the notional");
        assertEq(vault.insuranceFund(), FUND + 2_000e18 - 185e18, "rest of the margin to the fund");
        assertEq(vault.settlementOf(1).pnl, -2_000e18, "owner's loss pending");
    }

    function test_liquidate_refuses_a_healthy_position() public {
        uint256 id = _open(ALICE, true, SIZE, 2_000e18);
        guard.setPrice(MARKET, 1_950e18); // equity 1_500e18 >= maintenance 975e18
        vm.expectRevert(abi.encodeWithSelector(DerivativeVault.PositionHealthy.selector, id, 1_500e18, 975e18));
        vm.prank(KEEPER);
        vault.liquidate(id);
    }

    function test_liquidate_follows_the_margin_multiplier() public {
        uint256 id = _open(ALICE, true, SIZE, 2_000e18);
        guard.setPrice(MARKET, 1_900e18); // equity 1_000e18; maintenance 950e18 at 1x, 1_425e18 at 1.5x
        vm.expectRevert(abi.encodeWithSelector(DerivativeVault.PositionHealthy.selector, id, 1_000e18, 950e18));
        vault.liquidate(id);
        guard.setMarginMultiplier(MARKET, 15_000);
        vault.liquidate(id);
        assertEq(vault.positionOf(id).size, 0, "liquidated at 1.5x");
    }

    function test_liquidate_reverts_with_settlement_blocked_when_the_guard_blocks_it() public {
        uint256 id = _open(ALICE, true, SIZE, 2_000e18);
        guard.setPrice(MARKET, 1_850e18);
        guard.setStatus(MARKET, vault.LIQUIDATE(), 12); // LIQUIDATION_GRACE
        _expectBlocked(vault.LIQUIDATE(), 12);
        vault.liquidate(id);
    }

    function test_liquidate_reverts_on_an_unknown_position() public {
        vm.expectRevert(abi.encodeWithSelector(DerivativeVault.UnknownPosition.selector, 3));
        vault.liquidate(3);
    }

    // ------------------------------------------------------------ settlement

    function test_settle_marks_a_position_to_market_and_resets_its_entry_price() public {
        uint256 id = _open(ALICE, false, SIZE, 2_000e18);
        guard.setPrice(MARKET, 1_900e18);
        vm.expectEmit(true, false, false, true, address(vault));
        emit DerivativeVault.PositionSettled(id, 1_900e18, 1_000e18, false);
        vm.prank(KEEPER);
        vault.settle(id);
        DerivativeVault.Position memory position = vault.positionOf(id);
        assertEq(position.entryPrice, 1_900e18, "entry price reset");
        assertEq(position.size, SIZE, "size kept");
        assertEq(position.margin, 2_000e18, "margin kept");
        assertEq(vault.pendingProfit(), 1_000e18, "profit pending");
    }

    function test_settle_takes_a_loss_from_the_margin() public {
        uint256 id = _open(ALICE, true, SIZE, 2_000e18);
        guard.setPrice(MARKET, 1_960e18);
        vault.settle(id);
        assertEq(vault.positionOf(id).margin, 1_600e18, "margin after the loss");
        assertEq(vault.insuranceFund(), FUND + 400e18, "loss to the fund");
        assertEq(vault.settlementOf(1).pnl, -400e18, "settlement pnl");
    }

    function test_settle_reverts_with_settlement_blocked_when_the_guard_blocks_it() public {
        uint256 id = _open(ALICE, true, SIZE, 2_000e18);
        guard.setStatus(MARKET, vault.SETTLE(), 11); // ORACLE_DEVIATION
        _expectBlocked(vault.SETTLE(), 11);
        vault.settle(id);
    }

    function test_settle_reverts_on_an_unknown_position() public {
        vm.expectRevert(abi.encodeWithSelector(DerivativeVault.UnknownPosition.selector, 9));
        vault.settle(9);
    }

    function test_settle_at_expiry_closes_the_position_and_releases_the_margin() public {
        vault = _newVault(T0 + 7 days);
        _fund(address(this), FUND);
        vault.fundInsurance(FUND);
        _deposit(ALICE, 10_000e18);
        uint256 id = _open(ALICE, true, SIZE, 2_000e18);

        vm.warp(T0 + 7 days);
        guard.setPrice(MARKET, 2_010e18);
        vm.expectEmit(true, false, false, true, address(vault));
        emit DerivativeVault.PositionSettled(id, 2_010e18, 100e18, true);
        vault.settle(id);
        assertEq(vault.positionOf(id).size, 0, "closed at expiry");
        assertEq(vault.freeCollateral(ALICE), 10_000e18, "margin released");
        assertEq(vault.pendingProfit(), 100e18, "profit pending");

        vm.expectRevert(abi.encodeWithSelector(DerivativeVault.MarketExpired.selector, T0 + 7 days));
        vm.prank(ALICE);
        vault.openPosition(true, SIZE, 2_000e18);
    }

    // ------------------------------------------------------------ finality and incident windows

    function test_finalize_reverts_before_the_finality_delay() public {
        _roundTrip(2_100e18);
        vm.warp(T0 + FINALITY - 1);
        vm.expectRevert(abi.encodeWithSelector(DerivativeVault.SettlementNotMature.selector, 1, T0 + FINALITY));
        vault.finalize(1);
    }

    function test_finalize_after_the_delay_makes_a_profit_withdrawable() public {
        _roundTrip(2_100e18);
        vm.warp(T0 + FINALITY);
        vm.expectEmit(true, true, false, true, address(vault));
        emit DerivativeVault.SettlementFinalized(1, ALICE, 1_000e18);
        assertEq(vault.finalize(1), false, "finalized, not voided");
        assertEq(vault.freeCollateral(ALICE), 11_000e18, "profit credited");
        assertEq(vault.pendingProfit(), 0, "nothing pending");
        vm.prank(ALICE);
        vault.withdraw(11_000e18);
        assertEq(token.balanceOf(ALICE), 11_000e18, "withdrawn with the profit");
    }

    function test_finalize_voids_a_profit_stamped_inside_the_incident_window() public {
        _roundTrip(2_100e18);
        guard.setIncidentWindow(MARKET, T0 - 10, T0 + 1);
        vm.expectEmit(true, true, false, true, address(vault));
        emit DerivativeVault.SettlementVoided(1, ALICE, 1_000e18, T0 - 10, T0 + 1);
        assertEq(vault.finalize(1), true, "voided");
        assertEq(vault.freeCollateral(ALICE), 10_000e18, "no profit");
        assertEq(vault.insuranceFund(), FUND, "profit back to the fund");
        assertTrue(vault.settlementOf(1).state == DerivativeVault.SettlementState.Voided, "state voided");
    }

    function test_finalize_voids_a_loss_stamped_inside_the_incident_window_and_refunds_it() public {
        _roundTrip(1_950e18); // loss 500e18
        assertEq(vault.freeCollateral(ALICE), 9_500e18, "loss taken");
        guard.setIncidentWindow(MARKET, T0, T0 + 100);
        vm.warp(T0 + FINALITY);
        assertEq(vault.finalize(1), true, "voided");
        assertEq(vault.freeCollateral(ALICE), 10_000e18, "loss refunded");
        assertEq(vault.insuranceFund(), FUND, "fund restored");
    }

    function test_finalize_voids_a_liquidation_inside_the_incident_window_and_refunds_the_margin() public {
        uint256 id = _open(ALICE, true, SIZE, 2_000e18);
        guard.setPrice(MARKET, 1_850e18);
        vm.prank(KEEPER);
        vault.liquidate(id);
        guard.setIncidentWindow(MARKET, T0, T0 + 1);
        vault.finalize(1);
        assertEq(vault.freeCollateral(ALICE), 10_000e18, "margin refunded");
        assertEq(vault.insuranceFund(), FUND - 185e18, "the fund bears the liquidator's reward");
    }

    function test_finalize_reverts_while_a_covering_incident_window_is_open() public {
        _roundTrip(2_100e18);
        guard.setIncidentWindow(MARKET, T0 - 10, 0);
        vm.warp(T0 + FINALITY);
        vm.expectRevert(abi.encodeWithSelector(DerivativeVault.IncidentWindowOpen.selector, 1, T0 - 10));
        vault.finalize(1);
    }

    function test_finalize_ignores_an_incident_window_that_starts_after_the_settlement() public {
        _roundTrip(2_100e18);
        guard.setIncidentWindow(MARKET, T0 + 1, 0);
        vm.warp(T0 + FINALITY);
        assertEq(vault.finalize(1), false, "finalized");
        assertEq(vault.freeCollateral(ALICE), 11_000e18, "profit credited");
    }

    function test_finalize_ignores_an_incident_window_that_ended_at_the_settlement() public {
        _roundTrip(2_100e18);
        guard.setIncidentWindow(MARKET, T0 - 100, T0); // [start, end): T0 is outside
        vm.warp(T0 + FINALITY);
        assertEq(vault.finalize(1), false, "finalized");
    }

    function test_finalize_reverts_on_an_unknown_settlement() public {
        vm.expectRevert(abi.encodeWithSelector(DerivativeVault.UnknownSettlement.selector, 5));
        vault.finalize(5);
    }

    function test_finalize_reverts_when_the_settlement_is_no_longer_pending() public {
        _roundTrip(2_100e18);
        vm.warp(T0 + FINALITY);
        vault.finalize(1);
        vm.expectRevert(abi.encodeWithSelector(DerivativeVault.SettlementNotPending.selector, 1));
        vault.finalize(1);
    }

    function test_profit_is_capped_by_the_insurance_fund() public {
        DerivativeVault small = new DerivativeVault(
            IERC20(address(token)), guard, MARKET, FINALITY, 0, INITIAL_BPS, MAINTENANCE_BPS, REWARD_BPS
        );
        vault = small;
        _fund(address(this), 300e18);
        vault.fundInsurance(300e18);
        _deposit(ALICE, 10_000e18);
        _roundTrip(2_100e18); // 1_000e18 of profit, 300e18 in the fund
        assertEq(vault.settlementOf(1).pnl, 300e18, "capped profit");
        assertEq(vault.insuranceFund(), 0, "fund exhausted");
    }
}
