// Deposits and rent withdrawals, worked by hand from national.yaml and shenzhen.yaml.
import ProvidentCore
import Testing
import _ProvidentTestSupport

@testable import ProvidentPolicy

@Suite("Deposit and rent withdrawal")
struct DepositWithdrawalTests {
  static func date(_ text: String) -> LocalDate { try! LocalDate(parsing: text) }
  static func pct(_ text: String) -> Percent { try! Percent(parsing: text) }

  static func deposit(
    wage: String = "20000", employee: String = "12", employer: String = "12",
    average: String? = "12000", balance: String = "0", years: Int = 0, on: String = "2025-07-01"
  ) throws -> DepositResult {
    try Deposit.run(
      DepositRequest(
        date: date(on), wage: Money(wage), employeeRatio: pct(employee),
        employerRatio: pct(employer), averageWage: average.map { Money($0) },
        openingBalance: Money(balance), years: years),
      rules: PolicyLibrary.bundled.rules(city: "shenzhen", on: date(on)))
  }

  /// Shenzhen has no deposit rules of its own: the national ones apply — ratios 5–12 %
  /// [S111;S112;S113], base ≤ 3 × average wage [S112], ≥ 60 % of it [S114; unverified].
  /// Average wage 12,000: cap 36,000, floor 7,200.
  @Test(arguments: [
    ("20000", "12", "12", "20000", "2400", "2400"),  // within: 20,000 × 12 %
    ("50000", "12", "12", "36000", "4320", "4320"),  // capped: 36,000 × 12 %
    ("5000", "12", "12", "7200", "864", "864"),  // floor: 7,200 × 12 %
    ("20000", "7.5", "5", "20000", "1500", "1000"),
    // 12,345.67 × 7.5 % = 925.92525 → 925.93 (half up); × 5 % = 617.2835 → 617.28
    ("12345.67", "7.5", "5", "12345.67", "925.93", "617.28"),
  ])
  func contribution(
    _ wage: String, _ employee: String, _ employer: String, _ base: String, _ a: String,
    _ b: String
  ) throws {
    let result = try Self.deposit(wage: wage, employee: employee, employer: employer)
    #expect(result.base == Money(base))
    #expect(result.employee == Money(a))
    #expect(result.employer == Money(b))
    #expect(result.monthly == Money(a) + Money(b))
    #expect(result.effective == nil)  // the national set
  }

