// The binomial distribution: exact draws by inversion and its distribution function.
import RealModule

enum _Binomial {
  /// The log of the binomial probability `P(D = k)` for `D ~ Binomial(n, p)`, `0 < p < 1`.
  static func logProbability(_ k: Int, _ n: Int, _ p: Double) -> Double {
    Double.logGamma(Double(n + 1)) - Double.logGamma(Double(k + 1))
      - Double.logGamma(Double(n - k + 1))
      + Double(k) * Double.log(p) + Double(n - k) * Double.log(onePlus: -p)
  }

  /// A draw of `Binomial(n, p)` from one uniform `u` in (0, 1), by inversion searched outward
  /// from the mode: `P(m)`, then `m+1`, `m−1`, `m+2`, … until the cumulated probability passes
  /// `u` (each step by the ratio `P(k+1)/P(k) = (n−k)/(k+1) · p/(1−p)`). The order of the search
  /// is a fixed permutation of `0…n`, so the draw has exactly the binomial distribution; the
  /// expected number of steps is about 1.6 standard deviations.
  static func sample(_ n: Int, _ p: Double, _ u: Double) -> Int {
    if p <= 0 || n == 0 { return 0 }
    if p >= 1 { return n }
    let mode = min(n, Int((Double(n + 1) * p).rounded(.down)))
    let start = Double.exp(logProbability(mode, n, p))
    var cumulated = start
    if u < cumulated { return mode }
    let odds = p / (1 - p)
    var up = mode
    var down = mode
    var pUp = start
    var pDown = start
    while true {
      if up < n && pUp > 0 {
        pUp *= Double(n - up) / Double(up + 1) * odds
        up += 1
        cumulated += pUp
        if u < cumulated { return up }
      }
      if down > 0 && pDown > 0 {
        pDown *= Double(down) / (Double(n - down + 1) * odds)
        down -= 1
        cumulated += pDown
        if u < cumulated { return down }
      }
      // Rounding can leave the cumulated sum a hair below u: every term is spent.
      if (up == n || pUp == 0) && (down == 0 || pDown == 0) { return mode }
    }
  }

  /// `P(D ≤ k)` for `D ~ Binomial(n, p)`: the regularized incomplete beta `I_{1−p}(n − k, k + 1)`.
  static func cdf(_ k: Int, _ n: Int, _ p: Double) -> Double {
    if k < 0 { return 0 }
    if k >= n || p <= 0 { return 1 }
    if p >= 1 { return 0 }
    return regularizedBeta(1 - p, Double(n - k), Double(k + 1))
  }

  /// `I_x(a, b)` by Lentz's continued fraction on the side where it converges fast.
  static func regularizedBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    let front = Double.exp(
      Double.logGamma(a + b) - Double.logGamma(a) - Double.logGamma(b) + a * Double.log(x)
        + b * Double.log(onePlus: -x))
    if x < (a + 1) / (a + b + 2) {
      return front * continuedFraction(x, a, b) / a
    }
    return 1 - front * continuedFraction(1 - x, b, a) / b
  }

  static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
    let tiny = 1e-300
    var c = 1.0
    var d = 1 - (a + b) * x / (a + 1)
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    for m in 1...100_000 {
      let mm = Double(m)
      let m2 = 2 * mm
      var aa = mm * (b - mm) * x / ((a + m2 - 1) * (a + m2))
      d = 1 + aa * d
      if abs(d) < tiny { d = tiny }
      c = 1 + aa / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      h *= d * c
      aa = -(a + mm) * (a + b + mm) * x / ((a + m2) * (a + m2 + 1))
      d = 1 + aa * d
      if abs(d) < tiny { d = tiny }
      c = 1 + aa / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) < 1e-16 { break }
    }
    return h
  }
}
