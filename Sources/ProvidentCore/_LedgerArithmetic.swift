// The two conventions of docs/conventions.md §1 as one arithmetic interface, so that one schedule engine
// serves both: `ledger` rounds every booked amount to the fen; `exact` rounds only when shown.
import Foundation

/// The arithmetic a schedule is computed in. Amounts are in fen.
@usableFromInline
protocol _LedgerArithmetic {
  associatedtype Amount: AdditiveArithmetic & Comparable & Sendable

  static func amount(_ money: Money) -> Amount
  /// The amount as shown: rounded half up to the fen.
  static func shown(_ amount: Amount) -> Money
  /// `B · a / 12`: a regular month's interest.
  static func monthlyInterest(on balance: Amount, at rate: AnnualRate) -> Amount
  /// `B · Σ(aᵢ · daysᵢ) / 360`: interest charged per day; `rateDays` is `Σ aᵢ.units · daysᵢ`.
  static func dailyInterest(on balance: Amount, rateDays: Int64) -> Amount
  /// `PMT(B, a/12, n)`: the level installment that repays `balance` in `periods` installments.
  static func levelPayment(on balance: Amount, at rate: AnnualRate, periods: Int) -> Amount
  /// `B / n`: equal principal's monthly principal.
  static func equalPrincipal(of balance: Amount, periods: Int) -> Amount
  /// Installments of `level` that repay `balance` (docs/conventions.md §5, keep payment): equal installment
  /// `⌈−ln(1 − B·r/A)/ln(1+r)⌉`, equal principal `⌈B/d⌉`; nil when `level` never repays it.
  static func periodsToRepay(
    _ balance: Amount, level: Amount, rate: AnnualRate, method: RepaymentMethod
  ) -> Int?
}

// MARK: - Ledger: integer fen, every amount rounded half up as it is booked

@usableFromInline
enum _Ledger: _LedgerArithmetic {
  @usableFromInline typealias Amount = Int64

  @inlinable static func amount(_ money: Money) -> Int64 { money.fen }
  @inlinable static func shown(_ amount: Int64) -> Money { Money(fen: amount) }

  @inlinable
  static func monthlyInterest(on balance: Int64, at rate: AnnualRate) -> Int64 {
    _roundedProduct(balance, rate.units, over: 12 * AnnualRate.unitsPerWhole)
  }

  @inlinable
  static func dailyInterest(on balance: Int64, rateDays: Int64) -> Int64 {
    _roundedProduct(balance, rateDays, over: 360 * AnnualRate.unitsPerWhole)
  }

  @inlinable
  static func levelPayment(on balance: Int64, at rate: AnnualRate, periods: Int) -> Int64 {
    Annuity.ledgerPayment(balanceFen: balance, rate: rate, periods: periods)
  }

  @inlinable
  static func equalPrincipal(of balance: Int64, periods: Int) -> Int64 {
    _roundedQuotient(balance, Int64(periods))
  }

  @usableFromInline
  static func periodsToRepay(
    _ balance: Int64, level: Int64, rate: AnnualRate, method: RepaymentMethod
  ) -> Int? {
    switch method {
    case .equalInstallment:
      return Annuity.periodsToRepay(balanceFen: balance, paymentFen: level, rate: rate)
    case .equalPrincipal:
      return level > 0 ? Int((balance + level - 1) / level) : nil
    }
  }
}

// MARK: - Exact: no rounding until an amount is shown

@usableFromInline
enum _Exact: _LedgerArithmetic {
  @usableFromInline typealias Amount = Decimal

  static let monthDivisor = Decimal(12 * AnnualRate.unitsPerWhole)
  static let dayDivisor = Decimal(360 * AnnualRate.unitsPerWhole)

  @usableFromInline static func amount(_ money: Money) -> Decimal { Decimal(money.fen) }

  @usableFromInline static func shown(_ amount: Decimal) -> Money {
    Money(fen: _decimalRoundedToInteger(amount))
  }

  @usableFromInline
  static func monthlyInterest(on balance: Decimal, at rate: AnnualRate) -> Decimal {
    balance * Decimal(rate.units) / monthDivisor
  }

  @usableFromInline
  static func dailyInterest(on balance: Decimal, rateDays: Int64) -> Decimal {
    balance * Decimal(rateDays) / dayDivisor
  }

  @usableFromInline
  static func levelPayment(on balance: Decimal, at rate: AnnualRate, periods: Int) -> Decimal {
    Annuity.decimalPayment(balance: balance, rate: rate, periods: periods)
  }

  @usableFromInline
  static func equalPrincipal(of balance: Decimal, periods: Int) -> Decimal {
    balance / Decimal(periods)
  }

  @usableFromInline
  static func periodsToRepay(
    _ balance: Decimal, level: Decimal, rate: AnnualRate, method: RepaymentMethod
  ) -> Int? {
    guard level > 0 else { return nil }
    switch method {
    case .equalInstallment:
      let b = NSDecimalNumber(decimal: balance).doubleValue
      let a = NSDecimalNumber(decimal: level).doubleValue
      if rate.units == 0 { return Int((b / a).rounded(.up)) }
      let r = rate.fraction / 12
      let ratio = b * r / a
      guard ratio < 1 else { return nil }
      return Int((-log1p(-ratio) / log1p(r)).rounded(.up))
    case .equalPrincipal:
      var q = balance / level
      var up = Decimal()
      NSDecimalRound(&up, &q, 0, .up)
      return NSDecimalNumber(decimal: up).intValue
    }
  }
}

// MARK: - Integer rounding

/// `n / d` rounded half away from zero (half up for the non-negative amounts of a ledger); `d > 0`.
@inlinable @inline(__always)
func _roundedQuotient(_ n: Int64, _ d: Int64) -> Int64 {
  let q = n / d
  let r = n % d
  if n >= 0 { return r >= d - r ? q + 1 : q }
  return -r >= d + r ? q - 1 : q
}

/// `a · b / d` rounded half away from zero, exactly, for any `Int64` inputs whose result fits.
@inlinable @inline(__always)
func _roundedProduct(_ a: Int64, _ b: Int64, over d: Int64) -> Int64 {
  let (p, overflow) = a.multipliedReportingOverflow(by: b)
  if !overflow { return _roundedQuotient(p, d) }
  let n = Int128(a) * Int128(b)
  let dd = Int128(d)
  let q = n / dd
  let r = n % dd
  if n >= 0 { return Int64(r >= dd - r ? q + 1 : q) }
  return Int64(-r >= dd + r ? q - 1 : q)
}

/// A `Decimal` rounded half away from zero to a whole number.
@usableFromInline
func _decimalRoundedToInteger(_ value: Decimal) -> Int64 {
  var input = value
  var output = Decimal()
  NSDecimalRound(&output, &input, 0, .plain)
  return NSDecimalNumber(decimal: output).int64Value
}
