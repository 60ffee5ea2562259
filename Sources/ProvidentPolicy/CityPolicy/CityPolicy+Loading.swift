// Reading and validating a policy file against the schema of datasets/policies/README.md.
import ProvidentCore

extension CityPolicy {
  /// The keys of a policy file's top level.
  static let topKeys = ["schema", "city", "name"] + PolicySection.allCases.map(\.rawValue)

  /// Reads a policy file: `file` is its path relative to `datasets/` (`policies/shenzhen.yaml`),
  /// `knownSources` the tags of `policies/sources.yaml`.
  ///
  /// - Throws: `PolicyFileError` naming the file, line, key and rule of the first problem: an
  ///   unknown key (a typo), a value without a source or an `unverified:` note, a source tag not in
  ///   the registry, a value out of range, rule sets out of date order or overlapping.
  public init(yaml: String, file: String, knownSources: Set<String>) throws(PolicyFileError) {
    do {
      self = try Self.read(yaml: yaml, file: file, knownSources: knownSources)
    } catch let error as PolicyFileError {
      throw error
    } catch {
      throw PolicyFileError(file: file, line: 0, key: "", rule: "\(error)")
    }
  }

  static func read(yaml: String, file: String, knownSources: Set<String>) throws -> CityPolicy {
    let root = try _YNode.root(text: yaml, file: file, knownSources: knownSources)
    let top = try root.mapping(topKeys)
    let schema = try top.required("schema")
    guard try schema.string() == "1" else {
      throw schema.fail("must be 1 (the schema this program reads)")
    }
    let id = String(file.split(separator: "/").last ?? "").replacingSuffix(".yaml")
    let city = try top.required("city")
    guard try city.string() == id else {
      throw city.fail("must be '\(id)', the file's name (got '\(try city.string())')")
    }
    let names = try top.required("name").mapping(["en", "zh"])
    var policy = CityPolicy(
      id: id, nameEnglish: try names.required("en").string(),
      nameChinese: try names.required("zh").string(), file: file)
    if let n = top["quota"] { policy.quota = try ruleSets(n, read: quotaRules) }
    if let n = top["term"] { policy.term = try ruleSets(n, read: termRules) }
    if let n = top["conversion"] { policy.conversion = try ruleSets(n, read: conversionRules) }
    if let n = top["deposit"] { policy.deposit = try ruleSets(n, read: depositRules) }
    if let n = top["rentWithdrawal"] {
      policy.rentWithdrawal = try ruleSets(n, read: rentWithdrawalRules)
    }
    return policy
  }

  // MARK: - Rule sets

  /// A section's list of rule sets: each has `effective:` and the section's keys; in date order,
  /// without overlap; only the first may omit `from`, only the last may omit `to`.
  static func ruleSets<R>(
    _ node: _YNode, read: (_YMap) throws -> R
  ) throws -> [RuleSet<R>] {
    var sets: [RuleSet<R>] = []
    let items = try node.sequence()
    if items.isEmpty { throw node.fail("must list at least one rule set") }
    for item in items {
      guard item.node.mapping != nil else {
        throw item.fail("must be a rule set: a mapping with 'effective:' and the section's rules")
      }
      // The section's reader checks its own keys; `effective` is common to all.
      let map = try item.mapping(_YNode.anyKey)
      let effective = try Self.effective(try map.required("effective"))
      sets.append(RuleSet(effective: effective, rules: try read(map)))
    }
    for i in sets.indices.dropFirst() {
      let previous = sets[i - 1].effective
      let current = sets[i].effective
      let here = _YNode.at(current.location)
      guard let from = current.from else {
        throw here.fail("'from' is required in every rule set but the first")
      }
      if let start = previous.from, from <= start {
        throw here.fail(
          "rule sets must be in date order: this one starts \(from), not after \(previous.location.key) (\(previous.text))"
        )
      }
      guard let end = previous.to, end < from else {
        throw here.fail(
          "\(current.text) overlaps \(previous.location.key) (\(previous.text)): a rule set must end before the next starts"
        )
      }
    }
    return sets
  }

  static func effective(_ node: _YNode) throws -> Effective {
    let map = try node.mapping(["from", "to"] + _YNode.citationKeys)
    let from = try map["from"]?.date()
    let to = try map["to"]?.date()
    if let from, let to, to < from {
      throw node.fail("'to' \(to) is before 'from' \(from)")
    }
    return Effective(
      from: from, to: to, citation: try node.citation(map), location: node.location)
  }

  // MARK: - Sections

