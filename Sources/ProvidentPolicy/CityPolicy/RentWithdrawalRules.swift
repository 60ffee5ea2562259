// A city's rent withdrawal (租房提取) rules.
import ProvidentCore

/// Rent withdrawal (租房提取) rules (docs/domain.md §7.2).
public struct RentWithdrawalRules: Sendable {
  /// Share of the monthly deposit that may be withdrawn each month.
  public var share: Sourced<Percent>? = nil
  /// Months of continuous deposits required.
  public var minDepositMonths: Sourced<Int>? = nil
  /// The applicant must own no home in the city.
  public var noHomeInCity: Sourced<Bool>? = nil
  /// Whether multi-child families may withdraw the actual rent instead.
  public var multiChildActualRent: Sourced<Bool>? = nil

  public init() {}

  public func filled(from fallback: RentWithdrawalRules) -> RentWithdrawalRules {
    var r = self
    r.share = r.share ?? fallback.share
    r.minDepositMonths = r.minDepositMonths ?? fallback.minDepositMonths
    r.noHomeInCity = r.noHomeInCity ?? fallback.noHomeInCity
    r.multiChildActualRent = r.multiChildActualRent ?? fallback.multiChildActualRent
    return r
  }
}
