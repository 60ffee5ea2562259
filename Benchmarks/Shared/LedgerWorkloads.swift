// Inputs of the Ledger suite, shared with InstructionGate (each links this file) so that the
// instruction gate counts exactly what the suite times.
import ProvidentCore

enum LedgerWorkloads {
  /// 1,000,000 at 3.1 % over 360 months (DOMAIN.md §9 V1), ledger convention.
  static let loan = try! Loan(
    principal: Money(yuan: 1_000_000), annualRate: AnnualRate(units: 3_100_000), months: 360)

  /// V3's prepayment keeping the payment, then a rate change and a term change.
  static let timeline = Timeline(
    loan: loan,
    events: [
      TimedEvent(.afterInstallment(36), .prepayment(Money(yuan: 200_000), .keepPayment)),
      TimedEvent(.afterInstallment(48), .rateChange(AnnualRate(units: 2_600_000))),
      TimedEvent(.afterInstallment(60), .termChange(remainingMonths: 120)),
    ])
}