  static func quotaRules(_ map: _YMap) throws -> QuotaRules {
    try map.owner.checkKeys(
      map,
      [
        "caps", "uplifts", "ceiling", "downPayment", "balanceMultiple",
        "balanceMultipleByLoanRatio", "perDepositYear", "incomeShare", "rounding",
      ])
    var r = QuotaRules()
    if let caps = map["caps"] {
      r.caps = try caps.sequence().map { row in
        let m = try row.mapping(["when", "single", "family"])
        let amounts = try householdAmounts(m)
        guard amounts.single != nil || amounts.family != nil else {
          throw row.fail("a cap row needs 'single:' or 'family:' (or both)")
        }
        return CapRow(when: try condition(m["when"]), amounts: amounts)
      }
    }
    if let uplifts = map["uplifts"] {
      let m = try uplifts.mapping(HomeFact.allCases.map(\.rawValue))
      for (key, node) in m.entries {
        r.uplifts[HomeFact(rawValue: key)!] = try node.sourced { try $0.percent(0...300) }
      }
    }
    if let ceiling = map["ceiling"] {
      r.ceiling = try householdAmounts(try ceiling.mapping(["single", "family"]))
    }
    if let dp = map["downPayment"] {
      r.downPayment = try dp.sequence().map { row in
        let m = try row.mapping(["when", "percent"])
        return DownPaymentRow(
          when: try condition(m["when"]),
          percent: try m.required("percent").sourced { try $0.percent(0...100) })
      }
    }
    r.balanceMultiple = try map["balanceMultiple"]?.sourced { Int64(try $0.integer(1...100)) }
    if let bands = map["balanceMultipleByLoanRatio"] {
      if r.balanceMultiple != nil {
        throw bands.fail("give balanceMultiple or balanceMultipleByLoanRatio, not both")
      }
      r.balanceMultipleByLoanRatio = try bands.sourced { node in
        try percentBands(node, payload: "multiple") { Int64(try $0.integer(1...100)) }
      }
    }
    r.perDepositYear = try map["perDepositYear"]?.sourced { try $0.amount(positive: true) }
    r.incomeShare = try map["incomeShare"]?.sourced { try $0.percent(1...100) }
    r.rounding = try map["rounding"]?.sourced { try $0.amount(positive: true) }
    return r
  }

  static func termRules(_ map: _YMap) throws -> TermRules {
    try map.owner.checkKeys(map, ["maxYears", "retirementAllowanceYears", "buildingAge"])
    var r = TermRules()
    r.maxYears = try map["maxYears"]?.sourced { try $0.integer(1...50) }
    r.retirementAllowanceYears = try map["retirementAllowanceYears"]?.sourced {
      try $0.integer(0...20)
    }
    r.buildingAge = try map["buildingAge"]?.sourced { node in
      try bands(node, bound: { Percent(Int64(try $0.integer(0...200))) }) { band in
        let m = try band.mapping(["from", "to", "years", "totalLessAge"])
        switch (m["years"], m["totalLessAge"]) {
        case (let years?, nil): return .years(try years.integer(1...50))
        case (nil, let total?): return .totalLessAge(try total.integer(1...100))
        default:
          throw band.fail("a building-age band needs exactly one of 'years:' and 'totalLessAge:'")
        }
      }
    }
    return r
  }

  static func conversionRules(_ map: _YMap) throws -> ConversionRules {
    try map.owner.checkKeys(
      map,
      [
        "offered", "minMonthsRepaid", "noOverdue", "overdueLookbackMonths", "propertyCertificate",
        "noPriorProvidentLoan", "onlyHomeInCity", "housingMortgageOnly",
        "deductNextPrincipalMonths", "loanToValue", "incomeShare", "maxYears", "loanRatioGate",
      ])
    var r = ConversionRules()
    r.offered = try map["offered"]?.sourced { try $0.bool() }
    r.minMonthsRepaid = try map["minMonthsRepaid"]?.sourced { try $0.integer(0...600) }
    r.noOverdue = try map["noOverdue"]?.sourced { try $0.bool() }
    r.overdueLookbackMonths = try map["overdueLookbackMonths"]?.sourced { try $0.integer(1...600) }
    r.propertyCertificate = try map["propertyCertificate"]?.sourced { try $0.bool() }
    r.noPriorProvidentLoan = try map["noPriorProvidentLoan"]?.sourced { try $0.bool() }
    r.onlyHomeInCity = try map["onlyHomeInCity"]?.sourced { try $0.bool() }
    r.housingMortgageOnly = try map["housingMortgageOnly"]?.sourced { try $0.bool() }
    r.deductNextPrincipalMonths = try map["deductNextPrincipalMonths"]?.sourced {
      try $0.integer(0...60)
    }
    r.loanToValue = try map["loanToValue"]?.sourced { try $0.percent(1...100) }
    r.incomeShare = try map["incomeShare"]?.sourced { try $0.percent(1...100) }
    r.maxYears = try map["maxYears"]?.sourced { try $0.integer(1...50) }
    r.loanRatioGate = try map["loanRatioGate"]?.sourced { node in
      try percentBands(node, payload: "status") { try $0.word(GateStatus.self) }
    }
    return r
  }

