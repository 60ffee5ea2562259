// gjj amortize: the documented figures (1,000,000 / 360 / 3.1 %), every output format, and a bad-input test per option.
import Foundation
import ProvidentCLI
import Testing

@Suite("gjj amortize")
struct AmortizeCommandTests {
  static let base = ["amortize", "--principal", "1000000", "--rate", "3.1", "--months", "360"]

  func json(_ arguments: [String]) throws -> [String: Any] { try gjjJSON(arguments) }

  /// The figures as printed: JSON numbers keep their two decimals in the text.
  @Test func issue2_contractJSON() throws {
    let result = Gjj.execute(Self.base + ["--format", "json"])
    #expect(result.stdout.contains(#""payment": 4270.16,"#))
    #expect(result.stdout.contains(#""lastPayment": 4272.59,"#))
    #expect(result.stdout.contains(#""totalInterest": 537260.03,"#))
    let object = try json(Self.base + ["--format", "json"])
    let summary = try #require(object["summary"] as? [String: Any])
    #expect(summary["periods"] as? Int == 360)
    #expect(summary["method"] as? String == "equal-installment")
    #expect(summary["convention"] as? String == "ledger")
    let rows = try #require(object["schedule"] as? [[String: Any]])
    #expect(rows.count == 360)
    #expect(rows[0]["date"] == nil)  // undated
    #expect(
      Set(rows[0].keys) == ["period", "annualRate", "payment", "principal", "interest", "balance"])
    #expect(object["payoff"] == nil)

