// A link file in YAML: how each segment's default, prepayment and loss rates follow the factors,
// and how the book is projected (format: docs/file-formats.md).
import ProvidentCore
import ProvidentPortfolio
internal import Yams

/// Which segments a rule of a link file applies to: nil fields match any.
public struct SegmentMatch: Hashable, Sendable {
  public var product: LoanProduct?
  public var home: HomeOrder?
  public var region: String?

  func matches(_ s: Segment) -> Bool {
    (product == nil || product == s.product) && (home == nil || home == s.home)
      && (region == nil || region == s.region)
  }
}

/// Links per segment, read from YAML.
///
/// ```yaml
/// segmentBy: [product, home]        # product, home and/or region; default: the whole book
/// rates: tables                     # as in scenario files: tables, frozen, or rows to add
/// horizon: 360                      # months; default: until the last loan is repaid
/// defaultAfterOverdue: 3            # or never
/// default:                          # every segment
///   pd: {link: logit, base: 0.3%, betas: {hpi: -0.05, unemployment: 0.30, income: -0.05}}
///   cpr: {base: 6%, betas: {lpr: -0.004}}
///   severity: {base: 20%, collateral: hpi, floor: 10%}     # or a fraction: 20%
///   recoveryLag: 12
/// segments:                         # later rules win; each replaces only the keys it gives
///                                   # (a pd naming its link replaces the default's pd whole)
///   - product: commercial
///     pd: {base: 0.5%}
///   - home: second
///     pd: {link: probit, base: 0.6%, rho: 0.15, weights: {hpi: 0.6, unemployment: -0.3}}
/// ```
public struct LinkFile: Sendable {
  public var segmentation: Segmentation
  public var rates: RateScenario
  public var horizonMonths: Int?
  public var defaultAfterOverdue: Int?
  /// Links for a segment no rule matches.
  public var defaults: SegmentLinks
  /// Rules in file order with the links they resolve to (the default overlaid with the rule).
  public var rules: [(match: SegmentMatch, links: SegmentLinks)]

  /// The links of `segment`: the last rule that matches it, or the default.
  public func links(for segment: Segment) -> SegmentLinks {
    rules.last { $0.match.matches(segment) }?.links ?? defaults
  }

