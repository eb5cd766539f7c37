// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title GasProbe
/// @notice Measures, inside the EVM, the gas of calls to a target: the same yardstick for Stylus
/// programs and Solidity contracts. Each figure is the gas consumed between the two `GAS` opcodes
/// around one `CALL` (the call's own access cost, cold 2,600 or warm 100, plus everything the callee
/// spends), minus the probe's bookkeeping, which is calibrated in the same transaction against a
/// warm call to an empty account (EIP-2929: exactly 100 gas). The first call to a target in a
/// transaction is cold (target account and every slot it reads are cold); later calls are warm.
/// @dev For benchmarks only: it forwards arbitrary calls, so never give it a role on a real chain.
contract GasProbe {
    /// @notice An empty account the calibration calls (no code, no balance).
    address internal constant EMPTY = address(0x00000000000000000000000000000000000DEaD1);

    /// @notice Gas of a warm CALL to an account without code (EIP-2929 warm access).
    uint256 internal constant WARM_EMPTY_CALL = 100;

    /// @notice A probed call failed; its revert data is forwarded.
    error ProbedCallFailed(uint256 index, bytes reason);

    /// @notice Emitted by `measure`: the gas of each call, in order.
    event Measured(address indexed target, uint256[] gasUsed);

    /// @notice Calls `target` with each of `payloads` in order, in this transaction, and returns the
    /// gas each call used.
    /// @param target The contract to measure.
    /// @param payloads Calldata of each call (repeat a payload to measure it warm).
    /// @return gasUsed Gas of each call, from its CALL opcode to its return, bookkeeping removed.
    /// @return lastResult Return data of the last call.
    function measure(address target, bytes[] calldata payloads)
        external
        returns (uint256[] memory gasUsed, bytes memory lastResult)
    {
        uint256 overhead = _overhead();
        gasUsed = new uint256[](payloads.length);
        for (uint256 i; i < payloads.length; ++i) {
            bytes memory data = payloads[i];
            (bool ok, uint256 used) = _call(target, data);
            lastResult = _returnData();
            if (!ok) revert ProbedCallFailed(i, lastResult);
            gasUsed[i] = used - overhead;
        }
        emit Measured(target, gasUsed);
    }

    /// @notice The gas `_call` adds to the callee's cost: a cold then a warm call to `EMPTY`;
    /// the warm one is `WARM_EMPTY_CALL` plus the overhead.
    function _overhead() internal returns (uint256) {
        bytes memory empty;
        _call(EMPTY, empty);
        (, uint256 warm) = _call(EMPTY, empty);
        return warm - WARM_EMPTY_CALL;
    }

    /// @notice One CALL between two GAS readings; the return data is left in the buffer.
    function _call(address target, bytes memory data) internal returns (bool ok, uint256 used) {
        assembly ("memory-safe") {
            let start := gas()
            ok := call(gas(), target, 0, add(data, 32), mload(data), 0, 0)
            used := sub(start, gas())
        }
    }

    /// @notice Copies the last call's return data into memory.
    function _returnData() internal pure returns (bytes memory data) {
        assembly ("memory-safe") {
            data := mload(0x40)
            mstore(data, returndatasize())
            returndatacopy(add(data, 32), 0, returndatasize())
            mstore(0x40, add(add(data, 32), and(add(returndatasize(), 31), not(31))))
        }
    }
}
