// The quota trial: every limb worked by hand from the policy files (values quoted with their tags).
import Foundation
import ProvidentCore
import Testing
import _ProvidentTestSupport

@testable import ProvidentPolicy

@Suite("QuotaTrial")
struct QuotaTrialTests {
  static func date(_ text: String) -> LocalDate { try! LocalDate(parsing: text) }

  static func request(
    on: String = "2025-06-01", price: String? = "3000000", balance: String = "80000",
    coBalance: String? = "40000", income: String = "30000", debt: String = "0",
    birth: String = "1990-05-01", group: RetirementGroup = .man,
    facts: HomeFacts = HomeFacts(firstHome: true), loanRatio: String? = nil,
    depositYears: Int? = nil, buildingAge: Int? = nil
  ) -> QuotaRequest {
    QuotaRequest(
      date: date(on), price: price.map { Money($0) }, balance: Money(balance),
      coBalance: coBalance.map { Money($0) }, monthlyIncome: Money(income),
      monthlyDebt: Money(debt), birth: date(birth), group: group, facts: facts,
      loanRatio: loanRatio.map { try! Percent(parsing: $0) }, depositYears: depositYears,
      buildingAge: buildingAge)
  }

  static func run(_ city: String, _ r: QuotaRequest) throws -> QuotaResult {
    try QuotaTrial.run(r, rules: PolicyLibrary.bundled.rules(city: city, on: r.date))
  }

  static func limb(_ result: QuotaResult, _ id: String) -> Limb? {
    result.limbs.first { $0.id == id }
  }

