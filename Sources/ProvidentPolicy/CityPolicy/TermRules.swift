// A city's term limits: age, building age, the longest term.
import ProvidentCore

/// Loan term rules (docs/domain.md §6.4).
public struct TermRules: Sendable {
  /// The longest term, in years.
  public var maxYears: Sourced<Int>? = nil
  /// Age at the end of the term ≤ statutory retirement age + this many years.
  public var retirementAllowanceYears: Sourced<Int>? = nil
  /// Resale homes: the longest term by the building's age (Shanghai).
  public var buildingAge: Sourced<[Band<BuildingAgeTerm>]>? = nil

  public init() {}

  public func filled(from fallback: TermRules) -> TermRules {
    var r = self
    r.maxYears = r.maxYears ?? fallback.maxYears
    r.retirementAllowanceYears = r.retirementAllowanceYears ?? fallback.retirementAllowanceYears
    r.buildingAge = r.buildingAge ?? fallback.buildingAge
    return r
  }
}
