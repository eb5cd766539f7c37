//! Integer fixed-point math of the checker: price normalization, the EWMA
//! of prices and of squared returns, σ, the deviation band and the margin
//! multiplier.
//!
//! Fractions are `u128` or `u64` with 18 decimals ("fp", `1e18` = 1.0);
//! basis points are `u16`/`u32` (`10_000` = 1.0). Every function is total:
//! no overflow, no division by zero, no panic for any input.
//!
//! 128-bit quotients come from [`div_rem`], a shift-and-subtract loop, not
//! from the `/` operator: on `wasm32` that links the compiler's `__udivti3`
//! (about 1 KB of deployed code for a few divisions per call).

use alloy_primitives::U256;

/// 1.0 in 18-decimal fixed point.
pub const FP_ONE: u128 = 1_000_000_000_000_000_000;
/// Basis points in 1.0.
pub const BPS_ONE: u128 = 10_000;
/// The largest feed `decimals()` the checker accepts.
pub const MAX_FEED_DECIMALS: u8 = 36;
/// Multipliers `k` and `m` are given in hundredths (`300` = 3.00).
const CENTI_ONE: u128 = 100;

/// `10^exp` for `exp ≤ 38` (the largest power of ten in a `u128`);
/// `u128::MAX` above.
pub const fn pow10(exp: u8) -> u128 {
    if exp > 38 {
        return u128::MAX;
    }
    let mut p = 1u128;
    let mut i = 0;
    while i < exp {
        p *= 10;
        i += 1;
    }
    p
}

/// `(n / d, n % d)`, or `(0, n)` for `d = 0` (callers never divide by 0).
///
/// Restoring binary long division over the quotient's bits only: at most
/// 128 rounds of a compare, a subtract and two shifts.
pub fn div_rem(n: u128, d: u128) -> (u128, u128) {
    if d == 0 || n < d {
        return (0, n);
    }
    let shift = d.leading_zeros() - n.leading_zeros();
    let mut divisor = d << shift;
    let (mut quotient, mut rem) = (0u128, n);
    for _ in 0..=shift {
        quotient <<= 1;
        if rem >= divisor {
            rem -= divisor;
            quotient |= 1;
        }
        divisor >>= 1;
    }
    (quotient, rem)
}

/// `n / d` rounded down (see [`div_rem`]).
pub fn div(n: u128, d: u128) -> u128 {
    div_rem(n, d).0
}

/// Normalizes a positive feed answer with `decimals` decimals to 18
/// decimals.
///
/// Exact for `decimals ≤ 18` (scaling up); for `decimals > 18` the result
/// is rounded down, so it is at most 1 wei below the exact value. `None`
/// when the result does not fit in a `u128` (the caller treats it as above
/// any maximum price) or when `decimals` is above 36.
pub fn normalize(answer: U256, decimals: u8) -> Option<u128> {
    if decimals > MAX_FEED_DECIMALS {
        return None;
    }
    if decimals <= 18 {
        return u128::try_from(answer)
            .ok()?
            .checked_mul(pow10(18 - decimals));
    }
    // Long division of the four 64-bit limbs by 10^(d−18) ≤ 1e18 < 2^64:
    // no 256-bit division routine needed. Each partial dividend is below
    // divisor · 2^64, so each quotient digit fits in 64 bits.
    let divisor = pow10(decimals - 18);
    let [l0, l1, l2, l3] = *answer.as_limbs();
    let mut rem = 0u128;
    let mut digit = |limb: u64| {
        let (q, r) = div_rem((rem << 64) | u128::from(limb), divisor);
        rem = r;
        q
    };
    let (q3, q2, q1, q0) = (digit(l3), digit(l2), digit(l1), digit(l0));
    (q3 == 0 && q2 == 0).then_some((q1 << 64) | q0)
}

/// `x · f / 1e18`, rounded down, exact and overflow-free for `f ≤ 1e18`
/// (larger `f` is treated as `1e18`).
pub fn mul_fp(x: u128, f: u128) -> u128 {
    let f = f.min(FP_ONE);
    // (q·1e18 + r)·f / 1e18 = q·f + r·f / 1e18, and q·f ≤ u128::MAX because
    // q ≤ u128::MAX / 1e18 and f ≤ 1e18; r·f < 1e36.
    let (q, r) = div_rem(x, FP_ONE);
    q * f + div(r * f, FP_ONE)
}

