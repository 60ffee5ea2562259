// gjj liquidity: the fund's deposit and loan balances, 个贷率 and buffer under scenarios.
import ArgumentParser
import Foundation
import ProvidentCore
import ProvidentLiquidity
import ProvidentPolicy
import ProvidentPortfolio
import ProvidentReport
import ProvidentRisk

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

        With --book and --matrix, recoveries (scheduled principal and prepayments) and write-offs
        come month by month from a delinquency projection of that book (the first scenario of
        --delinquency, or the matrices as they are), converted to the file's unit.

        Examples:
          gjj liquidity --scenario datasets/liquidity/national-2023.yaml
          gjj liquidity --scenario s.yaml --city changsha --format json
          gjj liquidity --scenario datasets/liquidity/sample-city.yaml --book datasets/samples/book-10k.csv --matrix m.json
        """)

    @Option(help: "Scenario file (YAML).")
    var scenario: String

    @Option(help: "City whose loan-ratio tables apply (overrides the file's city:).")
    var city: String?

    @Option(
      help: "Loan book (or panel) whose projected recoveries and write-offs replace the file's.")
    var book: String?

    @Option(help: "Transition matrices for --book (the JSON of `gjj portfolio rollrate`).")
    var matrix: String?

    @Option(help: "Delinquency scenarios for --book (YAML); the first is used.")
    var delinquency: String?

    @OptionGroup var output: OutputOptions

    mutating func render() throws -> String {
      guard (book == nil) == (matrix == nil) else {
        throw InputError(
          "--book and --matrix go together: the book is projected through the matrices")
      }
      if delinquency != nil && book == nil {
        throw InputError("--delinquency needs --book and --matrix")
      }
      let file: LiquidityScenarioFile
      do { file = try LiquidityScenarioFile(yaml: try DataFiles.read(scenario)) } catch let error
        as ScenarioError
      {
        throw DataFiles.badData("\(scenario): \(error.description)")
      }
      var scenarios = file.scenarios
      let cityID = city ?? file.city
      if let cityID {
        let gates: [DatedGates]
        do { gates = try DatedGates.city(cityID, library: .bundled) } catch {
          throw InputError((city != nil ? "--city: " : "\(scenario): city: ") + error.description)
        }
        for i in scenarios.indices { scenarios[i].cityGates = gates }
      }
      if let book, let matrix {
        let model = try RiskOptions.model(matrix)
        let dFile = try delinquency.map(RiskOptions.delinquencyScenarios) ?? .default
        let loaded = try RiskOptions.cohorts(
          book, model: model, asOf: dFile.asOf, blacklist: dFile.blacklistThreshold, threads: nil,
          strict: false)
        do {
          try LiquidityScenario.takeFlows(
            &scenarios, model: model, cohorts: loaded.cohorts, start: loaded.start,
            delinquency: delinquency == nil ? nil : dFile.scenarios[0])
        } catch {
          switch error {
          case .tooShort: throw InputError("--delinquency: \(error.message)")
          case .projection: throw DataFiles.badData("\(delinquency ?? matrix): \(error.message)")
          case .unit: throw DataFiles.badData("\(scenario): \(error.message)")
          }
        }
      }
      let paths: [LiquidityPath]
      do { paths = try scenarios.map { (s) throws(RiskInputError) in try s.run() } } catch {
        throw DataFiles.badData("\(scenario): \(error.message)")
      }
      return try output.render(
        LiquidityReport(
          file: scenario, city: cityID, book: book, scenarios: scenarios, paths: paths))
    }
  }
}
