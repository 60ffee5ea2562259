// A JSON value with ordered keys and exact numbers, written deterministically.
import ProvidentCore

/// A JSON value whose object keys keep their order and whose numbers keep their text, so money
/// prints as `4270.16` (never `4270.1599999`) and output is byte-for-byte reproducible.
public indirect enum JSONValue: Hashable, Sendable {
  case object([(String, JSONValue)])
  case array([JSONValue])
  case string(String)
  /// A number as it is to be written: `4270.16`, `360`, `3.075`.
  case number(String)
  case bool(Bool)
  case null

  public static func money(_ m: Money) -> JSONValue { .number(m.description) }
  public static func rate(_ r: AnnualRate) -> JSONValue { .number(r.percentText) }
  public static func int(_ i: Int) -> JSONValue { .number(String(i)) }

  public static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered() == b.rendered() }
  public func hash(into h: inout Hasher) { h.combine(rendered()) }

  /// The value as JSON text, indented by two spaces per level, ending without a newline.
  public func rendered(indent: Int = 0) -> String {
    let pad = String(repeating: "  ", count: indent + 1)
    let end = String(repeating: "  ", count: indent)
    switch self {
    case .object(let pairs):
      if pairs.isEmpty { return "{}" }
      let body = pairs.map { pad + Self.quoted($0.0) + ": " + $0.1.rendered(indent: indent + 1) }
      return "{\n" + body.joined(separator: ",\n") + "\n" + end + "}"
    case .array(let items):
      if items.isEmpty { return "[]" }
      if items.allSatisfy({ !$0.isContainer }) {
        return "[" + items.map { $0.rendered() }.joined(separator: ", ") + "]"
      }
      // Rows of scalars (schedule rows) print one per line.
      return "[\n"
        + items.map { pad + ($0.isFlatObject ? $0.inline() : $0.rendered(indent: indent + 1)) }
        .joined(separator: ",\n")
        + "\n" + end + "]"
    case .string(let s): return Self.quoted(s)
    case .number(let n): return n
    case .bool(let b): return b ? "true" : "false"
    case .null: return "null"
    }
  }

  /// An object of scalars, or of scalars and such objects (a combination loan's row).
  var isFlatObject: Bool {
    if case .object(let pairs) = self {
      return pairs.allSatisfy { !$0.1.isContainer || ($0.1.isFlatObject && !$0.1.hasNestedObject) }
    }
    return false
  }

  var hasNestedObject: Bool {
    if case .object(let pairs) = self { return pairs.contains { $0.1.isContainer } }
    return false
  }

  func inline() -> String {
    guard case .object(let pairs) = self else { return rendered() }
    return "{" + pairs.map { Self.quoted($0.0) + ": " + $0.1.inline() }.joined(separator: ", ")
      + "}"
  }

  var isContainer: Bool {
    switch self {
    case .object, .array: true
    default: false
    }
  }

  static func quoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case let c where c.value < 0x20:
        let hex = String(c.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
