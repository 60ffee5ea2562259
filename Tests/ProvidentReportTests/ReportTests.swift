// Reports: snapshots of HTML, SVG and Markdown for fixed inputs; self-contained HTML; a report's
// figures equal the JSON of the same command; notebooks are nbformat 4 and reproducible.
import Foundation
import ProvidentCLI
import ProvidentCore
import ProvidentReport
import Testing
import _ProvidentTestSupport

@Suite("Reports")
struct ReportTests {
  /// A small dated loan: 12,000 at 6 % over 12 months, disbursed 2025-06-10, paid on the 20th.
  static let small = [
    "amortize", "--principal", "12000", "--rate", "6", "--months", "12", "--start", "2025-06-10",
    "--payment-day", "20",
  ]

  func temporaryFolder() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appending(
      path: "gjj-report-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  func render(_ arguments: [String], _ ext: String) throws -> String {
    let dir = try temporaryFolder()
    let path = dir.appending(path: "report.\(ext)").path
    let result = Gjj.execute(arguments + ["--out", path])
    #expect(result.code == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("wrote \(path)"))
    return try String(contentsOfFile: path, encoding: .utf8)
  }

  @Test(arguments: ["html", "md"], [Language.en, .zh])
  func snapshots(ext: String, lang: Language) throws {
    let text = try render(Self.small + ["--lang", lang.rawValue], ext)
    if let problem = snapshotMismatch(text, named: "amortize-small-\(lang.rawValue).\(ext)") {
      Issue.record(Comment(rawValue: problem))
    }
  }

  @Test func svgSnapshot() {
    let chart = Chart(
      kind: .line, title: "Balance over time", xLabel: "Installment", yLabel: "Balance (yuan)",
      x: [0, 1, 2, 3],
      series: [.init("Before", [300, 200, 100, 0]), .init("After", [300, 150, 0, 0])])
    let svg = SVGChart.render(chart, id: "c1")
    #expect(svg.contains(#"viewBox="0 0 720 380""#))
    #expect(svg.contains(#"role="img""#))
    #expect(svg.contains("<title id=\"c1-title\">Balance over time</title>"))
    #expect(svg.contains("Installment") && svg.contains("Balance (yuan)"))
    if let problem = snapshotMismatch(svg, named: "balance-chart.svg") {
      Issue.record(Comment(rawValue: problem))
    }
  }

  @Test(arguments: [
    ["amortize", "--principal", "1000000", "--rate", "3.1", "--months", "360"],
    [
      "prepay", "--principal", "1000000", "--rate", "3.1", "--months", "360", "--after", "36",
      "--amount", "200000",
    ],
    ["combo", "--provident", "800000@2.6", "--commercial", "700000@3.05", "--months", "360"],
  ])
  func htmlIsSelfContainedWithCharts(arguments: [String]) throws {
    let html = try render(arguments, "html")
    #expect(!html.contains("http://") && !html.contains("https://"))
    #expect(!html.contains("<script") && !html.contains("<link"))
    #expect(html.contains("<svg") && html.contains("role=\"img\"") && html.contains("viewBox="))
    #expect(html.contains("@page { size: A4"))
    #expect(html.contains("name=\"viewport\""))
  }

  /// The figures a report shows equal the JSON output of the same command.
  @Test func reportFiguresEqualJSON() throws {
    let base = ["amortize", "--principal", "1000000", "--rate", "3.1", "--months", "360"]
    let json = try #require(
      JSONSerialization.jsonObject(
        with: Data(Gjj.execute(base + ["--format", "json"]).stdout.utf8)) as? [String: Any])
    let summary = try #require(json["summary"] as? [String: Any])
    let html = try render(base, "html")
    let md = try render(base, "md")
    for key in ["payment", "firstPayment", "lastPayment", "totalInterest", "totalPayment"] {
      let value = try #require(summary[key] as? Double)
      let shown = Money(fen: Int64((value * 100).rounded())).formatted(grouping: true)
      #expect(html.contains(">\(shown)</td>"), "\(key) \(shown) in HTML")
      #expect(md.contains("| \(shown) |"), "\(key) \(shown) in Markdown")
    }
    // Every schedule row of the JSON is a row of the CSV written with --out.
    let csv = try render(base, "csv").split(separator: "\n")
    let rows = try #require(json["schedule"] as? [[String: Any]])
    #expect(csv.count == rows.count + 1)
    #expect(csv[1] == "1,3.1,4270.16,1686.83,2583.33,998313.17")
  }

  @Test func notebookIsNbformat4WithItsCSV() throws {
    let dir = try temporaryFolder()
    let path = dir.appending(path: "case.ipynb").path
    let result = Gjj.execute(Self.small + ["--out", path])
    #expect(result.stdout == "wrote \(path) and \(dir.appending(path: "case.csv").path)\n")
    let notebook = try #require(
      JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        as? [String: Any])
    #expect(notebook["nbformat"] as? Int == 4)
    #expect(notebook["nbformat_minor"] as? Int == 5)
    let cells = try #require(notebook["cells"] as? [[String: Any]])
    #expect(
      cells.contains {
        ($0["outputs"] as? [[String: Any]])?.first?["output_type"] as? String == "display_data"
      })
    let last = try #require(cells.last?["source"] as? [String])
    #expect(last.joined().contains("pd.read_csv(\"case.csv\")"))
    #expect(FileManager.default.fileExists(atPath: dir.appending(path: "case.csv").path))
  }

  /// A failed run writes nothing, and an existing report is left as it was.
  @Test func failedRunsLeaveNoFile() throws {
    let dir = try temporaryFolder()
    let path = dir.appending(path: "r.html").path
    let bad = Gjj.execute([
      "amortize", "--principal", "-1", "--rate", "3", "--months", "12", "--out", path,
    ])
    #expect(bad.code != 0 && bad.stdout.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: path))
    try "keep".write(toFile: path, atomically: true, encoding: .utf8)
    _ = Gjj.execute([
      "amortize", "--principal", "1000", "--rate", "99", "--months", "12", "--out", path,
    ])
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["r.html"])
  }

  /// `make notebooks` regenerates notebooks-export/ from notebooks-export/commands.txt; doing so
  /// here must reproduce every committed file byte for byte.
  @Test func notebooksExportIsReproducible() throws {
    let root = Golden.repositoryRoot.appending(path: "notebooks-export")
    let commands = try String(contentsOf: root.appending(path: "commands.txt"), encoding: .utf8)
    let dir = try temporaryFolder()
    // The commands name datasets/ relative to the repository, as `make notebooks` runs them.
    #expect(FileManager.default.changeCurrentDirectoryPath(Golden.repositoryRoot.path))
    var checked = 0
    for line in commands.split(separator: "\n") where !line.hasPrefix("#") && !line.isEmpty {
      let words = line.split(separator: " ").map(String.init)
      // Each line: OUTPUT gjj ARGS…
      let output = words[0]
      #expect(words[1] == "gjj")
      let args = Array(words.dropFirst(2))
      let result = Gjj.execute(args + ["--out", dir.appending(path: output).path])
      #expect(result.code == 0, "\(line): \(result.stderr)")
      var files = [output]
      if output.hasSuffix(".ipynb") { files.append(String(output.dropLast(6)) + ".csv") }
      for f in files {
        let fresh = try Data(contentsOf: dir.appending(path: f))
        let committed = try Data(contentsOf: root.appending(path: f))
        #expect(fresh == committed, "\(f) differs from notebooks-export/\(f): run make notebooks")
        checked += 1
      }
    }
    #expect(checked >= 2)
  }
}
