// One city's rules as read from datasets/policies/<city>.yaml: dated rule sets per section.
import ProvidentCore

// MARK: - Rule sets and files

/// The dates a rule set is in force, both inclusive; nil: open at that end.
public struct Effective: Sendable {
  public let from: LocalDate?
  public let to: LocalDate?
  public let citation: Citation
  public let location: PolicyLocation

  public func contains(_ date: LocalDate) -> Bool {
    (from.map { $0 <= date } ?? true) && (to.map { date <= $0 } ?? true)
  }

  /// `2025-03-24 … 2027-10-31`, `… 2017-10-31`, `2025-03-24 …`, or `any date`.
  public var text: String {
    switch (from, to) {
    case (let f?, let t?): "\(f) … \(t)"
    case (let f?, nil): "\(f) …"
    case (nil, let t?): "… \(t)"
    case (nil, nil): "any date"
    }
  }
}

/// One section's rules in force over a period.
public struct RuleSet<Rules: Sendable>: Sendable {
  public let effective: Effective
  public let rules: Rules
}

/// The sections of a policy file.
public enum PolicySection: String, Hashable, Sendable, CaseIterable {
  case quota, term, conversion, deposit, rentWithdrawal

  /// Whether the city must have its own rule set in force (quota caps, whether a city converts at
  /// all and its withdrawal shares are a city's); term and deposit rules fall back to the national
  /// default entirely.
  public var needsCitySet: Bool {
    switch self {
    case .quota, .conversion, .rentWithdrawal: true
    case .term, .deposit: false
    }
  }

  /// What the section governs, for messages: `quota`, `商转公 (conversion)`.
  public var label: String {
    switch self {
    case .quota: "quota (额度试算)"
    case .term: "term (贷款期限)"
    case .conversion: "商转公 (conversion)"
    case .deposit: "deposit (缴存)"
    case .rentWithdrawal: "rent withdrawal (租房提取)"
    }
  }
}

/// A city's (or the national default's) rules: dated rule sets per section.
public struct CityPolicy: Sendable {
  /// File name without `.yaml`: `shenzhen`, `national`.
  public let id: String
  public let nameEnglish: String
  public let nameChinese: String
  /// Relative to `datasets/`.
  public let file: String
  public var quota: [RuleSet<QuotaRules>] = []
  public var term: [RuleSet<TermRules>] = []
  public var conversion: [RuleSet<ConversionRules>] = []
  public var deposit: [RuleSet<DepositRules>] = []
  public var rentWithdrawal: [RuleSet<RentWithdrawalRules>] = []

  /// The effective periods of one section's rule sets, in date order.
  public func periods(_ section: PolicySection) -> [Effective] {
    switch section {
    case .quota: quota.map(\.effective)
    case .term: term.map(\.effective)
    case .conversion: conversion.map(\.effective)
    case .deposit: deposit.map(\.effective)
    case .rentWithdrawal: rentWithdrawal.map(\.effective)
    }
  }
}
