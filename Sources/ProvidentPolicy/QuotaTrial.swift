// Quota trial (额度试算): the loan limit as the least of the city's limbs, each explained.
import Foundation
import ProvidentCore

/// What a quota trial needs to know about the applicant and the home.
public struct QuotaRequest: Sendable {
  /// The day the rules are read on (the application date).
  public var date: LocalDate
  /// Price of the home; needed where the city limits the loan to a share of it.
  public var price: Money?
  /// The applicant's provident account balance.
  public var balance: Money
  /// The co-applicant's (spouse's) balance; given, the household borrows as a family.
  public var coBalance: Money?
  /// The household's monthly income.
  public var monthlyIncome: Money
  /// Installments of other debts the household already pays each month.
  public var monthlyDebt: Money
  public var birth: LocalDate
  public var group: RetirementGroup
  public var facts: HomeFacts
  /// The fund's loan ratio (个贷率), where the city's multiple depends on it.
  public var loanRatio: Percent?
  /// Years of contributions, where the city grants an amount per year.
  public var depositYears: Int?
  /// Age of a resale home's building in years, where the city's term depends on it.
  public var buildingAge: Int?
  /// The provident rate; nil: the national table's rate on `date` for the home and term.
  public var providentRate: AnnualRate?
  /// The term asked for, in months; nil: the longest allowed.
  public var requestedMonths: Int?

  public init(
    date: LocalDate, price: Money?, balance: Money, coBalance: Money? = nil,
    monthlyIncome: Money, monthlyDebt: Money = .zero, birth: LocalDate, group: RetirementGroup,
    facts: HomeFacts, loanRatio: Percent? = nil, depositYears: Int? = nil,
    buildingAge: Int? = nil, providentRate: AnnualRate? = nil, requestedMonths: Int? = nil
  ) {
    self.date = date
    self.price = price
    self.balance = balance
    self.coBalance = coBalance
    self.monthlyIncome = monthlyIncome
    self.monthlyDebt = monthlyDebt
    self.birth = birth
    self.group = group
    self.facts = facts
    self.loanRatio = loanRatio
    self.depositYears = depositYears
    self.buildingAge = buildingAge
    self.providentRate = providentRate
    self.requestedMonths = requestedMonths
  }

  public var household: Household { coBalance == nil ? .single : .family }
}

/// One limb of a limit: its amount (nil when the rules in force give none) and how it was worked.
public struct Limb: Sendable {
  /// `cap`, `loanToValue`, `balance`, `depositYears`, `repaymentCapacity`, …
  public let id: String
  public let amount: Money?
  /// One line: the arithmetic, the rule and its sources.
  public let explain: String
  /// The citations of the values used.
  public let citations: [Citation]
}

/// The loan term allowed: the statutory retirement age, the city's allowance and maximum.
public struct TermLimit: Sendable {
  public let ageMonths: Int
  public let retirementAgeMonths: Int
  public let group: RetirementGroup
  /// The longest term allowed, in months (0 when none is left).
  public let maxMonths: Int
  /// The term the capacity limb uses: the requested term within `maxMonths`.
  public let months: Int
  public let explain: String
  public let citations: [Citation]
}

/// The result of a quota trial.
public struct QuotaResult: Sendable {
  /// The least limb: the most the fund would lend.
  public let quota: Money
  /// The id of the limb that sets the quota (the first in order when several tie).
  public let binding: String
  public let term: TermLimit
  /// Every limb, in order: cap, loanToValue, balance, depositYears (where the city has it),
  /// repaymentCapacity.
  public let limbs: [Limb]
  public let providentRate: AnnualRate
  /// Where the rate came from: the table row or "given".
  public let rateExplain: String
  public let household: Household
  public let city: CityPolicy
  /// The city's quota rule set in force.
  public let effective: Effective
  /// Every citation behind the result, limbs and term.
  public var citations: [Citation] { limbs.flatMap(\.citations) + term.citations }
  /// Limbs the rules in force give no value for (they do not limit the quota): say so loudly.
  public var missingLimbs: [String] { limbs.filter { $0.amount == nil }.map(\.id) }
}

