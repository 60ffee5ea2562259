// Factors, Cholesky, correlated draws and links: docs/risk-models.md §3.2's vectors and §3.4's invariants.
import ProvidentPortfolio
import ProvidentRisk
import Testing

@Suite("Macro factors and links")
struct MacroFactorTests {
  /// docs/risk-models.md §3.2's factors (ILLUSTRATIVE parameters there): ΔHPI %, ΔU pp, Δinc %, ΔLPR bp.
  static let factors = try! MacroFactors(
    factors: [
      MacroFactor(name: "hpi", mean: 0, volatility: 8),
      MacroFactor(name: "unemployment", mean: 0, volatility: 1),
      MacroFactor(name: "income", mean: 5, volatility: 3),
      MacroFactor(name: "lpr", mean: 0, volatility: 40),
    ],
    correlation: [
      [1, -0.5, 0.5, 0.3], [-0.5, 1, -0.6, -0.2], [0.5, -0.6, 1, 0.2], [0.3, -0.2, 0.2, 1],
    ])
  static let logit = DefaultLink.logit(base: 0.003, betas: [-0.05, 0.30, -0.05, 0])
  static let probit = DefaultLink.probit(
    base: 0.003, correlation: 0.15, weights: [0.6, -0.3, 0.1, 0])

  /// docs/risk-models.md §3.2: L from `scipy.linalg.lapack.dpotrf`, printed to 10 decimals.
  @Test func choleskyVector() {
    let expected: [Double] = [
      1, 0, 0, 0, -0.5, 0.8660254038, 0, 0, 0.5, -0.4041451884, 0.7659416862, 0, 0.3,
      -0.0577350269, 0.0348155312, 0.9515537533,
    ]
    let l = Self.factors.cholesky
    for i in 0..<16 { #expect(abs(l[i] - expected[i]) < 5e-11, "L[\(i / 4)][\(i % 4)]") }
    // docs/risk-models.md §3.4: L·Lᵀ = R to 1e-12 (§3.2 reports 1.1e-16).
    var worst = 0.0
    for i in 0..<4 {
      for j in 0..<4 {
        var s = 0.0
        for m in 0..<4 { s += l[i * 4 + m] * l[j * 4 + m] }
        worst = max(worst, abs(s - Self.factors.correlation[i * 4 + j]))
      }
    }
    #expect(worst < 1e-12)
  }

  /// docs/risk-models.md §3.2: X = Z·Lᵀ through dgemm for its four rows of Z.
  @Test func correlatedDrawsVector() {
    let z: [Double] = [1, 0, 0, 0, 0, 1, 0, 0, -1, 0.5, 2, -0.5, -2.326347874, 0, 0, 0]
    let expected: [Double] = [
      1, -0.5, 0.5, 0.3, 0, 0.8660254038, -0.4041451884, -0.0577350269, -1, 0.9330127019,
      0.8298107782, -0.7350133277, -2.326347874, 1.163173937, -1.163173937, -0.6979043622,
    ]
    let x = Self.factors.correlate(z, rows: 4)
    for i in 0..<16 { #expect(abs(x[i] - expected[i]) < 5e-10, "X[\(i / 4)][\(i % 4)]: \(x[i])") }
  }

  /// A matrix that is not positive definite is rejected naming the leading minor where dpotrf
  /// stops (here: 3 × 3, whose determinant is 1 − 3·0.81 − 2·0.729 < 0).
  @Test func notPositiveDefinite() {
    #expect(
      throws: RiskInputError(
        "the correlation matrix is not positive definite: its leading minor of order 3 (a, b, c) is not positive; no joint law has these correlations"
      )
    ) {
      try MacroFactors(
        factors: ["a", "b", "c"].map { MacroFactor(name: $0, mean: 0, volatility: 1) },
        correlation: [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]])
    }
    #expect(
      throws: RiskInputError("correlation must be symmetric: [0][1] is 0.2 but [1][0] is 0.3")
    ) {
      try MacroFactors(
        factors: ["a", "b"].map { MacroFactor(name: $0, mean: 0, volatility: 1) },
        correlation: [[1, 0.2], [0.3, 1]])
    }
  }

  /// docs/risk-models.md §3.2's logit table: PD and multiple of PD₀, to 1e-10 and 1e-6.
  @Test(arguments: [
    ([0.0, 0, 5, 0], 0.0030000000, 1.0), ([-15.0, 1.5, 2, -25], 0.0114739190, 3.824640),
    ([-30.0, 3, -2, -50], 0.0449531963, 14.984399),
  ])
  func logitVector(_ x: [Double], _ pd: Double, _ multiple: Double) {
    let value = Self.factors.defaultRate(Self.logit, at: x)
    #expect(abs(value - pd) < 1e-10)
    #expect(abs(value / 0.003 - multiple) < 1e-6)
  }

  /// docs/risk-models.md §3.2 under the factor law: the logit shift has sd 0.7116881339; E[PD] = 0.0038515721
  /// by quadrature; the 99.9 % quantile is 0.0264200484.
  @Test func logitUnderTheLaw() {
    guard case .logit(_, let betas) = Self.logit else { return }
    #expect(abs(Self.factors.logitShiftStandardDeviation(betas) - 0.7116881339) < 5e-11)
    let (mean, q999) = Self.factors.distribution(Self.logit, quantile: 0.999)
    #expect(abs(mean - 0.0038515721) < 5e-11)
    #expect(abs(q999 - 0.0264200484) < 5e-11)
  }

  /// docs/risk-models.md §3.2's Vasicek-Z link: the severe scenario standardizes to [−3.75, 3, −2.333, −1.25],
  /// Y = −3.9437183 and PD 0.0928023 (7 decimals).
  @Test func probitVector() {
    let severe: [Double] = [-30, 3, -2, -50]
    let z = Self.factors.standardized(severe)
    #expect(
      abs(z[0] - -3.75) < 1e-15 && abs(z[1] - 3) < 1e-15 && abs(z[2] - -7.0 / 3) < 1e-15
        && abs(z[3] - -1.25) < 1e-15)
    let pd = Self.factors.defaultRate(Self.probit, at: severe)
    #expect(abs(pd - 0.0928023) < 5e-8)
    // Y itself: invert PD = N((G(PD₀) − √ρY)/√(1−ρ)).
    let y =
      (Normal.quantile(0.003) - Normal.quantile(pd) * (0.85).squareRoot()) / (0.15).squareRoot()
    #expect(abs(y - -3.9437183) < 5e-8)
    // Under the law E[PD] = PD₀ (the link is §2's model).
    #expect(Self.factors.distribution(Self.probit, quantile: 0.99).mean == 0.003)
  }

  /// docs/risk-models.md §3.4: β = 0 (or ρ = 0) gives PD₀ whatever the factors; PD is monotone in each factor
  /// by the sign of β.
  @Test func invariants() {
    for x in [[0.0, 0, 5, 0], [-30.0, 3, -2, -50], [12.0, -1, 9, 80]] {
      #expect(
        abs(Self.factors.defaultRate(.logit(base: 0.003, betas: [0, 0, 0, 0]), at: x) - 0.003)
          < 1e-17)
      #expect(
        abs(
          Self.factors.defaultRate(
            .probit(base: 0.003, correlation: 0, weights: [0.6, -0.3, 0.1, 0]), at: x) - 0.003)
          < 1e-17)
    }
    let grid = stride(from: -20.0, through: 20.0, by: 2.5)
    for (j, sign) in [(0, -1.0), (1, 1.0), (2, -1.0)] {
      var previous = sign > 0 ? 0.0 : 1.0
      for v in grid {
        var x = [0.0, 0, 5, 0]
        x[j] = j == 2 ? 5 + v / 4 : (j == 1 ? v / 8 : v)
        let pd = Self.factors.defaultRate(Self.logit, at: x)
        #expect(sign > 0 ? pd > previous : pd < previous, "factor \(j) at \(v)")
        previous = pd
      }
    }
  }
}
