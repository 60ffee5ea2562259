// A rule set's values as flat entries (key, value text, citation), for `gjj policy show`.
import ProvidentCore

/// One value of a rule set as text, with its citation and line.
public struct PolicyEntry: Sendable {
  /// The key, with the row's condition where the table has one: `caps[multi-child family].single`.
  public let key: String
  /// The value as the file means it: `1100000.00`, `40%`, `16`, `0–75%: 20; 75–80%: 16`.
  public let value: String
  public let citation: Citation
  public let line: Int

  init<T>(_ key: String, _ sourced: Sourced<T>, _ text: (T) -> String) {
    self.key = key
    self.value = text(sourced.value)
    self.citation = sourced.citation
    self.line = sourced.location.line
  }

  /// The top-level key of the section (`caps`, `uplifts`, `incomeShare`).
  public var sectionKey: String {
    String(key.prefix { $0 != "." && $0 != "[" })
  }
}

extension Sourced {
  func entry(_ key: String, _ text: (Value) -> String) -> PolicyEntry {
    PolicyEntry(key, self, text)
  }
}

private func amount(_ m: Money) -> String { m.description }
private func percent(_ p: Percent) -> String { p.description }
private func bands<P>(_ bands: [Band<P>], unit: String = "%", _ text: (P) -> String) -> String {
  bands.map { "\($0.rangeText(unit)): \(text($0.payload))" }.joined(separator: "; ")
}

extension QuotaRules {
  public var entries: [PolicyEntry] {
    var e: [PolicyEntry] = []
    for row in caps {
      let key = "caps[\(row.when.text)]"
      if let s = row.amounts.single { e.append(s.entry(key + ".single", amount)) }
      if let f = row.amounts.family { e.append(f.entry(key + ".family", amount)) }
    }
    for fact in HomeFact.allCases {
      if let u = uplifts[fact] { e.append(u.entry("uplifts.\(fact.rawValue)", percent)) }
    }
    if let s = ceiling?.single { e.append(s.entry("ceiling.single", amount)) }
    if let f = ceiling?.family { e.append(f.entry("ceiling.family", amount)) }
    for row in downPayment { e.append(row.percent.entry("downPayment[\(row.when.text)]", percent)) }
    if let m = balanceMultiple { e.append(m.entry("balanceMultiple") { "\($0)" }) }
    if let b = balanceMultipleByLoanRatio {
      e.append(b.entry("balanceMultipleByLoanRatio") { bands($0) { "\($0)" } })
    }
    if let p = perDepositYear { e.append(p.entry("perDepositYear", amount)) }
    if let s = incomeShare { e.append(s.entry("incomeShare", percent)) }
    if let r = rounding { e.append(r.entry("rounding", amount)) }
    return e
  }
}

extension TermRules {
  public var entries: [PolicyEntry] {
    var e: [PolicyEntry] = []
    if let m = maxYears { e.append(m.entry("maxYears") { "\($0)" }) }
    if let a = retirementAllowanceYears {
      e.append(a.entry("retirementAllowanceYears") { "\($0)" })
    }
    if let b = buildingAge {
      e.append(
        b.entry("buildingAge") {
          bands($0, unit: " years") {
            switch $0 {
            case .years(let y): "\(y) years"
            case .totalLessAge(let t): "\(t) − age years"
            }
          }
        })
    }
    return e
  }
}

extension ConversionRules {
  public var entries: [PolicyEntry] {
    var e: [PolicyEntry] = []
    func flag(_ key: String, _ v: Sourced<Bool>?) {
      if let v { e.append(v.entry(key) { "\($0)" }) }
    }
    func count(_ key: String, _ v: Sourced<Int>?) {
      if let v { e.append(v.entry(key) { "\($0)" }) }
    }
    flag("offered", offered)
    count("minMonthsRepaid", minMonthsRepaid)
    flag("noOverdue", noOverdue)
    count("overdueLookbackMonths", overdueLookbackMonths)
    flag("propertyCertificate", propertyCertificate)
    flag("noPriorProvidentLoan", noPriorProvidentLoan)
    flag("onlyHomeInCity", onlyHomeInCity)
    flag("housingMortgageOnly", housingMortgageOnly)
    count("deductNextPrincipalMonths", deductNextPrincipalMonths)
    if let l = loanToValue { e.append(l.entry("loanToValue", percent)) }
    if let s = incomeShare { e.append(s.entry("incomeShare", percent)) }
    count("maxYears", maxYears)
    if let g = loanRatioGate { e.append(g.entry("loanRatioGate") { bands($0) { $0.rawValue } }) }
    return e
  }
}

