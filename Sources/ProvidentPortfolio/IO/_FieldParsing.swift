// Numbers, dates and words read straight from the bytes of a CSV field: no String per field.
import ProvidentCore

/// One field of a row: a byte range of the buffer being parsed.
package struct _Field {
  package let base: UnsafePointer<UInt8>
  package let count: Int

  @inline(__always) package init(base: UnsafePointer<UInt8>, count: Int) {
    self.base = base
    self.count = count
  }

  @inline(__always) package var isEmpty: Bool { count == 0 }

  @inline(__always) package subscript(_ i: Int) -> UInt8 { base[i] }

  /// The field as text, for messages (a long field is cut).
  package var text: String {
    let n = Swift.min(count, 40)
    let s = String(decoding: UnsafeBufferPointer(start: base, count: n), as: UTF8.self)
    return n < count ? s + "…" : s
  }

  @inline(__always)
  package func equals(_ literal: StaticString) -> Bool {
    guard literal.utf8CodeUnitCount == count else { return false }
    let l = literal.utf8Start
    for i in 0..<count where base[i] != l[i] { return false }
    return true
  }

  @inline(__always)
  package func equals(_ bytes: [UInt8]) -> Bool {
    guard bytes.count == count else { return false }
    for i in 0..<count where base[i] != bytes[i] { return false }
    return true
  }
}

/// Why a field is not a valid value; `message` reads like `NumberParseError`'s.
package enum _FieldError: Error {
  case notANumber
  case tooManyDecimals(allowed: Int)
  case outOfRange
  case notADate
  case impossibleDate

  package func message(_ field: _Field) -> String {
    switch self {
    case .notANumber: "'\(field.text)' is not a number"
    case .tooManyDecimals(let allowed): "'\(field.text)' has more than \(allowed) decimal places"
    case .outOfRange: "'\(field.text)' is too large"
    case .notADate: "'\(field.text)' is not a date in the form yyyy-mm-dd"
    case .impossibleDate: "\(field.text) is not a calendar date"
    }
  }
}

package enum _FieldParsing {
  /// A decimal `[+-]?digits[.digits]` scaled to `decimals` places: `12.3` with 2 decimals is
  /// 1230. More decimal places than `decimals` (other than trailing zeros) is an error, as is a
  /// value beyond 10¹⁷. An optional `suffix` byte (a `%`) is accepted at the end.
  @inline(__always)
  package static func scaledDecimal(_ f: _Field, decimals: Int, suffix: UInt8 = 0)
    throws(_FieldError)
    -> Int64
  {
    var i = 0
    var n = f.count
    if n > 0 && suffix != 0 && f[n - 1] == suffix { n -= 1 }
    guard n > 0 else { throw .notANumber }
    var negative = false
    if f[0] == UInt8(ascii: "-") || f[0] == UInt8(ascii: "+") {
      negative = f[0] == UInt8(ascii: "-")
      i = 1
    }
    var value: Int64 = 0
    var digits = 0
    var fraction = -1  // digits after the point; -1 before the point
    var excess = false  // a non-zero digit beyond `decimals`
    while i < n {
      let c = f[i]
      if c == UInt8(ascii: ".") {
        guard fraction < 0 else { throw .notANumber }
        fraction = 0
      } else {
        let d = c &- UInt8(ascii: "0")
        guard d < 10 else { throw .notANumber }
        digits += 1
        if fraction >= 0 {
          fraction += 1
          if fraction > decimals {
            if d != 0 { excess = true }
            i += 1
            continue
          }
        }
        guard value < 100_000_000_000_000_000 else { throw .outOfRange }
        value = value &* 10 &+ Int64(d)
      }
      i += 1
    }
    guard digits > 0 else { throw .notANumber }
    if excess { throw .tooManyDecimals(allowed: decimals) }
    var places = max(fraction, 0)
    while places < decimals {
      guard value < 100_000_000_000_000_000 else { throw .outOfRange }
      value &*= 10
      places += 1
    }
    return negative ? -value : value
  }

  /// A whole number `[+-]?digits`.
  @inline(__always)
  package static func integer(_ f: _Field) throws(_FieldError) -> Int {
    guard f.count > 0 else { throw .notANumber }
    var i = 0
    var negative = false
    if f[0] == UInt8(ascii: "-") || f[0] == UInt8(ascii: "+") {
      negative = f[0] == UInt8(ascii: "-")
      i = 1
    }
    guard i < f.count else { throw .notANumber }
    var value = 0
    while i < f.count {
      let d = f[i] &- UInt8(ascii: "0")
      guard d < 10 else { throw .notANumber }
      guard value < 100_000_000_000 else { throw .outOfRange }
      value = value * 10 + Int(d)
      i += 1
    }
    return negative ? -value : value
  }

  /// An ISO date `yyyy-mm-dd` as a day number (days since 1970-01-01).
  @inline(__always)
  package static func dayNumber(_ f: _Field) throws(_FieldError) -> Int {
    guard f.count == 10, f[4] == UInt8(ascii: "-"), f[7] == UInt8(ascii: "-") else {
      throw .notADate
    }
    @inline(__always) func digits(_ from: Int, _ n: Int) throws(_FieldError) -> Int {
      var v = 0
      for i in from..<(from + n) {
        let d = f[i] &- UInt8(ascii: "0")
        guard d < 10 else { throw .notADate }
        v = v * 10 + Int(d)
      }
      return v
    }
    let y = try digits(0, 4)
    let m = try digits(5, 2)
    let d = try digits(8, 2)
    guard y >= 1, (1...12).contains(m), d >= 1, d <= _Calendar.daysInMonth(y, m) else {
      throw .impossibleDate
    }
    return _Calendar.dayNumber(y, m, d)
  }

  /// FNV-1a over the field's bytes.
  @inline(__always)
  package static func hash(_ base: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for i in 0..<count {
      h = (h ^ UInt64(base[i])) &* 0x0000_0100_0000_01b3
    }
    return h ^ (h >> 29)
  }
}

/// Text of an amount in fen (`-5`, `12.30`) for messages.
func _yuanText(_ fen: Int64) -> String { Money(fen: fen).description }

/// Text of a rate in units of 10⁻⁸ as percent (`3.1`) for messages.
func _percentText(_ units: Int64) -> String { AnnualRate(units: units).percentText }
