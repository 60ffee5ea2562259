// 商转公: converting a commercial mortgage into a provident loan — eligibility, amount, savings.
import Foundation
import ProvidentCore

/// Where a conversion's provident quota comes from.
public enum QuotaSource: Sendable {
  /// A quota the centre has already stated.
  case given(Money)
  /// A quota trial under the city's rules.
  case trial(QuotaRequest)
}

/// What the borrower tells about the commercial loan and the home, for the eligibility checks.
/// A nil fact leaves its check unchecked (listed as such).
public struct ConversionFacts: Sendable {
  public var monthsRepaid: Int?
  /// Overdue installments on the commercial loan (in the rule's look-back window).
  public var overduePeriods: Int?
  public var propertyCertificate: Bool?
  public var priorProvidentLoan: Bool?
  public var onlyHomeInCity: Bool?
  public var housingMortgage: Bool?
  /// The fund's loan ratio (个贷率), where the city gates conversions by it.
  public var loanRatio: Percent?

  public init(
    monthsRepaid: Int? = nil, overduePeriods: Int? = nil, propertyCertificate: Bool? = nil,
    priorProvidentLoan: Bool? = nil, onlyHomeInCity: Bool? = nil, housingMortgage: Bool? = nil,
    loanRatio: Percent? = nil
  ) {
    self.monthsRepaid = monthsRepaid
    self.overduePeriods = overduePeriods
    self.propertyCertificate = propertyCertificate
    self.priorProvidentLoan = priorProvidentLoan
    self.onlyHomeInCity = onlyHomeInCity
    self.housingMortgage = housingMortgage
    self.loanRatio = loanRatio
  }
}

/// What happens to the part of the commercial balance the provident loan does not cover.
public enum ShortfallHandling: String, Sendable, CaseIterable {
  /// It stays a commercial loan: the borrower then has a combination loan (组合贷款).
  case residualCommercial
  /// The borrower pays it in cash at the conversion.
  case cash
}

/// A bridging or guarantee cost charged per day: `amount × annual rate × days / 360`.
public struct BridgeCost: Sendable {
  public var annualRate: AnnualRate
  public var days: Int
  public init(annualRate: AnnualRate, days: Int) {
    self.annualRate = annualRate
    self.days = days
  }
}

/// A 商转公 to evaluate.
public struct ConversionRequest: Sendable {
  /// Outstanding commercial principal `B_c`.
  public var commercialBalance: Money
  /// The commercial loan's rate now (LPR + spread).
  public var commercialRate: AnnualRate
  /// Remaining commercial term `m`; the new loans keep it (the provident one at most its limit).
  public var remainingMonths: Int
  /// The provident rate; nil: the national table's on `date` (needs a quota trial for the home).
  public var providentRate: AnnualRate?
  public var quota: QuotaSource
  /// One-off costs of converting (fees, guarantee) as an amount.
  public var fees: Money
  /// Bridging cost charged per day on the commercial balance, added to `fees`.
  public var bridge: BridgeCost?
  public var shortfall: ShortfallHandling
  /// Original purchase price, where the city limits the amount to a share of the price.
  public var price: Money?
  /// Re-appraised price; the lower of the two counts.
  public var appraisedPrice: Money?
  public var facts: ConversionFacts
  public var convention: Convention

  public init(
    commercialBalance: Money, commercialRate: AnnualRate, remainingMonths: Int,
    providentRate: AnnualRate?, quota: QuotaSource, fees: Money = .zero,
    bridge: BridgeCost? = nil, shortfall: ShortfallHandling = .residualCommercial,
    price: Money? = nil, appraisedPrice: Money? = nil, facts: ConversionFacts = ConversionFacts(),
    convention: Convention = .ledger
  ) {
    self.commercialBalance = commercialBalance
    self.commercialRate = commercialRate
    self.remainingMonths = remainingMonths
    self.providentRate = providentRate
    self.quota = quota
    self.fees = fees
    self.bridge = bridge
    self.shortfall = shortfall
    self.price = price
    self.appraisedPrice = appraisedPrice
    self.facts = facts
    self.convention = convention
  }
}

/// Monthly payment and interest of one side of the comparison (amounts as the convention shows
/// them).
public struct ConversionSide: Sendable {
  /// The regular monthly payment (both loans together after the conversion).
  public let payment: Money
  /// Interest from the conversion on.
  public let totalInterest: Money
}

