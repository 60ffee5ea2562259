// What it costs to repay a loan in full on a date (docs/conventions.md §3).

/// The amount that repays a loan in full on a date.
public struct PayoffQuote: Hashable, Sendable {
  public let date: LocalDate
  /// Installments paid before the payoff (the payoff on due date `k` counts `k − 1`).
  public let installmentsPaid: Int
  /// Principal outstanding at the payoff.
  public let principal: Money
  /// Interest charged up to the payoff date.
  public let interest: Money
  /// `principal + interest`: what the borrower pays.
  public var amount: Money { principal + interest }
}

extension Loan {
  /// The payoff quote on `date` (docs/conventions.md §3).
  ///
  /// ```
  /// on due date k:                    B_{k−1} + I_k                    (= B_k + Pay_k)
  /// on a date t after due date k:     B_k + round(B_k · a · days(due_k, t) / 360)
  /// ```
  /// A rate change between `due_k` and `t` splits the interest by days, as in a period.
  ///
  /// - Throws: `LoanInputError` for an undated loan, a date before the start, or a date after the
  ///   last due date (the loan is repaid by then).
  public func payoff(on date: LocalDate, convention: Convention = .ledger) throws(LoanInputError)
    -> PayoffQuote
  {
    switch convention {
    case .ledger: try _payoff(on: date, _Ledger.self)
    case .exact: try _payoff(on: date, _Exact.self)
    }
  }

  func _payoff<L: _LedgerArithmetic>(on date: LocalDate, _: L.Type) throws(LoanInputError)
    -> PayoffQuote
  {
    guard let dates else {
      throw LoanInputError(.payoffDate, "needs a dated schedule (a start date and a payment day)")
    }
    guard date >= dates.start else {
      throw LoanInputError(.payoffDate, "must not be before the start \(dates.start) (got \(date))")
    }
    let end = dates.dueDate(months)
    guard date <= end else {
      throw LoanInputError(
        .payoffDate, "must not be after the last due date \(end) (got \(date)); the loan is repaid")
    }
    let rows = Self.plainRows(self, L.self)
    // The last due date on or before `date`.
    var k = 0
    while k < months && dates.dueDate(k + 1) <= date { k += 1 }
    if k >= 1 && dates.dueDate(k) == date {
      let row = rows[k - 1]
      return PayoffQuote(
        date: date, installmentsPaid: k - 1, principal: L.shown(row.principal + row.balance),
        interest: L.shown(row.interest))
    }
    let balance = k == 0 ? L.amount(principal) : rows[k - 1].balance
    // The rate in force after due date k: every change effective on or before it.
    var rate = annualRate
    var pending = 0
    while pending < rateChanges.count
      && dates.effectiveDate(rateChanges[pending]) <= dates.dueDate(k)
    {
      rate = rateChanges[pending].rate
      pending += 1
    }
    let (rateDays, _) = _ScheduleEngine<L>.rateDays(
      from: dates.dueDate(k), to: date, rate: rate, changes: rateChanges, next: pending)
    return PayoffQuote(
      date: date, installmentsPaid: k, principal: L.shown(balance),
      interest: L.shown(L.dailyInterest(on: balance, rateDays: rateDays)))
  }
}
