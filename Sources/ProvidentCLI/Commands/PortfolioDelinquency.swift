// gjj portfolio delinquency: a book (or a panel's last month) projected through roll-rate matrices.
import ArgumentParser
import Foundation
import ProvidentCore
import ProvidentPortfolio
import ProvidentReport

extension Gjj.Portfolio {
  struct Delinquency: OutputCommand {
    static let configuration = CommandConfiguration(
      abstract: "Project overdue states, balances and losses through roll-rate matrices, with stress and forbearance.",
      discussion: """
        The input is a loan book (datasets/samples/README.md) or a loan-month panel, whose loans
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

    @Flag(help: "Run each segment's monthly matrices from the estimate in order first (time-varying).")
    var replayMonths = false

    @Option(help: "The start (as-of) date (yyyy-mm-dd); overrides the file's.")
    var asOf: String?

    @Option(help: "Worker threads (default: one per core); results do not depend on it.")
    var threads: Int?

    @Option(help: "Tables only: a row every N months (default: 1 up to 36 months, else 12).")
    var every: Int?

    @Flag(help: "Stop at the first bad row (exit 65).")
    var strict = false

    @OptionGroup var output: OutputOptions

    mutating func render() throws -> String { try renderWithDiagnostics().stdout }

    mutating func renderWithDiagnostics() throws -> (stdout: String, stderr: String) {
      let format = try output.checkedFormat()
      let lang = try output.language()
      if let threads, !(1...1024).contains(threads) {
        throw InputError("--threads must be between 1 and 1024 (got \(threads))")
      }
      if let every, !(1...1200).contains(every) {
        throw InputError("--every must be between 1 and 1200 months (got \(every))")
      }
      // Matrices and scenarios first: a bad file fails before the book is read.
      let model: DelinquencyModel
      do {
        model = try DelinquencyModel(json: try RiskOptions.read(matrix), replayMonths: replayMonths)
      } catch let error as RiskInputError {
        throw RiskOptions.dataError("\(matrix): \(error.message)")
      }
      var file = DelinquencyScenarioFile.default
      if let scenario {
        do { file = try DelinquencyScenarioFile(yaml: try RiskOptions.read(scenario)) } catch let error as ScenarioError {
          throw RiskOptions.dataError("\(scenario): \(error.description)")
        }
      }
      var start = file.asOf
      if let asOf { start = try LoanOptions.date(asOf, option: "--as-of") }

      let isPanel = try Self.isPanel(input)
      let cohorts: [DelinquencyCohort]
      let read: Int
      let accepted: Int
      let rejections: [BookRejection]
      var startMonth = start.map(CalendarMonth.init)
      do {
        if isPanel {
          let load = try LoanPanel.load(path: input, strict: strict)
          let (last, c) = try load.panel.delinquencyCohorts(
            states: model.states, segmentBy: model.segmentColumns, blacklistThreshold: file.blacklistThreshold)
          (cohorts, read, accepted, rejections) = (c, load.read, load.accepted, load.rejections)
          startMonth = startMonth ?? last
        } else {
          let load = try LoanBook.load(path: input, options: .init(asOf: start, strict: strict))
          let c = try load.book.delinquencyCohorts(
            states: model.states, segmentBy: model.segmentColumns, blacklistThreshold: file.blacklistThreshold,
            threads: threads)
          (cohorts, read, accepted, rejections) = (c, load.read, load.accepted, load.rejections)
          startMonth = startMonth ?? load.book.asOf.map(CalendarMonth.init)
        }
      } catch let error as BookError {
        throw RiskOptions.fileFailure(error.message, file: input)
      } catch let error as RiskInputError {
        throw RiskOptions.dataError("\(input): \(error.message)")
      }
      let projection: DelinquencyProjection
      do {
        projection = try model.project(
          cohorts, scenarios: file.scenarios, options: .init(start: startMonth, threads: threads))
      } catch {
        throw RiskOptions.dataError("\(scenario ?? matrix): \(error.message)")
      }
      let longest = file.scenarios.map(\.months).max() ?? 0
      let report = DelinquencyReport(
        file: input, kind: isPanel ? "panel" : "book", read: read, accepted: accepted, rejections: rejections,
        projection: projection, step: every ?? (longest <= 36 ? 1 : 12))
      return (try output.emit(report.document(lang)), RiskOptions.rejectionWarning(format, read, rejections))
    }

    /// Whether the CSV's header names a `month` column (a panel) rather than a book's.
    static func isPanel(_ path: String) throws -> Bool {
      guard let handle = FileHandle(forReadingAtPath: path) else {
        throw RiskOptions.fileFailure("cannot open \(path): \(String(cString: strerror(errno)))", file: path)
      }
      defer { try? handle.close() }
      let head = String(decoding: handle.readData(ofLength: 1 << 16), as: UTF8.self)
      guard let header = head.split(separator: "\n").first(where: { !$0.hasPrefix("#") && !$0.isEmpty }) else {
        return false
      }
      return header.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespacesAndNewlines) == "month" }
    }
  }
}