/// The outcome of a 商转公.
public struct ConversionResult: Sendable {
  /// No condition failed (conditions that could not be checked are listed as unchecked).
  public var eligible: Bool { !checks.contains { $0.status == .failed } }
  public let checks: [RuleCheck]
  /// `min(limbs)`: the provident loan.
  public let providentAmount: Money
  /// `B_c − providentAmount`.
  public let shortfall: Money
  public let shortfallHandling: ShortfallHandling
  /// The limbs of the amount: quota, commercialBalance, loanToValue (where the city has it).
  public let limbs: [Limb]
  public let binding: String
  /// The quota trial, when the quota was tried under the city's rules.
  public let quotaTrial: QuotaResult?
  public let providentRate: AnnualRate
  public let rateExplain: String
  public let providentMonths: Int
  public let remainingMonths: Int
  /// The commercial loan as it stands, from the conversion on.
  public let commercialLoan: Loan
  public let providentLoan: Loan?
  public let residualLoan: Loan?
  public let before: ConversionSide
  public let after: ConversionSide
  public let providentPayment: Money
  public let residualCommercialPayment: Money
  /// `before.payment − after.payment`.
  public let monthlySaving: Money
  /// `before.totalInterest − after.totalInterest`.
  public let interestSaved: Money
  /// `fees + bridge cost`.
  public let fees: Money
  public let feesExplain: String
  /// The first month whose cumulative saving covers the fees (0 without fees); nil when the
  /// saving never covers them within the remaining term.
  public let breakEvenMonth: Int?
  public let convention: Convention
  /// The city's 商转公 rule set in force, when a city was given.
  public let effective: Effective?
  public let city: CityPolicy?
}

/// 商转公 (docs/domain.md §3): eligibility under the city's rules, the provident amount, the shortfall,
/// the new schedules and the savings.
///
/// ```
/// amount    = min( quota,
///                  B_c − principal of the next N commercial installments (N by city; else 0),
///                  LTV × min(price, re-appraised price)   (where the city has it) )
/// shortfall = B_c − amount   → paid in cash, or kept as a residual commercial loan
/// before    = ledger of (B_c, a_c, m)
/// after     = ledger of (amount, a_h, m_h) + ledger of (shortfall, a_c, m)  (combination loan)
///             m_h = min(m, term allowed by age and the city's rules)
/// saving    = before.payment − after.payment;  interest saved = Σ interest before − Σ after
/// break-even: the first month k with Σ_{j ≤ k} (before_j − after_j) ≥ fees
/// ```
/// Under the `exact` convention every figure is computed from the unrounded installments
/// (`A·n − P` for the totals) and rounded once when shown, which reproduces docs/domain.md §3.4.
public enum Conversion {
  public static func run(
    _ request: ConversionRequest, rules: RulesInForce?, tables: RateTables = .bundled
  ) throws(PolicyError) -> ConversionResult {
    try PolicyError.catching { try compute(request, rules: rules, tables: tables) }
  }

  static func check(_ r: ConversionRequest) throws {
    guard r.commercialBalance > .zero else {
      throw PolicyInputError(
        .commercialBalance, "must be greater than 0 (got \(r.commercialBalance))")
    }
    guard r.commercialBalance <= Loan.maximumPrincipal else {
      throw PolicyInputError(
        .commercialBalance, "must be at most 10000000000 (100亿) (got \(r.commercialBalance))")
    }
    guard (1...Loan.maximumMonths).contains(r.remainingMonths) else {
      throw PolicyInputError(
        .remainingMonths, "must be between 1 and \(Loan.maximumMonths) (got \(r.remainingMonths))")
    }
    for (field, rate) in [
      (PolicyField.commercialRate, r.commercialRate), (.providentRate, r.providentRate),
    ] {
      if let rate, rate < .zero || rate > Loan.maximumRate {
        throw PolicyInputError(
          field,
          "must be between 0 and 36 (got \(rate.percentText)); rates are in percent: 3.1 means 3.1%"
        )
      }
    }
    if case .given(let q) = r.quota, q < .zero {
      throw PolicyInputError(.quota, "must not be negative (got \(q))")
    }
    guard r.fees >= .zero else {
      throw PolicyInputError(.fees, "must not be negative (got \(r.fees))")
    }
    if let b = r.bridge {
      guard b.annualRate >= .zero && b.annualRate <= Loan.maximumRate else {
        throw PolicyInputError(
          .bridgeRate, "must be between 0 and 36 (got \(b.annualRate.percentText))")
      }
      guard (0...3650).contains(b.days) else {
        throw PolicyInputError(.bridgeDays, "must be between 0 and 3650 (got \(b.days))")
      }
    }
    if let price = r.price {
      guard price > .zero else {
        throw PolicyInputError(.price, "must be greater than 0 (got \(price))")
      }
      guard price >= r.commercialBalance else {
        throw PolicyInputError(
          .price, "must not be below the commercial balance \(r.commercialBalance) (got \(price))")
      }
    }
    if let p = r.appraisedPrice, p <= .zero {
      throw PolicyInputError(.appraisedPrice, "must be greater than 0 (got \(p))")
    }
    if let m = r.facts.monthsRepaid, m < 0 || m > Loan.maximumMonths {
      throw PolicyInputError(
        .monthsRepaid, "must be between 0 and \(Loan.maximumMonths) (got \(m))")
    }
    if let o = r.facts.overduePeriods, o < 0 || o > Loan.maximumMonths {
      throw PolicyInputError(
        .overduePeriods, "must be between 0 and \(Loan.maximumMonths) (got \(o))")
    }
    if let ratio = r.facts.loanRatio, ratio < .zero || ratio > Percent(1000) {
      throw PolicyInputError(
        .loanRatio, "must be a percentage between 0 and 1000 (got \(ratio.text))")
    }
  }

