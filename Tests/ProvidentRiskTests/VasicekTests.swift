// Vasicek/ASRF closed forms and Basel IRB capital: docs/risk-models.md §2.2's vectors and §2.4's invariants.
import ProvidentPortfolio
import ProvidentRisk
import Testing
import _ProvidentTestSupport

@Suite("Vasicek and Basel IRB")
struct VasicekTests {
  static func model(_ pd: Double, _ rho: Double) -> VasicekModel {
    try! VasicekModel(probabilityOfDefault: pd, correlation: rho)
  }

  /// docs/risk-models.md §2.2, default-rate VaR and ES at LGD = 1 (computed there with scipy, checked against
  /// QuantLib's GaussianLHPLossModel to 2e-9). Printed to 10 decimals: tolerance 1e-10.
  @Test(arguments: [
    (0.005, 0.15, 0.99, 0.0346378455, 0.0485420280),
    (0.005, 0.15, 0.999, 0.0673630673, 0.0851933566),
    (0.005, 0.05, 0.999, 0.0265690341, 0.0309644744),
    (0.01, 0.15, 0.99, 0.0610502350, 0.0820597963),
    (0.01, 0.15, 0.999, 0.1102647566, 0.1351844893),
    (0.01, 0.05, 0.99, 0.0319353209, 0.0383112455),
    (0.01, 0.05, 0.999, 0.0466896919, 0.0535513841),
    (0.02, 0.15, 0.999, 0.1763289391, 0.2094044302),
    (0.05, 0.15, 0.99, 0.2098814463, 0.2548635288),
    (0.05, 0.15, 0.999, 0.3135059079, 0.3565204220),
  ])
  func riskTable(_ pd: Double, _ rho: Double, _ q: Double, _ quantile: Double, _ es: Double) {
    let m = Self.model(pd, rho)
    #expect(abs(m.quantile(q) - quantile) < 1e-10)
    #expect(abs(m.expectedShortfall(q) - es) < 1e-10)
    // docs/risk-models.md §2.4: F(x_q) = q and ES ≥ VaR.
    #expect(abs(m.cdf(m.quantile(q)) - q) < 1e-12)
    #expect(m.expectedShortfall(q) >= m.quantile(q))
  }

