// Projection under prepayment, default and rates: fast against exact, conservation, determinism.
import Foundation
import ProvidentCore
import ProvidentPortfolio
import Testing
import _PortfolioTestSupport
import _ProvidentTestSupport

@Suite("Portfolio projection")
struct ProjectionTests {
  static let asOf = try! LocalDate(parsing: "2025-12-31")

  /// A mixed book: dated loans repriced by the tables and undated ones.
  static let mixed: (loans: [FixtureLoan], book: LoanBook) = {
    let loans =
      BookFixtures.dated(count: 300, seed: 21, asOf: asOf)
      + BookFixtures.undated(count: 200, seed: 22).map {
        var loan = $0
        loan.row["loan_id"]! += "u"
        return loan
      }
    return (loans, try! BookFixtures.book(loans))
  }()

  static let stressed: [Scenario] = [
    Scenario(
      name: "constant", prepayment: .constant(0.08), defaults: .constant(0.005), severity: 0.3,
      recoveryLagMonths: 6),
    Scenario(
      name: "psa", prepayment: .psa(150), defaults: .ramp(peak: 0.01, months: 24), severity: 0.25,
      recoveryLagMonths: 12),
    Scenario(
      name: "vector", prepayment: .monthly([0, 0, 0.1, 0.25, 0.05]), defaults: .monthly([0, 0.02]),
      severity: 0.4, recoveryLagMonths: 3, rates: .tables(ExactKernelTests.futureChanges)),
  ]

