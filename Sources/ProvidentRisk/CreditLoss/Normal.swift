// The standard normal distribution: density, CDF, its inverse and the bivariate CDF.
import RealModule

/// The standard normal distribution `N(0, 1)` (docs/risk-models.md §2's `N`, `G = N⁻¹` and `Φ₂`).
public enum Normal {
  /// The density `φ(x) = exp(−x²/2) / √(2π)`.
  @inlinable
  public static func density(_ x: Double) -> Double {
    Double.exp(-0.5 * x * x) * 0.398_942_280_401_432_677_94
  }

  /// The distribution function (spreadsheet `NORM.S.DIST(x, TRUE)`).
  ///
  /// ```
  ///   N(x) = ½ · erfc(−x / √2)
  /// ```
  /// Through `erfc`, so the lower tail keeps full relative precision (`N(−30) ≈ 4.9e-198`, not 0).
  /// Special cases: `N(−∞) = 0`, `N(+∞) = 1`, NaN → NaN.
  ///
  /// - Complexity: O(1).
  @inlinable
  public static func cdf(_ x: Double) -> Double {
    0.5 * Double.erfc(-x * 0.707_106_781_186_547_524_40)
  }

  /// The quantile function `G = N⁻¹` (spreadsheet `NORM.S.INV`).
  ///
  /// Wichura's algorithm AS 241 (`PPND16`): rational approximations in three regions,
  /// ```
  ///   |p − ½| ≤ 0.425:  q · A(r) / B(r),         r = 0.180625 − q²,  q = p − ½
  ///   otherwise:        ± C(s − 1.6) / D(s − 1.6) for s = √(−log min(p, 1−p)) ≤ 5,
  ///                     ± E(s − 5) / F(s − 5) beyond
  /// ```
  /// with degree-7 polynomials. Relative accuracy about 1e-16; the tests hold `N(G(p)) = p`
  /// to 1e-14 relative from `p = 1e-300` to `1 − 1e-16`.
  /// Special cases: `G(0) = −∞`, `G(1) = +∞`, `p` outside [0, 1] or NaN → NaN.
  ///
  /// - Complexity: O(1).
  ///
  /// ## Reference
  /// M. J. Wichura, "Algorithm AS 241: The percentage points of the normal distribution",
  /// Applied Statistics 37(3), 1988, 477–484.
  public static func quantile(_ p: Double) -> Double {
    guard p > 0 && p < 1 else {
      if p == 0 { return -.infinity }
      if p == 1 { return .infinity }
      return .nan
    }
    let q = p - 0.5
    if abs(q) <= 0.425 {
      let r = 0.180625 - q * q
      return q * polynomial(_A, r) / polynomial(_B, r)
    }
    let tail = q < 0 ? p : 1 - p
    var s = (-Double.log(tail)).squareRoot()
    let x: Double
    if s <= 5 {
      s -= 1.6
      x = polynomial(_C, s) / polynomial(_D, s)
    } else {
      s -= 5
      x = polynomial(_E, s) / polynomial(_F, s)
    }
    return q < 0 ? -x : x
  }

  /// The bivariate normal distribution function `Φ₂(x, y; ρ) = P(X ≤ x, Y ≤ y)` for standard
  /// normals with correlation `ρ`.
  ///
  /// Drezner and Wesolowsky's method as refined by Genz (`BVND`): Gauss–Legendre quadrature of
  /// Plackett's identity in `asin ρ` for `|ρ| < 0.925` (6, 12 or 20 points as `|ρ|` grows), and
  /// of an expansion around `|ρ| = 1` beyond. Absolute accuracy about 1e-15.
  /// Special cases: `ρ = 0` → `N(x)·N(y)`; infinite limits reduce to `N`.
  ///
  /// - Parameter correlation: in [−1, 1].
  /// - Complexity: O(1) (at most 20 exponentials).
  ///
  /// ## Reference
  /// A. Genz, "Numerical computation of rectangular bivariate and trivariate normal and t
  /// probabilities", Statistics and Computing 14, 2004, 251–260.
  public static func bivariateCDF(_ x: Double, _ y: Double, correlation r: Double) -> Double {
    _upperBivariate(-x, -y, r)
  }