/// The quota trial of docs/domain.md §6.1: the least of the limbs, each rounded down as the rules say.
///
/// ```
/// cap               = first matching cap row [household] × (1 + Σ uplifts that apply), ≤ ceiling
/// loanToValue       = price × (100 % − minimum down payment)                 ↓ rounding unit
/// balance           = (balance + co-balance) × multiple (fixed, or by 个贷率)    ↓ rounding unit
/// depositYears      = years of contributions × amount per year (Beijing)     ↓ rounding unit
/// repaymentCapacity = A / PMT(1; rate; n),  A = income × share − other debt   ↓ rounding unit
///                     n = the term allowed (see `TermLimit`), rate = provident rate for n
/// quota             = min(limbs given by the rules in force)
/// ```
/// A limb the rules on file do not give is listed with no amount and does not limit the quota
/// (`QuotaResult.missingLimbs`).
public enum QuotaTrial {
  public static func run(
    _ request: QuotaRequest, rules: RulesInForce, tables: RateTables = .bundled
  ) throws(PolicyError) -> QuotaResult {
    try run(request, rules: rules, tables: tables, conversion: nil)
  }

  /// The trial for a 商转公: the conversion rules' income share and maximum term, where given,
  /// replace the quota's and the term's.
  static func run(
    _ request: QuotaRequest, rules: RulesInForce, tables: RateTables,
    conversion: ConversionRules?
  ) throws(PolicyError) -> QuotaResult {
    try PolicyError.catching {
      let quotaSection = try rules.quota()
      let termSection = try rules.term()
      try check(request)
      var q = quotaSection.rules
      var t = termSection.rules
      if let share = conversion?.incomeShare { q.incomeShare = share }
      if let years = conversion?.maxYears { t.maxYears = years }
      let term = try termLimit(request, t, rules: rules)
      let unit = q.rounding
      var limbs: [Limb] = [capLimb(request, q)]
      limbs.append(try loanToValueLimb(request, q, unit))
      limbs.append(try balanceLimb(request, q, unit, city: rules.city.id))
      if let perYear = q.perDepositYear {
        limbs.append(try depositYearsLimb(request, perYear, unit, city: rules.city.id))
      }
      let (rate, rateExplain) = try providentRate(request, months: term.months, tables: tables)
      limbs.append(capacityLimb(request, q.incomeShare, rate, term, unit))
      // The capacity limb always has an amount, so there is a least one.
      let least = limbs.compactMap(\.amount).min()!
      let binding = limbs.first { $0.amount == least }!.id
      return QuotaResult(
        quota: least, binding: binding, term: term, limbs: limbs, providentRate: rate,
        rateExplain: rateExplain, household: request.household, city: rules.city,
        effective: quotaSection.city!.effective)
    }
  }

  static func check(_ r: QuotaRequest) throws {
    for (field, value) in [
      (PolicyField.balance, r.balance), (.monthlyIncome, r.monthlyIncome),
      (.monthlyDebt, r.monthlyDebt),
    ] where value < .zero {
      throw PolicyInputError(field, "must not be negative (got \(value))")
    }
    if let co = r.coBalance, co < .zero {
      throw PolicyInputError(.coBalance, "must not be negative (got \(co))")
    }
    if let price = r.price, price <= .zero {
      throw PolicyInputError(.price, "must be greater than 0 (got \(price))")
    }
    guard r.birth < r.date else {
      throw PolicyInputError(
        .birth, "must be before the date of the trial \(r.date) (got \(r.birth), in the future)")
    }
    if let ratio = r.loanRatio, ratio < .zero || ratio > Percent(1000) {
      throw PolicyInputError(
        .loanRatio, "must be a percentage between 0 and 1000 (got \(ratio.text))")
    }
    if let years = r.depositYears, years < 0 || years > 80 {
      throw PolicyInputError(.depositYears, "must be between 0 and 80 (got \(years))")
    }
    if let age = r.buildingAge, age < 0 || age > 200 {
      throw PolicyInputError(.buildingAge, "must be between 0 and 200 years (got \(age))")
    }
    if let m = r.requestedMonths, m < 1 || m > Loan.maximumMonths {
      throw PolicyInputError(
        .requestedMonths, "must be between 1 and \(Loan.maximumMonths) (got \(m))")
    }
  }

