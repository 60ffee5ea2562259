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

  func language() throws -> Language {
    guard let l = Language(rawValue: lang) else {
      throw InputError("--lang must be en or zh (got '\(lang)')")
    }
    return l
  }
}