  /// - Parameter factors: the factors the betas and weights name.
  /// - Throws: `ScenarioError` naming the line and key: an unknown key or factor (a typo), a rate
  ///   outside (0, 1), a probit link without weights, a match on a field the book is not
  ///   segmented by.
  public init(yaml: String, factors: MacroFactors) throws(ScenarioError) {
    let root = try _YAML.compose(yaml, "the link file")
    let top = try _YAML.mapping(
      root, "the file",
      allowed: ["segmentBy", "rates", "horizon", "defaultAfterOverdue", "default", "segments"])
    segmentation = []
    if let node = top["segmentBy"] {
      let words: [(String, Node)]
      switch node {
      case .sequence(let items):
        var list: [(String, Node)] = []
        for (i, item) in items.enumerated() {
          list.append((try _YAML.scalar(item, "segmentBy[\(i)]"), item))
        }
        words = list
      default: words = [(try _YAML.scalar(node, "segmentBy"), node)]
      }
      for (word, n) in words {
        switch word {
        case "product": segmentation.insert(.product)
        case "home": segmentation.insert(.home)
        case "region": segmentation.insert(.region)
        default: throw _YAML.error(n, "segmentBy takes product, home and region (got '\(word)')")
        }
      }
    }
    rates =
      try top["rates"].map { (n) throws(ScenarioError) in try _YAML.rates(n, "rates") }
      ?? .tables([])
    horizonMonths = try top["horizon"].map { (n) throws(ScenarioError) in
      try _YAML.integer(n, "horizon", in: 1...1200)
    }
    defaultAfterOverdue = 3
    if let n = top["defaultAfterOverdue"] {
      defaultAfterOverdue =
        try _YAML.scalar(n, "defaultAfterOverdue") == "never"
        ? nil : try _YAML.integer(n, "defaultAfterOverdue", in: 1...600)
    }
    guard let base = top["default"] else {
      throw _YAML.error(root, "the file needs a 'default' mapping with pd and cpr")
    }
    let reader = _LinkReader(factors: factors)
    let baseFields = try reader.fields(base, "default")
    defaults = try reader.links(baseFields, at: base)
    rules = []
    if let node = top["segments"] {
      guard case .sequence(let items) = node else {
        throw _YAML.error(node, "segments must be a list")
      }
      for (i, item) in items.enumerated() {
        let path = "segments[\(i)]"
        let m = try _YAML.mapping(
          item, path, allowed: ["product", "home", "region"] + _LinkReader.keys)
        var match = SegmentMatch()
        for (key, field) in [
          ("product", Segmentation.product), ("home", .home), ("region", .region),
        ] {
          guard let v = m[key] else { continue }
          guard segmentation.contains(field) else {
            throw _YAML.error(
              v, "\(path).\(key): the book is not segmented by \(key); add it to segmentBy")
          }
          let text = try _YAML.scalar(v, "\(path).\(key)")
          switch key {
          case "product":
            guard let p = LoanProduct.allCases.first(where: { $0.name == text }) else {
              throw _YAML.error(
                v, "\(path).product must be provident or commercial (got '\(text)')")
            }
            match.product = p
          case "home":
            guard let h = HomeOrder(rawValue: text) else {
              throw _YAML.error(v, "\(path).home must be first or second (got '\(text)')")
            }
            match.home = h
          default: match.region = text
          }
        }
        var fields = baseFields
        for (key, value) in try reader.fields(item, path, skipping: ["product", "home", "region"]) {
          if key == "pd" || key == "cpr" || key == "severity",
            case .mapping(let inner) = value.node, let old = fields[key],
            case .mapping(let oldInner) = old.node, inner["link"] == nil
          {
            // Overlay the rule's sub-keys on the default's (a rule naming a link replaces it).
            var merged = oldInner
            for (k, v) in inner { merged[k] = v }
            fields[key] = (.mapping(merged), value.path)
          } else {
            fields[key] = value
          }
        }
        rules.append((match, try reader.links(fields, at: item)))
      }
    }
  }
}

/// Reads the link keys of `default` or a segment rule.
struct _LinkReader {
  static let keys = ["pd", "cpr", "severity", "recoveryLag"]
  let factors: MacroFactors

  typealias Fields = [String: (node: Node, path: String)]

  func fields(_ node: Node, _ path: String, skipping: [String] = []) throws(ScenarioError) -> Fields
  {
    let m = try _YAML.mapping(node, path, allowed: Self.keys + skipping)
    var out: Fields = [:]
    for (k, v) in m where !skipping.contains(k) { out[k] = (v, "\(path).\(k)") }
    return out
  }

  /// A rate strictly between 0 and 1 (a logit needs both sides).
  func rate(_ node: Node?, _ parent: Node, _ path: String) throws(ScenarioError) -> Double {
    guard let node else { throw _YAML.error(parent, "\(path) is missing") }
    let v = try _YAML.fraction(node, path)
    guard v > 0 && v < 1 else {
      throw _YAML.error(
        node, "\(path) must be above 0 and below 1 (got \(try _YAML.scalar(node, path)))")
    }
    return v
  }

  /// Per-factor coefficients from a mapping `{factor: number}`; factors left out are 0.
  func coefficients(_ node: Node?, _ path: String) throws(ScenarioError) -> [Double] {
    var out = [Double](repeating: 0, count: factors.count)
    guard let node else { return out }
    let names = factors.factors.map(\.name)
    guard case .mapping(let m) = node else {
      throw _YAML.error(node, "\(path) must be a mapping of factor names to numbers")
    }
    for (k, v) in m {
      let key = try _YAML.scalar(k, path)
      guard let j = names.firstIndex(of: key) else {
        throw _YAML.error(
          k,
          "\(path) has an unknown factor '\(key)'; the factors are \(names.joined(separator: ", "))"
        )
      }
      out[j] = try _YAML.number(v, v, "\(path).\(key)")
    }
    return out
  }

