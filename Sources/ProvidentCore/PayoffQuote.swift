// What it costs to repay a loan in full on a date (SPEC.md §3).

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
  /// The payoff quote on `date` (SPEC.md §3).
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
    let rows = _ScheduleEngine<L>(loan: self).run().rows
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
    var rate = k == 0 ? annualRate : rows[k - 1].rate
    var segmentStart = dates.dueDate(k)
    var rateDays: Int64 = 0
    for change in rateChanges {
      let effective = dates.effectiveDate(change)
      guard effective > segmentStart || (k == 0 && effective == segmentStart) else { continue }
      guard effective < date else { break }
      rateDays += rate.units * Int64(segmentStart.days(to: effective))
      segmentStart = effective
      rate = change.rate
    }
    rateDays += rate.units * Int64(segmentStart.days(to: date))
    return PayoffQuote(
      date: date, installmentsPaid: k, principal: L.shown(balance),
      interest: L.shown(L.dailyInterest(on: balance, rateDays: rateDays)))
  }
}
