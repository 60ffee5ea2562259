// One condition of a city's rules checked against what the applicant said.

/// One eligibility condition and its outcome.
public struct RuleCheck: Sendable {
  public enum Status: String, Sendable {
    /// The applicant meets it.
    case met
    /// The applicant does not meet it: not eligible.
    case failed
    /// It could not be checked: the fact was not given, or the rules say nothing for it.
    case unchecked
  }

  /// `offered`, `loanRatioGate`, `minMonthsRepaid`, `noOverdue`, `minDepositMonths`, …
  public let id: String
  public let status: Status
  /// One line: the rule, the fact and the sources.
  public let explain: String
  public let citation: Citation?

  public init(id: String, status: Status, explain: String, citation: Citation?) {
    self.id = id
    self.status = status
    self.explain = explain
    self.citation = citation
  }
}

extension RuleCheck {
  /// A yes/no condition: met when `fact` is `wanted`; unchecked when the fact was not given; nil
  /// when the rules do not impose it.
  ///
  /// `what` names the fact: `property certificate issued: yes [S65;S66;S67]`.
  static func yesNo(
    _ id: String, _ rule: Sourced<Bool>?, _ fact: Bool?, wanted: Bool, _ what: String
  ) -> RuleCheck? {
    guard let rule, rule.value else { return nil }
    guard let fact else {
      return RuleCheck(
        id: id, status: .unchecked,
        explain: "\(what) must be \(wanted ? "yes" : "no") \(rule.citation.tag): not given",
        citation: rule.citation)
    }
    return RuleCheck(
      id: id, status: fact == wanted ? .met : .failed,
      explain: "\(what): \(fact ? "yes" : "no") \(rule.citation.tag)", citation: rule.citation)
  }

  /// A minimum count: met when `value ≥ rule`; unchecked when the value was not given.
  ///
  /// `what` names the count: `months repaid` → `repaid 8 months, fewer than 12 [S65]`.
  static func atLeast(
    _ id: String, _ rule: Sourced<Int>?, _ value: Int?, _ what: String
  ) -> RuleCheck? {
    guard let rule else { return nil }
    guard let value else {
      return RuleCheck(
        id: id, status: .unchecked,
        explain: "needs at least \(rule.value) \(what) \(rule.citation.tag): not given",
        citation: rule.citation)
    }
    let met = value >= rule.value
    return RuleCheck(
      id: id, status: met ? .met : .failed,
      explain:
        "\(value) \(what), \(met ? "at least" : "fewer than") \(rule.value) \(rule.citation.tag)",
      citation: rule.citation)
  }
}
