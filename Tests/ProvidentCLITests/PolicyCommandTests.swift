// gjj quota, convert, deposit, withdraw and policy show: the issue's JSON contracts, tables, and a
// bad-input line per option. Figures are the hand-worked ones of ProvidentPolicyTests.
import Foundation
import ProvidentCLI
import Testing
import _ProvidentTestSupport

@Suite("gjj quota / convert / deposit / withdraw / policy")
struct PolicyCommandTests {
  static let quota = [
    "quota", "--city", "shenzhen", "--on", "2025-06-01", "--price", "3000000", "--balance", "80000",
    "--co-balance", "40000", "--monthly-income", "30000", "--birth", "1990-05-01", "--sex", "male",
    "--first-home",
  ]
  static let convert = [
    "convert", "--commercial-balance", "800000", "--commercial-rate", "3.2", "--remaining-months",
    "300", "--provident-rate", "2.6", "--quota", "600000", "--fees", "5000",
  ]
  static let deposit = [
    "deposit", "--city", "shenzhen", "--on", "2025-07-01", "--wage", "20000", "--employee-ratio",
    "12", "--employer-ratio", "12", "--average-wage", "12000",
  ]
  static let withdraw = [
    "withdraw", "--city", "shenzhen", "--on", "2025-12-01", "--monthly-deposit", "4800",
  ]

  func json(_ arguments: [String]) throws -> [String: Any] { try gjjJSON(arguments) }