  @Test func baseExplanationNamesTheLimit() throws {
    let capped = try Self.deposit(wage: "50000")
    #expect(
      capped.baseExplain
        == "wage 50,000.00 above the cap: base = cap 3 × average wage 12,000.00 [S112] = 36,000.00")
  }

  /// 50,000 opening, 4,800 a month, 1.5 % [S36;S12] on both (the table row from 2016-02-21):
  ///   year 1: 50,000 × 1.5 % = 750.00; 4,800 × 1.5 % × 66/12 = 396.00; interest 1,146.00;
  ///           closing 50,000 + 57,600 + 1,146 = 108,746.00
  ///   year 2: 108,746 × 1.5 % = 1,631.19; + 396.00 = 2,027.19; closing 168,373.19
  @Test func projection() throws {
    let result = try Self.deposit(balance: "50000", years: 2)
    #expect(result.monthly == Money("4800"))
    #expect(result.projection.count == 2)
    #expect(result.projection[0].interest == Money("1146"))
    #expect(result.projection[0].closing == Money("108746"))
    #expect(result.projection[1].from == Self.date("2026-07-01"))
    #expect(result.projection[1].interest == Money("2027.19"))
    #expect(result.projection[1].closing == Money("168373.19"))
  }

  @Test(arguments: [
    (
      "15", "12", "12000", PolicyField.employeeRatio,
      "must be at most 12% in shenzhen [S111;S112;S113] (got 15% for the employee)"
    ),
    (
      "12", "4", "12000", .employerRatio,
      "must be at least 5% in shenzhen [S111;S112;S113] (got 4% for the employer)"
    ),
  ])
  func ratioOutsideTheRulesIsAnError(
    _ employee: String, _ employer: String, _ average: String, _ field: PolicyField,
    _ message: String
  ) throws {
    do {
      _ = try Self.deposit(employee: employee, employer: employer, average: average)
      Issue.record("expected an error")
    } catch let PolicyError.input(e) {
      #expect(e.field == field)
      #expect(e.message == message)
    }
  }

  @Test func averageWageIsRequiredForTheLimits() throws {
    do {
      _ = try Self.deposit(average: nil)
      Issue.record("expected an error")
    } catch let PolicyError.input(e) {
      #expect(e.field == .averageWage)
      #expect(
        e.message.hasPrefix(
          "is required: in shenzhen the wage base is at most 3 × the local average wage [S112]"))
    }
  }

  // MARK: - Rent withdrawal

  static func withdraw(
    _ city: String = "shenzhen", on: String, deposit: String = "4800", months: Int? = nil,
    owns: Bool? = nil, multiChild: Bool = false, rent: String? = nil
  ) throws -> RentWithdrawalResult {
    try RentWithdrawal.run(
      RentWithdrawalRequest(
        date: date(on), monthlyDeposit: Money(deposit), depositMonths: months,
        ownsHomeInCity: owns, multiChild: multiChild, rent: rent.map { Money($0) }),
      rules: PolicyLibrary.bundled.rules(city: city, on: date(on)))
  }

  /// Shenzhen's dated shares of the monthly deposit [S122] on 4,800 a month.
  @Test(arguments: [
    ("2017-01-01", "2400"),  // 50 %
    ("2017-11-01", "3120"),  // 65 % (first day of Nov 2017)
    ("2023-10-31", "3120"),  // 65 % (last day)
    ("2023-11-01", "4800"),  // 100 %
    ("2025-11-01", "3840"),  // 80 %
    ("2027-10-31", "3840"),
  ])
  func shenzhenShares(_ on: String, _ allowed: String) throws {
    let result = try Self.withdraw(on: on)
    #expect(result.monthlyAllowed == Money(allowed))
    #expect(result.yearlyAllowed == Money(allowed).times(12))
  }

  /// 4,321.99 × 65 % = 2,809.2935 → 2,809.29 (down: an allowance is never exceeded).
  @Test func shareRoundsDown() throws {
    #expect(
      try Self.withdraw(on: "2020-01-01", deposit: "4321.99").monthlyAllowed == Money("2809.29"))
  }

  @Test func multiChildActualRent() throws {
    // 2024: the option exists; rent 6,000 > 4,800.
    let open = try Self.withdraw(on: "2024-06-01", multiChild: true, rent: "6000")
    #expect(open.monthlyAllowed == Money("6000"))
    // From 2025-11 it is suspended: the 80 % share stands.
    let suspended = try Self.withdraw(on: "2025-12-01", multiChild: true, rent: "6000")
    #expect(suspended.monthlyAllowed == Money("3840"))
    #expect(
      suspended.explain.contains("the multi-child actual-rent option is not available [S122]"))
  }

  @Test func shanghaiConditions() throws {
    let result = try Self.withdraw("shanghai", on: "2025-06-01", months: 2, owns: false)
    #expect(result.monthlyAllowed == nil)
    #expect(result.explain == "no rent-withdrawal share on file for shanghai")
    #expect(result.checks.map(\.status) == [.failed, .met])
    #expect(result.checks[0].explain == "2 months of continuous deposits, fewer than 3 [S123]")
    #expect(!result.eligible)
  }

  @Test func noRulesAfterTheLastSet() throws {
    do {
      _ = try Self.withdraw(on: "2027-11-01")
      Issue.record("expected an error")
    } catch {
      #expect(
        "\(error)".hasPrefix("shenzhen has no rent withdrawal (租房提取) rules in force on 2027-11-01"))
    }
  }
}
