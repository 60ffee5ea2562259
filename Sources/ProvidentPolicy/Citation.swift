// Where a rule's value comes from: its sources, or why it is unverified.
import ProvidentCore

/// Where a value of a policy file comes from.
///
/// Every value in `datasets/policies/` carries docs/domain.md source tags (`S93`, `C6`), or says why it
/// is unverified, or both (a sourced value whose date or reading docs/domain.md marks unverified).
public struct Citation: Hashable, Sendable {
  /// docs/domain.md §10 tags, in the order the file gives them.
  public let sources: [String]
  /// Why the value is unverified, or nil when its sources state it.
  public let unverified: String?
  /// A remark for the reader (how the value was read off its source), or nil.
  public let note: String?

  public init(sources: [String], unverified: String? = nil, note: String? = nil) {
    self.sources = sources
    self.unverified = unverified
    self.note = note
  }

  public var isVerified: Bool { unverified == nil }

  /// `[S93;S94]`, `[S98; UNVERIFIED]`, `[UNVERIFIED]`.
  public var tag: String {
    var parts = sources.joined(separator: ";")
    if unverified != nil { parts += parts.isEmpty ? "UNVERIFIED" : "; UNVERIFIED" }
    return "[" + parts + "]"
  }
}

/// Where in the policy files a value was read: the file, the key path and the line.
public struct PolicyLocation: Hashable, Sendable, CustomStringConvertible {
  /// Relative to `datasets/`: `policies/shenzhen.yaml`.
  public let file: String
  /// Dotted path with indices: `quota[1].caps[0].family`.
  public let key: String
  /// 1-based line, or 0 when unknown.
  public let line: Int

  public init(file: String, key: String, line: Int) {
    self.file = file
    self.key = key
    self.line = line
  }

  /// `policies/shenzhen.yaml:23 quota[1].caps[0].family`.
  public var description: String { "\(file):\(line) \(key)" }
}

/// A value of a policy file with its citation and where it was read.
public struct Sourced<Value: Sendable>: Sendable {
  public let value: Value
  public let citation: Citation
  public let location: PolicyLocation

  public init(_ value: Value, citation: Citation, location: PolicyLocation) {
    self.value = value
    self.citation = citation
    self.location = location
  }

  /// The same citation and location with another value (a value derived from this one).
  public func map<T>(_ transform: (Value) -> T) -> Sourced<T> {
    Sourced<T>(transform(value), citation: citation, location: location)
  }
}
