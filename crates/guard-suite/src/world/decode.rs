//! The suite's and the vault's errors and events by name.
//!
//! Every refusal in the suite is a custom error; these helpers turn revert
//! data and logs back into names and fields (from the same generated
//! bindings the tools call with), for assertions and for the drill's
//! timeline.

use alloy::{
    contract,
    primitives::{Address, Bytes},
    rpc::types::{Log, TransactionReceipt},
    sol_types::{Panic, Revert, SolError, SolEvent, SolEventInterface, SolInterface},
    transports::TransportError,
};

use crate::bindings::{
    DerivativeVault::{DerivativeVaultErrors, DerivativeVaultEvents},
    IEmergencyTimelock::{IEmergencyTimelockErrors, IEmergencyTimelockEvents},
    IGuardianMultisig::{self, IGuardianMultisigErrors, IGuardianMultisigEvents},
    IOracleSanityChecker::{IOracleSanityCheckerErrors, IOracleSanityCheckerEvents},
    IPauseRegistry::{IPauseRegistryErrors, IPauseRegistryEvents},
    ISettlementGuard::ISettlementGuardErrors,
    MockERC20::MockERC20Events,
};

/// The revert data of a failed contract call, if the node returned any.
pub fn revert_data(error: &contract::Error) -> Option<Bytes> {
    error.as_revert_data()
}

/// The revert data inside a node's error response (a failed `eth_call` or
/// `eth_estimateGas`), if any.
pub fn transport_revert_data(error: &TransportError) -> Option<Bytes> {
    error.as_error_resp()?.as_revert_data()
}

/// Strips the enum wrapper of a generated error's `Debug`:
/// `Name(Name { a: 1 })` → `Name { a: 1 }`.
fn unwrap_variant(debug: &str) -> String {
    match debug.split_once('(') {
        Some((name, rest)) if rest.starts_with(name) && rest.ends_with(')') => {
            rest[..rest.len() - 1].to_owned()
        }
        _ => debug.to_owned(),
    }
}

/// The named error in `data`: decoded against the gate's
/// `SettlementBlocked`, the vault, the registry, the oracle checker, the
/// timelock and the multisig, in that order (the registry, the oracle
/// checker and the multisig share `UnauthorizedAccount(address)`). A
/// multisig `CallReverted` shows the reason of the call it made;
/// `Error(string)` and `Panic(uint256)` are shown as Solidity does.
pub fn describe_revert(data: &[u8]) -> String {
    if data.is_empty() {
        return "a revert without data".into();
    }
    if let Ok(IGuardianMultisigErrors::CallReverted(inner)) =
        IGuardianMultisigErrors::abi_decode(data)
    {
        return format!(
            "CallReverted {{ target: {}, reason: {} }}",
            inner.target,
            describe_revert(&inner.reason)
        );
    }
    macro_rules! first_match {
        ($($errors:ty),+) => {
            $(
                if let Ok(decoded) = <$errors as SolInterface>::abi_decode(data) {
                    return unwrap_variant(&format!("{decoded:?}"));
                }
            )+
        };
    }
    first_match!(
        ISettlementGuardErrors,
        DerivativeVaultErrors,
        IPauseRegistryErrors,
        IOracleSanityCheckerErrors,
        IEmergencyTimelockErrors,
        IGuardianMultisigErrors
    );
    if let Ok(revert) = Revert::abi_decode(data) {
        return format!("Error({:?})", revert.reason);
    }
    if let Ok(panic) = Panic::abi_decode(data) {
        return format!("Panic({})", panic.code);
    }
    format!("unknown revert data {}", Bytes::copy_from_slice(data))
}

/// The name of the error in `data` (see [`describe_revert`]), without its
/// fields.
pub fn error_name(data: &[u8]) -> String {
    error_name_of_described(&describe_revert(data)).to_owned()
}

/// The name at the start of an error [`describe_revert`] rendered.
pub fn error_name_of_described(described: &str) -> &str {
    described.split([' ', '(', '{']).next().unwrap_or_default()
}

/// A failed contract call's error, named: the decoded revert when there is
/// revert data, the node's message otherwise.
pub fn describe_call_error(error: &contract::Error) -> String {
    revert_data(error).map_or_else(|| error.to_string(), |data| describe_revert(&data))
}

