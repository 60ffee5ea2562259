import Foundation
// Liquidity scenarios in YAML (format: datasets/liquidity/README.md).
import ProvidentCore
import ProvidentPolicy
import ProvidentPortfolio
import ProvidentRisk
internal import Yams

/// Liquidity scenarios read from YAML: shared settings at the top, then scenarios that override
/// any of them.
///
/// ```yaml
/// unit: 亿元
/// start: 2022-12              # the opening position's month
/// months: 24
/// opening: {deposits: 92454.82, loans: 72984.33}
/// deposits: {annual: 34697.69}    # a year's amount (÷ 12), a monthly amount, or a list by month
/// withdrawals: {total: {annual: 26562.71}}   # or by kind: purchase, repayment, rent, retirement, other
/// newLending: {annual: 14713.06}
/// recoveries: {rate: 0.0091640689}  # monthly; {annual: 10.46%}; {amounts: […]}; or
///                                   # {solve: {from: 68931.12, to: 72984.33, lending: 11841.85, months: 12}}
/// writeOffs: {rate: 0}
/// thresholds: [85, 90, 95]     # loan-ratio lines, percent
/// city: guangzhou              # dated quota-multiple and 商转公 tables from datasets/policies
/// lending:                     # lending multiplier by loan ratio
///   bands: [{from: 0, to: 85, multiplier: 1}, {from: 85, to: 90, multiplier: 0.8}, {from: 90, multiplier: 0.5}]
///   source: docs/risk-models.md §4.2 (ILLUSTRATIVE)
///   conversionShare: 10%       # of new lending that is 商转公 (cut while the city suspends it)
///   restrictedKept: 50%
///   followQuotaMultiple: false
/// scenarios:
///   - name: base
///     lending: none            # no gate in this scenario
///   - name: stress
///     stress: {deposits: 0.9, withdrawals: 1.3}
/// ```
public struct LiquidityScenarioFile: Sendable {
  public var scenarios: [LiquidityScenario]
  /// The city whose gate tables apply (the caller reads them from the policy files).
  public var city: String?

  static let keys = [
    "unit", "start", "months", "opening", "deposits", "withdrawals", "newLending", "recoveries",
    "writeOffs", "thresholds", "city", "lending", "stress",
  ]

  /// - Throws: `ScenarioError` naming the line, the key and the rule broken.
  public init(yaml: String) throws(ScenarioError) {
    let root = try _YAML.compose(yaml, "the scenario file")
    let top = try _YAML.mapping(root, "the file", allowed: Self.keys + ["scenarios"])
    city = try top["city"].map { (n) throws(ScenarioError) in try _YAML.scalar(n, "city") }
    scenarios = try _YAML.scenarios(
      top["scenarios"], root,
      read: { (node, path) throws(ScenarioError) in
        let own = try _YAML.mapping(
          node, path, allowed: Self.keys.filter { $0 != "city" } + ["name"])
        var merged = top
        merged["scenarios"] = nil
        for (k, v) in own { merged[k] = v }
        return try Self.scenario(merged, node, path, own: Set(own.keys))
      }, name: \.name)
  }