  static func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1) }

  // MARK: - Fast against exact

  /// Fast mode is the `exact` convention (docs/conventions.md §1: the ledger's formulas, unrounded) in Double:
  /// on undated loans its totals equal a 38-digit Decimal evaluation of those formulas within
  /// 1e-9 relative. No rounding effect enters this comparison.
  @Test func fastEqualsUnroundedFormulasWithin1e9() throws {
    let loans = BookFixtures.undated(count: 200, seed: 31)
    let book = try BookFixtures.book(loans)
    var principal = Decimal(0)
    var interest = Decimal(0)
    for loan in loans {
      var balance = Decimal(try Money(parsing: loan.row["balance"]!).fen)
      let m = Int(loan.row["months"]!)! - Int(loan.row["months_paid"]!)!
      let rate = try AnnualRate(percent: loan.row["rate"]!)
      let r = Decimal(rate.units) / Decimal(1_200_000_000)
      let equalPrincipal = loan.row["method"] == "equal-principal"
      let level =
        equalPrincipal
        ? balance / Decimal(m) : Annuity.decimalPayment(balance: balance, rate: rate, periods: m)
      for t in 1...m {
        let i = balance * r
        let p = t == m ? balance : (equalPrincipal ? level : level - i)
        interest += i
        principal += p
        balance -= p
      }
    }
    let frozen = Scenario(name: "frozen", rates: .frozen, defaultAfterOverdue: nil)
    let fast = try book.project([frozen], options: .init(mode: .fast)).scenarios[0].book.totals
    let expectedInterest = NSDecimalNumber(decimal: interest).doubleValue
    let expectedPrincipal = NSDecimalNumber(decimal: principal).doubleValue
    // Totals are rounded to the fen once: half a fen on ≈1e10 fen is far below 1e-9.
    #expect(Self.relative(Double(fast.interest.fen), expectedInterest) < 1e-9)
    #expect(Self.relative(Double(fast.scheduledPrincipal.fen), expectedPrincipal) < 1e-9)
  }

  /// Against the fen-exact ledger the difference is the ledger's rounding: every booked amount is
  /// rounded by at most half a fen. Tolerance: 1e-9 relative plus half a fen per loan-month
  /// (observed: below 1e-7 relative).
  @Test(arguments: [Scenario.scheduled] + stressed)
  func fastEqualsExactWithinRoundingEffects(_ scenario: Scenario) throws {
    let book = Self.mixed.book
    let exact = try book.project([scenario], options: .init(mode: .exact)).scenarios[0].book
    let fast = try book.project([scenario], options: .init(mode: .fast)).scenarios[0].book
    let loanMonths = (0..<book.count).reduce(0) { $0 + book.remainingMonths($1) }
    func check(_ name: String, _ e: Money, _ f: Money, observed: Double = 1e-6) {
      let tolerance = 1e-9 * Double(abs(e.fen)) + 0.5 * Double(loanMonths)
      #expect(Double(abs(e.fen - f.fen)) <= tolerance, "\(scenario.name) \(name): \(e) vs \(f)")
      #expect(Self.relative(Double(f.fen), Double(e.fen)) < observed, "\(scenario.name) \(name)")
    }
    check("scheduledPrincipal", exact.totals.scheduledPrincipal, fast.totals.scheduledPrincipal)
    check("interest", exact.totals.interest, fast.totals.interest)
    check("prepayment", exact.totals.prepayment, fast.totals.prepayment)
    check("defaults", exact.totals.defaults, fast.totals.defaults)
    // Half-up rounding of severity × default is biased on exact halves (one in ten at 30 %).
    check("loss", exact.totals.loss, fast.totals.loss, observed: 1e-4)
    #expect(exact.months.count == fast.months.count)
    for t in exact.months.indices {
      #expect(
        abs(exact.months[t].activeLoans - fast.months[t].activeLoans) < 1e-6, "month \(t + 1)")
    }
  }

  // MARK: - Conservation

  /// Scheduled principal + prepayment + default + closing balance = opening balance: to the fen in
  /// exact mode, month by month; within 1e-9 relative in fast mode.
  @Test(arguments: [Scenario.scheduled] + stressed)
  func principalIsConserved(_ scenario: Scenario) throws {
    let book = Self.mixed.book
    for horizon in [nil, 24] {
      var s = scenario
      s.horizonMonths = horizon
      let exact = try book.project([s], options: .init(mode: .exact)).scenarios[0].book
      let t = exact.totals
      #expect(
        t.scheduledPrincipal + t.prepayment + t.defaults + t.closingBalance == t.openingBalance,
        "\(scenario.name) horizon \(horizon ?? 0)")
      var balance = t.openingBalance
      for month in exact.months.prefix(horizon ?? exact.months.count) {
        balance = balance - month.scheduledPrincipal - month.prepayment - month.defaults
        #expect(month.balance == balance, "\(scenario.name) month \(month.month)")
      }
      if horizon == nil { #expect(t.closingBalance == .zero) }

      let fast = try book.project([s], options: .init(mode: .fast)).scenarios[0].book.totals
      let sum = Double(
        (fast.scheduledPrincipal + fast.prepayment + fast.defaults + fast.closingBalance).fen)
      #expect(Self.relative(sum, Double(fast.openingBalance.fen)) < 1e-9)
    }
  }

  /// Years (runs of 12 months, the last one shorter) add up to the totals, and each year closes on
  /// its last month's balance and active loans; runs of one month are the months themselves.
  @Test func yearsAddUpToTheTotals() throws {
    let flows = try Self.mixed.book.project([Self.stressed[0]], options: .init(mode: .exact))
      .scenarios[0].book
    let months = flows.months
    #expect(months.count % 12 != 0, "the fixture should end inside a year")
    let years = flows.aggregated(every: 12)
    #expect(years.count == (months.count + 11) / 12)
    for (y, year) in years.enumerated() {
      let last = months[min(12 * (y + 1), months.count) - 1]
      #expect(year.month == last.month)
      #expect(year.balance == last.balance)
      #expect(year.activeLoans == last.activeLoans)
      let run = months[(12 * y)..<min(12 * (y + 1), months.count)]
      #expect(year.interest == run.reduce(Money.zero) { $0 + $1.interest })
    }
    let sum = { (f: (MonthlyFlows) -> Money) in years.reduce(Money.zero) { $0 + f($1) } }
    let t = flows.totals
    #expect(sum(\.scheduledPrincipal) == t.scheduledPrincipal)
    #expect(sum(\.interest) == t.interest)
    #expect(sum(\.prepayment) == t.prepayment)
    #expect(sum(\.defaults) == t.defaults)
    #expect(sum(\.loss) == t.loss)
    #expect(flows.aggregated(every: 1) == months)
  }

  /// Every defaulted fen is lost at `severity`, `recoveryLagMonths` later.
  @Test func lossesFollowDefaultsAfterTheLag() throws {
    let scenario = Self.stressed[0]
    let flows = try Self.mixed.book.project([scenario], options: .init(mode: .fast)).scenarios[0]
      .book
    let lag = scenario.recoveryLagMonths
    #expect(flows.months.prefix(lag).allSatisfy { $0.loss == .zero })
    for t in lag..<flows.months.count {
      let expected = Double(flows.months[t - lag].defaults.fen) * scenario.severity
      #expect(abs(Double(flows.months[t].loss.fen) - expected) <= 1)
    }
    #expect(flows.months.count == Self.mixed.book.remainingMonthsMax + lag)
  }

  // MARK: - Special values

  /// SMM 0 reproduces the scheduled run; CPR 100 % (SMM 1) prepays every balance in month 1.
  @Test(arguments: ProjectionMode.allCases)
  func zeroAndFullPrepayment(_ mode: ProjectionMode) throws {
    let book = Self.mixed.book
    let scheduled = try book.project([.scheduled], options: .init(mode: mode)).scenarios[0].book
    let zero = try book.project(
      [Scenario(name: "zero", prepayment: .constant(0), defaultAfterOverdue: nil)],
      options: .init(mode: mode)
    ).scenarios[0].book
    #expect(zero.months == scheduled.months)
    let full = try book.project(
      [Scenario(name: "full", prepayment: .constant(1), defaultAfterOverdue: nil)],
      options: .init(mode: mode)
    ).scenarios[0].book
    #expect(full.months[0].balance == .zero)
    #expect(full.months[0].activeLoans == 0)
    #expect(full.months[0].scheduledPrincipal == scheduled.months[0].scheduledPrincipal)
    #expect(full.totals.prepayment + full.totals.scheduledPrincipal == full.totals.openingBalance)
  }

  /// Loans three or more periods overdue default in month 1 with their whole balance.
  @Test func overdueLoansDefaultInMonthOne() throws {
    var loans = Array(BookFixtures.undated(count: 10, seed: 41))
    loans[2].row["overdue"] = "3"
    loans[5].row["overdue"] = "7"
    loans[7].row["overdue"] = "2"
    let book = try BookFixtures.book(loans)
    let expected = [2, 5].reduce(Int64(0)) { $0 + book.balanceFen[$1] }
    let scenario = Scenario(name: "npl", severity: 0.5, recoveryLagMonths: 2)
    for mode in ProjectionMode.allCases {
      let flows = try book.project([scenario], options: .init(mode: mode)).scenarios[0].book
      #expect(flows.months[0].defaults.fen == expected)
      #expect(flows.months[0].activeLoans == 8)
      #expect(abs(flows.months[2].loss.fen - expected / 2) <= 1)
      #expect(flows.totals.defaults.fen == expected)
    }
    let never = try book.project(
      [Scenario(name: "never", defaultAfterOverdue: nil)], options: .init(mode: .exact)
    ).scenarios[0].book
    #expect(never.totals.defaults == .zero)
  }

  // MARK: - Determinism and segments

  /// Blocks are summed in a fixed order: results are identical, bit for bit, whatever the number
  /// of threads.
  @Test(arguments: ProjectionMode.allCases)
  func resultsDoNotDependOnTheThreadCount(_ mode: ProjectionMode) throws {
    let book = Self.mixed.book
    let scenarios = [Scenario.scheduled] + Self.stressed
    let one = try book.project(
      scenarios, options: .init(mode: mode, segmentation: [.product, .region], threads: 1))
    for threads in [2, 3, 8] {
      let many = try book.project(
        scenarios, options: .init(mode: mode, segmentation: [.product, .region], threads: threads))
      #expect(many == one, "\(threads) threads")
    }
  }

  /// A prepared book projects as the book does; scenarios with other rates are refused.
  @Test func preparedBookProjectsAsTheBook() throws {
    let options = ProjectionOptions(mode: .fast, segmentation: [.home])
    let prepared = try Self.mixed.book.prepared(rates: .tables([]), options: options)
    let scenarios = [Scenario.scheduled, Self.stressed[0], Self.stressed[1]]
    #expect(try prepared.project(scenarios) == Self.mixed.book.project(scenarios, options: options))
    #expect(throws: ProjectionError.self) { try prepared.project([Self.stressed[2]]) }
  }

  /// Segments partition the book: their flows add up to the book's.
  @Test(arguments: ProjectionMode.allCases)
  func segmentsAddUpToTheBook(_ mode: ProjectionMode) throws {
    let result = try Self.mixed.book.project(
      [Self.stressed[0]], options: .init(mode: mode, segmentation: [.product, .home, .region])
    ).scenarios[0]
    #expect(result.segments.count > 4)
    #expect(result.segments.reduce(0) { $0 + $1.loans } == Self.mixed.book.count)
    let opening = result.segments.reduce(Money.zero) { $0 + $1.flows.totals.openingBalance }
    #expect(opening == result.book.totals.openingBalance)
    let interest = result.segments.reduce(Money.zero) { $0 + $1.flows.totals.interest }
    #expect(abs(interest.fen - result.book.totals.interest.fen) <= Int64(result.segments.count))
    let labels = Set(result.segments.map(\.segment))
    #expect(labels.count == result.segments.count)
  }
}

