//! Property: for random owner sets, thresholds and signer lists (subsets
//! of owners and outsiders, in sorted, reversed or swapped order, with or
//! without a duplicate), a signed execution happens iff the signers are a
//! strictly ascending list of at least the needed number of distinct
//! owners — the emergency threshold when the call is allowlisted.

use super::*;
use alloy_primitives::FixedBytes;
use proptest::prelude::*;

/// Keys `1..=POOL`; owners and signers are drawn from them.
const POOL: u8 = 8;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn execution_happens_iff_signers_are_enough_strictly_ascending_owners(
        owner_mask in 1u16..(1 << POOL),
        signer_mask in 0u16..(1 << POOL),
        outsiders_allowed: bool,
        order in 0u8..3,
        duplicate: bool,
        threshold_seed: u8,
        emergency_seed: u8,
        allowlisted: bool,
    ) {
        let mut pool: Vec<SigningKey> = (1..=POOL).map(key).collect();
        pool.sort_by_key(address_of);
        let owners: Vec<SigningKey> = (0..POOL)
            .filter(|i| owner_mask & (1 << i) != 0)
            .map(|i| pool[usize::from(i)].clone())
            .collect();
        let n = u8::try_from(owners.len()).unwrap();
        let threshold = threshold_seed % n + 1;
        let emergency = emergency_seed % threshold + 1;
        let (vm, mut ms) = deploy(&owners, threshold, emergency);
        let data = set_config(1);
        if allowlisted {
            let full: Vec<&SigningKey> = owners.iter().take(usize::from(threshold)).collect();
            govern(&mut ms, &vm, IMultisig::setEmergencyCallCall {
                target: TARGET,
                selector: FixedBytes::from_slice(&data[..4]),
                allowed: true,
            }, &full);
        }
        let nonce = ms.nonce();

        // Signers: a subset of the pool (of the owners unless outsiders are
        // allowed), sorted, then perhaps disordered or given a duplicate.
        let eligible = if outsiders_allowed { signer_mask } else { signer_mask & owner_mask };
        let mut signers: Vec<&SigningKey> = (0..POOL)
            .filter(|i| eligible & (1 << i) != 0)
            .map(|i| &pool[usize::from(i)])
            .collect();
        match order {
            1 => signers.reverse(),
            2 if signers.len() >= 2 => signers.swap(0, 1),
            _ => {}
        }
        if duplicate && !signers.is_empty() {
            signers.push(signers[signers.len() - 1]);
        }
        let addresses: Vec<Address> = signers.iter().map(|k| address_of(k)).collect();

        let needed = if allowlisted { emergency } else { threshold };
        let expected = addresses.len() >= usize::from(needed)
            && addresses.windows(2).all(|w| w[0] < w[1])
            && addresses.iter().all(|a| ms.is_owner(*a));

        vm.clear_calls();
        let before = vm.snapshot().storage;
        let result = execute_signed(&mut ms, TARGET, U256::ZERO, &data, &signers);
        prop_assert_eq!(result.is_ok(), expected, "signers {:?}, needed {}", addresses, needed);
        prop_assert_eq!(ms.nonce(), nonce + U256::from(u8::from(expected)));
        if !expected {
            prop_assert_eq!(vm.snapshot().storage, before);
        }
        prop_assert_eq!(vm.calls().iter().any(|c| c.to == TARGET), expected);
    }
}
