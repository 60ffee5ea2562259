// gjj risk vasicek and gjj portfolio stress: contracts, formats and one-line errors.
import Foundation
import ProvidentCLI
import Testing
import _ProvidentTestSupport

@Suite("gjj risk and gjj portfolio stress")
struct RiskCommandTests {
  static let book = Golden.datasetPath("samples/book-bad-rows.csv")
  static let factors = Golden.datasetPath("samples/factors.yaml")
  static let links = Golden.datasetPath("samples/links.yaml")

  func json(_ arguments: [String]) throws -> [String: Any] {
    let result = Gjj.execute(arguments)
    #expect(result.code == 0, "\(result.stderr)")
    return try #require(
      JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
  }

  /// The closed forms in JSON are docs/risk-models.md §2.2's row (PD 1 %, ρ .15, q .999) to 10 decimals, and
  /// the Monte Carlo check of a 1,000-loan pool names its exact quantile (0.112, docs/risk-models.md §2.3).
  @Test func vasicekJSON() throws {
    let object = try json([
      "risk", "vasicek", "--pd", "1%", "--q", "99.9%", "--loans", "1000", "--paths", "20000",
      "--format", "json",
    ])
    let closed = try #require(object["closedForm"] as? [String: Double])
    #expect(abs(closed["quantile"]! - 0.1102647566) < 1e-10)
    #expect(abs(closed["expectedShortfall"]! - 0.1351844893) < 1e-10)
    let mc = try #require(object["monteCarlo"] as? [String: Any])
    #expect(mc["finitePoolQuantile"] as? Double == 0.112)
    let q = try #require(mc["quantile"] as? [String: Double])
    #expect(abs(q["value"]! - 0.112) <= 4 * q["standardError"]! + 0.001)
    #expect((object["grid"] as? [Any])?.count == 101)
    let csv = Gjj.execute(["risk", "vasicek", "--pd", "0.005", "--format", "csv"])
    #expect(csv.stdout.hasPrefix("loss,cdf,density\n0.0000000000,0.0000000000,"))
    let html = Gjj.execute([
      "risk", "vasicek", "--pd", "0.005", "--paths", "1000", "--format", "html",
    ])
    #expect(html.code == 0 && html.stdout.contains("<svg") && html.stdout.contains("role=\"img\""))
  }

  @Test(arguments: [
    (
      ["risk", "vasicek", "--pd", "5"],
      "error: --pd must be a fraction between 0 and 1 or a percent such as 1% (got 5); write 5% or 0.05 for 5 percent"
    ),
    (
      ["risk", "vasicek", "--pd", "0"], "error: --pd must be strictly between 0.0 and 1.0 (got 0.0)"
    ),
    (
      ["risk", "vasicek", "--pd", "1%", "--rho", "1"],
      "error: --rho must be at least 0 and below 1 (got 1.0)"
    ),
    (
      ["risk", "vasicek", "--pd", "1%", "--q", "1"],
      "error: --q must be strictly between 0.0 and 1.0 (got 1.0)"
    ),
    (
      ["risk", "vasicek", "--pd", "1%", "--loans", "100"],
      "error: --loans needs --paths (the Monte Carlo run)"
    ),
    (
      ["risk", "vasicek", "--pd", "1%", "--paths", "10"],
      "error: --paths must be between 100 and 100000000 (got 10)"
    ),
    (
      ["risk", "vasicek", "--pd", "x"], "error: --pd must be a number such as 0.01 or 1% (got 'x')"
    ),
  ])
  func vasicekErrors(_ arguments: [String], _ message: String) {
    let result = Gjj.execute(arguments)
    #expect(result.code == 64)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr == message + "\n")
  }

