// A calendar date without a time or a time zone.

/// A calendar date (proleptic Gregorian), with no time and no time zone, so that schedules never
/// depend on the machine's clock or locale.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int

  /// A date, or an error naming what is impossible (`2025-02-30`).
  public init(year: Int, month: Int, day: Int) throws(DateError) {
    guard (1...9999).contains(year) else { throw .impossible("\(year)-\(month)-\(day)") }
    guard (1...12).contains(month) else { throw .impossible(Self.text(year, month, day)) }
    guard day >= 1 && day <= Self.daysInMonth(year: year, month: month) else {
      throw .impossible(Self.text(year, month, day))
    }
    self.year = year
    self.month = month
    self.day = day
  }

  @usableFromInline init(unchecked year: Int, _ month: Int, _ day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// Reads an ISO date `yyyy-mm-dd`.
  public init(parsing text: String) throws(DateError) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
    else { throw .notADate(text) }
    try self.init(year: y, month: m, day: d)
  }

  public static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  public static func isLeapYear(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

  /// Days since 1970-01-01 (negative before).
  public var daysSinceEpoch: Int {
    // Howard Hinnant's days_from_civil.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The date `days` days after 1970-01-01.
  public init(daysSinceEpoch days: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    self.init(unchecked: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// Whole days from `self` to `other` (positive when `other` is later).
  public func days(to other: LocalDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }

  /// Day `day` of the month `months` months after this date's month, or that month's last day
  /// when it has fewer days (month-end clamping).
  public func dayOfMonth(_ day: Int, monthsLater months: Int) -> LocalDate {
    let index = year * 12 + (month - 1) + months
    let y = index / 12
    let m = index % 12 + 1
    return LocalDate(unchecked: y, m, min(day, Self.daysInMonth(year: y, month: m)))
  }

  /// The same day `months` months later, clamped to the month's end (2024-01-31 + 1 → 2024-02-29).
  public func adding(months: Int) -> LocalDate { dayOfMonth(day, monthsLater: months) }

  public static func < (a: LocalDate, b: LocalDate) -> Bool {
    (a.year, a.month, a.day) < (b.year, b.month, b.day)
  }

  /// ISO text `yyyy-mm-dd`.
  public var description: String { Self.text(year, month, day) }

  static func text(_ y: Int, _ m: Int, _ d: Int) -> String {
    func pad(_ v: Int, _ w: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, w - s.count)) + s
    }
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
  }
}

/// Why a text or a triple is not a date.
public enum DateError: Error, Equatable, Sendable, CustomStringConvertible {
  case notADate(String)
  case impossible(String)

  public var description: String {
    switch self {
    case .notADate(let t): "'\(t)' is not a date in the form yyyy-mm-dd"
    case .impossible(let t): "\(t) is not a calendar date"
    }
  }
}
