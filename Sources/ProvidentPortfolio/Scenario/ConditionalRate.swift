// Annual and monthly rates of prepayment and default: CPR ↔ SMM, CDR ↔ MDR.
import RealModule

/// Conversions between an annualized conditional rate (CPR for prepayment, CDR for default) and
/// its single-month equivalent (SMM, MDR).
public enum ConditionalRate {
  /// The single-month rate of an annual conditional rate (CPR → SMM, CDR → MDR).
  ///
  /// ```
  ///   SMM = 1 − (1 − CPR)^(1/12)
  /// ```
  /// Computed as `−expm1(log1p(−CPR) / 12)`, which keeps full relative precision for small rates
  /// where `1 − pow(…)` cancels. Special cases: `CPR = 0` → 0; `CPR = 1` → 1.
  ///
  /// - Parameter annual: the annual rate as a fraction, in [0, 1].
  /// - Returns: the monthly rate as a fraction, in [0, 1].
  /// - Complexity: O(1).
  ///
  /// ## Reference
  /// docs/risk-models.md §5: CPR 8 % → SMM 0.0069243826; CPR 43.44 % → 0.0463790502.
  @inlinable
  public static func monthly(annual: Double) -> Double {
    annual >= 1 ? 1 : -Double.expMinusOne(Double.log(onePlus: -annual) / 12)
  }

  /// The annual rate of a single-month rate (SMM → CPR, MDR → CDR).
  ///
  /// ```
  ///   CPR = 1 − (1 − SMM)^12
  /// ```
  /// Computed as `−expm1(12 · log1p(−SMM))`. Special cases: `SMM = 0` → 0; `SMM = 1` → 1.
  ///
  /// ## Reference
  /// docs/risk-models.md §5: SMM 1 % → CPR 0.1136151283.
  @inlinable
  public static func annual(monthly: Double) -> Double {
    monthly >= 1 ? 1 : -Double.expMinusOne(12 * Double.log(onePlus: -monthly))
  }
}
