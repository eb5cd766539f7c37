//! `executeWithSignatures`: valid m-of-n, every malformed or unauthorized
//! signature set, replays across nonces, chains and contracts, and how the
//! executed call's result is surfaced.

use super::*;
use crate::{
    errors::{
        CallReverted, InsufficientSignatures, InvalidSignature, InvalidSignatureS,
        InvalidSignatureV, InvalidSignaturesLength, SignerNotOwner, SignersNotAscending,
    },
    events::TransactionExecuted,
};
use alloy_sol_types::SolEvent;
use guard_test_host::CallKind;

/// secp256k1n.
const N: U256 = U256::from_be_bytes([
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
    0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
]);

fn three_of_five() -> (TestVM, GuardianMultisig, Vec<SigningKey>) {
    let keys = sorted_keys(5);
    let (vm, ms) = deploy(&keys, 3, 2);
    (vm, ms, keys)
}

#[test]
fn a_3_of_5_executes_the_call_and_increments_the_nonce() {
    let (vm, mut ms, keys) = three_of_five();
    let data = set_config(7);
    vm.mock_call(TARGET, data.to_vec(), Ok(vec![0xaa, 0xbb]));
    let hash = digest(&ms, TARGET, U256::ZERO, &data);
    let out = execute_signed(
        &mut ms,
        TARGET,
        U256::ZERO,
        &data,
        &[&keys[0], &keys[2], &keys[4]],
    )
    .unwrap();
    assert_eq!(
        out.to_vec(),
        vec![0xaa, 0xbb],
        "the call's return data is returned"
    );
    assert_eq!(ms.nonce(), U256::from(1));
    let calls: Vec<_> = vm.calls().into_iter().filter(|c| c.to == TARGET).collect();
    assert_eq!(calls.len(), 1);
    assert_eq!(
        (calls[0].kind, calls[0].data.clone()),
        (CallKind::Call, data.to_vec())
    );
    let (topics, _) = vm.get_emitted_logs().last().unwrap().clone();
    assert_eq!(topics[0], TransactionExecuted::SIGNATURE_HASH);
    assert_eq!(topics[1], hash);
    assert_eq!(topics[2], B256::ZERO, "nonce 0 was used");
}

#[test]
fn more_signatures_than_the_threshold_are_accepted() {
    let (vm, mut ms, keys) = three_of_five();
    let data = set_config(1);
    execute_signed(&mut ms, TARGET, U256::ZERO, &data, &refs(&keys)).unwrap();
    assert_eq!(ms.nonce(), U256::from(1));
    assert!(vm.calls().iter().any(|c| c.to == TARGET));
}

#[test]
fn value_is_sent_from_the_multisig_balance() {
    let (vm, mut ms, keys) = three_of_five();
    let data = set_config(1);
    let value = U256::from(5_000);
    execute_signed(
        &mut ms,
        TARGET,
        value,
        &data,
        &[&keys[0], &keys[1], &keys[2]],
    )
    .unwrap();
    let call = vm.calls().into_iter().find(|c| c.to == TARGET).unwrap();
    assert_eq!(call.value, value);
}

#[test]
fn too_few_signatures_are_refused() {
    let (vm, mut ms, keys) = three_of_five();
    let data = set_config(1);
    for signers in [vec![], vec![&keys[0]], vec![&keys[0], &keys[1]]] {
        let n = signers.len();
        let err = assert_refused(&vm, || {
            execute_signed(&mut ms, TARGET, U256::ZERO, &data, &signers)
        });
        assert_eq!(
            err,
            enc(InsufficientSignatures {
                signatures: U256::from(n),
                required: U256::from(3)
            })
        );
    }
}

#[test]
fn a_length_not_a_multiple_of_65_is_refused() {
    let (vm, mut ms, keys) = three_of_five();
    let data = set_config(1);
    let good = sign_all(
        &[&keys[0], &keys[1], &keys[2]],
        digest(&ms, TARGET, U256::ZERO, &data),
    );
    for len in [64usize, 66, 194, 196] {
        let mut sigs = good.to_vec();
        sigs.resize(len, 0);
        let err = assert_refused(&vm, || {
            ms.execute_with_signatures(TARGET, U256::ZERO, data.clone(), sigs.clone().into())
        });
        assert_eq!(
            err,
            enc(InvalidSignaturesLength {
                length: U256::from(len)
            })
        );
    }
}

#[test]
fn v_other_than_27_or_28_is_refused() {
    let (vm, mut ms, keys) = three_of_five();
    let data = set_config(1);
    let mut sigs = sign_all(
        &[&keys[0], &keys[1], &keys[2]],
        digest(&ms, TARGET, U256::ZERO, &data),
    )
    .to_vec();
    let v = sigs[65 + 64] - 27; // 0 or 1: the "raw" recovery id some signers emit
    sigs[65 + 64] = v;
    let err = assert_refused(&vm, || {
        ms.execute_with_signatures(TARGET, U256::ZERO, data.clone(), sigs.into())
    });
    assert_eq!(
        err,
        enc(InvalidSignatureV {
            index: U256::from(1),
            v
        })
    );
}

