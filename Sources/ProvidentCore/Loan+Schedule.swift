// The schedule engine (docs/conventions.md §2–5), one implementation for both conventions, with or without
// events.

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
    do {
      switch convention {
      case .ledger: return try _ScheduleEngine<_Ledger>(loan: self).run().schedule(self, convention)
      case .exact: return try _ScheduleEngine<_Exact>(loan: self).run().schedule(self, convention)
      }
    } catch {
      preconditionFailure("a loan without events cannot fail: \(error)")
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
  var prepayment: Amount
  var balance: Amount
}

/// An event as applied, before amounts are shown.
struct _Applied<Amount> {
  var index: Int
  var event: LoanEvent
  var afterInstallment: Int
  var date: LocalDate?
  var balanceBefore: Amount
  var amount: Amount
  var balanceAfter: Amount
}

struct _Output<L: _LedgerArithmetic> {
  var rows: [_Row<L.Amount>]
  var applied: [_Applied<L.Amount>] = []
  var accounts: [AccountRow] = []

  func schedule(_ loan: Loan, _ convention: Convention) -> Schedule {
    var interest = L.Amount.zero
    var payment = L.Amount.zero
    var prepaid = L.Amount.zero
    var installments: [Installment] = []
    installments.reserveCapacity(rows.count)
    for row in rows {
      interest += row.interest
      payment += row.payment + row.prepayment
      prepaid += row.prepayment
      installments.append(
        Installment(
          period: row.period, dueDate: row.dueDate, annualRate: row.rate,
          payment: L.shown(row.payment), principal: L.shown(row.principal),
          interest: L.shown(row.interest), prepayment: L.shown(row.prepayment),
          balance: L.shown(row.balance)))
    }
    return Schedule(
      method: loan.method, convention: convention, installments: installments,
      totalInterest: L.shown(interest), totalPayment: L.shown(payment),
      totalPrepayment: L.shown(prepaid), isDated: loan.dates != nil)
  }
}

/// Runs the ledger of docs/conventions.md §2–5 period by period, applying events after their installments.
struct _ScheduleEngine<L: _LedgerArithmetic> {
  let loan: Loan
  var events: [TimedEvent] = []

  /// A non-rate event placed after an installment; `payoffDate` for a payoff between due dates.
  struct Placed {
    var index: Int
    var period: Int
    var event: LoanEvent
    var payoffDate: LocalDate?
  }

  func run() throws(TimelineError) -> _Output<L> {
    var state = _State(engine: self, changes: try rateChanges(), placed: try placedEvents())
    try state.run()
    return state.out
  }

  /// The ledger's state as it runs period by period; events mutate it after their installments.
  struct _State {
    let loan: Loan
    let changes: [RateChange]
    /// For each change, the index of the event it came from (nil: the loan's own). Empty when no
    /// event changes the rate.
    let changeOwners: [Int?]
    let placed: [Placed]

    var n: Int
    var method: RepaymentMethod
    var balance: L.Amount
    var rate: AnnualRate
    var level: L.Amount
    var next = 0  // the first rate change not yet applied
    var nextEvent = 0
    var clearsEarly = false  // after a keep-payment event: run until the balance clears
    var ended = false
    var monthly: (account: Money, co: Money, offset: AccountOffset)? = nil
    var yearly: (account: Money, start: Int, offset: AccountOffset, index: Int)? = nil
    var k = 0
    var out = _Output<L>(rows: [])

    init(engine: _ScheduleEngine, changes: ([RateChange], [Int?]), placed: [Placed]) {
      loan = engine.loan
      self.changes = changes.0
      changeOwners = changes.1
      self.placed = placed
      n = loan.months
      method = loan.method
      balance = L.amount(loan.principal)
      rate = loan.annualRate
      level =
        method == .equalInstallment
        ? L.levelPayment(on: balance, at: rate, periods: n)
        : L.equalPrincipal(of: balance, periods: n)
      out.rows.reserveCapacity(n)
    }