extension DepositRules {
  public var entries: [PolicyEntry] {
    var e: [PolicyEntry] = []
    if let v = minRatio { e.append(v.entry("minRatio", percent)) }
    if let v = maxRatio { e.append(v.entry("maxRatio", percent)) }
    if let v = baseCapAverageWageMultiple {
      e.append(v.entry("baseCapAverageWageMultiple") { "\($0)" })
    }
    if let v = baseFloorAverageWageShare { e.append(v.entry("baseFloorAverageWageShare", percent)) }
    if let v = baseCap { e.append(v.entry("baseCap", amount)) }
    if let v = baseFloor { e.append(v.entry("baseFloor", amount)) }
    if let v = rounding { e.append(v.entry("rounding") { $0.rawValue }) }
    return e
  }
}

extension RentWithdrawalRules {
  public var entries: [PolicyEntry] {
    var e: [PolicyEntry] = []
    if let v = share { e.append(v.entry("share", percent)) }
    if let v = minDepositMonths { e.append(v.entry("minDepositMonths") { "\($0)" }) }
    if let v = noHomeInCity { e.append(v.entry("noHomeInCity") { "\($0)" }) }
    if let v = multiChildActualRent { e.append(v.entry("multiChildActualRent") { "\($0)" }) }
    return e
  }
}

/// One rule set of a section, described for display.
public struct RuleSetEntries: Sendable {
  public let section: PolicySection
  public let effective: Effective
  /// `policies/shenzhen.yaml` or `policies/national.yaml`.
  public let file: String
  public let entries: [PolicyEntry]
}

extension CityPolicy {
  /// Every rule set of every section, in file order.
  public var allRuleSets: [RuleSetEntries] {
    PolicySection.allCases.flatMap { section in
      ruleSets(section).map {
        RuleSetEntries(section: section, effective: $0.0, file: file, entries: $0.1)
      }
    }
  }

  func ruleSets(_ section: PolicySection) -> [(Effective, [PolicyEntry])] {
    switch section {
    case .quota: quota.map { ($0.effective, $0.rules.entries) }
    case .term: term.map { ($0.effective, $0.rules.entries) }
    case .conversion: conversion.map { ($0.effective, $0.rules.entries) }
    case .deposit: deposit.map { ($0.effective, $0.rules.entries) }
    case .rentWithdrawal: rentWithdrawal.map { ($0.effective, $0.rules.entries) }
    }
  }
}

extension RulesInForce {
  /// For each section, the city's set in force, then the national set's values for the keys the
  /// city leaves out (what the calculations use on `date`). Sections with nothing in force are
  /// left out.
  public var ruleSetsInForce: [RuleSetEntries] {
    PolicySection.allCases.flatMap { section -> [RuleSetEntries] in
      let own = city.id == national.id ? nil : city.ruleSets(section).first { $0.0.contains(date) }
      let fallback = national.ruleSets(section).first { $0.0.contains(date) }
      var result: [RuleSetEntries] = []
      var covered: Set<String> = []
      if let own {
        result.append(
          RuleSetEntries(section: section, effective: own.0, file: city.file, entries: own.1))
        covered = Set(own.1.map(\.sectionKey))
      }
      if let fallback, own != nil || !section.needsCitySet || city.id == national.id {
        let rest = fallback.1.filter { !covered.contains($0.sectionKey) }
        if !rest.isEmpty {
          result.append(
            RuleSetEntries(
              section: section, effective: fallback.0, file: national.file, entries: rest))
        }
      }
      return result
    }
  }
}
