// Tables keyed by a range of a percentage (the fund's loan ratio, a building's age) and their payloads.
import ProvidentCore

/// A band of a table keyed by the fund's loan ratio (个贷率) or a building's age: `from` ≤ x <
/// `to` (`to` nil: no upper end).
public struct Band<Payload: Sendable>: Sendable {
  public let from: Percent
  public let to: Percent?
  public let payload: Payload

  public init(from: Percent, to: Percent?, payload: Payload) {
    self.from = from
    self.to = to
    self.payload = payload
  }

  public func contains(_ x: Percent) -> Bool { x >= from && (to.map { x < $0 } ?? true) }

  /// `75–80%`, `≥ 95%` (or with another unit: `6–20 years`).
  public func rangeText(_ unit: String = "%") -> String {
    to.map { "\(from.text)–\($0.text)\(unit)" } ?? "≥ \(from.text)\(unit)"
  }
}

extension Band: Equatable where Payload: Equatable {}

extension Band: Hashable where Payload: Hashable {}

/// Status of 商转公 at a fund loan ratio (Guangzhou's 75 / 85 / 90 % is the model, docs/domain.md §3.3).
public enum GateStatus: String, Hashable, Sendable, CaseIterable {
  /// Conversions are accepted.
  case open
  /// Conversions are controlled (quota management, appointments).
  case restricted
  /// Conversions are suspended.
  case suspended
}

/// The maximum term for a resale home by the building's age, in years.
public enum BuildingAgeTerm: Hashable, Sendable {
  /// A fixed number of years.
  case years(Int)
  /// `total − building age` years (Shanghai: 50 − age).
  case totalLessAge(Int)
}
