// Bad inputs to the risk models: the field, the value and the rule, on one line.
import ProvidentPortfolio

/// An input a risk model cannot take.
///
/// `description` reads `pd must be a fraction strictly between 0 and 1 (got 1.2)`.
public struct RiskInputError: Error, Hashable, Sendable, CustomStringConvertible {
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }

  /// A fraction written `0.06` or `6%`: the value, or an error naming `name`.
  ///
  /// A bare number above 1 is rejected with a hint (`6` is not six percent), so that percent and
  /// fraction cannot be confused.
  public static func fraction(_ text: String, name: String) throws(RiskInputError) -> Double {
    guard let (value, percent) = _fractionText(text) else {
      throw RiskInputError("\(name) must be a number such as 0.01 or 1% (got '\(text)')")
    }
    guard value >= 0 && value <= 1 else {
      throw RiskInputError(
        "\(name) must be a fraction between 0 and 1 or a percent such as 1% (got \(text))"
          + (percent ? "" : "; write \(text)% or \(value / 100) for \(text) percent"))
    }
    return value
  }

  static func check(_ value: Double, _ name: String, open range: ClosedRange<Double>)
    throws(RiskInputError)
  {
    guard value.isFinite, value > range.lowerBound, value < range.upperBound else {
      throw RiskInputError(
        "\(name) must be strictly between \(range.lowerBound) and \(range.upperBound) (got \(value))"
      )
    }
  }
}
