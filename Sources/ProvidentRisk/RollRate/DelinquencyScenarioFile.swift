// Delinquency scenarios in YAML (format: docs/file-formats.md): stress and forbearance.
import ProvidentCore
import ProvidentPortfolio
package import Yams

/// The scenarios of a delinquency projection, read from YAML.
///
/// ```yaml
/// asOf: 2025-12-31          # optional; the start month (overrides the book's '# as_of:')
/// blacklist: 6              # cumulative overdue periods that blacklist a borrower (default 6)
/// scenarios:
///   - name: stressed
///     months: 36
///     severity: 25%         # loss on written-off balance
///     amortization: 0.35%   # monthly, current loans; default: the book's own schedule
///     cpr: 6%               # or [5%, 6%]: current loans' C → P becomes the SMM (docs/risk-models.md §5)
///     stress:               # roll-forward multiplier k (docs/risk-models.md §1.4), per window and segment
///       - {months: 4-9, k: 1.5}
///       - {from: 2026-03, to: 2026-05, k: [1.2, 1.5, 1.2], segment: {region: HN}}
///     forbearance:          # reported delinquency frozen in the windows
///       preset: 2022        # 2020 or 2022 national notices, or a list; and/or windows:
///       windows: [{months: 1-6}]
///       eligibleBelow: 3    # loans this many periods overdue are reported as usual
///       excludeBlacklisted: true
///       share: 50%          # of loans affected
///       end: resume         # or catch-up
/// ```
public struct DelinquencyScenarioFile: Sendable {
  public var asOf: LocalDate?
  public var blacklistThreshold: Int
  public var scenarios: [DelinquencyScenario]

  public init(asOf: LocalDate? = nil, blacklistThreshold: Int = 6, scenarios: [DelinquencyScenario])
  {
    self.asOf = asOf
    self.blacklistThreshold = blacklistThreshold
    self.scenarios = scenarios
  }

  /// One 36-month scenario on the matrices as they are.
  public static let `default` = DelinquencyScenarioFile(scenarios: [
    DelinquencyScenario(name: "base", months: 36)
  ])

  /// - Throws: `ScenarioError` naming the line, the key and the rule broken.
  public init(yaml: String) throws(ScenarioError) {
    let root = try _YAML.compose(yaml, "the scenario file")
    let top = try _YAML.mapping(root, "the file", allowed: ["asOf", "blacklist", "scenarios"])
    asOf = try top["asOf"].map { (n) throws(ScenarioError) in try _YAML.date(n, "asOf") }
    blacklistThreshold =
      try top["blacklist"].map { (n) throws(ScenarioError) in
        try _YAML.integer(n, "blacklist", in: 1...60)
      } ?? 6
    scenarios = try _YAML.scenarios(top["scenarios"], root, read: Self.scenario, name: \.name)
  }

