// gjj risk: single-model credit risk commands.
import ArgumentParser

extension Gjj {
  /// `gjj risk …`: loss models.
  struct Risk: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Credit loss models: the Vasicek/ASRF single-factor model.",
      subcommands: [Vasicek.self])
  }
}
