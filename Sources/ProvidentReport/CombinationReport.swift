// gjj combo: a combination loan (组合贷款), its parts and their per-period sum.
import ProvidentCore

/// A combination loan's schedule as a report.
public struct CombinationReport: RenderableReport, Sendable {
  public let schedule: CombinationSchedule

  public init(schedule: CombinationSchedule) { self.schedule = schedule }

  /// `{"summary": {…}, "parts": {"provident": {summary}, "commercial": {summary}},
  /// "schedule": [{"period", "payment", "principal", "interest", "balance", "provident": {row},
  /// "commercial": {row}}]}`.
  public func json() -> JSONValue {
    let p = schedule.provident.schedule
    let c = schedule.commercial.schedule
    let prepayment = p.totalPrepayment > .zero || c.totalPrepayment > .zero
    return .object([
      (
        "summary",
        .object([
          ("payment", .money(schedule.regularPayment)),
          ("firstPayment", .money(schedule.firstPayment)),
          ("lastPayment", .money(schedule.lastPayment)),
          ("totalInterest", .money(schedule.totalInterest)),
          ("totalPayment", .money(schedule.totalPayment)),
          ("periods", .int(schedule.periods)),
          ("convention", .string(p.convention.rawValue)),
        ])
      ),
      (
        "parts",
        .object([
          ("provident", .object(ScheduleFormatting.summary(p))),
          ("commercial", .object(ScheduleFormatting.summary(c))),
        ])
      ),
      (
        "schedule",
        .array(
          schedule.installments.map { row in
            var fields: [(String, JSONValue)] = [
              ("period", .int(row.period)), ("payment", .money(row.payment)),
              ("principal", .money(row.principal)), ("interest", .money(row.interest)),
            ]
            if prepayment { fields.append(("prepayment", .money(row.prepayment))) }
            fields.append(("balance", .money(row.balance)))
            fields.append(
              (
                "provident",
                row.provident.map { ScheduleFormatting.row($0, prepayment: prepayment) } ?? .null
              ))
            fields.append(
              (
                "commercial",
                row.commercial.map { ScheduleFormatting.row($0, prepayment: prepayment) } ?? .null
              ))
            return .object(fields)
          })
      ),
    ])
  }

  public func document(_ lang: Language) -> Document {
    let money = { (m: Money?) in m?.formatted(grouping: true) ?? "" }
    let p = schedule.provident.schedule
    let c = schedule.commercial.schedule
    var rowsTable = Table(
      header: [
        lang.pick("Period", "期数"), lang.pick("Payment", "月供合计"), lang.pick("Provident", "公积金月供"),
        lang.pick("Commercial", "商贷月供"), lang.pick("Interest", "利息"), lang.pick("Balance", "剩余本金"),
      ], alignments: Array(repeating: .right, count: 6))
    for r in schedule.installments {
      rowsTable.rows.append([
        String(r.period), money(r.payment), money(r.provident?.payment),
        money(r.commercial?.payment),
        money(r.interest), money(r.balance),
      ])
    }
    var totals = Table(
      header: [
        "", lang.pick("Total", "合计"), lang.pick("Provident", "公积金"), lang.pick("Commercial", "商贷"),
      ],
      alignments: [.left, .right, .right, .right])
    totals.rows = [
      [
        lang.pick("Regular payment", "月供"), money(schedule.regularPayment), money(p.regularPayment),
        money(c.regularPayment),
      ],
      [
        lang.pick("Installments", "期数"), String(schedule.periods), String(p.periods),
        String(c.periods),
      ],
      [
        lang.pick("Total interest", "利息总额"), money(schedule.totalInterest), money(p.totalInterest),
        money(c.totalInterest),
      ],
      [
        lang.pick("Total payment", "还款总额"), money(schedule.totalPayment), money(p.totalPayment),
        money(c.totalPayment),
      ],
    ]
    let m = { (m: Money?) in m?.description ?? "" }
    return Document(
      language: lang, title: lang.pick("Combination loan", "组合贷款"),
      subtitle: p.convention.label(lang),
      parameters: [
        Pair(
          lang.pick("Provident part", "公积金贷款"),
          money(schedule.providentPrincipal) + " @ "
            + (p.installments.first?.annualRate.description ?? "")),
        Pair(
          lang.pick("Commercial part", "商业贷款"),
          money(schedule.commercialPrincipal) + " @ "
            + (c.installments.first?.annualRate.description ?? "")),
        Pair(lang.pick("Method", "还款方式"), p.method.label(lang)),
      ],
      blocks: [
        .table(totals),
        .chart(
          Document.balanceChart(
            [
              (lang.pick("Provident", "公积金"), p), (lang.pick("Commercial", "商贷"), c),
            ], lang)),
        .detail(rowsTable),
      ],
      sources: [
        Document.conventionNote(p, lang),
        SourceNote(
          lang.pick(
            "Each part is its own ledger; the combined row is the sum of the parts' rows",
            "两部分各自记账，合计为每期两部分之和"), source: "docs/conventions.md §6"),
      ],
      data: json(),
      csvHeader: [
        "period", "payment", "principal", "interest", "balance", "providentPayment",
        "providentInterest", "providentBalance", "commercialPayment", "commercialInterest",
        "commercialBalance",
      ],
      csvRows: schedule.installments.map { r in
        [
          String(r.period), m(r.payment), m(r.principal), m(r.interest), m(r.balance),
          m(r.provident?.payment), m(r.provident?.interest), m(r.provident?.balance),
          m(r.commercial?.payment), m(r.commercial?.interest), m(r.commercial?.balance),
        ]
      })
  }
}
