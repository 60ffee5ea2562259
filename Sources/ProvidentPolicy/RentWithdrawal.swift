// Rent withdrawal (租房提取): what may be withdrawn each month under the city's dated shares.
import ProvidentCore

/// A rent withdrawal to work out.
public struct RentWithdrawalRequest: Sendable {
  public var date: LocalDate
  /// The account's monthly deposit (employee and employer together).
  public var monthlyDeposit: Money
  /// Months of continuous deposits so far.
  public var depositMonths: Int?
  /// Whether the applicant owns a home in the city.
  public var ownsHomeInCity: Bool?
  public var multiChild: Bool
  /// The actual monthly rent, for a multi-child family where the city allows the actual rent.
  public var rent: Money?

  public init(
    date: LocalDate, monthlyDeposit: Money, depositMonths: Int? = nil, ownsHomeInCity: Bool? = nil,
    multiChild: Bool = false, rent: Money? = nil
  ) {
    self.date = date
    self.monthlyDeposit = monthlyDeposit
    self.depositMonths = depositMonths
    self.ownsHomeInCity = ownsHomeInCity
    self.multiChild = multiChild
    self.rent = rent
  }
}

/// What may be withdrawn for rent.
public struct RentWithdrawalResult: Sendable {
  /// Per month; nil when the rules on file give no share (and no actual-rent option applies).
  public let monthlyAllowed: Money?
  /// `12 × monthlyAllowed`.
  public var yearlyAllowed: Money? { monthlyAllowed.map { $0.times(12) } }
  public let explain: String
  public let checks: [RuleCheck]
  public var eligible: Bool { !checks.contains { $0.status == .failed } }
  public let citations: [Citation]
  public let city: CityPolicy
  public let effective: Effective
}

/// Rent withdrawal (docs/domain.md §7.2):
///
/// ```
/// monthly allowed = monthly deposit × share            (down to the fen; the share of the set in
///                                                       force on the date: Shenzhen 50/65/100/80 %)
/// multi-child family where the city allows it: the actual rent, if more
/// ```
public enum RentWithdrawal {
  public static func run(_ r: RentWithdrawalRequest, rules: RulesInForce) throws(PolicyError)
    -> RentWithdrawalResult
  {
    let section: SectionInForce<RentWithdrawalRules>
    do { section = try rules.rentWithdrawal() } catch { throw .lookup(error) }
    let w = section.rules
    let city = rules.city.id
    guard r.monthlyDeposit > .zero else {
      throw .input(
        PolicyInputError(.monthlyDeposit, "must be greater than 0 (got \(r.monthlyDeposit))"))
    }
    if let m = r.depositMonths, m < 0 || m > 1200 {
      throw .input(PolicyInputError(.depositMonths, "must be between 0 and 1200 (got \(m))"))
    }
    if let rent = r.rent, rent <= .zero {
      throw .input(PolicyInputError(.rent, "must be greater than 0 (got \(rent))"))
    }
    var citations: [Citation] = []
    var allowed: Money? = nil
    var explain: String
    if let share = w.share {
      let amount = r.monthlyDeposit.times(share.value, .down)
      allowed = amount
      citations.append(share.citation)
      explain =
        "monthly deposit \(fmt(r.monthlyDeposit)) × \(share.value) \(share.citation.tag) = \(fmt(amount))"
    } else {
      explain = "no rent-withdrawal share on file for \(city)"
    }
    if r.multiChild {
      if let option = w.multiChildActualRent {
        citations.append(option.citation)
        if !option.value {
          explain += "; the multi-child actual-rent option is not available \(option.citation.tag)"
        } else if let rent = r.rent {
          if allowed.map({ rent > $0 }) ?? true {
            allowed = rent
            explain +=
              "; a multi-child family may withdraw the actual rent \(fmt(rent)) \(option.citation.tag)"
          } else {
            explain += "; the actual rent \(fmt(rent)) is less \(option.citation.tag)"
          }
        } else {
          explain +=
            "; a multi-child family may withdraw the actual rent \(option.citation.tag): give it"
        }
      }
    }
    let checks = [
      RuleCheck.atLeast(
        "minDepositMonths", w.minDepositMonths, r.depositMonths, "months of continuous deposits"),
      RuleCheck.yesNo(
        "noHomeInCity", w.noHomeInCity, r.ownsHomeInCity, wanted: false, "owns a home in \(city)"),
    ].compactMap { $0 }
    return RentWithdrawalResult(
      monthlyAllowed: allowed, explain: explain, checks: checks, citations: citations,
      city: rules.city, effective: section.city!.effective)
  }
}
