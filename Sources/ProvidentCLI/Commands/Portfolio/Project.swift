// gjj portfolio project: a loan book's cash flows under scenarios.
import ArgumentParser
import Foundation
import ProvidentCore
import ProvidentPortfolio
import ProvidentReport

extension Gjj.Portfolio {
  struct Project: OutputCommand {
    static let configuration = CommandConfiguration(
      abstract: "Project a loan book month by month under prepayment, default and rate scenarios.",
      discussion: """
        The book is a CSV file (docs/file-formats.md); bad rows are reported with their line,
        column and reason, and the good rows are projected. Scenarios come from a YAML file
        (without one: scheduled flows only). --mode exact books every amount to the fen as the
        ledger does; --mode fast computes the same formulas in floating point on all cores.

        Examples:
          gjj portfolio project datasets/samples/book-10k.csv --scenarios datasets/samples/scenarios.yaml
          gjj portfolio project book.csv --scenarios s.yaml --mode fast --segment product,region --format csv
        """)

    @OptionGroup var input: BookOptions

    @Option(help: "Scenario file (YAML). Default: scheduled cash flows only.")
    var scenarios: String?

    @Option(help: "exact (integer fen, as the ledger books) or fast (floating point).")
    var mode = Choice(ProjectionMode.exact)

    @Option(help: "Segment the aggregates by product, home and/or region (comma-separated).")
    var segment: String?

    @Option(help: "Tables only: rows by year or by month.")
    var by = Choice(PeriodArgument.year)

    @OptionGroup var output: OutputOptions

    mutating func render() throws -> String { try renderWithDiagnostics().stdout }

    mutating func renderWithDiagnostics() throws -> (stdout: String, stderr: String) {
      let lang = try output.language()
      let mode = try mode.value(for: "--mode")
      var segmentation: Segmentation = []
      for word in (segment ?? "").split(separator: ",", omittingEmptySubsequences: true) {
        switch word.trimmingCharacters(in: .whitespaces) {
        case "product": segmentation.insert(.product)
        case "home": segmentation.insert(.home)
        case "region": segmentation.insert(.region)
        default:
          throw InputError(
            "--segment takes product, home and region, comma-separated (got '\(word)')")
        }
      }
      let byMonth = try by.value(for: "--by") == .month

      // Scenarios first: a bad file fails before the book is read.
      var file = ScenarioFile(scenarios: [.scheduled])
      if let scenarios {
        let text = try DataFiles.read(scenarios)
        do { file = try ScenarioFile(yaml: text) } catch {
          throw DataFiles.badData("\(scenarios): \(error.description)")
        }
      }
      let load = try input.load(asOf: file.asOf)
      let bar = input.progressBar()
      var options = ProjectionOptions(
        mode: mode, segmentation: segmentation, threads: input.threads)
      if let bar { options.progress = { bar.show($0) } }
      let projection: PortfolioProjection
      do {
        projection = try load.book.project(file.scenarios, options: options)
      } catch {
        bar?.clear()
        throw DataFiles.badData("\(input.book): \(error.message)")
      }
      bar?.clear()
      let report = PortfolioReport(
        read: load.read, accepted: load.accepted, rejections: load.rejections,
        projection: projection)
      return (
        try output.emit(report.document(lang, byMonth: byMonth)),
        try output.rejectionWarning(read: load.read, rejections: load.rejections)
      )
    }
  }
}

/// A progress bar on stderr: `[#########           ] 45%`, redrawn in place.
final class _ProgressBar: Sendable {
  func show(_ fraction: Double) {
    let width = 30
    let filled = Int((fraction * Double(width)).rounded(.down))
    let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
    write("\r[\(bar)] \(Int(fraction * 100))%")
  }

  func clear() { write("\r" + String(repeating: " ", count: 40) + "\r") }

  func write(_ text: String) {
    var bytes = Array(text.utf8)
    _ = Foundation.write(STDERR_FILENO, &bytes, bytes.count)
  }
}
