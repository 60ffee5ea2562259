// The macro stress engine on a book: segment-level equals loan-level, σ = 0 is the deterministic
// run, draws are bit-identical across threads and splits, and the files name their typos.
import Foundation
import ProvidentCore
import ProvidentPortfolio
import ProvidentRisk
import Testing
import _PortfolioTestSupport
import _ProvidentTestSupport

@Suite("Macro stress on a book")
struct StressModelTests {
  static let factorYAML = try! String(
    contentsOfFile: Golden.datasetPath("samples/factors.yaml"), encoding: .utf8)
  static let linkYAML = try! String(
    contentsOfFile: Golden.datasetPath("samples/links.yaml"), encoding: .utf8)
  static let factorFile = try! FactorFile(yaml: factorYAML)

  /// A small mixed book: dated loans repriced by the tables, undated ones, a few overdue.
  static let book: LoanBook = {
    let loans =
      BookFixtures.dated(count: 150, seed: 71, asOf: try! LocalDate(parsing: "2025-12-31"))
      + BookFixtures.undated(count: 150, seed: 72).enumerated().map { i, loan in
        var loan = loan
        loan.row["loan_id"]! += "u"
        if i % 25 == 0 { loan.row["overdue"] = "4" }
        return loan
      }
    return try! BookFixtures.book(loans)
  }()

  /// Links with a different constant severity per segment (the loan-level kernel takes one
  /// severity per scenario) and different lags.
  static let constantSeverityLinks = """
    segmentBy: [product, home]
    horizon: 240
    default:
      pd: {link: logit, base: 0.3%, betas: {hpi: -0.05, unemployment: 0.30, income: -0.05}}
      cpr: {base: 6%, betas: {lpr: -0.004, hpi: 0.01}}
      severity: 20%
      recoveryLag: 12
    segments:
      - product: commercial
        pd: {base: 0.5%}
        cpr: {base: 10%}
        severity: 35%
        recoveryLag: 6
      - home: second
        pd: {link: probit, base: 0.6%, rho: 0.15, weights: {hpi: 0.6, unemployment: -0.3, income: 0.1}}
    """

  static func model(_ links: String = constantSeverityLinks, shockMonths: Int? = 36) throws
    -> StressModel
  {
    let file = try LinkFile(yaml: links, factors: factorFile.factors)
    return try StressModel(
      book: book, factors: factorFile.factors, shockMonths: shockMonths, links: file)
  }