  static func scenario(_ node: Node, _ path: String) throws(ScenarioError) -> DelinquencyScenario {
    let m = try _YAML.mapping(
      node, path,
      allowed: ["name", "months", "severity", "amortization", "cpr", "stress", "forbearance"])
    let name = try _YAML.name(m["name"], node, path)
    guard let months = m["months"] else {
      throw _YAML.error(node, "\(path) needs months (how many to project)")
    }
    var s = DelinquencyScenario(
      name: name, months: try _YAML.integer(months, "\(path).months", in: 1...1200))
    if let n = m["severity"] { s.severity = try _YAML.fraction(n, "\(path).severity") }
    if let n = m["amortization"] { s.amortization = try _YAML.fraction(n, "\(path).amortization") }
    if let n = m["cpr"] {
      let curve = try _YAML.curve(n, "\(path).cpr")
      guard !curve.dependsOnAge else {
        throw _YAML.error(
          n,
          "\(path).cpr must be a constant or a list by month: cohorts keep no loan ages for a ramp")
      }
      s.prepayment = curve
    }
    if let n = m["stress"] {
      guard case .sequence(let items) = n else {
        throw _YAML.error(n, "\(path).stress must be a list of windows")
      }
      for (i, item) in items.enumerated() {
        let p = "\(path).stress[\(i)]"
        let w = try _YAML.mapping(item, p, allowed: ["months", "from", "to", "k", "segment"])
        let window = try Self.window(w, item, p)
        guard let kNode = w["k"] else {
          throw _YAML.error(item, "\(p) needs k (the roll-forward multiplier)")
        }
        var k: [Double] = []
        if case .sequence(let values) = kNode {
          for (j, v) in values.enumerated() { k.append(try _YAML.multiplier(v, "\(p).k[\(j)]")) }
          let length: Int? =
            switch window {
            case .projection(let a, let b): b - a + 1
            case .calendar(let a, let b): b.index - a.index + 1
            }
          guard k.count == length else {
            throw _YAML.error(
              kNode, "\(p).k lists \(k.count) multipliers for a window of \(length ?? 0) months")
          }
        } else {
          k = [try _YAML.multiplier(kNode, "\(p).k")]
        }
        var segment: [String: String] = [:]
        if let sNode = w["segment"] {
          guard case .mapping(let pairs) = sNode else {
            throw _YAML.error(
              sNode, "\(p).segment must map segment columns to values, such as {region: HN}")
          }
          for (key, value) in pairs {
            segment[try _YAML.scalar(key, "\(p).segment")] = try _YAML.scalar(value, "\(p).segment")
          }
        }
        s.stress.append(StressWindow(window: window, k: k, segment: segment))
      }
    }
    if let n = m["forbearance"] {
      let p = "\(path).forbearance"
      let f = try _YAML.mapping(
        n, p, allowed: ["preset", "windows", "eligibleBelow", "excludeBlacklisted", "share", "end"])
      var windows: [MonthWindow] = []
      if let preset = f["preset"] {
        let items: [Node] = if case .sequence(let list) = preset { Array(list) } else { [preset] }
        for item in items {
          switch try _YAML.scalar(item, "\(p).preset") {
          case "2020": windows.append(Forbearance.national2020)
          case "2022": windows.append(Forbearance.national2022)
          case let other:
            throw _YAML.error(
              item, "\(p).preset must be 2020 or 2022, the national notices (got \(other))")
          }
        }
      }
      if let list = f["windows"] {
        guard case .sequence(let items) = list else {
          throw _YAML.error(list, "\(p).windows must be a list")
        }
        for (i, item) in items.enumerated() {
          let wp = "\(p).windows[\(i)]"
          windows.append(
            try Self.window(
              try _YAML.mapping(item, wp, allowed: ["months", "from", "to"]), item, wp))
        }
      }
      guard !windows.isEmpty else { throw _YAML.error(n, "\(p) needs a preset or windows") }
      var forbearance = Forbearance(windows: windows)
      if let e = f["eligibleBelow"] {
        forbearance.eligibleBelow = try _YAML.integer(e, "\(p).eligibleBelow", in: 1...600)
      }
      if let e = f["excludeBlacklisted"] {
        forbearance.excludeBlacklisted = try _YAML.bool(e, "\(p).excludeBlacklisted")
      }
      if let e = f["share"] { forbearance.share = try _YAML.fraction(e, "\(p).share") }
      if let e = f["end"] {
        let text = try _YAML.scalar(e, "\(p).end")
        guard let end = Forbearance.End(rawValue: text) else {
          throw _YAML.error(e, "\(p).end must be resume or catch-up (got \(text))")
        }
        forbearance.end = end
      }
      s.forbearance = forbearance
    }
    return s
  }

  /// `months: 4-9` (or `months: 4`), or `from: 2026-03` and `to: 2026-08` (calendar months).
  static func window(_ m: [String: Node], _ node: Node, _ path: String) throws(ScenarioError)
    -> MonthWindow
  {
    if let months = m["months"] {
      guard m["from"] == nil && m["to"] == nil else {
        throw _YAML.error(node, "\(path) gives months and from/to: give one of them")
      }
      let text = try _YAML.scalar(months, "\(path).months")
      let parts = text.split(separator: "-", omittingEmptySubsequences: false)
      guard parts.count <= 2, let a = Int(parts[0].trimmingCharacters(in: .whitespaces)),
        let b = Int(parts.last!.trimmingCharacters(in: .whitespaces)), a >= 1, b >= a, b <= 1200
      else {
        throw _YAML.error(
          months,
          "\(path).months must be projection months such as 4-9 or 4 (1 to 1200; got \(text))")
      }
      return .projection(first: a, last: b)
    }
    guard let from = m["from"], let to = m["to"] else {
      throw _YAML.error(node, "\(path) needs months (such as 4-9) or from and to (yyyy-mm)")
    }
    let a = try _YAML.month(from, "\(path).from")
    let b = try _YAML.month(to, "\(path).to")
    guard a <= b else { throw _YAML.error(to, "\(path).to \(b) is before from \(a)") }
    return .calendar(first: a, last: b)
  }
}

extension _YAML {
  /// A calendar month `yyyy-mm`.
  package static func month(_ node: Node, _ path: String) throws(ScenarioError) -> CalendarMonth {
    let text = try _YAML.scalar(node, path)
    do { return try CalendarMonth(parsing: text) } catch {
      throw _YAML.error(node, "\(path): \(error.message)")
    }
  }
}
