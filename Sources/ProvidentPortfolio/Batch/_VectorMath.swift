// log1p and expm1 on eight lanes at once, for the monthly rates and terms of loans.
//
// libm's log1p and expm1 are scalar (≈10–20 ns a call): the level installment of a million loans
// would spend most of its time there. These versions use the loans' narrow domain to stay short:
// monthly rates 0 ≤ r ≤ 0.1 and exponents −60 ≤ x ≤ 0. Relative error ≈ 2e-16 (tests compare them
// with libm at 1e-14).

/// `log(1 + r)` for `0 ≤ r ≤ 0.1`:
/// ```
///   log1p(r) = 2·atanh(z) = 2·(z + z³/3 + z⁵/5 + …),     z = r / (2 + r) ≤ 0.0477
/// ```
/// eight terms leave a truncation error below 1e-20 relative.
@inline(__always)
func _log1p(_ r: SIMD8<Double>) -> SIMD8<Double> {
  let z = r / (2 + r)
  let z2 = z * z
  var s = SIMD8<Double>(repeating: 1.0 / 15)
  s = s * z2 + 1.0 / 13
  s = s * z2 + 1.0 / 11
  s = s * z2 + 1.0 / 9
  s = s * z2 + 1.0 / 7
  s = s * z2 + 1.0 / 5
  s = s * z2 + 1.0 / 3
  s = s * z2 + 1
  return 2 * z * s
}

/// `exp(x) − 1` for `−60 ≤ x ≤ 0`: `x = k·ln 2 + f` with `|f| ≤ ln 2 / 2`, then
/// ```
///   expm1(x) = 2^k · expm1(f) + (2^k − 1),     expm1(f) = f·(1 + f/2·(1 + f/3·(1 + …)))
/// ```
/// thirteen terms leave a truncation error below 1e-17; for `k = 0` no cancellation occurs.
@inline(__always)
func _expm1(_ x: SIMD8<Double>) -> SIMD8<Double> {
  let ln2Hi = 6.931_471_803_691_238_164_90e-01
  let ln2Lo = 1.908_214_929_270_587_700_02e-10
  let k = (x * 1.442_695_040_888_963_387_00).rounded(.toNearestOrEven)
  let f = (x - k * ln2Hi) - k * ln2Lo
  var p = SIMD8<Double>(repeating: 1)
  var i = 13.0
  while i >= 2 {
    p = 1 + f * (1 / i) * p
    i -= 1
  }
  p = f * p
  // 2^k: k + 1023 lands in the low bits of the significand of k + 2^52 + 1023; shifting it into
  // the exponent field builds the power of two without a (slow, lane-by-lane) integer conversion.
  let biased = unsafeBitCast(k + (0x1.0p52 + 1023), to: SIMD8<UInt64>.self)
  let scale = unsafeBitCast(biased &<< 52, to: SIMD8<Double>.self)
  return scale * p + (scale - 1)
}
