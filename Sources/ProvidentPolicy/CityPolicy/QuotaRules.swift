// A city's quota rules (额度): caps, multiples, down payments and uplifts, with their sources.
import ProvidentCore

/// One row of a first-match table: the caps for the purchases its condition selects.
public struct CapRow: Sendable {
  public let when: Condition
  public let amounts: HouseholdAmounts
}

/// One row of the down-payment table.
public struct DownPaymentRow: Sendable {
  public let when: Condition
  /// Minimum down payment as a share of the price; the loan-to-value limit is 100 % minus it.
  public let percent: Sourced<Percent>
}

// MARK: - Sections

/// Quota trial rules (额度试算, docs/domain.md §6).
public struct QuotaRules: Sendable {
  /// First matching row gives the cap before uplifts.
  public var caps: [CapRow] = []
  /// Percent added to the cap when the fact holds; the percents add up (docs/domain.md §6.2, Shenzhen).
  public var uplifts: [HomeFact: Sourced<Percent>] = [:]
  /// The largest cap after uplifts, where the source states one.
  public var ceiling: HouseholdAmounts? = nil
  /// First matching row gives the minimum down payment.
  public var downPayment: [DownPaymentRow] = []
  /// Account balances × this multiple.
  public var balanceMultiple: Sourced<Int64>? = nil
  /// The multiple by the fund's loan ratio (Changsha).
  public var balanceMultipleByLoanRatio: Sourced<[Band<Int64>]>? = nil
  /// Amount per year of contributions (Beijing 2018).
  public var perDepositYear: Sourced<Money>? = nil
  /// Share of monthly income the installment may take (repayment capacity).
  public var incomeShare: Sourced<Percent>? = nil
  /// Computed limbs are rounded down to a multiple of this amount.
  public var rounding: Sourced<Money>? = nil

  public init() {}

  /// This section's values, with `fallback`'s where this one has none.
  public func filled(from fallback: QuotaRules) -> QuotaRules {
    var r = self
    if r.caps.isEmpty { r.caps = fallback.caps }
    for (k, v) in fallback.uplifts where r.uplifts[k] == nil { r.uplifts[k] = v }
    r.ceiling = r.ceiling ?? fallback.ceiling
    if r.downPayment.isEmpty { r.downPayment = fallback.downPayment }
    if r.balanceMultiple == nil && r.balanceMultipleByLoanRatio == nil {
      r.balanceMultiple = fallback.balanceMultiple
      r.balanceMultipleByLoanRatio = fallback.balanceMultipleByLoanRatio
    }
    r.perDepositYear = r.perDepositYear ?? fallback.perDepositYear
    r.incomeShare = r.incomeShare ?? fallback.incomeShare
    r.rounding = r.rounding ?? fallback.rounding
    return r
  }
}
