//! The contract answers the exact `IOracleGate` calldata of `guard_abi`
//! (what the PauseRegistry sends) through its router, with return data
//! that alloy's validating decoder accepts.

use super::*;
use alloy_sol_types::SolCall;
use guard_abi::interfaces::IOracleGate::{
    checkPriceCall, checkSequencerCall, marginMultiplierCall,
};
use stylus_sdk::abi::Router;

/// Dispatches raw calldata through the contract's router.
fn call(c: &mut OracleSanityChecker, calldata: &[u8]) -> Vec<u8> {
    let selector = u32::from_be_bytes(calldata[..4].try_into().unwrap());
    <OracleSanityChecker as Router<OracleSanityChecker>>::route(c, selector, &calldata[4..])
        .expect("selector routed")
        .expect("call succeeded")
}

#[test]
fn the_gate_interface_round_trips_through_the_router() {
    let (vm, mut c) = setup_recorded();
    mock_round(&vm, PRIMARY, 2_000 * E8, T0 - 10);
    mock_round_raw(&vm, SEQUENCER, Ok(round(0, T0 - 100_000, T0 - 100_000)));

    let ret = call(&mut c, &checkPriceCall { market: MARKET }.abi_encode());
    let price = checkPriceCall::abi_decode_returns_validate(&ret).unwrap();
    assert_eq!(
        (
            price.status,
            price.price,
            price.publishedAt,
            price.validUntil
        ),
        (0, usd(2_000), T0 - 10, T0 - 10 + u64::from(HEARTBEAT))
    );

    let ret = call(&mut c, &checkSequencerCall {}.abi_encode());
    let seq = checkSequencerCall::abi_decode_returns_validate(&ret).unwrap();
    assert_eq!(
        (seq.status, seq.upSince, seq.graceEndsAt),
        (0, T0 - 100_000, T0 - 96_400)
    );

    let ret = call(
        &mut c,
        &marginMultiplierCall { market: MARKET }.abi_encode(),
    );
    assert_eq!(
        marginMultiplierCall::abi_decode_returns_validate(&ret).unwrap(),
        10_000
    );
}

#[test]
fn a_blocked_price_is_encoded_with_zeros() {
    let (vm, mut c) = setup_recorded();
    mock_round_raw(&vm, PRIMARY, Err(Vec::new()));
    let ret = call(&mut c, &checkPriceCall { market: MARKET }.abi_encode());
    let price = checkPriceCall::abi_decode_returns_validate(&ret).unwrap();
    assert_eq!(
        (
            price.status,
            price.price,
            price.publishedAt,
            price.validUntil
        ),
        (Status::OracleUnavailable.code(), U256::ZERO, 0, 0)
    );
}
