// The 2025 retirement-age reform, month by month (schedule in RetirementAge's documentation).
import ProvidentCore
import Testing
import _ProvidentTestSupport

@testable import ProvidentPolicy

@Suite("RetirementAge (2025 reform)")
struct RetirementAgeTests {
  static func date(_ text: String) -> LocalDate { try! LocalDate(parsing: text) }

  /// (birth, group, statutory age in months), each worked from the step rule:
  /// delay = min(max, ⌊k / step⌋ + 1), k = birth month − first delayed birth month.
  @Test(arguments: [
    // Men: 60 y = 720 months; first delayed birth 1965-01; +1 per 4 months; at most 36.
    ("1964-12-31", RetirementGroup.man, 720),  // k < 0: the old age
    ("1965-01-01", .man, 721),  // k = 0 → 0/4 + 1 = 1
    ("1965-04-30", .man, 721),  // k = 3 → 1
    ("1965-05-01", .man, 722),  // k = 4 → 2
    ("1976-08-15", .man, 755),  // k = 11·12 + 7 = 139 → 34 + 1 = 35
    ("1976-09-01", .man, 756),  // k = 140 → 35 + 1 = 36 = the maximum: 63 years
    ("1990-05-01", .man, 756),  // capped at 36
    // Women cadres: 55 y = 660; first delayed birth 1970-01; +1 per 4 months; at most 36.
    ("1969-12-01", .womanCadre, 660),
    ("1970-01-20", .womanCadre, 661),
    ("1981-09-01", .womanCadre, 696),  // k = 140 → 36: 58 years
    // Women workers: 50 y = 600; first delayed birth 1975-01; +1 per 2 months; at most 60.
    ("1974-12-01", .womanWorker, 600),
    ("1975-02-28", .womanWorker, 601),  // k = 1 → 0 + 1
    ("1975-03-10", .womanWorker, 602),  // k = 2 → 1 + 1
    ("1984-10-01", .womanWorker, 659),  // k = 9·12 + 9 = 117 → 58 + 1 = 59
    ("1984-11-01", .womanWorker, 660),  // k = 118 → 60: 55 years
    ("1995-06-01", .womanWorker, 660),
  ])
  func statutoryAge(_ birth: String, _ group: RetirementGroup, _ months: Int) {
    #expect(RetirementAge.months(birth: Self.date(birth), group: group) == months)
  }

  @Test func ageInCompletedMonths() {
    // 1990-05-01 → 2025-06-01: 35 years and 1 month exactly.
    #expect(
      RetirementAge.ageInMonths(birth: Self.date("1990-05-01"), on: Self.date("2025-06-01")) == 421)
    // The 15th has not come yet on 2025-06-01: one month fewer.
    #expect(
      RetirementAge.ageInMonths(birth: Self.date("1990-05-15"), on: Self.date("2025-06-01")) == 420)
    // Born on the 31st: the month is complete on the last day of a shorter month.
    #expect(
      RetirementAge.ageInMonths(birth: Self.date("1990-01-31"), on: Self.date("2025-02-28")) == 421)
    #expect(
      RetirementAge.ageInMonths(birth: Self.date("1990-01-31"), on: Self.date("2025-02-27")) == 420)
  }

  @Test func text() {
    #expect(RetirementAge.text(months: 721) == "60 years 1 month")
    #expect(RetirementAge.text(months: 756) == "63 years")
    #expect(RetirementAge.text(months: 602) == "50 years 2 months")
  }
}
