// The loan book format: validation per row, every rejection reported, strict mode, streaming.
import Foundation
import ProvidentCore
import ProvidentPortfolio
import Testing
import _ProvidentTestSupport

@Suite("Loan book CSV")
struct BookCSVTests {
  static let header =
    "loan_id,product,home,principal,rate,lpr_spread_bp,months,start,months_paid,method,balance,overdue,region"
  static let good =
    "A1,provident,first,1000000.00,2.6,,360,2024-06-15,,equal-installment,978512.33,0,BJ"

  func load(_ rows: [String], strict: Bool = false) throws -> BookLoad {
    try LoanBook.parse(
      csv: "# as_of: 2025-12-31\n" + Self.header + "\n" + rows.joined(separator: "\n") + "\n",
      options: .init(strict: strict))
  }

  func rejection(_ row: String) throws -> BookRejection? {
    try load([row]).rejections.first
  }

  /// The shipped sample: the issue's five kinds of bad row, each reported with its line and
  /// column, and the good rows still read and projected.
  @Test func issue5_badRowsAreReportedAndTheRestProjected() throws {
    let load = try LoanBook.load(path: Golden.datasetPath("samples/book-bad-rows.csv"))
    #expect(load.read == 10)
    #expect(load.accepted == 5)
    #expect(load.read == load.accepted + load.rejected)
    let got = load.rejections.map { "\($0.line) \($0.column ?? "-")" }
    #expect(got == ["8 start", "9 principal", "10 principal", "11 product", "12 rate"])
    #expect(load.rejections[0].reason.contains("is missing"))
    #expect(load.rejections[1].reason == "'12O0000.00' is not a number")
    #expect(load.rejections[2].reason == "must be greater than 0 (got -500000.00)")
    #expect(load.rejections[3].reason == "must be provident or commercial (got 'mortgage')")
    #expect(load.rejections[4].reason.hasPrefix("must be between 0 and 36 percent (got 300)"))
    #expect(load.book.asOf == (try LocalDate(parsing: "2025-12-31")))
    let projected = try load.book.project([.scheduled]).scenarios[0].book
    #expect(projected.totals.openingBalance == load.book.totalBalance)
    #expect(
      projected.totals.scheduledPrincipal + projected.totals.defaults == load.book.totalBalance)

