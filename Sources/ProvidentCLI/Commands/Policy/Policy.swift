// gjj policy: the city rules on file.
import ArgumentParser

extension Gjj {
  struct Policy: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show the city rules on file (datasets/policies) with their sources.",
      subcommands: [Show.self, Check.self])
  }
}
