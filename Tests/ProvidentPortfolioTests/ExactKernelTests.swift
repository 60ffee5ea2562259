import Foundation
// The fen-exact kernel against the scalar ledger, loan by loan.
import ProvidentCore
import ProvidentPortfolio
import Testing
import _PortfolioTestSupport
import _ProvidentTestSupport

@Suite("Fen-exact kernel = scalar ledger")
struct ExactKernelTests {
  static let asOf = try! LocalDate(parsing: "2025-12-31")

  /// Each loan alone through the kernel, compared row by row with its `Loan.schedule()`.
  func expectLoanByLoan(
    _ loans: [FixtureLoan], book: LoanBook, scenario: Scenario, tables: RateTables = .bundled
  ) throws {
    for (i, loan) in loans.enumerated() {
      let one = book.subset([i])
      let flows = try one.project([scenario], options: .init(mode: .exact, tables: tables))
        .scenarios[0].book.months
      let expected = loan.expected
      try #require(flows.count >= expected.count, "loan \(i): \(loan.row)")
      for (t, row) in expected.enumerated() {
        let got = flows[t]
        guard
          got.scheduledPrincipal == row.principal && got.interest == row.interest
            && got.balance == row.balance
        else {
          Issue.record(
            "loan \(i) \(loan.row) month \(t + 1): kernel \(got.scheduledPrincipal)+\(got.interest) → \(got.balance), ledger \(row.principal)+\(row.interest) → \(row.balance)"
          )
          return
        }
      }
    }
  }

  /// The whole book at once (blocks, segments, threads): month by month, the sum of the ledgers.
  func expectBookTotals(
    _ loans: [FixtureLoan], book: LoanBook, scenario: Scenario, tables: RateTables = .bundled
  ) throws {
    let months = loans.map(\.expected.count).max() ?? 0
    var principal = [Int64](repeating: 0, count: months)
    var interest = [Int64](repeating: 0, count: months)
    var balance = [Int64](repeating: 0, count: months)
    for loan in loans {
      for (t, row) in loan.expected.enumerated() {
        principal[t] += row.principal.fen
        interest[t] += row.interest.fen
        balance[t] += row.balance.fen
      }
    }
    for segmentation: Segmentation in [[], [.product, .home, .region]] {
      let result = try book.project(
        [scenario], options: .init(mode: .exact, segmentation: segmentation, tables: tables)
      ).scenarios[0].book
      #expect(result.months.count == months)
      for t in 0..<months {
        #expect(result.months[t].scheduledPrincipal.fen == principal[t], "month \(t + 1)")
        #expect(result.months[t].interest.fen == interest[t], "month \(t + 1)")
        #expect(result.months[t].balance.fen == balance[t], "month \(t + 1)")
      }
      #expect(result.totals.scheduledPrincipal == result.totals.openingBalance)
    }
  }

  @Test func undatedLoansReamortizedAtTheAsOfDate() throws {
    let loans = BookFixtures.undated(count: 300, seed: 5)
    let book = try BookFixtures.book(loans)
    let frozen = Scenario(name: "frozen", rates: .frozen, defaultAfterOverdue: nil)
    try expectLoanByLoan(Array(loans.prefix(120)), book: book, scenario: frozen)
    try expectBookTotals(loans, book: book, scenario: frozen)
  }

  @Test func datedLoansRepricedByTheTables() throws {
    let loans = BookFixtures.dated(count: 400, seed: 11, asOf: Self.asOf)
    let book = try BookFixtures.book(loans)
    try expectLoanByLoan(Array(loans.prefix(200)), book: book, scenario: .scheduled)
    try expectBookTotals(loans, book: book, scenario: .scheduled)
  }
}

extension ExactKernelTests {
  /// The bundled tables with future rows: a provident cut effective 2026-07-01 (reaching loans on
  /// 2027-01-01) and two LPR publications.
  static func futureTables() throws -> RateTables {
    func file(_ name: String) throws -> String {
      try String(contentsOfFile: Golden.datasetPath("rates/" + name), encoding: .utf8)
    }
    return try RateTables(
      providentCSV: try file("provident-loan.csv")
        + "2026-07-01,1.85,2.35,2.275,2.825,yes,test,future row for tests\n",
      lprCSV: try file("lpr.csv") + "2026-03-20,2.90,3.40,test,\n2027-02-20,3.20,3.70,test,\n",
      depositCSV: try file("provident-deposit.csv"))
  }

  static let futureChanges = [
    TableChange(
      table: .provident, date: try! LocalDate(parsing: "2026-07-01"), shiftBasisPoints: -25),
    TableChange(table: .lpr, date: try! LocalDate(parsing: "2026-03-20"), shiftBasisPoints: -10),
    TableChange(
      table: .lpr, date: try! LocalDate(parsing: "2027-02-20"),
      rates: [AnnualRate("3.2"), AnnualRate("3.7")]),
  ]

  @Test func datedLoansRepricedByFutureTableRows() throws {
    let tables = try Self.futureTables()
    for seed: UInt64 in [3, 17] {
      let loans = BookFixtures.dated(count: 300, seed: seed, asOf: Self.asOf, tables: tables)
      let book = try BookFixtures.book(loans)
      try expectLoanByLoan(
        Array(loans.prefix(150)), book: book, scenario: .scheduled, tables: tables)
      try expectBookTotals(loans, book: book, scenario: .scheduled, tables: tables)
      // The same rows given as a scenario's table changes on the bundled tables.
      let viaScenario = Scenario(
        name: "cut", rates: .tables(Self.futureChanges), defaultAfterOverdue: nil)
      #expect(
        try book.project([viaScenario]).scenarios[0].book
          == book.project([.scheduled], options: .init(tables: tables)).scenarios[0].book)
    }
  }

  /// Undated loans meet a change from the installment in its month, wholly (docs/conventions.md §4): the
  /// provident cut of 2026-07-01 reaches them on 2027-01-01, installment 12 after a 2025-12-31
  /// as-of date.
  @Test func undatedLoansRepricedFromAPeriod() throws {
    let rows = [
      [
        "loan_id": "A", "product": "provident", "home": "first", "principal": "1000000",
        "rate": "2.6", "months": "360", "months_paid": "100", "method": "equal-installment",
        "balance": "800000.00", "overdue": "0", "region": "BJ",
      ],
      [
        "loan_id": "B", "product": "provident", "home": "second", "principal": "500000",
        "rate": "2.525", "months": "60", "months_paid": "10", "method": "equal-principal",
        "balance": "420000.00", "overdue": "0", "region": "BJ",
      ],
    ]
    let expected = [
      try Loan(
        principal: Money("800000"), annualRate: AnnualRate("2.6"), months: 260,
        rateChanges: [.fromPeriod(13, AnnualRate("2.35"))]),
      try Loan(
        principal: Money("420000"), annualRate: AnnualRate("2.525"), months: 50,
        method: .equalPrincipal, rateChanges: [.fromPeriod(13, AnnualRate("2.275"))]),
    ]
    let loans = zip(rows, expected).map {
      FixtureLoan(row: $0, expected: $1.schedule().installments)
    }
    let book = try BookFixtures.book(loans)
    let cut = Scenario(name: "cut", rates: .tables(Self.futureChanges), defaultAfterOverdue: nil)
    try expectLoanByLoan(loans, book: book, scenario: cut)
  }
}