  // MARK: - Term

  /// ```
  /// maxMonths = min( maxYears × 12,
  ///                  retirement age + allowance × 12 − age,        (all in completed months)
  ///                  building-age term × 12 )                       (resale homes, where given)
  /// ```
  static func termLimit(_ r: QuotaRequest, _ t: TermRules, rules: RulesInForce) throws -> TermLimit
  {
    guard let maxYears = t.maxYears, let allowance = t.retirementAllowanceYears else {
      throw PolicyLookupError.noRulesInForce(
        city: rules.city.id, section: .term, date: rules.date, periods: [])
    }
    let age = RetirementAge.ageInMonths(birth: r.birth, on: r.date)
    let retire = RetirementAge.months(birth: r.birth, group: r.group)
    let byAge = retire + allowance.value * 12 - age
    var limit = min(maxYears.value * 12, byAge)
    var citations = [maxYears.citation, RetirementAge.citation, allowance.citation]
    var explain =
      "min(\(maxYears.value) years \(maxYears.citation.tag), retirement age \(RetirementAge.text(months: retire)) (\(r.group.label), born \(r.birth), 2025 reform \(RetirementAge.citation.tag)) + \(allowance.value) years \(allowance.citation.tag) − age \(RetirementAge.text(months: age)) = \(byAge) months"
    if r.facts.resale, let bands = t.buildingAge {
      guard let age = r.buildingAge else {
        throw PolicyInputError(
          .buildingAge,
          "is required for a resale home in \(rules.city.id): its term depends on the building's age \(bands.citation.tag)"
        )
      }
      if let band = bands.value.first(where: { $0.contains(Percent(Int64(age))) }) {
        let years: Int =
          switch band.payload {
          case .years(let y): y
          case .totalLessAge(let total): total - age
          }
        limit = min(limit, years * 12)
        citations.append(bands.citation)
        explain += ", building \(age) years old: \(years) years \(bands.citation.tag)"
      } else {
        explain += ", building \(age) years old: no building-age rule on file for that age"
      }
    }
    let maxMonths = max(0, limit)
    explain += ") = \(maxMonths) months"
    let months = min(maxMonths, r.requestedMonths ?? maxMonths)
    if let requested = r.requestedMonths { explain += "; term asked for \(requested) months" }
    return TermLimit(
      ageMonths: age, retirementAgeMonths: retire, group: r.group, maxMonths: maxMonths,
      months: months, explain: explain, citations: citations)
  }

  // MARK: - Limbs

  static func capLimb(_ r: QuotaRequest, _ q: QuotaRules) -> Limb {
    let who = r.household == .single ? "single applicant" : "family"
    guard let row = q.caps.first(where: { $0.when.holds(for: r.facts) }),
      let base = row.amounts[r.household]
    else {
      return Limb(
        id: "cap", amount: nil,
        explain: "no cap on file for a \(who) (\(factsText(r.facts))): this limb is not applied",
        citations: [])
    }
    var citations = [base.citation]
    var total = Percent.zero
    var terms: [String] = []
    for fact in HomeFact.allCases where fact.value(in: r.facts) {
      if let up = q.uplifts[fact] {
        total = total + up.value
        terms.append("\(up.value) \(fact.label) \(up.citation.tag)")
        citations.append(up.citation)
      }
    }
    var amount = base.value.times(Percent.hundred + total, .down)
    var explain = "\(who) cap \(fmt(base.value)) \(base.citation.tag)"
    if !terms.isEmpty {
      explain += " × (1 + " + terms.joined(separator: " + ") + ") = \(fmt(amount))"
    }
    if let ceiling = q.ceiling?[r.household], ceiling.value < amount {
      amount = ceiling.value
      citations.append(ceiling.citation)
      explain += ", at most the published ceiling \(fmt(ceiling.value)) \(ceiling.citation.tag)"
    }
    return Limb(id: "cap", amount: amount, explain: explain, citations: citations)
  }

