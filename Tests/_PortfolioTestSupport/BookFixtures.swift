// Random loan books for the tests, with the scalar ledger each row should reproduce.
import ProvidentCore
import ProvidentPortfolio
import _ProvidentTestSupport

/// One loan of a test book: its CSV row and the scalar ledger rows it must reproduce from the
/// as-of date on.
package struct FixtureLoan {
  package var row: [String: String]
  /// Installments after the as-of date, from `Loan.schedule()`.
  package var expected: [Installment]

  package init(row: [String: String], expected: [Installment]) {
    self.row = row
    self.expected = expected
  }
}

package enum BookFixtures {
  package static let columns = [
    "loan_id", "product", "home", "principal", "rate", "lpr_spread_bp", "reprice_cycle",
    "reprice_anchor", "months", "start", "payment_day", "months_paid", "method", "balance",
    "payment", "overdue", "region",
  ]

  package static func csv(_ loans: [FixtureLoan], asOf: String? = "2025-12-31") -> String {
    var text = asOf.map { "# as_of: \($0)\n" } ?? ""
    text += columns.joined(separator: ",") + "\n"
    for loan in loans {
      text += columns.map { loan.row[$0] ?? "" }.joined(separator: ",") + "\n"
    }
    return text
  }

  package static func book(_ loans: [FixtureLoan], asOf: String? = "2025-12-31") throws -> LoanBook
  {
    let load = try LoanBook.parse(csv: csv(loans, asOf: asOf))
    precondition(load.rejections.isEmpty, "fixture rows rejected: \(load.rejections)")
    return load.book
  }

  package static func money(_ fen: Int64) -> String { Money(fen: fen).description }

  /// Undated loans at the as-of date: balance `B`, rate, remaining `m`; the reference is
  /// `Loan(principal: B, annualRate: rate, months: m)`, the balance re-amortized (docs/conventions.md §5).
  package static func undated(count: Int, seed: UInt64) -> [FixtureLoan] {
    var rng = SplitMix64(seed: seed)
    var loans: [FixtureLoan] = []
    while loans.count < count {
      let m = Int.random(in: 1...360, using: &rng)
      let paid = Int.random(in: 0...120, using: &rng)
      let balance = Int64.random(in: 100_00...3_000_000_00, using: &rng)
      let principal = balance + Int64.random(in: 0...1_000_000_00, using: &rng)
      let units =
        Int64.random(in: 0...800, using: &rng) * 10_000 / (Bool.random(using: &rng) ? 1 : 4)
      let method: RepaymentMethod = Bool.random(using: &rng) ? .equalInstallment : .equalPrincipal
      guard
        let loan = try? Loan(
          principal: Money(fen: balance), annualRate: AnnualRate(units: units), months: m,
          method: method)
      else { continue }
      let row = [
        "loan_id": "U\(loans.count)", "product": "provident",
        "home": Bool.random(using: &rng) ? "first" : "second",
        "principal": money(principal), "rate": AnnualRate(units: units).percentText,
        "months": String(m + paid), "months_paid": String(paid),
        "method": method == .equalInstallment ? "equal-installment" : "equal-principal",
        "balance": money(balance), "overdue": "0",
        "region": ["GD", "BJ", "SH", "JS"][Int.random(in: 0..<4, using: &rng)],
      ]
      loans.append(FixtureLoan(row: row, expected: loan.schedule().installments))
    }
    return loans
  }

  /// Dated loans from disbursement, repriced by the tables (docs/conventions.md §4) through
  /// `RateTables.ratePath`; the book row is the ledger's state at the as-of date and the reference
  /// is the rest of the original loan's schedule.
  package static func dated(
    count: Int, seed: UInt64, asOf: LocalDate, tables: RateTables = .bundled
  ) -> [FixtureLoan] {
    var rng = SplitMix64(seed: seed)
    var loans: [FixtureLoan] = []
    let asOfDays = asOf.daysSinceEpoch
    while loans.count < count {
      let commercial = Int.random(in: 0..<4, using: &rng) == 0
      let earliest = commercial ? 18_150 : 15_900  // 2019-09-10, 2013-07-13
      let start = LocalDate(daysSinceEpoch: Int.random(in: earliest...(asOfDays - 1), using: &rng))
      let payDay = Bool.random(using: &rng) ? start.day : Int.random(in: 1...31, using: &rng)
      let months = [6, 12, 24, 60, 61, 120, 180, 240, 300, 360][Int.random(in: 0..<10, using: &rng)]
      let home: HomeOrder = Int.random(in: 0..<5, using: &rng) == 0 ? .second : .first
      let method: RepaymentMethod =
        Int.random(in: 0..<4, using: &rng) == 0 ? .equalPrincipal : .equalInstallment
      let principal = Int64.random(in: 50_000...2_000_000, using: &rng) * 100
      let spread = Int64.random(in: -60...80, using: &rng)
      let cycle = [3, 6, 12][Int.random(in: 0..<3, using: &rng)]
      let anchor: RepricingAnchor = Bool.random(using: &rng) ? .januaryFirst : .anniversary
      let rule: RateRule =
        commercial
        ? .commercial(spreadBasisPoints: spread, cycleMonths: cycle, anchor: anchor)
        : .provident(home: home)
      guard let dates = try? PaymentDates(start: start, paymentDay: payDay),
        let path = try? tables.ratePath(for: rule, dates: dates, months: months),
        let loan = try? Loan(
          principal: Money(fen: principal), annualRate: path.initial, months: months,
          method: method, dates: dates, rateChanges: path.changes)
      else { continue }
      let rows = loan.schedule().installments
      let k = rows.filter { $0.dueDate! <= asOf }.count
      guard k < months else { continue }
      let balance = k == 0 ? loan.principal : rows[k - 1].balance
      let rate = k == 0 ? path.initial : rows[k - 1].annualRate
      var payment: Money? = nil
      if k >= 1 && months > 1 {
        if method == .equalPrincipal {
          payment = rows[0].principal
        } else if k == 1 {
          // Installment 1 is broken: its principal is the level less a regular month's interest.
          let regular = Int64(
            (Double(loan.principal.fen) * Double(rows[0].annualRate.units) / 1.2e9).rounded(
              .toNearestOrAwayFromZero))
          payment = Money(fen: rows[0].principal.fen + regular)
        } else {
          payment = rows[k - 1].payment
        }
      }
      var row = [
        "loan_id": "D\(loans.count)", "product": commercial ? "commercial" : "provident",
        "home": home.rawValue, "principal": loan.principal.description,
        "rate": rate.percentText, "months": String(months), "start": start.description,
        "payment_day": String(payDay),
        "method": method == .equalInstallment ? "equal-installment" : "equal-principal",
        "balance": balance.description, "overdue": "0",
        "region": "R\(Int.random(in: 0..<3, using: &rng))",
      ]
      if let payment { row["payment"] = payment.description }
      if commercial {
        row["lpr_spread_bp"] = String(spread)
        row["reprice_cycle"] = String(cycle)
        row["reprice_anchor"] = anchor == .januaryFirst ? "jan1" : "anniversary"
      }
      loans.append(FixtureLoan(row: row, expected: Array(rows[k...])))
    }
    return loans
  }
}