#[test]
fn a_high_s_signature_is_refused_although_it_recovers_the_owner() {
    let (vm, mut ms, keys) = three_of_five();
    let data = set_config(1);
    let hash = digest(&ms, TARGET, U256::ZERO, &data);
    let mut sigs = sign_all(&[&keys[0], &keys[1], &keys[2]], hash).to_vec();
    // The malleable twin of signature 2: (r, n - s, v ^ 1).
    let s = U256::from_be_slice(&sigs[130 + 32..130 + 64]);
    let high = N - s;
    sigs[130 + 32..130 + 64].copy_from_slice(&high.to_be_bytes::<32>());
    sigs[130 + 64] = if sigs[130 + 64] == 27 { 28 } else { 27 };
    // `(r, n - s, v ^ 1)` is a valid signature by keys[2] to the EVM's
    // ecrecover, which does not enforce low s: the contract refuses it
    // before asking the precompile (k256, behind the test host, would not
    // recover it either).
    vm.clear_calls();
    let err = assert_refused(&vm, || {
        ms.execute_with_signatures(TARGET, U256::ZERO, data.clone(), sigs.into())
    });
    assert_eq!(
        err,
        enc(InvalidSignatureS {
            index: U256::from(2),
            s: B256::from(high)
        })
    );
    let recoveries = vm
        .calls()
        .iter()
        .filter(|c| c.to == crate::signature::ECRECOVER)
        .count();
    assert_eq!(recoveries, 2, "signature 2 never reached the precompile");
}

#[test]
fn an_unrecoverable_signature_is_refused() {
    let (vm, mut ms, keys) = three_of_five();
    let data = set_config(1);
    let mut sigs = sign_all(
        &[&keys[0], &keys[1], &keys[2]],
        digest(&ms, TARGET, U256::ZERO, &data),
    )
    .to_vec();
    sigs[..32].fill(0); // r = 0: the precompile returns nothing
    let err = assert_refused(&vm, || {
        ms.execute_with_signatures(TARGET, U256::ZERO, data.clone(), sigs.into())
    });
    assert_eq!(err, enc(InvalidSignature { index: U256::ZERO }));
}

#[test]
fn a_non_owner_signer_is_refused() {
    let (vm, mut ms, keys) = three_of_five();
    let outsider = key(99);
    let data = set_config(1);
    let hash = digest(&ms, TARGET, U256::ZERO, &data);
    let mut signers = vec![&keys[0], &keys[1], &outsider];
    signers.sort_by_key(|k| address_of(k));
    let index = signers
        .iter()
        .position(|k| address_of(k) == address_of(&outsider))
        .unwrap();
    let err = assert_refused(&vm, || {
        execute_signed(&mut ms, TARGET, U256::ZERO, &data, &signers)
    });
    assert_eq!(
        err,
        enc(SignerNotOwner {
            index: U256::from(index),
            signer: address_of(&outsider),
            txHash: hash
        })
    );
}

#[test]
fn unsorted_signers_are_refused() {
    let (vm, mut ms, keys) = three_of_five();
    let data = set_config(1);
    let err = assert_refused(&vm, || {
        execute_signed(
            &mut ms,
            TARGET,
            U256::ZERO,
            &data,
            &[&keys[0], &keys[2], &keys[1]],
        )
    });
    assert_eq!(
        err,
        enc(SignersNotAscending {
            index: U256::from(2),
            signer: address_of(&keys[1]),
            previous: address_of(&keys[2])
        })
    );
}

#[test]
fn a_duplicate_signer_is_refused() {
    let (vm, mut ms, keys) = three_of_five();
    let data = set_config(1);
    let err = assert_refused(&vm, || {
        execute_signed(
            &mut ms,
            TARGET,
            U256::ZERO,
            &data,
            &[&keys[0], &keys[1], &keys[1]],
        )
    });
    assert_eq!(
        err,
        enc(SignersNotAscending {
            index: U256::from(2),
            signer: address_of(&keys[1]),
            previous: address_of(&keys[1])
        })
    );
}

#[test]
fn a_replayed_nonce_is_refused_as_a_non_owner_signer() {
    let (vm, mut ms, keys) = three_of_five();
    let data = set_config(1);
    let signers = [&keys[0], &keys[1], &keys[2]];
    let old = digest(&ms, TARGET, U256::ZERO, &data);
    let sigs = sign_all(&signers, old);
    ms.execute_with_signatures(TARGET, U256::ZERO, data.clone(), sigs.clone())
        .unwrap();
    // The same signatures again: they are over nonce 0, the contract now
    // expects nonce 1, so the first recovers to an unrelated address.
    let current = digest(&ms, TARGET, U256::ZERO, &data);
    assert_ne!(old, current);
    let err = assert_refused(&vm, || {
        ms.execute_with_signatures(TARGET, U256::ZERO, data.clone(), sigs)
    });
    let decoded = SignerNotOwner::abi_decode(&err).expect("SignerNotOwner");
    assert_eq!(decoded.index, U256::ZERO);
    assert_eq!(
        decoded.txHash, current,
        "the error names the digest expected now"
    );
    assert!(!ms.is_owner(decoded.signer));
    assert_eq!(ms.nonce(), U256::from(1));
}

