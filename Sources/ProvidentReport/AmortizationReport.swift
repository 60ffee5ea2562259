// The result of `gjj amortize`: a schedule with its summary, payoff quote and rate decisions.
import ProvidentCore

/// A loan's schedule as a report: summary, rows, an optional payoff quote and the rate rules used.
public struct AmortizationReport: Sendable {
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

  // MARK: - JSON

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

  // MARK: - CSV

  /// One row per installment; the date column only in a dated schedule.
  public func csv() -> String { ScheduleFormatting.csv(schedule) }

  // MARK: - Table

  static func decisionLines(_ decisions: [RateDecision], _ lang: Language) -> [String] {
    guard !decisions.isEmpty else { return [] }
    return ["", lang.pick("Rates used", "利率依据") + ":"]
      + decisions.map { "  \($0.date)  \($0.rate)  \($0.explanation) [\($0.source)]" }
  }

  static func heading(
    _ title: String, _ loan: Loan, _ s: Schedule, _ lang: Language,
    extra: [(String, String)] = []
  ) -> [String] {
    let money = { (m: Money) in m.formatted(grouping: true) }
    var params = [
      (lang.pick("Principal", "贷款本金"), money(loan.principal)),
      (lang.pick("Term", "贷款期限"), "\(loan.months) " + lang.pick("months", "个月")),
      (lang.pick("Rate at start", "初始年利率"), loan.annualRate.description),
    ]
    if let dates = loan.dates {
      params.append((lang.pick("Disbursed", "放款日"), dates.start.description))
      params.append((lang.pick("Payment day", "每月还款日"), String(dates.paymentDay)))
    }
    return [
      title + " — " + s.method.label(lang) + lang.pick(", ", "，") + s.convention.label(lang),
      renderPairs(params + extra),
    ]
  }

  /// Heading, parameters, the schedule (unless `rows` is false), the summary and the rate rules,
  /// in `lang`.
  public func table(_ lang: Language, rows: Bool = true) -> String {
    let money = { (m: Money) in m.formatted(grouping: true) }
    var out = Self.heading(lang.pick("Repayment schedule", "还款计划"), loan, schedule, lang)
    out.append("")
    if rows {
      out.append(ScheduleFormatting.table(schedule, lang))
      out.append("")
    }
    var summary = ScheduleFormatting.summaryPairs(schedule, lang)
    if let payoff {
      summary.append(
        (
          lang.pick("Payoff on ", "提前结清 ") + payoff.date.description,
          money(payoff.amount)
        ))
      summary.append(
        (
          lang.pick("  principal + interest", "  本金 + 利息"),
          money(payoff.principal) + " + " + money(payoff.interest)
        ))
    }
    out.append(renderPairs(summary))
    out += Self.decisionLines(decisions, lang)
    return out.joined(separator: "\n")
  }
}
