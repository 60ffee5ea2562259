// gjj prepay: one prepayment, keep-term and keep-payment side by side.
import ArgumentParser
import ProvidentCore
import ProvidentReport

extension Gjj {
  struct Prepay: OutputCommand {
    static let configuration = CommandConfiguration(
      abstract: "Quote one partial prepayment (提前还款): keep the term or keep the payment.",
      discussion: """
        Examples:
          gjj prepay --principal 1000000 --rate 3.1 --months 360 --after 36 --amount 200000
          gjj prepay --principal 1000000 --rate 3.1 --months 360 --after 36 --amount 200000 --strategy keep-payment --format json
        """)

    @OptionGroup var loanOptions: LoanOptions

    @Option(help: "The prepayment is made after this installment is paid (1 or more).")
    var after: String

    @Option(help: "Principal prepaid, in yuan (200000 or 20万).")
    var amount: String

    @Option(
      help:
        "keep-term (减少月供) or keep-payment (缩短年限) for one strategy with its schedule; default both.")
    var strategy: Choice<StrategyArgument>?

    @OptionGroup var output: OutputOptions

    mutating func render() throws -> String {
      let lang = try output.language()
      let convention = try loanOptions.terms.checkedConvention()
      let (loan, decisions) = try loanOptions.loan()
      guard let k = Int(after), (1..<loan.months).contains(k) else {
        throw InputError(
          "--after must be an installment number between 1 and \(loan.months - 1) (got \(after))")
      }
      let money = try LoanOptions.money(amount, option: "--amount")
      guard money > .zero else {
        throw InputError("--amount must be greater than 0 (got \(amount))")
      }
      let chosen = try strategy?.value(for: "--strategy").strategy
      let quote: PrepaymentQuote
      do {
        quote = try PrepaymentQuote(
          loan: loan, afterInstallment: k, amount: money, convention: convention)
      } catch {
        throw InputError(
          "--amount \(amount) is not below the balance \(loan.schedule(convention: convention).installments[k - 1].balance) after installment \(k); to repay everything use gjj amortize --payoff-on"
        )
      }
      let report = PrepaymentReport(loan: loan, quote: quote, decisions: decisions)
      return try output.emit(report.document(lang, strategy: chosen))
    }
  }
}
