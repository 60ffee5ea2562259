// gjj data: synthetic books and panels.
import ArgumentParser

extension Gjj {
  /// `gjj data …`: reference and synthetic data.
  struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "data",
      abstract: "Synthetic data for trying and benchmarking the portfolio engine.",
      subcommands: [Generate.self, Panel.self])
  }
}
