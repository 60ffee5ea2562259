// Events on a loan (docs/conventions.md §5): prepayments, term and method changes, rate changes and account
// offsets, each at a point of the loan's life.

/// How a partial prepayment reshapes the rest of the loan.
public enum PrepaymentStrategy: String, Hashable, Sendable, CaseIterable {
  /// 减少月供: keep the remaining term, lower the installment.
  case keepTerm
  /// 缩短年限: keep the installment, shorten the term; the last installment clears the balance.
  case keepPayment
}

/// Paying installments from provident fund accounts (冲还贷, docs/conventions.md §5).
public struct AccountOffset: Hashable, Sendable {
  public enum Mode: String, Hashable, Sendable, CaseIterable {
    /// 按月冲还贷: each installment is paid from the borrower's account, then the co-borrower's,
    /// as far as they allow; the borrower pays the rest. The ledger is unchanged.
    case monthly
    /// 年冲: once a year (on the event's due date and every 12 installments after) the whole
    /// borrower's account prepays principal with `strategy`.
    case yearly
  }

  public let mode: Mode
  /// The borrower's account balance when the offset starts.
  public let balance: Money
  /// What the borrower's account receives each month (employee + employer deposits).
  public let monthlyDeposit: Money
  /// The co-borrower's (spouse's) account, monthly mode only.
  public let coBalance: Money
  public let coMonthlyDeposit: Money
  /// Yearly mode: how each yearly prepayment reshapes the loan.
  public let strategy: PrepaymentStrategy

  public init(
    mode: Mode, balance: Money, monthlyDeposit: Money = .zero, coBalance: Money = .zero,
    coMonthlyDeposit: Money = .zero, strategy: PrepaymentStrategy = .keepTerm
  ) {
    self.mode = mode
    self.balance = balance
    self.monthlyDeposit = monthlyDeposit
    self.coBalance = coBalance
    self.coMonthlyDeposit = coMonthlyDeposit
    self.strategy = strategy
  }
}

/// Something that happens to a loan.
public enum LoanEvent: Hashable, Sendable {
  /// A partial prepayment of principal; more than the balance is an error.
  case prepayment(Money, PrepaymentStrategy)
  /// Repay everything: the payoff quote of docs/conventions.md §3; the loan ends.
  case fullPrepayment
  /// 缩期/延期: the remaining term becomes this many months.
  case termChange(remainingMonths: Int)
  /// Switch to the other method over the remaining term.
  case methodChange(RepaymentMethod)
  /// A new rate (docs/conventions.md §4): from the next period when on a due date, split when inside one.
  case rateChange(AnnualRate)
  /// Start paying from provident accounts.
  case accountOffset(AccountOffset)

  /// The name used in messages and in events files: `prepayment`, `term-change`, …
  public var kindName: String {
    switch self {
    case .prepayment: "prepayment"
    case .fullPrepayment: "full-prepayment"
    case .termChange: "term-change"
    case .methodChange: "method-change"
    case .rateChange: "rate-change"
    case .accountOffset: "account-offset"
    }
  }
}

/// When an event takes effect.
public enum EventTime: Hashable, Sendable {
  /// On due date `k`, after installment `k` is paid (0: at disbursement, before installment 1).
  case afterInstallment(Int)
  /// On a date of a dated schedule. Rate changes and full prepayments may fall on any date; the
  /// other events must fall on a due date.
  case onDate(LocalDate)
}

/// An event at its time.
public struct TimedEvent: Hashable, Sendable {
  public let time: EventTime
  public let event: LoanEvent

  public init(_ time: EventTime, _ event: LoanEvent) {
    self.time = time
    self.event = event
  }
}

/// An event that cannot apply, naming the event (its index in the list given) and the reason.
public struct TimelineError: Error, Equatable, Sendable, CustomStringConvertible {
  /// 0-based index of the event in the list given.
  public let eventIndex: Int
  /// The event's field at fault: `amount`, `after`, `date`, `remainingMonths`, …
  public let field: String
  public let message: String

  public init(eventIndex: Int, field: String, message: String) {
    self.eventIndex = eventIndex
    self.field = field
    self.message = message
  }

  /// `events[2].amount: 950000.00 is above the balance 936446.83 after installment 36`.
  public var description: String { "events[\(eventIndex)].\(field): \(message)" }
}

/// One month of an account offset: what the accounts paid and what they hold.
public struct AccountRow: Hashable, Sendable {
  public let period: Int
  /// Deposits credited to the accounts this month.
  public let deposits: Money
  /// Paid towards the installment from the borrower's account, then the co-borrower's.
  public let fromAccount: Money
  public let fromCoAccount: Money
  /// What the borrower paid in cash.
  public let cash: Money
  /// Principal prepaid from the account on this due date (yearly offset).
  public internal(set) var prepaidFromAccount: Money
  /// Balances after this month.
  public internal(set) var accountBalance: Money
  public let coAccountBalance: Money
}
