// gjj portfolio: the group of commands on many loans at once.
import ArgumentParser

extension Gjj {
  /// `gjj portfolio …`: many loans at once.
  struct Portfolio: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Loan books and panels: projection, macro stress, roll rates and delinquency.",
      subcommands: [Project.self, Stress.self, RollRate.self, Delinquency.self])
  }
}
