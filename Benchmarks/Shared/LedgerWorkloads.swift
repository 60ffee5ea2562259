// Inputs of the Ledger suite, shared with GateRunner (each links this file) so that the gate
// counts and times exactly what the suite measures.
import ProvidentCore

enum LedgerWorkloads {
  /// 1,000,000 at 3.1 % over 360 months (docs/domain.md §9 V1), ledger convention.
  static let loan = try! Loan(
    principal: Money(yuan: 1_000_000), annualRate: AnnualRate(units: 3_100_000), months: 360)

  /// The same loan, dated, with the 2026-01-01 repricing splitting a period.
  static let datedRepriced = try! Loan(
    principal: Money(yuan: 1_000_000), annualRate: AnnualRate(units: 2_850_000), months: 360,
    dates: PaymentDates(start: LocalDate(parsing: "2024-06-01"), paymentDay: 20),
    rateChanges: [.onDate(LocalDate(parsing: "2026-01-01"), AnnualRate(units: 2_600_000))])

  /// V3's prepayment keeping the payment, then a rate change and a term change.
  static let timeline = Timeline(
    loan: loan,
    events: [
      TimedEvent(.afterInstallment(36), .prepayment(Money(yuan: 200_000), .keepPayment)),
      TimedEvent(.afterInstallment(48), .rateChange(AnnualRate(units: 2_600_000))),
      TimedEvent(.afterInstallment(60), .termChange(remainingMonths: 120)),
    ])
}
