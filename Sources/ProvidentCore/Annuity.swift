// The level installment (等额本息) of an annuity loan.
import Foundation

/// Formulas of the level-installment (annuity) loan.
public enum Annuity {
  /// The level installment in fen, rounded half up (spreadsheet `PMT`, sign reversed).
  ///
  /// ```
  ///            P · r · (1+r)^n            P · r
  ///   A  =  ─────────────────── = ──────────────────────       r = a / 12
  ///            (1+r)^n − 1         −expm1(−n · log1p(r))
  /// ```
  /// Special case: `r = 0` gives `round(P / n)`.
  ///
  /// `(1+r)^n − 1` is computed as `expm1(n · log1p(r))`, which keeps the relative error near
  /// 1e-16 where the naive `pow` loses digits for small `r`; the unrounded payment is right to far
  /// under a thousandth of a fen for any loan Provident accepts. When it lies within that error of
  /// a half fen, the rounding is decided in 38-digit decimal arithmetic instead, so a true half
  /// fen rounds up every time (docs/conventions.md §2).
  ///
  /// - Parameters:
  ///   - balanceFen: the amount to repay, in fen; ≥ 0.
  ///   - rate: nominal annual rate; ≥ 0.
  ///   - periods: number of monthly installments; ≥ 1.
  /// - Returns: the installment in fen (positive: what the borrower pays).
  /// - Complexity: O(1).
  @inlinable
  public static func ledgerPayment(balanceFen: Int64, rate: AnnualRate, periods: Int) -> Int64 {
    precondition(periods >= 1, "periods must be at least 1")
    if rate.units == 0 { return _roundedQuotient(balanceFen, Int64(periods)) }
    let r = Double(rate.units) / Double(12 * AnnualRate.unitsPerWhole)
    let x = Double(balanceFen) * r / -expm1(-Double(periods) * log1p(r))
    let floor = x.rounded(.down)
    let distanceFromHalf = abs(x - floor - 0.5)
    if distanceFromHalf > max(1e-6, abs(x) * 1e-13) {
      return Int64(x.rounded(.toNearestOrAwayFromZero))
    }
    return _decimalRoundedToInteger(
      decimalPayment(balance: Decimal(balanceFen), rate: rate, periods: periods))
  }

  /// The level installment, unrounded, in 38-digit decimal arithmetic (the `exact` convention).
  ///
  /// Same formula and special case as `ledgerPayment(balanceFen:rate:periods:)`; `(1+r)^n` is
  /// raised by repeated squaring.
  public static func decimalPayment(balance: Decimal, rate: AnnualRate, periods: Int) -> Decimal {
    if rate.units == 0 { return balance / Decimal(periods) }
    let r = Decimal(rate.units) / Decimal(12 * AnnualRate.unitsPerWhole)
    let growth = power(1 + r, periods)
    return balance * r * growth / (growth - 1)
  }

  @usableFromInline static func power(_ base: Decimal, _ exponent: Int) -> Decimal {
    var result = Decimal(1)
    var b = base
    var e = exponent
    while e > 0 {
      if e & 1 == 1 { result *= b }
      e >>= 1
      if e > 0 { b *= b }
    }
    return result
  }

  /// The level installment as a floating-point number (analytics only; not for the ledger).
  ///
  /// ```
  ///   A = P · r / (−expm1(−n · log1p(r)))        r = 0  ⇒  A = P / n
  /// ```
  @inlinable
  public static func payment(principal: Double, monthlyRate r: Double, periods n: Double) -> Double
  {
    r == 0 ? principal / n : principal * r / -expm1(-n * log1p(r))
  }

  /// The number of level installments of `payment` that repay `balance` at monthly rate `r`,
  /// rounded up (keep-payment prepayment, docs/conventions.md §5):
  ///
  /// ```
  ///   n' = ⌈ −ln(1 − B·r / A) / ln(1 + r) ⌉          r = 0  ⇒  n' = ⌈B / A⌉
  /// ```
  /// Returns nil when the payment does not cover a month's interest (`A ≤ B·r`).
  public static func periodsToRepay(balanceFen: Int64, paymentFen: Int64, rate: AnnualRate) -> Int?
  {
    guard paymentFen > 0 else { return nil }
    if balanceFen <= 0 { return 0 }
    if rate.units == 0 { return Int((balanceFen + paymentFen - 1) / paymentFen) }
    let r = Double(rate.units) / Double(12 * AnnualRate.unitsPerWhole)
    let ratio = Double(balanceFen) * r / Double(paymentFen)
    guard ratio < 1 else { return nil }
    return Int((-log1p(-ratio) / log1p(r)).rounded(.up))
  }
}
