// Gates by the fund's loan ratio (个贷率): lending multiplier, quota multiple, 商转公 status.
import ProvidentCore

/// A band of the loan ratio, `from ≤ ratio < to` (lower bound included, RISK.md §4.1), in basis
/// points of a percent as the policy files state them (7500 = 75 %).
public struct RatioBand<Payload: Hashable & Sendable>: Hashable, Sendable {
  public let fromBasisPoints: Int64
  /// nil: no upper end.
  public let toBasisPoints: Int64?
  public let payload: Payload

  public init(fromBasisPoints: Int64, toBasisPoints: Int64?, payload: Payload) {
    self.fromBasisPoints = fromBasisPoints
    self.toBasisPoints = toBasisPoints
    self.payload = payload
  }

  /// Whether the band holds `ratio` (a fraction: 0.75 is 75 %). The bound and the ratio are both
  /// the nearest doubles of their decimals, so 75.00 % falls in `[75, 80)`, never in `[70, 75)`.
  public func contains(ratio: Double) -> Bool {
    ratio >= Double(fromBasisPoints) / 10_000
      && (toBasisPoints.map { ratio < Double($0) / 10_000 } ?? true)
  }

  /// `75–80%`, `≥ 95%`.
  public var rangeText: String {
    func percent(_ bp: Int64) -> String {
      bp % 100 == 0 ? String(bp / 100) : String(format2: Double(bp) / 100)
    }
    return toBasisPoints.map { "\(percent(fromBasisPoints))–\(percent($0))%" } ?? "≥ \(percent(fromBasisPoints))%"
  }
}

extension Array {
  /// The payload of the first band holding `ratio`, or nil where the table says nothing.
  public func payload<P>(ratio: Double) -> P? where Element == RatioBand<P> {
    first { $0.contains(ratio: ratio) }?.payload
  }
}

/// What a city does with 商转公 at a loan ratio (DOMAIN §3.3).
public enum ConversionGate: String, Hashable, Sendable, CaseIterable {
  case open, restricted, suspended
}

/// The gate tables in force over a period (a city's rule sets, or a scenario's own table).
public struct DatedGates: Hashable, Sendable {
  /// First and last day in force; nil: open at that end.
  public var from: LocalDate?
  public var to: LocalDate?
  /// Balance multiple of the quota by loan ratio (Changsha [S92]).
  public var quotaMultiple: [RatioBand<Int>]
  /// 商转公 status by loan ratio (Guangzhou [S68]).
  public var conversion: [RatioBand<ConversionGate>]
  /// Where the tables come from: `policies/changsha.yaml S92`.
  public var source: String

  public init(
    from: LocalDate? = nil, to: LocalDate? = nil, quotaMultiple: [RatioBand<Int>] = [],
    conversion: [RatioBand<ConversionGate>] = [], source: String
  ) {
    self.from = from
    self.to = to
    self.quotaMultiple = quotaMultiple
    self.conversion = conversion
    self.source = source
  }

  public func contains(_ date: LocalDate) -> Bool {
    (from.map { $0 <= date } ?? true) && (to.map { date <= $0 } ?? true)
  }
}

extension String {
  /// Two decimals, no locale: `78.94`.
  init(format2 x: Double) {
    let hundredths = Int64((x * 100).rounded())
    let sign = hundredths < 0 ? "-" : ""
    let m = hundredths.magnitude
    self = sign + String(m / 100) + "." + (m % 100 < 10 ? "0" : "") + String(m % 100)
  }
}
