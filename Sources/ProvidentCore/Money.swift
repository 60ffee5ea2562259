// An exact amount of money in fen (分, 0.01 yuan).

/// An exact amount of money, held as a whole number of fen (0.01 yuan).
///
/// Every officer-facing amount in Provident is a `Money`: it never passes through binary
/// floating point, so a schedule's totals agree with a centre's ledger to the fen.
///
/// ```swift
/// let p = try Money(parsing: "100万")   // 1,000,000.00
/// p.fen                                 // 100_000_000
/// p.description                         // "1000000.00"
/// p.formatted(grouping: true)           // "1,000,000.00"
/// ```
public struct Money: Hashable, Comparable, Sendable, AdditiveArithmetic, CustomStringConvertible {
  /// The amount in fen (0.01 yuan).
  public var fen: Int64

  /// An amount of `fen` fen.
  @inlinable public init(fen: Int64) { self.fen = fen }

  /// An amount of whole yuan.
  @inlinable public init(yuan: Int64) { self.fen = yuan * 100 }

  public static let zero = Money(fen: 0)

  @inlinable public static func + (a: Money, b: Money) -> Money { Money(fen: a.fen + b.fen) }
  @inlinable public static func - (a: Money, b: Money) -> Money { Money(fen: a.fen - b.fen) }
  @inlinable public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }
  @inlinable public static prefix func - (a: Money) -> Money { Money(fen: -a.fen) }

  /// Plain text with two decimals and no separator: `4270.16`, `-0.05` (CSV, JSON).
  public var description: String { formatted(grouping: false) }

  /// Text with two decimals; with `grouping`, a comma every three digits (`4,270.16`), as tables
  /// print amounts (docs/conventions.md §7). Independent of the machine's locale.
  public func formatted(grouping: Bool) -> String {
    let negative = fen < 0
    let magnitude = fen.magnitude
    let whole = String(magnitude / 100)
    let cents = magnitude % 100
    var digits = whole
    if grouping && whole.count > 3 {
      var grouped = ""
      for (i, ch) in whole.enumerated() {
        if i > 0 && (whole.count - i) % 3 == 0 { grouped.append(",") }
        grouped.append(ch)
      }
      digits = grouped
    }
    return (negative ? "-" : "") + digits + "." + (cents < 10 ? "0" : "") + String(cents)
  }
}

// MARK: - Parsing

/// Why a text could not be read as an amount or a rate.
public enum NumberParseError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Not a number in any accepted form.
  case notANumber(String)
  /// More decimal places than the quantity holds exactly (fen for money, 6 for percent rates).
  case tooManyDecimals(String, allowed: Int)
  /// A number too large to hold.
  case outOfRange(String)

  public var description: String {
    switch self {
    case .notANumber(let text): "'\(text)' is not a number"
    case .tooManyDecimals(let text, let allowed):
      "'\(text)' has more than \(allowed) decimal places"
    case .outOfRange(let text): "'\(text)' is too large"
    }
  }
}

extension Money {
  /// Reads an amount in yuan: `1000000`, `1000000.00`, `1,000,000`, `100万` (×10,000) or
  /// `1.5亿` (×100,000,000). A minus sign is allowed; the caller decides whether it is valid.
  ///
  /// - Throws: `NumberParseError` when the text is not such a number or has a fraction of a fen
  ///   (nothing is rounded away).
  public init(parsing text: String) throws(NumberParseError) {
    var body = Substring(text.trimmingSpaces())
    var scale = 0  // extra powers of ten from a 万 or 亿 suffix
    if body.hasSuffix("万") {
      scale = 4
      body.removeLast()
    } else if body.hasSuffix("亿") {
      scale = 8
      body.removeLast()
    } else if body.hasSuffix("元") {
      body.removeLast()
    }
    var overflow = false
    guard let decimal = _ExactDecimal(parsing: String(body).replacingCommas(), overflow: &overflow)
    else { throw overflow ? .outOfRange(text) : .notANumber(text) }
    // fen = digits × 10^(2 + scale − fractionDigits)
    let shift = 2 + scale - decimal.fractionDigits
    guard shift >= 0 else { throw .tooManyDecimals(text, allowed: 2 + scale) }
    guard let fen = decimal.scaled(byPowerOfTen: shift) else { throw .outOfRange(text) }
    self.init(fen: fen)
  }
}

extension String {
  /// The text without leading and trailing spaces and tabs (shared with the package's readers).
  package func trimmingSpaces() -> String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\t" { s.removeLast() }
    return String(s)
  }

  fileprivate func replacingCommas() -> String {
    // Thousands separators only between digit groups: "1,000,000.5" but never "1,0".
    guard contains(",") else { return self }
    let parts = split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
    let signless = groups[0].drop { $0 == "-" || $0 == "+" }
    guard !signless.isEmpty, signless.count <= 3,
      groups.dropFirst().allSatisfy({ $0.count == 3 })
    else { return self }  // leave it for the number parser to reject
    return groups.joined() + (parts.count > 1 ? "." + parts[1] : "")
  }
}

/// A decimal number read exactly from text: `digits × 10^(−fractionDigits)`.
@usableFromInline
struct _ExactDecimal: Sendable {
  var digits: Int64
  var fractionDigits: Int

  /// Accepts `[+-]?[0-9]+(\.[0-9]*)?` or `[+-]?\.[0-9]+`, at most 18 significant digits; sets
  /// `overflow` when the digits are too many to hold.
  init?(parsing text: String, overflow: inout Bool) {
    var chars = Substring(text)
    var negative = false
    if let f = chars.first, f == "-" || f == "+" {
      negative = f == "-"
      chars.removeFirst()
    }
    guard !chars.isEmpty else { return nil }
    var value: Int64 = 0
    var fraction = 0
    var seenPoint = false
    var seenDigit = false
    for ch in chars.utf8 {
      if ch == UInt8(ascii: ".") {
        if seenPoint { return nil }
        seenPoint = true
        continue
      }
      guard ch >= UInt8(ascii: "0") && ch <= UInt8(ascii: "9") else { return nil }
      seenDigit = true
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (a, o2) = m.addingReportingOverflow(Int64(ch - UInt8(ascii: "0")))
      if o1 || o2 {
        overflow = true
        return nil
      }
      value = a
      if seenPoint { fraction += 1 }
    }
    guard seenDigit else { return nil }
    // Trailing zeros after the point carry no precision: "3.100" is 3.1.
    while fraction > 0 && value % 10 == 0 {
      value /= 10
      fraction -= 1
    }
    self.digits = negative ? -value : value
    self.fractionDigits = fraction
  }

  /// `digits × 10^power`, or nil on overflow.
  func scaled(byPowerOfTen power: Int) -> Int64? {
    var v = digits
    for _ in 0..<power {
      let (m, o) = v.multipliedReportingOverflow(by: 10)
      if o { return nil }
      v = m
    }
    return v
  }
}