    #expect(throws: BookError.self) {
      try LoanBook.load(
        path: Golden.datasetPath("samples/book-bad-rows.csv"), options: .init(strict: true))
    }
    do {
      _ = try LoanBook.load(
        path: Golden.datasetPath("samples/book-bad-rows.csv"), options: .init(strict: true))
    } catch {
      #expect(error.rejection?.line == 8)
      #expect(error.message.hasPrefix("line 8, column start: is missing"))
    }
  }

  @Test(arguments: [
    (
      "A1,provident,first,1000000.00,2.6,,360,2024-06-15,,equal-installment,978512.33,0,BJ,extra",
      nil as String?,
      "has 14 fields where the header has 13"
    ),
    (
      "A1,provident,first,1000000.001,2.6,,360,2024-06-15,,equal-installment,978512.33,0,BJ",
      "principal",
      "'1000000.001' has more than 2 decimal places"
    ),
    (
      "A1,provident,third,1000000.00,2.6,,360,2024-06-15,,equal-installment,978512.33,0,BJ", "home",
      "must be first or second (got 'third')"
    ),
    (
      "A1,provident,first,1000000.00,2.6,,360,2024-02-30,,equal-installment,978512.33,0,BJ",
      "start",
      "2024-02-30 is not a calendar date"
    ),
    (
      "A1,provident,first,1000000.00,2.6,,360,2026-02-01,,equal-installment,978512.33,0,BJ",
      "start",
      "must be on or before the as-of date 2025-12-31 (got 2026-02-01)"
    ),
    (
      "A1,provident,first,1000000.00,2.6,,360,2024-06-15,17,equal-installment,978512.33,0,BJ",
      "months_paid",
      "disagrees with start 2024-06-15: 18 installments fell due by the as-of date 2025-12-31 (got 17)"
    ),
    (
      "A1,provident,first,1000000.00,2.6,,12,2024-06-15,,equal-installment,978512.33,0,BJ", "start",
      "all 12 installments fell due by the as-of date: the loan has matured (18 paid)"
    ),
    (
      "A1,provident,first,1000000.00,2.6,,360,2024-06-15,,equal-installment,1978512.33,0,BJ",
      "balance",
      "must not exceed the principal 1000000.00 (got 1978512.33)"
    ),
    (
      "A1,provident,first,1000000.00,2.6,-30,360,2024-06-15,,equal-installment,978512.33,0,BJ",
      "lpr_spread_bp",
      "applies to commercial loans only (got -30 on a provident loan)"
    ),
    (
      "A1,commercial,first,1000000.00,3.2,,360,2024-06-15,,equal-installment,978512.33,0,BJ",
      "lpr_spread_bp",
      "is required for a commercial loan (LPR + spread, in basis points)"
    ),
    (
      "A1,provident,first,1000000.00,2.6,,360,,,equal-installment,978512.33,0,BJ", "start",
      "is empty, and so is months_paid: give one of them"
    ),
    (
      "A1,provident,first,1000000.00,,,360,,20,equal-installment,978512.33,0,BJ", "rate",
      "is required for an undated loan (no start date)"
    ),
    (
      "A1,provident,first,1000000.00,2.6,,360,2024-06-15,,annuity,978512.33,0,BJ", "method",
      "must be equal-installment or equal-principal (got 'annuity')"
    ),
    (
      "A1,provident,first,1000000.00,2.6,,360,2024-06-15,,equal-installment,978512.33,-1,BJ",
      "overdue",
      "must be between 0 and 600 (got -1)"
    ),
    (
      "A1,provident,first,1000000.00,2.6,,360,2024-06-15,,equal-installment,978512.33,0,", "region",
      "is empty"
    ),
    (
      "A1,provident,first,\"1,000,000\",2.6,,360,2024-06-15,,equal-installment,978512.33,0,BJ", nil,
      "has a quote character: fields are not quoted in a loan book"
    ),
    (
      "A1,provident,first,1000000.00,2.6,,0,2024-06-15,,equal-installment,978512.33,0,BJ", "months",
      "must be between 1 and 600 (got 0)"
    ),
    (
      "A1,provident,first,1000000.00,2.6,,360,2024-06-15,,equal-installment,0.00,0,BJ", "balance",
      "must be greater than 0 (got 0.00); leave repaid loans out"
    ),
  ])
  func rowRules(_ row: String, _ column: String?, _ reason: String) throws {
    let r = try #require(try rejection(row))
    #expect(r.column == column)
    #expect(r.reason == reason)
    #expect(r.line == 3)
  }

  @Test func duplicateIdsAreRejected() throws {
    let load = try load([Self.good, Self.good])
    #expect(load.accepted == 1)
    #expect(load.rejections.first?.reason == "'A1' repeats the id of line 3")
  }

  @Test func fileLevelProblemsThrow() throws {
    #expect(throws: BookError.self) { try LoanBook.parse(csv: "") }
    #expect(throws: BookError.self) { try LoanBook.parse(csv: "loan_id,principle\n") }
    do {
      _ = try LoanBook.parse(csv: "loan_id,product,home,principal\n")
      Issue.record("missing columns accepted")
    } catch {
      #expect(error.message.contains("lacks columns months, method, balance, overdue, region"))
    }
    #expect(throws: BookError.self) { try LoanBook.load(path: "/nonexistent/book.csv") }
  }

  /// A dated row needs an as-of date; the options can give or override it.
  @Test func asOfDate() throws {
    let text = Self.header + "\n" + Self.good + "\n"
    let without = try LoanBook.parse(csv: text)
    #expect(without.rejections.first?.column == "start")
    let given = try LoanBook.parse(
      csv: text, options: .init(asOf: try LocalDate(parsing: "2025-06-30")))
    #expect(given.accepted == 1)
    #expect(given.book.monthsPaid[0] == 12)
    let overridden = try LoanBook.parse(
      csv: "# as_of: 2025-12-31\n" + text,
      options: .init(asOf: try LocalDate(parsing: "2025-06-30")))
    #expect(overridden.book.monthsPaid[0] == 12)
  }

  /// CRLF line ends, a byte-order mark, spaces around fields, 万-free plain numbers, percent signs.
  @Test func tolerantFormatting() throws {
    let text =
      "\u{FEFF}# as_of: 2025-12-31\r\n" + Self.header + "\r\n"
      + "A1, provident ,first,1000000,2.6%,,360,2024-06-15,,equal-installment,978512.3,0,BJ\r\n\r\n"
    let load = try LoanBook.parse(csv: text)
    #expect(load.rejections.isEmpty)
    #expect(load.book.principalFen[0] == 100_000_000)
    #expect(load.book.balanceFen[0] == 97_851_230)
    #expect(load.book.rateUnits[0] == 2_600_000)
    #expect(load.book.id(0) == "A1")
  }

  /// Without a rate, a dated loan's rate is its rule's on the tables, as of its last paid due date.
  @Test func rateDerivedFromTheRule() throws {
    let load = try load([
      "A1,provident,first,1000000.00,,,360,2024-06-15,,equal-installment,978512.33,0,BJ",
      "A2,provident,second,1000000.00,,,60,2023-06-15,,equal-installment,778512.33,0,BJ",
      "A3,commercial,first,1000000.00,,-30,360,2022-09-20,,equal-installment,900000.00,0,BJ",
    ])
    #expect(load.rejections.isEmpty)
    // Disbursed 2024-06-15 at 2.85; the 2025-05-08 cut reaches it on 2026-01-01, after the last
    // paid due date 2025-12-15.
    #expect(load.book.rateUnits[0] == 2_850_000)
    // ≤ 5 years, second home: 3.025 at 2023-06-15, 2.775 from 2025-01-01.
    #expect(load.book.rateUnits[1] == 2_775_000)
    // LPR 5Y+ − 30 bp, repriced each 1 January: 3.60 − 0.30 on 2025-01-01.
    #expect(load.book.rateUnits[2] == 3_300_000)
  }

  /// Reading a file in 1 MiB blocks gives what reading the text at once gives.
  @Test func streamingEqualsWholeText() throws {
    var text = "# as_of: 2025-12-31\n" + Self.header + "\n"
    for i in 0..<20_000 {
      text +=
        "L\(i),provident,first,1000000.00,2.6,,360,2024-06-15,,equal-installment,978512.33,0,R\(i % 7)\n"
    }
    let path = FileManager.default.temporaryDirectory.appending(path: "book-\(UUID()).csv").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let streamed = try LoanBook.load(path: path)
    let whole = try LoanBook.parse(csv: text)
    #expect(streamed.accepted == 20_000)
    #expect(streamed.book.balanceFen == whole.book.balanceFen)
    #expect(streamed.book.line == whole.book.line)
    #expect(streamed.book.id(19_999) == "L19999")
    #expect(streamed.book.regionNames.count == 7)
  }
}
