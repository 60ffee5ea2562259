// gjj withdraw: the rent withdrawal (租房提取) allowed under a city's dated shares.
import ArgumentParser
import ProvidentCore
import ProvidentPolicy
import ProvidentReport

extension Gjj {
  struct Withdraw: OutputCommand {
    static let configuration = CommandConfiguration(
      abstract: "Work out the rent withdrawal (租房提取) allowed each month under a city's rules.",
      discussion: """
        The allowance is the city's share of the monthly deposit in force on --on (Shenzhen: 50 %,
        65 % from 2017-11, 100 % from 2023-11, 80 % from 2025-11); multi-child families may
        withdraw the actual rent where the city allows it.

        Example:
          gjj withdraw --city shenzhen --on 2025-12-01 --monthly-deposit 4800
        """)

    @Option(help: "City whose rent-withdrawal rules apply.")
    var city: String?

    @Option(help: "The date whose rules apply (yyyy-mm-dd).")
    var on: String?

    @Option(
      parsing: .unconditional,
      help: "The account's monthly deposit (employee and employer together), in yuan.")
    var monthlyDeposit: String

    @Option(help: "Months of continuous deposits so far.")
    var depositMonths: String?

    @Option(help: "Owns a home in the city: yes or no.")
    var ownsHome: String?

    @Flag(help: "A multi-child family (多孩家庭).")
    var multiChild = false

    @Option(
      parsing: .unconditional, help: "The actual monthly rent, in yuan (multi-child families).")
    var rent: String?

    @OptionGroup var output: OutputOptions

    mutating func render() throws -> String {
      let rules = try PolicyArgs.rules(city: city, on: on)
      let request = RentWithdrawalRequest(
        date: rules.date,
        monthlyDeposit: try PolicyArgs.money(monthlyDeposit, option: "--monthly-deposit"),
        depositMonths: try depositMonths.map {
          try PolicyArgs.integer($0, option: "--deposit-months")
        },
        ownsHomeInCity: try PolicyArgs.yesNo(ownsHome, option: "--owns-home"),
        multiChild: multiChild, rent: try rent.map { try PolicyArgs.money($0, option: "--rent") })
      let result = try PolicyArgs.run { () throws(PolicyError) in
        try RentWithdrawal.run(request, rules: rules)
      }
      let report = WithdrawalReport(result, addresses: PolicyLibrary.bundled.sources)
      return try output.render(report)
    }
  }
}
