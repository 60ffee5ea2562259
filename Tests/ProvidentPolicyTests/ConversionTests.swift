// 商转公: the docs/domain.md §3.4 worked example under the convention that reproduces each figure, a
// conversion worked by hand, eligibility under the city files, and bad input.
import Foundation
import ProvidentCore
import Testing
import _ProvidentTestSupport

@testable import ProvidentPolicy

@Suite("Conversion (商转公)")
struct ConversionTests {
  static func date(_ text: String) -> LocalDate { try! LocalDate(parsing: text) }

  /// docs/domain.md §3.4: B_c 800,000, 300 months, commercial 3.2 %, provident 2.6 %, quota 600,000.
  static func example(
    quota: String = "600000", fees: String = "5000", convention: Convention = .ledger,
    shortfall: ShortfallHandling = .residualCommercial, bridge: BridgeCost? = nil
  ) -> ConversionRequest {
    ConversionRequest(
      commercialBalance: Money("800000"), commercialRate: AnnualRate("3.2"), remainingMonths: 300,
      providentRate: AnnualRate("2.6"), quota: .given(Money(quota)), fees: Money(fees),
      bridge: bridge, shortfall: shortfall, convention: convention)
  }

  /// The golden file's figures are exact-convention (closed-form) values, as its header says:
  /// every one of them reproduces under `.exact`.
  @Test func domainWorkedExampleExactConvention() throws {
    let rows = try Golden.rows("conversion.csv")
    #expect(rows.count == 6)
    for row in rows {
      let request = ConversionRequest(
        commercialBalance: Money(row["commercial_balance"]),
        commercialRate: AnnualRate(row["commercial_rate"]),
        remainingMonths: Int(row["remaining_months"])!,
        providentRate: AnnualRate(row["provident_rate"]), quota: .given(Money(row["quota"])),
        fees: Money(row["fees"]), convention: .exact)
      let result = try Conversion.run(request, rules: nil)
      let actual: String =
        switch row["field"] {
        case "commercialPayment": result.before.payment.description
        case "providentPayment": result.providentPayment.description
        case "residualCommercialPayment": result.residualCommercialPayment.description
        case "monthlySaving": result.monthlySaving.description
        case "interestSaved": result.interestSaved.description
        case "breakEvenMonth": result.breakEvenMonth.map(String.init) ?? "none"
        default: "unknown field \(row["field"])"
        }
      #expect(actual == row["expected"], "\(row)")
    }
  }

  /// The same conversion under the ledger (the default). Worked by hand from the rounded
  /// installments of the golden file (3,877.43; 2,722.02; 969.36, the same under both conventions):
  ///
  ///     monthly saving  3,877.43 − 2,722.02 − 969.36 = 186.05   (exact: 186.0568… → 186.06)
  ///     break-even      5,000 / 186.05 = 26.87… → month 27
  ///     interest saved  ledger totals 363,229.88 − 216,604.89 − 90,807.05 = 55,817.94
  ///                     (each total a fen-rounded 300-row ledger, summed in Python decimal;
  ///                     datasets/README.md records 55,817.94 too; exact: 55,817.05)
  @Test func domainWorkedExampleLedgerConvention() throws {
    let result = try Conversion.run(Self.example(), rules: nil)
    #expect(result.before.payment == Money("3877.43"))
    #expect(result.providentPayment == Money("2722.02"))
    #expect(result.residualCommercialPayment == Money("969.36"))
    #expect(result.after.payment == Money("3691.38"))  // 2,722.02 + 969.36
    #expect(result.monthlySaving == Money("186.05"))
    #expect(result.breakEvenMonth == 27)
    #expect(result.before.totalInterest == Money("363229.88"))
    #expect(result.after.totalInterest == Money("307411.94"))  // 216,604.89 + 90,807.05
    #expect(result.interestSaved == Money("55817.94"))
    #expect(result.providentAmount == Money("600000"))
    #expect(result.shortfall == Money("200000"))
    #expect(result.binding == "quota")
    #expect(result.residualLoan?.principal == Money("200000"))
    #expect(result.eligible)  // no city: nothing to check
    #expect(result.checks.isEmpty)
  }

  /// A quota that covers the balance: no shortfall, no residual loan, and the saving is the
  /// difference of the two ledgers: provident 800,000 at 2.6 % over 300 months pays 3,629.36
  /// (total interest 288,806.29, Python decimal ledger), so 3,877.43 − 3,629.36 = 248.07 a month
  /// and 363,229.88 − 288,806.29 = 74,423.59 of interest; 5,000 / 248.07 = 20.16 → month 21.
  @Test func quotaCoversTheBalance() throws {
    let result = try Conversion.run(Self.example(quota: "1000000"), rules: nil)
    #expect(result.shortfall == .zero)
    #expect(result.residualLoan == nil)
    #expect(result.residualCommercialPayment == .zero)
    #expect(result.providentAmount == Money("800000"))
    #expect(result.binding == "commercialBalance")
    #expect(result.providentPayment == Money("3629.36"))
    #expect(result.monthlySaving == Money("248.07"))
    #expect(result.interestSaved == Money("74423.59"))
    #expect(result.breakEvenMonth == 21)
    // And that is the difference of Core's two ledgers.
    let before = try Loan(principal: Money("800000"), annualRate: AnnualRate("3.2"), months: 300)
      .schedule()
    let after = try Loan(principal: Money("800000"), annualRate: AnnualRate("2.6"), months: 300)
      .schedule()
    #expect(result.monthlySaving == before.regularPayment - after.regularPayment)
    #expect(result.interestSaved == before.totalInterest - after.totalInterest)
  }