    let exact = Gjj.execute(Self.base + ["--format", "json", "--convention", "exact"])
    #expect(exact.stdout.contains(#""totalInterest": 537259.04,"#))
    #expect(exact.stdout.contains(#""convention": "exact""#))
  }

  @Test func datedScheduleWithPayoff() throws {
    let object = try json(
      Self.base + [
        "--start", "2025-06-10", "--payment-day", "20", "--payoff-on", "2027-03-20", "--format",
        "json",
      ])
    let rows = try #require(object["schedule"] as? [[String: Any]])
    #expect(rows[0]["date"] as? String == "2025-07-20")
    let payoff = try #require(object["payoff"] as? [String: Any])
    #expect(payoff["date"] as? String == "2027-03-20")
    // 2027-03-20 is due date 21: the payoff is balance after 21 plus installment 21.
    let balance21 = try #require(rows[20]["balance"] as? Double)
    let payment21 = try #require(rows[20]["payment"] as? Double)
    let amount = try #require(payoff["amount"] as? Double)
    #expect(abs(amount - (balance21 + payment21)) < 0.001)
  }

  @Test func ratesFromTheTables() throws {
    let result = Gjj.execute([
      "amortize", "--principal", "100万", "--product", "provident", "--start", "2024-06-01",
      "--payment-day", "20", "--years", "30", "--format", "json",
    ])
    #expect(result.code == 0, "\(result.stderr)")
    #expect(result.stdout.contains(#""annualRate": 2.85,"#))
    #expect(result.stdout.contains(#""date": "2026-01-01", "annualRate": 2.6"#))
    let commercial = Gjj.execute([
      "amortize", "--principal", "800000", "--product", "commercial", "--lpr-spread", "-30",
      "--start", "2023-03-15", "--months", "360", "--format", "json",
    ])
    #expect(commercial.code == 0, "\(commercial.stderr)")
    #expect(commercial.stdout.contains(#""date": "2026-01-01", "annualRate": 3.2"#))
  }

  @Test func csvAndTable() throws {
    let csv = Gjj.execute(Self.base + ["--format", "csv"]).stdout
    let lines = csv.split(separator: "\n")
    #expect(lines.first == "period,annualRate,payment,principal,interest,balance")
    #expect(lines.count == 361)
    #expect(lines[1] == "1,3.1,4270.16,1686.83,2583.33,998313.17")
    #expect(lines[360] == "360,3.1,4272.59,4261.58,11.01,0.00")

    let table = Gjj.execute(Self.base).stdout
    #expect(table.contains("Total interest"))
    #expect(table.contains("537,260.03"))
    let zh = Gjj.execute(Self.base + ["--lang", "zh"]).stdout
    #expect(zh.contains("利息总额"))
    #expect(zh.contains("等额本息"))
  }

  @Test func undatedRateChangeByPeriod() throws {
    let result = Gjj.execute(Self.base + ["--rate-change", "13:2.6", "--format", "csv"])
    #expect(result.code == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n")
    #expect(lines[12].hasPrefix("12,3.1,"))
    #expect(lines[13].hasPrefix("13,2.6,"))
  }

  /// Every option's bad values: a non-zero exit, one line on stderr naming the option, the value
  /// and the rule, and nothing on stdout.
  @Test(arguments: [
    (["--principal", "-5"], "--principal must be greater than 0 (got -5)"),
    (["--principal", "0"], "--principal must be greater than 0 (got 0)"),
    (["--principal", "abc"], "--principal must be an amount in yuan"),
    (["--principal", "10000000001"], "--principal must be at most 10000000000"),
    (["--principal", "1000000.001"], "--principal must be whole fen"),
    (["--rate", "-1"], "--rate must be between 0 and 36 (got -1); rates are in percent"),
    (["--rate", "37"], "--rate must be between 0 and 36 (got 37)"),
    (["--rate", "nan"], "--rate must be a rate in percent between 0 and 36"),
    (["--months", "0"], "--months must be between 1 and 600 (got 0)"),
    (["--months", "601"], "--months must be between 1 and 600 (got 601)"),
    (["--months", "1.5"], "--months must be a whole number of months between 1 and 600 (got 1.5)"),
    (["--years", "31", "--months", "360"], "--years 31 and --months 360 disagree"),
    (["--years", "0"], "--years must be a whole number between 1 and 50 (got 0)"),
    (["--start", "2025-02-30"], "--start must be a calendar date yyyy-mm-dd (got 2025-02-30)"),
    (
      ["--start", "2025-02-03", "--payment-day", "0"],
      "--payment-day must be a day of the month between 1 and 31 (got 0)"
    ),
    (
      ["--start", "2025-02-03", "--payment-day", "32"],
      "--payment-day must be a day of the month between 1 and 31 (got 32)"
    ),
    (["--payment-day", "20"], "--payment-day needs --start"),
    (
      ["--method", "balloon"],
      "--method must be equal-installment or equal-principal (got 'balloon')"
    ),
    (["--convention", "bank"], "--convention must be ledger or exact (got 'bank')"),
    (
      ["--start", "2025-02-03", "--payoff-on", "2025-01-01"],
      "--payoff-on must not be before the start 2025-02-03 (got 2025-01-01)"
    ),
    (
      ["--start", "2025-02-03", "--payoff-on", "2056-01-01"],
      "--payoff-on must not be after the last due date"
    ),
    (["--payoff-on", "2026-01-01"], "--payoff-on needs a dated schedule"),
    (["--payoff-on", "2026-13-01"], "--payoff-on must be a calendar date"),
    (
      ["--rate-change", "2026-01-01:2.6"],
      "--rate-change 2026-01-01:2.6 is dated but the schedule has no --start"
    ),
    (
      ["--rate-change", "361:2.6"],
      "--rate-change 361:2.6 period must be between 1 and 360 (got 361)"
    ),
    (["--rate-change", "soon"], "--rate-change soon must be DATE:RATE or PERIOD:RATE"),
    (["--rate-change", "12:40"], "--rate-change 12:40 must be between 0 and 36 (got 40)"),
    (["--home", "first"], "--home needs --product"),
    (["--lpr-spread", "-30"], "--lpr-spread needs --product"),
    (["--format", "xml"], "--format must be one of table, csv, json, html, md, ipynb (got 'xml')"),
    (
      ["--out", "report.txt"],
      "--out must end in .html, .md, .ipynb, .csv or .json (got report.txt)"
    ),
    (["--out", "r.html", "--format", "json"], "--format json and --out r.html disagree"),
    (["--out", "/nonexistent-dir/r.html"], "--out /nonexistent-dir/r.html: cannot write the file"),
    (["--lang", "fr"], "--lang must be en or zh (got 'fr')"),
    (["--bogus"], "Unknown option '--bogus'"),
  ])
  func badInput(extra: [String], message: String) {
    // Options given twice take the last value, so `extra` overrides the base loan's.
    let result = Gjj.execute(Self.base + extra)
    #expect(result.code != 0)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.hasPrefix("error: "))
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1)
  }

  @Test func productOptionsNeedTheirProduct() {
    let noRate = ["amortize", "--principal", "1000000", "--months", "360"]
    let cases: [([String], String)] = [
      (noRate, "--rate is required"),
      (
        noRate + ["--product", "bank", "--start", "2025-01-01"],
        "--product must be provident or commercial (got 'bank')"
      ),
      (noRate + ["--product", "provident"], "--product needs --start"),
      (
        noRate + ["--product", "commercial", "--start", "2024-01-01"],
        "--product commercial needs --lpr-spread"
      ),
      (
        noRate + ["--product", "commercial", "--start", "2024-01-01", "--lpr-spread", "x"],
        "--lpr-spread must be a whole number"
      ),
      (
        noRate + [
          "--product", "commercial", "--start", "2024-01-01", "--lpr-spread", "-30",
          "--reprice-cycle", "5",
        ], "--reprice-cycle must be 3, 6 or 12 months (got 5)"
      ),
      (
        noRate + [
          "--product", "commercial", "--start", "2024-01-01", "--lpr-spread", "-30",
          "--reprice-anchor", "may",
        ], "--reprice-anchor must be jan1 or anniversary (got 'may')"
      ),
      (
        noRate + ["--product", "provident", "--start", "2024-01-01", "--home", "third"],
        "--home must be first or second (got 'third')"
      ),
      (
        noRate + ["--product", "provident", "--start", "2010-01-01"],
        "no provident rate in force on 2010-01-01"
      ),
      (
        noRate + ["--product", "provident", "--start", "2024-01-01", "--rate", "3"],
        "--rate and --product exclude each other"
      ),
    ]
    for (arguments, message) in cases {
      let result = Gjj.execute(arguments)
      #expect(result.code != 0)
      #expect(result.stdout.isEmpty)
      #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
    }
  }

  @Test func helpAndVersion() {
    let help = Gjj.execute(["amortize", "--help"])
    #expect(help.code == 0)
    #expect(help.stdout.contains("--principal"))
    #expect(Gjj.execute(["--version"]).stdout.contains(Gjj.version))
  }
}
