// The result of `gjj amortize`: a schedule with its summary, payoff quote and rate decisions.
import ProvidentCore

/// A loan's schedule as a report: summary, rows, an optional payoff quote and the rate rules used.
public struct AmortizationReport: RenderableReport, Sendable {
  public let loan: Loan
  public let schedule: Schedule
  public let payoff: PayoffQuote?
  /// The table rows and rules that set the rate, when it came from the tables.
  public let decisions: [RateDecision]

  public init(loan: Loan, schedule: Schedule, payoff: PayoffQuote?, decisions: [RateDecision]) {
    self.loan = loan
    self.schedule = schedule
    self.payoff = payoff
    self.decisions = decisions
  }

  /// `{"summary": {…}, "schedule": [{…}], "payoff": {…}, "rateDecisions": [{…}]}`.
  public func json() -> JSONValue {
    var top: [(String, JSONValue)] = [
      ("summary", .object(ScheduleFormatting.summary(schedule))),
      ("schedule", ScheduleFormatting.rows(schedule)),
    ]
    if let payoff {
      top.append(
        (
          "payoff",
          .object([
            ("date", .string(payoff.date.description)), ("amount", .money(payoff.amount)),
            ("principal", .money(payoff.principal)), ("interest", .money(payoff.interest)),
            ("installmentsPaid", .int(payoff.installmentsPaid)),
          ])
        ))
    }
    if !decisions.isEmpty { top.append(("rateDecisions", Self.decisionsJSON(decisions))) }
    return .object(top)
  }

  static func decisionsJSON(_ decisions: [RateDecision]) -> JSONValue {
    .array(
      decisions.map {
        .object([
          ("date", .string($0.date.description)), ("annualRate", .rate($0.rate)),
          ("explanation", .string($0.explanation)), ("source", .string($0.source)),
        ])
      })
  }

  public func document(_ lang: Language) -> Document {
    let money = { (m: Money) in m.formatted(grouping: true) }
    var figures = ScheduleFormatting.summaryPairs(schedule, lang).map { Pair($0.0, $0.1) }
    if let payoff {
      figures.append(
        Pair(lang.pick("Payoff on ", "提前结清 ") + payoff.date.description, money(payoff.amount)))
      figures.append(
        Pair(
          lang.pick("  principal + interest", "  本金 + 利息"),
          money(payoff.principal) + " + " + money(payoff.interest)))
    }
    let (header, rows) = ScheduleFormatting.csvTable(schedule)
    return Document(
      language: lang, title: lang.pick("Repayment schedule", "还款计划"),
      subtitle: Document.subtitle(schedule, lang), parameters: Document.loanParameters(loan, lang),
      keyFigures: figures,
      blocks: [
        .chart(Document.balanceChart([(lang.pick("Balance", "剩余本金"), schedule)], lang)),
        .chart(Document.compositionChart(schedule, lang)),
        .detail(ScheduleFormatting.table(schedule, lang)),
      ],
      sources: Document.rateSources(decisions) + [Document.conventionNote(schedule, lang)],
      data: json(), csvHeader: header, csvRows: rows)
  }
}
