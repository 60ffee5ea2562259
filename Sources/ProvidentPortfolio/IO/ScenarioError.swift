// The error every YAML input (scenario, factor, link, delinquency and liquidity files) reports.

/// A scenario, factor or link file that cannot be used: the line, the key path, the value and the
/// rule.
///
/// `description` reads `scenarios.yaml:7: scenarios[1].cpr must be a fraction between 0 and 1 or a
/// percent such as 6% (got 6)`.
public struct ScenarioError: Error, Hashable, Sendable, CustomStringConvertible {
  public let line: Int?
  public let message: String

  public var description: String { (line.map { "line \($0): " } ?? "") + message }
}
