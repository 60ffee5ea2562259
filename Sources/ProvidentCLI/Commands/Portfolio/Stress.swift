// gjj portfolio stress: correlated macro Monte Carlo over a loan book's segments.
import ArgumentParser
import Foundation
import ProvidentCore
import ProvidentPortfolio
import ProvidentReport
import ProvidentRisk

extension Gjj.Portfolio {
  struct Stress: OutputCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Stress a loan book with correlated macro factors: loss distribution and scenarios.",
      discussion: """
        Factors (YAML: names, means, volatilities, correlation, deterministic scenarios) drive each
        segment's default, prepayment and loss rates through the links (YAML: logit or probit per
        segment); the book is projected segment by segment for each path and scenario.
        Formats: docs/file-formats.md. CSV output has one row per path.

        Examples:
          gjj portfolio stress datasets/samples/book-10k.csv --factors datasets/samples/factors.yaml --links datasets/samples/links.yaml
          gjj portfolio stress book.csv --factors f.yaml --links l.yaml --paths 10000 --seed 1 --format json
        """)

    @OptionGroup var input: BookOptions

    @Option(help: "Factor file (YAML).")
    var factors: String

    @Option(help: "Link file (YAML).")
    var links: String

    @Option(help: "Monte Carlo paths (0: deterministic scenarios only; at most 10,000,000).")
    var paths: Int = 10_000

    @Option(help: "Seed of the random streams.")
    var seed: UInt64 = 1

    @OptionGroup var output: OutputOptions

    mutating func render() throws -> String { try renderWithDiagnostics().stdout }

    mutating func renderWithDiagnostics() throws -> (stdout: String, stderr: String) {
      guard (0...10_000_000).contains(paths) else {
        throw InputError("--paths must be between 0 and 10000000 (got \(paths))")
      }
      // The files first: a typo fails before the book is read.
      let factorFile: FactorFile
      do { factorFile = try FactorFile(yaml: try DataFiles.read(factors)) } catch let error
        as ScenarioError
      {
        throw DataFiles.badData("\(factors): \(error.description)")
      }
      let linkFile: LinkFile
      do {
        linkFile = try LinkFile(yaml: try DataFiles.read(links), factors: factorFile.factors)
      } catch let error as ScenarioError {
        throw DataFiles.badData("\(links): \(error.description)")
      }
      let load = try input.load()
      let model: StressModel
      do {
        model = try StressModel(
          book: load.book, factors: factorFile.factors, shockMonths: factorFile.shockMonths,
          links: linkFile, threads: input.threads)
      } catch {
        throw DataFiles.badData("\(input.book): \(error.message)")
      }
      let bar = input.progressBar(paths > 0)
      var progress: (@Sendable (Double) -> Void)? = nil
      if let bar { progress = { bar.show($0) } }
      var simulation: StressSimulation? = nil
      if paths > 0 {
        simulation = model.simulate(
          paths: 0..<paths, seed: seed, threads: input.threads, progress: progress)
      }
      bar?.clear()
      let report = StressReport(
        read: load.read, accepted: load.accepted, rejections: load.rejections,
        analysis: StressAnalysis(model: model, simulation: simulation))
      return (
        try output.render(report),
        try output.rejectionWarning(read: load.read, rejections: load.rejections)
      )
    }
  }
}
