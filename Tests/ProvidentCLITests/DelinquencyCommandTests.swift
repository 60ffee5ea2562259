// gjj portfolio rollrate, gjj portfolio delinquency, gjj liquidity and gjj data panel: formats,
// the matrix file round trip, and one-line errors with their exit codes.
import Foundation
import ProvidentCLI
import ProvidentPortfolio
import ProvidentRisk
import Testing
import _ProvidentTestSupport

@Suite("gjj portfolio rollrate / delinquency, gjj liquidity")
struct DelinquencyCommandTests {
  static let panel = Golden.datasetPath("samples/panel-500.csv")
  static let badPanel = Golden.datasetPath("samples/panel-bad-rows.csv")
  static let book = Golden.datasetPath("samples/book-10k.csv")
  static let scenarios = Golden.datasetPath("samples/delinquency.yaml")
  static let national = Golden.datasetPath("liquidity/national-2023.yaml")

  func json(_ arguments: [String]) throws -> [String: Any] {
    let result = Gjj.execute(arguments)
    #expect(result.code == 0, "\(result.stderr)")
    return try #require(
      JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
  }

  func temporary(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appending(path: "\(UUID())-\(name)").path
  }

  /// The shipped sample is the generator's output.
  @Test func samplePanelIsTheGeneratorsOutput() throws {
    let shipped = try String(contentsOfFile: Self.panel, encoding: .utf8)
    #expect(shipped == PanelGenerator(seed: 1, loans: 500, months: 36).csv())
    let result = Gjj.execute(["data", "panel", "--loans", "3", "--months", "4", "--seed", "9"])
    #expect(result.stdout == PanelGenerator(seed: 9, loans: 3, months: 4).csv())
  }