  static func loanToValueLimb(_ r: QuotaRequest, _ q: QuotaRules, _ unit: Sourced<Money>?) throws
    -> Limb
  {
    guard let row = q.downPayment.first(where: { $0.when.holds(for: r.facts) }) else {
      return Limb(
        id: "loanToValue", amount: nil,
        explain:
          "no minimum down payment on file for \(factsText(r.facts)): this limb is not applied",
        citations: [])
    }
    guard let price = r.price else {
      throw PolicyInputError(
        .price,
        "is required: the loan is limited to a share of the price \(row.percent.citation.tag)")
    }
    let ltv = Percent.hundred - row.percent.value
    let raw = price.times(ltv, .down)
    let (amount, rounded) = round(raw, unit)
    return Limb(
      id: "loanToValue", amount: amount,
      explain:
        "price \(fmt(price)) × \(ltv) (minimum down payment \(row.percent.value) for \(row.when.text) \(row.percent.citation.tag)) = \(fmt(raw))\(rounded)",
      citations: [row.percent.citation] + (unit.map { [$0.citation] } ?? []))
  }

  static func balanceLimb(_ r: QuotaRequest, _ q: QuotaRules, _ unit: Sourced<Money>?, city: String)
    throws -> Limb
  {
    let total = r.balance + (r.coBalance ?? .zero)
    let sum =
      r.coBalance.map { "(\(fmt(r.balance)) + \($0.formatted(grouping: true)))" } ?? fmt(r.balance)
    let multiple: Int64
    let citation: Citation
    var how = ""
    if let fixed = q.balanceMultiple {
      multiple = fixed.value
      citation = fixed.citation
    } else if let bands = q.balanceMultipleByLoanRatio {
      guard let ratio = r.loanRatio else {
        throw PolicyInputError(
          .loanRatio,
          "is required: \(city)'s balance multiple depends on the fund's loan ratio (个贷率) \(bands.citation.tag)"
        )
      }
      guard let band = bands.value.first(where: { $0.contains(ratio) }) else {
        return Limb(
          id: "balance", amount: nil,
          explain: "no balance multiple on file at 个贷率 \(ratio): this limb is not applied",
          citations: [])
      }
      multiple = band.payload
      citation = bands.citation
      how = " (个贷率 \(ratio) in \(band.rangeText()))"
    } else {
      return Limb(
        id: "balance", amount: nil,
        explain: "no balance multiple on file: this limb is not applied", citations: [])
    }
    let raw = total.times(multiple)
    let (amount, rounded) = round(raw, unit)
    return Limb(
      id: "balance", amount: amount,
      explain: "balances \(sum) × \(multiple)\(how) \(citation.tag) = \(fmt(raw))\(rounded)",
      citations: [citation] + (unit.map { [$0.citation] } ?? []))
  }

  static func depositYearsLimb(
    _ r: QuotaRequest, _ perYear: Sourced<Money>, _ unit: Sourced<Money>?, city: String
  ) throws -> Limb {
    guard let years = r.depositYears else {
      throw PolicyInputError(
        .depositYears,
        "is required: \(city) grants \(fmt(perYear.value)) per year of contributions \(perYear.citation.tag)"
      )
    }
    let raw = perYear.value.times(Int64(years))
    let (amount, rounded) = round(raw, unit)
    return Limb(
      id: "depositYears", amount: amount,
      explain:
        "\(years) years of contributions × \(fmt(perYear.value)) \(perYear.citation.tag) = \(fmt(raw))\(rounded)",
      citations: [perYear.citation])
  }

