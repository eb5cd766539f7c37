// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.24;

/// @title IERC20
/// @notice The part of the ERC-20 standard the vault and its tests use.
interface IERC20 {
    /// @notice `value` tokens moved from `from` to `to`.
    event Transfer(address indexed from, address indexed to, uint256 value);

    /// @notice `owner` allowed `spender` to move `value` of its tokens.
    event Approval(address indexed owner, address indexed spender, uint256 value);

    /// @notice The token balance of `account`.
    function balanceOf(address account) external view returns (uint256);

    /// @notice How many of `owner`'s tokens `spender` may still move.
    function allowance(address owner, address spender) external view returns (uint256);

    /// @notice Moves `value` of the caller's tokens to `to`.
    /// @return success whether the transfer happened (some tokens return nothing and revert instead).
    function transfer(address to, uint256 value) external returns (bool success);

    /// @notice Lets `spender` move `value` of the caller's tokens.
    /// @return success whether the approval happened.
    function approve(address spender, uint256 value) external returns (bool success);

    /// @notice Moves `value` of `from`'s tokens to `to`, within the caller's allowance.
    /// @return success whether the transfer happened (some tokens return nothing and revert instead).
    function transferFrom(address from, address to, uint256 value) external returns (bool success);
}
