// Day arithmetic on plain integers for the kernels' set-up: no LocalDate values in hot loops.
import ProvidentCore

/// Calendar helpers over "month index" (`year·12 + month − 1`) and "day number" (days since
/// 1970-01-01), matching `LocalDate` exactly.
enum _Calendar {
  @inline(__always)
  static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

  @inline(__always)
  static func daysInMonth(_ y: Int, _ m: Int) -> Int {
    switch m {
    case 2: isLeap(y) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Days since 1970-01-01 of a valid civil date.
  @inline(__always)
  static func dayNumber(_ year: Int, _ month: Int, _ day: Int) -> Int {
    (try? LocalDate(year: year, month: month, day: day))!.daysSinceEpoch
  }

  /// The day number of day `day` (clamped to the month's end) of month index `monthIndex`.
  @inline(__always)
  static func dayNumber(monthIndex: Int, day: Int) -> Int {
    let y = monthIndex / 12
    let m = monthIndex % 12 + 1
    return dayNumber(y, m, min(day, daysInMonth(y, m)))
  }

  @inline(__always)
  static func monthIndex(_ date: LocalDate) -> Int { date.year * 12 + date.month - 1 }

  /// The month index and day of the month of a day number.
  @inline(__always)
  static func civil(_ dayNumber: Int) -> (monthIndex: Int, day: Int) {
    let d = LocalDate(daysSinceEpoch: dayNumber)
    return (d.year * 12 + d.month - 1, d.day)
  }

  /// Installments of a dated loan due on or before `asOf`: due date `j` is day `paymentDay` of the
  /// `j`-th month after the start's month (docs/conventions.md §3).
  static func installmentsDue(startDay: Int, paymentDay: Int, asOf: LocalDate) -> Int {
    let start = civil(startDay)
    let asOfMonth = monthIndex(asOf)
    guard asOfMonth > start.monthIndex else { return 0 }
    let dueInAsOfMonth = min(paymentDay, daysInMonth(asOf.year, asOf.month))
    return asOfMonth - start.monthIndex - 1 + (dueInAsOfMonth <= asOf.day ? 1 : 0)
  }
}
