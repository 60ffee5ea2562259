// Deposits (缴存): the monthly contribution from the wage base and the two ratios, and a yearly
// projection of the account at the deposit rate.
import Foundation
import ProvidentCore

/// A monthly contribution to work out (and, optionally, the account to project).
public struct DepositRequest: Sendable {
  /// The day the rules are read on.
  public var date: LocalDate
  /// The employee's average monthly wage of the previous year (the base before limits).
  public var wage: Money
  public var employeeRatio: Percent
  public var employerRatio: Percent
  /// The local average monthly wage of the previous year, where the base limits depend on it.
  public var averageWage: Money?
  /// Account balance at `date`, for the projection.
  public var openingBalance: Money
  /// Years to project (0: none).
  public var years: Int

  public init(
    date: LocalDate, wage: Money, employeeRatio: Percent, employerRatio: Percent,
    averageWage: Money? = nil, openingBalance: Money = .zero, years: Int = 0
  ) {
    self.date = date
    self.wage = wage
    self.employeeRatio = employeeRatio
    self.employerRatio = employerRatio
    self.averageWage = averageWage
    self.openingBalance = openingBalance
    self.years = years
  }
}

/// One year of an account projection.
public struct ProjectionYear: Sendable {
  /// 1-based.
  public let year: Int
  public let from: LocalDate
  public let opening: Money
  /// Twelve monthly contributions.
  public let deposits: Money
  public let interest: Money
  public let closing: Money
  /// Rate on balances carried over and on the year's deposits (the table row in force at `from`).
  public let carriedOverRate: AnnualRate
  public let currentYearRate: AnnualRate
  public let rateSource: String
}

/// The monthly contribution and the projection.
public struct DepositResult: Sendable {
  /// The wage base after the city's floor and cap.
  public let base: Money
  public let baseExplain: String
  public let employee: Money
  public let employer: Money
  /// `employee + employer`: what reaches the account each month.
  public var monthly: Money { employee + employer }
  public let contributionExplain: String
  public let projection: [ProjectionYear]
  public let citations: [Citation]
  public let city: CityPolicy
  /// The city's own deposit rule set in force, or nil when the national default applies alone.
  public let effective: Effective?
}

/// Contributions (docs/domain.md §7.1) and the account projection.
///
/// ```
/// base      = wage, at most the cap (amount, or average wage × multiple) and at least the floor
///             (amount, or average wage × share)                         — each limit half up
/// side      = base × ratio, rounded half up to the fen or the yuan (the rule's `rounding`)
/// ratio     must lie within [minRatio, maxRatio]: a ratio outside is an error, never clamped
/// projection, per year from `date`: deposits at each month's end earn interest for the rest of
/// the year, interest is credited once at the year's end:
///   interest = round( opening × carried-over rate + monthly × current-year rate × 66/12 )
///   (deposit j earns (12 − j)/12 of a year: Σ_{j=1..12} (12 − j) = 66 months; the rate row
///   in force at the year's start)
/// ```
/// The crediting rule is an assumption (docs/domain.md §2.4: once a year at 30 June, UNVERIFIED).
public enum Deposit {
  public static func run(
    _ r: DepositRequest, rules: RulesInForce, tables: RateTables = .bundled
  ) throws(PolicyError) -> DepositResult {
    try PolicyError.catching { try compute(r, try rules.deposit(), rules: rules, tables: tables) }
  }

