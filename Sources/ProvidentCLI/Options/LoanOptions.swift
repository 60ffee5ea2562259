// The loan options of `gjj amortize` (and of later commands): parsed, checked, turned into a Loan.
import ArgumentParser
import ProvidentCore

struct LoanOptions: ParsableArguments {
  @Option(parsing: .unconditional, help: "Principal in yuan: 1000000, 1000000.00 or 100万.")
  var principal: String

  @Option(
    parsing: .unconditional,
    help:
      "Annual rate in percent (3.1 or 3.1%). Omit it with --product and --start to use the rate tables."
  )
  var rate: String?

  @OptionGroup var terms: TermOptions

  @Option(help: "provident or commercial: take the rate from the bundled tables (needs --start).")
  var product: Choice<ProductArgument>?

  @Option(help: "first or second home (provident rates).")
  var home: Choice<HomeOrder>?

  @Option(
    parsing: .unconditional, help: "Commercial loans: spread over the LPR in basis points (-30).")
  var lprSpread: String?

  @Option(help: "Commercial loans: repricing cycle in months, 3, 6 or 12.")
  var repriceCycle: String?

  @Option(help: "Commercial loans: repricing dates anchored on jan1 or anniversary.")
  var repriceAnchor: Choice<AnchorArgument>?

  @Option(
    help:
      "A rate change DATE:RATE (dated schedules) or PERIOD:RATE, e.g. 2026-01-01:2.6. Repeatable.")
  var rateChange: [String] = []

  // MARK: - Parsing

  /// The loan, with the table decisions behind its rate when it came from the tables.
  func loan() throws -> (loan: Loan, decisions: [RateDecision]) {
    let principal = try Self.money(self.principal, option: "--principal")
    guard principal > .zero else {
      throw InputError("--principal must be greater than 0 (got \(self.principal))")
    }
    let months = try terms.termMonths()
    let method = try terms.repaymentMethod()
    let dates = try terms.paymentDates()

    var initial: AnnualRate
    var changes: [RateChange] = []
    var decisions: [RateDecision] = []
    if let product {
      guard rate == nil else {
        throw InputError(
          "--rate and --product exclude each other: --product takes the rate from the tables (got --rate \(rate!))"
        )
      }
      guard rateChange.isEmpty else {
        throw InputError(
          "--rate-change goes with --rate; with --product the tables set the changes")
      }
      guard let dates else { throw InputError("--product needs --start (the disbursement date)") }
      let rule = try rateRule(product: product)
      do {
        (initial, changes, decisions) = try RateTables.bundled.ratePath(
          for: rule, dates: dates, months: months)
      } catch {
        throw InputError("--product \(product): \(error.message)")
      }
    } else {
      guard let rate else {
        throw InputError("--rate is required (or --product with --start to use the rate tables)")
      }
      for (option, value) in [
        ("--home", home?.text), ("--lpr-spread", lprSpread), ("--reprice-cycle", repriceCycle),
        ("--reprice-anchor", repriceAnchor?.text),
      ] where value != nil {
        throw InputError("\(option) needs --product (got \(option) \(value!) without it)")
      }
      initial = try Self.rate(rate, option: "--rate")
      changes = try rateChange.map { try Self.rateChange($0, dated: dates != nil) }
    }
    do {
      let loan = try Loan(
        principal: principal, annualRate: initial, months: months, method: method, dates: dates,
        rateChanges: changes)
      return (loan, decisions)
    } catch {
      throw InputError(error.message(calling: optionName(error.field)))
    }
  }

  func optionName(_ field: LoanField) -> String {
    switch field {
    case .principal: "--principal"
    case .annualRate: "--rate"
    case .months: terms.years != nil && terms.months == nil ? "--years" : "--months"
    case .paymentDay: "--payment-day"
    case .start: "--start"
    case .rateChange(let i):
      // Changes are sorted inside Loan; name the one given at that position of the sorted list.
      "--rate-change \(rateChange.indices.contains(i) ? rateChange[i] : "#\(i + 1)")"
    case .payoffDate: "--payoff-on"
    }
  }

  func rateRule(product: Choice<ProductArgument>) throws -> RateRule {
    switch try product.value(for: "--product") {
    case .provident:
      for (option, value) in [
        ("--lpr-spread", lprSpread), ("--reprice-cycle", repriceCycle),
        ("--reprice-anchor", repriceAnchor?.text),
      ] where value != nil {
        throw InputError("\(option) applies to --product commercial (got \(option) \(value!))")
      }
      let home = try self.home?.value(for: "--home") ?? .first
      return .provident(home: home)
    case .commercial:
      if let home { throw InputError("--home applies to --product provident (got --home \(home))") }
      guard let lprSpread else {
        throw InputError(
          "--product commercial needs --lpr-spread (basis points over the LPR, e.g. -30)")
      }
      guard let spread = Int64(lprSpread), (-1000...1000).contains(spread) else {
        throw InputError(
          "--lpr-spread must be a whole number of basis points between -1000 and 1000 (got \(lprSpread))"
        )
      }
      let cycleText = repriceCycle ?? "12"
      guard let cycle = Int(cycleText), [3, 6, 12].contains(cycle) else {
        throw InputError("--reprice-cycle must be 3, 6 or 12 months (got \(cycleText))")
      }
      let anchor = try repriceAnchor?.value(for: "--reprice-anchor").anchor ?? .januaryFirst
      return .commercial(spreadBasisPoints: spread, cycleMonths: cycle, anchor: anchor)
    }
  }

  // MARK: - Values

  static func money(_ text: String, option: String) throws -> Money {
    do {
      return try Money(parsing: text)
    } catch {
      switch error {
      case .tooManyDecimals:
        throw InputError(
          "\(option) must be whole fen: at most 2 decimal places of yuan (got \(text))")
      case .outOfRange:
        throw InputError("\(option) must be at most 10000000000 (100亿) (got \(text))")
      case .notANumber:
        throw InputError(
          "\(option) must be an amount in yuan such as 1000000, 1000000.00 or 100万 (got '\(text)')")
      }
    }
  }

  static func rate(_ text: String, option: String) throws -> AnnualRate {
    do {
      return try AnnualRate(percent: text)
    } catch {
      switch error {
      case .tooManyDecimals:
        throw InputError("\(option) must have at most 6 decimal places (got \(text))")
      case .notANumber, .outOfRange:
        throw InputError(
          "\(option) must be a rate in percent between 0 and 36, such as 3.1 or 3.1% (got '\(text)')"
        )
      }
    }
  }

  static func date(_ text: String, option: String) throws -> LocalDate {
    do { return try LocalDate(parsing: text) } catch {
      throw InputError("\(option) must be a calendar date yyyy-mm-dd (got \(text)): \(error)")
    }
  }

  static func rateChange(_ text: String, dated: Bool) throws -> RateChange {
    let option = "--rate-change \(text)"
    guard let colon = text.lastIndex(of: ":") else {
      throw InputError(
        "\(option) must be DATE:RATE or PERIOD:RATE, such as 2026-01-01:2.6 or 13:2.6")
    }
    let when = String(text[..<colon])
    let rate = try Self.rate(String(text[text.index(after: colon)...]), option: option)
    if let period = Int(when) { return .fromPeriod(period, rate) }
    let date = try Self.date(when, option: option)
    guard dated else {
      throw InputError(
        "\(option) is dated but the schedule has no --start; give PERIOD:RATE instead")
    }
    return .onDate(date, rate)
  }
}
