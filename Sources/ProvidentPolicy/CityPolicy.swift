// One city's rules as read from datasets/policies/<city>.yaml: dated rule sets per section.
import ProvidentCore

/// The facts about a purchase that select a rule's row: first home, multi-child family, green
/// building, resale (existing) home.
public struct HomeFacts: Hashable, Sendable {
  public var firstHome: Bool
  public var multiChild: Bool
  public var greenBuilding: Bool
  public var resale: Bool

  public init(
    firstHome: Bool = false, multiChild: Bool = false, greenBuilding: Bool = false,
    resale: Bool = false
  ) {
    self.firstHome = firstHome
    self.multiChild = multiChild
    self.greenBuilding = greenBuilding
    self.resale = resale
  }
}

/// The facts a rule row's `when:` may name.
public enum HomeFact: String, Hashable, Sendable, CaseIterable {
  case firstHome, multiChild, greenBuilding, resale

  public func value(in facts: HomeFacts) -> Bool {
    switch self {
    case .firstHome: facts.firstHome
    case .multiChild: facts.multiChild
    case .greenBuilding: facts.greenBuilding
    case .resale: facts.resale
    }
  }
}

/// A row's condition: each named fact must have the given value; an empty condition always holds.
public struct Condition: Hashable, Sendable {
  public let required: [HomeFact: Bool]

  public init(_ required: [HomeFact: Bool] = [:]) { self.required = required }

  public func holds(for facts: HomeFacts) -> Bool {
    required.allSatisfy { $0.key.value(in: facts) == $0.value }
  }

  /// `first home, not resale`, or `any purchase`.
  public var text: String {
    if required.isEmpty { return "any purchase" }
    return HomeFact.allCases.compactMap { fact in
      required[fact].map { ($0 ? "" : "not ") + fact.label }
    }.joined(separator: ", ")
  }
}

extension HomeFact {
  public var label: String {
    switch self {
    case .firstHome: "first home"
    case .multiChild: "multi-child family"
    case .greenBuilding: "green building"
    case .resale: "resale home"
    }
  }
}

/// Whether the applicant borrows alone or with a co-applicant (spouse) who also contributes.
public enum Household: String, Hashable, Sendable {
  case single, family
}

/// Amounts for a single applicant and for a family (both spouses contributing); either may be
/// missing from the file.
public struct HouseholdAmounts: Sendable {
  public let single: Sourced<Money>?
  public let family: Sourced<Money>?

  public subscript(_ household: Household) -> Sourced<Money>? {
    household == .single ? single : family
  }
}

/// One row of a first-match table: the caps for the purchases its condition selects.
public struct CapRow: Sendable {
  public let when: Condition
  public let amounts: HouseholdAmounts
}

/// One row of the down-payment table.
public struct DownPaymentRow: Sendable {
  public let when: Condition
  /// Minimum down payment as a share of the price; the loan-to-value limit is 100 % minus it.
  public let percent: Sourced<Percent>
}

/// A band of a table keyed by the fund's loan ratio (个贷率) or a building's age: `from` ≤ x <
/// `to` (`to` nil: no upper end).
public struct Band<Payload: Sendable>: Sendable {
  public let from: Percent
  public let to: Percent?
  public let payload: Payload

  public init(from: Percent, to: Percent?, payload: Payload) {
    self.from = from
    self.to = to
    self.payload = payload
  }

  public func contains(_ x: Percent) -> Bool { x >= from && (to.map { x < $0 } ?? true) }

  /// `75–80%`, `≥ 95%` (or with another unit: `6–20 years`).
  public func rangeText(_ unit: String = "%") -> String {
    to.map { "\(from.text)–\($0.text)\(unit)" } ?? "≥ \(from.text)\(unit)"
  }
}

extension Band: Equatable where Payload: Equatable {}
extension Band: Hashable where Payload: Hashable {}

/// Status of 商转公 at a fund loan ratio (Guangzhou's 75 / 85 / 90 % is the model, docs/domain.md §3.3).
public enum GateStatus: String, Hashable, Sendable, CaseIterable {
  /// Conversions are accepted.
  case open
  /// Conversions are controlled (quota management, appointments).
  case restricted
  /// Conversions are suspended.
  case suspended
}

/// The maximum term for a resale home by the building's age, in years.
public enum BuildingAgeTerm: Hashable, Sendable {
  /// A fixed number of years.
  case years(Int)
  /// `total − building age` years (Shanghai: 50 − age).
  case totalLessAge(Int)
}

