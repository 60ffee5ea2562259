// Inputs of the Portfolio suite, shared with GateRunner (each links this file).
//
// The book is docs/performance.md's workload, `gjj data generate --loans N --seed 7 --profile uniform`:
// new loans, principal U(100k, 2M), rate U(2 %, 5 %), term U(60, 360) months, equal installment;
// CPR 8 %, CDR 0.5 %. Benchmarks/peers/ runs numpy, numpy-financial and QuantLib on the same file.
import ProvidentPortfolio

enum PortfolioWorkloads {
  static func book(loans: Int) -> LoanBook {
    BookGenerator(profile: .uniform, seed: 7).book(loans: loans)
  }

  static func writeBook(loans: Int, toFile path: String) {
    try! BookGenerator(profile: .uniform, seed: 7).write(loans: loans, toFile: path)
  }

  /// The calibrated book (`gjj data generate --loans N --seed 1`: products, homes, regions, dated
  /// loans part-way through their terms, LPR spreads) written as CSV.
  static func writeCalibratedBook(loans: Int, toFile path: String) {
    try! BookGenerator(seed: 1).write(loans: loans, toFile: path)
  }

  static let frozen = Scenario(name: "scheduled", rates: .frozen, defaultAfterOverdue: nil)
  static let cprCdr = Scenario(
    name: "cpr8-cdr0.5", prepayment: .constant(0.08), defaults: .constant(0.005), severity: 0.3,
    recoveryLagMonths: 12, rates: .frozen, defaultAfterOverdue: nil)
}
