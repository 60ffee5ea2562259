// gjj combo: a combination loan (组合贷款), its parts and their per-period sum.
import ProvidentCore

/// A combination loan's schedule as a report.
public struct CombinationReport: Sendable {
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
            fields.append(("provident", row.provident.map { ScheduleFormatting.row($0, prepayment: prepayment) } ?? .null))
            fields.append(("commercial", row.commercial.map { ScheduleFormatting.row($0, prepayment: prepayment) } ?? .null))
            return .object(fields)
          })
      ),
    ])
  }

  public func csv() -> String {
    let money = { (m: Money?) in m?.description ?? "" }
    return renderCSV(
      header: [
        "period", "payment", "principal", "interest", "balance", "providentPayment",
        "providentInterest", "providentBalance", "commercialPayment", "commercialInterest",
        "commercialBalance",
      ],
      rows: schedule.installments.map { r in
        [
          String(r.period), money(r.payment), money(r.principal), money(r.interest),
          money(r.balance), money(r.provident?.payment), money(r.provident?.interest),
          money(r.provident?.balance), money(r.commercial?.payment),
          money(r.commercial?.interest), money(r.commercial?.balance),
        ]
      })
  }

  public func table(_ lang: Language, rows: Bool = true) -> String {
    let money = { (m: Money?) in m?.formatted(grouping: true) ?? "" }
    let p = schedule.provident.schedule
    let c = schedule.commercial.schedule
    var out = [
      lang.pick("Combination loan", "组合贷款") + " — " + p.convention.label(lang),
      renderPairs([
        (lang.pick("Provident part", "公积金贷款"),
         money(schedule.provident.schedule.installments.first.map { $0.principal + $0.prepayment + $0.balance })
           + " @ " + (p.installments.first?.annualRate.description ?? "")),
        (lang.pick("Commercial part", "商业贷款"),
         money(schedule.commercial.schedule.installments.first.map { $0.principal + $0.prepayment + $0.balance })
           + " @ " + (c.installments.first?.annualRate.description ?? "")),
      ]),
      "",
    ]
    if rows {
      var t = TextTable(
        header: [
          lang.pick("Period", "期数"), lang.pick("Payment", "月供合计"), lang.pick("Provident", "公积金月供"),
          lang.pick("Commercial", "商贷月供"), lang.pick("Interest", "利息"), lang.pick("Balance", "剩余本金"),
        ], alignments: Array(repeating: .right, count: 6))
      for r in schedule.installments {
        t.rows.append([
          String(r.period), money(r.payment), money(r.provident?.payment), money(r.commercial?.payment),
          money(r.interest), money(r.balance),
        ])
      }
      out.append(t.rendered())
      out.append("")
    }
    var s = TextTable(
      header: ["", lang.pick("Total", "合计"), lang.pick("Provident", "公积金"), lang.pick("Commercial", "商贷")],
      alignments: [.left, .right, .right, .right])
    s.rows = [
      [lang.pick("Regular payment", "月供"), money(schedule.regularPayment), money(p.regularPayment), money(c.regularPayment)],
      [lang.pick("Installments", "期数"), String(schedule.periods), String(p.periods), String(c.periods)],
      [lang.pick("Total interest", "利息总额"), money(schedule.totalInterest), money(p.totalInterest), money(c.totalInterest)],
      [lang.pick("Total payment", "还款总额"), money(schedule.totalPayment), money(p.totalPayment), money(c.totalPayment)],
    ]
    out.append(s.rendered())
    return out.joined(separator: "\n")
  }
}