// MARK: - Sections

/// Quota trial rules (额度试算, docs/domain.md §6).
public struct QuotaRules: Sendable {
  /// First matching row gives the cap before uplifts.
  public var caps: [CapRow] = []
  /// Percent added to the cap when the fact holds; the percents add up (docs/domain.md §6.2, Shenzhen).
  public var uplifts: [HomeFact: Sourced<Percent>] = [:]
  /// The largest cap after uplifts, where the source states one.
  public var ceiling: HouseholdAmounts? = nil
  /// First matching row gives the minimum down payment.
  public var downPayment: [DownPaymentRow] = []
  /// Account balances × this multiple.
  public var balanceMultiple: Sourced<Int64>? = nil
  /// The multiple by the fund's loan ratio (Changsha).
  public var balanceMultipleByLoanRatio: Sourced<[Band<Int64>]>? = nil
  /// Amount per year of contributions (Beijing 2018).
  public var perDepositYear: Sourced<Money>? = nil
  /// Share of monthly income the installment may take (repayment capacity).
  public var incomeShare: Sourced<Percent>? = nil
  /// Computed limbs are rounded down to a multiple of this amount.
  public var rounding: Sourced<Money>? = nil

  public init() {}

  /// This section's values, with `fallback`'s where this one has none.
  public func filled(from fallback: QuotaRules) -> QuotaRules {
    var r = self
    if r.caps.isEmpty { r.caps = fallback.caps }
    for (k, v) in fallback.uplifts where r.uplifts[k] == nil { r.uplifts[k] = v }
    r.ceiling = r.ceiling ?? fallback.ceiling
    if r.downPayment.isEmpty { r.downPayment = fallback.downPayment }
    if r.balanceMultiple == nil && r.balanceMultipleByLoanRatio == nil {
      r.balanceMultiple = fallback.balanceMultiple
      r.balanceMultipleByLoanRatio = fallback.balanceMultipleByLoanRatio
    }
    r.perDepositYear = r.perDepositYear ?? fallback.perDepositYear
    r.incomeShare = r.incomeShare ?? fallback.incomeShare
    r.rounding = r.rounding ?? fallback.rounding
    return r
  }
}

/// Loan term rules (docs/domain.md §6.4).
public struct TermRules: Sendable {
  /// The longest term, in years.
  public var maxYears: Sourced<Int>? = nil
  /// Age at the end of the term ≤ statutory retirement age + this many years.
  public var retirementAllowanceYears: Sourced<Int>? = nil
  /// Resale homes: the longest term by the building's age (Shanghai).
  public var buildingAge: Sourced<[Band<BuildingAgeTerm>]>? = nil

  public init() {}

  public func filled(from fallback: TermRules) -> TermRules {
    var r = self
    r.maxYears = r.maxYears ?? fallback.maxYears
    r.retirementAllowanceYears = r.retirementAllowanceYears ?? fallback.retirementAllowanceYears
    r.buildingAge = r.buildingAge ?? fallback.buildingAge
    return r
  }
}

/// Commercial-to-provident conversion rules (商转公, docs/domain.md §3).
public struct ConversionRules: Sendable {
  /// Whether the city converts at all.
  public var offered: Sourced<Bool>? = nil
  /// The commercial loan must have been repaid at least this many months.
  public var minMonthsRepaid: Sourced<Int>? = nil
  /// No overdue installment on the commercial loan.
  public var noOverdue: Sourced<Bool>? = nil
  /// The no-overdue rule looks back this many months (Guangzhou: 24); nil: the whole loan.
  public var overdueLookbackMonths: Sourced<Int>? = nil
  /// The property certificate must have been issued.
  public var propertyCertificate: Sourced<Bool>? = nil
  /// The borrower must never have had a provident loan (so at most one conversion).
  public var noPriorProvidentLoan: Sourced<Bool>? = nil
  /// The home must be the family's only home in the city.
  public var onlyHomeInCity: Sourced<Bool>? = nil
  /// Only commercial housing mortgages qualify (Shenzhen).
  public var housingMortgageOnly: Sourced<Bool>? = nil
  /// The amount excludes the principal of the next this many commercial installments.
  public var deductNextPrincipalMonths: Sourced<Int>? = nil
  /// The amount is at most this share of the lower of the original and re-appraised price.
  public var loanToValue: Sourced<Percent>? = nil
  /// Installment ≤ this share of monthly income (overrides the quota's share for conversions).
  public var incomeShare: Sourced<Percent>? = nil
  /// The longest term of the provident loan, in years.
  public var maxYears: Sourced<Int>? = nil
  /// Status by the fund's loan ratio (个贷率).
  public var loanRatioGate: Sourced<[Band<GateStatus>]>? = nil

