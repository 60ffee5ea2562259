// gjj portfolio delinquency: a book (or a panel's last month) projected through roll-rate matrices.
import ArgumentParser
import Foundation
import ProvidentCore
import ProvidentPortfolio
import ProvidentReport
import ProvidentRisk

extension Gjj.Portfolio {
  struct Delinquency: OutputCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Project overdue states, balances and losses through roll-rate matrices, with stress and forbearance.",
      discussion: """
        The input is a loan book (docs/file-formats.md) or a loan-month panel, whose loans
        in its last month start the projection with their own cumulative overdue counts. The
        matrices are the JSON of `gjj portfolio rollrate` (pooled and per segment; the book is
        segmented as the matrices are). Scenarios (YAML) set the horizon, stress multipliers by
        window and segment, and forbearance windows (the 2020 and 2022 national notices as
        presets); without one, 36 months on the matrices as they are.

        Examples:
          gjj portfolio delinquency datasets/samples/book-10k.csv --matrix m.json --scenario datasets/samples/delinquency.yaml
          gjj portfolio delinquency panel.csv --matrix m.json --scenario s.yaml --format json
        """)

    @Argument(help: "The loan book or loan-month panel (CSV).")
    var input: String

    @Option(help: "Transition matrices: the JSON of `gjj portfolio rollrate`.")
    var matrix: String

    @Option(help: "Scenario file (YAML). Default: one 36-month scenario without stress.")
    var scenario: String?

    @Flag(
      help: "Run each segment's monthly matrices from the estimate in order first (time-varying).")
    var replayMonths = false

    @Option(help: "The start (as-of) date (yyyy-mm-dd); overrides the file's.")
    var asOf: String?

    @OptionGroup var workers: ThreadsOption

    @Option(help: "Tables only: a row every N months (default: 1 up to 36 months, else 12).")
    var every: Int?

    @Flag(help: "Stop at the first bad row (exit 65).")
    var strict = false

    @OptionGroup var output: OutputOptions

    mutating func render() throws -> String { try renderWithDiagnostics().stdout }

    mutating func renderWithDiagnostics() throws -> (stdout: String, stderr: String) {
      let lang = try output.language()
      if let every, !(1...1200).contains(every) {
        throw InputError("--every must be between 1 and 1200 months (got \(every))")
      }
      // Matrices and scenarios first: a bad file fails before the book is read.
      let model = try RiskOptions.model(matrix, replayMonths: replayMonths)
      let file = try scenario.map(RiskOptions.delinquencyScenarios) ?? .default
      var start = file.asOf
      if let asOf { start = try LoanOptions.date(asOf, option: "--as-of") }

      let loaded = try RiskOptions.cohorts(
        input, model: model, asOf: start, blacklist: file.blacklistThreshold,
        threads: workers.threads, strict: strict)
      let projection: DelinquencyProjection
      do {
        projection = try model.project(
          loaded.cohorts, scenarios: file.scenarios,
          options: .init(start: loaded.start, threads: workers.threads))
      } catch {
        throw DataFiles.badData("\(scenario ?? matrix): \(error.message)")
      }
      let longest = file.scenarios.map(\.months).max() ?? 0
      let report = DelinquencyReport(
        file: input, kind: loaded.isPanel ? "panel" : "book", read: loaded.read,
        accepted: loaded.accepted,
        rejections: loaded.rejections, projection: projection,
        step: every ?? (longest <= 36 ? 1 : 12))
      return (
        try output.emit(report.document(lang)),
        try output.rejectionWarning(read: loaded.read, rejections: loaded.rejections)
      )
    }

  }
}

/// A book or panel read into cohorts for a delinquency projection.
struct CohortInput {
  var isPanel: Bool
  var cohorts: [DelinquencyCohort]
  var start: CalendarMonth?
  var read: Int
  var accepted: Int
  var rejections: [BookRejection]
}

extension RiskOptions {
  /// Reads `path` (a loan book, or a panel when its header has a `month` column) into cohorts
  /// segmented as `model` is; the start is `asOf`, else the book's as-of month or the panel's last.
  static func cohorts(
    _ path: String, model: DelinquencyModel, asOf: LocalDate?, blacklist: Int, threads: Int?,
    strict: Bool
  ) throws -> CohortInput {
    do {
      if try LoanPanel.isPanel(path: path) {
        let load = try LoanPanel.load(path: path, strict: strict)
        let (last, c) = try load.panel.delinquencyCohorts(
          states: model.states, segmentBy: model.segmentColumns, blacklistThreshold: blacklist)
        return CohortInput(
          isPanel: true, cohorts: c, start: asOf.map(CalendarMonth.init) ?? last, read: load.read,
          accepted: load.accepted, rejections: load.rejections)
      }
      let load = try LoanBook.load(path: path, options: .init(asOf: asOf, strict: strict))
      let c = try load.book.delinquencyCohorts(
        states: model.states, segmentBy: model.segmentColumns, blacklistThreshold: blacklist,
        threads: threads)
      return CohortInput(
        isPanel: false, cohorts: c, start: (asOf ?? load.book.asOf).map(CalendarMonth.init),
        read: load.read,
        accepted: load.accepted, rejections: load.rejections)
    } catch let error as BookError {
      throw DataFiles.failure(error, file: path)
    } catch let error as RiskInputError {
      throw DataFiles.badData("\(path): \(error.message)")
    }
  }

  /// Reads a matrix file (exit 65 on a bad one, 66 when unreadable).
  static func model(_ path: String, replayMonths: Bool = false) throws -> DelinquencyModel {
    do {
      return try DelinquencyModel(json: try DataFiles.read(path), replayMonths: replayMonths)
    } catch let error as RiskInputError {
      throw DataFiles.badData("\(path): \(error.message)")
    }
  }

  /// Reads a delinquency scenario file (exit 65 on a bad one, 66 when unreadable).
  static func delinquencyScenarios(_ path: String) throws -> DelinquencyScenarioFile {
    do { return try DelinquencyScenarioFile(yaml: try DataFiles.read(path)) } catch let error
      as ScenarioError
    {
      throw DataFiles.badData("\(path): \(error.description)")
    }
  }

}
