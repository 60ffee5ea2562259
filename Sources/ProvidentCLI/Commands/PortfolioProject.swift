// gjj portfolio project: a loan book's cash flows under scenarios.
import ArgumentParser
import Foundation
import ProvidentCore
import ProvidentPortfolio
import ProvidentReport

extension Gjj {
  /// `gjj portfolio …`: many loans at once.
  struct Portfolio: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Loan books and panels: cash-flow projection, roll rates and delinquency.",
      subcommands: [Project.self, RollRate.self, Delinquency.self])
  }
}

extension Gjj.Portfolio {
  struct Project: OutputCommand {
    static let configuration = CommandConfiguration(
      abstract: "Project a loan book month by month under prepayment, default and rate scenarios.",
      discussion: """
        The book is a CSV file (datasets/samples/README.md); bad rows are reported with their line,
        column and reason, and the good rows are projected. Scenarios come from a YAML file
        (without one: scheduled flows only). --mode exact books every amount to the fen as the
        ledger does; --mode fast computes the same formulas in floating point on all cores.

        Examples:
          gjj portfolio project datasets/samples/book-10k.csv --scenarios datasets/samples/scenarios.yaml
          gjj portfolio project book.csv --scenarios s.yaml --mode fast --segment product,region --format csv
        """)

    @Argument(help: "The loan book (CSV).")
    var book: String

    @Option(help: "Scenario file (YAML). Default: scheduled cash flows only.")
    var scenarios: String?

    @Option(help: "exact (integer fen, as the ledger books) or fast (floating point).")
    var mode: String = "exact"

    @Option(help: "Segment the aggregates by product, home and/or region (comma-separated).")
    var segment: String?

    @Option(help: "The book's as-of date (yyyy-mm-dd); overrides the file's '# as_of:'.")
    var asOf: String?

    @Flag(help: "Stop at the first bad row (exit 65) instead of reporting it and going on.")
    var strict = false

    @Flag(help: "No progress bar.")
    var quiet = false

    @Option(help: "Worker threads (default: one per core); results do not depend on it.")
    var threads: Int?

    @Option(help: "Tables only: rows by year or by month.")
    var by: String = "year"

    @OptionGroup var output: OutputOptions

    mutating func render() throws -> String { try renderWithDiagnostics().stdout }

    mutating func renderWithDiagnostics() throws -> (stdout: String, stderr: String) {
      let format = try output.checkedFormat()
      let lang = try output.language()
      guard let mode = ProjectionMode(rawValue: mode) else {
        throw InputError("--mode must be exact or fast (got '\(self.mode)')")
      }
      var segmentation: Segmentation = []
      for word in (segment ?? "").split(separator: ",", omittingEmptySubsequences: true) {
        switch word.trimmingCharacters(in: .whitespaces) {
        case "product": segmentation.insert(.product)
        case "home": segmentation.insert(.home)
        case "region": segmentation.insert(.region)
        default:
          throw InputError("--segment takes product, home and region, comma-separated (got '\(word)')")
        }
      }
      guard by == "year" || by == "month" else {
        throw InputError("--by must be year or month (got '\(by)')")
      }
      if let threads, !(1...1024).contains(threads) {
        throw InputError("--threads must be between 1 and 1024 (got \(threads))")
      }

      // Scenarios first: a bad file fails before the book is read.
      var file = ScenarioFile(scenarios: [.scheduled])
      if let scenarios {
        let text: String
        do { text = try String(contentsOfFile: scenarios, encoding: .utf8) } catch {
          throw Self.failure("cannot read \(scenarios): \(Self.reason(error))", code: 66)
        }
        do { file = try ScenarioFile(yaml: text) } catch {
          throw Self.failure("\(scenarios): \(error.description)", code: 65)
        }
      }
      var asOfDate = file.asOf
      if let asOf { asOfDate = try LoanOptions.date(asOf, option: "--as-of") }

      let load: BookLoad
      do {
        load = try LoanBook.load(path: book, options: .init(asOf: asOfDate, strict: strict))
      } catch {
        let unreadable = error.message.hasPrefix("cannot open")
        throw Self.failure(
          unreadable ? error.message : "\(book): \(error.message)", code: unreadable ? 66 : 65)
      }
      let bar = !quiet && isatty(STDERR_FILENO) == 1 ? _ProgressBar() : nil
      var options = ProjectionOptions(mode: mode, segmentation: segmentation, threads: threads)
      if let bar { options.progress = { bar.show($0) } }
      let projection: PortfolioProjection
      do {
        projection = try load.book.project(file.scenarios, options: options)
      } catch {
        bar?.clear()
        throw Self.failure("\(book): \(error.message)", code: 65)
      }
      bar?.clear()
      let report = PortfolioReport(
        read: load.read, accepted: load.accepted, rejections: load.rejections,
        projection: projection)
      var diagnostics = ""
      if format == .csv && !load.rejections.isEmpty {
        diagnostics =
          "warning: \(load.rejected) of \(load.read) rows rejected, first \(load.rejections[0]); --format json lists them\n"
      }
      return (try output.emit(report.document(lang, byMonth: by == "month")), diagnostics)
    }

    static func failure(_ message: String, code: Int32) -> InputError {
      var e = InputError(message)
      e.exitCode = code
      return e
    }

    static func reason(_ error: Error) -> String {
      (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
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
