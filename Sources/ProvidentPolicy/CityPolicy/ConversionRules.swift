// A city's 商转公 rules: eligibility, amount, rate and the loan-ratio gate.
import ProvidentCore

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