  @Test func rollRateReportsBadRowsAndReconciles() throws {
    let object = try json(["portfolio", "rollrate", Self.badPanel, "--format", "json"])
    #expect(object["rows"] as? [String: Int] == ["read": 16, "accepted": 9, "rejected": 7])
    let rejections = try #require(object["rejections"] as? [[String: Any]])
    #expect(rejections.map { $0["line"] as? Int } == [10, 11, 12, 14, 16, 17, 18])
    #expect(
      rejections.map { $0["column"] as? String } == [
        "loan_id", "overdue", "month", "month", "overdue", "month", "region",
      ])
    // The table lists them too; CSV warns on stderr.
    let table = Gjj.execute(["portfolio", "rollrate", Self.badPanel])
    #expect(
      table.stdout.contains("Rejected rows") && table.stdout.contains("'B 003' is not a loan id"))
    let csv = Gjj.execute(["portfolio", "rollrate", Self.badPanel, "--format", "csv"])
    #expect(
      csv.code == 0
        && csv.stderr.hasPrefix("warning: 7 of 16 rows rejected, first line 10, column loan_id"))
  }

  /// Segments without data in a row are reported and take the pooled row.
  @Test func emptyRowsAreReportedAndFilled() throws {
    let object = try json([
      "portfolio", "rollrate", Self.panel, "--segment", "region,product", "--format", "json",
    ])
    let segments = try #require(object["segments"] as? [[String: Any]])
    #expect(segments.count == 6)
    let pooled = try #require((object["pooled"] as? [String: Any])?["matrix"] as? [[Double]])
    var filled = 0
    for s in segments {
      let matrix = try #require(s["matrix"] as? [[Double]])
      for row in try #require(s["emptyRows"] as? [[String: String]]) {
        #expect(row["filledFrom"] == "pooled")
        let i = ["C", "M1", "M2", "M3-5", "M6+", "W", "P"].firstIndex(of: row["state"]!)!
        #expect(matrix[i] == pooled[i])
        filled += 1
      }
    }
    #expect(filled > 0)
  }

  /// The rollrate JSON is the matrix file: read back, every probability is the estimate's.
  @Test func matrixFileRoundTrip() throws {
    let out = temporary("m.json")
    let result = Gjj.execute([
      "portfolio", "rollrate", Self.panel, "--segment", "region", "--out", out,
    ])
    #expect(result.code == 0 && result.stdout == "wrote \(out)\n")
    let model = try DelinquencyModel(json: String(contentsOfFile: out, encoding: .utf8))
    let estimate = try LoanPanel.load(path: Self.panel).panel.estimateRollRates(
      .init(segmentBy: ["region"]))
    #expect(model == DelinquencyModel(estimate: estimate))
    let replay = try DelinquencyModel(
      json: String(contentsOfFile: out, encoding: .utf8), replayMonths: true)
    #expect(replay == DelinquencyModel(estimate: estimate, replayMonths: true))
    #expect(replay.pooled.path.count == 35)
  }

  @Test func delinquencyFromABook() throws {
    let m = temporary("m.json")
    _ = Gjj.execute(["portfolio", "rollrate", Self.panel, "--out", m])
    let object = try json([
      "portfolio", "delinquency", Self.book, "--matrix", m, "--scenario", Self.scenarios,
      "--format", "json",
    ])
    #expect((object["input"] as? [String: String])?["kind"] == "book")
    #expect(object["start"] as? String == "2025-12")
    let runs = try #require(object["scenarios"] as? [[String: Any]])
    #expect(runs.map { $0["name"] as? String } == ["base", "stress", "forbearance"])
    #expect(runs[2]["forbearanceMonths"] as? [Int] == [1, 2, 3, 4, 5, 6])
    #expect(runs[1]["stressedMonths"] as? [Int] == [4, 5, 6, 7, 8, 9])
    let months = try #require(runs[0]["months"] as? [[String: Any]])
    #expect(months.count == 25)
    let loans = try #require(months[0]["loans"] as? [String: Double])
    #expect(abs(loans.values.reduce(0, +) - 10_000) < 1e-6)
    let totals = try #require(runs[1]["totals"] as? [String: Double])
    let baseTotals = try #require(runs[0]["totals"] as? [String: Double])
    #expect(totals["writtenOff"]! > baseTotals["writtenOff"]!)
    let fb = try #require(runs[2]["totals"] as? [String: Double])
    #expect(fb["reportedBlacklisted"]! < fb["blacklisted"]!)
  }

  /// A panel starts the projection from its last month with each loan's own cumulative count.
  @Test func delinquencyFromAPanel() throws {
    let m = temporary("m.json")
    _ = Gjj.execute(["portfolio", "rollrate", Self.panel, "--out", m])
    let object = try json([
      "portfolio", "delinquency", Self.panel, "--matrix", m, "--format", "json",
    ])
    #expect((object["input"] as? [String: String])?["kind"] == "panel")
    #expect(object["start"] as? String == "2025-12")
    let runs = try #require(object["scenarios"] as? [[String: Any]])
    let months = try #require(runs[0]["months"] as? [[String: Any]])
    #expect(months.count == 37)
  }

  @Test func liquidityNational() throws {
    let object = try json(["liquidity", "--scenario", Self.national, "--format", "json"])
    #expect(object["unit"] as? String == "亿元")
    let runs = try #require(object["scenarios"] as? [[String: Any]])
    let crossings = try #require(runs[1]["crossings"] as? [[String: Any]])
    #expect(crossings.map { $0["month"] as? Int } == [8, 14, 20])
    let months = try #require(runs[2]["months"] as? [[String: Any]])
    #expect(months[24]["loans"] as? Double == 78_524.36)
    // The chart of the path with its threshold lines is in the HTML.
    let html = Gjj.execute(["liquidity", "--scenario", Self.national, "--format", "html"])
    #expect(html.code == 0 && html.stdout.contains("<svg") && html.stdout.contains("85.00%"))
  }

  /// Changsha's multiple by loan ratio, from datasets/policies, month by month.
  @Test func liquidityWithCityGates() throws {
    let object = try json([
      "liquidity", "--scenario", Self.national, "--city", "changsha", "--format", "json",
    ])
    let runs = try #require(object["scenarios"] as? [[String: Any]])
    let stress = try #require(runs[1]["months"] as? [[String: Any]])
    // Opening ratios: 78.94 % (16) in month 1 … 85.65 % (14) in month 9 … 95.70 % (12) in month 21.
    #expect(stress[1]["quotaMultiple"] as? Int == 16)
    #expect(stress[3]["quotaMultiple"] as? Int == 15)
    #expect(stress[9]["quotaMultiple"] as? Int == 14)
    #expect(stress[21]["quotaMultiple"] as? Int == 12)
  }

  /// Recoveries and write-offs from a book's delinquency projection, in the file's unit (万元).
  @Test func liquidityFromABook() throws {
    let m = temporary("m.json")
    _ = Gjj.execute(["portfolio", "rollrate", Self.panel, "--out", m])
    let city = Golden.datasetPath("liquidity/sample-city.yaml")
    let liquidity = try json([
      "liquidity", "--scenario", city, "--book", Self.book, "--matrix", m, "--format", "json",
    ])
    let delinquency = try json([
      "portfolio", "delinquency", Self.book, "--matrix", m, "--format", "json",
    ])
    let runs = try #require(liquidity["scenarios"] as? [[String: Any]])
    let months = try #require(runs[0]["months"] as? [[String: Any]])
    let projected = try #require(
      (delinquency["scenarios"] as? [[String: Any]])?[0]["months"] as? [[String: Any]])
    for t in [1, 12, 36] {
      let yuan =
        (projected[t]["scheduledPrincipal"] as! Double) + (projected[t]["prepaid"] as! Double)
      #expect(abs((months[t]["recoveries"] as! Double) - yuan / 10_000) < 0.001, "month \(t)")
      #expect(
        abs((months[t]["writeOffs"] as! Double) - (projected[t]["writtenOff"] as! Double) / 10_000)
          < 0.001)
    }
    // L_t − L₀ = ΣNew − ΣRec − ΣWO, as printed (to 0.01 万元 per month).
    var flows = 0.0
    for t in 1...36 {
      flows +=
        (months[t]["newLending"] as! Double) - (months[t]["recoveries"] as! Double)
        - (months[t]["writeOffs"] as! Double)
    }
    #expect(
      abs((months[36]["loans"] as! Double) - (months[0]["loans"] as! Double) - flows) < 0.01 * 36)
    #expect((runs[0]["recoveries"] as? [String: String])?["book"] == Self.book)
    let pairing = Gjj.execute(["liquidity", "--scenario", city, "--book", Self.book])
    #expect(
      pairing.code == 64
        && pairing.stderr
          == "error: --book and --matrix go together: the book is projected through the matrices\n"
    )
  }

  @Test(
    arguments: [
      (
        ["portfolio", "rollrate", "/nonexistent.csv"], 66,
        "error: cannot open /nonexistent.csv: No such file or directory"
      ),
      (
        ["portfolio", "rollrate", badPanel, "--weight", "fen"], 64,
        "error: --weight must be count or balance (got 'fen')"
      ),
      (
        ["portfolio", "rollrate", badPanel, "--buckets", "2,3"], 64,
        "error: --buckets: bucket edges must start at 1 (one period overdue) (got [2, 3])"
      ),
      (
        ["portfolio", "rollrate", badPanel, "--buckets", "1,x"], 64,
        "error: --buckets must be whole numbers of periods such as 1,2,3,6 (got '1,x')"
      ),
      (
        ["portfolio", "rollrate", badPanel, "--segment", "city"], 64,
        "error: --segment: the panel has no segment column 'city'; its segment columns are region"
      ),
      (
        ["portfolio", "rollrate", badPanel, "--strict"], 65,
        "error: \(badPanel): line 10, column loan_id: 'B 003' is not a loan id: use 1–64 letters, digits, '-', '_', '.' or '/'"
      ),
      (
        ["portfolio", "rollrate", book], 65, "error: \(book): line 4: the header lacks column month"
      ),
      (
        ["liquidity", "--scenario", "/nonexistent.yaml"], 66,
        "error: cannot read /nonexistent.yaml: "
      ),
      (
        ["liquidity", "--scenario", national, "--city", "atlantis"], 64,
        "error: --city: unknown city 'atlantis'; cities on file: beijing, changsha, chengdu, chongqing, guangzhou, hainan, shanghai, shenzhen"
      ),
      (
        ["data", "panel", "--loans", "0"], 64,
        "error: --loans must be between 1 and 1000000 (got 0)"
      ),
    ] as [([String], Int32, String)])
  func oneLineErrors(_ arguments: [String], _ code: Int32, _ message: String) {
    let result = Gjj.execute(arguments)
    #expect(result.code == code)
    #expect(result.stdout.isEmpty)
    #expect(
      result.stderr.hasPrefix(message) && result.stderr.hasSuffix("\n")
        && result.stderr.filter { $0 == "\n" }.count == 1)
  }

  @Test func delinquencyErrors() throws {
    let m = temporary("m.json")
    _ = Gjj.execute(["portfolio", "rollrate", Self.panel, "--out", m])
    let badMatrix = temporary("bad.json")
    try
      #"{"states": ["C", "M1+", "P"], "pooled": {"matrix": [[0.9, 0.2, 0], [0.5, 0.5, 0], [0, 0, 1]]}}"#
      .write(toFile: badMatrix, atomically: true, encoding: .utf8)
    var result = Gjj.execute(["portfolio", "delinquency", Self.book, "--matrix", badMatrix])
    #expect(result.code == 65)
    #expect(
      result.stderr
        == "error: \(badMatrix): pooled.matrix: row 1 of the transition matrix must sum to 1 (got 1.1)\n"
    )
    let impossible = temporary("s.yaml")
    try "scenarios:\n  - name: hard\n    months: 12\n    stress: [{months: 2-3, k: 5}]\n".write(
      toFile: impossible, atomically: true, encoding: .utf8)
    result = Gjj.execute([
      "portfolio", "delinquency", Self.book, "--matrix", m, "--scenario", impossible,
    ])
    #expect(result.code == 65 && result.stdout.isEmpty)
    #expect(
      result.stderr.hasPrefix(
        "error: \(impossible): scenario hard, the book, month 2: stress k = 5.0 is impossible for row"
      ))
    let typo = temporary("t.yaml")
    try "scenarios:\n  - name: a\n    months: 12\n    forbearence: {preset: 2022}\n".write(
      toFile: typo, atomically: true, encoding: .utf8)
    result = Gjj.execute(["portfolio", "delinquency", Self.book, "--matrix", m, "--scenario", typo])
    #expect(result.code == 65)
    #expect(
      result.stderr.hasPrefix(
        "error: \(typo): line 4: scenarios[0] has an unknown key 'forbearence'"))
  }

  @Test func delinquencyScenarioFile() throws {
    let file = try DelinquencyScenarioFile(
      yaml: String(contentsOfFile: Self.scenarios, encoding: .utf8))
    #expect(file.scenarios.map(\.name) == ["base", "stress", "forbearance"])
    let f = try #require(file.scenarios[2].forbearance)
    #expect(
      f.windows == [.projection(first: 1, last: 6)] && f.eligibleBelow == 3 && f.excludeBlacklisted
        && f.end == .catchUp)
    let presets = try DelinquencyScenarioFile(
      yaml:
        "asOf: 2022-04-30\nblacklist: 5\nscenarios: [{name: p, months: 12, forbearance: {preset: [2020, 2022], share: 40%}}]"
    )
    #expect(presets.blacklistThreshold == 5)
    #expect(
      presets.scenarios[0].forbearance?.windows == [
        Forbearance.national2020, Forbearance.national2022,
      ])
    #expect(presets.scenarios[0].forbearance?.share == 0.4)
    func message(_ yaml: String) -> String? {
      do {
        _ = try DelinquencyScenarioFile(yaml: yaml)
        return nil
      } catch { return error.description }
    }
    #expect(
      message("scenarios: [{name: a, months: 12, stress: [{months: 4-9, k: [1, 2]}]}]")
        == "line 1: scenarios[0].stress[0].k lists 2 multipliers for a window of 6 months")
    #expect(
      message("scenarios: [{name: a, months: 12, stress: [{months: 9-4, k: 1}]}]")
        == "line 1: scenarios[0].stress[0].months must be projection months such as 4-9 or 4 (1 to 1200; got 9-4)"
    )
    #expect(
      message("scenarios: [{name: a, months: 12, forbearance: {preset: 2021}}]")
        == "line 1: scenarios[0].forbearance.preset must be 2020 or 2022, the national notices (got 2021)"
    )
    #expect(
      message("scenarios: [{name: a}]") == "line 1: scenarios[0] needs months (how many to project)"
    )
    #expect(
      message("scenarios: [{name: a, months: 12, cpr: {psa: 100}}]")
        == "line 1: scenarios[0].cpr must be a constant or a list by month: cohorts keep no loan ages for a ramp"
    )
    let cpr = try DelinquencyScenarioFile(yaml: "scenarios: [{name: a, months: 12, cpr: [5%, 6%]}]")
    #expect(cpr.scenarios[0].prepayment == .monthly([0.05, 0.06]))
  }
}