  /// The shortfall paid in cash: after the conversion only the provident installment remains;
  /// interest saved counts the residual's interest avoided: 363,229.88 − 216,604.89 = 146,624.99.
  @Test func shortfallPaidInCash() throws {
    let result = try Conversion.run(Self.example(shortfall: .cash), rules: nil)
    #expect(result.residualLoan == nil)
    #expect(result.after.payment == Money("2722.02"))
    #expect(result.monthlySaving == Money("1155.41"))  // 3,877.43 − 2,722.02
    #expect(result.interestSaved == Money("146624.99"))
    #expect(result.shortfall == Money("200000"))
  }

  /// Bridging 800,000 at 3.65 % for 10 days: 800,000 × 0.0365 × 10 / 360 = 811.111… → 811.11;
  /// fees 5,811.11 / 186.05 = 31.2… → month 32. Fees never recovered: none.
  @Test func bridgeCostAndBreakEven() throws {
    let result = try Conversion.run(
      Self.example(bridge: BridgeCost(annualRate: AnnualRate("3.65"), days: 10)), rules: nil)
    #expect(result.fees == Money("5811.11"))
    #expect(result.breakEvenMonth == 32)
    let free = try Conversion.run(Self.example(fees: "0"), rules: nil)
    #expect(free.breakEvenMonth == 0)
    // 186.05 × 300 = 55,815 < 60,000 (and the last month differs by less than a yuan).
    let never = try Conversion.run(Self.example(fees: "60000"), rules: nil)
    #expect(never.breakEvenMonth == nil)
  }

  // MARK: - City rules

  static func rules(_ city: String, _ on: String) -> RulesInForce {
    try! PolicyLibrary.bundled.rules(city: city, on: date(on))
  }

  /// Guangzhou's draft [S68]: the amount excludes the next 3 months' principal of the commercial
  /// ledger — 1,744.10 + 1,748.75 + 1,753.41 = 5,246.26 (800,000 × 3.2 %/12 = 2,133.33 interest,
  /// 3,877.43 − 2,133.33 = 1,744.10; then 798,255.90 → 2,128.68 → 1,748.75; 796,507.15 →
  /// 2,124.02 → 1,753.41), so 794,753.74; and 60 % of the lower of 1,500,000 and a re-appraised
  /// 1,200,000 = 720,000, which binds.
  @Test func guangzhouAmountLimbs() throws {
    var request = Self.example(quota: "1000000")
    request.price = Money("1500000")
    request.appraisedPrice = Money("1200000")
    let result = try Conversion.run(request, rules: Self.rules("guangzhou", "2025-08-01"))
    let balance = try #require(result.limbs.first { $0.id == "commercialBalance" })
    #expect(balance.amount == Money("794753.74"))
    let ltv = try #require(result.limbs.first { $0.id == "loanToValue" })
    #expect(ltv.amount == Money("720000"))
    #expect(result.providentAmount == Money("720000"))
    #expect(result.binding == "loanToValue")
    #expect(result.shortfall == Money("80000"))
  }

