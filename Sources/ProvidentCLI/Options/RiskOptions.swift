// Reading the risk commands' shared inputs: bucket edges, matrices, panels or books, delinquency
// scenarios, and the rejected-rows warning.
import ArgumentParser
import Foundation
import ProvidentPortfolio
import ProvidentReport
import ProvidentRisk

/// Options and errors the risk commands share.
enum RiskOptions {
  /// `1,2,3,6` as the chain's bucket edges.
  static func states(_ text: String) throws -> DelinquencyStates {
    var edges: [Int] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      guard let e = Int(part.trimmingCharacters(in: .whitespaces)) else {
        throw InputError(
          "--buckets must be whole numbers of periods such as 1,2,3,6 (got '\(text)')")
      }
      edges.append(e)
    }
    do { return try DelinquencyStates(edges: edges) } catch {
      throw InputError("--buckets: \(error.message)")
    }
  }

  /// A comma-separated list, spaces trimmed, empty items dropped.
  static func list(_ text: String?) -> [String] {
    (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
      !$0.isEmpty
    }
  }

}