  /// The issue's contract example, every limb by hand (Shenzhen rules from 2025-03-24):
  ///
  ///     cap       family 1,100,000 [S93;S94] × (1 + 40 % first home [S93;S94]) = 1,540,000
  ///               (ceiling 2,310,000 [S93;S94;S95] not reached)
  ///     LTV       3,000,000 × (100 % − 20 % [S95;S96]) = 2,400,000
  ///     balance   (80,000 + 40,000) × 16 [S96] = 1,920,000
  ///     capacity  30,000 × 50 % [S91] = 15,000 a month; age 1990-05-01 → 2025-06-01 = 421 months;
  ///               man born 1990-05: 63 y = 756 months; 756 + 5·12 [S108;S109] − 421 = 395;
  ///               min(30·12 [S108], 395) = 360 months; rate 2.6 % (first home > 5 y, 2025-05-08);
  ///               PMT(1; 2.6 %/12; 360) = 0.00400339711536368…, 15,000 / it = 3,746,817.906… →
  ///               3,746,817.90 → down to 1,000 [unverified]: 3,746,000
  ///     quota     min = 1,540,000: binding cap
  /// (PMT worked in Python decimal at 50 digits: r·g/(g−1), g = (1 + 0.026/12)^360.)
  @Test func issue4_contractExample() throws {
    let result = try Self.run("shenzhen", Self.request())
    #expect(result.quota == Money("1540000"))
    #expect(result.binding == "cap")
    #expect(result.term.maxMonths == 360)
    #expect(result.term.ageMonths == 421)
    #expect(result.term.retirementAgeMonths == 756)
    #expect(result.household == .family)
    #expect(result.providentRate == AnnualRate("2.6"))
    #expect(result.limbs.map(\.id) == ["cap", "loanToValue", "balance", "repaymentCapacity"])
    #expect(Self.limb(result, "cap")?.amount == Money("1540000"))
    #expect(Self.limb(result, "loanToValue")?.amount == Money("2400000"))
    #expect(Self.limb(result, "balance")?.amount == Money("1920000"))
    #expect(Self.limb(result, "repaymentCapacity")?.amount == Money("3746000"))
    #expect(result.missingLimbs.isEmpty)
    #expect(result.effective.from == Self.date("2025-03-24"))
    let cap = try #require(Self.limb(result, "cap")).explain
    #expect(
      cap == "family cap 1,100,000.00 [S93;S94] × (1 + 40% first home [S93;S94]) = 1,540,000.00")
    #expect(
      Self.limb(result, "balance")?.explain
        == "balances (80,000.00 + 40,000.00) × 16 [S96; UNVERIFIED] = 1,920,000.00")
    let capacity = try #require(Self.limb(result, "repaymentCapacity")).explain
    #expect(capacity.contains("principal 3,746,817.90, down to a multiple of 1,000.00"))
  }

  /// The same applicant alone, a 1,000,000 home, balance 100,000:
  ///     cap 600,000 × 1.4 = 840,000; LTV 1,000,000 × 80 % = 800,000 ← binding;
  ///     balance 100,000 × 16 = 1,600,000; capacity 3,746,000 (as above).
  @Test func loanToValueBinds() throws {
    let result = try Self.run(
      "shenzhen", Self.request(price: "1000000", balance: "100000", coBalance: nil))
    #expect(result.household == .single)
    #expect(Self.limb(result, "cap")?.amount == Money("840000"))
    #expect(result.quota == Money("800000"))
    #expect(result.binding == "loanToValue")
  }

  /// Balance 30,000 single: 30,000 × 16 = 480,000 < cap 840,000 and LTV 2,400,000.
  @Test func balanceBinds() throws {
    let result = try Self.run("shenzhen", Self.request(balance: "30000", coBalance: nil))
    #expect(result.quota == Money("480000"))
    #expect(result.binding == "balance")
  }

  /// Income 5,000: 2,500 a month over 360 months at 2.6 %: 2,500 / 0.00400339711536368… =
  /// 624,469.651… → 624,469.65 → 624,000 (Python decimal); balance 200,000 × 16 = 3.2M.
  @Test func repaymentCapacityBinds() throws {
    let result = try Self.run(
      "shenzhen", Self.request(balance: "200000", coBalance: nil, income: "5000"))
    #expect(result.quota == Money("624000"))
    #expect(result.binding == "repaymentCapacity")
    // With 1,000 of other debts the installment allowed is 1,500: 1,500 / 0.004003397… =
    // 374,681.79 → 374,000.
    let indebted = try Self.run(
      "shenzhen", Self.request(balance: "200000", coBalance: nil, income: "5000", debt: "1000"))
    #expect(indebted.quota == Money("374000"))
  }

  /// A woman worker born 1975-03-10 on 2025-06-01: age 602 months (the 10th not yet reached);
  /// statutory age 50 y 2 m = 602; 602 + 60 − 602 = 60 months → the "≤ 5 years" first-home rate
  /// 2.1 % (2025-05-08). 15,000 / PMT(1; 2.1 %/12; 60) = 853,653.023… → 853,000.
  @Test func termFromRetirementAgeAndRateBucket() throws {
    let result = try Self.run(
      "shenzhen",
      Self.request(balance: "500000", birth: "1975-03-10", group: .womanWorker))
    #expect(result.term.ageMonths == 602)
    #expect(result.term.retirementAgeMonths == 602)
    #expect(result.term.maxMonths == 60)
    #expect(result.providentRate == AnnualRate("2.1"))
    #expect(Self.limb(result, "repaymentCapacity")?.amount == Money("853000"))
    #expect(result.quota == Money("853000"))
    #expect(result.binding == "repaymentCapacity")
  }

  /// Past the age limit: no term, the capacity limb is 0 and binds.
  @Test func noTermLeft() throws {
    let result = try Self.run(
      "shenzhen", Self.request(birth: "1960-01-01", group: .man))
    // 1960: before the reform, 60 y = 720; age 65 y 5 m = 785; 720 + 60 − 785 < 0 → 0.
    #expect(result.term.maxMonths == 0)
    #expect(result.quota == .zero)
    #expect(result.binding == "repaymentCapacity")
    #expect(Self.limb(result, "repaymentCapacity")!.explain.hasSuffix(": no term left"))
  }

  /// Shenzhen's 2023 rules (2023-03-24 … 2025-03-23) on 2024-01-01, first home, green building:
  /// family 900,000 [S97] × (1 + 20 % + 10 %) = 1,170,000; balance 120,000 × 14 = 1,680,000;
  /// no down payment on file for 2023 → the LTV limb is not applied.
  @Test func earlierRuleSetAndUpliftsAdd() throws {
    let result = try Self.run(
      "shenzhen",
      Self.request(on: "2024-01-01", facts: HomeFacts(firstHome: true, greenBuilding: true)))
    #expect(Self.limb(result, "cap")?.amount == Money("1170000"))
    #expect(Self.limb(result, "balance")?.amount == Money("1680000"))
    #expect(Self.limb(result, "loanToValue")?.amount == nil)
    #expect(result.missingLimbs == ["loanToValue"])
    #expect(result.quota == Money("1170000"))
  }

  /// Every uplift of 2025 together hits the published ceiling exactly: 1,100,000 × (1 + 40 % +
  /// 50 % + 20 %) = 2,310,000 = ceiling [S93;S94;S95].
  @Test func allUpliftsMeetTheCeiling() throws {
    let result = try Self.run(
      "shenzhen",
      Self.request(
        price: "9000000", balance: "500000",
        facts: HomeFacts(firstHome: true, multiChild: true, greenBuilding: true)))
    #expect(Self.limb(result, "cap")?.amount == Money("2310000"))
  }

  /// Changsha: the multiple by 个贷率 [S92]; 80 % falls in 80–85 % → 15; 74.99 % → 20.
  /// (80,000 + 40,000) × 15 = 1,800,000; × 20 = 2,400,000. No cap and no down payment on file.
  @Test func changshaMultipleByLoanRatio() throws {
    let at80 = try Self.run("changsha", Self.request(loanRatio: "80"))
    #expect(Self.limb(at80, "balance")?.amount == Money("1800000"))
    #expect(at80.missingLimbs == ["cap", "loanToValue"])
    #expect(at80.binding == "balance")
    let below = try Self.run("changsha", Self.request(loanRatio: "74.99"))
    #expect(Self.limb(below, "balance")?.amount == Money("2400000"))
    let high = try Self.run("changsha", Self.request(loanRatio: "96"))
    #expect(Self.limb(high, "balance")?.amount == Money("1440000"))  // × 12
  }

  @Test func changshaNeedsTheLoanRatio() throws {
    #expect(throws: PolicyError.self) { try Self.run("changsha", Self.request()) }
    do {
      _ = try Self.run("changsha", Self.request())
    } catch {
      guard case .input(let e) = error as? PolicyError else { throw error }
      #expect(e.field == .loanRatio)
      #expect(
        e.message.hasPrefix(
          "is required: changsha's balance multiple depends on the fund's loan ratio"))
    }
  }

  /// Chongqing from 2024-10-14 [S72]: multi-child family 1,600,000; second home: down payment 20 %.
  /// Price 1,500,000 × 80 % = 1,200,000; no uplifts; balances 120,000 × (no multiple on file).
  @Test func chongqingMultiChildSecondHome() throws {
    let result = try Self.run(
      "chongqing",
      Self.request(price: "1500000", facts: HomeFacts(firstHome: false, multiChild: true)))
    #expect(Self.limb(result, "cap")?.amount == Money("1600000"))
    #expect(Self.limb(result, "loanToValue")?.amount == Money("1200000"))
    #expect(result.missingLimbs == ["balance"])
    #expect(result.quota == Money("1200000"))
    // Second home: the second-home rate over 360 months, 3.075 % (2025-05-08).
    #expect(result.providentRate == AnnualRate("3.075"))
  }

  /// Beijing 2018 rules on 2019-06-01: 7 years × 100,000 [S101] = 700,000; a second home's cap
  /// is 600,000 [S101] and binds.
  @Test func beijingDepositYears() throws {
    let first = try Self.run(
      "beijing", Self.request(on: "2019-06-01", depositYears: 7))
    #expect(Self.limb(first, "depositYears")?.amount == Money("700000"))
    #expect(first.binding == "depositYears")
    let second = try Self.run(
      "beijing",
      Self.request(on: "2019-06-01", facts: HomeFacts(firstHome: false), depositYears: 7))
    #expect(second.quota == Money("600000"))
    #expect(second.binding == "cap")
  }

  /// Hainan resale home, family: 700,000 [S98]; first home: 3,000,000 × 75 % [S99] = 2,250,000.
  @Test func hainanResale() throws {
    let result = try Self.run(
      "hainan", Self.request(facts: HomeFacts(firstHome: true, resale: true)))
    #expect(result.quota == Money("700000"))
    #expect(Self.limb(result, "loanToValue")?.amount == Money("2250000"))
  }

  /// Shanghai resale home in a 25-year-old building: 50 − 25 = 25 years [S105] = 300 months;
  /// the single-applicant cap is not on file.
  @Test func shanghaiBuildingAgeTerm() throws {
    let result = try Self.run(
      "shanghai",
      Self.request(coBalance: nil, facts: HomeFacts(firstHome: true, resale: true), buildingAge: 25)
    )
    #expect(result.term.maxMonths == 300)
    #expect(result.missingLimbs.contains("cap"))
    #expect(throws: PolicyError.self) {
      try Self.run("shanghai", Self.request(facts: HomeFacts(firstHome: true, resale: true)))
    }
  }

  @Test func noRulesInForceOrUnknownCity() throws {
    do {
      _ = try Self.run("shenzhen", Self.request(on: "2020-01-01"))
      Issue.record("expected an error")
    } catch {
      #expect(
        "\(error)"
          == "shenzhen has no quota (额度试算) rules in force on 2020-01-01; its rule sets cover 2023-03-24 … 2025-03-23, 2025-03-24 …"
      )
    }
    #expect(
      throws: PolicyLookupError.unknownCity(
        "shenzen", known: PolicyLibrary.bundled.cityIDs, suggestion: "shenzhen")
    ) {
      try PolicyLibrary.bundled.rules(city: "shenzen", on: Self.date("2025-01-01"))
    }
  }

  @Test(arguments: [
    (request(balance: "-1"), PolicyField.balance, "must not be negative (got -1.00)"),
    (request(coBalance: "-1"), .coBalance, "must not be negative (got -1.00)"),
    (request(income: "-5000"), .monthlyIncome, "must not be negative (got -5000.00)"),
    (
      request(birth: "2030-01-01"), .birth,
      "must be before the date of the trial 2025-06-01 (got 2030-01-01, in the future)"
    ),
    (request(price: "0"), .price, "must be greater than 0 (got 0.00)"),
    (
      request(price: nil), .price,
      "is required: the loan is limited to a share of the price [S95;S96]"
    ),
  ])
  func badInput(_ r: QuotaRequest, _ field: PolicyField, _ message: String) throws {
    do {
      _ = try Self.run("shenzhen", r)
      Issue.record("expected an error")
    } catch let PolicyError.input(e) {
      #expect(e.field == field)
      #expect(e.message == message)
    }
  }

  /// The principal inversion is the largest principal whose unrounded level installment is at most
  /// the allowance: its ledger installment never exceeds it, and one fen more of principal would
  /// (unrounded). Random rates and terms, seeded.
  @Test func principalInversionIsTight() {
    var rng = SplitMix64(seed: 4)
    for _ in 0..<300 {
      let payment = Money(fen: Int64.random(in: 10_000...10_000_000, using: &rng))
      let rate = AnnualRate(units: Int64.random(in: 0...6_000_000, using: &rng))
      let months = Int.random(in: 1...360, using: &rng)
      let p = QuotaTrial.principal(payment: payment, rate: rate, months: months)
      #expect(Annuity.ledgerPayment(balanceFen: p.fen, rate: rate, periods: months) <= payment.fen)
      let more = Annuity.decimalPayment(balance: Decimal(p.fen + 1), rate: rate, periods: months)
      #expect(more > Decimal(payment.fen), "\(payment) \(rate) \(months) → \(p)")
    }
  }
}
