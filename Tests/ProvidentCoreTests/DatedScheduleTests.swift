// Dated schedules, rate changes and payoff quotes (docs/conventions.md §3–4), worked by hand.
//
// Arithmetic in fen; `round` is half up; a = annual rate in percent, so
// monthly interest = B·a/1200 and daily interest = B·a·days/36000.
import ProvidentCore
import Testing
import _ProvidentTestSupport

@Suite("Dated schedules and rate changes")
struct DatedScheduleTests {
  /// 1,000,000 at 2.6 % over 360 months, disbursed 2025-06-10, paid on the 20th (docs/domain.md §1.4).
  @Test func brokenFirstPeriod() throws {
    let loan = try Loan(
      principal: Money("1000000"), annualRate: AnnualRate("2.6"), months: 360,
      dates: PaymentDates(start: LocalDate(parsing: "2025-06-10"), paymentDay: 20))
    let rows = loan.schedule().installments
    // A = round(100,000,000·r·q^360/(q^360−1)), r = 0.026/12  → 400,340 fen = 4,003.40
    // I_1 = round(100,000,000·2.6·40/36000) = round(288,888.9) = 288,889   (2025-06-10 → 07-20: 40 days)
    // Prin_1 = A − round(100,000,000·2.6/1200) = 400,340 − 216,667 = 183,673
    // Pay_1 = 183,673 + 288,889 = 472,562
    #expect(rows[0].dueDate?.description == "2025-07-20")
    #expect(rows[0].interest == Money(fen: 288_889))
    #expect(rows[0].principal == Money(fen: 183_673))
    #expect(rows[0].payment == Money(fen: 472_562))
    // B_1 = 100,000,000 − 183,673 = 99,816,327; I_2 = round(99,816,327·2.6/1200) = 216,269
    // Prin_2 = 400,340 − 216,269 = 184,071; B_2 = 99,632,256
    #expect(rows[1].interest == Money(fen: 216_269))
    #expect(rows[1].principal == Money(fen: 184_071))
    #expect(rows[1].balance == Money(fen: 99_632_256))
    #expect(loan.schedule().regularPayment == Money("4003.40"))
  }

  @Test func monthEndClamping() throws {
    let dates = try PaymentDates(start: LocalDate(parsing: "2024-01-15"), paymentDay: 31)
    #expect(dates.dueDate(1).description == "2024-02-29")  // leap February
    #expect(dates.dueDate(2).description == "2024-03-31")
    #expect(dates.dueDate(3).description == "2024-04-30")
    #expect(dates.dueDate(13).description == "2025-02-28")
    #expect(dates.dueDate(0).description == "2024-01-15")
  }

  /// 120,000 at 3.1 % over 24 months from 2025-10-15, paid on the 15th; the rate falls to 2.6 % on
  /// 2026-01-01, inside period 3 (2025-12-15 → 2026-01-15: 17 days old rate, 14 days new).
  static func repricedLoan() throws -> Loan {
    try Loan(
      principal: Money("120000"), annualRate: AnnualRate("3.1"), months: 24,
      dates: PaymentDates(start: LocalDate(parsing: "2025-10-15"), paymentDay: 15),
      rateChanges: [.onDate(LocalDate(parsing: "2026-01-01"), AnnualRate("2.6"))])
  }

  @Test func rateChangeInsideAPeriodSplitsInterest() throws {
    let rows = try Self.repricedLoan().schedule().installments
    // A = PMT(12,000,000, 3.1 %/12, 24) = 516,306
    // I_1 = round(12,000,000·3.1·31/36000) = 32,033 (10-15 → 11-15: 31 days)
    // Prin_1 = 516,306 − round(12,000,000·3.1/1200 = 31,000) = 485,306; B_1 = 11,514,694
    #expect(rows[0].interest == Money(fen: 32_033))
    #expect(rows[0].principal == Money(fen: 485_306))
    #expect(rows[0].balance == Money(fen: 11_514_694))
    // I_2 = round(11,514,694·3.1/1200) = round(29,746.3) = 29,746; Prin_2 = 486,560; B_2 = 11,028,134
    #expect(rows[1].interest == Money(fen: 29_746))
    #expect(rows[1].balance == Money(fen: 11_028_134))
    // Period 3: I_3 = round(11,028,134·(3.1·17 + 2.6·14)/36000) = round(27,294.63) = 27,295
    // A' = PMT(11,028,134, 2.6 %/12, 22) = 513,864; Prin_3 = 513,864 − 27,295 = 486,569
    // B_3 = 11,028,134 − 486,569 = 10,541,565
    #expect(rows[2].interest == Money(fen: 27_295))
    #expect(rows[2].payment == Money(fen: 513_864))
    #expect(rows[2].principal == Money(fen: 486_569))
    #expect(rows[2].balance == Money(fen: 10_541_565))
    #expect(rows[2].annualRate == AnnualRate("2.6"))
    // Period 4, wholly at 2.6 %: I_4 = round(10,541,565·2.6/1200) = 22,840; Prin_4 = 491,024
    #expect(rows[3].interest == Money(fen: 22_840))
    #expect(rows[3].principal == Money(fen: 491_024))
    #expect(rows[3].payment == Money(fen: 513_864))
  }

