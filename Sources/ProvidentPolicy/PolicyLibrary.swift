// All policy files: the source registry, the national default and the cities, validated on load.
import ProvidentCore

/// The rules of every city on file, the national default, and the source registry.
///
/// ```swift
/// let rules = try PolicyLibrary.bundled.rules(city: "shenzhen", on: LocalDate(parsing: "2025-06-01"))
/// try rules.quota().rules.balanceMultiple?.value      // 16
/// ```
public struct PolicyLibrary: Sendable {
  /// docs/domain.md source tag → the address where the fact was read (docs/domain.md §10).
  public let sources: [String: String]
  /// `policies/national.yaml`: values a city's file does not give.
  public let national: CityPolicy
  /// City id → rules, without the national default.
  public let cities: [String: CityPolicy]

  public static let sourcesFile = "policies/sources.yaml"
  public static let nationalFile = "policies/national.yaml"

  /// The files `gjj` carries, read from `datasets/policies/` at build time. The tests load and
  /// validate every shipped file, so this cannot fail in a released binary.
  public static let bundled: PolicyLibrary = {
    do {
      return try PolicyLibrary(
        files: EmbeddedDatasets.files.filter { $0.key.hasPrefix("policies/") })
    } catch {
      fatalError("datasets/policies is invalid: \(error)")
    }
  }()

  /// Reads and validates policy files: path relative to `datasets/` → text. Needs
  /// `policies/sources.yaml` and `policies/national.yaml`; every other `.yaml` file is a city.
  ///
  /// - Throws: `PolicyFileError` naming the file, line, key and rule of the first problem.
  public init(files: [String: String]) throws(PolicyFileError) {
    guard let sourcesText = files[Self.sourcesFile] else {
      throw PolicyFileError(file: Self.sourcesFile, line: 0, key: "", rule: "is missing")
    }
    let sources = try Self.readSources(sourcesText)
    let known = Set(sources.keys)
    guard let nationalText = files[Self.nationalFile] else {
      throw PolicyFileError(file: Self.nationalFile, line: 0, key: "", rule: "is missing")
    }
    let national = try CityPolicy(yaml: nationalText, file: Self.nationalFile, knownSources: known)
    var cities: [String: CityPolicy] = [:]
    for (file, text) in files.sorted(by: { $0.key < $1.key })
    where file != Self.sourcesFile && file != Self.nationalFile {
      guard file.hasSuffix(".yaml") else {
        throw PolicyFileError(
          file: file, line: 0, key: "",
          rule:
            "unexpected file: policies/ holds only <city>.yaml, national.yaml, sources.yaml and README.md"
        )
      }
      let city = try CityPolicy(yaml: text, file: file, knownSources: known)
      cities[city.id] = city
    }
    self.sources = sources
    self.national = national
    self.cities = cities
  }

  static func readSources(_ text: String) throws(PolicyFileError) -> [String: String] {
    let file = sourcesFile
    do {
      let root = try _YNode.root(text: text, file: file, knownSources: [])
      let top = try root.mapping(["schema", "sources"])
      let schema = try top.required("schema")
      guard try schema.string() == "1" else { throw schema.fail("must be 1") }
      var result: [String: String] = [:]
      for (tag, node) in try top.required("sources").mapping(_YNode.anyKey).entries {
        guard Self.isSourceTag(tag) else {
          throw node.fail(
            "'\(tag)' is not a docs/domain.md source tag (S followed by digits, or C and digits)")
        }
        let address = try node.string()
        guard !address.isEmpty else {
          throw node.fail("must give the address docs/domain.md §10 lists")
        }
        result[tag] = address
      }
      return result
    } catch let error as PolicyFileError {
      throw error
    } catch {
      throw PolicyFileError(file: file, line: 0, key: "", rule: "\(error)")
    }
  }

  static func isSourceTag(_ tag: String) -> Bool {
    guard let first = tag.first, first == "S" || first == "C", tag.count >= 2 else { return false }
    return tag.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
  }

  /// City ids in alphabetical order.
  public var cityIDs: [String] { cities.keys.sorted() }

