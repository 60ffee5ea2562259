// Writing CSV bytes without per-field String allocations.
import ProvidentCore

/// Bytes of CSV text: numbers written without `String`.
package struct _ByteWriter {
  package var bytes: [UInt8] = []

  package init() {}

  package mutating func text(_ s: String) { bytes.append(contentsOf: s.utf8) }

  package mutating func comma() { bytes.append(UInt8(ascii: ",")) }

  package mutating func int(_ v: Int64) {
    if v < 0 { bytes.append(UInt8(ascii: "-")) }
    var m = v.magnitude
    var divisor: UInt64 = 1
    while divisor <= m / 10 { divisor *= 10 }
    repeat {
      bytes.append(UInt8(ascii: "0") + UInt8(m / divisor))
      m %= divisor
      divisor /= 10
    } while divisor > 0
  }

  /// `digits` as a decimal with `places` places: fen as yuan `1234.50`.
  package mutating func fixed(_ v: Int64, places: Int) {
    var scale: Int64 = 1
    for _ in 0..<places { scale *= 10 }
    int(v / scale)
    bytes.append(UInt8(ascii: "."))
    var frac = v % scale
    var divisor = scale / 10
    for _ in 0..<places {
      bytes.append(UInt8(ascii: "0") + UInt8(frac / divisor))
      frac %= divisor
      divisor = max(divisor / 10, 1)
    }
  }

  /// A rate in units of 10⁻⁸ as percent with the fewest decimals (`3.1`, `2.775`).
  package mutating func rate(_ units: Int64) { text(AnnualRate(units: units).percentText) }

  package mutating func date(_ dayNumber: Int) {
    text(LocalDate(daysSinceEpoch: dayNumber).description)
  }
}
