// The city's loan-ratio (个贷率) tables a liquidity path reads: Policy's bands, by period.
import ProvidentCore
import ProvidentPolicy

/// The gate tables in force over a period (a city's rule sets, or a scenario's own table).
public struct DatedGates: Hashable, Sendable {
  /// First and last day in force; nil: open at that end.
  public var from: LocalDate?
  public var to: LocalDate?
  /// Balance multiple of the quota by loan ratio (Changsha [S92]).
  public var quotaMultiple: [Band<Int64>]
  /// 商转公 status by loan ratio (Guangzhou [S68]).
  public var conversion: [Band<GateStatus>]
  /// Where the tables come from: `policies/changsha.yaml S92`.
  public var source: String

  public init(
    from: LocalDate? = nil, to: LocalDate? = nil, quotaMultiple: [Band<Int64>] = [],
    conversion: [Band<GateStatus>] = [], source: String
  ) {
    self.from = from
    self.to = to
    self.quotaMultiple = quotaMultiple
    self.conversion = conversion
    self.source = source
  }

  /// A city's tables from its policy files, period by period (`PolicyLibrary.loanRatioGates`),
  /// with the files and source tags they come from.
  ///
  /// - Throws: `PolicyLookupError` for a city the library does not have.
  public static func city(_ id: String, library: PolicyLibrary) throws(PolicyLookupError)
    -> [DatedGates]
  {
    try library.loanRatioGates(city: id).map { period in
      var tags: [String] = []
      if let m = period.balanceMultiple { tags.append("\(m.location.file) \(m.citation.tag)") }
      if let c = period.conversion, !tags.contains("\(c.location.file) \(c.citation.tag)") {
        tags.append("\(c.location.file) \(c.citation.tag)")
      }
      return DatedGates(
        from: period.from, to: period.to, quotaMultiple: period.balanceMultiple?.value ?? [],
        conversion: period.conversion?.value ?? [], source: tags.joined(separator: "; "))
    }
  }

  public func contains(_ date: LocalDate) -> Bool {
    (from.map { $0 <= date } ?? true) && (to.map { date <= $0 } ?? true)
  }
}

extension Band {
  /// Whether the band holds `ratio` (a fraction: 0.75 is 75 %), `from ≤ ratio < to` (lower bound
  /// included, docs/risk-models.md §4.1). The bound and the ratio are both the nearest doubles of
  /// their decimals, so 75.00 % falls in `[75, 80)`, never in `[70, 75)`.
  public func contains(ratio: Double) -> Bool {
    ratio >= Double(from.basisPoints) / 10_000
      && (to.map { ratio < Double($0.basisPoints) / 10_000 } ?? true)
  }
}

extension Array {
  /// The payload of the first band holding `ratio`, or nil where the table says nothing.
  public func payload<P>(ratio: Double) -> P? where Element == Band<P> {
    first { $0.contains(ratio: ratio) }?.payload
  }
}
