// gjj prepay, gjj timeline and gjj combo: their documented figures and bad input.
import Foundation
import ProvidentCLI
import Testing

@Suite("gjj prepay, timeline and combo")
struct EventCommandTests {
  static let loan = ["--principal", "1000000", "--rate", "3.1", "--months", "360"]

  func object(_ arguments: [String]) throws -> [String: Any] {
    let result = Gjj.execute(arguments)
    #expect(result.code == 0, "\(result.stderr)")
    return try #require(
      JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
  }

  /// A file in a fresh temporary folder holding `text`.
  func file(_ text: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appending(
      path: "gjj-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appending(path: "events.json")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  /// docs/domain.md §9 V3 through the command line (ledger: balance 936,446.83; see prepayment.csv).
  @Test func prepayContract() throws {
    let args = ["prepay"] + Self.loan + ["--after", "36", "--amount", "200000", "--format", "json"]
    let text = Gjj.execute(args).stdout
    #expect(text.contains(#""balance": 936446.83,"#))
    let o = try object(args)
    let before = try #require(o["before"] as? [String: Any])
    let keepTerm = try #require(o["keepTerm"] as? [String: Any])
    let keepPayment = try #require(o["keepPayment"] as? [String: Any])
    #expect(Set(before.keys) == ["balance", "payment", "remainingPeriods", "totalInterest"])
    #expect(
      Set(keepTerm.keys) == ["payment", "remainingPeriods", "totalInterest", "interestSaved"])
    #expect(
      Set(keepPayment.keys) == [
        "payment", "remainingPeriods", "lastPayment", "totalInterest", "interestSaved",
      ])
    #expect(text.contains(#""payment": 3358.17,"#))
    #expect(before["remainingPeriods"] as? Int == 324)
    #expect(keepTerm["remainingPeriods"] as? Int == 324)
    #expect(keepPayment["remainingPeriods"] as? Int == 229)
    #expect(text.contains(#""totalInterest": 537260.03"#))
    // interestSaved = before.totalInterest − totalInterest, to the fen.
    for case let part as [String: Any] in [keepTerm, keepPayment] {
      let saved = try #require(part["interestSaved"] as? Double)
      let total = try #require(part["totalInterest"] as? Double)
      #expect(abs(saved - (537_260.03 - total)) < 0.005)
    }
    // Under the exact convention the published balance 936,446.66 reproduces.
    let exact = Gjj.execute(args + ["--convention", "exact"]).stdout
    #expect(exact.contains(#""balance": 936446.66,"#))
  }

  @Test func prepayOneStrategyWithItsSchedule() throws {
    let o = try object(
      ["prepay"] + Self.loan + [
        "--after", "36", "--amount", "20万", "--strategy", "keep-payment", "--format", "json",
      ])
    let rows = try #require(o["schedule"] as? [[String: Any]])
    #expect(rows.count == 36 + 229)
    #expect(rows[35]["prepayment"] as? Double == 200_000)
    #expect(o["keepTerm"] == nil)
    let table = Gjj.execute(
      ["prepay"] + Self.loan + ["--after", "36", "--amount", "200000", "--lang", "zh"]
    ).stdout
    #expect(table.contains("减少月供") && table.contains("缩短年限"))
  }

  @Test(arguments: [
    (
      ["--after", "0", "--amount", "1000"],
      "--after must be an installment number between 1 and 359 (got 0)"
    ),
    (
      ["--after", "360", "--amount", "1000"],
      "--after must be an installment number between 1 and 359 (got 360)"
    ),
    (["--after", "x", "--amount", "1000"], "--after must be an installment number"),
    (["--after", "36", "--amount", "0"], "--amount must be greater than 0 (got 0)"),
    (["--after", "36", "--amount", "abc"], "--amount must be an amount in yuan"),
    (
      ["--after", "36", "--amount", "936446.83"],
      "--amount 936446.83 is not below the balance 936446.83 after installment 36"
    ),
    (
      ["--after", "36", "--amount", "1000", "--strategy", "both"],
      "--strategy must be keep-term or keep-payment (got 'both')"
    ),
  ])
  func prepayBadInput(extra: [String], message: String) {
    let result = Gjj.execute(["prepay"] + Self.loan + extra)
    #expect(result.code != 0)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1)
  }

