// Numbers of the risk reports as text: fixed decimals, percents and yuan, independent of locale.
import Foundation
import ProvidentCore
import ProvidentPortfolio
import ProvidentRisk

enum _RiskFormat {
  /// `x` with `places` decimals, rounded half away from zero (`_Numbers.fixed`).
  static func fixed(_ x: Double, _ places: Int) -> String { _Numbers.fixed(x, places) }

  /// A fraction as a percent: `0.0346378455` → `3.4638%` with 4 decimals.
  static func percent(_ x: Double, _ places: Int = 4) -> String { fixed(x * 100, places) + "%" }

  /// Yuan to the fen with grouping (`1,234.56`).
  static func yuan(_ x: Double) -> String { _Numbers.grouped(x) }

  static func money(_ x: Double) -> Money { Money(fen: Int64((x * 100).rounded())) }

  /// An estimate as JSON: value, standard error, 95 % interval (and level).
  static func estimate(_ e: Estimate, _ number: (Double) -> JSONValue) -> JSONValue {
    var fields: [(String, JSONValue)] = []
    if let level = e.level { fields.append(("level", .number(fixed(level, 6)))) }
    fields += [
      ("value", number(e.value)), ("standardError", number(e.standardError)),
      ("lower95", number(e.lower)), ("upper95", number(e.upper)),
    ]
    return .object(fields)
  }

  /// A fraction in JSON with 10 decimals.
  static func rate(_ x: Double) -> JSONValue { .number(fixed(x, 10)) }
  /// Yuan in JSON with two decimals.
  static func amount(_ x: Double) -> JSONValue { .money(money(x)) }

  static func level(_ q: Double) -> String {
    var s = fixed(q * 100, 2)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s + "%"
  }
}
