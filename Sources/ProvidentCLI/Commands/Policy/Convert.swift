// gjj convert: 商转公 — eligibility, amount, shortfall, savings and break-even.
import ArgumentParser
import ProvidentCore
import ProvidentPolicy
import ProvidentReport

extension Gjj {
  struct Convert: OutputCommand {
    static let configuration = CommandConfiguration(
      abstract: "Evaluate a commercial-to-provident conversion (商转公).",
      discussion: """
        The provident amount is the least of the quota (--quota, or a quota trial under --city's
        rules on --on), the outstanding commercial principal and the city's loan-to-value limit;
        the shortfall stays a commercial loan (a combination loan) or is paid in cash. Savings
        count interest from the conversion on; the break-even month is the first whose
        cumulative saving covers the fees.

        Examples:
          gjj convert --commercial-balance 800000 --commercial-rate 3.2 --remaining-months 300 \\
                      --provident-rate 2.6 --quota 600000 --fees 5000
          gjj convert --commercial-balance 800000 --commercial-rate 3.2 --remaining-months 300 \\
                      --city chengdu --on 2025-06-01 --balance 40000 --monthly-income 12000 \\
                      --birth 1990-05-01 --sex male --first-home --months-repaid 36
        """)

    @Option(parsing: .unconditional, help: "Outstanding commercial principal in yuan.")
    var commercialBalance: String

    @Option(
      parsing: .unconditional,
      help: "The commercial loan's annual rate now, in percent (LPR + spread).")
    var commercialRate: String

    @Option(
      parsing: .unconditional, help: "Remaining commercial term in months; the new loans keep it.")
    var remainingMonths: String

    @Option(
      parsing: .unconditional,
      help: "Provident rate in percent; default with a quota trial: the national table's on --on.")
    var providentRate: String?

    @Option(
      parsing: .unconditional,
      help: "The provident quota in yuan, when already known (else a quota trial).")
    var quota: String?

    @Option(help: "City whose 商转公 rules (and quota rules) apply.")
    var city: String?

    @Option(help: "The date whose rules apply (yyyy-mm-dd).")
    var on: String?

    @OptionGroup(title: "Quota trial (without --quota)") var applicant: QuotaInputs

    @Option(
      parsing: .unconditional,
      help: "Re-appraised price in yuan (the lower of it and --price counts).")
    var appraisedPrice: String?

    @Option(parsing: .unconditional, help: "One-off costs of converting in yuan (fees, guarantee).")
    var fees: String?

    @Option(
      parsing: .unconditional,
      help:
        "Bridging cost: annual rate in percent, charged on the commercial balance per day (ACT/360)."
    )
    var bridgeRate: String?

    @Option(help: "Bridging cost: number of days.")
    var bridgeDays: String?

    @Option(
      help: "The shortfall: commercial (kept as a commercial loan) or cash (paid at conversion).")
    var shortfall = Choice(ShortfallArgument.commercial)

    @Option(help: "Months the commercial loan has been repaid.")
    var monthsRepaid: String?

    @Option(help: "Overdue installments on the commercial loan (in the city's look-back window).")
    var overduePeriods: String?

    @Option(help: "Property certificate issued: yes or no.")
    var certificate: String?

    @Option(help: "Had a provident loan before: yes or no.")
    var priorProvidentLoan: String?

    @Option(help: "The family's only home in the city: yes or no.")
    var onlyHome: String?

    @Option(help: "The commercial loan is a housing mortgage: yes or no.")
    var housingMortgage: String?

    @Option(help: "ledger (rounded as booked) or exact (closed form, rounded once when shown).")
    var convention = Choice(Convention.ledger)

    @OptionGroup var output: OutputOptions

    mutating func render() throws -> String {
      let convention = try convention.value(for: "--convention")
      let handling = try shortfall.value(for: "--shortfall").handling
      var rules: RulesInForce? = nil
      if city != nil || on != nil { rules = try PolicyArgs.rules(city: city, on: on) }

      let source: QuotaSource
      if let quota {
        if applicant.trialOnlyOptionsGiven {
          throw InputError(
            "--quota \(quota) is given, so the quota-trial options (--balance, --birth, …) would be ignored: give one or the other"
          )
        }
        source = .given(try PolicyArgs.money(quota, option: "--quota"))
      } else {
        guard let rules else {
          throw InputError("--quota is required (or --city and --on with the quota-trial options)")
        }
        source = .trial(try applicant.request(on: rules.date))
      }

      let bridge: BridgeCost?
      switch (bridgeRate, bridgeDays) {
      case (nil, nil): bridge = nil
      case (let rate?, let days?):
        bridge = BridgeCost(
          annualRate: try PolicyArgs.rate(rate, option: "--bridge-rate"),
          days: try PolicyArgs.integer(days, option: "--bridge-days"))
      default: throw InputError("--bridge-rate and --bridge-days go together (got only one)")
      }

      let request = ConversionRequest(
        commercialBalance: try PolicyArgs.money(commercialBalance, option: "--commercial-balance"),
        commercialRate: try PolicyArgs.rate(commercialRate, option: "--commercial-rate"),
        remainingMonths: try PolicyArgs.integer(remainingMonths, option: "--remaining-months"),
        providentRate: try providentRate.map {
          try PolicyArgs.rate($0, option: "--provident-rate")
        },
        quota: source,
        fees: try fees.map { try PolicyArgs.money($0, option: "--fees") } ?? .zero,
        bridge: bridge, shortfall: handling,
        price: try applicant.price.map { try PolicyArgs.money($0, option: "--price") },
        appraisedPrice: try appraisedPrice.map {
          try PolicyArgs.money($0, option: "--appraised-price")
        },
        facts: ConversionFacts(
          monthsRepaid: try monthsRepaid.map {
            try PolicyArgs.integer($0, option: "--months-repaid")
          },
          overduePeriods: try overduePeriods.map {
            try PolicyArgs.integer($0, option: "--overdue-periods")
          },
          propertyCertificate: try PolicyArgs.yesNo(certificate, option: "--certificate"),
          priorProvidentLoan: try PolicyArgs.yesNo(
            priorProvidentLoan, option: "--prior-provident-loan"),
          onlyHomeInCity: try PolicyArgs.yesNo(onlyHome, option: "--only-home"),
          housingMortgage: try PolicyArgs.yesNo(housingMortgage, option: "--housing-mortgage"),
          loanRatio: try applicant.loanRatio.map {
            try PolicyArgs.percent($0, option: "--loan-ratio")
          }),
        convention: convention)
      let result = try PolicyArgs.run { () throws(PolicyError) in
        try Conversion.run(request, rules: rules)
      }
      let report = ConversionReport(result, addresses: PolicyLibrary.bundled.sources)
      return try output.render(report)
    }
  }
}
