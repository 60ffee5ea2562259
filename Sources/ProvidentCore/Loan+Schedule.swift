// The schedule engine (SPEC.md §2–4), one implementation for both conventions.

extension Loan {
  /// The loan's schedule under `convention` (ledger by default).
  ///
  /// Equal installment (等额本息), ledger:
  /// ```
  /// A   = round( P·r·(1+r)^n / ((1+r)^n − 1) )
  /// k < n:  I_k = round(B_{k−1}·r)   Prin_k = A − I_k        Pay_k = A
  /// k = n:  I_n = round(B_{n−1}·r)   Prin_n = B_{n−1}        Pay_n = Prin_n + I_n
  /// ```
  /// Equal principal (等额本金): `d = round(P/n)`, `Prin_k = d` (`B_{n−1}` at `k = n`),
  /// `Pay_k = Prin_k + I_k`. A dated schedule charges installment 1 per day,
  /// `I_1 = round(P·a·days(D0, due_1)/360)`, with the undated principal. A rate change inside a
  /// period splits that period's interest by days, and the installment is recomputed on the
  /// remaining term (equal principal keeps `d`).
  ///
  /// - Complexity: O(n + c) for `n` installments and `c` rate changes.
  public func schedule(convention: Convention = .ledger) -> Schedule {
    switch convention {
    case .ledger: _ScheduleEngine<_Ledger>(loan: self).run().schedule(self, convention)
    case .exact: _ScheduleEngine<_Exact>(loan: self).run().schedule(self, convention)
    }
  }
}

/// One row as computed, before amounts are shown.
struct _Row<Amount> {
  var period: Int
  var dueDate: LocalDate?
  var rate: AnnualRate
  var payment: Amount
  var principal: Amount
  var interest: Amount
  var balance: Amount
}

struct _Rows<L: _LedgerArithmetic> {
  var rows: [_Row<L.Amount>]

  func schedule(_ loan: Loan, _ convention: Convention) -> Schedule {
    var interest = L.Amount.zero
    var payment = L.Amount.zero
    var installments: [Installment] = []
    installments.reserveCapacity(rows.count)
    for row in rows {
      interest += row.interest
      payment += row.payment
      installments.append(
        Installment(
          period: row.period, dueDate: row.dueDate, annualRate: row.rate,
          payment: L.shown(row.payment), principal: L.shown(row.principal),
          interest: L.shown(row.interest), balance: L.shown(row.balance)))
    }
    return Schedule(
      method: loan.method, convention: convention, installments: installments,
      totalInterest: L.shown(interest), totalPayment: L.shown(payment),
      isDated: loan.dates != nil)
  }
}

/// Runs the ledger of SPEC.md §2–4 period by period.
struct _ScheduleEngine<L: _LedgerArithmetic> {
  let loan: Loan

  func run() -> _Rows<L> {
    let n = loan.months
    let dates = loan.dates
    var rows: [_Row<L.Amount>] = []
    rows.reserveCapacity(n)

    var balance = L.amount(loan.principal)
    var rate = loan.annualRate
    var level =
      loan.method == .equalInstallment
      ? L.levelPayment(on: balance, at: rate, periods: n)
      : L.equalPrincipal(of: balance, periods: n)
    var next = 0  // index of the first rate change not yet applied
    let changes = loan.rateChanges

    for k in 1...n {
      let periodStart = dates?.dueDate(k - 1)
      let due = dates?.dueDate(k)
      // Changes effective at or before the start of period k apply to the whole period.
      var changed = false
      while next < changes.count, Self.startsBy(changes[next], period: k, start: periodStart) {
        rate = changes[next].rate
        next += 1
        changed = true
      }
      // Changes strictly inside a dated period split its interest by days.
      var rateDays: Int64 = 0
      var split = false
      if let periodStart, let due {
        var segmentStart = periodStart
        while next < changes.count, case let .onDate(date, newRate) = changes[next], date < due {
          rateDays += rate.units * Int64(segmentStart.days(to: date))
          segmentStart = date
          rate = newRate
          next += 1
          changed = true
          split = true
        }
        rateDays += rate.units * Int64(segmentStart.days(to: due))
      }
      if changed && loan.method == .equalInstallment {
        level = L.levelPayment(on: balance, at: rate, periods: n - k + 1)
      }

      let interest: L.Amount
      if dates != nil && (k == 1 || split) {
        interest = L.dailyInterest(on: balance, rateDays: rateDays)
      } else {
        interest = L.monthlyInterest(on: balance, at: rate)
      }

      let principal: L.Amount
      if k == n {
        principal = balance
      } else if loan.method == .equalPrincipal {
        principal = level
      } else if dates != nil && k == 1 {
        // A broken first period keeps the undated principal (SPEC.md §3).
        principal = level - L.monthlyInterest(on: balance, at: rate)
      } else {
        principal = level - interest
      }
      balance -= principal
      rows.append(
        _Row(
          period: k, dueDate: due, rate: rate, payment: principal + interest,
          principal: principal, interest: interest, balance: balance))
    }
    return _Rows(rows: rows)
  }

  /// Whether `change` takes effect at or before the start of period `k`.
  static func startsBy(_ change: RateChange, period k: Int, start: LocalDate?) -> Bool {
    switch change {
    case let .fromPeriod(p, _): p <= k
    case let .onDate(date, _): start.map { date <= $0 } ?? false
    }
  }
}
