// The states of a delinquency (roll-rate) chain: current, overdue buckets, write-off, prepaid.

/// The states of a roll-rate chain (docs/risk-models.md §1.1), in order: current `C`, one state per overdue
/// bucket, then write-off `W` and prepaid `P` when present.
///
/// Buckets are given by the lower edges of their overdue counts (periods, 期): edges `[1, 2, 3, 6]`
/// make `C` (0), `M1` (1), `M2` (2), `M3-5` (3–5) and `M6+` (≥ 6). The standard chain of docs/risk-models.md
/// §1.1 is ``standard``; eight states (`C M1 M2 M3 M4-5 M6+ W P`) are `edges: [1, 2, 3, 4, 6]`.
///
/// A state is *worse* than another when it lies further along `C, M1, …, M_last, W`; `P` is never
/// worse. Stress scaling (docs/risk-models.md §1.4) multiplies the probabilities of moving to worse states.
public struct DelinquencyStates: Hashable, Sendable, CustomStringConvertible {
  /// Lower overdue edge of each bucket after `C`, strictly increasing, starting at 1.
  public let edges: [Int]
  /// Whether the chain has a write-off state `W` (核销).
  public let writeOff: Bool
  /// Whether the chain has a prepaid / matured state `P` (结清).
  public let prepaid: Bool

  /// The chain of docs/risk-models.md §1.1: `C, M1, M2, M3-5, M6+, W, P`.
  public static let standard = try! DelinquencyStates(edges: [1, 2, 3, 6])

  /// The largest overdue count a bucket edge may have.
  public static let maximumEdge = 600

  /// - Throws: `RiskInputError` when the edges do not start at 1, do not increase, or exceed 600.
  public init(edges: [Int], writeOff: Bool = true, prepaid: Bool = true) throws(RiskInputError) {
    guard let first = edges.first, first == 1 else {
      throw RiskInputError(
        "bucket edges must start at 1 (one period overdue) (got \(Self.text(edges)))")
    }
    for (a, b) in zip(edges, edges.dropFirst()) where b <= a {
      throw RiskInputError("bucket edges must increase (got \(Self.text(edges)))")
    }
    guard edges.last! <= Self.maximumEdge else {
      throw RiskInputError(
        "bucket edges must be at most \(Self.maximumEdge) periods (got \(Self.text(edges)))")
    }
    self.edges = edges
    self.writeOff = writeOff
    self.prepaid = prepaid
  }

  static func text(_ edges: [Int]) -> String {
    "[" + edges.map(String.init).joined(separator: ", ") + "]"
  }

  /// The number of states.
  public var count: Int { 1 + edges.count + (writeOff ? 1 : 0) + (prepaid ? 1 : 0) }

  /// Index of the last overdue bucket (`M6+` in the standard chain).
  public var lastBucket: Int { edges.count }

  /// Index of `W`, when present.
  public var writeOffIndex: Int? { writeOff ? edges.count + 1 : nil }

  /// Index of `P`, when present.
  public var prepaidIndex: Int? { prepaid ? edges.count + 1 + (writeOff ? 1 : 0) : nil }

  /// Names: `C`, `M1`, `M3-5`, `M6+`, `W`, `P`.
  public var names: [String] {
    var n = ["C"]
    for (k, e) in edges.enumerated() {
      if k == edges.count - 1 {
        n.append("M\(e)+")
      } else {
        let upper = edges[k + 1] - 1
        n.append(upper == e ? "M\(e)" : "M\(e)-\(upper)")
      }
    }
    if writeOff { n.append("W") }
    if prepaid { n.append("P") }
    return n
  }

  public var description: String { names.joined(separator: " ") }

  /// The bucket of a loan `overdue` periods behind: 0 for current.
  public func state(overdue: Int) -> Int {
    var s = 0
    for (k, e) in edges.enumerated() where overdue >= e { s = k + 1 }
    return s
  }

  /// Lower overdue edge of state `s` (0 for `C`); nil for `W` and `P`.
  public func lowerEdge(_ s: Int) -> Int? {
    s == 0 ? 0 : (s <= edges.count ? edges[s - 1] : nil)
  }

  /// Whether state `s` is an overdue bucket (`M1` … `M_last`).
  @inline(__always)
  public func isOverdue(_ s: Int) -> Bool { s >= 1 && s <= edges.count }

  /// Whether state `s` ends the loan's life on the book (`W`, `P`).
  @inline(__always)
  public func isTerminal(_ s: Int) -> Bool { s > edges.count }

  /// The states worse than `s` (docs/risk-models.md §1.4's `F(i)`): later buckets and `W`. Empty for `W` and
  /// `P`.
  public func worse(than s: Int) -> [Int] {
    guard s <= edges.count else { return [] }
    var f = s < edges.count ? Array((s + 1)...edges.count) : []
    if let w = writeOffIndex { f.append(w) }
    return f
  }

  /// The state a bucket edge names: `state(edge: 6)` is `M6+` in the standard chain; nil when no
  /// bucket starts there.
  public func state(edge: Int) -> Int? {
    edges.firstIndex(of: edge).map { $0 + 1 }
  }

  /// Reads names back: `C M1 M2 M3-5 M6+ W P` gives edges `[1, 2, 3, 6]`, write-off and prepaid.
  ///
  /// - Throws: `RiskInputError` when a name is not of that form or the order is wrong.
  public init(names: [String]) throws(RiskInputError) {
    let joined = names.joined(separator: " ")
    guard names.first == "C" else {
      throw RiskInputError("states must start with C (got \(joined))")
    }
    var rest = names.dropFirst()
    let prepaid = rest.last == "P"
    if prepaid { rest = rest.dropLast() }
    let writeOff = rest.last == "W"
    if writeOff { rest = rest.dropLast() }
    var edges: [Int] = []
    for name in rest {
      guard name.hasPrefix("M"), let e = Int(name.dropFirst().prefix { $0.isNumber }) else {
        throw RiskInputError(
          "states must read C, M1 … (buckets by lower edge), then W and P (got \(joined))")
      }
      edges.append(e)
    }
    try self.init(edges: edges, writeOff: writeOff, prepaid: prepaid)
    guard self.names == names else {
      throw RiskInputError(
        "states \(joined) are not the buckets of edges \(Self.text(edges)): expected \(description)"
      )
    }
  }
}
