// A calendar month (yyyy-mm): the time axis of loan-month panels and forbearance windows.
import ProvidentCore

/// A calendar month, `2023-04`.
public struct CalendarMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// `year · 12 + month − 1`.
  public let index: Int

  public init(index: Int) { self.index = index }

  /// - Throws: `RiskInputError` when the month is not 1–12 or the year not 1900–2200.
  public init(year: Int, month: Int) throws(RiskInputError) {
    guard (1900...2200).contains(year), (1...12).contains(month) else {
      throw RiskInputError("\(year)-\(month) is not a month between 1900-01 and 2200-12")
    }
    index = year * 12 + month - 1
  }

  /// The month of a date.
  public init(_ date: LocalDate) { index = date.year * 12 + date.month - 1 }

  /// Reads `yyyy-mm` (or a date `yyyy-mm-dd`, whose month it takes).
  public init(parsing text: String) throws(RiskInputError) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2 || parts.count == 3, parts[0].count == 4, parts[1].count == 2,
      parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      let y = Int(parts[0]), let m = Int(parts[1])
    else { throw RiskInputError("'\(text)' is not a month yyyy-mm") }
    guard (1...12).contains(m) else {
      throw RiskInputError("'\(text)' is not a month yyyy-mm: there is no month \(m)")
    }
    if parts.count == 3 {
      do { _ = try LocalDate(parsing: text) } catch { throw RiskInputError(error.description) }
    }
    try self.init(year: y, month: m)
  }

  public var year: Int { index / 12 }
  public var month: Int { index % 12 + 1 }

  /// The month `n` months later.
  public func adding(months n: Int) -> CalendarMonth { CalendarMonth(index: index + n) }

  /// The last day of the month.
  public var lastDay: LocalDate {
    try! LocalDate(year: year, month: month, day: LocalDate.daysInMonth(year: year, month: month))
  }

  public static func < (a: CalendarMonth, b: CalendarMonth) -> Bool { a.index < b.index }

  public var description: String {
    let m = month
    return "\(year)-" + (m < 10 ? "0" : "") + String(m)
  }
}