/// The integer square root of `x` (rounded down).
///
/// Digit by digit in base 4 (no division): `root` holds the bits found so
/// far, `rem` what is left of `x`.
pub fn isqrt(x: u128) -> u128 {
    // The highest power of 4 not above x (1 for x = 0).
    let mut bit = 1u128 << ((127 - x.leading_zeros().min(127)) & !1);
    let (mut root, mut rem) = (0u128, x);
    while bit != 0 {
        if rem >= root + bit {
            rem -= root + bit;
            root = (root >> 1) + bit;
        } else {
            root >>= 1;
        }
        bit >>= 2;
    }
    root
}

/// `ln 2` in 18-decimal fixed point, rounded down.
const LN2_FP: u128 = 693_147_180_559_945_309;

/// The per-round EWMA weight `α = 1 − 2^(−1/h)` for a half-life of `h`
/// recorded rounds, in 18-decimal fixed point (`h ≥ 1`; `h = 0` is treated
/// as 1).
///
/// Computed once, when a market is configured, as `1 − e^(−x)` with `x =
/// ln 2 / h ≤ ln 2` from its alternating series `x − x²/2! + x³/3! − …`,
/// summed until a term rounds to 0 (at most ~20 terms). Every term is
/// rounded down once or twice, so `α` is within a few dozen units of 1e-18
/// of the exact value (the tests check ≤ 64).
pub fn alpha_from_half_life(half_life: u16) -> u64 {
    let x = div(LN2_FP, u128::from(half_life.max(1)));
    let (mut added, mut subtracted) = (0u128, 0u128);
    let (mut term, mut k) = (x, 1u128);
    while term != 0 {
        if k & 1 == 1 {
            added += term;
        } else {
            subtracted += term;
        }
        k += 1;
        term = div(mul_fp(term, x), k);
    }
    // The partial sums of an alternating series with falling terms never
    // go below its first term minus its second: no underflow.
    u64::try_from(added - subtracted).unwrap_or(u64::MAX)
}

/// The EWMA state of a market's accepted prices.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ewma {
    /// EWMA of accepted prices (18 decimals); meaningful once `samples ≥ 1`.
    pub mean: u128,
    /// EWMA of squared simple returns, 18-decimal fixed point, ≤ 1e18.
    pub variance: u64,
    /// Accepted rounds folded in (saturating at 255).
    pub samples: u8,
    /// The last accepted price (18 decimals).
    pub last_price: u128,
}

impl Ewma {
    /// A state seeded at `price` (one sample, no return yet).
    pub fn seeded(price: u128) -> Ewma {
        Ewma {
            mean: price,
            variance: 0,
            samples: 1,
            last_price: price,
        }
    }

    /// Folds an accepted `price` in with weight `alpha` (18-decimal fp).
    ///
    /// The return is the simple return against the last accepted price,
    /// `|p − last| / last`, capped at 100 % (so `r² ≤ 1e18` and the
    /// variance stays in a `u64`). The first return seeds the variance
    /// (`σ² = r²`); later ones move it by `α·(r² − σ²)`. The mean moves by
    /// `α·(p − mean)`. An unseeded state (or one with a zero last price) is
    /// seeded instead.
    #[must_use]
    pub fn folded(self, price: u128, alpha: u64) -> Ewma {
        if self.samples == 0 || self.last_price == 0 {
            return Ewma::seeded(price);
        }
        let alpha = u128::from(alpha);
        let squared = {
            let r = simple_return(price, self.last_price);
            mul_fp(r, r)
        };
        let variance = if self.samples == 1 {
            squared
        } else {
            toward(u128::from(self.variance), squared, alpha)
        };
        Ewma {
            mean: toward(self.mean, price, alpha),
            variance: u64::try_from(variance.min(FP_ONE)).unwrap_or(u64::MAX),
            samples: self.samples.saturating_add(1),
            last_price: price,
        }
    }

    /// Whether σ is known: at least one return was folded in.
    pub fn sigma_known(&self) -> bool {
        self.samples >= 2
    }

    /// σ, the EWMA standard deviation of returns, in 18-decimal fixed
    /// point (0 until known; at most 1e18).
    pub fn sigma(&self) -> u128 {
        if self.sigma_known() {
            isqrt(u128::from(self.variance) * FP_ONE)
        } else {
            0
        }
    }
}