  static func compute(_ r: ConversionRequest, rules: RulesInForce?, tables: RateTables) throws
    -> ConversionResult
  {
    try check(r)
    let section = try rules.map { try $0.conversion() }
    let conv = section?.rules
    let checks = conv.map { eligibility(r.facts, $0, city: rules!.city.id) } ?? []

    // The commercial loan from now on (the "before" side).
    let commercial = try loan(
      r.commercialBalance, r.commercialRate, r.remainingMonths, .commercialBalance)
    let before = Leg(commercial, r.convention)

    // The quota: given, or tried under the city's rules with the conversion's overrides.
    var trial: QuotaResult? = nil
    var limbs: [Limb] = []
    switch r.quota {
    case .given(let q):
      limbs.append(Limb(id: "quota", amount: q, explain: "quota given: \(fmt(q))", citations: []))
    case .trial(var request):
      guard let rules else {
        throw PolicyInputError(.quota, "needs a city's rules to be tried; give the quota instead")
      }
      request.requestedMonths = r.remainingMonths
      if let rate = r.providentRate { request.providentRate = rate }
      if request.price == nil { request.price = r.price }
      trial = try QuotaTrial.run(request, rules: rules, tables: tables, conversion: conv)
      limbs.append(
        Limb(
          id: "quota", amount: trial!.quota,
          explain:
            "quota trial under \(rules.city.id)'s rules: \(fmt(trial!.quota)), binding \(trial!.binding)",
          citations: trial!.citations))
    }

    // The commercial balance, less the next N months' principal where the city says so.
    var deduction = Money.zero
    var balanceExplain = "outstanding commercial principal \(fmt(r.commercialBalance))"
    var balanceCitations: [Citation] = []
    if let n = conv?.deductNextPrincipalMonths, n.value > 0 {
      let months = min(n.value, r.remainingMonths)
      deduction = before.schedule.installments.prefix(months).reduce(.zero) { $0 + $1.principal }
      balanceExplain +=
        " − principal of the next \(months) installments \(fmt(deduction)) \(n.citation.tag) = \(fmt(r.commercialBalance - deduction))"
      balanceCitations.append(n.citation)
    }
    limbs.append(
      Limb(
        id: "commercialBalance", amount: r.commercialBalance - deduction, explain: balanceExplain,
        citations: balanceCitations))

    if let ltv = conv?.loanToValue {
      guard let price = r.price else {
        throw PolicyInputError(
          .price,
          "is required: \(rules!.city.id) limits 商转公 to \(ltv.value) of the lower of the original and re-appraised price \(ltv.citation.tag)"
        )
      }
      let base = min(price, r.appraisedPrice ?? price)
      let amount = base.times(ltv.value, .down)
      let which =
        r.appraisedPrice.map { "lower of price \(fmt(price)) and re-appraised \(fmt($0))" }
        ?? "price"
      limbs.append(
        Limb(
          id: "loanToValue", amount: amount,
          explain: "\(which) \(fmt(base)) × \(ltv.value) \(ltv.citation.tag) = \(fmt(amount))",
          citations: [ltv.citation]))
    }

    let amount = limbs.compactMap(\.amount).min()!
    let binding = limbs.first { $0.amount == amount }!.id
    let shortfall = r.commercialBalance - amount

    // The provident term and rate.
    let providentMonths = min(r.remainingMonths, trial?.term.maxMonths ?? r.remainingMonths)
    let (rate, rateExplain) = try providentRate(r, trial: trial)

    var providentLoan: Loan? = nil
    var legs: [Leg] = []
    if amount > .zero {
      guard providentMonths > 0 else {
        throw PolicyInputError(
          .birth, "leaves no term for a provident loan (the age limit is reached)")
      }
      let l = try loan(amount, rate, providentMonths, .quota)
      providentLoan = l
      legs.append(Leg(l, r.convention))
    }
    var residualLoan: Loan? = nil
    if shortfall > .zero && r.shortfall == .residualCommercial {
      let l = try loan(shortfall, r.commercialRate, r.remainingMonths, .commercialBalance)
      residualLoan = l
      legs.append(Leg(l, r.convention))
    }
    let after = Leg.combined(legs, months: r.remainingMonths)
    let providentLeg = amount > .zero ? legs.first : nil
    let residualLeg = residualLoan != nil ? legs.last : nil

    // Fees and break-even.
    var fees = r.fees
    var feesExplain = "fees \(fmt(r.fees))"
    if let b = r.bridge {
      let cost = bridgeCost(r.commercialBalance, b)
      fees = fees + cost
      feesExplain +=
        " + bridging \(fmt(r.commercialBalance)) × \(b.annualRate.percentText)% × \(b.days) / 360 = \(fmt(cost)); total \(fmt(fees))"
    }
    let breakEven = breakEvenMonth(fees: fees, before: before.monthly, after: after.monthly)

    return ConversionResult(
      checks: checks, providentAmount: amount, shortfall: shortfall,
      shortfallHandling: r.shortfall, limbs: limbs, binding: binding, quotaTrial: trial,
      providentRate: rate, rateExplain: rateExplain, providentMonths: providentMonths,
      remainingMonths: r.remainingMonths, commercialLoan: commercial, providentLoan: providentLoan,
      residualLoan: residualLoan,
      before: ConversionSide(
        payment: shown(before.payment), totalInterest: shown(before.totalInterest)),
      after: ConversionSide(
        payment: shown(after.payment), totalInterest: shown(after.totalInterest)),
      providentPayment: shown(providentLeg?.payment ?? 0),
      residualCommercialPayment: shown(residualLeg?.payment ?? 0),
      monthlySaving: shown(before.payment - after.payment),
      interestSaved: shown(before.totalInterest - after.totalInterest), fees: fees,
      feesExplain: feesExplain, breakEvenMonth: breakEven, convention: r.convention,
      effective: section?.city?.effective, city: rules?.city)
  }

