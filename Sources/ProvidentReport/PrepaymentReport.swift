// gjj prepay: one prepayment, keep-term and keep-payment side by side.
import ProvidentCore

/// A prepayment quote as a report: the loan before, and after under each strategy.
public struct PrepaymentReport: Sendable {
  public let loan: Loan
  public let quote: PrepaymentQuote
  public let decisions: [RateDecision]

  public init(loan: Loan, quote: PrepaymentQuote, decisions: [RateDecision]) {
    self.loan = loan
    self.quote = quote
    self.decisions = decisions
  }

  func before() -> [(String, JSONValue)] {
    [
      ("balance", .money(quote.balanceBefore)),
      ("payment", .money(quote.before.installments[quote.afterInstallment].payment)),
      ("remainingPeriods", .int(quote.remainingBefore)),
      ("totalInterest", .money(quote.before.totalInterest)),
    ]
  }

  func after(_ s: Schedule, lastPayment: Bool) -> [(String, JSONValue)] {
    var pairs: [(String, JSONValue)] = [
      ("payment", .money(quote.paymentAfter(s))),
      ("remainingPeriods", .int(quote.remainingPeriods(s))),
    ]
    if lastPayment { pairs.append(("lastPayment", .money(s.lastPayment))) }
    pairs += [
      ("totalInterest", .money(s.totalInterest)),
      ("interestSaved", .money(quote.interestSaved(s))),
    ]
    return pairs
  }

  /// `{"before": {…}, "keepTerm": {…}, "keepPayment": {…}}`, or with one `strategy`, that one
  /// and its full schedule.
  public func json(strategy: PrepaymentStrategy? = nil) -> JSONValue {
    var top: [(String, JSONValue)] = [("before", .object(before()))]
    switch strategy {
    case nil:
      top.append(("keepTerm", .object(after(quote.keepTerm, lastPayment: false))))
      top.append(("keepPayment", .object(after(quote.keepPayment, lastPayment: true))))
    case .keepTerm?:
      top.append(("keepTerm", .object(after(quote.keepTerm, lastPayment: true))))
      top.append(("schedule", ScheduleFormatting.rows(quote.keepTerm)))
    case .keepPayment?:
      top.append(("keepPayment", .object(after(quote.keepPayment, lastPayment: true))))
      top.append(("schedule", ScheduleFormatting.rows(quote.keepPayment)))
    }
    if !decisions.isEmpty {
      top.append(("rateDecisions", AmortizationReport.decisionsJSON(decisions)))
    }
    return .object(top)
  }

  /// The chosen strategy's schedule as CSV (both strategies: the comparison as rows).
  public func csv(strategy: PrepaymentStrategy?) -> String {
    switch strategy {
    case .keepTerm?: return ScheduleFormatting.csv(quote.keepTerm)
    case .keepPayment?: return ScheduleFormatting.csv(quote.keepPayment)
    case nil:
      let cols: [(String, Schedule)] = [
        ("before", quote.before), ("keepTerm", quote.keepTerm), ("keepPayment", quote.keepPayment),
      ]
      return renderCSV(
        header: ["case", "payment", "remainingPeriods", "lastPayment", "totalInterest", "interestSaved"],
        rows: cols.map { name, s in
          [
            name, quote.paymentAfter(s).description, String(quote.remainingPeriods(s)),
            s.lastPayment.description, s.totalInterest.description,
            quote.interestSaved(s).description,
          ]
        })
    }
  }

  public func table(_ lang: Language, strategy: PrepaymentStrategy?) -> String {
    let money = { (m: Money) in m.formatted(grouping: true) }
    var out = AmortizationReport.heading(
      lang.pick("Prepayment", "提前还款"), loan, quote.before, lang,
      extra: [
        (lang.pick("Prepaid after installment", "于第几期后还款"), String(quote.afterInstallment)),
        (lang.pick("Amount prepaid", "提前还款金额"), money(quote.amount)),
        (lang.pick("Balance before it", "还款前剩余本金"), money(quote.balanceBefore)),
      ])
    out.append("")
    var cases: [(String, Schedule)] = [(lang.pick("Before", "提前还款前"), quote.before)]
    if strategy != .keepPayment {
      cases.append((lang.pick("Keep term", "减少月供"), quote.keepTerm))
    }
    if strategy != .keepTerm {
      cases.append((lang.pick("Keep payment", "缩短年限"), quote.keepPayment))
    }
    var t = TextTable(
      header: [""] + cases.map(\.0),
      alignments: [.left] + cases.map { _ in .right })
    t.rows = [
      [lang.pick("Next payment", "下期月供")] + cases.map { money(quote.paymentAfter($0.1)) },
      [lang.pick("Installments left", "剩余期数")] + cases.map { String(quote.remainingPeriods($0.1)) },
      [lang.pick("Last payment", "末期还款")] + cases.map { money($0.1.lastPayment) },
      [lang.pick("Total interest", "利息总额")] + cases.map { money($0.1.totalInterest) },
      [lang.pick("Interest saved", "节省利息")] + cases.map { money(quote.interestSaved($0.1)) },
      [lang.pick("Months saved", "缩短期数")] + cases.map { String(quote.before.periods - $0.1.periods) },
    ]
    out.append(t.rendered())
    if let strategy {
      out.append("")
      out.append(ScheduleFormatting.table(strategy == .keepTerm ? quote.keepTerm : quote.keepPayment, lang))
    }
    out += AmortizationReport.decisionLines(decisions, lang)
    return out.joined(separator: "\n")
  }
}