  static func depositRules(_ map: _YMap) throws -> DepositRules {
    try map.owner.checkKeys(
      map,
      [
        "minRatio", "maxRatio", "baseCapAverageWageMultiple", "baseFloorAverageWageShare",
        "baseCap", "baseFloor", "rounding",
      ])
    var r = DepositRules()
    r.minRatio = try map["minRatio"]?.sourced { try $0.percent(0...100) }
    r.maxRatio = try map["maxRatio"]?.sourced { try $0.percent(0...100) }
    if let lo = r.minRatio, let hi = r.maxRatio, lo.value > hi.value {
      throw map["maxRatio"]!.fail("maxRatio \(hi.value) is below minRatio \(lo.value)")
    }
    r.baseCapAverageWageMultiple = try map["baseCapAverageWageMultiple"]?.sourced {
      Int64(try $0.integer(1...10))
    }
    r.baseFloorAverageWageShare = try map["baseFloorAverageWageShare"]?.sourced {
      try $0.percent(1...100)
    }
    r.baseCap = try map["baseCap"]?.sourced { try $0.amount(positive: true) }
    r.baseFloor = try map["baseFloor"]?.sourced { try $0.amount(positive: true) }
    r.rounding = try map["rounding"]?.sourced { try $0.word(ContributionRounding.self) }
    return r
  }

  static func rentWithdrawalRules(_ map: _YMap) throws -> RentWithdrawalRules {
    try map.owner.checkKeys(
      map, ["share", "minDepositMonths", "noHomeInCity", "multiChildActualRent"])
    var r = RentWithdrawalRules()
    r.share = try map["share"]?.sourced { try $0.percent(0...100) }
    r.minDepositMonths = try map["minDepositMonths"]?.sourced { try $0.integer(0...120) }
    r.noHomeInCity = try map["noHomeInCity"]?.sourced { try $0.bool() }
    r.multiChildActualRent = try map["multiChildActualRent"]?.sourced { try $0.bool() }
    return r
  }

  // MARK: - Pieces

  static func householdAmounts(_ m: _YMap) throws -> HouseholdAmounts {
    HouseholdAmounts(
      single: try m["single"]?.sourced { try $0.amount(positive: true) },
      family: try m["family"]?.sourced { try $0.amount(positive: true) })
  }

  static func condition(_ node: _YNode?) throws -> Condition {
    guard let node else { return Condition() }
    let m = try node.mapping(HomeFact.allCases.map(\.rawValue))
    var required: [HomeFact: Bool] = [:]
    for (key, value) in m.entries { required[HomeFact(rawValue: key)!] = try value.bool() }
    return Condition(required)
  }

  /// Bands keyed by a percentage (the fund's loan ratio): `[{from: 75, to: 80, <payload>: …}]`.
  static func percentBands<P>(
    _ node: _YNode, payload: String, read: (_YNode) throws -> P
  ) throws -> [Band<P>] {
    try bands(
      node, bound: { try $0.percent(0...1000) },
      payload: { band in
        let m = try band.mapping(["from", "to", payload])
        return try read(try m.required(payload))
      })
  }

  /// A list of bands `from` ≤ x < `to` in increasing order without overlap (gaps are allowed:
  /// the rules say nothing there); only the last may omit `to`.
  static func bands<P>(
    _ node: _YNode, bound: (_YNode) throws -> Percent, payload: (_YNode) throws -> P
  ) throws -> [Band<P>] {
    var result: [Band<P>] = []
    let items = try node.sequence()
    if items.isEmpty { throw node.fail("must list at least one band") }
    for item in items {
      let value = try payload(item)
      let m = try item.mapping(["from", "to", "years", "totalLessAge", "multiple", "status"])
      let from = try bound(try m.required("from"))
      let to = try m["to"].map(bound)
      if let to, to <= from { throw item.fail("'to' \(to.text) must be above 'from' \(from.text)") }
      if let last = result.last {
        guard let end = last.to else {
          throw item.fail("the band before this one has no 'to', so no band may follow it")
        }
        guard from >= end else {
          throw item.fail("starts at \(from.text), inside the band before (\(last.rangeText()))")
        }
      }
      result.append(Band(from: from, to: to, payload: value))
    }
    return result
  }
}

extension _YNode {
  /// A node standing for a location already read (for errors found after reading).
  static func at(_ location: PolicyLocation) -> _YNode {
    _YNode(
      node: .scalar(.init("")), file: location.file, path: location.key, knownSources: [],
      explicitLine: location.line)
  }

  /// Fails on a key of `map` that is not in `allowed` (with `effective`), naming the closest.
  func checkKeys(_ map: _YMap, _ allowed: [String]) throws {
    for (key, child) in map.entries where key != "effective" && !allowed.contains(key) {
      let hint = Self.closest(to: key, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
      throw child.fail("unknown key\(hint); allowed: effective, \(allowed.joined(separator: ", "))")
    }
  }
}

extension String {
  func replacingSuffix(_ suffix: String) -> String {
    hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
  }
}
