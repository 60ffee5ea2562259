// gjj timeline: a loan with any list of events, compared with the loan without them.
import ProvidentCore

extension LoanEvent {
  /// One line describing the event.
  public func label(_ lang: Language) -> String {
    switch self {
    case .prepayment(let amount, let strategy):
      lang.pick("prepay ", "提前还款 ") + amount.formatted(grouping: true) + ", "
        + (strategy == .keepTerm
          ? lang.pick("keep term", "减少月供") : lang.pick("keep payment", "缩短年限"))
    case .fullPrepayment: lang.pick("full prepayment", "提前结清")
    case .termChange(let m): lang.pick("term change to \(m) months", "期限变更为剩余 \(m) 个月")
    case .methodChange(let m): lang.pick("method change to ", "还款方式变更为") + m.label(lang)
    case .rateChange(let r): lang.pick("rate change to ", "利率变更为 ") + r.description
    case .accountOffset(let o):
      o.mode == .monthly
        ? lang.pick("monthly account offset", "按月冲还贷")
        : lang.pick("yearly account offset", "年冲")
    }
  }
}

/// A timeline's result as a report.
public struct TimelineReport: RenderableReport, Sendable {
  public let loan: Loan
  public let comparison: TimelineComparison
  public let decisions: [RateDecision]

  public init(loan: Loan, comparison: TimelineComparison, decisions: [RateDecision]) {
    self.loan = loan
    self.comparison = comparison
    self.decisions = decisions
  }

  var after: Schedule { comparison.after.schedule }

  /// `{"summary": {…}, "comparison": {…}, "events": [{…}], "schedule": [{…}], "accounts": [{…}]}`.
  public func json() -> JSONValue {
    var top: [(String, JSONValue)] = [
      ("summary", .object(ScheduleFormatting.summary(after))),
      (
        "comparison",
        .object([
          ("totalInterestBefore", .money(comparison.before.totalInterest)),
          ("totalInterestAfter", .money(after.totalInterest)),
          ("interestSaved", .money(comparison.interestSaved)),
          ("periodsBefore", .int(comparison.before.periods)),
          ("periodsAfter", .int(after.periods)),
          ("monthsSaved", .int(comparison.monthsSaved)),
        ])
      ),
      (
        "events",
        .array(
          comparison.after.applied.map { e in
            var fields: [(String, JSONValue)] = [
              ("index", .int(e.index)), ("kind", .string(e.event.kindName)),
              ("afterInstallment", .int(e.afterInstallment)),
            ]
            if let d = e.date { fields.append(("date", .string(d.description))) }
            fields += [
              ("balanceBefore", .money(e.balanceBefore)), ("amount", .money(e.amount)),
              ("balanceAfter", .money(e.balanceAfter)),
            ]
            if e.afterInstallment < after.periods {
              fields.append(("nextPayment", .money(after.installments[e.afterInstallment].payment)))
            }
            return .object(fields)
          })
      ),
      ("schedule", ScheduleFormatting.rows(after)),
    ]
    if !comparison.after.accounts.isEmpty {
      top.append(
        (
          "accounts",
          .array(
            comparison.after.accounts.map {
              .object([
                ("period", .int($0.period)), ("deposits", .money($0.deposits)),
                ("fromAccount", .money($0.fromAccount)),
                ("fromCoAccount", .money($0.fromCoAccount)),
                ("cash", .money($0.cash)), ("prepaidFromAccount", .money($0.prepaidFromAccount)),
                ("accountBalance", .money($0.accountBalance)),
                ("coAccountBalance", .money($0.coAccountBalance)),
              ])
            })
        ))
    }
    if !decisions.isEmpty {
      top.append(("rateDecisions", AmortizationReport.decisionsJSON(decisions)))
    }
    return .object(top)
  }

  public func document(_ lang: Language) -> Document {
    let money = { (m: Money) in m.formatted(grouping: true) }
    var events = Table(
      title: lang.pick("Events", "变更事项"),
      header: [
        "#", lang.pick("After", "于第几期后"), lang.pick("Event", "事项"), lang.pick("Amount", "金额"),
        lang.pick("Balance after", "变更后本金"),
      ],
      alignments: [.right, .right, .left, .right, .right])
    for e in comparison.after.applied {
      events.rows.append([
        String(e.index), String(e.afterInstallment) + (e.date.map { " (\($0))" } ?? ""),
        e.event.label(lang), e.amount > .zero ? money(e.amount) : "", money(e.balanceAfter),
      ])
    }
    var figures = ScheduleFormatting.summaryPairs(after, lang).map { Pair($0.0, $0.1) }
    figures += [
      Pair(
        lang.pick("Interest without the events", "不变更时利息总额"), money(comparison.before.totalInterest)
      ),
      Pair(lang.pick("Interest saved", "节省利息"), money(comparison.interestSaved)),
      Pair(lang.pick("Months saved", "缩短期数"), String(comparison.monthsSaved)),
    ]
    var blocks: [Block] = [
      .table(events),
      .chart(
        Document.balanceChart(
          [
            (lang.pick("Without the events", "不变更"), comparison.before),
            (lang.pick("With the events", "变更后"), after),
          ], lang)),
      .chart(Document.compositionChart(after, lang)),
      .detail(ScheduleFormatting.table(after, lang)),
    ]
    let accounts = comparison.after.accounts
    if !accounts.isEmpty {
      blocks.append(
        .pairs([
          Pair(
            lang.pick("Paid from accounts (while the offset ran)", "公积金账户支付（冲还贷期间）"),
            money(comparison.after.paidFromAccounts)),
          Pair(
            lang.pick("Paid in cash (while the offset ran)", "自付（冲还贷期间）"),
            money(comparison.after.paidInCash)),
        ]))
      var t = Table(
        title: lang.pick("Provident accounts", "公积金账户"),
        header: [
          lang.pick("Period", "期数"), lang.pick("From account", "本人账户"),
          lang.pick("From co-account", "配偶账户"), lang.pick("Cash", "自付"),
          lang.pick("Prepaid", "冲还本金"), lang.pick("Account", "本人余额"),
          lang.pick("Co-account", "配偶余额"),
        ], alignments: Array(repeating: .right, count: 7))
      for a in accounts {
        t.rows.append([
          String(a.period), money(a.fromAccount), money(a.fromCoAccount), money(a.cash),
          money(a.prepaidFromAccount), money(a.accountBalance), money(a.coAccountBalance),
        ])
      }
      blocks.append(.detail(t))
    }
    let (header, rows) = ScheduleFormatting.csvTable(after)
    return Document(
      language: lang, title: lang.pick("Loan timeline", "贷款变更"),
      subtitle: Document.subtitle(after, lang), parameters: Document.loanParameters(loan, lang),
      keyFigures: figures, blocks: blocks,
      sources: Document.rateSources(decisions) + [
        Document.conventionNote(after, lang),
        SourceNote(lang.pick("Events", "变更规则"), source: "docs/conventions.md §5"),
      ],
      notes: accounts.isEmpty ? [] : [lang.pick("Account interest is not modelled.", "未计公积金账户利息。")],
      data: json(), csvHeader: header, csvRows: rows)
  }
}
