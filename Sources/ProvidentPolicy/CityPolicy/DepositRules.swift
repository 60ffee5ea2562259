// A city's deposit (缴存) rules: base limits, ratios and rounding.
import ProvidentCore

/// How contributions are rounded.
public enum ContributionRounding: String, Hashable, Sendable, CaseIterable {
  /// Half up to the fen.
  case fen
  /// Half up to the whole yuan.
  case yuan
}

/// Deposit (缴存) rules (docs/domain.md §7.1).
public struct DepositRules: Sendable {
  /// Lowest contribution ratio, each side.
  public var minRatio: Sourced<Percent>? = nil
  /// Highest contribution ratio, each side.
  public var maxRatio: Sourced<Percent>? = nil
  /// The wage base is at most this multiple of the local average monthly wage.
  public var baseCapAverageWageMultiple: Sourced<Int64>? = nil
  /// The wage base is at least this share of the local average monthly wage.
  public var baseFloorAverageWageShare: Sourced<Percent>? = nil
  /// The wage base cap as an amount, where the city publishes one.
  public var baseCap: Sourced<Money>? = nil
  /// The wage base floor as an amount, where the city publishes one.
  public var baseFloor: Sourced<Money>? = nil
  /// How each side's contribution is rounded.
  public var rounding: Sourced<ContributionRounding>? = nil

  public init() {}

  public func filled(from fallback: DepositRules) -> DepositRules {
    var r = self
    r.minRatio = r.minRatio ?? fallback.minRatio
    r.maxRatio = r.maxRatio ?? fallback.maxRatio
    if r.baseCap == nil {
      r.baseCapAverageWageMultiple =
        r.baseCapAverageWageMultiple ?? fallback.baseCapAverageWageMultiple
    }
    if r.baseFloor == nil {
      r.baseFloorAverageWageShare =
        r.baseFloorAverageWageShare ?? fallback.baseFloorAverageWageShare
    }
    r.rounding = r.rounding ?? fallback.rounding
    return r
  }
}