  public init() {}

  public func filled(from fallback: ConversionRules) -> ConversionRules {
    var r = self
    r.offered = r.offered ?? fallback.offered
    r.minMonthsRepaid = r.minMonthsRepaid ?? fallback.minMonthsRepaid
    r.noOverdue = r.noOverdue ?? fallback.noOverdue
    r.overdueLookbackMonths = r.overdueLookbackMonths ?? fallback.overdueLookbackMonths
    r.propertyCertificate = r.propertyCertificate ?? fallback.propertyCertificate
    r.noPriorProvidentLoan = r.noPriorProvidentLoan ?? fallback.noPriorProvidentLoan
    r.onlyHomeInCity = r.onlyHomeInCity ?? fallback.onlyHomeInCity
    r.housingMortgageOnly = r.housingMortgageOnly ?? fallback.housingMortgageOnly
    r.deductNextPrincipalMonths = r.deductNextPrincipalMonths ?? fallback.deductNextPrincipalMonths
    r.loanToValue = r.loanToValue ?? fallback.loanToValue
    r.incomeShare = r.incomeShare ?? fallback.incomeShare
    r.maxYears = r.maxYears ?? fallback.maxYears
    r.loanRatioGate = r.loanRatioGate ?? fallback.loanRatioGate
    return r
  }
}

/// How contributions are rounded.
public enum ContributionRounding: String, Hashable, Sendable, CaseIterable {
  /// Half up to the fen.
  case fen
  /// Half up to the whole yuan.
  case yuan
}

/// Deposit (缴存) rules (docs/domain.md §7.1).
public struct DepositRules: Sendable {
  /// Lowest contribution ratio, each side.
  public var minRatio: Sourced<Percent>? = nil
  /// Highest contribution ratio, each side.
  public var maxRatio: Sourced<Percent>? = nil
  /// The wage base is at most this multiple of the local average monthly wage.
  public var baseCapAverageWageMultiple: Sourced<Int64>? = nil
  /// The wage base is at least this share of the local average monthly wage.
  public var baseFloorAverageWageShare: Sourced<Percent>? = nil
  /// The wage base cap as an amount, where the city publishes one.
  public var baseCap: Sourced<Money>? = nil
  /// The wage base floor as an amount, where the city publishes one.
  public var baseFloor: Sourced<Money>? = nil
  /// How each side's contribution is rounded.
  public var rounding: Sourced<ContributionRounding>? = nil

  public init() {}

  public func filled(from fallback: DepositRules) -> DepositRules {
    var r = self
    r.minRatio = r.minRatio ?? fallback.minRatio
    r.maxRatio = r.maxRatio ?? fallback.maxRatio
    if r.baseCap == nil {
      r.baseCapAverageWageMultiple = r.baseCapAverageWageMultiple ?? fallback.baseCapAverageWageMultiple
    }
    if r.baseFloor == nil {
      r.baseFloorAverageWageShare = r.baseFloorAverageWageShare ?? fallback.baseFloorAverageWageShare
    }
    r.rounding = r.rounding ?? fallback.rounding
    return r
  }
}

/// Rent withdrawal (租房提取) rules (docs/domain.md §7.2).
public struct RentWithdrawalRules: Sendable {
  /// Share of the monthly deposit that may be withdrawn each month.
  public var share: Sourced<Percent>? = nil
  /// Months of continuous deposits required.
  public var minDepositMonths: Sourced<Int>? = nil
  /// The applicant must own no home in the city.
  public var noHomeInCity: Sourced<Bool>? = nil
  /// Whether multi-child families may withdraw the actual rent instead.
  public var multiChildActualRent: Sourced<Bool>? = nil

  public init() {}

  public func filled(from fallback: RentWithdrawalRules) -> RentWithdrawalRules {
    var r = self
    r.share = r.share ?? fallback.share
    r.minDepositMonths = r.minDepositMonths ?? fallback.minDepositMonths
    r.noHomeInCity = r.noHomeInCity ?? fallback.noHomeInCity
    r.multiChildActualRent = r.multiChildActualRent ?? fallback.multiChildActualRent
    return r
  }
}

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
    case let (f?, t?): "\(f) … \(t)"
    case let (f?, nil): "\(f) …"
    case let (nil, t?): "… \(t)"
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
