// gjj policy show: a city's rules (or those in force on a date) with their sources.
import ArgumentParser
import Foundation
import ProvidentCore
import ProvidentPolicy
import ProvidentReport

extension Gjj.Policy {
  struct Show: OutputCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Show a city's rule sets, or those in force on a date, value by value with sources.",
      discussion: """
        Without --on: every rule set in the city's file. With --on: the sets in force on that
        date, and the national default's values for the keys the city leaves out.

        Examples:
          gjj policy show shenzhen
          gjj policy show shenzhen --on 2025-06-01 --format json
        """)

    @Argument(help: "City (or national).")
    var city: String

    @Option(help: "Show only the rules in force on this date (yyyy-mm-dd).")
    var on: String?

    @OptionGroup var output: OutputOptions

    mutating func render() throws -> String {
      let library = PolicyLibrary.bundled
      let policy: CityPolicy
      do {
        policy = try library.city(city)
      } catch {
        // The city is an argument here, not --city.
        throw InputError(
          "city " + PolicyArgs.inputError(.lookup(error)).message.dropFirst("--city ".count))
      }
      var date: LocalDate? = nil
      var sets = policy.allRuleSets
      if let on {
        let d = try PolicyArgs.date(on, option: "--on")
        date = d
        sets = try! library.rules(city: policy.id, on: d).ruleSetsInForce  // the city exists
      }
      let report = PolicyReport(city: policy, date: date, sets: sets, addresses: library.sources)
      return try output.render(report)
    }
  }
}