    mutating func run() throws(TimelineError) {
      let dates = loan.dates
      var periodStart = dates?.start
      while k < n && !ended {
        k += 1
        let due = dates?.dueDate(k)
        // Changes effective at or before the start of period k apply to the whole period.
        var changed = false
        while next < changes.count,
          _ScheduleEngine.startsBy(changes[next], period: k, start: periodStart)
        {
          rate = changes[next].rate
          if case .onDate(let d, _) = changes[next] {
            recordRateEvent(next, d)
          } else {
            recordRateEvent(next, periodStart)
          }
          next += 1
          changed = true
        }
        // Changes strictly inside a dated period split its interest by days.
        var rateDays: Int64 = 0
        var split = false
        if let start = periodStart, let due {
          var segmentStart = start
          while next < changes.count, case .onDate(let date, let newRate) = changes[next],
            date < due
          {
            rateDays += rate.units * Int64(segmentStart.days(to: date))
            segmentStart = date
            rate = newRate
            recordRateEvent(next, date)
            next += 1
            changed = true
            split = true
          }
          rateDays += rate.units * Int64(segmentStart.days(to: due))
        }
        if changed && method == .equalInstallment {
          level = L.levelPayment(on: balance, at: rate, periods: n - k + 1)
        }

        let interest: L.Amount
        if dates != nil && (k == 1 || split) {
          interest = L.dailyInterest(on: balance, rateDays: rateDays)
        } else {
          interest = L.monthlyInterest(on: balance, at: rate)
        }

        var principal: L.Amount
        if k == n {
          principal = balance
        } else if method == .equalPrincipal {
          principal = level
        } else if dates != nil && k == 1 {
          // A broken first period keeps the undated principal (docs/conventions.md §3).
          principal = level - L.monthlyInterest(on: balance, at: rate)
        } else {
          principal = level - interest
        }
        if clearsEarly && principal >= balance {
          principal = balance
          n = k
        }
        balance -= principal
        out.rows.append(
          _Row(
            period: k, dueDate: due, rate: rate, payment: principal + interest,
            principal: principal, interest: interest, prepayment: .zero, balance: balance))
        if monthly != nil || yearly != nil { payFromAccounts(L.shown(principal + interest)) }
        if nextEvent < placed.count && placed[nextEvent].period == k {
          try applyEvents(due: due)
        }
        if yearly != nil { yearlyOffset(due: due) }
        periodStart = due
      }

      // Whatever is left was placed after the loan ended.
      if nextEvent < placed.count {
        let e = placed[nextEvent]
        throw TimelineError(
          eventIndex: e.index, field: e.payoffDate == nil ? "after" : "date",
          message: "is after the loan is repaid (its last installment is \(k))")
      }
      if next < changes.count, !changeOwners.isEmpty, let owner = changeOwners[next] {
        throw TimelineError(
          eventIndex: owner, field: "after",
          message: "is after the loan is repaid (its last installment is \(k))")
      }
    }

    mutating func recordRateEvent(_ i: Int, _ date: LocalDate?) {
      guard !changeOwners.isEmpty, let owner = changeOwners[i] else { return }
      out.applied.append(
        _Applied(
          index: owner, event: .rateChange(changes[i].rate), afterInstallment: k - 1, date: date,
          balanceBefore: balance, amount: .zero, balanceAfter: balance))
    }

    /// Account offsets pay installment k, or save towards the yearly prepayment.
    mutating func payFromAccounts(_ paid: Money) {
      if var m = monthly {
        m.account += m.offset.monthlyDeposit
        m.co += m.offset.coMonthlyDeposit
        let fromAccount = min(m.account, paid)
        let fromCo = min(m.co, paid - fromAccount)
        m.account -= fromAccount
        m.co -= fromCo
        out.accounts.append(
          AccountRow(
            period: k, deposits: m.offset.monthlyDeposit + m.offset.coMonthlyDeposit,
            fromAccount: fromAccount, fromCoAccount: fromCo, cash: paid - fromAccount - fromCo,
            prepaidFromAccount: .zero, accountBalance: m.account, coAccountBalance: m.co))
        monthly = m
      }
      if var y = yearly {
        y.account += y.offset.monthlyDeposit
        out.accounts.append(
          AccountRow(
            period: k, deposits: y.offset.monthlyDeposit, fromAccount: .zero, fromCoAccount: .zero,
            cash: paid, prepaidFromAccount: .zero, accountBalance: y.account,
            coAccountBalance: .zero))
        yearly = y
      }
    }

    mutating func reamortize(remaining: Int) {
      level =
        method == .equalInstallment
        ? L.levelPayment(on: balance, at: rate, periods: remaining)
        : L.equalPrincipal(of: balance, periods: remaining)
    }

    mutating func record(
      _ index: Int, _ event: LoanEvent, _ date: LocalDate?, before: L.Amount, amount: L.Amount
    ) {
      out.applied.append(
        _Applied(
          index: index, event: event, afterInstallment: k, date: date, balanceBefore: before,
          amount: amount, balanceAfter: balance))
    }