  static func compute(
    _ r: DepositRequest, _ section: SectionInForce<DepositRules>, rules: RulesInForce,
    tables: RateTables
  ) throws -> DepositResult {
    let d = section.rules
    let city = rules.city.id
    guard r.wage > .zero else {
      throw PolicyInputError(.wage, "must be greater than 0 (got \(r.wage))")
    }
    if let a = r.averageWage, a <= .zero {
      throw PolicyInputError(.averageWage, "must be greater than 0 (got \(a))")
    }
    guard r.openingBalance >= .zero else {
      throw PolicyInputError(.openingBalance, "must not be negative (got \(r.openingBalance))")
    }
    guard (0...50).contains(r.years) else {
      throw PolicyInputError(.years, "must be between 0 and 50 (got \(r.years))")
    }
    var citations: [Citation] = []

    // Ratios: within the rules, never clamped.
    for (field, ratio, side) in [
      (PolicyField.employeeRatio, r.employeeRatio, "employee"),
      (.employerRatio, r.employerRatio, "employer"),
    ] {
      if let lo = d.minRatio, ratio < lo.value {
        throw PolicyInputError(
          field,
          "must be at least \(lo.value) in \(city) \(lo.citation.tag) (got \(ratio.text)% for the \(side))"
        )
      }
      if let hi = d.maxRatio, ratio > hi.value {
        throw PolicyInputError(
          field,
          "must be at most \(hi.value) in \(city) \(hi.citation.tag) (got \(ratio.text)% for the \(side))"
        )
      }
      if ratio <= .zero {
        throw PolicyInputError(field, "must be greater than 0 (got \(ratio.text))")
      }
    }
    citations += [d.minRatio?.citation, d.maxRatio?.citation].compactMap { $0 }

    // The base between floor and cap.
    func averageWage(_ why: String) throws -> Money {
      guard let a = r.averageWage else {
        throw PolicyInputError(
          .averageWage,
          "is required: in \(city) the wage base is \(why), and no amount is on file; give the local average monthly wage of the previous year"
        )
      }
      return a
    }
    var cap: (Money, String)? = nil
    if let c = d.baseCap {
      cap = (c.value, "\(fmt(c.value)) \(c.citation.tag)")
      citations.append(c.citation)
    } else if let m = d.baseCapAverageWageMultiple {
      let a = try averageWage("at most \(m.value) × the local average wage \(m.citation.tag)")
      cap = (
        a.times(m.value),
        "\(m.value) × average wage \(fmt(a)) \(m.citation.tag) = \(fmt(a.times(m.value)))"
      )
      citations.append(m.citation)
    }
    var floor: (Money, String)? = nil
    if let f = d.baseFloor {
      floor = (f.value, "\(fmt(f.value)) \(f.citation.tag)")
      citations.append(f.citation)
    } else if let s = d.baseFloorAverageWageShare {
      let a = try averageWage("at least \(s.value) of the local average wage \(s.citation.tag)")
      let amount = a.times(s.value, .halfUp)
      floor = (amount, "\(s.value) × average wage \(fmt(a)) \(s.citation.tag) = \(fmt(amount))")
      citations.append(s.citation)
    }
    var base = r.wage
    var baseExplain = "wage \(fmt(r.wage))"
    if let (amount, how) = cap, base > amount {
      base = amount
      baseExplain += " above the cap: base = cap \(how)"
    } else if let (amount, how) = floor, base < amount {
      base = amount
      baseExplain += " below the floor: base = floor \(how)"
    } else {
      baseExplain += " within the limits"
      let limits = [floor.map { "floor \($0.1)" }, cap.map { "cap \($0.1)" }].compactMap { $0 }
      baseExplain +=
        limits.isEmpty ? " (none on file)" : " (" + limits.joined(separator: ", ") + ")"
    }

    // Each side's contribution.
    let rounding = d.rounding?.value ?? .fen
    if let c = d.rounding?.citation { citations.append(c) }
    func side(_ ratio: Percent) -> Money {
      switch rounding {
      case .fen: return base.times(ratio, .halfUp)
      // fen × basis points / 10 000 fen, then / 100 to the yuan: one rounding.
      case .yuan:
        return Money(fen: Money.divide(base.fen * ratio.basisPoints, 1_000_000, .halfUp) * 100)
      }
    }
    let employee = side(r.employeeRatio)
    let employer = side(r.employerRatio)
    let unit = rounding == .fen ? "fen" : "yuan"
    let contributionExplain =
      "\(fmt(base)) × \(r.employeeRatio) = \(fmt(employee)) (employee) + \(fmt(base)) × \(r.employerRatio) = \(fmt(employer)) (employer), each half up to the \(unit)\(d.rounding.map { " \($0.citation.tag)" } ?? "")"

    // The projection.
    var years: [ProjectionYear] = []
    var balance = r.openingBalance
    let monthly = employee + employer
    for y in 0..<r.years {
      let start = r.date.adding(months: 12 * y)
      guard let row = tables.deposit.last(where: { $0.effective <= start }) else {
        throw PolicyInputError(
          .date, "is before the first deposit rate on file (\(tables.deposit.first!.effective))")
      }
      let perUnit = Decimal(AnnualRate.unitsPerWhole)
      let interestFen =
        Decimal(balance.fen) * Decimal(row.carriedOver.units) / perUnit
        + Decimal(monthly.fen) * Decimal(row.currentYear.units) / perUnit * Decimal(66)
        / Decimal(12)
      let interest = Conversion.shown(interestFen)
      let deposits = monthly.times(12)
      let closing = balance + deposits + interest
      years.append(
        ProjectionYear(
          year: y + 1, from: start, opening: balance, deposits: deposits, interest: interest,
          closing: closing, carriedOverRate: row.carriedOver, currentYearRate: row.currentYear,
          rateSource: row.source))
      balance = closing
    }
    return DepositResult(
      base: base, baseExplain: baseExplain, employee: employee, employer: employer,
      contributionExplain: contributionExplain, projection: years, citations: citations,
      city: rules.city, effective: section.city?.effective)
  }
}