  @Test func rateChangeOnADueDateAppliesFromTheNextPeriod() throws {
    let start = try LocalDate(parsing: "2025-10-15")
    let onDue = try Loan(
      principal: Money("120000"), annualRate: AnnualRate("3.1"), months: 24,
      dates: PaymentDates(start: start, paymentDay: 15),
      rateChanges: [.onDate(LocalDate(parsing: "2025-12-15"), AnnualRate("2.6"))])
    let byPeriod = try Loan(
      principal: Money("120000"), annualRate: AnnualRate("3.1"), months: 24,
      dates: PaymentDates(start: start, paymentDay: 15),
      rateChanges: [.fromPeriod(3, AnnualRate("2.6"))])
    let a = onDue.schedule().installments
    // Period 2 (due 12-15) still at 3.1 %; period 3 wholly at 2.6 % on B_2 = 11,028,134:
    // I_3 = round(11,028,134·2.6/1200) = round(23,894.29) = 23,894
    #expect(a[1].interest == Money(fen: 29_746))
    #expect(a[2].interest == Money(fen: 23_894))
    #expect(a == byPeriod.schedule().installments)
  }

  @Test func undatedChangeFromAPeriod() throws {
    // 12,000 at 6 % over 12 months; from period 7 the rate is 0 %.
    let loan = try Loan(
      principal: Money("12000"), annualRate: AnnualRate("6"), months: 12,
      rateChanges: [.fromPeriod(7, .zero)])
    let rows = loan.schedule().installments
    // With no interest, A' = round(B_6/6), and every later row is interest-free.
    let b6 = rows[5].balance
    #expect(rows[6].interest == .zero)
    #expect(rows[6].payment == Money(fen: (2 * b6.fen + 6) / 12))
    #expect(rows.last?.balance == .zero)
  }

  @Test func payoffQuotes() throws {
    let loan = try Self.repricedLoan()
    // On due date 3: B_2 + I_3 = 11,028,134 + 27,295 = 11,055,429 (= B_3 + Pay_3).
    let onDue = try loan.payoff(on: LocalDate(parsing: "2026-01-15"))
    #expect(onDue.amount == Money(fen: 11_055_429))
    #expect(onDue.installmentsPaid == 2)
    // 2026-02-01, 17 days after due date 3: B_3 + round(10,541,565·2.6·17/36000)
    //   = 10,541,565 + round(12,943.33) = 10,554,508
    let between = try loan.payoff(on: LocalDate(parsing: "2026-02-01"))
    #expect(between.interest == Money(fen: 12_943))
    #expect(between.amount == Money(fen: 10_554_508))
    // 2025-12-25, 10 days after due date 2: 11,028,134 + round(11,028,134·3.1·10/36000 = 9,496.45)
    #expect(try loan.payoff(on: LocalDate(parsing: "2025-12-25")).amount == Money(fen: 11_037_630))
    // 2026-01-10 spans the change: 17 days at 3.1 %, 9 at 2.6 %:
    //   round(11,028,134·(3.1·17 + 2.6·9)/36000) = round(23,311.58) = 23,312
    let spanning = try loan.payoff(on: LocalDate(parsing: "2026-01-10"))
    #expect(spanning.interest == Money(fen: 23_312))
    // On the start date nothing has accrued.
    #expect(try loan.payoff(on: LocalDate(parsing: "2025-10-15")).amount == Money("120000"))
  }

  @Test func payoffOnEveryDueDateEqualsBalancePlusPayment() throws {
    let loan = try Self.repricedLoan()
    let rows = loan.schedule().installments
    for row in rows {
      let quote = try loan.payoff(on: row.dueDate!)
      #expect(quote.amount == row.balance + row.payment, "period \(row.period)")
    }
  }

  @Test func payoffErrors() throws {
    let loan = try Self.repricedLoan()
    #expect(throws: LoanInputError.self) { try loan.payoff(on: LocalDate(parsing: "2025-10-14")) }
    #expect(throws: LoanInputError.self) { try loan.payoff(on: LocalDate(parsing: "2027-10-16")) }
    let undated = try Loan(principal: Money("1000"), annualRate: AnnualRate("3"), months: 12)
    #expect(throws: LoanInputError.self) {
      try undated.payoff(on: LocalDate(parsing: "2026-01-01"))
    }
  }

  @Test func badRateChanges() throws {
    let dates = try PaymentDates(start: LocalDate(parsing: "2025-10-15"), paymentDay: 15)
    func loan(_ change: RateChange, dated: Bool = true) throws -> Loan {
      try Loan(
        principal: Money("120000"), annualRate: AnnualRate("3.1"), months: 24,
        dates: dated ? dates : nil, rateChanges: [change])
    }
    #expect(throws: LoanInputError.self) {
      try loan(.onDate(LocalDate(parsing: "2025-10-15"), AnnualRate("2")))  // not after start
    }
    #expect(throws: LoanInputError.self) {
      try loan(.onDate(LocalDate(parsing: "2027-10-15"), AnnualRate("2")))  // the last due date
    }
    #expect(throws: LoanInputError.self) { try loan(.fromPeriod(25, AnnualRate("2"))) }
    #expect(throws: LoanInputError.self) { try loan(.fromPeriod(3, AnnualRate("37"))) }
    #expect(throws: LoanInputError.self) {
      try loan(.onDate(LocalDate(parsing: "2026-01-01"), AnnualRate("2")), dated: false)
    }
  }
}
