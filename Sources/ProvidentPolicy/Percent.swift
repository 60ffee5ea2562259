// An exact percentage, as rules state them: 40 %, 7.5 %, 78.94 %.
import ProvidentCore

/// An exact percentage, held as a whole number of hundredths of a percent (basis points), so that
/// the shares and ratios rules state (40 %, 7.5 %, 78.94 %) are exact.
///
/// ```swift
/// let share = try Percent(parsing: "80")      // 80 %
/// share.basisPoints                          // 8000
/// ```
public struct Percent: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The percentage in hundredths of a percent: 7.5 % is 750.
  public var basisPoints: Int64

  @inlinable public init(basisPoints: Int64) { self.basisPoints = basisPoints }

  /// A whole number of percent.
  @inlinable public init(_ percent: Int64) { self.basisPoints = percent * 100 }

  public static let zero = Percent(basisPoints: 0)
  public static let hundred = Percent(100)

  /// Reads `80`, `7.5`, `78.94` or `80%`: at most two decimals (nothing is rounded away). The sign
  /// is kept; the caller decides which range is valid.
  public init(parsing text: String) throws(NumberParseError) {
    var body = Substring(text.trimmingSpaces())
    if body.hasSuffix("%") { body.removeLast() }
    // Digits, one point and a sign only: Money's 万, 亿, 元 and thousands separators are not
    // percentages.
    guard body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") })
    else { throw .notANumber(text) }
    do {
      // Money reads a decimal with at most two places exactly; here the unit is the percent.
      self.basisPoints = try Money(parsing: String(body)).fen
    } catch {
      switch error {
      case .tooManyDecimals: throw .tooManyDecimals(text, allowed: 2)
      case .outOfRange: throw .outOfRange(text)
      case .notANumber: throw .notANumber(text)
      }
    }
  }

  @inlinable public static func < (a: Percent, b: Percent) -> Bool { a.basisPoints < b.basisPoints }
  @inlinable public static func + (a: Percent, b: Percent) -> Percent {
    Percent(basisPoints: a.basisPoints + b.basisPoints)
  }
  @inlinable public static func - (a: Percent, b: Percent) -> Percent {
    Percent(basisPoints: a.basisPoints - b.basisPoints)
  }

  /// The percentage with the fewest decimals that are exact: `80`, `7.5`, `78.94`.
  public var text: String {
    let negative = basisPoints < 0
    let m = basisPoints.magnitude
    var s = (negative ? "-" : "") + String(m / 100)
    let frac = m % 100
    if frac != 0 {
      s += frac % 10 == 0 ? "." + String(frac / 10) : "." + (frac < 10 ? "0" : "") + String(frac)
    }
    return s
  }

  /// `80%`.
  public var description: String { text + "%" }
}

/// How an amount computed by a rule is brought to whole fen or to a coarser unit.
public enum Rounding: Hashable, Sendable {
  /// Down (toward zero) to a multiple of the unit: loan limits (a limit is never exceeded).
  case down
  /// Half up to the unit: contributions and other amounts booked to the fen.
  case halfUp
}

extension Money {
  /// This amount × `percent`, rounded to the fen by `rounding`:
  ///
  /// ```
  ///   fen × basisPoints / 10 000
  /// ```
  /// computed in integers, so it is exact before the one rounding. Amounts are non-negative here.
  func times(_ percent: Percent, _ rounding: Rounding) -> Money {
    Money(fen: Self.divide(fen * percent.basisPoints, 10_000, rounding))
  }

  /// This amount × `factor` (a whole number), exact.
  func times(_ factor: Int64) -> Money { Money(fen: fen * factor) }

  /// This amount brought to a multiple of `unit` (a positive amount) by `rounding`.
  func rounded(to unit: Money, _ rounding: Rounding) -> Money {
    precondition(unit.fen > 0, "the rounding unit must be positive")
    return Money(fen: Self.divide(fen, unit.fen, rounding) * unit.fen)
  }

  /// `n / d` for `n ≥ 0`, `d > 0`, rounded down or half up.
  static func divide(_ n: Int64, _ d: Int64, _ rounding: Rounding) -> Int64 {
    switch rounding {
    case .down: n >= 0 ? n / d : -((-n + d - 1) / d)
    case .halfUp: n >= 0 ? (2 * n + d) / (2 * d) : -((2 * -n + d) / (2 * d))
    }
  }
}