/// `|p − last| / last` in fixed point, capped at 1e18 (`last > 0`).
///
/// When `last` needs more than 64 bits both operands are shifted right by
/// the same amount first, so `diff · 1e18` fits in a `u128`; the result is
/// then off by at most a few units of 1e-18 (relative error below 2^-62).
fn simple_return(price: u128, last: u128) -> u128 {
    let diff = price.abs_diff(last);
    if diff >= last {
        return FP_ONE;
    }
    let shift = (128 - last.leading_zeros()).saturating_sub(64);
    let (diff, last) = (diff >> shift, last >> shift);
    // diff < last < 2^64 and 1e18 < 2^60: the product is below 2^124.
    div(diff * FP_ONE, last)
}

/// `from + α·(to − from)`, rounded toward `from`, always between the two.
fn toward(from: u128, to: u128, alpha: u128) -> u128 {
    if to >= from {
        from + mul_fp(to - from, alpha)
    } else {
        from - mul_fp(from - to, alpha)
    }
}

/// `multiplier·σ` in basis points, for a multiplier in hundredths.
fn scaled_sigma_bps(multiplier_centi: u16, sigma: u128) -> u128 {
    // σ ≤ 1e18 and the multiplier ≤ 65_535, so the product fits easily;
    // ·BPS_ONE/CENTI_ONE/FP_ONE is one division by 1e16.
    div(
        u128::from(multiplier_centi) * sigma.min(FP_ONE),
        CENTI_ONE * FP_ONE / BPS_ONE,
    )
}

/// The deviation band in basis points: `clamp(base + k·σ, base, cap)`,
/// `k` in hundredths. Always within `[base, max(base, cap)]`.
pub fn band_bps(base: u16, cap: u16, k_centi: u16, sigma: u128) -> u16 {
    let wide = u128::from(base) + scaled_sigma_bps(k_centi, sigma);
    let capped = wide.min(u128::from(cap.max(base)));
    u16::try_from(capped).unwrap_or(u16::MAX)
}

/// Tightens `band` by a TVL tier factor (basis points, ≤ 10_000): the
/// result is `band · factor / 10_000`, at least 1 bps and never above
/// `band`.
pub fn tightened(band: u16, factor_bps: u16) -> u16 {
    let t = u32::from(band) * u32::from(factor_bps.min(10_000)) / 10_000;
    u16::try_from(t.max(1)).unwrap_or(band).min(band.max(1))
}

/// The margin multiplier in basis points: `clamp(10_000 + m·σ, 10_000,
/// cap)`, `m` in hundredths; 10_000 while σ is unknown (`sigma = None`).
pub fn margin_bps(m_centi: u16, cap: u16, sigma: Option<u128>) -> u16 {
    const ONE: u16 = 10_000;
    let Some(sigma) = sigma else {
        return ONE;
    };
    let raw = u128::from(ONE) + scaled_sigma_bps(m_centi, sigma);
    let capped = raw.min(u128::from(cap.max(ONE)));
    u16::try_from(capped).unwrap_or(ONE)
}

/// The 256-bit product `x · m` as `(high, low)` 128-bit halves (`m < 2^64`).
fn mul_wide(x: u128, m: u64) -> (u128, u128) {
    let m = u128::from(m);
    let high_part = (x >> 64) * m; // < 2^128
    let low_part = (x & u128::from(u64::MAX)) * m; // < 2^128
    let (low, carry) = (high_part << 64).overflowing_add(low_part);
    ((high_part >> 64) + u128::from(carry), low)
}

/// Whether a TVL of `tvl` raw assets reaches a tier threshold of
/// `threshold` units of `10^exponent` raw assets (`exponent ≤ 36`):
/// `tvl ≥ threshold · 10^exponent`, compared exactly in 256 bits.
pub fn reaches(tvl: U256, threshold: u64, exponent: u8) -> bool {
    let [l0, l1, l2, l3] = *tvl.as_limbs();
    let tvl = (
        (u128::from(l3) << 64) | u128::from(l2),
        (u128::from(l1) << 64) | u128::from(l0),
    );
    tvl >= mul_wide(pow10(exponent), threshold)
}