  @Test func timelineRunsAnEventsFile() throws {
    let path = try file(
      """
      {"events": [
        {"after": 36, "kind": "prepayment", "amount": 200000, "strategy": "keep-term"},
        {"after": 60, "kind": "method-change", "method": "equal-principal"},
        {"after": 120, "kind": "full-prepayment"}
      ]}
      """)
    let o = try object(["timeline"] + Self.loan + ["--events", path, "--format", "json"])
    let rows = try #require(o["schedule"] as? [[String: Any]])
    #expect(rows.count == 120)
    #expect(rows[36]["payment"] as? Double == 3358.17)  // V3 keep term
    let events = try #require(o["events"] as? [[String: Any]])
    #expect(
      events.map { $0["kind"] as? String } == ["prepayment", "method-change", "full-prepayment"])
    let comparison = try #require(o["comparison"] as? [String: Any])
    #expect(comparison["monthsSaved"] as? Int == 240)
    #expect(comparison["periodsBefore"] as? Int == 360)
  }

  /// A bad event is rejected naming its index and field, and nothing else is printed.
  @Test(arguments: [
    (
      #"[{"after": 3, "kind": "prepay", "amount": 100}]"#,
      "events[0].kind must be one of prepayment, full-prepayment"
    ),
    (
      #"[{"after": 3, "kind": "prepayment", "amount": 100}, {"after": 5, "kind": "prepayment", "amount": -100}]"#,
      "events[1].amount must not be negative (got -100)"
    ),
    (
      #"[{"after": 36, "kind": "prepayment", "amount": 2000000}]"#,
      "events[0].amount: 2000000.00 is not below the balance 936446.83 after installment 36"
    ),
    (
      #"[{"after": 400, "kind": "term-change", "remainingMonths": 10}]"#,
      "events[0].after: is after the loan is repaid"
    ),
    (
      #"[{"date": "2030-01-01", "kind": "full-prepayment"}]"#,
      "events[0].date: 2030-01-01 needs a dated schedule"
    ),
    (
      #"[{"after": 3, "kind": "prepayment", "amout": 100}]"#,
      "events[0].amout is not a field of a prepayment event"
    ),
    (
      #"[{"after": 3, "kind": "term-change", "remainingMonths": 0}]"#,
      "events[0].remainingMonths: must be at least 1 (got 0)"
    ),
    (
      #"[{"after": 3.5, "kind": "full-prepayment"}]"#,
      "events[0].after must be a whole number (got 3.5)"
    ),
    (#"{"events": 3}"#, "must be {\"events\": [...]} or a list of events"),
    ("not json", "not valid JSON"),
  ])
  func timelineBadEvents(json: String, message: String) throws {
    let path = try file(json)
    let result = Gjj.execute(["timeline"] + Self.loan + ["--events", path])
    #expect(result.code != 0)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1)
  }

  @Test func timelineDatedEventsOutsideTheLoan() throws {
    let dated = Self.loan + ["--start", "2025-06-10", "--payment-day", "20"]
    for (json, message) in [
      (
        #"[{"date": "2025-06-01", "kind": "full-prepayment"}]"#,
        "events[0].date: 2025-06-01 is not after the disbursement date 2025-06-10"
      ),
      (
        #"[{"date": "2070-01-20", "kind": "prepayment", "amount": 10}]"#,
        "events[0].after: is after the loan is repaid"
      ),
      (
        #"[{"date": "2026-01-05", "kind": "prepayment", "amount": 10}]"#,
        "events[0].date: 2026-01-05 is not a due date"
      ),
    ] {
      let result = Gjj.execute(["timeline"] + dated + ["--events", try file(json)])
      #expect(result.code != 0 && result.stdout.isEmpty)
      #expect(result.stderr.contains(message), "\(result.stderr)")
    }
  }

  @Test func comboContract() throws {
    let args = [
      "combo", "--provident", "800000@2.6", "--commercial", "700000@3.05", "--months", "360",
      "--format", "json",
    ]
    let o = try object(args)
    let summary = try #require(o["summary"] as? [String: Any])
    let parts = try #require(o["parts"] as? [String: Any])
    let p = try #require(parts["provident"] as? [String: Any])
    let c = try #require(parts["commercial"] as? [String: Any])
    let rows = try #require(o["schedule"] as? [[String: Any]])
    #expect(rows.count == 360)
    // The combined row is the sum of the two parts' rows.
    for row in [rows[0], rows[180], rows[359]] {
      let pr = try #require(row["provident"] as? [String: Any])
      let cr = try #require(row["commercial"] as? [String: Any])
      for key in ["payment", "principal", "interest", "balance"] {
        let sum = (pr[key] as! Double) + (cr[key] as! Double)
        #expect(abs((row[key] as! Double) - sum) < 0.005, "\(key)")
      }
    }
    #expect(
      abs(
        (summary["totalInterest"] as! Double) - (p["totalInterest"] as! Double)
          - (c["totalInterest"] as! Double)) < 0.005)
    // Each part equals gjj amortize of that part alone.
    let alone = try object([
      "amortize", "--principal", "800000", "--rate", "2.6", "--months", "360", "--format", "json",
    ])
    let aloneSummary = try #require(alone["summary"] as? [String: Any])
    #expect(aloneSummary["totalInterest"] as? Double == p["totalInterest"] as? Double)
    #expect(aloneSummary["payment"] as? Double == p["payment"] as? Double)
  }

  @Test func comboEventsNameTheirPart() throws {
    let base = [
      "combo", "--provident", "800000@2.6", "--commercial", "700000@3.05", "--months", "360",
    ]
    let good = try file(
      #"[{"part": "commercial", "after": 12, "kind": "prepayment", "amount": 300000, "strategy": "keep-payment"}]"#
    )
    let o = try object(base + ["--events", good, "--format", "json"])
    let parts = try #require(o["parts"] as? [String: Any])
    #expect((parts["provident"] as? [String: Any])?["periods"] as? Int == 360)
    #expect(((parts["commercial"] as? [String: Any])?["periods"] as? Int ?? 360) < 360)
    for (json, message) in [
      (
        #"[{"after": 12, "kind": "full-prepayment"}]"#,
        "events[0].part must be provident or commercial"
      ),
      (
        #"[{"part": "provident", "after": 1, "kind": "full-prepayment"}, {"part": "commercial", "after": 12, "kind": "prepayment", "amount": 900000}]"#,
        "events[1].amount (commercial part): 900000.00 is not below the balance"
      ),
    ] {
      let result = Gjj.execute(base + ["--events", try file(json)])
      #expect(result.code != 0 && result.stdout.isEmpty)
      #expect(result.stderr.contains(message), "\(result.stderr)")
    }
    for (extra, message) in [
      (["--provident", "800000"], "--provident must be AMOUNT@RATE"),
      (["--commercial", "0@3"], "--commercial amount must be greater than 0"),
      (["--commercial", "700000@40"], "--commercial must be between 0 and 36 (got 40)"),
    ] {
      let result = Gjj.execute(base + extra)
      #expect(result.code != 0 && result.stdout.isEmpty)
      #expect(result.stderr.contains(message), "\(result.stderr)")
    }
  }
}