  func links(_ f: Fields, at parent: Node) throws(ScenarioError) -> SegmentLinks {
    guard let pd = f["pd"] else { throw _YAML.error(parent, "pd is missing") }
    guard let cpr = f["cpr"] else { throw _YAML.error(parent, "cpr is missing") }
    let d = try _YAML.mapping(
      pd.node, pd.path, allowed: ["link", "base", "betas", "rho", "weights"])
    let link =
      try d["link"].map { (n) throws(ScenarioError) in try _YAML.scalar(n, "\(pd.path).link") }
      ?? "logit"
    let base = try rate(d["base"], pd.node, "\(pd.path).base")
    let defaults: DefaultLink
    switch link {
    case "logit":
      for key in ["rho", "weights"] where d[key] != nil {
        throw _YAML.error(
          d[key]!, "\(pd.path).\(key) is for the probit link; the logit link takes betas")
      }
      defaults = .logit(base: base, betas: try coefficients(d["betas"], "\(pd.path).betas"))
    case "probit":
      if let b = d["betas"] {
        throw _YAML.error(
          b, "\(pd.path).betas is for the logit link; the probit link takes weights and rho")
      }
      guard d["weights"] != nil else {
        throw _YAML.error(
          pd.node, "\(pd.path).weights is missing: the probit link needs factor weights")
      }
      var rho = 0.15
      if let r = d["rho"] {
        rho = try _YAML.fraction(r, "\(pd.path).rho")
        guard rho < 1 else { throw _YAML.error(r, "\(pd.path).rho must be below 1") }
      }
      defaults = .probit(
        base: base, correlation: rho, weights: try coefficients(d["weights"], "\(pd.path).weights"))
    default:
      throw _YAML.error(d["link"]!, "\(pd.path).link must be logit or probit (got '\(link)')")
    }
    let c = try _YAML.mapping(cpr.node, cpr.path, allowed: ["link", "base", "betas"])
    if let l = c["link"], try _YAML.scalar(l, "\(cpr.path).link") != "logit" {
      throw _YAML.error(l, "\(cpr.path).link must be logit")
    }
    let prepayment = PrepaymentLink(
      base: try rate(c["base"], cpr.node, "\(cpr.path).base"),
      betas: try coefficients(c["betas"], "\(cpr.path).betas"))
    var severity = SeverityLink(base: 0)
    if let s = f["severity"] {
      if case .scalar = s.node {
        severity.base = try _YAML.fraction(s.node, s.path)
      } else {
        let m = try _YAML.mapping(s.node, s.path, allowed: ["base", "collateral", "floor"])
        guard let b = m["base"] else { throw _YAML.error(s.node, "\(s.path).base is missing") }
        severity.base = try _YAML.fraction(b, "\(s.path).base")
        if let fl = m["floor"] { severity.floor = try _YAML.fraction(fl, "\(s.path).floor") }
        if let col = m["collateral"] {
          let name = try _YAML.scalar(col, "\(s.path).collateral")
          guard let j = factors.factors.firstIndex(where: { $0.name == name }) else {
            throw _YAML.error(
              col,
              "\(s.path).collateral has an unknown factor '\(name)'; the factors are \(factors.factors.map(\.name).joined(separator: ", "))"
            )
          }
          severity.collateral = j
        }
      }
    }
    let lag =
      try f["recoveryLag"].map { (v) throws(ScenarioError) in
        try _YAML.integer(v.node, v.path, in: 0...120)
      } ?? 0
    return SegmentLinks(
      defaults: defaults, prepayment: prepayment, severity: severity, recoveryLagMonths: lag)
  }
}
