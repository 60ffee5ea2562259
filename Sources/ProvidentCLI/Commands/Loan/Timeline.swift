// gjj timeline: a loan with any list of events from a JSON file.
import ArgumentParser
import ProvidentCore
import ProvidentReport

extension Gjj {
  struct Timeline: OutputCommand {
    static let configuration = CommandConfiguration(
      commandName: "timeline",
      abstract:
        "Run a loan with a list of events (prepayments, term, method and rate changes, account offsets).",
      discussion: """
        The events file is JSON; its schema is in the README. Example:
          gjj timeline --principal 1000000 --rate 3.1 --months 360 --events events.json
        """)

    @OptionGroup var loanOptions: LoanOptions

    @Option(help: "A JSON file of events (see the README).")
    var events: String

    @Flag(help: "Tables only: leave out the installment rows.")
    var summary = false

    @OptionGroup var output: OutputOptions

    mutating func render() throws -> String {
      let convention = try loanOptions.terms.checkedConvention()
      let (loan, decisions) = try loanOptions.loan()
      let list = try EventsFile.read(events, option: "--events", parts: false).map(\.event)
      let comparison: TimelineComparison
      do {
        comparison = try TimelineComparison(
          ProvidentCore.Timeline(loan: loan, events: list), convention: convention)
      } catch {
        throw InputError("\(events): \(error)")
      }
      let report = TimelineReport(loan: loan, comparison: comparison, decisions: decisions)
      return try output.render(report, rows: !summary)
    }
  }
}
