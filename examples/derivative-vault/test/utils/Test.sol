// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.24;

/// @title Vm
/// @notice The forge cheatcodes these tests use, declared here because forge-std cannot be fetched offline.
/// Signatures as in forge-std's `Vm.sol`.
interface Vm {
    function warp(uint256 timestamp) external;
    function prank(address sender) external;
    function startPrank(address sender) external;
    function stopPrank() external;
    function expectRevert() external;
    function expectRevert(bytes4 selector) external;
    function expectRevert(bytes calldata revertData) external;
    function expectEmit(bool checkTopic1, bool checkTopic2, bool checkTopic3, bool checkData) external;
    function expectEmit(bool checkTopic1, bool checkTopic2, bool checkTopic3, bool checkData, address emitter) external;
    function label(address account, string calldata newLabel) external;
}

/// @title Test
/// @notice A minimal test base: the cheatcode handle and the assertions the vault tests need. A failed
/// assertion reverts with a message naming both values, which fails the test.
abstract contract Test {
    /// @notice The cheatcode address: `address(uint160(uint256(keccak256("hevm cheat code"))))`.
    Vm internal constant vm = Vm(0x7109709ECfa91a80626fF3989D68f67F5b1DD12D);

    /// @notice Forge runs a contract's `test*` functions when this is true.
    bool public constant IS_TEST = true;

    function assertEq(uint256 left, uint256 right, string memory what) internal pure {
        if (left != right) revert(string.concat(what, ": ", _str(left), " != ", _str(right)));
    }

    function assertEq(int256 left, int256 right, string memory what) internal pure {
        if (left != right) revert(string.concat(what, ": ", _str(left), " != ", _str(right)));
    }

    function assertEq(address left, address right, string memory what) internal pure {
        if (left != right) revert(string.concat(what, ": addresses differ"));
    }

    function assertEq(bool left, bool right, string memory what) internal pure {
        if (left != right) revert(string.concat(what, left ? ": true != false" : ": false != true"));
    }

    function assertTrue(bool condition, string memory what) internal pure {
        if (!condition) revert(string.concat(what, ": not true"));
    }

    function _str(uint256 value) private pure returns (string memory) {
        if (value == 0) return "0";
        uint256 digits;
        for (uint256 v = value; v != 0; v /= 10) {
            ++digits;
        }
        bytes memory buffer = new bytes(digits);
        for (; value != 0; value /= 10) {
            // forge-lint: disable-next-line(unsafe-typecast)
            buffer[--digits] = bytes1(uint8(48 + value % 10)); // a digit: 48..57
        }
        return string(buffer);
    }

    function _str(int256 value) private pure returns (string memory) {
        // forge-lint: disable-next-line(unsafe-typecast)
        return value < 0 ? string.concat("-", _str(uint256(-(value + 1)) + 1)) : _str(uint256(value)); // both >= 0
    }
}
