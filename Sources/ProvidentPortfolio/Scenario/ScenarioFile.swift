// Several scenarios in one YAML file (format: docs/file-formats.md).
import ProvidentCore
package import Yams

/// The scenarios of one projection run, read from YAML.
///
/// ```yaml
/// asOf: 2025-12-31          # optional; overrides the book's '# as_of:'
/// scenarios:
///   - name: base
///     cpr: 6%               # a constant, a list by month ([5%, 6%]), {psa: 150} or
///     cdr: 0.2%             #   {ramp: {peak: 6%, months: 30}}; fractions (0.06) or percent
///     severity: 25%
///     recoveryLag: 12       # months from default to loss
///   - name: cut
///     rates:                # frozen, tables (the default), or table rows to add:
///       provident: [{effective: 2026-07-01, shift: -25}]   # basis points, or rates: [4 percents]
///       lpr: [{date: 2026-03-20, shift: -10}]              # or rates: [1-year, 5-year+]
///     defaultAfterOverdue: 3   # or never
///     horizon: 120             # months; default: until the last loan is repaid
/// ```
public struct ScenarioFile: Sendable {
  public var asOf: LocalDate?
  public var scenarios: [Scenario]

  public init(asOf: LocalDate? = nil, scenarios: [Scenario]) {
    self.asOf = asOf
    self.scenarios = scenarios
  }

  /// Reads scenarios from YAML text.
  ///
  /// - Throws: `ScenarioError` naming the line, the key and the rule broken: an unknown key, a
  ///   missing or repeated name, a rate outside [0, 1], a bad date.
  public init(yaml: String) throws(ScenarioError) {
    let root = try _YAML.compose(yaml, "the scenario file")
    let top = try _YAML.mapping(root, "the file", allowed: ["asOf", "scenarios"])
    asOf = try top["asOf"].map { (n) throws(ScenarioError) in try _YAML.date(n, "asOf") }
    scenarios = try _YAML.scenarios(top["scenarios"], root, read: _YAML.scenario, name: \.name)
  }
}

extension _YAML {
  package static func curve(_ node: Node, _ path: String) throws(ScenarioError) -> RateCurve {
    switch node {
    case .scalar: return .constant(try fraction(node, path))
    case .sequence(let items):
      guard !items.isEmpty else { throw error(node, "\(path) must list at least one rate") }
      var values: [Double] = []
      for (i, item) in items.enumerated() { values.append(try fraction(item, "\(path)[\(i)]")) }
      return .monthly(values)
    case .mapping:
      let m = try mapping(node, path, allowed: ["psa", "ramp"])
      if let psa = m["psa"] {
        let text = try scalar(psa, "\(path).psa")
        guard let speed = Double(text), speed >= 0, speed <= 1_666 else {
          throw error(
            psa, "\(path).psa must be a speed from 0 to 1666 (100 = the PSA ramp; got \(text))")
        }
        return .psa(speed)
      }
      guard let ramp = m["ramp"] else { throw error(node, "\(path) needs psa or ramp") }
      let r = try mapping(ramp, "\(path).ramp", allowed: ["peak", "months"])
      guard let peak = r["peak"], let months = r["months"] else {
        throw error(ramp, "\(path).ramp needs peak and months")
      }
      return .ramp(
        peak: try fraction(peak, "\(path).ramp.peak"),
        months: try integer(months, "\(path).ramp.months", in: 1...600))
    case .alias: throw error(node, "\(path) cannot be an alias")
    }
  }

  package static func rates(_ node: Node, _ path: String) throws(ScenarioError) -> RateScenario {
    if case .scalar = node {
      switch try scalar(node, path) {
      case "frozen": return .frozen
      case "tables": return .tables([])
      case let other:
        throw error(
          node, "\(path) must be frozen, tables or a mapping of table rows (got \(other))")
      }
    }
    let m = try mapping(node, path, allowed: ["provident", "lpr"])
    var changes: [TableChange] = []
    for (key, table, dateKey, count) in [
      ("provident", TableChange.Table.provident, "effective", 4), ("lpr", .lpr, "date", 2),
    ] {
      guard let list = m[key] else { continue }
      guard case .sequence(let rows) = list else {
        throw error(list, "\(path).\(key) must be a list of rows")
      }
      for (i, row) in rows.enumerated() {
        let p = "\(path).\(key)[\(i)]"
        let r = try mapping(row, p, allowed: [dateKey, "shift", "rates"])
        guard let dateNode = r[dateKey] else { throw error(row, "\(p) needs \(dateKey)") }
        let date = try self.date(dateNode, "\(p).\(dateKey)")
        if let shift = r["shift"] {
          guard r["rates"] == nil else { throw error(row, "\(p) gives both shift and rates") }
          let bp = try integer(shift, "\(p).shift", in: -1000...1000)
          changes.append(TableChange(table: table, date: date, shiftBasisPoints: Int64(bp)))
        } else if let ratesNode = r["rates"] {
          guard case .sequence(let items) = ratesNode, items.count == count else {
            throw error(ratesNode, "\(p).rates must list \(count) rates in percent")
          }
          var values: [AnnualRate] = []
          for (j, item) in items.enumerated() {
            let text = try scalar(item, "\(p).rates[\(j)]")
            guard let rate = try? AnnualRate(percent: text), rate >= .zero, rate <= Loan.maximumRate
            else {
              throw error(
                item,
                "\(p).rates[\(j)] must be a rate in percent between 0 and 36 (got \(text)); 2.6 means 2.6%"
              )
            }
            values.append(rate)
          }
          changes.append(TableChange(table: table, date: date, rates: values))
        } else {
          throw error(row, "\(p) needs shift (basis points) or rates")
        }
      }
    }
    return .tables(changes)
  }

  package static func scenario(_ node: Node, _ path: String) throws(ScenarioError) -> Scenario {
    let m = try mapping(
      node, path,
      allowed: [
        "name", "cpr", "cdr", "severity", "recoveryLag", "rates", "defaultAfterOverdue", "horizon",
      ])
    var s = Scenario(name: try name(m["name"], node, path))
    if let n = m["cpr"] { s.prepayment = try curve(n, "\(path).cpr") }
    if let n = m["cdr"] { s.defaults = try curve(n, "\(path).cdr") }
    if let n = m["severity"] { s.severity = try fraction(n, "\(path).severity") }
    if let n = m["recoveryLag"] {
      s.recoveryLagMonths = try integer(n, "\(path).recoveryLag", in: 0...120)
    }
    if let n = m["rates"] { s.rates = try rates(n, "\(path).rates") }
    if let n = m["defaultAfterOverdue"] {
      s.defaultAfterOverdue =
        try scalar(n, "\(path).defaultAfterOverdue") == "never"
        ? nil : try integer(n, "\(path).defaultAfterOverdue", in: 1...600)
    }
    if let n = m["horizon"] { s.horizonMonths = try integer(n, "\(path).horizon", in: 1...1200) }
    return s
  }
}