  /// Reads a scenario from the merged keys; `own` says which came from the scenario (for paths).
  static func scenario(_ m: [String: Node], _ node: Node, _ path: String, own: Set<String>)
    throws(ScenarioError)
    -> LiquidityScenario
  {
    func at(_ key: String) -> String { own.contains(key) ? "\(path).\(key)" : key }
    func need(_ key: String) throws(ScenarioError) -> Node {
      guard let n = m[key] else {
        throw _YAML.error(node, "\(path) needs \(key) (in the scenario or at the top)")
      }
      return n
    }
    let name = try _YAML.name(m["name"], node, path)
    let months = try _YAML.integer(try need("months"), at("months"), in: 1...1200)
    let o = try _YAML.mapping(
      try need("opening"), at("opening"),
      allowed: ["deposits", "loans", "projectLoans", "bonds", "reserves"])
    func amount(_ n: Node?, _ p: String, default d: Double? = nil) throws(ScenarioError) -> Double {
      guard let n else {
        if let d { return d }
        throw _YAML.error(node, "\(p) is required")
      }
      let text = try _YAML.scalar(n, p)
      guard let v = Double(text), v.isFinite, v >= 0 else {
        throw _YAML.error(n, "\(p) must be an amount ≥ 0 in the file's unit (got \(text))")
      }
      return v
    }
    let opening = LiquidityOpening(
      deposits: try amount(o["deposits"], "\(at("opening")).deposits"),
      loans: try amount(o["loans"], "\(at("opening")).loans"),
      projectLoans: try amount(o["projectLoans"], "\(at("opening")).projectLoans", default: 0),
      bonds: try amount(o["bonds"], "\(at("opening")).bonds", default: 0),
      reserves: try amount(o["reserves"], "\(at("opening")).reserves", default: 0))
    guard opening.deposits > 0 else {
      throw _YAML.error(
        o["deposits"]!, "\(at("opening")).deposits must be > 0: the loan ratio divides by it")
    }
    func monthly(_ n: Node, _ p: String, multiplier: Bool = false) throws(ScenarioError)
      -> MonthlyValue
    {
      func one(_ x: Node, _ q: String) throws(ScenarioError) -> Double {
        multiplier ? try _YAML.multiplier(x, q) : try amount(x, q)
      }
      if !multiplier, case .mapping = n {
        // {annual: X}: X a year, X / 12 a month (an annual report's figure).
        let a = try _YAML.mapping(n, p, allowed: ["annual"])
        guard let annual = a["annual"] else { throw _YAML.error(n, "\(p) needs annual") }
        return .constant(try amount(annual, "\(p).annual") / 12)
      }
      if case .sequence(let items) = n {
        guard !items.isEmpty else { throw _YAML.error(n, "\(p) must list at least one value") }
        var values: [Double] = []
        for (i, item) in items.enumerated() { values.append(try one(item, "\(p)[\(i)]")) }
        return .monthly(values)
      }
      return .constant(try one(n, p))
    }
    var withdrawals: [WithdrawalKind: MonthlyValue] = [:]
    let w = try _YAML.mapping(
      try need("withdrawals"), at("withdrawals"), allowed: WithdrawalKind.allCases.map(\.rawValue))
    for (key, value) in w {
      withdrawals[WithdrawalKind(rawValue: key)!] = try monthly(
        value, "\(at("withdrawals")).\(key)")
    }
    if withdrawals[.total] != nil && withdrawals.count > 1 {
      throw _YAML.error(
        try need("withdrawals"), "\(at("withdrawals")) gives total and kinds: give one or the other"
      )
    }
    func flowRate(_ n: Node, _ p: String) throws(ScenarioError) -> LiquidityRecoveries {
      let r = try _YAML.mapping(n, p, allowed: ["rate", "annual", "amounts", "solve"])
      guard r.count == 1, let (key, value) = r.first else {
        throw _YAML.error(n, "\(p) needs exactly one of rate (monthly), annual, amounts or solve")
      }
      switch key {
      case "rate": return .rate(try _YAML.fraction(value, "\(p).rate"))
      case "annual":
        let annual = try _YAML.fraction(value, "\(p).annual")
        return .rate(ConditionalRate.monthly(annual: annual))
      case "amounts": return .amounts(try monthly(value, "\(p).amounts"))
      default:
        let s = try _YAML.mapping(
          value, "\(p).solve", allowed: ["from", "to", "lending", "months"])
        guard let monthsNode = s["months"] else {
          throw _YAML.error(value, "\(p).solve needs months")
        }
        let sMonths = try _YAML.integer(monthsNode, "\(p).solve.months", in: 1...1200)
        do {
          return .rate(
            try LiquidityCalibration.recoveryRate(
              opening: try amount(s["from"], "\(p).solve.from"),
              closing: try amount(s["to"], "\(p).solve.to"),
              lending: try amount(s["lending"], "\(p).solve.lending") / Double(sMonths),
              months: sMonths))
        } catch let e as ScenarioError {
          throw e
        } catch {
          throw _YAML.error(value, "\(p).solve: \(error)")
        }
      }
    }
    var scenario = LiquidityScenario(
      name: name, months: months,
      unit: try m["unit"].map { (n) throws(ScenarioError) in try _YAML.scalar(n, "unit") } ?? "",
      opening: opening, deposits: try monthly(try need("deposits"), at("deposits")),
      withdrawals: withdrawals, newLending: try monthly(try need("newLending"), at("newLending")),
      recoveries: try flowRate(try need("recoveries"), at("recoveries")),
      writeOffs: try m["writeOffs"].map { (n) throws(ScenarioError) in
        try flowRate(n, at("writeOffs"))
      })
    if let s = m["start"] { scenario.start = try _YAML.month(s, at("start")) }
    if let t = m["thresholds"] {
      guard case .sequence(let items) = t else {
        throw _YAML.error(t, "\(at("thresholds")) must be a list of percents")
      }
      scenario.thresholds = []
      for (i, item) in items.enumerated() {
        let text = try _YAML.scalar(item, "\(at("thresholds"))[\(i)]")
        guard let v = Double(text.hasSuffix("%") ? String(text.dropLast()) : text), v > 0, v <= 1000
        else {
          throw _YAML.error(
            item,
            "\(at("thresholds"))[\(i)] must be a loan ratio in percent such as 85 (got \(text))")
        }
        scenario.thresholds.append(v / 100)
      }
    }
    if let s = m["stress"] {
      let p = at("stress")
      let st = try _YAML.mapping(
        s, p,
        allowed: ["deposits", "withdrawals", "lending"]
          + WithdrawalKind.allCases.map(\.rawValue).filter { $0 != "total" })
      var stress = LiquidityStress()
      for (key, value) in st {
        let v = try monthly(value, "\(p).\(key)", multiplier: true)
        switch key {
        case "deposits": stress.deposits = v
        case "withdrawals": stress.withdrawals = v
        case "lending": stress.lending = v
        default: stress.withdrawalKinds[WithdrawalKind(rawValue: key)!] = v
        }
      }
      scenario.stress = stress
    }
    if let g = m["lending"] {
      let p = at("lending")
      if case .scalar = g {
        guard try _YAML.scalar(g, p) == "none" else {
          throw _YAML.error(g, "\(p) must be none or a mapping of bands")
        }
      } else {
        let l = try _YAML.mapping(
          g, p,
          allowed: ["bands", "source", "conversionShare", "restrictedKept", "followQuotaMultiple"])
        var gate = LendingGate()
        if let b = l["bands"] { gate.bands = try Self.bands(b, "\(p).bands") }
        if let x = l["source"] { gate.source = try _YAML.scalar(x, "\(p).source") }
        if let x = l["conversionShare"] {
          gate.conversionShare = try _YAML.fraction(x, "\(p).conversionShare")
        }
        if let x = l["restrictedKept"] {
          gate.restrictedConversionKept = try _YAML.fraction(x, "\(p).restrictedKept")
        }
        if let x = l["followQuotaMultiple"] {
          gate.followQuotaMultiple = try _YAML.bool(x, "\(p).followQuotaMultiple")
        }
        scenario.lending = gate
      }
    }
    return scenario
  }

