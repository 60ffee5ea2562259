// The provident and commercial repricing rules (docs/conventions.md §4) on the bundled tables, worked by hand
// from datasets/rates/.
import ProvidentCore
import Testing
import _ProvidentTestSupport

@Suite("Rate rules on the bundled tables")
struct RateRuleTests {
  let tables = RateTables.bundled

  func path(_ rule: RateRule, _ start: String, months: Int, day: Int = 20) throws
    -> (initial: AnnualRate, changes: [RateChange], decisions: [RateDecision])
  {
    try tables.ratePath(
      for: rule, dates: PaymentDates(start: LocalDate(parsing: start), paymentDay: day),
      months: months)
  }

  func change(_ date: String, _ rate: String) throws -> RateChange {
    .onDate(try LocalDate(parsing: date), AnnualRate(rate))
  }

  @Test func bundledTablesMatchTheDatasetFiles() throws {
    // The embedded copy is built from datasets/rates/ at build time; read the files and compare.
    func read(_ name: String) throws -> String {
      try String(contentsOfFile: Golden.datasetPath("rates/" + name), encoding: .utf8)
    }
    let fromFiles = try RateTables(
      providentCSV: read("provident-loan.csv"), lprCSV: read("lpr.csv"),
      depositCSV: read("provident-deposit.csv"))
    #expect(fromFiles == tables)
    #expect(tables.provident.count >= 9 && tables.lpr.count >= 16)
  }

  @Test func providentFirstHomeRepricesOnTheNextFirstOfJanuary() throws {
    // Disbursed 2024-06-01, 30 years: the 2024-05-18 row, > 5 years, first home = 2.85.
    // The 2025-05-08 change (2.60) reaches it on 2026-01-01.
    let p = try path(.provident(home: .first), "2024-06-01", months: 360)
    #expect(p.initial == AnnualRate("2.85"))
    #expect(p.changes == [try change("2026-01-01", "2.6")])
    #expect(p.decisions.count == 2)
  }

  @Test func providentBucketsAndHomes() throws {
    // ≤ 60 months uses the "5 years or less" column: 2.35 → 2.10.
    let short = try path(.provident(home: .first), "2024-06-01", months: 60)
    #expect(short.initial == AnnualRate("2.35"))
    #expect(short.changes == [try change("2026-01-01", "2.1")])
    // Second home, > 5 years: 3.325 → 3.075.
    let second = try path(.provident(home: .second), "2024-06-01", months: 240)
    #expect(second.initial == AnnualRate("3.325"))
    #expect(second.changes == [try change("2026-01-01", "3.075")])
    // 12 months or less keeps the rate for life.
    let year = try path(.provident(home: .first), "2024-06-01", months: 12)
    #expect(year.initial == AnnualRate("2.35"))
    #expect(year.changes.isEmpty)
  }

