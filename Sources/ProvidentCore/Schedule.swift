// A loan's repayment schedule: its installments and totals.

/// One installment of a schedule. Amounts are as booked (ledger) or as shown (exact).
public struct Installment: Hashable, Sendable {
  /// 1-based installment number.
  public let period: Int
  /// Due date, in a dated schedule.
  public let dueDate: LocalDate?
  /// The rate in force on the due date.
  public let annualRate: AnnualRate
  public let payment: Money
  public let principal: Money
  public let interest: Money
  /// Principal prepaid on this due date, after the installment (0 without events).
  public let prepayment: Money
  /// Balance after this installment and any prepayment.
  public let balance: Money
}

/// A loan's installments and their totals under one convention.
public struct Schedule: Hashable, Sendable {
  public let method: RepaymentMethod
  public let convention: Convention
  public let installments: [Installment]
  /// Σ interest: the booked sum (ledger) or the unrounded sum rounded once (exact).
  public let totalInterest: Money
  /// Σ installments plus prepayments, likewise: principal + total interest.
  public let totalPayment: Money
  /// Σ prepayments.
  public let totalPrepayment: Money
  /// Whether installment 1 is a broken period charged per day.
  public let isDated: Bool

  /// The regular installment: installment 1, or installment 2 when installment 1 is a broken
  /// period. For equal principal, the first regular installment.
  public var regularPayment: Money {
    isDated && installments.count >= 2 ? installments[1].payment : installments[0].payment
  }
  public var firstPayment: Money { installments[0].payment }
  public var lastPayment: Money { installments[installments.count - 1].payment }
  public var periods: Int { installments.count }
  /// The principal the schedule repays: the balance before installment 1.
  public var principal: Money {
    installments.first.map { $0.principal + $0.prepayment + $0.balance } ?? .zero
  }
}
