//! The exported `abi/ISettlementGuard.sol` that vaults import declares
//! exactly the fixed interface of `DESIGN.md` (and so of this crate).

use alloy_sol_types::{SolCall, SolError};
use guard_abi::interfaces::ISettlementGuard;

const EXPORTED: &str = include_str!("../../../abi/ISettlementGuard.sol");

#[test]
fn exported_settlement_guard_declares_the_design_signatures() {
    for line in [
        "error SettlementBlocked(bytes32 market, uint8 action, uint8 status);",
        "function checkSettlement(bytes32 market, uint8 action) external view returns (uint8 status, uint64 validUntil);",
        "function requireSettlement(bytes32 market, uint8 action) external view;",
        "function settlementPrice(bytes32 market, uint8 action) external view returns (uint256 price, uint64 publishedAt);",
        "function incidentWindow(bytes32 market) external view returns (uint64 start, uint64 end);",
        "function marginMultiplier(bytes32 market) external view returns (uint16 bps);",
    ] {
        assert!(EXPORTED.contains(line), "abi/ISettlementGuard.sol lacks `{line}`");
    }
    let declared = EXPORTED
        .lines()
        .filter(|l| l.trim_start().starts_with("function ") || l.trim_start().starts_with("error "))
        .count();
    assert_eq!(
        declared, 6,
        "ISettlementGuard has exactly five functions and one error"
    );
}

#[test]
fn the_crate_selectors_are_the_exported_ones() {
    assert_eq!(
        ISettlementGuard::checkSettlementCall::SIGNATURE,
        "checkSettlement(bytes32,uint8)"
    );
    assert_eq!(
        ISettlementGuard::requireSettlementCall::SIGNATURE,
        "requireSettlement(bytes32,uint8)"
    );
    assert_eq!(
        ISettlementGuard::settlementPriceCall::SIGNATURE,
        "settlementPrice(bytes32,uint8)"
    );
    assert_eq!(
        ISettlementGuard::incidentWindowCall::SIGNATURE,
        "incidentWindow(bytes32)"
    );
    assert_eq!(
        ISettlementGuard::marginMultiplierCall::SIGNATURE,
        "marginMultiplier(bytes32)"
    );
    assert_eq!(
        ISettlementGuard::SettlementBlocked::SIGNATURE,
        "SettlementBlocked(bytes32,uint8,uint8)"
    );
}
