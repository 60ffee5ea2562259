// Reading policy YAML with key paths and line numbers, so every error names file, key and line.
import ProvidentCore
internal import Yams

/// A YAML node with the path that led to it.
struct _YNode {
  let node: Node
  let file: String
  let path: String
  /// The source tags a citation may name (those of `policies/sources.yaml`).
  let knownSources: Set<String>
  /// The line to report when the node was made up after reading (see `at(_:)`).
  var explicitLine: Int? = nil

  var line: Int { explicitLine ?? node.mark?.line ?? 0 }

  func fail(_ rule: String) -> PolicyFileError {
    PolicyFileError(file: file, line: line, key: path, rule: rule)
  }

  var location: PolicyLocation { PolicyLocation(file: file, key: path, line: line) }

  func child(_ node: Node, _ component: String) -> _YNode {
    _YNode(
      node: node, file: file, path: path.isEmpty ? component : path + component,
      knownSources: knownSources)
  }

  /// Parses a whole file.
  static func root(text: String, file: String, knownSources: Set<String>) throws -> _YNode {
    let node: Node?
    do {
      node = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      throw PolicyFileError(
        file: file, line: error.line, key: "", rule: "not valid YAML: \(error.problem)")
    } catch {
      throw PolicyFileError(file: file, line: 0, key: "", rule: "not valid YAML: \(error)")
    }
    guard let node else {
      throw PolicyFileError(file: file, line: 0, key: "", rule: "the file is empty")
    }
    return _YNode(node: node, file: file, path: "", knownSources: knownSources)
  }

  // MARK: - Shapes

  /// For `mapping(_:)`: any key is allowed (the caller checks them).
  static let anyKey: [String] = ["*"]

  /// The node as a mapping whose keys are all in `allowed`.
  func mapping(_ allowed: [String]) throws -> _YMap {
    guard let mapping = node.mapping else {
      throw fail("must be a mapping of \(allowed.joined(separator: ", "))")
    }
    var entries: [(String, _YNode)] = []
    for (k, v) in mapping {
      guard let key = k.scalar?.string else { throw fail("keys must be plain words") }
      let child = self.child(v, (path.isEmpty ? "" : ".") + key)
      guard allowed.contains(key) || allowed == ["*"] else {
        let hint = _YNode.closest(to: key, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
        throw PolicyFileError(
          file: file, line: k.mark?.line ?? line, key: child.path,
          rule: "unknown key\(hint); allowed: \(allowed.joined(separator: ", "))")
      }
      entries.append((key, child))
    }
    return _YMap(owner: self, entries: entries)
  }

  func sequence() throws -> [_YNode] {
    guard let seq = node.sequence else { throw fail("must be a list (lines starting with '-')") }
    return seq.enumerated().map { child($0.element, "[\($0.offset)]") }
  }

  func string() throws -> String {
    guard let s = node.scalar?.string else {
      throw fail("must be a single value, not a list or mapping")
    }
    return s
  }

  // MARK: - Scalars

  func amount(min: Money = .zero, positive: Bool = false) throws -> Money {
    let text = try string()
    let m: Money
    do { m = try Money(parsing: text) } catch {
      throw fail("must be an amount in yuan such as 600000 or 600000.00 (got '\(text)')")
    }
    guard positive ? m > .zero : m >= min else {
      throw fail("must be \(positive ? "greater than 0" : "at least \(min)") (got \(text))")
    }
    return m
  }

  func percent(_ range: ClosedRange<Int64> = 0...100) throws -> Percent {
    let text = try string()
    let p: Percent
    do { p = try Percent(parsing: text) } catch {
      throw fail("must be a percentage such as 20 or 7.5, at most two decimals (got '\(text)')")
    }
    guard (range.lowerBound * 100...range.upperBound * 100).contains(p.basisPoints) else {
      throw fail(
        "must be a percentage between \(range.lowerBound) and \(range.upperBound) (got \(text))")
    }
    return p
  }

  func integer(_ range: ClosedRange<Int>) throws -> Int {
    let text = try string()
    guard let v = Int(text) else { throw fail("must be a whole number (got '\(text)')") }
    guard range.contains(v) else {
      throw fail("must be between \(range.lowerBound) and \(range.upperBound) (got \(text))")
    }
    return v
  }

  func bool() throws -> Bool {
    switch try string() {
    case "true": return true
    case "false": return false
    case let other: throw fail("must be true or false (got '\(other)')")
    }
  }

  func date() throws -> LocalDate {
    let text = try string()
    do { return try LocalDate(parsing: text) } catch {
      throw fail("must be a date yyyy-mm-dd (got '\(text)'): \(error)")
    }
  }

  func word<T: RawRepresentable & CaseIterable>(_: T.Type) throws -> T where T.RawValue == String {
    let text = try string()
    guard let v = T(rawValue: text) else {
      throw fail(
        "must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")) (got '\(text)')")
    }
    return v
  }

