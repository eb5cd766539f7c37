//! Bindings of the Solidity side: the mock feeds, SolidityGate, OpenZeppelin
//! TimelockController and Safe v1.4.1 (the parts the benchmark calls; the artifacts are in
//! `bench/artifacts/`).
#![allow(missing_docs, clippy::too_many_arguments)] // generated code

use alloy::sol;

sol! {
    /// `bench/solidity/mocks/MockAggregatorV3.sol`.
    interface MockAggregatorV3 {
        function setAnswer(int256 answer, uint256 updatedAt) external;
    }

    /// `bench/solidity/SolidityGate.sol` (admin part; the checks share `ISettlementGuard`).
    interface SolidityGate {
        function setMarket(bytes32 market, address feed, uint32 heartbeat, uint16 bandBps,
            uint128 minPrice, uint128 maxPrice, uint256 referencePrice) external;
        function transferOwnership(address newOwner) external;
        function pause() external;
    }

    /// OpenZeppelin `TimelockController` 5.4.0 (the calls measured).
    interface TimelockController {
        function schedule(address target, uint256 value, bytes data, bytes32 predecessor,
            bytes32 salt, uint256 delay) external;
        function execute(address target, uint256 value, bytes payload, bytes32 predecessor,
            bytes32 salt) external payable;
    }

    /// Safe v1.4.1 (`Safe` and `SafeL2` share it).
    interface Safe {
        function setup(address[] owners, uint256 threshold, address to, bytes data,
            address fallbackHandler, address paymentToken, uint256 payment,
            address paymentReceiver) external;
        function execTransaction(address to, uint256 value, bytes data, uint8 operation,
            uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken,
            address refundReceiver, bytes signatures) external payable returns (bool success);
        function getTransactionHash(address to, uint256 value, bytes data, uint8 operation,
            uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken,
            address refundReceiver, uint256 nonce) external view returns (bytes32);
        function nonce() external view returns (uint256);
    }

    /// Safe v1.4.1 `SafeProxyFactory`.
    interface SafeProxyFactory {
        function createProxyWithNonce(address singleton, bytes initializer, uint256 saltNonce)
            external returns (address proxy);
    }
}