/// A failed transport request's error, named like [`describe_call_error`].
pub fn describe_transport_error(error: &TransportError) -> String {
    transport_revert_data(error).map_or_else(|| error.to_string(), |data| describe_revert(&data))
}

/// The name of the event a log carries, from the suite's, the vault's and
/// the collateral token's ABIs (`None` for a log none of them declares).
pub fn event_name(log: &Log) -> Option<&'static str> {
    let topic = *log.topics().first()?;
    IPauseRegistryEvents::name_by_selector(topic.0)
        .or_else(|| IOracleSanityCheckerEvents::name_by_selector(topic.0))
        .or_else(|| IEmergencyTimelockEvents::name_by_selector(topic.0))
        .or_else(|| IGuardianMultisigEvents::name_by_selector(topic.0))
        .or_else(|| DerivativeVaultEvents::name_by_selector(topic.0))
        .or_else(|| MockERC20Events::name_by_selector(topic.0))
}

/// The names of the events in `receipt`, in order (unknown logs skipped).
pub fn event_names(receipt: &TransactionReceipt) -> Vec<&'static str> {
    receipt.inner.logs().iter().filter_map(event_name).collect()
}

/// Every `E` that `emitter` logged in `receipt`, decoded, in order.
pub fn events<E: SolEvent>(receipt: &TransactionReceipt, emitter: Address) -> Vec<E> {
    receipt
        .inner
        .logs()
        .iter()
        .filter(|log| log.address() == emitter)
        .filter(|log| log.topics().first() == Some(&E::SIGNATURE_HASH))
        .filter_map(|log| E::decode_log_data(log.data()).ok())
        .collect()
}

/// Whether the multisig's `TransactionExecuted` is in `receipt` (a call it
/// made on signatures went through).
pub fn multisig_executed(receipt: &TransactionReceipt, multisig: Address) -> bool {
    !events::<IGuardianMultisig::TransactionExecuted>(receipt, multisig).is_empty()
}

/// Decodes the events of `emitter` with the generated event enum `I`
/// (e.g. `IPauseRegistryEvents`), in order.
pub fn decoded_events<I: SolEventInterface>(
    receipt: &TransactionReceipt,
    emitter: Address,
) -> Vec<I> {
    receipt
        .inner
        .logs()
        .iter()
        .filter(|log| log.address() == emitter)
        .filter_map(|log| I::decode_raw_log(log.topics(), &log.data().data).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bindings::{IPauseRegistry, ISettlementGuard};
    use alloy::primitives::{B256, U256};

    #[test]
    fn the_gate_error_is_named_with_its_fields() {
        let data = ISettlementGuard::SettlementBlocked {
            market: B256::repeat_byte(1),
            action: 2,
            status: 11,
        }
        .abi_encode();
        let described = describe_revert(&data);
        assert!(described.starts_with("SettlementBlocked {"), "{described}");
        assert!(described.contains("status: 11"), "{described}");
        assert_eq!(error_name(&data), "SettlementBlocked");
    }

    #[test]
    fn a_multisig_call_revert_shows_the_inner_reason() {
        let inner = IPauseRegistry::UnknownMarket {
            market: B256::repeat_byte(2),
        }
        .abi_encode();
        let data = IGuardianMultisig::CallReverted {
            target: Address::repeat_byte(3),
            reason: inner.into(),
        }
        .abi_encode();
        let described = describe_revert(&data);
        assert!(described.starts_with("CallReverted"), "{described}");
        assert!(described.contains("UnknownMarket"), "{described}");
    }

    #[test]
    fn solidity_reverts_and_unknown_data_are_shown_as_such() {
        assert_eq!(
            describe_revert(&Revert::from("no").abi_encode()),
            "Error(\"no\")"
        );
        assert_eq!(
            describe_revert(
                &Panic {
                    code: U256::from(0x11)
                }
                .abi_encode()
            ),
            "Panic(17)"
        );
        assert!(describe_revert(&[1, 2, 3, 4]).starts_with("unknown revert data"));
        assert_eq!(describe_revert(&[]), "a revert without data");
    }
}
