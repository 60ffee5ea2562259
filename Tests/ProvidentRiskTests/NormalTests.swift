// The normal distribution functions the risk models stand on.
import ProvidentPortfolio
import ProvidentRisk
import Testing

@Suite("Normal distribution")
struct NormalTests {
  /// Composite Simpson's rule on [a, b] with `n` (even) intervals.
  static func simpson(_ a: Double, _ b: Double, _ n: Int, _ f: (Double) -> Double) -> Double {
    let h = (b - a) / Double(n)
    var s = f(a) + f(b)
    for i in 1..<n { s += (i % 2 == 1 ? 4 : 2) * f(a + Double(i) * h) }
    return s * h / 3
  }

  /// `G(p)` solves `N(x) = p` to 2e-15 relative in x (the residual `N(x) − p` divided by the
  /// slope `φ(x)` is the error in x), from `p = 1e-300` to the far upper tail, which is tested by
  /// symmetry on `1 − p` (what the argument can represent).
  @Test func quantileInvertsTheCDF() {
    var p = 1e-300
    while p < 0.5 {
      let x = Normal.quantile(p)
      let error = abs(Normal.cdf(x) - p) / Normal.density(x) / max(abs(x), 1)
      #expect(error <= 2e-15, "p = \(p): relative error \(error)")
      // The upper tail by symmetry: G(1 − p) = −G(p) where 1 − p is exact.
      if p > 1e-16 {
        let upper = 1 - p
        #expect(abs(Normal.quantile(upper) + Normal.quantile(1 - upper)) <= 1e-14 * abs(x))
      }
      p *= 1.37
    }
    for p in stride(from: 0.075, through: 0.925, by: 0.0125) {
      #expect(abs(Normal.cdf(Normal.quantile(p)) - p) <= 2e-16 * 4)
    }
  }

  /// docs/risk-models.md §3.2's Z row `−2.326347874` is `G(0.01)` (printed to 9 decimals).
  @Test func riskVector() {
    #expect(abs(Normal.quantile(0.01) - -2.326347874) < 5e-10)
    #expect(Normal.quantile(0.5) == 0)
    #expect(Normal.quantile(0) == -.infinity)
    #expect(Normal.quantile(1) == .infinity)
    #expect(Normal.quantile(1.5).isNaN)
    #expect(Normal.cdf(-37) > 1e-300)  // the tail keeps its precision through erfc
  }

  /// Φ₂ against an independent quadrature, `∫_{−∞}^{x} φ(u)·N((y − ρu)/√(1−ρ²)) du`, in every
  /// regime of the algorithm (|ρ| < 0.3, < 0.75, < 0.925 and beyond), to 1e-12.
  @Test(arguments: [-0.99, -0.95, -0.8, -0.5, -0.2, 0.1, 0.387, 0.6, 0.9, 0.93, 0.97, 0.999])
  func bivariateAgainstQuadrature(_ rho: Double) {
    for (x, y) in [(-2.0, -1.5), (0.3, -0.7), (1.2, 2.1), (-3.1, 0.4), (0.0, 0.0), (2.5, -2.5)] {
      let s = (1 - rho * rho).squareRoot()
      let reference = Self.simpson(-12, x, 24_000) { u in
        Normal.density(u) * Normal.cdf((y - rho * u) / s)
      }
      let value = Normal.bivariateCDF(x, y, correlation: rho)
      #expect(abs(value - reference) < 1e-12, "x \(x) y \(y) rho \(rho): \(value) vs \(reference)")
    }
  }

  @Test func bivariateLimits() {
    #expect(
      abs(Normal.bivariateCDF(0.4, -1.1, correlation: 0) - Normal.cdf(0.4) * Normal.cdf(-1.1))
        < 1e-16)
    #expect(abs(Normal.bivariateCDF(0.4, .infinity, correlation: 0.5) - Normal.cdf(0.4)) < 1e-16)
    #expect(Normal.bivariateCDF(-.infinity, 1, correlation: 0.5) == 0)
    // Φ₂(x, y; ρ) + Φ₂(x, −y; −ρ) = N(x).
    for rho in [-0.96, -0.4, 0.2, 0.8, 0.95] {
      let sum =
        Normal.bivariateCDF(0.7, 0.2, correlation: rho)
        + Normal.bivariateCDF(0.7, -0.2, correlation: -rho)
      #expect(abs(sum - Normal.cdf(0.7)) < 1e-14)
    }
  }
}
