// The invariants of docs/conventions.md §2 over random loans, both methods and both conventions.
import ProvidentCore
import Testing
import _ProvidentTestSupport

@Suite("Schedule invariants (docs/conventions.md §2)")
struct ScheduleInvariantTests {
  /// A random loan: principal 1 yuan … 1 亿, rate 0 (one in eight) or up to 36 %, 1 … 600 months.
  static func randomLoan(_ rng: inout SplitMix64, dated: Bool = false) -> Loan? {
    let fen = Int64.random(in: 100...10_000_000_000, using: &rng)
    let rate: Int64 =
      Int.random(in: 0..<8, using: &rng) == 0
      ? 0 : Int64.random(in: 1...36 * AnnualRate.unitsPerPercent, using: &rng) / 1000 * 1000
    let months = Int.random(in: 1...600, using: &rng)
    let method: RepaymentMethod = Bool.random(using: &rng) ? .equalInstallment : .equalPrincipal
    var dates: PaymentDates? = nil
    if dated {
      let start = LocalDate(daysSinceEpoch: Int.random(in: 10_000...25_000, using: &rng))
      dates = try? PaymentDates(start: start, paymentDay: Int.random(in: 1...31, using: &rng))
    }
    // A few tiny equal-principal loans cannot be split into whole fen; Loan rejects them.
    return try? Loan(
      principal: Money(fen: fen), annualRate: AnnualRate(units: rate), months: months,
      method: method, dates: dates)
  }

  @Test func ledgerInvariantsOnRandomLoans() {
    var rng = SplitMix64(seed: 20_261_122)
    var checked = 0
    for _ in 0..<3_000 {
      guard let loan = Self.randomLoan(&rng) else { continue }
      let s = loan.schedule()
      checked += 1
      let context = "\(loan)"
      #expect(s.installments.count == loan.months, "\(context)")
      // Σ Prin_k = P exactly; B_n = 0.
      #expect(
        s.installments.reduce(Money.zero) { $0 + $1.principal } == loan.principal, "\(context)")
      #expect(s.installments.last?.balance == .zero, "\(context)")
      var previous = loan.principal
      for row in s.installments {
        // Pay_k = Prin_k + I_k on every row; balances never increase.
        #expect(row.payment == row.principal + row.interest, "\(context) row \(row.period)")
        #expect(row.balance <= previous, "\(context) row \(row.period)")
        #expect(row.balance == previous - row.principal, "\(context) row \(row.period)")
        previous = row.balance
      }
      #expect(s.totalPayment == s.totalInterest + loan.principal, "\(context)")
      if loan.months >= 2 {
        let regular = s.installments.dropLast()
        switch loan.method {
        case .equalInstallment:
          #expect(regular.allSatisfy { $0.payment == s.regularPayment }, "\(context)")
        case .equalPrincipal:
          let d = regular[0].principal
          #expect(regular.allSatisfy { $0.principal == d }, "\(context)")
        }
      }
      if loan.annualRate == .zero {
        // Every installment but the last is round(P/n); no interest at all.
        let d = Money(fen: (2 * loan.principal.fen + Int64(loan.months)) / (2 * Int64(loan.months)))
        #expect(s.installments.dropLast().allSatisfy { $0.payment == d }, "\(context)")
        #expect(s.totalInterest == .zero, "\(context)")
      }
    }
    #expect(checked > 2_900)
  }

  @Test func exactConventionOnRandomLoans() {
    var rng = SplitMix64(seed: 7)
    for _ in 0..<300 {
      guard let loan = Self.randomLoan(&rng) else { continue }
      let s = loan.schedule(convention: .exact)
      // Unrounded sums rounded once: payments − interest = principal, within the two roundings.
      #expect((s.totalPayment - s.totalInterest - loan.principal).fen.magnitude <= 1, "\(loan)")
      #expect(s.installments.last?.balance == .zero, "\(loan)")
      if loan.method == .equalPrincipal && loan.annualRate > .zero {
        // Closed form: total interest = P·r·(n+1)/2, rounded once.
        let n = Int128(loan.months)
        let num = Int128(loan.principal.fen) * Int128(loan.annualRate.units) * (n + 1)
        let den = Int128(2 * 12 * AnnualRate.unitsPerWhole)
        let expected = (2 * num + den) / (2 * den)
        #expect(Int128(s.totalInterest.fen) == expected, "\(loan)")
      }
    }
  }

  @Test func datedSchedulesKeepTheLedgerIdentities() {
    var rng = SplitMix64(seed: 99)
    for _ in 0..<500 {
      guard let loan = Self.randomLoan(&rng, dated: true) else { continue }
      let s = loan.schedule()
      #expect(s.installments.reduce(Money.zero) { $0 + $1.principal } == loan.principal, "\(loan)")
      #expect(s.installments.last?.balance == .zero, "\(loan)")
      #expect(s.installments.allSatisfy { $0.payment == $0.principal + $0.interest }, "\(loan)")
      // Due dates are strictly increasing, one a month.
      let dues = s.installments.compactMap(\.dueDate)
      #expect(dues.count == loan.months)
      #expect(zip(dues, dues.dropFirst()).allSatisfy { $0 < $1 }, "\(loan)")
    }
  }

  @Test(arguments: [
    // (principal fen, rate units, months): r = 1e-12 per month and n = 1 extremes.
    (100_000_000 as Int64, 1 as Int64, 360), (100_000_000, 3_100_000, 1),
    (1_000_000_000_000, 36_000_000, 600), (1_000_000_000_000, 1, 1),
  ])
  func specialValues(principal: Int64, rate: Int64, months: Int) throws {
    let loan = try Loan(
      principal: Money(fen: principal), annualRate: AnnualRate(units: rate), months: months)
    let s = loan.schedule()
    #expect(s.installments.reduce(Money.zero) { $0 + $1.principal } == loan.principal)
    #expect(s.installments.last?.balance == .zero)
    if months == 1 {
      // One installment: the principal plus one month's interest, round(P·a/12).
      let interest =
        (2 * Int128(principal) * Int128(rate) + 12 * 100_000_000)
        / (2 * 12 * 100_000_000)
      #expect(s.installments[0].interest.fen == Int64(interest))
    }
  }
}
