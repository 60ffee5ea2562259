// gjj risk vasicek: the single-factor loss model's closed forms and a Monte Carlo check.
import ArgumentParser
import Foundation
import ProvidentPortfolio
import ProvidentReport
import ProvidentRisk

extension Gjj.Risk {
  struct Vasicek: OutputCommand {
    static let configuration = CommandConfiguration(
      abstract: "Loss quantile, expected shortfall and Basel IRB capital under the Vasicek model.",
      discussion: """
        Rates are fractions (0.01) or percents (1%); a bare number above 1 is rejected. With
        --paths, a Monte Carlo run checks the closed form: a large pool, or with --loans N a pool
        of N loans (binomial given the factor), compared with its exact quantile by quadrature.

        Examples:
          gjj risk vasicek --pd 1% --rho 0.15 --q 99.9% --lgd 45%
          gjj risk vasicek --pd 0.01 --q 0.999 --loans 1000 --paths 100000 --seed 1
        """)

    @Option(help: "Probability of default over the horizon (0.01 or 1%).")
    var pd: String

    @Option(help: "Asset correlation ρ (Basel residential mortgages: 0.15).")
    var rho: String = "0.15"

    @Option(help: "Confidence level of the quantile and expected shortfall (0.999 or 99.9%).")
    var q: String = "0.999"

    @Option(help: "Loss given default (default 1: default-rate figures).")
    var lgd: String = "1"

    @Option(help: "Loans in the pool for the Monte Carlo run (default: a large pool).")
    var loans: Int?

    @Option(help: "Monte Carlo paths (100 to 100,000,000); without it, closed forms only.")
    var paths: Int?

    @Option(help: "Seed of the random streams.")
    var seed: UInt64 = 1

    @OptionGroup var workers: ThreadsOption

    @Flag(help: "No progress bar.")
    var quiet = false

    @OptionGroup var output: OutputOptions

    mutating func render() throws -> String {
      do {
        let model = try VasicekModel(
          probabilityOfDefault: RiskInputError.fraction(pd, name: "--pd"),
          correlation: RiskInputError.fraction(rho, name: "--rho"))
        let confidence = try RiskInputError.fraction(q, name: "--q")
        let lossGivenDefault = try RiskInputError.fraction(lgd, name: "--lgd")
        if let loans, !(1...100_000_000).contains(loans) {
          throw InputError("--loans must be between 1 and 100000000 (got \(loans))")
        }
        if loans != nil && paths == nil {
          throw InputError("--loans needs --paths (the Monte Carlo run)")
        }
        if let paths, !(100...100_000_000).contains(paths) {
          throw InputError("--paths must be between 100 and 100000000 (got \(paths))")
        }
        let bar = !quiet && paths != nil && isatty(STDERR_FILENO) == 1 ? _ProgressBar() : nil
        defer { bar?.clear() }
        var progress: (@Sendable (Double) -> Void)? = nil
        if let bar { progress = { bar.show($0) } }
        var simulation: (loans: Int?, paths: Int, seed: UInt64)? = nil
        if let paths { simulation = (loans, paths, seed) }
        let analysis = try VasicekAnalysis(
          model: model, lossGivenDefault: lossGivenDefault, confidence: confidence,
          simulation: simulation, threads: workers.threads, progress: progress)
        bar?.clear()
        return try output.render(VasicekReport(analysis))
      } catch let error as RiskInputError {
        throw InputError(Self.optionMessage(error.message))
      }
    }

    /// Library messages name `pd`, `rho`, `q`, `lgd`: say them as options.
    static func optionMessage(_ message: String) -> String {
      for name in ["pd", "rho", "q", "lgd", "paths", "loans"] where message.hasPrefix(name + " ") {
        return "--" + message
      }
      return message
    }
  }
}
