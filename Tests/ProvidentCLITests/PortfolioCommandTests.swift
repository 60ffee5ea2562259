// gjj portfolio project and gjj data generate: the JSON contract, formats and errors.
import Foundation
import ProvidentCLI
import ProvidentPortfolio
import ProvidentRisk
import Testing
import _ProvidentTestSupport

@Suite("gjj portfolio and gjj data")
struct PortfolioCommandTests {
  static let badRows = Golden.datasetPath("samples/book-bad-rows.csv")
  static let scenarios = Golden.datasetPath("samples/scenarios.yaml")

  func json(_ arguments: [String]) throws -> [String: Any] {
    let result = Gjj.execute(arguments)
    #expect(result.code == 0, "\(result.stderr)")
    return try #require(
      JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
  }

  func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appending(path: "\(UUID())-\(name)").path
  }

  /// The JSON contract, on the sample with five bad rows and the sample scenarios.
  @Test func issue5_contractJSON() throws {
    let object = try json([
      "portfolio", "project", Self.badRows, "--scenarios", Self.scenarios, "--format", "json",
    ])
    let loans = try #require(object["loans"] as? [String: Int])
    #expect(loans == ["read": 10, "accepted": 5, "rejected": 5])
    let rejections = try #require(object["rejections"] as? [[String: Any]])
    #expect(rejections.count == 5)
    #expect(Set(rejections[0].keys) == ["line", "column", "reason"])
    #expect(rejections.map { $0["line"] as? Int } == [8, 9, 10, 11, 12])
    let scenarios = try #require(object["scenarios"] as? [[String: Any]])
    #expect(
      scenarios.map { $0["name"] as? String } == [
        "scheduled", "base", "prepayment-wave", "slow-and-stressed",
      ])
    for scenario in scenarios {
      #expect(Set(scenario.keys) == ["name", "months", "totals"])
      let months = try #require(scenario["months"] as? [[String: Any]])
      #expect(
        Set(months[0].keys) == [
          "month", "scheduledPrincipal", "interest", "prepayment", "default", "loss", "balance",
          "activeLoans",
        ])
      #expect(months.first?["month"] as? Int == 1)
      let totals = try #require(scenario["totals"] as? [String: Double])
      #expect(
        Set(totals.keys).isSuperset(of: [
          "scheduledPrincipal", "interest", "prepayment", "default", "loss",
        ]))
      // Conservation, as printed: to the fen.
      let sum =
        totals["scheduledPrincipal"]! + totals["prepayment"]! + totals["default"]!
        + totals["closingBalance"]!
      #expect(abs(sum - totals["openingBalance"]!) < 0.001)
    }
    #expect(object["mode"] as? String == "exact")
    #expect(object["asOf"] as? String == "2025-12-31")
  }

  @Test func strictStopsAtTheFirstBadRow() {
    let result = Gjj.execute(["portfolio", "project", Self.badRows, "--strict", "--format", "json"])
    #expect(result.code == 65)
    #expect(result.stdout.isEmpty)
    #expect(
      result.stderr
        == "error: \(Self.badRows): line 8, column start: is missing: the row has 7 fields where the header has 13\n"
    )
  }

  @Test func segmentsAndFormats() throws {
    let object = try json([
      "portfolio", "project", Self.badRows, "--segment", "product,region", "--mode", "fast",
      "--format", "json", "--threads", "2",
    ])
    let scenario = try #require((object["scenarios"] as? [[String: Any]])?.first)
    let segments = try #require(scenario["segments"] as? [[String: Any]])
    #expect(segments.count == 5)
    #expect(Set(segments[0].keys) == ["product", "region", "loans", "months", "totals"])
    #expect(object["mode"] as? String == "fast")

    let csv = Gjj.execute([
      "portfolio", "project", Self.badRows, "--format", "csv", "--segment", "home",
    ])
    #expect(csv.code == 0)
    #expect(
      csv.stdout.hasPrefix(
        "scenario,home,month,scheduledPrincipal,interest,prepayment,default,loss,balance,activeLoans\nscheduled,first,1,"
      ))
    #expect(csv.stderr.hasPrefix("warning: 5 of 10 rows rejected, first line 8, column start"))

    let table = Gjj.execute(["portfolio", "project", Self.badRows, "--lang", "zh"])
    #expect(table.code == 0)
    #expect(table.stdout.hasPrefix("贷款组合预测"))
    #expect(table.stdout.contains("读取行数          10\n接受               5\n拒绝               5"))
    #expect(table.stdout.contains("12  rate       must be between 0 and 36 percent (got 300)"))
    #expect(table.stderr.isEmpty)
  }

  /// Exact and fast modes agree on the shipped 10,000-loan sample within rounding effects.
  @Test func modesAgreeOnTheSample() throws {
    let book = Golden.datasetPath("samples/book-10k.csv")
    var totals: [[String: Double]] = []
    for mode in ["exact", "fast"] {
      let object = try json([
        "portfolio", "project", book, "--scenarios", Self.scenarios, "--mode", mode, "--format",
        "json",
      ])
      let scenarios = try #require(object["scenarios"] as? [[String: Any]])
      totals.append(try #require(scenarios[1]["totals"] as? [String: Double]))
    }
    // Each booked amount rounds by at most half a fen; on these totals that is below 1e-6.
    for key in ["scheduledPrincipal", "interest", "prepayment", "default"] {
      #expect(abs(totals[0][key]! - totals[1][key]!) / totals[0][key]! < 1e-6, "\(key)")
    }
  }

  @Test(arguments: [
    (
      ["portfolio", "project", "/nonexistent/book.csv"], Int32(66),
      "error: cannot open /nonexistent/book.csv: No such file or directory"
    ),
    (
      ["portfolio", "project", "BOOK", "--mode", "quick"], 64,
      "error: --mode must be exact or fast (got 'quick')"
    ),
    (
      ["portfolio", "project", "BOOK", "--segment", "city"], 64,
      "error: --segment takes product, home and region, comma-separated (got 'city')"
    ),
    (
      ["portfolio", "project", "BOOK", "--format", "xml"], 64,
      "error: --format must be one of table, csv, json, html, md, ipynb (got 'xml')"
    ),
    (
      ["portfolio", "project", "BOOK", "--scenarios", "/nonexistent/s.yaml"], 66,
      "error: cannot read /nonexistent/s.yaml"
    ),
    (
      ["data", "generate", "--loans", "0"], 64,
      "error: --loans must be a whole number from 1 to 50000000 (got '0')"
    ),
    (
      ["data", "generate", "--loans", "10", "--profile", "big"], 64,
      "error: --profile must be calibrated or uniform (got 'big')"
    ),
    (
      ["data", "generate", "--loans", "10", "--out", "/nonexistent/dir/book.csv"], 73,
      "error: cannot write /nonexistent/dir/book.csv"
    ),
  ])
  func errors(_ arguments: [String], _ code: Int32, _ message: String) {
    let result = Gjj.execute(arguments.map { $0 == "BOOK" ? Self.badRows : $0 })
    #expect(result.code == code)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1)
  }

  @Test func badScenarioFileNamesTheLine() throws {
    let path = temporaryPath("s.yaml")
    try "scenarios:\n  - name: a\n    cpr: 6\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = Gjj.execute(["portfolio", "project", Self.badRows, "--scenarios", path])
    #expect(result.code == 65)
    #expect(
      result.stderr
        == "error: \(path): line 3: scenarios[0].cpr must be a fraction between 0 and 1 or a percent such as 6% (got 6); write 6% or 0.06 for six percent\n"
    )
  }

  /// The same seed gives the same file; the shipped sample is the generator's output.
  @Test func generateIsReproducible() throws {
    let a = temporaryPath("a.csv")
    let b = temporaryPath("b.csv")
    defer {
      try? FileManager.default.removeItem(atPath: a)
      try? FileManager.default.removeItem(atPath: b)
    }
    let result = Gjj.execute(["data", "generate", "--loans", "500", "--seed", "9", "--out", a])
    #expect(result.code == 0)
    #expect(result.stdout == "wrote 500 loans to \(a) (calibrated, seed 9, as of 2025-12-31)\n")
    _ = Gjj.execute(["data", "generate", "--loans", "500", "--seed", "9", "--out", b])
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
    let load = try LoanBook.load(path: a)
    #expect(load.accepted == 500)

    let sample = try String(
      contentsOfFile: Golden.datasetPath("samples/book-10k.csv"), encoding: .utf8)
    #expect(sample == BookGenerator(seed: 1).csv(loans: 10_000))

    let uniform = Gjj.execute([
      "data", "generate", "--loans", "3", "--seed", "7", "--profile", "uniform",
    ])
    #expect(uniform.stdout.split(separator: "\n").count == 7)  // 3 comments, header, 3 rows
    #expect(try LoanBook.parse(csv: uniform.stdout).accepted == 3)
  }

  /// The calibrated sample matches the national figures it is calibrated to (docs/domain.md §8).
  @Test func sampleIsCalibrated() throws {
    let book = try LoanBook.load(path: Golden.datasetPath("samples/book-10k.csv")).book
    let n = Double(book.count)
    let firstHome = Double(book.home.filter { $0 == .first }.count) / n
    #expect(abs(firstHome - BookCalibration.firstHomeShare) < 0.01)
    let average = Double(book.principalFen.reduce(0, +)) / n / 100
    #expect((400_000...560_000).contains(average))  // 2018–2024 vintages: 40.5万 to 56.3万
    // Overdue amount (installments overdue × installment) ÷ balance ≈ 0.03 %.
    let payments = book.ledgerPayments()
    var overdue = 0.0
    for i in 0..<book.count where book.periodsOverdue[i] > 0 {
      overdue += Double(book.periodsOverdue[i]) * Double(payments[i])
    }
    let ratio = overdue / Double(book.balanceFen.reduce(0, +))
    #expect((0.0002...0.0004).contains(ratio), "overdue ratio \(ratio)")
  }
}