  @Test func providentLoanThroughSeveralChanges() throws {
    // Disbursed 2022-11-01 (after the 2022-10-01 cut): 3.10; 2024-05-18 → 2.85 from 2025-01-01;
    // 2025-05-08 → 2.60 from 2026-01-01.
    let p = try path(.provident(home: .first), "2022-11-01", months: 360)
    #expect(p.initial == AnnualRate("3.1"))
    #expect(p.changes == [try change("2025-01-01", "2.85"), try change("2026-01-01", "2.6")])
    // A second-home loan of 2015-09-01 stays at 3.575 through 2022 (the floor did not move),
    // then 3.325 from 2025-01-01 and 3.075 from 2026-01-01.
    let second = try path(.provident(home: .second), "2015-09-01", months: 360)
    #expect(second.initial == AnnualRate("3.575"))
    #expect(
      second.changes == [try change("2025-01-01", "3.325"), try change("2026-01-01", "3.075")])
  }

  @Test func providentBeforeTheTablesIsAnError() throws {
    #expect(throws: RateRuleError.self) {
      try path(.provident(home: .first), "2010-01-01", months: 360)
    }
  }

  @Test func commercialJanuaryFirstYearly() throws {
    // Disbursed 2023-03-15, 30 years, LPR 5Y+ − 30 bp, reset every 1 January:
    //   initial: 2022-08-22 LPR 4.30 − 0.30 = 4.00
    //   2024-01-01: latest before is 2023-08-21 (4.20) → 3.90
    //   2025-01-01: 2024-10-21 (3.60) → 3.30
    //   2026-01-01: 2025-05-20 (3.50) → 3.20   (docs/domain.md §2.5 [S17]: LPR − 30 bp → 3.20 % on 2026-01-01)
    //   2027-01-01 and later: 2026-01-20 (3.50) → 3.20, no change
    let p = try path(
      .commercial(spreadBasisPoints: -30, cycleMonths: 12, anchor: .januaryFirst), "2023-03-15",
      months: 360)
    #expect(p.initial == AnnualRate("4.0"))
    #expect(
      p.changes == [
        try change("2024-01-01", "3.9"), try change("2025-01-01", "3.3"),
        try change("2026-01-01", "3.2"),
      ])
    // The decisions say the table ends and later resets assume no change.
    #expect(p.decisions.contains { $0.explanation.contains("table ends") })
  }

  @Test func commercialAnniversaryAndShortTenor() throws {
    // Anniversary reset: 2024-03-15 uses 2024-02-20 (3.95) → 3.65; 2025-03-15 uses 2024-10-21
    // (3.60) → 3.30; 2026-03-15 uses 2026-01-20 (3.50) → 3.20.
    let p = try path(
      .commercial(spreadBasisPoints: -30, cycleMonths: 12, anchor: .anniversary), "2023-03-15",
      months: 360)
    #expect(
      p.changes == [
        try change("2024-03-15", "3.65"), try change("2025-03-15", "3.3"),
        try change("2026-03-15", "3.2"),
      ])
    // 60 months uses the 1Y LPR: 2022-08-22 1Y 3.65 + 20 bp = 3.85.
    let short = try path(
      .commercial(spreadBasisPoints: 20, cycleMonths: 12, anchor: .januaryFirst), "2023-03-15",
      months: 60)
    #expect(short.initial == AnnualRate("3.85"))
  }

  @Test func commercialQuarterlyCycle() throws {
    // Every 3 months from 1 January: 2023-04-01 (LPR 4.30, no change), 2023-07-01 uses 2023-06-20
    // (4.20) → 3.90, 2023-10-01 uses 2023-08-21 (4.20) no change, 2024-04-01 uses 2024-02-20
    // (3.95) → 3.65.
    let p = try path(
      .commercial(spreadBasisPoints: -30, cycleMonths: 3, anchor: .januaryFirst), "2023-03-15",
      months: 360)
    #expect(
      Array(p.changes.prefix(2)) == [
        try change("2023-07-01", "3.9"), try change("2024-04-01", "3.65"),
      ])
  }

  @Test func commercialRejectsBadCycleAndNegativeRates() throws {
    #expect(throws: RateRuleError.self) {
      try path(
        .commercial(spreadBasisPoints: 0, cycleMonths: 5, anchor: .januaryFirst), "2023-03-15",
        months: 360)
    }
    #expect(throws: RateRuleError.self) {
      try path(
        .commercial(spreadBasisPoints: -500, cycleMonths: 12, anchor: .januaryFirst),
        "2023-03-15", months: 360)
    }
  }

  @Test func aBrokenTableNamesFileLineAndColumn() throws {
    let lpr = "date,one_year,five_year_plus,source,note\n2019-08-20,4.25,abc,S21,\n"
    let p =
      "effective,first_le5y,first_gt5y,second_le5y,second_gt5y,verified,source,note\n"
      + "2015-08-26,2.75,3.25,3.025,3.575,yes,S11,\n"
    let d =
      "effective,current_year,carried_over,verified,source,note\n2016-02-21,1.5,1.5,yes,S36,\n"
    #expect(
      throws: DatasetError(
        file: "rates/lpr.csv", line: 2, column: "five_year_plus",
        reason: "'abc' is not a number")
    ) {
      try RateTables(providentCSV: p, lprCSV: lpr, depositCSV: d)
    }
    let outOfOrder =
      "date,one_year,five_year_plus,source,note\n2020-01-20,4,4,S,\n2019-01-20,4,4,S,\n"
    #expect(throws: DatasetError.self) {
      try RateTables(providentCSV: p, lprCSV: outOfOrder, depositCSV: d)
    }
    let noSource = p.replacingOccurrences(of: ",S11,", with: ",,")
    #expect(throws: DatasetError.self) {
      try RateTables(providentCSV: noSource, lprCSV: lpr, depositCSV: d)
    }
  }
}
