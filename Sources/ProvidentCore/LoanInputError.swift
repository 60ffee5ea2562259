// Errors in the terms of a loan, each naming the field, the value and the rule.

/// The input a `LoanInputError` is about. The command line maps each to its option name.
public enum LoanField: Hashable, Sendable {
  case principal
  case annualRate
  case months
  case paymentDay
  case start
  /// The rate change at this index (0-based) of the list given.
  case rateChange(index: Int)
  case payoffDate

  /// The name used in library messages.
  public var name: String {
    switch self {
    case .principal: "principal"
    case .annualRate: "annualRate"
    case .months: "months"
    case .paymentDay: "paymentDay"
    case .start: "start"
    case .rateChange(let i): "rateChanges[\(i)]"
    case .payoffDate: "payoffDate"
    }
  }
}

/// Loan terms that cannot be computed, with the field, the value and the rule broken.
///
/// `description` reads `"<field> <rule> (got <value>)"`, plus a hint where a mistake is likely:
/// `annualRate must be between 0 and 36 (got 310); rates are in percent: 3.1 means 3.1%`.
public struct LoanInputError: Error, Equatable, Sendable, CustomStringConvertible {
  public let field: LoanField
  /// The rule and the offending value, without the field's name: `must be at least 1 (got 0)`.
  public let message: String
  /// Advice for a likely mistake, or nil.
  public let hint: String?

  public init(_ field: LoanField, _ message: String, hint: String? = nil) {
    self.field = field
    self.message = message
    self.hint = hint
  }

  /// The message with the field called `name` (the CLI passes its option name).
  public func message(calling name: String) -> String {
    "\(name) \(message)" + (hint.map { "; \($0)" } ?? "")
  }

  public var description: String { message(calling: field.name) }

  static let percentHint = "rates are in percent: 3.1 means 3.1%"
}
