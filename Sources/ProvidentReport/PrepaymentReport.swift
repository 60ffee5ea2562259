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

  /// The comparison (and, with one `strategy`, its schedule) as a document.
  public func document(_ lang: Language, strategy: PrepaymentStrategy?) -> Document {
    let money = { (m: Money) in m.formatted(grouping: true) }
    var cases: [(String, Schedule)] = [(lang.pick("Before", "提前还款前"), quote.before)]
    if strategy != .keepPayment { cases.append((lang.pick("Keep term", "减少月供"), quote.keepTerm)) }
    if strategy != .keepTerm {
      cases.append((lang.pick("Keep payment", "缩短年限"), quote.keepPayment))
    }
    var comparison = Table(
      header: [""] + cases.map(\.0), alignments: [.left] + cases.map { _ in .right })
    comparison.rows = [
      [lang.pick("Next payment", "下期月供")] + cases.map { money(quote.paymentAfter($0.1)) },
      [lang.pick("Installments left", "剩余期数")] + cases.map { String(quote.remainingPeriods($0.1)) },
      [lang.pick("Last payment", "末期还款")] + cases.map { money($0.1.lastPayment) },
      [lang.pick("Total interest", "利息总额")] + cases.map { money($0.1.totalInterest) },
      [lang.pick("Interest saved", "节省利息")] + cases.map { money(quote.interestSaved($0.1)) },
      [lang.pick("Months saved", "缩短期数")]
        + cases.map { String(quote.before.periods - $0.1.periods) },
    ]
    var blocks: [Block] = [
      .table(comparison),
      .chart(Document.balanceChart(cases, lang)),
    ]
    let csv: (header: [String], rows: [[String]])
    switch strategy {
    case let chosen?:
      let s = chosen == .keepTerm ? quote.keepTerm : quote.keepPayment
      blocks.append(.chart(Document.compositionChart(s, lang)))
      blocks.append(.detail(ScheduleFormatting.table(s, lang)))
      csv = ScheduleFormatting.csvTable(s)
    case nil:
      let named: [(String, Schedule)] = [
        ("before", quote.before), ("keepTerm", quote.keepTerm), ("keepPayment", quote.keepPayment),
      ]
      csv = (
        ["case", "payment", "remainingPeriods", "lastPayment", "totalInterest", "interestSaved"],
        named.map { name, s in
          [
            name, quote.paymentAfter(s).description, String(quote.remainingPeriods(s)),
            s.lastPayment.description, s.totalInterest.description,
            quote.interestSaved(s).description,
          ]
        }
      )
    }
    return Document(
      language: lang, title: lang.pick("Prepayment", "提前还款"),
      subtitle: Document.subtitle(quote.before, lang),
      parameters: Document.loanParameters(loan, lang) + [
        Pair(lang.pick("Prepaid after installment", "于第几期后还款"), String(quote.afterInstallment)),
        Pair(lang.pick("Amount prepaid", "提前还款金额"), money(quote.amount)),
        Pair(lang.pick("Balance before it", "还款前剩余本金"), money(quote.balanceBefore)),
      ],
      blocks: blocks,
      sources: Document.rateSources(decisions) + [
        Document.conventionNote(quote.before, lang),
        SourceNote(
          lang.pick(
            "Keep term: the installment is recomputed on the remaining term; keep payment: the installment is kept and the ledger runs until the balance clears",
            "减少月供：按剩余期限重算月供；缩短年限：月供不变，直至本金还清"),
          source: "docs/conventions.md §5"),
      ],
      data: json(strategy: strategy), csvHeader: csv.header, csvRows: csv.rows)
  }
}