/// Whether `price` lies outside `band` basis points around `reference`:
/// `|price − reference| · 10_000 > band · reference`, compared exactly in
/// 256 bits.
pub fn outside_band(price: u128, reference: u128, band: u16) -> bool {
    let deviation = mul_wide(price.abs_diff(reference), 10_000);
    deviation > mul_wide(reference, u64::from(band))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The exact normalization in 512-bit-free arithmetic: compare through
    /// `U256` products only (no division) to check the rounding bound.
    fn check_normalized(answer: U256, decimals: u8, got: Option<u128>) {
        if decimals <= 18 {
            let exact = answer.checked_mul(U256::from(pow10(18 - decimals)));
            let expected = exact.and_then(|e| u128::try_from(e).ok());
            assert_eq!(got, expected, "decimals {decimals}");
        } else {
            let unit = U256::from(pow10(decimals - 18));
            match got {
                // got·unit ≤ answer < (got + 1)·unit: less than 1 wei lost.
                Some(p) => {
                    let p = U256::from(p);
                    assert!(p * unit <= answer, "rounded up");
                    assert!(answer < (p + U256::from(1)) * unit, "lost more than 1 wei");
                }
                None => assert!(answer >= (U256::from(u128::MAX) + U256::from(1)) * unit),
            }
        }
    }

    #[test]
    fn normalization_is_exact_or_one_wei_low_for_every_decimals_value_at_the_extremes() {
        let extremes = [
            U256::from(1u8),
            U256::from(u64::MAX),
            U256::from(u128::MAX),
            U256::from(u128::MAX) + U256::from(1u8),
            (U256::from(1u8) << 255) - U256::from(1u8), // int256 max
        ];
        for decimals in 0..=MAX_FEED_DECIMALS {
            for answer in extremes {
                check_normalized(answer, decimals, normalize(answer, decimals));
            }
        }
        assert_eq!(normalize(U256::from(1u8), 37), None);
        assert_eq!(normalize(U256::from(2_000u64), 0), Some(2_000 * FP_ONE));
        assert_eq!(
            normalize(U256::from(2_000u64) * U256::from(pow10(36)), 36),
            Some(2_000 * FP_ONE)
        );
    }

    /// `1 − 2^(−1/h) = −expm1(−ln 2 / h)` in `f64`: no cancellation, good
    /// to a few units in the 16th significant digit.
    fn alpha_reference(h: u16) -> f64 {
        -(-core::f64::consts::LN_2 / f64::from(h)).exp_m1()
    }

    #[test]
    fn alpha_matches_the_half_life() {
        // h = 1: α = ½; h = 2: 1 − 1/√2 = 0.292893218813452475…
        assert!(alpha_from_half_life(1).abs_diff(500_000_000_000_000_000) <= 64);
        assert!(alpha_from_half_life(2).abs_diff(292_893_218_813_452_475) <= 64);
        assert_eq!(alpha_from_half_life(0), alpha_from_half_life(1));
        // Every h against f64, in units of 1e-18: within 64 units plus
        // f64's own rounding (1e-15 relative covers it generously).
        for h in 1..=crate::MAX_HALF_LIFE {
            #[allow(clippy::cast_precision_loss)] // α < 2^60: exact enough
            let got = alpha_from_half_life(h) as f64;
            let want = alpha_reference(h) * 1e18;
            assert!(
                (got - want).abs() <= 64.0 + want * 1e-15,
                "h {h}: {got} vs {want}"
            );
        }
    }

    #[test]
    fn isqrt_is_the_floor_square_root() {
        for x in [
            0u128,
            1,
            2,
            3,
            4,
            15,
            16,
            17,
            1 << 64,
            (1 << 64) - 1,
            u128::MAX,
        ] {
            assert_is_floor_sqrt(x, isqrt(x));
        }
    }

    fn assert_is_floor_sqrt(x: u128, r: u128) {
        assert!(r * r <= x, "{r}² > {x}");
        assert!(
            (r + 1).checked_mul(r + 1).is_none_or(|s| s > x),
            "{r} too small for {x}"
        );
    }

    #[test]
    fn div_rem_handles_the_edges() {
        assert_eq!(div_rem(0, 7), (0, 0));
        assert_eq!(div_rem(6, 7), (0, 6));
        assert_eq!(div_rem(7, 7), (1, 0));
        assert_eq!(div_rem(u128::MAX, 1), (u128::MAX, 0));
        assert_eq!(div_rem(u128::MAX, u128::MAX), (1, 0));
        assert_eq!(div_rem(u128::MAX, 2), (u128::MAX >> 1, 1));
        assert_eq!(div_rem(5, 0), (0, 5));
    }

    proptest! {
        #[test]
        fn div_rem_agrees_with_the_operators(n in any::<u128>(), d in 1u128..=u128::MAX, shift in 0u32..128) {
            // Small divisors too: shifting spreads them over every bit length.
            for d in [d, (d >> shift).max(1)] {
                prop_assert_eq!(div_rem(n, d), (n / d, n % d));
            }
        }

        #[test]
        fn isqrt_is_the_floor_square_root_everywhere(x in any::<u128>(), shift in 0u32..128) {
            assert_is_floor_sqrt(x >> shift, isqrt(x >> shift));
        }

        #[test]
        fn normalization_is_exact_or_one_wei_low(raw in any::<[u64; 4]>(), decimals in 0u8..=36) {
            let answer = U256::from_limbs(raw) >> 1; // a positive int256
            check_normalized(answer, decimals, normalize(answer, decimals));
        }

        #[test]
        fn ewma_and_sigma_never_overflow_and_stay_in_range(
            prices in proptest::collection::vec(1u128..=u128::MAX, 1..40),
            half_life in 1u16..=10_000,
        ) {
            let alpha = alpha_from_half_life(half_life);
            let mut e = Ewma::default();
            let (mut lo, mut hi) = (u128::MAX, 0u128);
            for p in prices {
                e = e.folded(p, alpha);
                lo = lo.min(p);
                hi = hi.max(p);
                prop_assert!(e.mean >= lo && e.mean <= hi, "mean outside the seen prices");
                prop_assert!(u128::from(e.variance) <= FP_ONE);
                prop_assert!(e.sigma() <= FP_ONE);
            }
        }

        #[test]
        fn mul_fp_is_exact_floor(x in any::<u128>(), f in 0u128..=FP_ONE) {
            let exact = U256::from(x) * U256::from(f) / U256::from(FP_ONE);
            prop_assert_eq!(U256::from(mul_fp(x, f)), exact);
        }

        #[test]
        fn the_band_stays_within_base_and_cap(base in 1u16..=5_000, extra in 0u16..=5_000, k in any::<u16>(), sigma in 0u128..=FP_ONE, factor in 1u16..=10_000) {
            let cap = base.saturating_add(extra).min(5_000).max(base);
            let band = band_bps(base, cap, k, sigma);
            prop_assert!(band >= base && band <= cap);
            let t = tightened(band, factor);
            prop_assert!(t >= 1 && t <= band);
        }

        #[test]
        fn the_margin_multiplier_stays_within_one_and_cap(m in any::<u16>(), cap in 10_000u16..=60_000, sigma in 0u128..=FP_ONE) {
            let bps = margin_bps(m, cap, Some(sigma));
            prop_assert!((10_000..=cap).contains(&bps));
            prop_assert_eq!(margin_bps(m, cap, None), 10_000);
        }

        #[test]
        fn reaches_agrees_with_u256(raw in any::<[u64; 4]>(), shift in 0usize..256, threshold in any::<u64>(), exponent in 0u8..=36) {
            let tvl = U256::from_limbs(raw) >> shift;
            let product = U256::from(threshold) * U256::from(pow10(exponent));
            prop_assert_eq!(reaches(tvl, threshold, exponent), tvl >= product);
            prop_assert!(reaches(product, threshold, exponent));
        }

        #[test]
        fn outside_band_agrees_with_u256(price in any::<u128>(), reference in any::<u128>(), band in any::<u16>()) {
            let lhs = U256::from(price.abs_diff(reference)) * U256::from(10_000u32);
            let rhs = U256::from(band) * U256::from(reference);
            prop_assert_eq!(outside_band(price, reference, band), lhs > rhs);
        }

        #[test]
        fn simple_return_is_within_a_few_units_of_exact(price in 1u128..=u128::MAX, last in 1u128..=u128::MAX) {
            let got = simple_return(price, last);
            let diff = price.abs_diff(last);
            let exact = if diff >= last { FP_ONE } else {
                u128::try_from(U256::from(diff) * U256::from(FP_ONE) / U256::from(last)).unwrap()
            };
            prop_assert!(got.abs_diff(exact) <= 4, "{got} vs {exact}");
        }
    }
}
