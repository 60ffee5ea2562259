// gjj amortize: a loan's repayment schedule.
import ArgumentParser
import ProvidentCore
import ProvidentReport

extension Gjj {
  struct Amortize: OutputCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print a loan's repayment schedule (还款计划), exact to the fen.",
      discussion: """
        Examples:
          gjj amortize --principal 1000000 --rate 3.1 --months 360
          gjj amortize --principal 100万 --product provident --start 2024-06-01 --payment-day 20 --years 30
          gjj amortize --principal 800000 --product commercial --lpr-spread -30 --start 2023-03-15 --months 360 --format json
        """)

    @OptionGroup var loanOptions: LoanOptions

    @Option(help: "Quote the payoff (full prepayment) amount on this date (yyyy-mm-dd).")
    var payoffOn: String?

    @Flag(help: "Tables only: print the summary and the rates used, without the installment rows.")
    var summary = false

    @OptionGroup var output: OutputOptions

    mutating func render() throws -> String {
      let convention = try loanOptions.terms.checkedConvention()
      let (loan, decisions) = try loanOptions.loan()
      var payoff: PayoffQuote? = nil
      if let payoffOn {
        let date = try LoanOptions.date(payoffOn, option: "--payoff-on")
        do {
          payoff = try loan.payoff(on: date, convention: convention)
        } catch {
          throw InputError(error.message(calling: "--payoff-on"))
        }
      }
      let report = AmortizationReport(
        loan: loan, schedule: loan.schedule(convention: convention), payoff: payoff,
        decisions: decisions)
      return try output.render(report, rows: !summary)
    }
  }
}
