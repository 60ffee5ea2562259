// Floating-point analytics as text, one formatter for every report: fixed decimals without
// locale, grouped yuan, percents, and the JSON forms of numbers, amounts and estimates.
import ProvidentCore
import ProvidentRisk

enum _Numbers {
  /// `x` rounded half away from zero to `places` decimals: `fixed(92454.8234, 2)` is `92454.82`.
  /// Non-finite values print as `—`.
  static func fixed(_ x: Double, _ places: Int) -> String {
    guard x.isFinite else { return "—" }
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    guard abs(x) * scale < 9e15 else { return String(x) }
    let scaled = Int64((abs(x) * scale).rounded())
    let negative = x < 0 && scaled != 0
    let whole = String(scaled / Int64(scale))
    var text = (negative ? "-" : "") + whole
    if places > 0 {
      let fraction = String(scaled % Int64(scale))
      text += "." + String(repeating: "0", count: places - fraction.count) + fraction
    }
    return text
  }

  /// `x` to two decimals, grouped by thousands as `Money` prints amounts: `grouped(92454.8234)` is
  /// `92,454.82` (rounded half away from zero, as `fixed`).
  static func grouped(_ x: Double) -> String {
    guard x.isFinite, abs(x) < 9e13 else { return fixed(x, 2) }
    return Money(fen: Int64((x * 100).rounded())).formatted(grouping: true)
  }

  /// A fraction as percent: `percent(0.789405, 4)` is `78.9405%`.
  static func percent(_ x: Double, _ places: Int = 4) -> String { fixed(x * 100, places) + "%" }

  /// A probability level without trailing zeros: `0.999` is `99.9%`.
  static func level(_ q: Double) -> String {
    var s = fixed(q * 100, 2)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s + "%"
  }

  /// Yuan (floating point) to the nearest fen.
  static func money(_ x: Double) -> Money { Money(fen: Int64((x * 100).rounded())) }

  /// A probability or share for JSON: the shortest text that reads back to the same double.
  static func exact(_ x: Double) -> JSONValue { x.isFinite ? .number("\(x)") : .null }

  /// An amount for JSON, to `places` decimals.
  static func json(_ x: Double, _ places: Int) -> JSONValue {
    x.isFinite ? .number(fixed(x, places)) : .null
  }

  /// A fraction in JSON with 10 decimals.
  static func rate(_ x: Double) -> JSONValue { .number(fixed(x, 10)) }

  /// Yuan in JSON to the fen.
  static func amount(_ x: Double) -> JSONValue { .money(money(x)) }

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
}