    mutating func prepay(
      _ amount: L.Amount, _ strategy: PrepaymentStrategy, index: Int, event: LoanEvent,
      due: LocalDate?
    ) {
      let before = balance
      balance -= amount
      out.rows[k - 1].prepayment += amount
      out.rows[k - 1].balance = balance
      record(index, event, due, before: before, amount: amount)
      if balance == .zero {
        ended = true
        return
      }
      switch strategy {
      case .keepTerm:
        reamortize(remaining: n - k)
      case .keepPayment:
        n = k + (L.periodsToRepay(balance, level: level, rate: rate, method: method) ?? (n - k))
        clearsEarly = true
      }
    }

    /// The yearly offset prepays on its anniversaries (its first on the event's own due date).
    mutating func yearlyOffset(due: LocalDate?) {
      guard var y = yearly, (k - y.start) % 12 == 0, y.account > .zero, !ended else { return }
      let amount = min(L.amount(y.account), balance)
      let shown = L.shown(amount)
      y.account -= shown
      yearly = y
      if let last = out.accounts.indices.last, out.accounts[last].period == k {
        out.accounts[last].prepaidFromAccount = shown
        out.accounts[last].accountBalance = y.account
      } else {
        out.accounts.append(
          AccountRow(
            period: k, deposits: .zero, fromAccount: .zero, fromCoAccount: .zero, cash: .zero,
            prepaidFromAccount: shown, accountBalance: y.account, coAccountBalance: .zero))
      }
      prepay(amount, y.offset.strategy, index: y.index, event: .accountOffset(y.offset), due: due)
    }

    /// Events after installment k, in the order given.
    mutating func applyEvents(due: LocalDate?) throws(TimelineError) {
      while nextEvent < placed.count, placed[nextEvent].period == k, !ended {
        let e = placed[nextEvent]
        nextEvent += 1
        guard balance > .zero else {
          throw TimelineError(
            eventIndex: e.index, field: e.payoffDate == nil ? "after" : "date",
            message: "is on or after the last installment (\(k)): the loan is repaid by then")
        }
        switch e.event {
        case .prepayment(let money, let strategy):
          let amount = L.amount(money)
          guard amount < balance else {
            throw TimelineError(
              eventIndex: e.index, field: "amount",
              message:
                "\(money) is not below the balance \(L.shown(balance)) after installment \(k); use a full-prepayment event to repay everything"
            )
          }
          prepay(amount, strategy, index: e.index, event: e.event, due: due)
        case .fullPrepayment:
          if let date = e.payoffDate, let due {
            // Between due dates: balance plus interest per day since due date k (docs/conventions.md §3).
            let (days, _) = _ScheduleEngine.rateDays(
              from: due, to: date, rate: rate, changes: changes, next: next)
            let accrued = L.dailyInterest(on: balance, rateDays: days)
            out.rows.append(
              _Row(
                period: k + 1, dueDate: date, rate: rate, payment: balance + accrued,
                principal: balance, interest: accrued, prepayment: .zero, balance: .zero))
            let before = balance
            balance = .zero
            record(e.index, e.event, date, before: before, amount: before + accrued)
            ended = true
          } else {
            prepay(balance, .keepTerm, index: e.index, event: e.event, due: due)
          }
        case .termChange(let m):
          guard m >= 1, k + m <= Loan.maximumMonths else {
            throw TimelineError(
              eventIndex: e.index, field: "remainingMonths",
              message:
                "must be between 1 and \(Loan.maximumMonths - k) after installment \(k) (got \(m))")
          }
          n = k + m
          clearsEarly = false
          reamortize(remaining: m)
          record(e.index, e.event, due, before: balance, amount: .zero)
        case .methodChange(let newMethod):
          method = newMethod
          reamortize(remaining: n - k)
          record(e.index, e.event, due, before: balance, amount: .zero)
        case .accountOffset(let offset):
          guard monthly == nil && yearly == nil else {
            throw TimelineError(
              eventIndex: e.index, field: "kind",
              message: "an account offset is already running; one at a time")
          }
          switch offset.mode {
          case .monthly: monthly = (offset.balance, offset.coBalance, offset)
          case .yearly: yearly = (offset.balance, k, offset, e.index)
          }
          record(e.index, e.event, due, before: balance, amount: .zero)
        case .rateChange:
          break  // applied through `changes`
        }
      }
    }
  }

