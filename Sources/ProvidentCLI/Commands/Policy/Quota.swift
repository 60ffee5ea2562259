// gjj quota: the quota trial (额度试算) under a city's rules on a date.
import ArgumentParser
import ProvidentCore
import ProvidentPolicy
import ProvidentReport

extension Gjj {
  struct Quota: OutputCommand {
    static let configuration = CommandConfiguration(
      abstract: "Try the provident loan quota (额度试算) under a city's rules: every limb explained.",
      discussion: """
        The quota is the least of the city's limbs: cap (with uplifts), price × loan-to-value,
        balances × multiple, years × amount (Beijing) and repayment capacity; the term comes from
        the statutory retirement age (2025 reform) plus the city's allowance, at most 30 years.

        Example:
          gjj quota --city shenzhen --on 2025-06-01 --price 3000000 --balance 80000 \\
                    --co-balance 40000 --monthly-income 30000 --birth 1990-05-01 --sex male --first-home
        """)

    @Option(help: "City: shenzhen, chongqing, shanghai, chengdu, changsha, beijing, hainan, ….")
    var city: String?

    @Option(help: "The date whose rules apply (yyyy-mm-dd).")
    var on: String?

    @OptionGroup var applicant: QuotaInputs

    @Option(
      parsing: .unconditional,
      help: "Provident rate in percent; default: the national table's on --on.")
    var providentRate: String?

    @OptionGroup var output: OutputOptions

    mutating func render() throws -> String {
      let rules = try PolicyArgs.rules(city: city, on: on)
      var request = try applicant.request(on: rules.date)
      request.providentRate = try providentRate.map {
        try PolicyArgs.rate($0, option: "--provident-rate")
      }
      let result = try PolicyArgs.run { () throws(PolicyError) in
        try QuotaTrial.run(request, rules: rules)
      }
      let report = QuotaReport(result, addresses: PolicyLibrary.bundled.sources)
      return try output.render(report)
    }
  }
}
