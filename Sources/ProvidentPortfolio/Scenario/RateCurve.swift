// A prepayment or default assumption through time.

/// An annualized prepayment (CPR) or default (CDR) rate through time.
///
/// Each month of the projection a loan's single-month rate is
/// `ConditionalRate.monthly(annual: rate(month, age))`, where `month` counts installments after the
/// as-of date (1, 2, …) and `age` counts installments since disbursement (`months_paid + month`).
public enum RateCurve: Hashable, Sendable {
  /// The same annual rate every month.
  case constant(Double)
  /// One annual rate per projection month; after the last, the last holds.
  case monthly([Double])
  /// A PSA-style ramp by loan age:
  ///
  /// ```
  ///   rate(age) = peak · min(age, months) / months
  /// ```
  /// PSA 100 is `ramp(peak: 0.06, months: 30)` (0.2 % a month up to 6 % at month 30); PSA 150 is
  /// `ramp(peak: 0.09, months: 30)`.
  case ramp(peak: Double, months: Int)

  /// No prepayment or default.
  public static let zero = RateCurve.constant(0)

  /// The PSA benchmark at `speed` percent (100 = the standard ramp to 6 % CPR at 30 months).
  public static func psa(_ speed: Double) -> RateCurve {
    .ramp(peak: 0.06 * speed / 100, months: 30)
  }

  /// The annual rate for projection month `month` (1-based) of a loan aged `age` months then.
  @inlinable
  public func annualRate(month: Int, age: Int) -> Double {
    switch self {
    case .constant(let r): r
    case .monthly(let v): v.isEmpty ? 0 : v[min(max(month, 1), v.count) - 1]
    case .ramp(let peak, let months): peak * (Double(min(max(age, 0), months)) / Double(months))
    }
  }

  /// Whether the rate depends on the loan's age rather than only the projection month.
  public var dependsOnAge: Bool {
    if case .ramp = self { return true }
    return false
  }

  /// Whether the rate is 0 in every month.
  public var isZero: Bool {
    switch self {
    case .constant(let r): r == 0
    case .monthly(let v): v.allSatisfy { $0 == 0 }
    case .ramp(let peak, _): peak == 0
    }
  }

  /// The single-month rates for months `1...months` (by projection month) or ages `0...months`
  /// (by age), for the kernels.
  func monthlyTable(count: Int) -> [Double] {
    (0...count).map { i in
      ConditionalRate.monthly(annual: annualRate(month: i, age: i))
    }
  }
}