  /// Whether `change` takes effect at or before the start of period `k`.
  static func startsBy(_ change: RateChange, period k: Int, start: LocalDate?) -> Bool {
    switch change {
    case .fromPeriod(let p, _): p <= k
    case .onDate(let date, _): start.map { date <= $0 } ?? false
    }
  }

  /// `Σ aᵢ.units · daysᵢ` from `start` to `end`, splitting at the dated changes between them.
  static func rateDays(
    from start: LocalDate, to end: LocalDate, rate: AnnualRate, changes: [RateChange], next: Int
  ) -> (Int64, AnnualRate) {
    var rate = rate
    var segmentStart = start
    var total: Int64 = 0
    var i = next
    while i < changes.count, case .onDate(let date, let newRate) = changes[i], date < end {
      if date > segmentStart {
        total += rate.units * Int64(segmentStart.days(to: date))
        segmentStart = date
      }
      rate = newRate
      i += 1
    }
    total += rate.units * Int64(segmentStart.days(to: end))
    return (total, rate)
  }

  /// The loan's rate changes and the events' rate changes, in order; for each, the index of the
  /// event it came from (nil for the loan's own).
  func rateChanges() throws(TimelineError) -> ([RateChange], [Int?]) {
    guard events.contains(where: { if case .rateChange = $0.event { true } else { false } }) else {
      return (loan.rateChanges, [])  // no event changes the rate: no owners to track
    }
    var list: [(RateChange, Int?)] = loan.rateChanges.map { ($0, nil) }
    for (i, e) in events.enumerated() {
      guard case .rateChange(let rate) = e.event else { continue }
      guard rate >= .zero && rate <= Loan.maximumRate else {
        throw TimelineError(
          eventIndex: i, field: "rate",
          message: "must be between 0 and 36 (got \(rate.percentText)); rates are in percent")
      }
      switch e.time {
      case .afterInstallment(let k):
        guard k >= 0 else {
          throw TimelineError(
            eventIndex: i, field: "after", message: "must be 0 or more (got \(k))")
        }
        list.append((.fromPeriod(k + 1, rate), i))
      case .onDate(let date):
        try checkDate(date, index: i)
        list.append((.onDate(date, rate), i))
      }
    }
    if let dates = loan.dates {
      list.sort { dates.effectiveDate($0.0) < dates.effectiveDate($1.0) }
    } else {
      list.sort { $0.0.periodOrder < $1.0.periodOrder }
    }
    return (list.map(\.0), list.map(\.1))
  }

  func checkDate(_ date: LocalDate, index: Int) throws(TimelineError) {
    guard let dates = loan.dates else {
      throw TimelineError(
        eventIndex: index, field: "date",
        message:
          "\(date) needs a dated schedule (a start date); give `after` an installment instead")
    }
    guard date > dates.start else {
      throw TimelineError(
        eventIndex: index, field: "date",
        message: "\(date) is not after the disbursement date \(dates.start)")
    }
  }

  /// Non-rate events placed after their installments, in time order (stable).
  func placedEvents() throws(TimelineError) -> [Placed] {
    if events.isEmpty { return [] }
    var placed: [Placed] = []
    for (i, e) in events.enumerated() {
      if case .rateChange = e.event { continue }
      switch e.time {
      case .afterInstallment(let k):
        guard k >= 1 else {
          throw TimelineError(
            eventIndex: i, field: "after",
            message: "must be an installment number, 1 or more (got \(k))")
        }
        placed.append(Placed(index: i, period: k, event: e.event))
      case .onDate(let date):
        try checkDate(date, index: i)
        let dates = loan.dates!
        var k = 0
        while dates.dueDate(k + 1) <= date { k += 1 }
        guard k >= 1 else {
          throw TimelineError(
            eventIndex: i, field: "date",
            message: "\(date) is before the first due date \(dates.dueDate(1))")
        }
        if dates.dueDate(k) == date {
          placed.append(Placed(index: i, period: k, event: e.event))
        } else if case .fullPrepayment = e.event {
          placed.append(Placed(index: i, period: k, event: e.event, payoffDate: date))
        } else {
          throw TimelineError(
            eventIndex: i, field: "date",
            message:
              "\(date) is not a due date: a \(e.event.kindName) takes effect on a due date (\(dates.dueDate(k)) or \(dates.dueDate(k + 1)))"
          )
        }
      }
    }
    return placed.enumerated().sorted {
      ($0.element.period, $0.offset) < ($1.element.period, $1.offset)
    }.map(\.element)
  }
}