  static func providentRate(_ r: ConversionRequest, trial: QuotaResult?) throws -> (
    AnnualRate, String
  ) {
    if let rate = r.providentRate { return (rate, "given") }
    guard let trial else {
      throw PolicyInputError(
        .providentRate,
        "is required when the quota is given (the tables need the home and the date)")
    }
    return (trial.providentRate, trial.rateExplain)
  }

  static func loan(_ principal: Money, _ rate: AnnualRate, _ months: Int, _ field: PolicyField)
    throws -> Loan
  {
    do {
      return try Loan(principal: principal, annualRate: rate, months: months)
    } catch {
      throw PolicyInputError(
        field, error.message(calling: "gives a loan whose \(error.field.name)"))
    }
  }

  /// `round(amount × rate × days / 360)` half up, in 38-digit decimal arithmetic.
  static func bridgeCost(_ amount: Money, _ b: BridgeCost) -> Money {
    let fen =
      Decimal(amount.fen) * Decimal(b.annualRate.units) * Decimal(b.days)
      / (Decimal(360) * Decimal(AnnualRate.unitsPerWhole))
    return shown(fen)
  }

  /// The first month `k` (1-based) with `Σ_{j ≤ k} (before_j − after_j) ≥ fees`; 0 without fees.
  static func breakEvenMonth(fees: Money, before: [Decimal], after: [Decimal]) -> Int? {
    if fees <= .zero { return 0 }
    var cumulative = Decimal(0)
    for k in before.indices {
      cumulative += before[k] - (k < after.count ? after[k] : 0)
      if cumulative >= Decimal(fees.fen) { return k + 1 }
    }
    return nil
  }

  // MARK: - Eligibility