  static func providentRate(_ r: QuotaRequest, months: Int, tables: RateTables) throws
    -> (AnnualRate, String)
  {
    if let rate = r.providentRate { return (rate, "given") }
    guard let row = tables.providentRow(on: r.date) else {
      throw PolicyInputError(
        .date, "is before the first provident rate on file (\(tables.provident.first!.effective))")
    }
    let home: HomeOrder = r.facts.firstHome ? .first : .second
    let rate = row.rate(home: home, contractMonths: max(months, 1))
    let bucket = months <= 60 ? "≤ 5 years" : "> 5 years"
    return (
      rate,
      "national provident rate from \(row.effective), \(home.rawValue) home, \(bucket) [\(row.source)]"
    )
  }

  /// ```
  /// A = income × share − other debt          (down to the fen)
  /// L = A / PMT(1; rate; n)                  (the principal whose level installment is A)
  /// ```
  static func capacityLimb(
    _ r: QuotaRequest, _ share: Sourced<Percent>?, _ rate: AnnualRate, _ term: TermLimit,
    _ unit: Sourced<Money>?
  ) -> Limb {
    guard let share else {
      return Limb(
        id: "repaymentCapacity", amount: nil,
        explain: "no income share on file: this limb is not applied", citations: [])
    }
    let allowed = r.monthlyIncome.times(share.value, .down) - r.monthlyDebt
    var explain =
      "installment at most \(fmt(r.monthlyIncome)) × \(share.value) \(share.citation.tag)"
    if r.monthlyDebt > .zero { explain += " − other debts \(fmt(r.monthlyDebt))" }
    explain += " = \(fmt(allowed)) a month"
    let citations = [share.citation] + term.citations + (unit.map { [$0.citation] } ?? [])
    guard allowed > .zero, term.months > 0 else {
      explain += term.months > 0 ? ": nothing left for a provident installment" : ": no term left"
      return Limb(id: "repaymentCapacity", amount: .zero, explain: explain, citations: citations)
    }
    let raw = principal(payment: allowed, rate: rate, months: term.months)
    let (amount, rounded) = round(raw, unit)
    explain +=
      " over \(term.months) months at \(rate.percentText)%: principal \(fmt(raw))\(rounded)"
    return Limb(id: "repaymentCapacity", amount: amount, explain: explain, citations: citations)
  }

  /// The largest principal, to the fen, whose unrounded level installment over `months` at `rate`
  /// is at most `payment`: `⌊payment / PMT(1; rate; months)⌋` in 38-digit decimal arithmetic. Its
  /// ledger installment (rounded half up) is then at most `payment` too.
  public static func principal(payment: Money, rate: AnnualRate, months: Int) -> Money {
    let perYuan = Annuity.decimalPayment(balance: 1, rate: rate, periods: months)
    var fen = Decimal(payment.fen) / perYuan
    var floored = Decimal()
    NSDecimalRound(&floored, &fen, 0, .down)
    var principal = Money(fen: NSDecimalNumber(decimal: floored).int64Value)
    // The installment is rounded half up to the fen: step down until it is within the limit.
    while principal > .zero,
      Annuity.ledgerPayment(balanceFen: principal.fen, rate: rate, periods: months) > payment.fen
    {
      principal = Money(fen: principal.fen - 1)
    }
    return principal
  }

  // MARK: - Helpers

  static func round(_ raw: Money, _ unit: Sourced<Money>?) -> (Money, String) {
    guard let unit, unit.value.fen > 1 else { return (raw, "") }
    let amount = raw.rounded(to: unit.value, .down)
    return (
      amount,
      amount == raw
        ? "" : ", down to a multiple of \(fmt(unit.value)) \(unit.citation.tag): \(fmt(amount))"
    )
  }

  static func factsText(_ f: HomeFacts) -> String {
    var parts = HomeFact.allCases.filter { $0.value(in: f) }.map(\.label)
    if !f.firstHome { parts.insert("not a first home", at: 0) }
    return parts.joined(separator: ", ")
  }
}

/// `1,540,000.00`.
func fmt(_ m: Money) -> String { m.formatted(grouping: true) }
