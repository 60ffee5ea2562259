// Loan events (docs/conventions.md §5) and combination loans (§6): the published vector V3, hand-worked cases
// with the arithmetic shown, and properties over random loans and events.
import ProvidentCore
import Testing
import _ProvidentTestSupport

@Suite("Loan events and combination loans")
struct TimelineTests {
  func loan(
    _ p: String, _ rate: String, _ months: Int, _ method: RepaymentMethod = .equalInstallment
  )
    throws -> Loan
  {
    try Loan(principal: Money(p), annualRate: AnnualRate(rate), months: months, method: method)
  }

  /// docs/domain.md §9 V3 [C1]: 1,000,000 / 360 / 3.1 %, prepay 200,000 after 36 installments.
  @Test(arguments: Convention.allCases)
  func v3(convention: Convention) throws {
    let rows = try Golden.rows("prepayment.csv").filter { $0["id"] == "V3" }
    #expect(rows.count == 4)
    let quote = try PrepaymentQuote(
      loan: loan("1000000", "3.1", 360), afterInstallment: 36, amount: Money("200000"),
      convention: convention)
    for row in rows {
      switch row["field"] {
      case "balanceAfter":
        // The published balance is the closed-form (exact) one; the ledger books 936,446.83
        // (prepayment.csv's header explains the 0.17 difference).
        if convention == .exact {
          #expect(quote.balanceBefore == Money(row["expected"]))
        } else {
          #expect(quote.balanceBefore == Money("936446.83"))
        }
      case "keepTerm.payment":
        #expect(quote.paymentAfter(quote.keepTerm) == Money(row["expected"]), "\(convention)")
      case "keepTerm.remainingPeriods":
        #expect(quote.remainingPeriods(quote.keepTerm) == Int(row["expected"]))
      case "keepPayment.remainingPeriods":
        #expect(quote.remainingPeriods(quote.keepPayment) == Int(row["expected"]), "\(convention)")
      default: Issue.record("unknown field \(row)")
      }
    }
    #expect(quote.paymentAfter(quote.keepPayment) == quote.before.regularPayment)
  }

  /// 12,000 at 6 % over 12 months (r = 0.5 %), equal installment; prepay 3,000 after 6.
  ///   A = round(1,200,000·0.005·1.005^12/(1.005^12 − 1)) = 103,280 fen
  ///   k: I_k = round(B·0.005), Prin = A − I:
  ///     1: 6,000 / 97,280 → 1,102,720     4: 4,533 / 98,747 → 807,952
  ///     2: 5,514 / 97,766 → 1,004,954     5: 4,040 / 99,240 → 708,712
  ///     3: 5,025 / 98,255 →   906,699     6: 3,544 / 99,736 → 608,976
  ///   B' = 608,976 − 300,000 = 308,976
  @Test func handWorkedEqualInstallmentPrepayment() throws {
    let base = try loan("12000", "6", 12)
    // Keep term: A' = round(PMT(308,976, 0.5 %, 6)) = 52,401.
    let keepTerm = try Timeline(
      loan: base, events: [TimedEvent(.afterInstallment(6), .prepayment(Money("3000"), .keepTerm))]
    ).run().schedule
    #expect(keepTerm.installments[5].prepayment == Money(fen: 300_000))
    #expect(keepTerm.installments[5].balance == Money(fen: 308_976))
    #expect(keepTerm.installments[6].payment == Money(fen: 52_401))
    #expect(keepTerm.periods == 12)
    // Keep payment: n' = −ln(1 − 308,976·0.005/103,280)/ln(1.005) = 3.02 → 4 installments:
    //   7: I 1,545, Prin 101,735 → 207,241    8: I 1,036, Prin 102,244 → 104,997
    //   9: I 525, Prin 102,755 → 2,242        10: I 11, Prin 2,242, Pay 2,253 → 0
    let keepPayment = try Timeline(
      loan: base,
      events: [TimedEvent(.afterInstallment(6), .prepayment(Money("3000"), .keepPayment))]
    ).run().schedule
    #expect(keepPayment.periods == 10)
    #expect(keepPayment.installments[6].interest == Money(fen: 1_545))
    #expect(keepPayment.installments[8].balance == Money(fen: 2_242))
    #expect(keepPayment.installments[9].payment == Money(fen: 2_253))
    #expect(keepPayment.installments[9].balance == .zero)
  }

