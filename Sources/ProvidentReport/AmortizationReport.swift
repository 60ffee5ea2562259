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
      ("summary", .object(summaryPairs)),
      (
        "schedule",
        .array(
          schedule.installments.map { row in
            var fields: [(String, JSONValue)] = [("period", .int(row.period))]
            if let date = row.dueDate { fields.append(("date", .string(date.description))) }
            fields += [
              ("annualRate", .rate(row.annualRate)), ("payment", .money(row.payment)),
              ("principal", .money(row.principal)), ("interest", .money(row.interest)),
              ("balance", .money(row.balance)),
            ]
            return .object(fields)
          })
      ),
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
    if !decisions.isEmpty {
      top.append(
        (
          "rateDecisions",
          .array(
            decisions.map {
              .object([
                ("date", .string($0.date.description)), ("annualRate", .rate($0.rate)),
                ("explanation", .string($0.explanation)), ("source", .string($0.source)),
              ])
            })
        ))
    }
    return .object(top)
  }

  var summaryPairs: [(String, JSONValue)] {
    [
      ("payment", .money(schedule.regularPayment)),
      ("firstPayment", .money(schedule.firstPayment)),
      ("lastPayment", .money(schedule.lastPayment)),
      ("totalInterest", .money(schedule.totalInterest)),
      ("totalPayment", .money(schedule.totalPayment)),
      ("periods", .int(schedule.periods)),
      ("method", .string(schedule.method.kebabName)),
      ("convention", .string(schedule.convention.rawValue)),
    ]
  }

  // MARK: - CSV

  /// One row per installment; the date column only in a dated schedule.
  public func csv() -> String {
    let dated = schedule.isDated
    let header =
      ["period"] + (dated ? ["date"] : [])
      + ["annualRate", "payment", "principal", "interest", "balance"]
    let rows = schedule.installments.map { row in
      [String(row.period)] + (dated ? [row.dueDate?.description ?? ""] : [])
        + [
          row.annualRate.percentText, row.payment.description, row.principal.description,
          row.interest.description, row.balance.description,
        ]
    }
    return renderCSV(header: header, rows: rows)
  }

  // MARK: - Table

  /// Heading, parameters, the schedule (unless `rows` is false), the summary and the rate rules,
  /// in `lang`.
  public func table(_ lang: Language, rows: Bool = true) -> String {
    let money = { (m: Money) in m.formatted(grouping: true) }
    var out: [String] = []
    out.append(
      lang.pick("Repayment schedule", "还款计划") + " — " + schedule.method.label(lang) + lang.pick(", ", "，")
        + schedule.convention.label(lang))
    var params = [
      (lang.pick("Principal", "贷款本金"), money(loan.principal)),
      (lang.pick("Term", "贷款期限"), "\(loan.months) " + lang.pick("months", "个月")),
      (lang.pick("Rate at start", "初始年利率"), loan.annualRate.description),
    ]
    if let dates = loan.dates {
      params.append((lang.pick("Disbursed", "放款日"), dates.start.description))
      params.append((lang.pick("Payment day", "每月还款日"), String(dates.paymentDay)))
    }
    out.append(renderPairs(params))
    out.append("")
    let dated = schedule.isDated
    let header =
      [lang.pick("Period", "期数")] + (dated ? [lang.pick("Due date", "还款日")] : [])
      + [
        lang.pick("Rate", "年利率"), lang.pick("Payment", "月供"), lang.pick("Principal", "本金"),
        lang.pick("Interest", "利息"), lang.pick("Balance", "剩余本金"),
      ]
    let alignments: [TextTable.Alignment] =
      [.right] + (dated ? [.left] : []) + [.right, .right, .right, .right, .right]
    var table = TextTable(header: header, alignments: alignments)
    for row in schedule.installments {
      table.rows.append(
        [String(row.period)] + (dated ? [row.dueDate?.description ?? ""] : [])
          + [
            row.annualRate.description, money(row.payment), money(row.principal),
            money(row.interest), money(row.balance),
          ])
    }
    if rows {
      out.append(table.rendered())
      out.append("")
    }
    var summary = [
      (lang.pick("Regular payment", "月供"), money(schedule.regularPayment)),
      (lang.pick("First payment", "首期还款"), money(schedule.firstPayment)),
      (lang.pick("Last payment", "末期还款"), money(schedule.lastPayment)),
      (lang.pick("Total interest", "利息总额"), money(schedule.totalInterest)),
      (lang.pick("Total payment", "还款总额"), money(schedule.totalPayment)),
    ]
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
    if !decisions.isEmpty {
      out.append("")
      out.append(lang.pick("Rates used", "利率依据") + ":")
      for d in decisions {
        out.append("  \(d.date)  \(d.rate)  \(d.explanation) [\(d.source)]")
      }
    }
    return out.joined(separator: "\n")
  }
}