  // MARK: - Citations

  static let citationKeys = ["source", "unverified", "note"]

  /// Reads `source`, `unverified` and `note` of a mapping; at least one of the first two.
  func citation(_ map: _YMap) throws -> Citation {
    var sources: [String] = []
    if let s = map["source"] {
      let items = s.node.sequence != nil ? try s.sequence() : [s]
      for item in items {
        let tag = try item.string()
        guard knownSources.contains(tag) else {
          throw item.fail(
            "source '\(tag)' is not a docs/domain.md tag listed in policies/sources.yaml (such as S93 or C6)"
          )
        }
        sources.append(tag)
      }
      if sources.isEmpty { throw s.fail("must name at least one source tag") }
    }
    var unverified: String? = nil
    if let u = map["unverified"] {
      let text = try u.string()
      guard !text.trimmingCharacters().isEmpty else {
        throw u.fail("must say why the value is unverified")
      }
      unverified = text
    }
    guard !sources.isEmpty || unverified != nil else {
      throw fail(
        "has no source: give 'source:' (docs/domain.md tags) or 'unverified:' (why there is none)")
    }
    return Citation(sources: sources, unverified: unverified, note: try map["note"]?.string())
  }

  /// A value with its citation: `{value: …, source: …, unverified: …, note: …}`.
  func sourced<T>(_ parse: (_YNode) throws -> T) throws -> Sourced<T> {
    guard node.mapping != nil else {
      throw fail(
        "must be a mapping {value: …, source: …} (every value names its source or says unverified)")
    }
    let map = try mapping(["value"] + Self.citationKeys)
    let value = try map.required("value")
    return Sourced(try parse(value), citation: try citation(map), location: location)
  }

  /// The allowed word nearest to `word` by edit distance, when it is a likely typo.
  static func closest(to word: String, in allowed: [String]) -> String? {
    let scored = allowed.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, word.count / 4) else {
      return nil
    }
    return best.0
  }

  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...max(b.count, 1) where j <= b.count {
        current[j] = min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
}

/// A mapping's entries in file order.
struct _YMap {
  let owner: _YNode
  let entries: [(String, _YNode)]

  subscript(_ key: String) -> _YNode? { entries.first { $0.0 == key }?.1 }

  func required(_ key: String) throws -> _YNode {
    guard let v = self[key] else { throw owner.fail("'\(key)' is required") }
    return v
  }
}

extension YamlError {
  var line: Int {
    switch self {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
      mark.line
    case .duplicatedKeysInMapping(_, let context): context.mark.line
    default: 0
    }
  }

  var problem: String {
    switch self {
    case .scanner(_, let problem, _, _), .parser(_, let problem, _, _),
      .composer(_, let problem, _, _):
      problem
    case .duplicatedKeysInMapping(let duplicates, _):
      "a key appears twice in one mapping: \(duplicates.joined(separator: ", "))"
    default: String(describing: self).split(separator: "\n").first.map(String.init) ?? "unreadable"
    }
  }
}

extension String {
  func trimmingCharacters() -> String {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return String(s)
  }
}