  @Test func guangzhouNeedsThePrice() throws {
    #expect(throws: PolicyError.self) {
      try Conversion.run(Self.example(), rules: Self.rules("guangzhou", "2025-08-01"))
    }
  }

  /// The 个贷率 gate [S68]: < 75 % open, 75–85 % unspecified, 85–90 % restricted, ≥ 90 % suspended.
  @Test(arguments: [
    ("74.99", RuleCheck.Status.met, true),
    ("80", .unchecked, true),
    ("85", .met, true),
    ("90", .failed, false),
  ])
  func loanRatioGate(_ ratio: String, _ status: RuleCheck.Status, _ eligible: Bool) throws {
    var request = Self.example()
    request.price = Money("2000000")
    request.facts = ConversionFacts(
      monthsRepaid: 72, overduePeriods: 0, onlyHomeInCity: true,
      loanRatio: try Percent(parsing: ratio))
    let result = try Conversion.run(request, rules: Self.rules("guangzhou", "2025-08-01"))
    let gate = try #require(result.checks.first { $0.id == "loanRatioGate" })
    #expect(gate.status == status, "\(gate.explain)")
    #expect(result.eligible == eligible)
  }

  /// Shenzhen on 2025-06-01: offered [S70;S71]; the national typical conditions fill in; a loan
  /// repaid 8 months fails the 12-month seasoning [S65;S66;S67]; facts not given are unchecked.
  @Test func shenzhenEligibility() throws {
    var request = Self.example()
    request.facts = ConversionFacts(monthsRepaid: 8, overduePeriods: 0, propertyCertificate: true)
    let result = try Conversion.run(request, rules: Self.rules("shenzhen", "2025-06-01"))
    let byID = Dictionary(uniqueKeysWithValues: result.checks.map { ($0.id, $0) })
    #expect(byID["offered"]?.status == .met)
    #expect(byID["minMonthsRepaid"]?.status == .failed)
    #expect(byID["minMonthsRepaid"]?.explain == "8 months repaid, fewer than 12 [S65;S66;S67]")
    #expect(byID["noOverdue"]?.status == .met)
    #expect(byID["propertyCertificate"]?.status == .met)
    #expect(byID["noPriorProvidentLoan"]?.status == .unchecked)
    #expect(byID["housingMortgageOnly"]?.status == .unchecked)
    #expect(!result.eligible)
    // The figures are still worked (what the conversion would give).
    #expect(result.monthlySaving == Money("186.05"))
  }

  @Test func shanghaiDoesNotOffer() throws {
    let result = try Conversion.run(Self.example(), rules: Self.rules("shanghai", "2025-06-01"))
    #expect(result.checks.first?.explain == "shanghai does not offer 商转公 [S67; UNVERIFIED]")
    #expect(!result.eligible)
  }

  @Test func cityWithoutConversionRules() throws {
    do {
      _ = try Conversion.run(Self.example(), rules: Self.rules("changsha", "2025-06-01"))
      Issue.record("expected an error")
    } catch {
      #expect(
        "\(error)"
          == "changsha has no 商转公 (conversion) rules in force on 2025-06-01; its policy file has none"
      )
    }
  }

  /// The quota tried under Chengdu's rules (from 2024-10-15): its 商转公 income share 50 % [C6] and
  /// 30-year limit [C6]. A single applicant, balance 40,000, income 12,000, first home, born
  /// 1990-05-01 (man): cap 600,000 [S73]; no balance multiple or down payment on file; capacity
  /// 6,000 over min(300 remaining, 360) = 300 months at 2.6 %: 6,000 / 0.004536695… =
  /// 1,322,548.66 → 1,322,000 (Python decimal); quota 600,000 (cap binds) < 800,000 balance.
  @Test func quotaTriedUnderTheCitysRules() throws {
    var request = Self.example()
    request.quota = .trial(
      QuotaRequest(
        date: Self.date("2025-06-01"), price: Money("2000000"), balance: Money("40000"),
        monthlyIncome: Money("12000"), birth: Self.date("1990-05-01"), group: .man,
        facts: HomeFacts(firstHome: true)))
    request.providentRate = nil
    let result = try Conversion.run(request, rules: Self.rules("chengdu", "2025-06-01"))
    let trial = try #require(result.quotaTrial)
    #expect(trial.term.months == 300)
    #expect(trial.providentRate == AnnualRate("2.6"))
    #expect(trial.limbs.first { $0.id == "repaymentCapacity" }?.amount == Money("1322000"))
    #expect(trial.quota == Money("600000"))
    #expect(result.providentAmount == Money("600000"))
    #expect(result.providentPayment == Money("2722.02"))  // the §3.4 provident leg again
  }

  static func edited(_ edit: (inout ConversionRequest) -> Void) -> ConversionRequest {
    var request = example()
    edit(&request)
    return request
  }

  @Test(arguments: [
    (
      edited { $0.commercialBalance = Money("-1") }, PolicyField.commercialBalance,
      "must be greater than 0 (got -1.00)"
    ),
    (edited { $0.remainingMonths = 0 }, .remainingMonths, "must be between 1 and 600 (got 0)"),
    (edited { $0.fees = Money("-5") }, .fees, "must not be negative (got -5.00)"),
    (edited { $0.quota = .given(Money("-5")) }, .quota, "must not be negative (got -5.00)"),
    (
      edited { $0.price = Money("500000") }, .price,
      "must not be below the commercial balance 800000.00 (got 500000.00)"
    ),
    (
      edited { $0.providentRate = nil }, .providentRate,
      "is required when the quota is given (the tables need the home and the date)"
    ),
    (
      edited { $0.bridge = BridgeCost(annualRate: AnnualRate("3"), days: -1) }, .bridgeDays,
      "must be between 0 and 3650 (got -1)"
    ),
  ])
  func badInput(_ request: ConversionRequest, _ field: PolicyField, _ message: String) throws {
    do {
      _ = try Conversion.run(request, rules: nil)
      Issue.record("expected an error")
    } catch let PolicyError.input(e) {
      #expect(e.field == field)
      #expect(e.message == message)
    }
  }
}