  /// The contract: quota 1,540,000 bound by the cap (worked in QuotaTrialTests).
  @Test func issue4_quotaContract() throws {
    let object = try json(Self.quota + ["--format", "json"])
    #expect(object["binding"] as? String == "cap")
    #expect(object["maxMonths"] as? Int == 360)
    let limbs = try #require(object["limbs"] as? [[String: Any]])
    #expect(
      limbs.map { $0["id"] as? String } == ["cap", "loanToValue", "balance", "repaymentCapacity"])
    #expect(limbs.allSatisfy { Set($0.keys) == ["id", "amount", "explain"] })
    let rules = try #require(object["rules"] as? [String: Any])
    #expect(rules["city"] as? String == "shenzhen")
    #expect((rules["effective"] as? [String: Any])?["from"] as? String == "2025-03-24")
    let sources = try #require(rules["sources"] as? [[String: Any]])
    #expect(sources.contains { $0["tag"] as? String == "S93" })
    // Money keeps its two decimals in the text.
    let text = Gjj.execute(Self.quota + ["--format", "json"]).stdout
    #expect(text.contains(#""quota": 1540000.00,"#))
    #expect(text.contains(#"{"id": "balance", "amount": 1920000.00,"#))
  }

  @Test func quotaTable() {
    let out = Gjj.execute(Self.quota).stdout
    #expect(out.contains("Quota           1,540,000.00"))
    #expect(out.contains("cap                1,540,000.00  ←  family cap 1,100,000.00 [S93;S94]"))
    let zh = Gjj.execute(Self.quota + ["--lang", "zh"]).stdout
    #expect(zh.contains("额度试算 — 深圳"))
  }

  /// docs/domain.md §3.4 through the command line: ledger by default (186.05, 55,817.94), the golden
  /// figures with --convention exact (186.06, 55,817.05).
  @Test func issue4_convertContract() throws {
    let object = try json(Self.convert + ["--format", "json"])
    for key in [
      "eligible", "reasons", "providentAmount", "shortfall", "before", "after", "monthlySaving",
      "interestSaved", "breakEvenMonth",
    ] {
      #expect(object[key] != nil, "\(key)")
    }
    let after = try #require(object["after"] as? [String: Any])
    #expect(
      Set(after.keys) == [
        "payment", "providentPayment", "residualCommercialPayment", "totalInterest",
      ])
    #expect(object["breakEvenMonth"] as? Int == 27)
    let ledger = Gjj.execute(Self.convert + ["--format", "json"]).stdout
    #expect(ledger.contains(#""monthlySaving": 186.05,"#))
    #expect(ledger.contains(#""interestSaved": 55817.94,"#))
    #expect(ledger.contains(#""residualCommercialPayment": 969.36,"#))
    let exact = Gjj.execute(Self.convert + ["--format", "json", "--convention", "exact"]).stdout
    #expect(exact.contains(#""monthlySaving": 186.06,"#))
    #expect(exact.contains(#""interestSaved": 55817.05,"#))
  }

  @Test func convertWithAQuotaTrial() throws {
    let object = try json([
      "convert", "--commercial-balance", "800000", "--commercial-rate", "3.2",
      "--remaining-months", "300", "--city", "chengdu", "--on", "2025-06-01", "--balance", "40000",
      "--monthly-income", "12000", "--birth", "1990-05-01", "--sex", "male", "--first-home",
      "--months-repaid", "8", "--format", "json",
    ])
    #expect(object["eligible"] as? Bool == false)
    let reasons = try #require(object["reasons"] as? [[String: Any]])
    #expect(
      reasons.contains {
        $0["id"] as? String == "minMonthsRepaid" && $0["status"] as? String == "failed"
      })
    #expect((object["quotaTrial"] as? [String: Any])?["quota"] as? Double == 600_000)
  }

  @Test func depositAndWithdraw() throws {
    let d = try json(Self.deposit + ["--balance", "50000", "--years", "2", "--format", "json"])
    #expect(d["monthly"] as? Double == 4800)
    let years = try #require(d["projection"] as? [[String: Any]])
    #expect(years.count == 2)
    #expect(
      Gjj.execute(Self.deposit + ["--balance", "50000", "--years", "2", "--format", "json"]).stdout
        .contains(#""closing": 168373.19,"#))
    let w = try json(Self.withdraw + ["--format", "json"])
    #expect(w["monthlyAllowed"] as? Double == 3840)
    #expect(w["yearlyAllowed"] as? Double == 46080)
  }

  @Test func policyShow() throws {
    let all = try json(["policy", "show", "shenzhen", "--format", "json"])
    let sets = try #require(all["ruleSets"] as? [[String: Any]])
    // Shenzhen's file: 2 quota, 1 conversion, 4 rent-withdrawal sets.
    #expect(sets.count == 7)
    let on = try json(["policy", "show", "shenzhen", "--on", "2025-06-01", "--format", "json"])
    let inForce = try #require(on["ruleSets"] as? [[String: Any]])
    let files = inForce.map { "\($0["section"]!) \($0["file"]!)" }
    #expect(
      files == [
        "quota policies/shenzhen.yaml", "quota policies/national.yaml",
        "term policies/national.yaml",
        "conversion policies/shenzhen.yaml", "conversion policies/national.yaml",
        "deposit policies/national.yaml", "rentWithdrawal policies/shenzhen.yaml",
      ])
    let table = Gjj.execute(["policy", "show", "shenzhen", "--on", "2025-12-01"]).stdout
    #expect(table.contains("share                 80%    [S122]"))
  }

  /// `gjj policy check` validates a folder: the shipped one passes; a copy with a typo fails
  /// with the file, line, key and rule, exit 65.
  @Test func policyCheck() throws {
    let shipped = Golden.datasetPath("policies")
    let ok = Gjj.execute(["policy", "check", shipped])
    #expect(ok.code == 0, "\(ok.stderr)")
    #expect(ok.stdout.hasPrefix("ok: 10 files, 8 cities"))
    let copy = FileManager.default.temporaryDirectory.appending(
      path: "gjj-policy-check-\(getpid())"
    ).path
    try? FileManager.default.removeItem(atPath: copy)
    try FileManager.default.copyItem(atPath: shipped, toPath: copy)
    defer { try? FileManager.default.removeItem(atPath: copy) }
    let file = copy + "/hainan.yaml"
    let text = try String(contentsOfFile: file, encoding: .utf8)
    try text.replacingOccurrences(of: "downPayment:", with: "downPaymnet:")
      .write(toFile: file, atomically: true, encoding: .utf8)
    let bad = Gjj.execute(["policy", "check", copy])
    #expect(bad.code == 65)
    #expect(bad.stdout.isEmpty)
    #expect(bad.stderr.hasPrefix("error: policies/hainan.yaml:"))
    #expect(
      bad.stderr.contains(": quota[0].downPaymnet: unknown key (did you mean 'downPayment'?)"))
  }

  /// Every option's bad values and the start of the one line each must print.
  static let badInputs: [([String], String)] = [
    (
      quota.swapping(["shenzhen"], with: ["shenzen"]),
      "--city 'shenzen' is not on file (did you mean 'shenzhen'?)"
    ),
    (
      quota.swapping(["2025-06-01"], with: ["2020-01-01"]),
      "--on: shenzhen has no quota (额度试算) rules in force on 2020-01-01"
    ),
    (
      quota.swapping(["2025-06-01"], with: ["2025-02-30"]),
      "--on must be a calendar date yyyy-mm-dd (got 2025-02-30)"
    ),
    (quota.swapping(["80000"], with: ["-5"]), "--balance must not be negative (got -5.00)"),
    (quota.swapping(["40000"], with: ["-1"]), "--co-balance must not be negative (got -1.00)"),
    (
      quota.swapping(["30000"], with: ["-30000"]),
      "--monthly-income must not be negative (got -30000.00)"
    ),
    (
      quota.swapping(["1990-05-01"], with: ["2030-05-01"]),
      "--birth must be before the date of the trial 2025-06-01 (got 2030-05-01, in the future)"
    ),
    (quota.swapping(["3000000"], with: ["0"]), "--price must be greater than 0 (got 0.00)"),
    (quota.swapping(["3000000"], with: ["abc"]), "--price must be an amount in yuan"),
    (quota.swapping(["male"], with: ["other"]), "--sex must be male or female (got 'other')"),
    (quota.swapping(["male"], with: ["female"]), "--sex female needs --occupation cadre or worker"),
    (quota + ["--occupation", "cadre"], "--occupation applies to --sex female"),
    (
      quota + ["--loan-ratio", "eighty"],
      "--loan-ratio must be a percentage such as 12 or 7.5 (got 'eighty')"
    ),
    (
      quota + ["--format", "xlsx"],
      "--format must be one of table, csv, json, html, md, ipynb (got 'xlsx')"
    ),
    (
      quota.swapping(["shenzhen"], with: ["changsha"]),
      "--loan-ratio is required: changsha's balance multiple depends on the fund's loan ratio (个贷率) [S92]"
    ),
    (Array(quota.prefix(3)) + Array(quota.dropFirst(5)), "--on is required"),
    (["quota", "--on", "2025-06-01", "--balance", "1"], "--city is required"),
    (
      convert.swapping(["800000"], with: ["-800000"]),
      "--commercial-balance must be greater than 0 (got -800000.00)"
    ),
    (
      convert + ["--price", "500000"],
      "--price must not be below the commercial balance 800000.00 (got 500000.00)"
    ),
    (
      convert.swapping(["300"], with: ["0"]), "--remaining-months must be between 1 and 600 (got 0)"
    ),
    (
      convert.swapping(["3.2"], with: ["40"]),
      "--commercial-rate must be between 0 and 36 (got 40); rates are in percent"
    ),
    (convert + ["--balance", "80000"], "--quota 600000 is given, so the quota-trial options"),
    (
      convert.swapping(["--quota", "600000"], with: []),
      "--quota is required (or --city and --on with the quota-trial options)"
    ),
    (convert + ["--bridge-rate", "3"], "--bridge-rate and --bridge-days go together"),
    (convert + ["--shortfall", "later"], "--shortfall must be commercial or cash (got 'later')"),
    (convert + ["--certificate", "maybe"], "--certificate must be yes or no (got 'maybe')"),
    (convert + ["--fees", "-1"], "--fees must not be negative (got -1.00)"),
    (
      convert + ["--city", "changsha", "--on", "2025-06-01"],
      "--on: changsha has no 商转公 (conversion) rules in force on 2025-06-01"
    ),
    (
      deposit.swapping(["12"], with: ["15"]),
      "--employee-ratio must be at most 12% in shenzhen [S111;S112;S113] (got 15% for the employee)"
    ),
    (deposit.swapping(["20000"], with: ["-1"]), "--wage must be greater than 0 (got -1.00)"),
    (
      Array(deposit.dropLast(2)),
      "--average-wage is required: in shenzhen the wage base is at most 3 × the local average wage [S112]"
    ),
    (deposit + ["--years", "51"], "--years must be between 0 and 50 (got 51)"),
    (
      withdraw.swapping(["2025-12-01"], with: ["2028-01-01"]),
      "--on: shenzhen has no rent withdrawal (租房提取) rules in force on 2028-01-01"
    ),
    (
      withdraw.swapping(["4800"], with: ["-4800"]),
      "--monthly-deposit must be greater than 0 (got -4800.00)"
    ),
    (withdraw + ["--owns-home", "perhaps"], "--owns-home must be yes or no (got 'perhaps')"),
    (["policy", "show", "nowhere"], "city 'nowhere' is not on file; cities:"),
    (
      ["policy", "show", "shenzhen", "--on", "20250601"],
      "--on must be a calendar date yyyy-mm-dd (got 20250601)"
    ),
  ]

  /// Every option's bad values: exit 64, one line on stderr naming the option, nothing on stdout.
  @Test(arguments: badInputs)
  func badInput(_ arguments: [String], _ message: String) {
    let result = Gjj.execute(arguments)
    #expect(result.code == 64, "\(arguments)")
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.hasPrefix("error: " + message), "\(result.stderr)")
    #expect(result.stderr.filter { $0 == "\n" }.count == 1)
  }
}

extension Array where Element == String {
  /// The arguments with the first run equal to `old` replaced by `new`.
  func swapping(_ old: [String], with new: [String]) -> [String] {
    guard
      let start = indices.first(where: { Array(self[$0..<Swift.min($0 + old.count, count)]) == old }
      )
    else {
      return self
    }
    return Array(self[..<start]) + new + Array(self[(start + old.count)...])
  }
}
