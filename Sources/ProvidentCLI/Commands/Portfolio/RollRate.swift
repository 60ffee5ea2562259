// gjj portfolio rollrate: transition matrices estimated from a loan-month panel.
import ArgumentParser
import Foundation
import ProvidentPortfolio
import ProvidentReport
import ProvidentRisk

extension Gjj.Portfolio {
  struct RollRate: OutputCommand {
    static let configuration = CommandConfiguration(
      commandName: "rollrate",
      abstract: "Estimate monthly roll-rate (transition) matrices from a loan-month panel.",
      discussion: """
        The panel is a CSV file, one row per loan and month (docs/file-formats.md); bad rows
        are reported with their line, column and reason, and the others are used. Probabilities are
        the cohort estimator's, with the counts behind each; a row with no data is reported and
        filled from the pooled matrix. --format json writes the matrix file that `gjj portfolio
        delinquency --matrix` reads.

        Examples:
          gjj portfolio rollrate datasets/samples/panel-500.csv --segment region
          gjj portfolio rollrate panel.csv --segment region,product --format json --out m.json
          gjj portfolio rollrate panel.csv --buckets 1,2,3,4,6 --weight balance
        """)

    @Argument(help: "The loan-month panel (CSV).")
    var panel: String

    @Option(help: "Segment columns of the panel to estimate separately (comma-separated).")
    var segment: String?

    @Option(
      help: "Lower edges of the overdue buckets in periods (default 1,2,3,6: C M1 M2 M3-5 M6+).")
    var buckets: String = "1,2,3,6"

    @Option(help: "count (each loan counts once) or balance (loans weighted by balance).")
    var weight = Choice(TransitionWeight.count)

    @Option(help: "Cumulative overdue periods that put a borrower on the blacklist.")
    var blacklist: Int = 6

    @Flag(help: "Stop at the first bad row (exit 65) instead of reporting it and going on.")
    var strict = false

    @OptionGroup var output: OutputOptions

    mutating func render() throws -> String { try renderWithDiagnostics().stdout }

    mutating func renderWithDiagnostics() throws -> (stdout: String, stderr: String) {
      let lang = try output.language()
      let states = try RiskOptions.states(buckets)
      let weight = try weight.value(for: "--weight")
      guard (1...60).contains(blacklist) else {
        throw InputError("--blacklist must be between 1 and 60 periods (got \(blacklist))")
      }
      let columns = RiskOptions.list(segment)
      let load: PanelLoad
      do {
        load = try LoanPanel.load(path: panel, strict: strict)
      } catch {
        throw DataFiles.failure(error, file: panel)
      }
      let estimate: RollRateEstimate
      do {
        estimate = try load.panel.estimateRollRates(
          .init(states: states, weight: weight, segmentBy: columns, blacklistThreshold: blacklist))
      } catch {
        throw InputError("--segment: \(error.message)")
      }
      let report = RollRateReport(file: panel, load: load, estimate: estimate)
      return (
        try output.emit(report.document(lang)),
        try output.rejectionWarning(read: load.read, rejections: load.rejections)
      )
    }
  }
}
