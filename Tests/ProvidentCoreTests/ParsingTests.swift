// Reading amounts, rates and dates exactly (docs/conventions.md §7).
import ProvidentCore
import Testing
import _ProvidentTestSupport

@Suite("Parsing money, rates and dates")
struct ParsingTests {
  @Test(arguments: [
    ("1000000", 100_000_000 as Int64), ("1000000.00", 100_000_000), ("100万", 100_000_000),
    ("1,000,000", 100_000_000), ("1.5亿", 15_000_000_000), ("0.01", 1), ("12.5万", 12_500_000),
    ("-5", -500),
  ])
  func money(text: String, fen: Int64) throws {
    #expect(try Money(parsing: text).fen == fen)
  }

  @Test(arguments: ["", "abc", "1.001", "1e6", "nan", "1,00", "--1", "1.2.3", "万", "0.0000001万"])
  func badMoney(text: String) {
    #expect(throws: NumberParseError.self) { try Money(parsing: text) }
  }

  @Test func moneyText() {
    #expect(Money(fen: 427_016).formatted(grouping: true) == "4,270.16")
    #expect(Money(fen: 53_726_003).formatted(grouping: true) == "537,260.03")
    #expect(Money(fen: 5).description == "0.05")
    #expect(Money(fen: -123_456_789).formatted(grouping: true) == "-1,234,567.89")
    #expect(Money(fen: 100).formatted(grouping: true) == "1.00")
  }

  @Test(arguments: [
    ("3.1", 3_100_000 as Int64), ("3.1%", 3_100_000), ("3.075", 3_075_000), ("0", 0),
    ("2.525000", 2_525_000), ("-0.3", -300_000),
  ])
  func rate(text: String, units: Int64) throws {
    #expect(try AnnualRate(percent: text).units == units)
  }

  @Test(arguments: ["nan", "inf", "3.1234567", "", "%", "three"])
  func badRate(text: String) {
    #expect(throws: NumberParseError.self) { try AnnualRate(percent: text) }
  }

  @Test func rateText() {
    #expect(AnnualRate(units: 3_075_000).percentText == "3.075")
    #expect(AnnualRate(units: 3_100_000).description == "3.1%")
    #expect(AnnualRate(units: 2_000_000).percentText == "2")
    #expect(AnnualRate(units: 10).percentText == "0.00001")
    #expect(AnnualRate("3.5").adding(basisPoints: -30) == AnnualRate("3.2"))
  }

  @Test func dates() throws {
    #expect(try LocalDate(parsing: "2024-02-29").description == "2024-02-29")
    #expect(throws: DateError.self) { try LocalDate(parsing: "2025-02-29") }
    #expect(throws: DateError.self) { try LocalDate(parsing: "2025-13-01") }
    #expect(throws: DateError.self) { try LocalDate(parsing: "2025-1-01") }
    #expect(throws: DateError.self) { try LocalDate(parsing: "yesterday") }
    let d = try LocalDate(parsing: "2025-06-10")
    #expect(d.days(to: try LocalDate(parsing: "2025-07-20")) == 40)
    #expect(LocalDate(daysSinceEpoch: d.daysSinceEpoch) == d)
    #expect(try LocalDate(parsing: "1970-01-01").daysSinceEpoch == 0)
    #expect(try LocalDate(parsing: "2000-03-01").daysSinceEpoch == 11_017)
  }

  @Test func loanInputErrorsNameFieldValueAndRule() {
    #expect(throws: LoanInputError.self) {
      try Loan(principal: .zero, annualRate: AnnualRate("3"), months: 12)
    }
    do {
      _ = try Loan(principal: Money("1000"), annualRate: AnnualRate("310"), months: 12)
      Issue.record("a rate of 310 % was accepted")
    } catch {
      #expect(
        error.message(calling: "--rate")
          == "--rate must be between 0 and 36 (got 310); rates are in percent: 3.1 means 3.1%")
    }
    #expect(throws: LoanInputError.self) {
      try Loan(principal: Money("1000"), annualRate: AnnualRate("3"), months: 601)
    }
    #expect(throws: LoanInputError.self) {
      try Loan(principal: Money("10000000001"), annualRate: AnnualRate("3"), months: 12)
    }
    #expect(throws: LoanInputError.self) {
      // 0.15 yuan cannot be split into 10 equal-principal installments of whole fen.
      try Loan(principal: Money("0.15"), annualRate: .zero, months: 10, method: .equalPrincipal)
    }
  }
}
