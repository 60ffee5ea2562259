// The published worked examples of docs/domain.md §9 (datasets/golden/), each under the convention its
// source uses. The files name the source of every figure.
import ProvidentCore
import Testing
import _ProvidentTestSupport

@Suite("Golden vectors (docs/domain.md §9)")
struct GoldenVectorTests {
  static func method(_ text: String) -> RepaymentMethod {
    text == "equal-principal" ? .equalPrincipal : .equalInstallment
  }

  @Test func amortizationVectors() throws {
    let rows = try Golden.rows("amortization.csv")
    #expect(rows.count > 50)
    for row in rows {
      let loan = try Loan(
        principal: Money(row["principal"]), annualRate: AnnualRate(row["rate"]),
        months: Int(row["months"])!, method: Self.method(row["method"]))
      let schedule = loan.schedule(convention: Convention(rawValue: row["convention"])!)
      let period = Int(row["period"])
      let actual: Money
      switch row["field"] {
      case "payment": actual = schedule.regularPayment
      case "firstPayment": actual = schedule.firstPayment
      case "lastPayment": actual = schedule.lastPayment
      case "totalInterest": actual = schedule.totalInterest
      case "row.payment": actual = schedule.installments[period! - 1].payment
      case "row.principal": actual = schedule.installments[period! - 1].principal
      case "row.interest": actual = schedule.installments[period! - 1].interest
      case "balanceAfter": actual = schedule.installments[period! - 1].balance
      case "monthlyDecrease":
        // Exact convention: (P/n)·r rounded once, the same for every month.
        let s = loan.schedule(convention: .exact)
        #expect(s.convention == .exact)
        actual = Money(fen: _exactMonthlyDecrease(loan))
      default:
        Issue.record("unknown field in \(row)")
        continue
      }
      let tolerance = Money(row["tolerance"])
      let expected = Money(row["expected"])
      #expect(
        (actual - expected).fen.magnitude <= tolerance.fen.magnitude,
        "\(row["id"]) \(row["field"]) \(row["convention"]): got \(actual), expected \(expected) ± \(tolerance) [\(row["source"])] \(row)"
      )
    }
  }

  /// `(P/n)·r` rounded half up to the fen, worked from the definition with integers:
  /// `P·a / (n · 12 · 10⁸)` in fen with `a` in 10⁻⁸ units.
  func _exactMonthlyDecrease(_ loan: Loan) -> Int64 {
    let numerator = loan.principal.fen * loan.annualRate.units
    let denominator = Int64(loan.months) * 12 * AnnualRate.unitsPerWhole
    return (2 * numerator + denominator) / (2 * denominator)
  }

  @Test func datedFirstPeriodVector() throws {
    for row in try Golden.rows("dated.csv") {
      let dates = try PaymentDates(
        start: LocalDate(parsing: row["start"]), paymentDay: Int(row["payment_day"])!)
      let loan = try Loan(
        principal: Money(row["principal"]), annualRate: AnnualRate(row["rate"]),
        months: Int(row["months"])!, dates: dates)
      #expect(row["field"] == "row1.interest")
      for convention in Convention.allCases {
        #expect(
          loan.schedule(convention: convention).installments[0].interest == Money(row["expected"]),
          "\(row)")
      }
    }
  }

  @Test func prepaymentVectorBalance() throws {
    // The balances of prepayment.csv are closed-form (exact convention) values, as its header says.
    for row in try Golden.rows("prepayment.csv") where row["field"] == "balanceAfter" {
      let loan = try Loan(
        principal: Money(row["principal"]), annualRate: AnnualRate(row["rate"]),
        months: Int(row["months"])!)
      let k = Int(row["after"])!
      #expect(
        loan.schedule(convention: .exact).installments[k - 1].balance == Money(row["expected"]),
        "\(row)")
    }
  }

  /// The documented example: 1,000,000 / 360 / 3.1 %.
  @Test func issue2_contractFigures() throws {
    let loan = try Loan(principal: Money("1000000"), annualRate: AnnualRate("3.1"), months: 360)
    let ledger = loan.schedule()
    #expect(ledger.regularPayment == Money("4270.16"))
    #expect(ledger.lastPayment == Money("4272.59"))
    #expect(ledger.totalInterest == Money("537260.03"))
    #expect(loan.schedule(convention: .exact).totalInterest == Money("537259.04"))
  }
}
