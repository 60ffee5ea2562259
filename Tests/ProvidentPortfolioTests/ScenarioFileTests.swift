// Scenario files: every form of curve and rate change, and messages that say where and why.
import Foundation
import ProvidentCore
import ProvidentPortfolio
import Testing
import _ProvidentTestSupport

@Suite("Scenario files")
struct ScenarioFileTests {
  @Test func shippedSample() throws {
    let text = try String(
      contentsOfFile: Golden.datasetPath("samples/scenarios.yaml"), encoding: .utf8)
    let file = try ScenarioFile(yaml: text)
    #expect(
      file.scenarios.map(\.name) == ["scheduled", "base", "prepayment-wave", "slow-and-stressed"])
    #expect(file.scenarios[0].defaultAfterOverdue == nil)
    #expect(file.scenarios[1].prepayment == .constant(0.06))
    #expect(file.scenarios[1].defaults == .constant(0.001))
    #expect(file.scenarios[1].severity == 0.2)
    #expect(file.scenarios[1].recoveryLagMonths == 12)
    #expect(file.scenarios[1].defaultAfterOverdue == 3)
    #expect(file.scenarios[2].prepayment == .psa(400))
    #expect(file.scenarios[3].defaults == .monthly([0.005, 0.01, 0.015, 0.02, 0.015, 0.01, 0.005]))
    #expect(
      file.scenarios[3].rates
        == .tables([
          TableChange(
            table: .provident, date: try LocalDate(parsing: "2026-07-01"), shiftBasisPoints: -25),
          TableChange(
            table: .lpr, date: try LocalDate(parsing: "2026-03-20"), shiftBasisPoints: -10),
        ]))
  }

  @Test func everyForm() throws {
    let file = try ScenarioFile(
      yaml: """
        asOf: 2025-06-30
        scenarios:
          - name: a
            cpr: {ramp: {peak: 0.08, months: 24}}
            cdr: 0
            rates: frozen
            horizon: 60
            defaultAfterOverdue: 6
          - name: b
            cpr: [1%, 2%]
            rates:
              provident:
                - {effective: 2026-07-01, rates: [2.0, 2.5, 2.4, 2.9]}
              lpr:
                - {date: 2026-05-20, rates: [2.9, 3.4]}
        """)
    #expect(file.asOf == (try LocalDate(parsing: "2025-06-30")))
    #expect(file.scenarios[0].prepayment == .ramp(peak: 0.08, months: 24))
    #expect(file.scenarios[0].rates == .frozen)
    #expect(file.scenarios[0].horizonMonths == 60)
    #expect(file.scenarios[0].defaultAfterOverdue == 6)
    #expect(file.scenarios[1].prepayment == .monthly([0.01, 0.02]))
    guard case .tables(let changes) = file.scenarios[1].rates else {
      Issue.record("rates")
      return
    }
    #expect(
      changes.map(\.rates) == [
        [AnnualRate("2"), AnnualRate("2.5"), AnnualRate("2.4"), AnnualRate("2.9")],
        [AnnualRate("2.9"), AnnualRate("3.4")],
      ])
  }

  @Test(arguments: [
    (
      "scenarios:\n  - name: a\n    cpr: 6\n",
      "line 3: scenarios[0].cpr must be a fraction between 0 and 1 or a percent such as 6% (got 6); write 6% or 0.06 for six percent"
    ),
    (
      "scenarios:\n  - name: a\n    cpr: six\n",
      "line 3: scenarios[0].cpr must be a number such as 0.06 or 6% (got six)"
    ),
    (
      "scenarios:\n  - name: a\n    speed: 2\n",
      "line 3: scenarios[0] has an unknown key 'speed'; the keys are name, cpr, cdr, severity, recoveryLag, rates, defaultAfterOverdue, horizon"
    ),
    ("scenarios:\n  - cpr: 1%\n", "line 2: scenarios[0] needs a name"),
    ("scenarios:\n  - name: a\n  - name: a\n", "line 3: scenarios[1].name 'a' is used twice"),
    ("scenarios: []\n", "line 1: scenarios must be a list of at least one scenario"),
    (
      "asOf: 2025-13-01\nscenarios:\n  - name: a\n",
      "line 1: asOf 2025-13-01 is not a calendar date"
    ),
    (
      "scenarios:\n  - name: a\n    rates:\n      lpr:\n        - {date: 2026-03-20}\n",
      "line 5: scenarios[0].rates.lpr[0] needs shift (basis points) or rates"
    ),
    (
      "scenarios:\n  - name: a\n    rates:\n      provident:\n        - {effective: 2026-03-20, rates: [2, 3]}\n",
      "line 5: scenarios[0].rates.provident[0].rates must list 4 rates in percent"
    ),
    (
      "scenarios:\n  - name: a\n    recoveryLag: -1\n",
      "line 3: scenarios[0].recoveryLag must be a whole number from 0 to 120 (got -1)"
    ),
    ("name: [", "the scenario file is not valid YAML"),
    ("", "the scenario file is empty"),
  ])
  func badFiles(_ yaml: String, _ message: String) {
    do {
      _ = try ScenarioFile(yaml: yaml)
      Issue.record("accepted: \(yaml)")
    } catch {
      #expect(error.description.hasPrefix(message), "\(error.description)")
    }
  }
}
