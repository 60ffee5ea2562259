// gjj deposit: the monthly contribution (缴存) and a yearly account projection.
import ArgumentParser
import ProvidentCore
import ProvidentPolicy
import ProvidentReport

extension Gjj {
  struct Deposit: OutputCommand {
    static let configuration = CommandConfiguration(
      abstract: "Work out the monthly deposit (缴存) from the wage base and the two ratios.",
      discussion: """
        The base is the wage within the city's floor and cap (national: 60 % to 3 × the local
        average monthly wage); ratios outside the rules (national: 5–12 %) are refused, never
        clamped. With --years, the account is projected at the deposit rate.

        Example:
          gjj deposit --city shenzhen --on 2025-07-01 --wage 20000 --employee-ratio 12 \\
                      --employer-ratio 12 --average-wage 12000 --balance 50000 --years 3
        """)

    @Option(help: "City whose deposit rules apply (the national default where it has none).")
    var city: String?

    @Option(help: "The date whose rules apply (yyyy-mm-dd); the projection starts on it.")
    var on: String?

    @Option(
      parsing: .unconditional,
      help: "The employee's average monthly wage of the previous year, in yuan.")
    var wage: String

    @Option(parsing: .unconditional, help: "The employee's ratio in percent (12 or 7.5).")
    var employeeRatio: String

    @Option(parsing: .unconditional, help: "The employer's ratio in percent.")
    var employerRatio: String

    @Option(
      parsing: .unconditional,
      help: "The local average monthly wage of the previous year (sets the floor and cap).")
    var averageWage: String?

    @Option(parsing: .unconditional, help: "Account balance on --on, for the projection.")
    var balance: String?

    @Option(help: "Years to project (0–50).")
    var years: String?

    @OptionGroup var output: OutputOptions

    mutating func render() throws -> String {
      let rules = try PolicyArgs.rules(city: city, on: on)
      let request = DepositRequest(
        date: rules.date, wage: try PolicyArgs.money(wage, option: "--wage"),
        employeeRatio: try PolicyArgs.percent(employeeRatio, option: "--employee-ratio"),
        employerRatio: try PolicyArgs.percent(employerRatio, option: "--employer-ratio"),
        averageWage: try averageWage.map { try PolicyArgs.money($0, option: "--average-wage") },
        openingBalance: try balance.map { try PolicyArgs.money($0, option: "--balance") } ?? .zero,
        years: try years.map { try PolicyArgs.integer($0, option: "--years") } ?? 0)
      let result = try PolicyArgs.run { () throws(PolicyError) in
        try ProvidentPolicy.Deposit.run(request, rules: rules)
      }
      let report = DepositReport(result, addresses: PolicyLibrary.bundled.sources)
      return try output.render(report)
    }
  }
}
