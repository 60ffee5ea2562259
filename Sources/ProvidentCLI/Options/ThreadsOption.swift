// --threads, shared by the commands that run on all cores.
import ArgumentParser

struct ThreadsOption: ParsableArguments {
  @Option(help: "Worker threads (default: one per core); results do not depend on it.")
  var threads: Int?

  func validate() throws {
    if let threads, !(1...1024).contains(threads) {
      throw ValidationError("--threads must be between 1 and 1024 (got \(threads))")
    }
  }
}
