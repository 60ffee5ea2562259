// gjj liquidity: the fund's deposit and loan balances, 个贷率 and buffer under scenarios.
import ArgumentParser
import Foundation
import ProvidentCore
import ProvidentPolicy
import ProvidentPortfolio
import ProvidentReport

extension Gjj {
  struct Liquidity: OutputCommand {
    static let configuration = CommandConfiguration(
      abstract: "Project a fund's deposits, loans, 个贷率 (loan ratio) and buffer month by month.",
      discussion: """
        Scenarios (YAML, datasets/liquidity/README.md) give the opening balances, monthly
        contributions, withdrawals by kind, new-loan demand, recoveries and stress multipliers; a
        lending gate by loan ratio and, with `city:` or --city, the city's dated quota-multiple and
        商转公 tables from datasets/policies. The report gives each month's balances, the month
        each threshold is first crossed and the lending foregone.

        Examples:
          gjj liquidity --scenario datasets/liquidity/national-2023.yaml
          gjj liquidity --scenario s.yaml --city changsha --format json
        """)

    @Option(help: "Scenario file (YAML).")
    var scenario: String

    @Option(help: "City whose loan-ratio tables apply (overrides the file's city:).")
    var city: String?

    @OptionGroup var output: OutputOptions

    mutating func render() throws -> String {
      try output.check()
      let file: LiquidityScenarioFile
      do { file = try LiquidityScenarioFile(yaml: try RiskOptions.read(scenario)) } catch let error as ScenarioError {
        throw RiskOptions.dataError("\(scenario): \(error.description)")
      }
      var scenarios = file.scenarios
      let cityID = city ?? file.city
      if let cityID {
        let gates: [DatedGates]
        do { gates = try GateTables.dated(city: cityID, library: .bundled) } catch {
          throw InputError((city != nil ? "--city: " : "\(scenario): city: ") + error.description)
        }
        for i in scenarios.indices { scenarios[i].cityGates = gates }
      }
      let paths: [LiquidityPath]
      do { paths = try scenarios.map { (s) throws(RiskInputError) in try s.run() } } catch {
        throw RiskOptions.dataError("\(scenario): \(error.message)")
      }
      return try output.render(LiquidityReport(file: scenario, city: cityID, scenarios: scenarios, paths: paths))
    }
  }
}

/// A city's loan-ratio tables from the policy files, as the liquidity path reads them: the same
/// bands and dates, field by field.
enum GateTables {
  static func dated(city: String, library: PolicyLibrary) throws(PolicyLookupError) -> [DatedGates] {
    try library.loanRatioGates(city: city).map { period in
      var tags: [String] = []
      if let m = period.balanceMultiple { tags.append("\(m.location.file) \(m.citation.tag)") }
      if let c = period.conversion, !tags.contains("\(c.location.file) \(c.citation.tag)") {
        tags.append("\(c.location.file) \(c.citation.tag)")
      }
      return DatedGates(
        from: period.from, to: period.to,
        quotaMultiple: (period.balanceMultiple?.value ?? []).map {
          RatioBand(fromBasisPoints: $0.from.basisPoints, toBasisPoints: $0.to?.basisPoints, payload: Int($0.payload))
        },
        conversion: (period.conversion?.value ?? []).map {
          RatioBand(
            fromBasisPoints: $0.from.basisPoints, toBasisPoints: $0.to?.basisPoints,
            payload: ConversionGate(rawValue: $0.payload.rawValue)!)
        },
        source: tags.joined(separator: "; "))
    }
  }
}
