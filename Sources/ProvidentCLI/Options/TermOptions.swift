// Term, method, convention and dates: shared by every loan command (amortize, prepay, timeline,
// combo).
import ArgumentParser
import ProvidentCore

struct TermOptions: ParsableArguments {
  @Option(help: "Term in months (1–600).")
  var months: String?

  @Option(help: "Term in years (1–50), instead of --months.")
  var years: String?

  @Option(help: "equal-installment (等额本息) or equal-principal (等额本金).")
  var method = Choice(MethodArgument.equalInstallment)

  @Option(help: "ledger (rounded as booked, as centres do) or exact (rounded only when shown).")
  var convention = Choice(Convention.ledger)

  @Option(help: "Disbursement date yyyy-mm-dd; makes the schedule dated.")
  var start: String?

  @Option(help: "Day of the month installments fall due (1–31); default: the start's day.")
  var paymentDay: String?

  func repaymentMethod() throws -> RepaymentMethod { try method.value(for: "--method").method }

  func checkedConvention() throws -> Convention { try convention.value(for: "--convention") }

  func termMonths() throws -> Int {
    var result: Int? = nil
    if let months {
      guard let m = Int(months) else {
        throw InputError(
          "--months must be a whole number of months between 1 and 600 (got \(months))")
      }
      guard (1...Loan.maximumMonths).contains(m) else {
        throw InputError("--months must be between 1 and \(Loan.maximumMonths) (got \(months))")
      }
      result = m
    }
    if let years {
      guard let y = Int(years), (1...Loan.maximumMonths / 12).contains(y) else {
        throw InputError(
          "--years must be a whole number between 1 and \(Loan.maximumMonths / 12) (got \(years))")
      }
      if let result, result != y * 12 {
        throw InputError("--years \(years) and --months \(months!) disagree: give one of them")
      }
      result = y * 12
    }
    guard let result else { throw InputError("--months is required (or --years)") }
    return result
  }

  func paymentDates() throws -> PaymentDates? {
    guard let start else {
      if let paymentDay {
        throw InputError("--payment-day needs --start (got --payment-day \(paymentDay))")
      }
      return nil
    }
    let date = try LoanOptions.date(start, option: "--start")
    var day = date.day
    if let paymentDay {
      guard let d = Int(paymentDay), (1...31).contains(d) else {
        throw InputError(
          "--payment-day must be a day of the month between 1 and 31 (got \(paymentDay))")
      }
      day = d
    }
    return try PaymentDates(start: date, paymentDay: day)
  }

}
