// --format, --lang and --out, shared by every command that prints a result.
import ArgumentParser
import Foundation
import ProvidentPortfolio
import ProvidentReport

struct OutputOptions: ParsableArguments {
  @Option(help: "Output format (default: table, or --out's extension).")
  var format: Choice<OutputFormat>?

  @Option(help: "Language of tables and reports (JSON and CSV keys stay English).")
  var lang = Choice(Language.en)

  @Option(
    help:
      "Write the report to this file instead of printing it; the format follows the extension (.html, .md, .ipynb, .csv, .json). An .ipynb also writes the CSV it reloads beside it."
  )
  var out: String?

  func checkedFormat() throws -> OutputFormat {
    var chosen: OutputFormat? = nil
    if let format { chosen = try format.value(for: "--format") }
    if let out {
      guard let f = OutputFormat(fileName: out) else {
        throw InputError("--out must end in .html, .md, .ipynb, .csv or .json (got \(out))")
      }
      if let chosen, chosen != f {
        throw InputError("--format \(chosen.rawValue) and --out \(out) disagree: give one of them")
      }
      chosen = f
    }
    return chosen ?? .table
  }

  func language() throws -> Language { try lang.value(for: "--lang") }

  /// A bad --format, --lang or --out fails before any work (exit 64).
  func validate() throws {
    do {
      _ = try checkedFormat()
      _ = try language()
    } catch let error as InputError { throw ValidationError(error.message) }
  }

  /// What stderr says when CSV output, which carries no rejected rows, leaves some out: the count,
  /// the first and where to see them all (every other format lists them).
  func rejectionWarning(read: Int, rejections: [BookRejection]) throws -> String {
    guard try checkedFormat() == .csv, let first = rejections.first else { return "" }
    return
      "warning: \(rejections.count) of \(read) rows rejected, first \(first); --format json lists them\n"
  }

  /// Prints or writes `document`. With `--out`, the file is written atomically (a temporary file
  /// renamed into place) and the returned line says so; otherwise the rendered text is returned.
  func emit(_ document: Document, rows: Bool = true) throws -> String {
    var document = document
    document.footer.command = Gjj.commandLine
    let format = try checkedFormat()
    guard let out else { return document.rendered(format, rows: rows) }
    let url = URL(fileURLWithPath: out)
    var written = [out]
    if format == .ipynb {
      // The notebook reloads the CSV beside it.
      let csvURL = url.deletingPathExtension().appendingPathExtension("csv")
      try write(document.csv, to: csvURL)
      written.append(
        csvURL.path == url.path ? out : (out as NSString).deletingPathExtension + ".csv")
      try write(document.rendered(.ipynb, csvFileName: csvURL.lastPathComponent), to: url)
    } else {
      try write(document.rendered(format, rows: rows), to: url)
    }
    return "wrote " + written.joined(separator: " and ")
  }

  func write(_ text: String, to url: URL) throws {
    do {
      try Data(text.utf8).write(to: url, options: .atomic)
    } catch {
      throw InputError("--out \(url.path): cannot write the file (\(error.localizedDescription))")
    }
  }

  /// A report through `emit`.
  func render(_ report: some RenderableReport, rows: Bool = true) throws -> String {
    try emit(report.document(try language()), rows: rows)
  }
}