  /// Equal principal 12,000 at 6 % over 12: d = 100,000 fen; B_6 = 600,000; prepay 300,000.
  /// Interest must be charged on the balance *before* each installment: a calculator that shifts
  /// it by a month would charge I_7 on B' − d.
  @Test func handWorkedEqualPrincipalPrepayment() throws {
    let base = try loan("12000", "6", 12, .equalPrincipal)
    let rows = base.schedule().installments
    // I_1 = round(1,200,000·0.005) = 6,000; I_2 = round(1,100,000·0.005) = 5,500.
    #expect(rows[0].interest == Money(fen: 6_000))
    #expect(rows[1].interest == Money(fen: 5_500))
    // Keep term: d' = round(300,000/6) = 50,000; I_7 = round(300,000·0.005) = 1,500 (not 1,250).
    let keepTerm = try Timeline(
      loan: base, events: [TimedEvent(.afterInstallment(6), .prepayment(Money("3000"), .keepTerm))]
    ).run().schedule
    #expect(keepTerm.installments[6].principal == Money(fen: 50_000))
    #expect(keepTerm.installments[6].interest == Money(fen: 1_500))
    #expect(keepTerm.installments[6].payment == Money(fen: 51_500))
    // Keep payment: ⌈300,000/100,000⌉ = 3 installments of d; I_7 = 1,500, I_8 = 1,000, I_9 = 500.
    let keepPayment = try Timeline(
      loan: base,
      events: [TimedEvent(.afterInstallment(6), .prepayment(Money("3000"), .keepPayment))]
    ).run().schedule
    #expect(keepPayment.periods == 9)
    #expect(
      keepPayment.installments.suffix(3).map(\.interest)
        == [1_500, 1_000, 500].map { Money(fen: $0) })
    #expect(keepPayment.installments.suffix(3).allSatisfy { $0.principal == Money(fen: 100_000) })
  }

  @Test func termMethodAndRateChanges() throws {
    let base = try loan("12000", "6", 12)
    // Term change after 6: A' = PMT(608,976, 0.5 %, 12) over 12 more months → 18 installments.
    let longer = try Timeline(
      loan: base, events: [TimedEvent(.afterInstallment(6), .termChange(remainingMonths: 12))]
    ).run().schedule
    #expect(longer.periods == 18)
    #expect(
      longer.installments[6].payment
        == Money(
          fen: Annuity.ledgerPayment(
            balanceFen: 608_976, rate: AnnualRate("6"), periods: 12)))
    // Method change after 6: equal principal on 608,976 over 6: d = 101,496; I_7 = 3,045.
    let switched = try Timeline(
      loan: base, events: [TimedEvent(.afterInstallment(6), .methodChange(.equalPrincipal))]
    ).run().schedule
    #expect(switched.installments[6].principal == Money(fen: 101_496))
    #expect(switched.installments[6].interest == Money(fen: 3_045))
    // A rate change after 6 equals the loan's own change from period 7.
    let viaEvent = try Timeline(
      loan: base, events: [TimedEvent(.afterInstallment(6), .rateChange(AnnualRate("3")))]
    ).run().schedule
    let viaLoan = try Loan(
      principal: Money("12000"), annualRate: AnnualRate("6"), months: 12,
      rateChanges: [.fromPeriod(7, AnnualRate("3"))]
    ).schedule()
    #expect(viaEvent == viaLoan)
  }

  @Test func fullPrepaymentOnAndBetweenDueDates() throws {
    let dated = try Loan(
      principal: Money("120000"), annualRate: AnnualRate("3.1"), months: 24,
      dates: PaymentDates(start: LocalDate(parsing: "2025-10-15"), paymentDay: 15))
    // On due date 3: installment 3 paid, then the balance; the loan ends at 3.
    let onDue = try Timeline(
      loan: dated, events: [TimedEvent(.onDate(LocalDate(parsing: "2026-01-15")), .fullPrepayment)]
    ).run()
    #expect(onDue.schedule.periods == 3)
    #expect(onDue.schedule.installments[2].balance == .zero)
    let quote = try dated.payoff(on: LocalDate(parsing: "2026-01-15"))
    let row = onDue.schedule.installments[2]
    #expect(row.payment + row.prepayment == quote.amount)
    // Between due dates: the payoff quote of docs/conventions.md §3 as a last row.
    let between = try Timeline(
      loan: dated, events: [TimedEvent(.onDate(LocalDate(parsing: "2026-02-01")), .fullPrepayment)]
    ).run()
    #expect(between.schedule.periods == 4)
    #expect(
      between.schedule.installments[3].payment
        == (try dated.payoff(on: LocalDate(parsing: "2026-02-01"))).amount)
  }

  @Test func accountOffsets() throws {
    let base = try loan("12000", "6", 12)
    // Monthly offset from installment 7: accounts 1,000 + 500, deposits 600 + 300 a month.
    // Installment 7 (1,032.80): the account has 1,600 → pays it all; account 567.20.
    // Installment 8: account 1,167.20 → pays 1,032.80; account 134.40. The ledger is unchanged.
    let t = try Timeline(
      loan: base,
      events: [
        TimedEvent(
          .afterInstallment(6),
          .accountOffset(
            AccountOffset(
              mode: .monthly, balance: Money("1000"), monthlyDeposit: Money("600"),
              coBalance: Money("500"), coMonthlyDeposit: Money("300"))))
      ]
    ).run()
    #expect(t.schedule == base.schedule())
    #expect(t.accounts.count == 6)
    #expect(t.accounts[0].fromAccount == Money("1032.80"))
    #expect(t.accounts[0].accountBalance == Money("567.20"))
    #expect(t.accounts[1].accountBalance == Money("134.40"))
    // Installment 9: account 734.40 pays it, co-account (500 + 3·300 = 1,400) pays 298.40.
    #expect(t.accounts[2].fromAccount == Money("734.40"))
    #expect(t.accounts[2].fromCoAccount == Money("298.40"))
    #expect(
      t.accounts.allSatisfy {
        $0.fromAccount + $0.fromCoAccount + $0.cash
          == t.schedule.installments[$0.period - 1].payment
      })

    // Yearly offset (年冲) of a 24-month loan from installment 6: 2,000 prepaid at once, then the
    // 12 deposits of 100 at installment 18.
    let yearlyLoan = try loan("12000", "6", 24)
    let y = try Timeline(
      loan: yearlyLoan,
      events: [
        TimedEvent(
          .afterInstallment(6),
          .accountOffset(
            AccountOffset(
              mode: .yearly, balance: Money("2000"), monthlyDeposit: Money("100"),
              strategy: .keepTerm)))
      ]
    ).run()
    #expect(y.schedule.installments[5].prepayment == Money("2000"))
    #expect(y.schedule.installments[17].prepayment == Money("1200"))
    #expect(y.schedule.totalPrepayment == Money("3200"))
  }

  @Test func badEventsNameTheirIndexAndField() throws {
    let base = try loan("12000", "6", 12)
    func error(_ events: [TimedEvent]) -> TimelineError? {
      do {
        _ = try Timeline(loan: base, events: events).run()
        return nil
      } catch { return error }
    }
    let ok = TimedEvent(.afterInstallment(1), .prepayment(Money("10"), .keepTerm))
    #expect(
      error([ok, TimedEvent(.afterInstallment(6), .prepayment(Money("7000"), .keepTerm))])?
        .description.hasPrefix("events[1].amount: 7000.00 is not below the balance ") == true)
    #expect(
      error([TimedEvent(.afterInstallment(3), .prepayment(Money("-5"), .keepTerm))])?.field
        == "amount")
    #expect(
      error([TimedEvent(.afterInstallment(12), .prepayment(Money("5"), .keepTerm))])?.field
        == "after")
    #expect(
      error([TimedEvent(.afterInstallment(13), .methodChange(.equalPrincipal))])?.eventIndex == 0)
    #expect(error([TimedEvent(.afterInstallment(0), .fullPrepayment)])?.field == "after")
    #expect(
      error([ok, TimedEvent(.afterInstallment(3), .termChange(remainingMonths: 0))])?.eventIndex
        == 1)
    #expect(
      error([TimedEvent(.onDate(LocalDate(unsafe: "2026-01-01")), .fullPrepayment)])?.field
        == "date")
    // An event after a full prepayment is after the loan.
    #expect(
      error([
        TimedEvent(.afterInstallment(4), .fullPrepayment),
        TimedEvent(.afterInstallment(5), .prepayment(Money("1"), .keepTerm)),
      ])?.eventIndex == 1)
  }

  @Test func datedEventsMustFallOnDueDates() throws {
    let dated = try Loan(
      principal: Money("120000"), annualRate: AnnualRate("3.1"), months: 24,
      dates: PaymentDates(start: LocalDate(parsing: "2025-10-15"), paymentDay: 15))
    #expect(throws: TimelineError.self) {
      try Timeline(
        loan: dated,
        events: [
          TimedEvent(
            .onDate(LocalDate(parsing: "2026-01-10")), .prepayment(Money("100"), .keepTerm))
        ]
      ).run()
    }
    #expect(throws: TimelineError.self) {
      try Timeline(
        loan: dated,
        events: [TimedEvent(.onDate(LocalDate(parsing: "2025-10-01")), .fullPrepayment)]
      ).run()
    }
    // A dated rate change through the timeline equals the loan's own.
    let viaEvent = try Timeline(
      loan: dated,
      events: [
        TimedEvent(.onDate(LocalDate(parsing: "2026-01-01")), .rateChange(AnnualRate("2.6")))
      ]
    ).run().schedule
    #expect(viaEvent == (try DatedScheduleTests.repricedLoan()).schedule())
  }

  // MARK: - Properties over random loans and events

  @Test func prepaymentProperties() throws {
    var rng = SplitMix64(seed: 3)
    var checked = 0
    for _ in 0..<400 {
      let months = Int.random(in: 24...480, using: &rng)
      let method: RepaymentMethod = Bool.random(using: &rng) ? .equalInstallment : .equalPrincipal
      guard
        let base = try? Loan(
          principal: Money(fen: Int64.random(in: 10_000_000...500_000_000, using: &rng)),
          annualRate: AnnualRate(units: Int64.random(in: 0...600, using: &rng) * 10_000),
          months: months, method: method)
      else { continue }
      let plain = base.schedule()
      let k = Int.random(in: 1..<months, using: &rng)
      let bk = plain.installments[k - 1].balance
      guard bk.fen > 1 else { continue }
      let x = Money(fen: Int64.random(in: 1..<bk.fen, using: &rng))
      for strategy in PrepaymentStrategy.allCases {
        let s = try Timeline(
          loan: base, events: [TimedEvent(.afterInstallment(k), .prepayment(x, strategy))]
        ).run().schedule
        let context = "\(base) k=\(k) x=\(x) \(strategy)"
        // Principal repaid plus prepayments equals the principal exactly; the loan clears.
        #expect(
          s.installments.reduce(Money.zero) { $0 + $1.principal + $1.prepayment } == base.principal,
          "\(context)")
        #expect(s.installments.last?.balance == .zero, "\(context)")
        #expect(
          s.installments.allSatisfy { $0.payment == $0.principal + $0.interest }, "\(context)")
        // A prepayment never raises total interest; keeping the payment never lengthens the term.
        #expect(s.totalInterest <= plain.totalInterest, "\(context)")
        if strategy == .keepPayment {
          #expect(s.periods <= plain.periods, "\(context)")
        } else {
          #expect(s.periods == plain.periods, "\(context)")
        }
        // The rows before k are untouched.
        #expect(
          Array(s.installments.prefix(k - 1)) == Array(plain.installments.prefix(k - 1)),
          "\(context)")
      }
      checked += 1
    }
    #expect(checked > 300)
  }

  /// A timeline equals its events applied one at a time: after a keep-term prepayment on due date
  /// k, the rest of the ledger is a new loan of the new balance over the remaining term.
  @Test func timelineEqualsEventsOneAtATime() throws {
    var rng = SplitMix64(seed: 11)
    for _ in 0..<200 {
      let months = Int.random(in: 36...360, using: &rng)
      let method: RepaymentMethod = Bool.random(using: &rng) ? .equalInstallment : .equalPrincipal
      let rate = AnnualRate(units: Int64.random(in: 100...600, using: &rng) * 10_000)
      let base = try Loan(
        principal: Money(fen: Int64.random(in: 50_000_000...300_000_000, using: &rng)),
        annualRate: rate, months: months, method: method)
      let k1 = Int.random(in: 1...(months / 3), using: &rng)
      let k2 = Int.random(in: (k1 + 1)...(2 * months / 3), using: &rng)
      let x1 = Money(fen: base.principal.fen / 10)
      let x2 = Money(fen: base.principal.fen / 20)
      let both = try Timeline(
        loan: base,
        events: [
          TimedEvent(.afterInstallment(k1), .prepayment(x1, .keepTerm)),
          TimedEvent(.afterInstallment(k2), .prepayment(x2, .keepTerm)),
        ]
      ).run().schedule.installments
      // One at a time: first e1 alone, then a fresh loan from its state after k2, minus x2.
      let first = try Timeline(
        loan: base,
        events: [
          TimedEvent(.afterInstallment(k1), .prepayment(x1, .keepTerm))
        ]
      ).run().schedule.installments
      #expect(Array(both.prefix(k2 - 1)) == Array(first.prefix(k2 - 1)))
      let rest = try Loan(
        principal: first[k2 - 1].balance - x2, annualRate: rate,
        months: months - k2, method: method
      ).schedule().installments
      #expect(both.count == k2 + rest.count)
      for (a, b) in zip(both.dropFirst(k2), rest) {
        #expect(
          a.payment == b.payment && a.principal == b.principal && a.interest == b.interest
            && a.balance == b.balance, "\(base) k1=\(k1) k2=\(k2) period \(a.period)")
      }
    }
  }

  @Test func combinationLoanIsTheSumOfItsParts() throws {
    // docs/domain.md §4: provident 800,000 at 2.6 % + commercial 700,000 at 3.05 %, 30 years.
    let p = try loan("800000", "2.6", 360)
    let c = try loan("700000", "3.05", 360)
    let combo = try CombinationLoan(provident: p, commercial: c).run()
    let ps = p.schedule()
    let cs = c.schedule()
    #expect(combo.periods == 360)
    for (i, row) in combo.installments.enumerated() {
      #expect(row.payment == ps.installments[i].payment + cs.installments[i].payment)
      #expect(row.interest == ps.installments[i].interest + cs.installments[i].interest)
      #expect(row.balance == ps.installments[i].balance + cs.installments[i].balance)
    }
    #expect(combo.totalInterest == ps.totalInterest + cs.totalInterest)
    #expect(combo.regularPayment == ps.regularPayment + cs.regularPayment)
    // An event on the commercial part leaves the provident part alone; parts of different
    // lengths sum with the ended part adding nothing.
    let prepaid = try CombinationLoan(
      provident: Timeline(loan: p, events: []),
      commercial: Timeline(
        loan: c,
        events: [TimedEvent(.afterInstallment(12), .prepayment(Money("300000"), .keepPayment))])
    ).run()
    #expect(prepaid.provident.schedule == ps)
    #expect(prepaid.periods == 360)
    #expect(prepaid.commercial.schedule.periods < 360)
    let last = prepaid.installments[359]
    #expect(last.commercial == nil && last.payment == ps.installments[359].payment)
  }
}

extension LocalDate {
  init(unsafe text: String) { try! self.init(parsing: text) }
}
