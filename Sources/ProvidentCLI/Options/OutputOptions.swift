// --format and --lang, shared by every command that prints a result.
import ArgumentParser
import ProvidentReport

struct OutputOptions: ParsableArguments {
  @Option(help: "Output format: table, csv or json.")
  var format: String = "table"

  @Option(help: "Language of tables: en or zh (JSON and CSV keys stay English).")
  var lang: String = "en"

  enum Format: String, CaseIterable { case table, csv, json }

  func checkedFormat(allowed: [Format] = Format.allCases) throws -> Format {
    guard let f = Format(rawValue: format), allowed.contains(f) else {
      throw InputError(
        "--format must be one of \(allowed.map(\.rawValue).joined(separator: ", ")) (got '\(format)')")
    }
    return f
  }

  func check() throws {
    _ = try checkedFormat()
    _ = try language()
  }

  /// The report in the chosen format and language (`rows` false: tables without installment rows).
  func render(_ report: some RenderableReport, rows: Bool = true) throws -> String {
    let lang = try language()
    switch try checkedFormat() {
    case .table: return report.table(lang, rows: rows)
    case .csv: return report.csv()
    case .json: return report.json().rendered()
    }
  }

  func language() throws -> Language {
    guard let l = Language(rawValue: lang) else {
      throw InputError("--lang must be en or zh (got '\(lang)')")
    }
    return l
  }
}