  /// `P(X > h, Y > k)` with correlation `r` (Genz's `BVNU`).
  static func _upperBivariate(_ h0: Double, _ k0: Double, _ r: Double) -> Double {
    if h0 == .infinity || k0 == .infinity { return 0 }
    if h0 == -.infinity { return k0 == -.infinity ? 1 : cdf(-k0) }
    if k0 == -.infinity { return cdf(-h0) }
    if r == 0 { return cdf(-h0) * cdf(-k0) }
    let twoPi = 2 * Double.pi
    var h = h0
    var k = k0
    var hk = h * k
    let rule = abs(r) < 0.3 ? _legendre6 : abs(r) < 0.75 ? _legendre12 : _legendre20
    var bvn = 0.0
    if abs(r) < 0.925 {
      let hs = (h * h + k * k) / 2
      let asr = Double.asin(r) / 2
      for (node, weight) in rule {
        for x in [1 - node, 1 + node] {
          let sn = Double.sin(asr * x)
          bvn += weight * Double.exp((sn * hk - hs) / (1 - sn * sn))
        }
      }
      bvn = bvn * asr / twoPi + cdf(-h) * cdf(-k)
    } else {
      if r < 0 {
        k = -k
        hk = -hk
      }
      if abs(r) < 1 {
        let aSquared = (1 - r) * (1 + r)
        var a = aSquared.squareRoot()
        let bs = (h - k) * (h - k)
        let c = (4 - hk) / 8
        let d = (12 - hk) / 80
        var asr = -(bs / aSquared + hk) / 2
        if asr > -100 {
          bvn =
            a * Double.exp(asr)
            * (1 - c * (bs - aSquared) * (1 - d * bs) / 3 + c * d * aSquared * aSquared)
        }
        if hk > -100 {
          let b = bs.squareRoot()
          let sp = twoPi.squareRoot() * cdf(-b / a)
          bvn -= Double.exp(-hk / 2) * sp * b * (1 - c * bs * (1 - d * bs) / 3)
        }
        a /= 2
        var sum = 0.0
        for (node, weight) in rule {
          for x in [1 - node, 1 + node] {
            let xs = (a * x) * (a * x)
            asr = -(bs / xs + hk) / 2
            guard asr > -100 else { continue }
            let sp = 1 + c * xs * (1 + 5 * d * xs)
            let rs = (1 - xs).squareRoot()
            let ep = Double.exp(-(hk / 2) * xs / ((1 + rs) * (1 + rs))) / rs
            sum += weight * Double.exp(asr) * (sp - ep)
          }
        }
        bvn = (a * sum - bvn) / twoPi
      }
      if r > 0 {
        bvn += cdf(-max(h, k))
      } else if h >= k {
        bvn = -bvn
      } else {
        let l = h < 0 ? cdf(k) - cdf(h) : cdf(-h) - cdf(-k)
        bvn = l - bvn
      }
    }
    return min(1, max(0, bvn))
  }

  @inline(__always)
  static func polynomial(_ c: [Double], _ x: Double) -> Double {
    var s = c[c.count - 1]
    for i in stride(from: c.count - 2, through: 0, by: -1) { s = s * x + c[i] }
    return s
  }

  /// The positive half of the `n`-point Gauss–Legendre rule on [−1, 1] (nodes, weights), by
  /// Newton's method on the Legendre polynomial `Pₙ`.
  static func gaussLegendreHalf(_ n: Int) -> [(node: Double, weight: Double)] {
    var rule: [(Double, Double)] = []
    for i in 1...(n / 2) {
      var x = Double.cos(Double.pi * (Double(i) - 0.25) / (Double(n) + 0.5))
      var derivative = 0.0
      for _ in 0..<100 {
        var p0 = 1.0
        var p1 = x
        for j in 2...n {
          let p2 = (Double(2 * j - 1) * x * p1 - Double(j - 1) * p0) / Double(j)
          p0 = p1
          p1 = p2
        }
        derivative = Double(n) * (x * p1 - p0) / (x * x - 1)
        let step = p1 / derivative
        x -= step
        if abs(step) < 1e-16 { break }
      }
      rule.append((x, 2 / ((1 - x * x) * derivative * derivative)))
    }
    return rule
  }

  static let _legendre6 = gaussLegendreHalf(6)
  static let _legendre12 = gaussLegendreHalf(12)
  static let _legendre20 = gaussLegendreHalf(20)

  // AS 241 coefficients, lowest degree first.
  static let _A = [
    3.387_132_872_796_366_608_0, 1.331_416_678_917_843_774_5e2, 1.971_590_950_306_551_442_7e3,
    1.373_169_376_550_946_112_5e4, 4.592_195_393_154_987_145_7e4, 6.726_577_092_700_870_085_3e4,
    3.343_057_558_358_812_810_5e4, 2.509_080_928_730_122_672_7e3,
  ]
  static let _B = [
    1.0, 4.231_333_070_160_091_125_2e1, 6.871_870_074_920_579_083_0e2,
    5.394_196_021_424_751_107_7e3, 2.121_379_430_158_659_586_7e4, 3.930_789_580_009_271_061_0e4,
    2.872_908_573_572_194_267_4e4, 5.226_495_278_852_854_561_0e3,
  ]
  static let _C = [
    1.423_437_110_749_683_577_34, 4.630_337_846_156_545_295_90, 5.769_497_221_460_691_405_50,
    3.647_848_324_763_204_605_04, 1.270_458_252_452_368_382_58, 2.417_807_251_774_506_117_70e-1,
    2.272_384_498_926_918_458_33e-2, 7.745_450_142_783_414_076_40e-4,
  ]
  static let _D = [
    1.0, 2.053_191_626_637_758_821_87, 1.676_384_830_183_803_849_40,
    6.897_673_349_851_000_045_50e-1, 1.481_039_764_274_800_745_90e-1,
    1.519_866_656_361_645_719_66e-2, 5.475_938_084_995_344_946_00e-4,
    1.050_750_071_644_416_843_24e-9,
  ]
  static let _E = [
    6.657_904_643_501_103_777_20, 5.463_784_911_164_114_369_90, 1.784_826_539_917_291_335_80,
    2.965_605_718_285_048_912_30e-1, 2.653_218_952_657_612_309_30e-2,
    1.242_660_947_388_078_438_60e-3, 2.711_555_568_743_487_578_15e-5,
    2.010_334_399_292_288_132_65e-7,
  ]
  static let _F = [
    1.0, 5.998_322_065_558_879_376_90e-1, 1.369_298_809_227_358_053_10e-1,
    1.487_536_129_085_061_485_25e-2, 7.868_691_311_456_132_591_00e-4,
    1.846_318_317_510_054_681_80e-5, 1.421_511_758_316_445_888_70e-7,
    2.044_263_103_389_939_785_64e-15,
  ]
}
