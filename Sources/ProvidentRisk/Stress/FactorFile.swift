import ProvidentPortfolio
// A factor file in YAML: the macro factors, their correlation, the shock's length and named
// deterministic scenarios (format: docs/file-formats.md).
internal import Yams

/// Macro factors read from YAML.
///
/// ```yaml
/// factors:
///   - {name: hpi, unit: "%", mean: 0, vol: 8}       # house prices, % change
///   - {name: unemployment, unit: pp, mean: 0, vol: 1}
/// correlation:
///   - [1, -0.5]
///   - [-0.5, 1]
/// shockMonths: 36          # months the drawn factors act; then the means (default: every month)
/// scenarios:               # deterministic runs; a factor left out stays at its mean
///   - {name: severe, hpi: -30, unemployment: 3, source: "docs/risk-models.md §3.3, ILLUSTRATIVE"}
/// ```
public struct FactorFile: Sendable {
  public var factors: MacroFactors
  /// Months from the as-of date during which a path's (or scenario's) factor values drive the
  /// rates; afterwards every segment is back at its base rates. nil: the whole projection.
  public var shockMonths: Int?

  /// - Throws: `ScenarioError` naming the line and key: an unknown key (a typo), a missing value,
  ///   a correlation matrix of the wrong shape, not symmetric or not positive definite (with the
  ///   failing leading minor), a scenario naming an unknown factor.
  public init(yaml: String) throws(ScenarioError) {
    let root = try _YAML.compose(yaml, "the factor file")
    let top = try _YAML.mapping(
      root, "the file", allowed: ["factors", "correlation", "shockMonths", "scenarios"])
    guard let list = top["factors"], case .sequence(let items) = list, !items.isEmpty else {
      throw _YAML.error(
        top["factors"] ?? root, "the file needs a 'factors' list of at least one factor")
    }
    var factors: [MacroFactor] = []
    for (i, item) in items.enumerated() {
      let path = "factors[\(i)]"
      let m = try _YAML.mapping(item, path, allowed: ["name", "unit", "mean", "vol"])
      guard let name = m["name"] else { throw _YAML.error(item, "\(path) needs a name") }
      let text = try _YAML.scalar(name, "\(path).name")
      guard _YAML.isKey(text) else {
        throw _YAML.error(name, "\(path).name must be letters, digits, '_' or '-' (got '\(text)')")
      }
      guard !["name", "source"].contains(text) else {
        throw _YAML.error(name, "\(path).name cannot be '\(text)' (a scenario key)")
      }
      let vol = try _YAML.number(m["vol"], item, "\(path).vol")
      guard vol >= 0 else {
        throw _YAML.error(m["vol"]!, "\(path).vol must be at least 0 (got \(vol))")
      }
      factors.append(
        MacroFactor(
          name: text,
          unit: try m["unit"].map { (n) throws(ScenarioError) in try _YAML.scalar(n, "\(path).unit")
          } ?? "",
          mean: try _YAML.number(m["mean"], item, "\(path).mean"), volatility: vol))
    }
    let names = factors.map(\.name)
    var seen = Set<String>()
    for (i, n) in names.enumerated() where !seen.insert(n).inserted {
      throw _YAML.error(items[i], "factors[\(i)].name '\(n)' is used twice")
    }

    // Correlation: the identity when left out.
    let k = factors.count
    var matrix = (0..<k).map { i in (0..<k).map { j in i == j ? 1.0 : 0.0 } }
    let correlationNode = top["correlation"]
    if let node = correlationNode {
      guard case .sequence(let rows) = node, rows.count == k else {
        throw _YAML.error(
          node,
          "correlation must list \(k) rows of \(k) numbers, one row per factor (\(names.joined(separator: ", ")))"
        )
      }
      for (i, row) in rows.enumerated() {
        guard case .sequence(let cells) = row, cells.count == k else {
          throw _YAML.error(row, "correlation[\(i)] must list \(k) numbers")
        }
        for (j, cell) in cells.enumerated() {
          matrix[i][j] = try _YAML.number(cell, cell, "correlation[\(i)][\(j)]")
        }
      }
    }

    var scenarios: [FactorScenario] = []
    if let node = top["scenarios"] {
      guard case .sequence(let list) = node else {
        throw _YAML.error(node, "scenarios must be a list")
      }
      var used = Set<String>()
      for (i, item) in list.enumerated() {
        let path = "scenarios[\(i)]"
        let m = try _YAML.mapping(item, path, allowed: ["name", "source"] + names)
        guard let nameNode = m["name"] else { throw _YAML.error(item, "\(path) needs a name") }
        let name = try _YAML.scalar(nameNode, "\(path).name")
        guard !name.isEmpty, !name.contains(where: { $0 == "\n" || $0 == "," }),
          used.insert(name).inserted
        else {
          throw _YAML.error(
            nameNode, "\(path).name must be one line without commas and unique (got '\(name)')")
        }
        var values = factors.map(\.mean)
        for (j, f) in factors.enumerated() {
          if let v = m[f.name] { values[j] = try _YAML.number(v, v, "\(path).\(f.name)") }
        }
        let source = try m["source"].map { (n) throws(ScenarioError) in
          try _YAML.scalar(n, "\(path).source")
        }
        scenarios.append(FactorScenario(name: name, values: values, source: source))
      }
    }
    do {
      self.factors = try MacroFactors(factors: factors, correlation: matrix, scenarios: scenarios)
    } catch {
      throw _YAML.error(correlationNode ?? root, error.message)
    }
    shockMonths = try top["shockMonths"].map { (n) throws(ScenarioError) in
      try _YAML.integer(n, "shockMonths", in: 1...1200)
    }
  }
}
