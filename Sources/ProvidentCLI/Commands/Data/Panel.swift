// gjj data panel: a synthetic loan-month panel.
import ArgumentParser
import ProvidentPortfolio
import ProvidentRisk

extension Gjj.DataCommand {
  struct Panel: OutputCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write a synthetic loan-month panel (CSV) for roll-rate estimation.",
      discussion: """
        Loans are followed month by month through arrears, cures, prepayment and write-off with
        the ILLUSTRATIVE behaviour docs/file-formats.md lists. The same seed gives the same
        file.

        Examples:
          gjj data panel --loans 500 --months 36 --seed 1 --out panel.csv
        """)

    @Option(help: "Number of loans (1–1000000).")
    var loans: Int = 500

    @Option(help: "Months per loan (2–600).")
    var months: Int = 36

    @Option(help: "Seed of the random generator (a whole number).")
    var seed: String = "1"

    @Option(help: "The panel's first month (yyyy-mm).")
    var start: String = PanelGenerator.defaultStart.description

    @Option(help: "Output file; '-' writes the CSV to standard output.")
    var out: String = "-"

    mutating func render() throws -> String {
      guard (1...1_000_000).contains(loans) else {
        throw InputError("--loans must be between 1 and 1000000 (got \(loans))")
      }
      guard (2...600).contains(months) else {
        throw InputError("--months must be between 2 and 600 (got \(months))")
      }
      guard let seedValue = UInt64(seed) else {
        throw InputError(
          "--seed must be a whole number from 0 to 18446744073709551615 (got '\(seed)')")
      }
      let first: CalendarMonth
      do { first = try CalendarMonth(parsing: start) } catch {
        throw InputError("--start \(error.message)")
      }
      let generator = PanelGenerator(seed: seedValue, loans: loans, months: months, start: first)
      if out == "-" { return generator.csv() }
      do { try generator.write(toFile: out) } catch {
        throw DataFiles.failure(error, file: out)
      }
      return
        "wrote \(loans) loans × up to \(months) months to \(out) (seed \(seedValue), from \(first))"
    }
  }
}
