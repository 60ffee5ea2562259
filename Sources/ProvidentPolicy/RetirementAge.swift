// Statutory retirement age under the 2025 reform, as a function of birth month and group.
import ProvidentCore

/// The groups whose statutory retirement age differs: men, women cadres (女干部) and women workers
/// (女工人).
public enum RetirementGroup: String, Hashable, Sendable, CaseIterable {
  case man, womanCadre, womanWorker

  /// `man (60 → 63)`.
  public var label: String {
    switch self {
    case .man: "man"
    case .womanCadre: "woman cadre"
    case .womanWorker: "woman worker"
    }
  }
}

/// Statutory retirement age (法定退休年龄) under the gradual reform in force from 2025-01-01.
///
/// docs/domain.md §6.4 [S110]: from 2025-01-01, over 15 years, men 60 → 63, women cadres 55 → 58, women
/// workers 50 → 55. The month-by-month schedule implemented here is the step rule of the NPC
/// Standing Committee decision of 2024-09-13, which docs/domain.md does not quote — **UNVERIFIED**
/// against a source on file:
///
/// ```
/// group          old age   first birth month delayed   +1 month per       maximum delay
/// man            60 y      1965-01                      4 birth months     36 months (63 y)
/// woman cadre    55 y      1970-01                      4 birth months     36 months (58 y)
/// woman worker   50 y      1975-01                      2 birth months     60 months (55 y)
///
/// k     = months from the first delayed birth month to the birth month (birth month = month 0)
/// delay = 0                              k < 0 (born before the reform reaches the group)
///       = min(maximum, ⌊k / step⌋ + 1)    otherwise
/// age   = old age + delay (months)
/// ```
/// So men born January–April 1965 retire at 60 years 1 month, May–August 1965 at 60 years 2
/// months, and men born September 1976 or later at 63; women workers born November 1984 or later
/// at 55. The sum checks DOMAIN's "over 15 years": the last man delayed to 63 (born 1976-09)
/// retires in 2039-09.
///
/// Flexible (voluntary early or late) retirement under the same decision is not modelled.
public enum RetirementAge {
  /// The reform's source and the doubt about its month-by-month schedule.
  public static let citation = Citation(
    sources: ["S110"],
    unverified:
      "the month-by-month retirement schedule (one month per 4 birth months; per 2 for women workers) is the NPC Standing Committee decision of 2024-09-13, which docs/domain.md does not quote"
  )
  struct Schedule {
    let oldAgeMonths: Int
    let firstDelayedBirth: (year: Int, month: Int)
    let step: Int
    let maximumDelay: Int
  }

  static func schedule(_ group: RetirementGroup) -> Schedule {
    switch group {
    case .man:
      Schedule(oldAgeMonths: 60 * 12, firstDelayedBirth: (1965, 1), step: 4, maximumDelay: 36)
    case .womanCadre:
      Schedule(oldAgeMonths: 55 * 12, firstDelayedBirth: (1970, 1), step: 4, maximumDelay: 36)
    case .womanWorker:
      Schedule(oldAgeMonths: 50 * 12, firstDelayedBirth: (1975, 1), step: 2, maximumDelay: 60)
    }
  }

  /// The months the reform adds for someone born on `birth` (0 when born before it applies).
  public static func delayMonths(birth: LocalDate, group: RetirementGroup) -> Int {
    let s = schedule(group)
    let k =
      (birth.year * 12 + birth.month) - (s.firstDelayedBirth.year * 12 + s.firstDelayedBirth.month)
    return k < 0 ? 0 : min(s.maximumDelay, k / s.step + 1)
  }

  /// The statutory retirement age in months.
  public static func months(birth: LocalDate, group: RetirementGroup) -> Int {
    schedule(group).oldAgeMonths + delayMonths(birth: birth, group: group)
  }

  /// `60 years 1 month`, `63 years`.
  public static func text(months: Int) -> String {
    let y = months / 12
    let m = months % 12
    return "\(y) years" + (m == 0 ? "" : m == 1 ? " 1 month" : " \(m) months")
  }

  /// Age in completed months on `date` (0 before the first month is complete).
  public static func ageInMonths(birth: LocalDate, on date: LocalDate) -> Int {
    var months = (date.year * 12 + date.month) - (birth.year * 12 + birth.month)
    // The month is complete on the birth day's date (or the month's last day when shorter).
    let anniversaryDay = min(birth.day, LocalDate.daysInMonth(year: date.year, month: date.month))
    if date.day < anniversaryDay { months -= 1 }
    return max(0, months)
  }
}
