// A loan and its events, run together (docs/conventions.md §5).

/// An event as applied to the loan.
public struct AppliedEvent: Hashable, Sendable {
  /// Index of the event in the list given (a yearly account offset's prepayments carry the
  /// offset's index).
  public let index: Int
  public let event: LoanEvent
  /// The installment it follows: it takes effect on due date `afterInstallment`.
  public let afterInstallment: Int
  public let date: LocalDate?
  /// Balance after installment `afterInstallment`, before the event.
  public let balanceBefore: Money
  /// What was paid: the prepaid principal, or the payoff amount; zero for other events.
  public let amount: Money
  public let balanceAfter: Money
}

/// A timeline's schedule, the events as applied, and the account offset's months.
public struct TimelineResult: Hashable, Sendable {
  public let schedule: Schedule
  public let applied: [AppliedEvent]
  /// One row per installment while an account offset runs.
  public let accounts: [AccountRow]

  /// Paid from the provident accounts while the offset ran: installments and yearly prepayments.
  public var paidFromAccounts: Money {
    accounts.reduce(.zero) { $0 + $1.fromAccount + $1.fromCoAccount + $1.prepaidFromAccount }
  }
  /// Paid by the borrower in cash while the offset ran.
  public var paidInCash: Money { accounts.reduce(.zero) { $0 + $1.cash } }
}

/// A loan plus an ordered list of events.
///
/// ```swift
/// let loan = try Loan(principal: Money(yuan: 1_000_000), annualRate: AnnualRate(percent: "3.1"),
///                     months: 360)
/// let t = Timeline(loan: loan, events: [
///   TimedEvent(.afterInstallment(36), .prepayment(Money(yuan: 200_000), .keepPayment))])
/// try t.run().schedule.periods      // 36 + 229 = 265
/// ```
public struct Timeline: Hashable, Sendable {
  public let loan: Loan
  public let events: [TimedEvent]

  public init(loan: Loan, events: [TimedEvent]) {
    self.loan = loan
    self.events = events
  }

  /// Runs the loan's ledger with its events, each after its installment in time order (events on
  /// the same due date in the order given).
  ///
  /// - Throws: `TimelineError` naming the event: a prepayment not below the balance, a date before
  ///   disbursement or after payoff, a date that is not a due date (other than for rate changes
  ///   and full prepayments), a term change to zero months, two account offsets at once.
  public func run(convention: Convention = .ledger) throws(TimelineError) -> TimelineResult {
    try validate()
    switch convention {
    case .ledger: return try result(_Ledger.self, convention)
    case .exact: return try result(_Exact.self, convention)
    }
  }

  func result<L: _LedgerArithmetic>(_: L.Type, _ convention: Convention) throws(TimelineError)
    -> TimelineResult
  {
    let out = try _ScheduleEngine<L>(loan: loan, events: events).run()
    return TimelineResult(
      schedule: out.schedule(loan, convention),
      applied: out.applied.map {
        AppliedEvent(
          index: $0.index, event: $0.event, afterInstallment: $0.afterInstallment, date: $0.date,
          balanceBefore: L.shown($0.balanceBefore), amount: L.shown($0.amount),
          balanceAfter: L.shown($0.balanceAfter))
      },
      accounts: out.accounts)
  }

  /// Checks each event's own values (amounts, counts); the engine checks them against the loan.
  func validate() throws(TimelineError) {
    for (i, e) in events.enumerated() {
      switch e.event {
      case .prepayment(let amount, _):
        guard amount > .zero else {
          throw TimelineError(
            eventIndex: i, field: "amount", message: "must be greater than 0 (got \(amount))")
        }
      case .termChange(let m):
        guard m >= 1 else {
          throw TimelineError(
            eventIndex: i, field: "remainingMonths", message: "must be at least 1 (got \(m))")
        }
      case .accountOffset(let o):
        for (field, value) in [
          ("balance", o.balance), ("monthlyDeposit", o.monthlyDeposit),
          ("coBalance", o.coBalance), ("coMonthlyDeposit", o.coMonthlyDeposit),
        ] where value < .zero {
          throw TimelineError(
            eventIndex: i, field: field, message: "must not be negative (got \(value))")
        }
      case .fullPrepayment, .methodChange, .rateChange:
        break
      }
    }
  }
}

// MARK: - Comparisons

/// A loan with and without its events, as officers show borrowers.
public struct TimelineComparison: Hashable, Sendable {
  public let before: Schedule
  public let after: TimelineResult

  public init(_ timeline: Timeline, convention: Convention = .ledger) throws(TimelineError) {
    before = timeline.loan.schedule(convention: convention)
    after = try timeline.run(convention: convention)
  }

  /// Whole-life interest without the events minus with them.
  public var interestSaved: Money { before.totalInterest - after.schedule.totalInterest }
  /// Installments fewer than without the events.
  public var monthsSaved: Int { before.periods - after.schedule.periods }
}

/// One partial prepayment, both strategies side by side (gjj prepay).
public struct PrepaymentQuote: Hashable, Sendable {
  public let afterInstallment: Int
  public let amount: Money
  /// The loan without the prepayment.
  public let before: Schedule
  public let keepTerm: Schedule
  public let keepPayment: Schedule

  /// Prepays `amount` after installment `afterInstallment` under each strategy.
  public init(
    loan: Loan, afterInstallment k: Int, amount: Money, convention: Convention = .ledger
  ) throws(TimelineError) {
    afterInstallment = k
    self.amount = amount
    before = loan.schedule(convention: convention)
    func run(_ s: PrepaymentStrategy) throws(TimelineError) -> Schedule {
      try Timeline(loan: loan, events: [TimedEvent(.afterInstallment(k), .prepayment(amount, s))])
        .run(convention: convention).schedule
    }
    keepTerm = try run(.keepTerm)
    keepPayment = try run(.keepPayment)
  }

  /// Balance after installment `k`, before the prepayment.
  public var balanceBefore: Money { before.installments[afterInstallment - 1].balance }
  /// Installments after `k` without the prepayment.
  public var remainingBefore: Int { before.periods - afterInstallment }
  /// The installment after the prepayment (the first installment after `k`) of `schedule`.
  public func paymentAfter(_ schedule: Schedule) -> Money {
    schedule.installments[afterInstallment].payment
  }
  public func remainingPeriods(_ schedule: Schedule) -> Int { schedule.periods - afterInstallment }
  public func interestSaved(_ schedule: Schedule) -> Money {
    before.totalInterest - schedule.totalInterest
  }
}