  static func eligibility(_ f: ConversionFacts, _ c: ConversionRules, city: String) -> [RuleCheck] {
    var checks: [RuleCheck] = []
    func add(_ id: String, _ status: RuleCheck.Status, _ explain: String, _ citation: Citation?) {
      checks.append(RuleCheck(id: id, status: status, explain: explain, citation: citation))
    }
    if let offered = c.offered {
      add(
        "offered", offered.value ? .met : .failed,
        "\(city) \(offered.value ? "offers" : "does not offer") 商转公 \(offered.citation.tag)",
        offered.citation)
    } else {
      add("offered", .unchecked, "whether \(city) offers 商转公 is not on file", nil)
    }
    if let gate = c.loanRatioGate {
      if let ratio = f.loanRatio {
        if let band = gate.value.first(where: { $0.contains(ratio) }) {
          let (status, words): (RuleCheck.Status, String) =
            switch band.payload {
            case .open: (.met, "open")
            case .restricted: (.met, "restricted (quota management, appointments)")
            case .suspended: (.failed, "suspended")
            }
          add(
            "loanRatioGate", status,
            "fund loan ratio (个贷率) \(ratio) in \(band.rangeText()): conversions \(words) \(gate.citation.tag)",
            gate.citation)
        } else {
          add(
            "loanRatioGate", .unchecked,
            "the rules say nothing at fund loan ratio (个贷率) \(ratio) \(gate.citation.tag)",
            gate.citation)
        }
      } else {
        add(
          "loanRatioGate", .unchecked,
          "\(city) gates conversions by the fund's loan ratio (个贷率) \(gate.citation.tag): give it to check",
          gate.citation)
      }
    }
    if let check = RuleCheck.atLeast(
      "minMonthsRepaid", c.minMonthsRepaid, f.monthsRepaid, "months repaid")
    {
      checks.append(check)
    }
    if let rule = c.noOverdue, rule.value {
      let window =
        c.overdueLookbackMonths.map { " in the last \($0.value) months \($0.citation.tag)" } ?? ""
      if let o = f.overduePeriods {
        add(
          "noOverdue", o == 0 ? .met : .failed,
          "\(o) overdue installments\(window); none allowed \(rule.citation.tag)", rule.citation)
      } else {
        add(
          "noOverdue", .unchecked,
          "no overdue installment allowed\(window) \(rule.citation.tag): give the overdue count",
          rule.citation)
      }
    }
    checks += [
      RuleCheck.yesNo(
        "propertyCertificate", c.propertyCertificate, f.propertyCertificate, wanted: true,
        "property certificate issued"),
      RuleCheck.yesNo(
        "noPriorProvidentLoan", c.noPriorProvidentLoan, f.priorProvidentLoan, wanted: false,
        "earlier provident loan"),
      RuleCheck.yesNo(
        "onlyHomeInCity", c.onlyHomeInCity, f.onlyHomeInCity, wanted: true,
        "the family's only home in \(city)"),
      RuleCheck.yesNo(
        "housingMortgageOnly", c.housingMortgageOnly, f.housingMortgage, wanted: true,
        "a commercial housing mortgage"),
    ].compactMap { $0 }
    return checks
  }

  /// Fen as shown: rounded half away from zero (half up for the positive amounts shown).
  static func shown(_ fen: Decimal) -> Money {
    var value = fen
    var rounded = Decimal()
    NSDecimalRound(&rounded, &value, 0, .plain)
    return Money(fen: NSDecimalNumber(decimal: rounded).int64Value)
  }
}

/// One loan of the comparison under a convention: its schedule, regular payment, total interest
/// and month-by-month payments, in fen (unrounded under `exact`).
struct Leg {
  let schedule: Schedule
  let payment: Decimal
  let totalInterest: Decimal
  let monthly: [Decimal]

  init(_ loan: Loan, _ convention: Convention) {
    schedule = loan.schedule(convention: .ledger)
    switch convention {
    case .ledger:
      payment = Decimal(schedule.regularPayment.fen)
      totalInterest = Decimal(schedule.totalInterest.fen)
      monthly = schedule.installments.map { Decimal($0.payment.fen) }
    case .exact:
      // Equal installment, undated, one rate: every installment is A; Σ interest = A·n − P.
      let a = Annuity.decimalPayment(
        balance: Decimal(loan.principal.fen), rate: loan.annualRate, periods: loan.months)
      payment = a
      totalInterest = a * Decimal(loan.months) - Decimal(loan.principal.fen)
      monthly = Array(repeating: a, count: loan.months)
    }
  }

  /// The legs summed month by month (a combination loan, docs/conventions.md §6); no legs: nothing to pay.
  static func combined(_ legs: [Leg], months: Int) -> (
    payment: Decimal, totalInterest: Decimal, monthly: [Decimal]
  ) {
    var monthly = Array(repeating: Decimal(0), count: months)
    for leg in legs {
      for (k, p) in leg.monthly.enumerated() where k < months { monthly[k] += p }
    }
    return (
      legs.reduce(Decimal(0)) { $0 + $1.payment },
      legs.reduce(Decimal(0)) { $0 + $1.totalInterest },
      monthly
    )
  }
}
