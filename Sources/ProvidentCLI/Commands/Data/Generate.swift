// gjj data generate: a synthetic loan book.
import ArgumentParser
import ProvidentCore
import ProvidentPortfolio

extension Gjj.DataCommand {
  struct Generate: OutputCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write a synthetic loan book (CSV) calibrated to the national HPF figures.",
      discussion: """
        The calibrated profile follows docs/domain.md §8 (vintages, loan sizes, first-home share, overdue
        share) with the assumptions docs/file-formats.md lists; the uniform profile is the
        benchmark book of docs/performance.md. The same seed gives the same file.

        Examples:
          gjj data generate --loans 10000 --seed 1 --out book.csv
          gjj data generate --loans 1000000 --seed 7 --profile uniform --out bench.csv
        """)

    @Option(help: "Number of loans (1–50000000).")
    var loans: String

    @Option(help: "Seed of the random generator (a whole number).")
    var seed: String = "1"

    @Option(help: "calibrated (a centre's book) or uniform (the benchmark book).")
    var profile = Choice(BookGenerator.Profile.calibrated)

    @Option(help: "The book's as-of date (yyyy-mm-dd).")
    var asOf: String = "2025-12-31"

    @Option(help: "Output file; '-' writes the CSV to standard output.")
    var out: String = "-"

    mutating func render() throws -> String {
      guard let count = Int(loans), (1...50_000_000).contains(count) else {
        throw InputError("--loans must be a whole number from 1 to 50000000 (got '\(loans)')")
      }
      guard let seedValue = UInt64(seed) else {
        throw InputError(
          "--seed must be a whole number from 0 to 18446744073709551615 (got '\(seed)')")
      }
      let p = try profile.value(for: "--profile")
      let date = try LoanOptions.date(asOf, option: "--as-of")
      let generator = BookGenerator(profile: p, seed: seedValue, asOf: date)
      if out == "-" { return generator.csv(loans: count) }
      do {
        try generator.write(loans: count, toFile: out)
      } catch {
        throw DataFiles.failure(error, file: out)
      }
      return "wrote \(count) loans to \(out) (\(p.rawValue), seed \(seedValue), as of \(date))"
    }
  }
}