  /// The documented test: a segment-level run (rep lines) equals the loan-level run of
  /// each segment's loans (`LoanBook.project`, fast kernel, the segment's rates as monthly curves:
  /// shocked for 36 months, then base) month by month, to 1e-9 relative plus a fen per amount
  /// (both sides round each month to the fen).
  @Test(arguments: ["base", "severe", "tier1-severe"])
  func segmentLevelEqualsLoanLevel(_ name: String) throws {
    let model = try Self.model()
    let scenario = Self.factorFile.factors.scenarios.first { $0.name == name }!
    let result = model.project(scenario)
    let links = try LinkFile(yaml: Self.constantSeverityLinks, factors: Self.factorFile.factors)
    let base = model.segments.indices.map {
      Self.factorFile.factors.rates(model.links[$0], at: Self.factorFile.factors.means)
    }
    #expect(result.segments.count == 4)
    for (s, segment) in model.segments.enumerated() {
      let indices = (0..<Self.book.count).filter {
        Self.book.product[$0] == segment.product && Self.book.home[$0] == segment.home
      }
      let shock = result.rates[s]
      let scenario = Scenario(
        name: segment.description,
        prepayment: .monthly(
          Array(repeating: shock.prepaymentRate, count: 36) + [base[s].prepaymentRate]),
        defaults: .monthly(Array(repeating: shock.defaultRate, count: 36) + [base[s].defaultRate]),
        severity: shock.severity, recoveryLagMonths: model.links[s].recoveryLagMonths,
        rates: links.rates, defaultAfterOverdue: links.defaultAfterOverdue, horizonMonths: 240)
      let loanLevel = try Self.book.subset(indices).project([scenario], options: .init(mode: .fast))
        .scenarios[0].book
      let segmentLevel = result.segments[s].flows
      #expect(result.segments[s].loans == indices.count)
      #expect(loanLevel.totals.openingBalance == segmentLevel.totals.openingBalance)
      func close(_ a: Money, _ b: Money) -> Bool {
        abs(Double(a.fen - b.fen)) <= 1 + 1e-9 * Double(abs(a.fen))
      }
      for t in 0..<min(loanLevel.months.count, segmentLevel.months.count) {
        let a = loanLevel.months[t]
        let b = segmentLevel.months[t]
        #expect(
          close(a.interest, b.interest) && close(a.scheduledPrincipal, b.scheduledPrincipal)
            && close(a.prepayment, b.prepayment) && close(a.defaults, b.defaults)
            && close(a.balance, b.balance), "\(segment) month \(t + 1): \(a) vs \(b)")
        #expect(abs(a.activeLoans - b.activeLoans) < 1e-6)
      }
      for (a, b) in [
        (loanLevel.totals.loss, segmentLevel.totals.loss),
        (loanLevel.totals.interest, segmentLevel.totals.interest),
        (loanLevel.totals.defaults, segmentLevel.totals.defaults),
      ] {
        #expect(
          abs(Double(a.fen - b.fen)) <= 1e-9 * Double(a.fen) + Double(loanLevel.months.count),
          "\(segment): \(a) vs \(b)")
      }
    }
    // Some overdue loans default in month 1 whatever the rates.
    #expect(result.book.months[0].defaults > Money(fen: 0))
  }

  /// docs/risk-models.md §3.4: σ = 0 gives the deterministic run — every path equals the base scenario's
  /// totals — and β = 0 gives PD₀ on every path.
  @Test func zeroVolatilityIsTheDeterministicRun() throws {
    let flat = Self.factorYAML.replacingOccurrences(
      of: #"vol: \d+"#, with: "vol: 0", options: .regularExpression)
    let file = try FactorFile(yaml: flat)
    let links = try LinkFile(yaml: Self.constantSeverityLinks, factors: file.factors)
    let model = try StressModel(
      book: Self.book, factors: file.factors, shockMonths: 36, links: links)
    let run = model.simulate(paths: 0..<128, seed: 3)
    let base = model.project(file.factors.scenarios[0]).book.totals
    for sample in [run.lossYuan, run.interestYuan, run.prepaymentYuan, run.defaultsYuan] {
      #expect(sample.sorted.first == sample.sorted.last)
    }
    #expect(
      abs(run.lossYuan.values[0] * 100 - Double(base.loss.fen)) <= 1 + 1e-9 * Double(base.loss.fen))
    #expect(
      abs(run.interestYuan.values[0] * 100 - Double(base.interest.fen)) <= 1 + 1e-9
        * Double(base.interest.fen))
    #expect(
      abs(run.prepaymentYuan.values[0] * 100 - Double(base.prepayment.fen)) <= 1 + 1e-9
        * Double(base.prepayment.fen))

    let zeroBeta = Self.constantSeverityLinks.replacingOccurrences(
      of: "betas: {hpi: -0.05, unemployment: 0.30, income: -0.05}", with: "betas: {}")
    let random = try StressModel(
      book: Self.book, factors: Self.factorFile.factors, shockMonths: 36,
      links: LinkFile(yaml: zeroBeta, factors: Self.factorFile.factors))
    let paths = random.simulate(paths: 0..<64, seed: 9)
    let provident = random.segments.firstIndex { $0.product == .provident && $0.home == .first }!
    let rates = paths.segmentColumn(paths.segmentDefaultRate, provident)
    #expect(rates.values.allSatisfy { abs($0 - 0.003) < 1e-17 })
  }

  /// docs/risk-models.md §2.4/§3.4: every path's numbers are identical for 1 and N threads and for any split
  /// of the paths (streams per path; dgemm over aligned blocks of 64).
  @Test func threadsAndSplitsAreBitIdentical() throws {
    let model = try Self.model(Self.linkYAML)
    let one = model.simulate(paths: 0..<300, seed: 1, threads: 1)
    let two = model.simulate(paths: 0..<300, seed: 1, threads: 2)
    let a = model.simulate(paths: 0..<37, seed: 1, threads: 2)
    let b = model.simulate(paths: 37..<300, seed: 1, threads: 3)
    #expect(one.lossYuan.values == two.lossYuan.values)
    #expect(one.factorValues == two.factorValues)
    #expect(one.segmentLossYuan == two.segmentLossYuan)
    #expect(a.lossYuan.values + b.lossYuan.values == one.lossYuan.values)
    #expect(a.interestYuan.values + b.interestYuan.values == one.interestYuan.values)
    #expect(a.factorValues + b.factorValues == one.factorValues)
    #expect(model.simulate(paths: 0..<300, seed: 2).lossYuan.values != one.lossYuan.values)
  }

  /// Under the factor law (docs/risk-models.md §3.2): the sample correlation approaches R (within 4 standard
  /// errors (1 − r²)/√M) and the simulated mean PD of the logit link is within 4 SE of the
  /// quadrature's 0.0038515721. ES ≥ VaR, and the segments' contributions add up to the book's ES.
  @Test func monteCarloUnderTheLaw() throws {
    let model = try Self.model(Self.linkYAML)
    let paths = 40_000
    let run = model.simulate(paths: 0..<paths, seed: 7)
    let r = Self.factorFile.factors.correlation
    let sample = run.factorCorrelation()
    for i in 0..<16 {
      #expect(
        abs(sample[i] - r[i]) <= 4 * (1 - r[i] * r[i]) / Double(paths).squareRoot() + 1e-12,
        "R[\(i / 4)][\(i % 4)]")
    }
    let logitSegment = model.segments.firstIndex { $0.product == .provident && $0.home == .first }!
    let pd = run.segmentColumn(run.segmentDefaultRate, logitSegment).mean
    #expect(abs(pd.value - 0.0038515721) <= 4 * pd.standardError)
    for q in [0.99, 0.999] {
      #expect(run.lossYuan.expectedShortfall(q).value >= run.lossYuan.quantile(q).value)
      let contributions = run.shortfallContributions(q).reduce(0, +)
      #expect(abs(contributions - run.lossYuan.expectedShortfall(q).value) <= 1e-9 * contributions)
    }
    // Losses of the tail are far above the mean (the severe corner of the law).
    #expect(run.lossYuan.quantile(0.999).value > 2 * run.lossYuan.mean.value)
  }

  /// docs/risk-models.md §5: with β = 0, a segment whose base CPR is c prepays SMM(c) of its performing
  /// balance in month 1: the table's SMMs to 5e-11 (its printing) plus the fen rounding of the
  /// month's amounts.
  @Test(arguments: [
    (0.02, 0.0016821426), (0.05, 0.0042653188), (0.08, 0.0069243826), (0.10, 0.0087416110),
    (0.25, 0.0236884242), (0.4344, 0.0463790502), (0.63, 0.0795147995),
  ])
  func prepaymentFeedsTheKernelAtRiskSMM(_ cpr: Double, _ smm: Double) throws {
    let links = """
      default:
        pd: {base: 0.3%}
        cpr: {base: \(cpr)}
      """
    let book = try BookFixtures.book(BookFixtures.undated(count: 200, seed: 5))
    let file = try LinkFile(yaml: links, factors: Self.factorFile.factors)
    let model = try StressModel(
      book: book, factors: Self.factorFile.factors, shockMonths: nil, links: file)
    let month1 = model.project(Self.factorFile.factors.scenarios[2]).book.months[0]
    let measured =
      Double(month1.prepayment.fen) / Double(month1.prepayment.fen + month1.balance.fen)
    #expect(abs(measured - smm) < 5e-11 + smm / Double(month1.prepayment.fen))
  }

  @Test(arguments: [
    (
      "factors:\n  - {name: hpi, mean: 0, vols: 8}\n",
      "line 2: factors[0] has an unknown key 'vols'; the keys are name, unit, mean, vol"
    ),
    (
      "factors:\n  - {name: a, mean: 0, vol: 1}\n  - {name: b, mean: 0, vol: 1}\n  - {name: c, mean: 0, vol: 1}\ncorrelation:\n  - [1, 0.9, -0.9]\n  - [0.9, 1, 0.9]\n  - [-0.9, 0.9, 1]\n",
      "line 6: the correlation matrix is not positive definite: its leading minor of order 3 (a, b, c) is not positive; no joint law has these correlations"
    ),
    (
      "factors:\n  - {name: hpi, mean: 0, vol: 8}\nscenarios:\n  - {name: crash, hpl: -30}\n",
      "line 4: scenarios[0] has an unknown key 'hpl'; the keys are name, source, hpi"
    ),
    (
      "factors:\n  - {name: hpi, mean: 0, vol: 8}\ncorrelation: [[1, 0.5]]\n",
      "line 3: correlation[0] must list 1 numbers"
    ),
    (
      "factors:\n  - {name: hpi, mean: zero, vol: 8}\n",
      "line 2: factors[0].mean must be a number (got 'zero')"
    ),
  ])
  func factorFileErrors(_ yaml: String, _ message: String) {
    #expect(throws: ScenarioError.self) { try FactorFile(yaml: yaml) }
    do { _ = try FactorFile(yaml: yaml) } catch { #expect(error.description == message) }
  }

  @Test(arguments: [
    (
      "default:\n  pd: {base: 0.3%, betas: {hpl: -0.05}}\n  cpr: {base: 6%}\n",
      "line 2: default.pd.betas has an unknown factor 'hpl'; the factors are hpi, unemployment, income, lpr"
    ),
    (
      "default:\n  pd: {base: 0.3%, bta: {hpi: -0.05}}\n  cpr: {base: 6%}\n",
      "line 2: default.pd has an unknown key 'bta'; the keys are link, base, betas, rho, weights"
    ),
    (
      "default:\n  pd: {base: 0.3%}\n  cpr: {base: 6%}\nsegments:\n  - region: GD\n    pd: {base: 1%}\n",
      "line 5: segments[0].region: the book is not segmented by region; add it to segmentBy"
    ),
    (
      "default:\n  pd: {link: probit, base: 0.3%}\n  cpr: {base: 6%}\n",
      "line 2: default.pd.weights is missing: the probit link needs factor weights"
    ),
    (
      "default:\n  pd: {base: 0}\n  cpr: {base: 6%}\n",
      "line 2: default.pd.base must be above 0 and below 1 (got 0)"
    ),
    (
      "default:\n  pd: {base: 3}\n  cpr: {base: 6%}\n",
      "line 2: default.pd.base must be a fraction between 0 and 1 or a percent such as 6% (got 3); write 6% or 0.06 for six percent"
    ),
    (
      "defaults:\n  pd: {base: 0.3%}\n",
      "line 1: the file has an unknown key 'defaults'; the keys are segmentBy, rates, horizon, defaultAfterOverdue, default, segments"
    ),
  ])
  func linkFileErrors(_ yaml: String, _ message: String) {
    do {
      _ = try LinkFile(yaml: yaml, factors: Self.factorFile.factors)
      Issue.record("accepted: \(yaml)")
    } catch { #expect(error.description == message) }
  }

  /// The sample files load; later segment rules override only the keys they give.
  @Test func sampleFiles() throws {
    #expect(Self.factorFile.factors.count == 4)
    #expect(Self.factorFile.shockMonths == 36)
    #expect(
      Self.factorFile.factors.scenarios.map(\.name) == [
        "base", "adverse", "severe", "tier1-severe",
      ])
    let links = try LinkFile(yaml: Self.linkYAML, factors: Self.factorFile.factors)
    let commercial = links.rules[0].links
    #expect(commercial.defaults == .logit(base: 0.005, betas: [-0.05, 0.30, -0.05, 0]))
    #expect(commercial.severity == SeverityLink(base: 0.2, collateral: 0, floor: 0.1))
    let second = links.rules[1].links
    #expect(
      second.defaults == .probit(base: 0.006, correlation: 0.15, weights: [0.6, -0.3, 0.1, 0]))
    // LGD moves with house prices: 1 − 0.8 × 0.7 = 44 % at −30 %.
    let severe = Self.factorFile.factors.rates(second, at: [-30, 3, -2, -50])
    #expect(abs(severe.severity - 0.44) < 1e-15)
  }
}
