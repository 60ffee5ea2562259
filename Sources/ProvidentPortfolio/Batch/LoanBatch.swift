// Loans as plain floating-point columns, for analytics: level installments of many loans at once.
import ProvidentCore

/// Shapes that do not fit: columns of different lengths.
public struct BatchShapeError: Error, Hashable, Sendable, CustomStringConvertible {
  public let message: String
  public var description: String { message }
}

/// Many loans as floating-point columns (analytics only; the ledger is `Loan` and the fen-exact
/// kernels).
public struct LoanBatch: Sendable {
  /// Principal (or balance), in any unit of money.
  public let principal: [Double]
  /// Monthly rate as a fraction, in [0, 0.1] (annual rates up to 120 %).
  public let monthlyRate: [Double]
  /// Number of monthly installments, ≥ 1.
  public let months: [Double]

  public init(principal: [Double], monthlyRate: [Double], months: [Double]) throws(BatchShapeError)
  {
    guard principal.count == monthlyRate.count, principal.count == months.count else {
      throw BatchShapeError(
        message:
          "principal, monthlyRate and months must have the same length (got \(principal.count), \(monthlyRate.count), \(months.count))"
      )
    }
    self.principal = principal
    self.monthlyRate = monthlyRate
    self.months = months
  }

  public var count: Int { principal.count }

  /// The level installment of every loan (spreadsheet `PMT`, sign reversed).
  ///
  /// ```
  ///              P · r
  ///   A  =  ───────────────────────        r = 0  ⇒  A = P / n
  ///          −expm1(−n · log1p(r))
  /// ```
  /// Element `i` equals `Annuity.payment(principal:monthlyRate:periods:)` of loan `i` within
  /// 1e-14 relative. Eight loans at a time (`SIMD8<Double>`), then a scalar tail; a rate outside
  /// [0, 0.1] or a term outside [1, 600] takes the scalar libm path.
  ///
  /// - Returns: one installment per loan, positive.
  /// - Complexity: O(n), one allocation.
  ///
  /// ## Reference
  /// Matches `numpy_financial.pmt(r, n, −P)`.
  public func payments() -> [Double] {
    let n = count
    return [Double](unsafeUninitializedCapacity: n) { out, done in
      principal.withUnsafeBufferPointer { p in
        monthlyRate.withUnsafeBufferPointer { r in
          months.withUnsafeBufferPointer { m in
            _payments(p.baseAddress!, r.baseAddress!, m.baseAddress!, out.baseAddress!, n)
          }
        }
      }
      done = n
    }
  }
}

/// Level installments of `n` loans into `out`.
func _payments(
  _ p: UnsafePointer<Double>, _ r: UnsafePointer<Double>, _ m: UnsafePointer<Double>,
  _ out: UnsafeMutablePointer<Double>, _ n: Int
) {
  var i = 0
  let raw = UnsafeRawPointer(p)
  let rawR = UnsafeRawPointer(r)
  let rawM = UnsafeRawPointer(m)
  while i + 8 <= n {
    let pv = raw.loadUnaligned(fromByteOffset: i * 8, as: SIMD8<Double>.self)
    let rv = rawR.loadUnaligned(fromByteOffset: i * 8, as: SIMD8<Double>.self)
    let mv = rawM.loadUnaligned(fromByteOffset: i * 8, as: SIMD8<Double>.self)
    if all((rv .> 0) .& (rv .<= 0.1) .& (mv .>= 1) .& (mv .<= 600)) {
      let a = pv * rv / -_expm1(-mv * _log1p(rv))
      UnsafeMutableRawPointer(out).storeBytes(of: a, toByteOffset: i * 8, as: SIMD8<Double>.self)
    } else {
      for j in i..<(i + 8) {
        out[j] = Annuity.payment(principal: p[j], monthlyRate: r[j], periods: m[j])
      }
    }
    i += 8
  }
  while i < n {
    out[i] = Annuity.payment(principal: p[i], monthlyRate: r[i], periods: m[i])
    i += 1
  }
}

extension LoanBook {
  /// The book as a floating-point batch at the as-of date: balance (fen), current monthly rate,
  /// remaining months.
  public func batch() -> LoanBatch {
    let n = count
    var p = [Double](repeating: 0, count: n)
    var r = [Double](repeating: 0, count: n)
    var m = [Double](repeating: 0, count: n)
    for i in 0..<n {
      p[i] = Double(balanceFen[i])
      r[i] = Double(rateUnits[i]) / Double(12 * AnnualRate.unitsPerWhole)
      m[i] = Double(remainingMonths(i))
    }
    return try! LoanBatch(principal: p, monthlyRate: r, months: m)
  }

  /// The ledger installment of every loan at the as-of date, in fen: the book's `payment` where it
  /// gives one, else `Annuity.ledgerPayment` of the balance over the remaining term at the current
  /// rate (equal installment) or `round(balance / remaining)` (equal principal).
  ///
  /// - Complexity: O(n).
  public func ledgerPayments() -> [Int64] {
    (0..<count).map { i in
      if paymentFen[i] >= 0 { return paymentFen[i] }
      let remaining = remainingMonths(i)
      return method[i] == .equalInstallment
        ? Annuity.ledgerPayment(
          balanceFen: balanceFen[i], rate: AnnualRate(units: rateUnits[i]), periods: remaining)
        : _Fen.quotient(balanceFen[i], Int64(remaining))
    }
  }
}