  /// docs/risk-models.md §2.2, "more values" for PD 1 %, ρ 0.15 (8 decimals: tolerance 5e-9), and the
  /// quadratures it states: ∫(1 − F) = PD, and ES as the mean quantile over [q, 1] to 1e-10.
  @Test func moreValues() {
    let m = Self.model(0.01, 0.15)
    #expect(abs(m.cdf(0.01) - 0.68038969) < 5e-9)
    #expect(abs(m.cdf(0.05) - 0.98173909) < 5e-9)
    #expect(abs(m.standardDeviation - 0.01257196) < 5e-9)
    // ∫₀¹ (1 − F(x)) dx with x = N(u).
    let mean = NormalTests.simpson(-12, 12, 40_000) { u in
      (1 - m.cdf(Normal.cdf(u))) * Normal.density(u)
    }
    #expect(abs(mean - 0.01) < 1e-10)
    // E[p(Y)] = PD.
    let expected = NormalTests.simpson(-12, 12, 40_000) { y in
      m.conditionalDefaultRate(factor: y) * Normal.density(y)
    }
    #expect(abs(expected - 0.01) < 1e-10)
    // ES_q = (1/(1−q)) ∫_q^1 x_p dp with p = N(s).
    for q in [0.99, 0.999] {
      let es =
        NormalTests.simpson(Normal.quantile(q), 12, 40_000) { s in
          m.quantile(Normal.cdf(s)) * Normal.density(s)
        } / (1 - q)
      #expect(abs(es - m.expectedShortfall(q)) < 1e-10)
    }
    // The density integrates to 1 and is F's derivative.
    let h = 1e-6
    #expect(
      abs((m.cdf(0.03 + h) - m.cdf(0.03 - h)) / (2 * h) - m.density(0.03)) < 1e-5 * m.density(0.03))
  }

  /// docs/risk-models.md §2.4: x_q rises with q and PD, and with ρ at high q; K → 0 as PD → 0.
  @Test func monotonicity() throws {
    let m = Self.model(0.01, 0.15)
    var previous = 0.0
    for q in [0.5, 0.9, 0.99, 0.999, 0.9999] {
      #expect(m.quantile(q) > previous)
      previous = m.quantile(q)
    }
    #expect(Self.model(0.02, 0.15).quantile(0.999) > m.quantile(0.999))
    #expect(Self.model(0.01, 0.25).quantile(0.999) > m.quantile(0.999))
    #expect(Self.model(0.01, 0.05).quantile(0.999) < m.quantile(0.999))
    let capitals = try [1e-3, 1e-5, 1e-7, 1e-9].map { try BaselIRB.capital(pd: $0, lgd: 0.45) }
    #expect(zip(capitals, capitals.dropFirst()).allSatisfy { $0 > $1 })
    #expect(capitals.last! < 1e-6)
    // ρ = 0: no systematic risk, every quantile is the PD.
    #expect(abs(Self.model(0.01, 0).quantile(0.999) - 0.01) < 1e-15)
  }

  /// Basel II Annex 5's residential-mortgage risk weights [R2] (datasets/golden/basel-annex5.csv),
  /// to 0.01 percentage point as docs/risk-models.md §2.2 states.
  @Test func annex5() throws {
    let rows = try Golden.rows("basel-annex5.csv")
    #expect(rows.count == 26)
    for row in rows {
      let rw = try BaselIRB.riskWeight(pd: Double(row["pd"])! / 100, lgd: Double(row["lgd"])! / 100)
      #expect(abs(rw * 100 - Double(row["rw"])!) <= Double(row["tolerance"])!, "\(row)")
    }
  }

  @Test func badInputs() {
    #expect(throws: RiskInputError("pd must be strictly between 0.0 and 1.0 (got 1.2)")) {
      try VasicekModel(probabilityOfDefault: 1.2)
    }
    #expect(throws: RiskInputError("rho must be at least 0 and below 1 (got 1.0)")) {
      try VasicekModel(probabilityOfDefault: 0.01, correlation: 1)
    }
    #expect(
      throws: RiskInputError(
        "--pd must be a fraction between 0 and 1 or a percent such as 1% (got 5); write 5% or 0.05 for 5 percent"
      )
    ) {
      try RiskInputError.fraction("5", name: "--pd")
    }
    #expect((try? RiskInputError.fraction("0.5%", name: "--pd")) == 0.005)
  }

  /// The book of segments on one factor: its quantile is the sum of the segments' (comonotone), so
  /// the book's distribution function at that sum is q; one segment is the segment itself.
  @Test func bookIsComonotone() throws {
    let segments = try [(0.003, 4e9, 0.2), (0.01, 1e9, 0.25), (0.04, 2e8, 0.4)].map {
      pd, ead, lgd in
      try VasicekExposure(
        name: "s\(pd)", exposureYuan: ead, model: Self.model(pd, 0.15), lossGivenDefault: lgd)
    }
    let book = try VasicekPortfolio(exposures: segments, confidence: 0.999)
    let total = book.book
    #expect(
      abs(total.lossQuantileYuan - (0..<3).map { book.figures($0).lossQuantileYuan }.reduce(0, +))
        < 1e-3)
    #expect(abs(book.cdf(lossYuan: total.lossQuantileYuan) - 0.999) < 1e-9)
    #expect(total.expectedShortfallYuan >= total.lossQuantileYuan)
    let one = try VasicekPortfolio(exposures: [segments[1]], confidence: 0.99)
    #expect(abs(one.book.standardDeviationYuan - one.figures(0).standardDeviationYuan) < 1e-6)
    #expect(abs(one.cdf(lossYuan: 0.25e9 * 0.01) - Self.model(0.01, 0.15).cdf(0.01)) < 1e-9)
    // Two segments with the same PD and ρ move together: standard deviations add.
    let twins = try VasicekPortfolio(exposures: [segments[1], segments[1]], confidence: 0.99)
    #expect(abs(twins.book.standardDeviationYuan - 2 * one.figures(0).standardDeviationYuan) < 1e-3)
    // Risk weight of the book is the exposure-weighted risk weight.
    let rw =
      (0..<3).map { book.figures($0).riskWeightedAssetsYuan }.reduce(0, +) / total.exposureYuan
    #expect(abs(total.riskWeight - rw) < 1e-15)
  }
}
