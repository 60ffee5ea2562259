// The terms of one loan: what the ledger needs to build its schedule.

/// How a loan is repaid.
public enum RepaymentMethod: String, Sendable, CaseIterable {
  /// 等额本息: the same installment every month (annuity).
  case equalInstallment
  /// 等额本金: the same principal every month, interest on the remaining balance.
  case equalPrincipal
}

/// How amounts are rounded (docs/conventions.md §1).
public enum Convention: String, Sendable, CaseIterable {
  /// Every amount rounded to the fen as it is booked; the last installment clears the balance.
  /// Centre and bank statements; published centre figures match only this.
  case ledger
  /// The same formulas without rounding; amounts rounded only when shown, totals rounded once.
  /// Web calculators and spreadsheets.
  case exact
}

/// Disbursement date and payment day of a dated schedule (docs/conventions.md §3).
public struct PaymentDates: Hashable, Sendable {
  /// Disbursement date `D0`.
  public let start: LocalDate
  /// Day of the month installments fall due (1–31); months with fewer days use their last day.
  public let paymentDay: Int

  public init(start: LocalDate, paymentDay: Int) throws(LoanInputError) {
    guard (1...31).contains(paymentDay) else {
      throw LoanInputError(.paymentDay, "must be between 1 and 31 (got \(paymentDay))")
    }
    self.start = start
    self.paymentDay = paymentDay
  }

  /// Due date of installment `period` (1-based): day `paymentDay` of the `period`-th month after
  /// the start's month, clamped to the month's end. Period 0 is the disbursement date.
  public func dueDate(_ period: Int) -> LocalDate {
    period == 0 ? start : start.dayOfMonth(paymentDay, monthsLater: period)
  }
}

/// A change of a loan's rate (docs/conventions.md §4).
public enum RateChange: Hashable, Sendable {
  /// Takes effect on a date. On a due date, from the next period; inside a period, that period's
  /// interest is split by days at the old and the new rate.
  case onDate(LocalDate, AnnualRate)
  /// Takes effect from installment `period` (1-based), which is charged wholly at the new rate.
  case fromPeriod(Int, AnnualRate)

  public var rate: AnnualRate {
    switch self {
    case .onDate(_, let r), .fromPeriod(_, let r): r
    }
  }
}

/// A loan's terms, validated when built: principal, rate, term, method, dates and rate changes.
///
/// ```swift
/// let loan = try Loan(principal: Money(yuan: 1_000_000),
///                     annualRate: try AnnualRate(percent: "3.1"), months: 360)
/// let s = loan.schedule()              // ledger convention
/// s.regularPayment                     // 4270.16
/// s.installments.last!.payment         // 4272.59
/// s.totalInterest                      // 537260.03
/// ```
public struct Loan: Hashable, Sendable {
  /// The largest principal accepted: 100 亿 yuan.
  public static let maximumPrincipal = Money(yuan: 10_000_000_000)
  /// The longest term accepted, in months (50 years).
  public static let maximumMonths = 600
  /// The highest rate accepted: 36 % (the legal ceiling for private lending is lower still).
  public static let maximumRate = AnnualRate(units: 36 * AnnualRate.unitsPerPercent)

  public let principal: Money
  /// The rate at disbursement.
  public let annualRate: AnnualRate
  public let months: Int
  public let method: RepaymentMethod
  /// Present for a dated schedule.
  public let dates: PaymentDates?
  /// Changes in date or period order.
  public let rateChanges: [RateChange]

  public init(
    principal: Money, annualRate: AnnualRate, months: Int,
    method: RepaymentMethod = .equalInstallment, dates: PaymentDates? = nil,
    rateChanges: [RateChange] = []
  ) throws(LoanInputError) {
    guard principal > .zero else {
      throw LoanInputError(.principal, "must be greater than 0 (got \(principal))")
    }
    guard principal <= Self.maximumPrincipal else {
      throw LoanInputError(
        .principal, "must be at most 10000000000 (100亿) (got \(principal))")
    }
    guard (1...Self.maximumMonths).contains(months) else {
      throw LoanInputError(.months, "must be between 1 and \(Self.maximumMonths) (got \(months))")
    }
    try Self.checkRate(annualRate, .annualRate)
    if method == .equalPrincipal {
      // Every installment but the last repays round(P/n); n − 1 of them must not exceed P.
      let d = _roundedQuotient(principal.fen, Int64(months))
      guard d * Int64(months - 1) <= principal.fen else {
        throw LoanInputError(
          .principal,
          "is too small to repay in \(months) equal-principal installments of whole fen (got \(principal))"
        )
      }
    }
    var changes = rateChanges
    for (i, change) in changes.enumerated() {
      try Self.checkRate(change.rate, .rateChange(index: i))
      switch change {
      case .onDate(let date, _):
        guard let dates else {
          throw LoanInputError(
            .rateChange(index: i),
            "is dated \(date) but the schedule has no start date; give a period instead")
        }
        guard date > dates.start else {
          throw LoanInputError(
            .rateChange(index: i), "must be after the start \(dates.start) (got \(date))")
        }
        let end = dates.dueDate(months)
        guard date < end else {
          throw LoanInputError(
            .rateChange(index: i), "must be before the last due date \(end) (got \(date))")
        }
      case .fromPeriod(let period, _):
        guard (1...months).contains(period) else {
          throw LoanInputError(
            .rateChange(index: i), "period must be between 1 and \(months) (got \(period))")
        }
      }
    }
    if let dates {
      // Periods become dates so that both kinds sort together: period k starts at due date k−1.
      changes.sort { dates.effectiveDate($0) < dates.effectiveDate($1) }
    } else {
      changes.sort { $0.periodOrder < $1.periodOrder }
    }
    self.principal = principal
    self.annualRate = annualRate
    self.months = months
    self.method = method
    self.dates = dates
    self.rateChanges = changes
    // At extreme rates and terms (say 36 % over 50 years) the installment's rounding to the fen
    // compounds to more than the balance, which would turn negative before the last installment.
    // Such a loan cannot be booked to the fen: say so rather than print a nonsensical ledger.
    let rows = Self.plainRows(self, _Ledger.self)
    if let bad = rows.dropLast().first(where: { $0.balance < 0 }) {
      throw LoanInputError(
        .months,
        "is too long at this rate to book to the fen: rounding the installment compounds until the balance turns negative at installment \(bad.period) (got \(months) months at \(annualRate.percentText)%)"
      )
    }
  }

  /// The rows of a schedule without events (which cannot fail).
  static func plainRows<L: _LedgerArithmetic>(_ loan: Loan, _: L.Type) -> [_Row<L.Amount>] {
    do { return try _ScheduleEngine<L>(loan: loan).run().rows } catch {
      preconditionFailure("a loan without events cannot fail: \(error)")
    }
  }

  static func checkRate(_ rate: AnnualRate, _ field: LoanField) throws(LoanInputError) {
    guard rate >= .zero && rate <= maximumRate else {
      throw LoanInputError(
        field, "must be between 0 and 36 (got \(rate.percentText))",
        hint: LoanInputError.percentHint)
    }
  }
}

extension RateChange {
  var periodOrder: Int {
    if case .fromPeriod(let p, _) = self { return p }
    return 0
  }
}

extension PaymentDates {
  /// The date from which a change counts: its date, or the due date before its period.
  func effectiveDate(_ change: RateChange) -> LocalDate {
    switch change {
    case .onDate(let d, _): d
    case .fromPeriod(let p, _): dueDate(p - 1)
    }
  }
}