  /// `[{from: 85, to: 90, multiplier: 0.8}, …]`: percents with at most two decimals, in order,
  /// without overlap; only the last may omit `to`.
  static func bands(_ node: Node, _ path: String) throws(ScenarioError) -> [Band<Double>] {
    guard case .sequence(let items) = node, !items.isEmpty else {
      throw _YAML.error(node, "\(path) must list at least one band {from, to, multiplier}")
    }
    var bands: [Band<Double>] = []
    for (i, item) in items.enumerated() {
      let p = "\(path)[\(i)]"
      let b = try _YAML.mapping(item, p, allowed: ["from", "to", "multiplier"])
      func bp(_ n: Node, _ q: String) throws(ScenarioError) -> Int64 {
        let text = try _YAML.scalar(n, q)
        guard let v = Decimal(string: text), v >= 0, v <= 1000, (v * 100).isInteger else {
          throw _YAML.error(
            n, "\(q) must be a loan ratio in percent with at most two decimals (got \(text))")
        }
        return NSDecimalNumber(decimal: v * 100).int64Value
      }
      guard let fromNode = b["from"], let mNode = b["multiplier"] else {
        throw _YAML.error(item, "\(p) needs from and multiplier")
      }
      let from = try bp(fromNode, "\(p).from")
      let to = try b["to"].map { (n) throws(ScenarioError) in try bp(n, "\(p).to") }
      if let to, to <= from { throw _YAML.error(item, "\(p).to must be above from") }
      if let last = bands.last {
        guard let end = last.to?.basisPoints else {
          throw _YAML.error(item, "\(p): the band before has no 'to', so no band may follow it")
        }
        guard from >= end else {
          throw _YAML.error(item, "\(p) starts inside the band before (\(last.rangeText()))")
        }
      }
      bands.append(
        Band(
          from: Percent(basisPoints: from), to: to.map(Percent.init(basisPoints:)),
          payload: try _YAML.multiplier(mNode, "\(p).multiplier")))
    }
    return bands
  }
}

extension Decimal {
  fileprivate var isInteger: Bool {
    var copy = self
    var rounded = Decimal()
    NSDecimalRound(&rounded, &copy, 0, .plain)
    return rounded == self
  }
}
