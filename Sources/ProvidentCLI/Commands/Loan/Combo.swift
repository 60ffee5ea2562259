// gjj combo: a combination loan (组合贷款).
import ArgumentParser
import ProvidentCore
import ProvidentReport

extension Gjj {
  struct Combo: OutputCommand {
    static let configuration = CommandConfiguration(
      abstract: "A combination loan (组合贷款): a provident and a commercial part, summed per period.",
      discussion: """
        Examples:
          gjj combo --provident 800000@2.6 --commercial 700000@3.05 --months 360
          gjj combo --provident 80万@2.6 --commercial 70万@3.05 --years 30 --events part-events.json --format json
        """)

    @Option(help: "The provident part as AMOUNT@RATE, e.g. 800000@2.6 (rate in percent).")
    var provident: String

    @Option(help: "The commercial part as AMOUNT@RATE, e.g. 700000@3.05.")
    var commercial: String

    @OptionGroup var terms: TermOptions

    @Option(help: "A JSON file of events, each naming its \"part\" (see the README).")
    var events: String?

    @Flag(help: "Tables only: leave out the installment rows.")
    var summary = false

    @OptionGroup var output: OutputOptions

    func part(_ text: String, option: String) throws -> (Money, AnnualRate) {
      let pieces = text.split(separator: "@", omittingEmptySubsequences: false)
      guard pieces.count == 2 else {
        throw InputError("\(option) must be AMOUNT@RATE, such as 800000@2.6 (got \(text))")
      }
      let amount = try LoanOptions.money(String(pieces[0]), option: option)
      guard amount > .zero else {
        throw InputError("\(option) amount must be greater than 0 (got \(pieces[0]))")
      }
      return (amount, try LoanOptions.rate(String(pieces[1]), option: option))
    }

    mutating func render() throws -> String {
      let convention = try terms.checkedConvention()
      let months = try terms.termMonths()
      let method = try terms.repaymentMethod()
      let dates = try terms.paymentDates()
      func loan(_ text: String, _ option: String) throws -> Loan {
        let (amount, rate) = try part(text, option: option)
        do {
          return try Loan(
            principal: amount, annualRate: rate, months: months, method: method, dates: dates)
        } catch {
          throw InputError(error.message(calling: error.field == .months ? "--months" : option))
        }
      }
      let p = try loan(provident, "--provident")
      let c = try loan(commercial, "--commercial")
      // Each part gets its own events; remember their indices in the file for messages.
      var pEvents: [TimedEvent] = []
      var cEvents: [TimedEvent] = []
      var fileIndex: [LoanPart: [Int]] = [.provident: [], .commercial: []]
      if let events {
        for (i, (part, event)) in try EventsFile.read(events, option: "--events", parts: true)
          .enumerated()
        {
          if part == .provident { pEvents.append(event) } else { cEvents.append(event) }
          fileIndex[part!]!.append(i)
        }
      }
      let schedule: CombinationSchedule
      do {
        schedule = try CombinationLoan(
          provident: ProvidentCore.Timeline(loan: p, events: pEvents),
          commercial: ProvidentCore.Timeline(loan: c, events: cEvents)
        ).run(convention: convention)
      } catch {
        let i = fileIndex[error.part]?[error.error.eventIndex] ?? error.error.eventIndex
        throw InputError(
          "\(events ?? "--events"): events[\(i)].\(error.error.field) (\(error.part.rawValue) part): \(error.error.message)"
        )
      }
      let report = CombinationReport(schedule: schedule)
      return try output.render(report, rows: !summary)
    }
  }
}