extension LoanBook {
  var remainingMonthsMax: Int { (0..<count).map(remainingMonths).max() ?? 0 }
}

extension ProjectionTests {
  /// Present values through `cblas_dgemm` equal the sums written out, within 1e-12 relative; at a
  /// 0 % rate they are the undiscounted cash flows, which return the opening balance plus interest
  /// less losses.
  @Test func presentValuesOverARateGrid() throws {
    let projection = try Self.mixed.book.project(
      [.scheduled, Self.stressed[0]], options: .init(mode: .exact))
    let rates = [0, 0.02, 0.035, 0.05]
    let pv = projection.presentValues(annualRates: rates)
    #expect(pv.count == 2 && pv.allSatisfy { $0.count == 4 })
    for (s, scenario) in projection.scenarios.enumerated() {
      let flows = scenario.book.lenderCashFlows(recoveryLagMonths: scenario.recoveryLagMonths)
      for (j, y) in rates.enumerated() {
        var expected = 0.0
        for (t, cf) in flows.enumerated() { expected += cf / pow(1 + y / 12, Double(t + 1)) }
        #expect(abs(pv[s][j] - expected) <= 1e-12 * abs(expected), "\(scenario.name) at \(y)")
      }
      let t = scenario.book.totals
      let undiscounted = Double((t.openingBalance + t.interest - t.loss).fen) / 100
      #expect(abs(pv[s][0] - undiscounted) < 0.01)
      #expect(pv[s][1] > pv[s][2] && pv[s][2] > pv[s][3])
    }
  }
}
