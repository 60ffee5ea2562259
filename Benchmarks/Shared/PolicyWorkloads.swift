// Inputs of the Policy suite, shared with GateRunner (each links this file): the worked
// examples of Tests/ProvidentPolicyTests. Shenzhen's quota trial of `make demo` (binding: the cap,
// 1,540,000) and docs/domain.md §3.4's conversion with the quota tried under Chengdu's rules
// (600,000).
import ProvidentCore
import ProvidentPolicy

enum PolicyWorkloads {
  static func date(_ text: String) -> LocalDate { try! LocalDate(parsing: text) }

  static let shenzhen = try! PolicyLibrary.bundled.rules(city: "shenzhen", on: date("2025-06-01"))
  static let chengdu = try! PolicyLibrary.bundled.rules(city: "chengdu", on: date("2025-06-01"))

  static let quotaRequest = QuotaRequest(
    date: date("2025-06-01"), price: Money(yuan: 3_000_000), balance: Money(yuan: 80_000),
    coBalance: Money(yuan: 40_000), monthlyIncome: Money(yuan: 30_000), birth: date("1990-05-01"),
    group: .man, facts: HomeFacts(firstHome: true))

  static let conversionRequest = ConversionRequest(
    commercialBalance: Money(yuan: 800_000), commercialRate: AnnualRate(basisPoints: 320),
    remainingMonths: 300, providentRate: nil,
    quota: .trial(
      QuotaRequest(
        date: date("2025-06-01"), price: Money(yuan: 2_000_000), balance: Money(yuan: 40_000),
        monthlyIncome: Money(yuan: 12_000), birth: date("1990-05-01"), group: .man,
        facts: HomeFacts(firstHome: true))),
    fees: Money(yuan: 5_000))
}
