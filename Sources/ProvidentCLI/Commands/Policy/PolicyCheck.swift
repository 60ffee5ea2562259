// gjj policy check: validate a folder of policy files.
import ArgumentParser
import Foundation
import ProvidentCore
import ProvidentPolicy
import ProvidentReport

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
        return
          "ok: \(files.count) files, \(library.cities.count) cities (\(library.cityIDs.joined(separator: ", "))), \(library.sources.count) sources"
      } catch {
        throw DataFiles.badData(error.description)
      }
    }
  }
}