  /// The JSON of a stress run: scenarios with totals and per-segment rates, the Monte Carlo
  /// distributions with intervals, segments with ASRF figures; identical for 1 and 2 threads.
  @Test func stressJSON() throws {
    let arguments = [
      "portfolio", "stress", Self.book, "--factors", Self.factors, "--links", Self.links, "--paths",
      "500", "--seed", "1", "--format", "json",
    ]
    let one = Gjj.execute(arguments + ["--threads", "1"])
    let two = Gjj.execute(arguments + ["--threads", "2"])
    #expect(one.code == 0, "\(one.stderr)")
    #expect(one.stdout == two.stdout)
    let object = try json(arguments)
    #expect(object["loans"] as? [String: Int] == ["read": 10, "accepted": 5, "rejected": 5])
    let scenarios = try #require(object["scenarios"] as? [[String: Any]])
    #expect(
      scenarios.map { $0["name"] as? String } == ["base", "adverse", "severe", "tier1-severe"])
    // Losses grow from base to the tier-1 severe scenario; conservation holds as printed.
    let totals = try scenarios.map { try #require($0["totals"] as? [String: Double]) }
    #expect(zip(totals, totals.dropFirst()).allSatisfy { $0["loss"]! < $1["loss"]! })
    for t in totals {
      let sum = t["scheduledPrincipal"]! + t["prepayment"]! + t["default"]! + t["closingBalance"]!
      #expect(abs(sum - t["openingBalance"]!) < 0.05)
    }
    let mc = try #require(object["monteCarlo"] as? [String: Any])
    let distributions = try #require(mc["distributions"] as? [String: Any])
    #expect(Set(distributions.keys) == ["loss", "defaults", "prepayment", "interest"])
    let loss = try #require(distributions["loss"] as? [String: Any])
    let quantiles = try #require(loss["quantiles"] as? [[String: Double]])
    #expect(quantiles.map { $0["level"] } == [0.5, 0.9, 0.99, 0.999])
    for q in quantiles { #expect(q["lower95"]! <= q["value"]! && q["value"]! <= q["upper95"]!) }
    let es = try #require(loss["expectedShortfall"] as? [[String: Double]])
    #expect(es[1]["value"]! >= quantiles[3]["value"]!)
    let segments = try #require(object["segments"] as? [[String: Any]])
    #expect(segments.allSatisfy { $0["asrf"] != nil && $0["product"] != nil && $0["home"] != nil })
    #expect(object["asrfBook"] != nil)
  }

  /// CSV: one row per path, the path's factor values and totals; `--paths 0` runs the scenarios
  /// only.
  @Test func stressCSVAndScenariosOnly() throws {
    let csv = Gjj.execute([
      "portfolio", "stress", Self.book, "--factors", Self.factors, "--links", Self.links, "--paths",
      "200", "--format", "csv",
    ])
    #expect(csv.code == 0)
    let lines = csv.stdout.split(separator: "\n")
    #expect(lines.count == 201)
    #expect(lines[0] == "path,hpi,unemployment,income,lpr,loss,defaults,prepayment,interest")
    #expect(lines[1].hasPrefix("0,"))
    #expect(csv.stderr.hasPrefix("warning: 5 of 10 rows rejected"))
    let object = try json([
      "portfolio", "stress", Self.book, "--factors", Self.factors, "--links", Self.links, "--paths",
      "0", "--format", "json",
    ])
    #expect(object["monteCarlo"] == nil)
    #expect((object["scenarios"] as? [Any])?.count == 4)
  }

  @Test func stressFileErrorsNameTheKey() throws {
    let dir = FileManager.default.temporaryDirectory
    let typo = dir.appending(path: "\(UUID())-f.yaml").path
    let notPD = dir.appending(path: "\(UUID())-g.yaml").path
    let badLinks = dir.appending(path: "\(UUID())-l.yaml").path
    defer { for p in [typo, notPD, badLinks] { try? FileManager.default.removeItem(atPath: p) } }
    try "factors:\n  - {name: hpi, mean: 0, vol: 8, unti: '%'}\n".write(
      toFile: typo, atomically: true, encoding: .utf8)
    try
      "factors:\n  - {name: a, mean: 0, vol: 1}\n  - {name: b, mean: 0, vol: 1}\ncorrelation: [[1, 1.0], [1.0, 1]]\n"
      .write(toFile: notPD, atomically: true, encoding: .utf8)
    try "default:\n  pd: {base: 0.3%, betas: {hpi: -0.05, unemployement: 0.3}}\n  cpr: {base: 6%}\n"
      .write(toFile: badLinks, atomically: true, encoding: .utf8)
    let cases: [([String], Int32, String)] = [
      (
        ["--factors", typo, "--links", Self.links], 65,
        "error: \(typo): line 2: factors[0] has an unknown key 'unti'; the keys are name, unit, mean, vol\n"
      ),
      (
        ["--factors", notPD, "--links", Self.links], 65,
        "error: \(notPD): line 4: the correlation matrix is not positive definite: its leading minor of order 2 (a, b) is not positive; no joint law has these correlations\n"
      ),
      (
        ["--factors", Self.factors, "--links", badLinks], 65,
        "error: \(badLinks): line 2: default.pd.betas has an unknown factor 'unemployement'; the factors are hpi, unemployment, income, lpr\n"
      ),
      (
        ["--factors", "/nonexistent/f.yaml", "--links", Self.links], 66,
        "error: cannot read /nonexistent/f.yaml"
      ),
      (
        ["--factors", Self.factors, "--links", Self.links, "--paths", "20000000"], 64,
        "error: --paths must be between 0 and 10000000 (got 20000000)\n"
      ),
    ]
    for (extra, code, message) in cases {
      let result = Gjj.execute(["portfolio", "stress", Self.book] + extra)
      #expect(result.code == code, "\(extra)")
      #expect(result.stdout.isEmpty)
      #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
      #expect(result.stderr.split(separator: "\n").count == 1)
    }
  }
}