#[test]
fn signatures_for_another_chain_are_refused() {
    let (vm, mut ms, keys) = three_of_five();
    let data = set_config(1);
    let signers = [&keys[0], &keys[1], &keys[2]];
    let home = vm.chain_id();
    vm.set_chain_id(home + 1);
    let foreign = sign_all(&signers, digest(&ms, TARGET, U256::ZERO, &data));
    vm.set_chain_id(home);
    let err = assert_refused(&vm, || {
        ms.execute_with_signatures(TARGET, U256::ZERO, data.clone(), foreign)
    });
    assert!(SignerNotOwner::abi_decode(&err).is_ok());
}

#[test]
fn signatures_for_another_multisig_are_refused() {
    let (vm, mut ms, keys) = three_of_five();
    let data = set_config(1);
    let signers = [&keys[0], &keys[1], &keys[2]];
    let home = vm.contract_address();
    vm.set_contract_address(address!("0000000000000000000000000000000000000bad"));
    let foreign = sign_all(&signers, digest(&ms, TARGET, U256::ZERO, &data));
    vm.set_contract_address(home);
    let err = assert_refused(&vm, || {
        ms.execute_with_signatures(TARGET, U256::ZERO, data.clone(), foreign)
    });
    assert!(SignerNotOwner::abi_decode(&err).is_ok());
}

#[test]
fn the_digest_binds_every_call_parameter_and_the_nonce() {
    let (_vm, ms, _keys) = three_of_five();
    let data = set_config(1);
    let base = ms.get_transaction_hash(TARGET, U256::ZERO, data.clone(), U256::ZERO);
    for other in [
        ms.get_transaction_hash(STRANGER, U256::ZERO, data.clone(), U256::ZERO),
        ms.get_transaction_hash(TARGET, U256::from(1), data.clone(), U256::ZERO),
        ms.get_transaction_hash(TARGET, U256::ZERO, set_config(2), U256::ZERO),
        ms.get_transaction_hash(TARGET, U256::ZERO, data.clone(), U256::from(1)),
    ] {
        assert_ne!(base, other);
    }
}

#[test]
fn a_failed_call_reverts_everything_and_keeps_the_nonce_and_signatures_usable() {
    let (vm, mut ms, keys) = three_of_five();
    let data = set_config(1);
    let reason = enc(InvalidSignature {
        index: U256::from(42),
    }); // any revert data
    vm.mock_call(TARGET, data.to_vec(), Err(reason.clone()));
    let sigs = sign_all(
        &[&keys[0], &keys[1], &keys[2]],
        digest(&ms, TARGET, U256::ZERO, &data),
    );
    let logs = vm.get_emitted_logs().len();
    let err = in_tx(&vm, || {
        ms.execute_with_signatures(TARGET, U256::ZERO, data.clone(), sigs.clone())
    })
    .unwrap_err();
    assert_eq!(
        Vec::<u8>::from(err),
        enc(CallReverted {
            target: TARGET,
            reason: reason.into()
        }),
        "the call's revert data is surfaced, wrapped with the target"
    );
    assert_eq!(ms.nonce(), U256::ZERO, "the nonce is not consumed");
    assert_eq!(vm.get_emitted_logs().len(), logs);
    // Once the target accepts, the very same signatures execute.
    vm.mock_call(TARGET, data.to_vec(), Ok(vec![]));
    ms.execute_with_signatures(TARGET, U256::ZERO, data, sigs)
        .unwrap();
    assert_eq!(ms.nonce(), U256::from(1));
}

#[test]
fn owners_cancel_pending_signatures_by_using_their_nonce() {
    let (_vm, mut ms, keys) = three_of_five();
    let signers = [&keys[0], &keys[1], &keys[2]];
    let pending = sign_all(&signers, digest(&ms, TARGET, U256::ZERO, &set_config(1)));
    execute_signed(&mut ms, TARGET, U256::ZERO, &set_config(2), &signers).unwrap();
    assert!(matches!(
        ms.execute_with_signatures(TARGET, U256::ZERO, set_config(1), pending),
        Err(MultisigError::SignerNotOwner(_))
    ));
}

#[test]
fn no_call_is_ever_a_delegatecall() {
    let (vm, mut ms, keys) = three_of_five();
    execute_signed(
        &mut ms,
        TARGET,
        U256::ZERO,
        &set_config(1),
        &[&keys[0], &keys[1], &keys[2]],
    )
    .unwrap();
    assert!(vm.calls().iter().all(|c| c.kind != CallKind::Delegate));
    assert!(vm
        .calls()
        .iter()
        .filter(|c| c.to == crate::signature::ECRECOVER)
        .all(|c| c.kind == CallKind::Static && c.data.len() == 128));
}