  /// A city's rules, or an error that lists the cities on file.
  public func city(_ id: String) throws(PolicyLookupError) -> CityPolicy {
    if id == national.id { return national }
    guard let city = cities[id] else {
      throw .unknownCity(id, known: cityIDs, suggestion: _YNode.closest(to: id, in: cityIDs))
    }
    return city
  }

  /// The rules in force in `city` on `date`, each section filled from the national default.
  public func rules(city id: String, on date: LocalDate) throws(PolicyLookupError) -> RulesInForce {
    RulesInForce(city: try city(id), national: national, date: date)
  }
}

/// A city or date the policy files cannot answer for.
public enum PolicyLookupError: Error, Equatable, Sendable, CustomStringConvertible {
  case unknownCity(String, known: [String], suggestion: String?)
  /// The city has no rule set of `section` in force on the date; `periods` are those on file.
  case noRulesInForce(city: String, section: PolicySection, date: LocalDate, periods: [String])

  public var description: String {
    switch self {
    case .unknownCity(let id, let known, let suggestion):
      "unknown city '\(id)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        + "; cities on file: \(known.joined(separator: ", "))"
    case .noRulesInForce(let city, let section, let date, let periods):
      "\(city) has no \(section.label) rules in force on \(date)"
        + (periods.isEmpty
          ? "; its policy file has none"
          : "; its rule sets cover \(periods.joined(separator: ", "))")
    }
  }
}

/// The rule set of one section in force on a date: the city's own (if any), the national
/// default's (if any), and the two merged, the city's values first.
public struct SectionInForce<Rules: Sendable>: Sendable {
  public let city: RuleSet<Rules>?
  public let national: RuleSet<Rules>?
  public let rules: Rules
}

/// Everything a city's files say is in force on one date.
public struct RulesInForce: Sendable {
  public let city: CityPolicy
  public let national: CityPolicy
  public let date: LocalDate

  /// The quota rules; the city must have its own set in force (caps are a city's).
  public func quota() throws(PolicyLookupError) -> SectionInForce<QuotaRules> {
    try section(.quota, \.quota) { $0.filled(from: $1) }
  }

  /// Term rules: the city's, else the national default's.
  public func term() throws(PolicyLookupError) -> SectionInForce<TermRules> {
    try section(.term, \.term) { $0.filled(from: $1) }
  }

  /// 商转公 rules; the city must have its own set in force (whether it converts at all is a
  /// city's decision).
  public func conversion() throws(PolicyLookupError) -> SectionInForce<ConversionRules> {
    try section(.conversion, \.conversion) { $0.filled(from: $1) }
  }

  /// Deposit rules: the city's, else the national default's.
  public func deposit() throws(PolicyLookupError) -> SectionInForce<DepositRules> {
    try section(.deposit, \.deposit) { $0.filled(from: $1) }
  }

  /// Rent-withdrawal rules; the city must have its own set in force.
  public func rentWithdrawal() throws(PolicyLookupError) -> SectionInForce<RentWithdrawalRules> {
    try section(.rentWithdrawal, \.rentWithdrawal) { $0.filled(from: $1) }
  }

  func section<R>(
    _ section: PolicySection, _ sets: KeyPath<CityPolicy, [RuleSet<R>]>, fill: (R, R) -> R
  ) throws(PolicyLookupError) -> SectionInForce<R> {
    let own =
      city.id == national.id ? nil : city[keyPath: sets].first { $0.effective.contains(date) }
    let fallback = national[keyPath: sets].first { $0.effective.contains(date) }
    let required = section.needsCitySet && city.id != national.id ? own : (own ?? fallback)
    guard required != nil else {
      throw .noRulesInForce(
        city: city.id, section: section, date: date,
        periods: city[keyPath: sets].map(\.effective.text))
    }
    let rules: R =
      switch (own, fallback) {
      case (let o?, let f?): fill(o.rules, f.rules)
      case (let o?, nil): o.rules
      case (nil, let f?): f.rules
      case (nil, nil): fatalError("unreachable: checked above")
      }
    return SectionInForce(city: own, national: fallback, rules: rules)
  }
}
