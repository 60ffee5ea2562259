// An exact nominal annual interest rate.

/// An exact nominal annual interest rate, held as a whole number of units of 10⁻⁸ (a millionth of
/// a percent), so that 3.1 %, 3.075 % and LPR − 30 bp are all exact.
///
/// ```
/// monthly rate   r = a / 12          (月利率 = 年利率 ÷ 12)
/// daily rate       = a / 360         (日利率 = 年利率 ÷ 360)
/// ```
/// The library takes rates as exact decimals; only the command line speaks percent (docs/conventions.md §7).
public struct AnnualRate: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Units per whole (a rate of 1 = 100 %).
  public static let unitsPerWhole: Int64 = 100_000_000
  /// Units per percent.
  public static let unitsPerPercent: Int64 = 1_000_000
  /// Units per basis point (0.01 %).
  public static let unitsPerBasisPoint: Int64 = 10_000

  /// The rate in units of 10⁻⁸: 3.1 % is 3,100,000.
  public var units: Int64

  @inlinable public init(units: Int64) { self.units = units }

  /// A rate given in basis points: `AnnualRate(basisPoints: 310)` is 3.1 %.
  @inlinable public init(basisPoints: Int64) { self.units = basisPoints * Self.unitsPerBasisPoint }

  public static let zero = AnnualRate(units: 0)

  /// Reads a rate in percent: `3.1`, `3.075`, `3.1%`. At most 6 decimal places (nothing is rounded
  /// away); the sign is kept, and the caller decides which range is valid.
  public init(percent text: String) throws(NumberParseError) {
    var body = Substring(text.trimmingSpaces())
    if body.hasSuffix("%") { body.removeLast() }
    var overflow = false
    guard let decimal = _ExactDecimal(parsing: String(body).trimmingSpaces(), overflow: &overflow)
    else { throw overflow ? .outOfRange(text) : .notANumber(text) }
    guard decimal.fractionDigits <= 6 else { throw .tooManyDecimals(text, allowed: 6) }
    guard let units = decimal.scaled(byPowerOfTen: 6 - decimal.fractionDigits) else {
      throw .outOfRange(text)
    }
    self.units = units
  }

  @inlinable public static func < (a: AnnualRate, b: AnnualRate) -> Bool { a.units < b.units }

  /// This rate plus `basisPoints` (which may be negative): LPR + spread.
  @inlinable public func adding(basisPoints: Int64) -> AnnualRate {
    AnnualRate(units: units + basisPoints * Self.unitsPerBasisPoint)
  }

  /// The rate as a fraction in floating point, for analytics only.
  @inlinable public var fraction: Double { Double(units) / Double(Self.unitsPerWhole) }

  /// Percent with the fewest decimals that are exact: `3.1`, `3.075`, `2`, `-0.3`.
  public var percentText: String {
    let negative = units < 0
    let m = units.magnitude
    let whole = m / UInt64(Self.unitsPerPercent)
    var frac = m % UInt64(Self.unitsPerPercent)
    var text = (negative ? "-" : "") + String(whole)
    if frac != 0 {
      var digits = 6
      while frac % 10 == 0 {
        frac /= 10
        digits -= 1
      }
      let f = String(frac)
      text += "." + String(repeating: "0", count: digits - f.count) + f
    }
    return text
  }

  /// The rate in percent followed by `%`: `3.1%`.
  public var description: String { percentText + "%" }
}
