// gjj policy show: a city's rules (or those in force on a date) with their sources.
import ArgumentParser
import Foundation
import ProvidentCore
import ProvidentPolicy
import ProvidentReport

extension Gjj {
  struct Policy: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show the city rules on file (datasets/policies) with their sources.",
      subcommands: [Show.self, Check.self])
  }
}

extension Gjj.Policy {
  struct Show: OutputCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show a city's rule sets, or those in force on a date, value by value with sources.",
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
      try output.check()
      let library = PolicyLibrary.bundled
      let policy: CityPolicy
      do {
        policy = try library.city(city)
      } catch {
        // The city is an argument here, not --city.
        throw InputError("city " + PolicyArgs.inputError(.lookup(error)).message.dropFirst("--city ".count))
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

extension Gjj.Policy {
  struct Check: OutputCommand {
    static let configuration = CommandConfiguration(
      abstract: "Validate policy files on disk (after editing them, before rebuilding gjj).",
      discussion: """
        Reads every .yaml file of the folder (sources.yaml, national.yaml and the cities) and
        validates them as gjj does when it loads its embedded copy. A problem prints one line,
        file:line: key: rule, and exits 65.

        Example:
          gjj policy check datasets/policies
        """)

    @Argument(help: "The folder holding the policy files.")
    var folder: String = "datasets/policies"

    mutating func render() throws -> String {
      let names: [String]
      do {
        names = try FileManager.default.contentsOfDirectory(atPath: folder)
      } catch {
        throw InputError("folder '\(folder)' cannot be read: \(error.localizedDescription)")
      }
      var files: [String: String] = [:]
      for name in names.sorted() where !name.hasPrefix(".") && name != "README.md" {
        let path = (folder as NSString).appendingPathComponent(name)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
          throw InputError("folder '\(folder)': \(name) is not UTF-8 text")
        }
        files["policies/" + name] = text
      }
      do {
        let library = try PolicyLibrary(files: files)
        return "ok: \(files.count) files, \(library.cities.count) cities (\(library.cityIDs.joined(separator: ", "))), \(library.sources.count) sources"
      } catch {
        var failure = InputError(error.description)
        failure.exitCode = 65  // EX_DATAERR
        throw failure
      }
    }
  }
}
