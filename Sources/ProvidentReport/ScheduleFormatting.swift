// Pieces every schedule report shares: the summary, the rows as JSON, CSV and table cells.
import ProvidentCore

/// How a schedule's summary and rows are written, so every command prints them alike.
public enum ScheduleFormatting {
  /// `{"payment", "firstPayment", "lastPayment", "totalInterest", "totalPayment", "periods",
  /// "method", "convention"}` (plus `"totalPrepayment"` when there were prepayments).
  public static func summary(_ s: Schedule) -> [(String, JSONValue)] {
    var pairs: [(String, JSONValue)] = [
      ("payment", .money(s.regularPayment)),
      ("firstPayment", .money(s.firstPayment)),
      ("lastPayment", .money(s.lastPayment)),
      ("totalInterest", .money(s.totalInterest)),
      ("totalPayment", .money(s.totalPayment)),
      ("periods", .int(s.periods)),
      ("method", .string(s.method.kebabName)),
      ("convention", .string(s.convention.rawValue)),
    ]
    if s.totalPrepayment > .zero {
      pairs.insert(("totalPrepayment", .money(s.totalPrepayment)), at: 5)
    }
    return pairs
  }

  /// One row: `{"period", "date"?, "annualRate", "payment", "principal", "interest",
  /// "prepayment"?, "balance"}`.
  public static func row(_ row: Installment, prepayment: Bool) -> JSONValue {
    var fields: [(String, JSONValue)] = [("period", .int(row.period))]
    if let date = row.dueDate { fields.append(("date", .string(date.description))) }
    fields += [
      ("annualRate", .rate(row.annualRate)), ("payment", .money(row.payment)),
      ("principal", .money(row.principal)), ("interest", .money(row.interest)),
    ]
    if prepayment { fields.append(("prepayment", .money(row.prepayment))) }
    fields.append(("balance", .money(row.balance)))
    return .object(fields)
  }

  public static func rows(_ s: Schedule) -> JSONValue {
    let prepayment = s.totalPrepayment > .zero
    return .array(s.installments.map { row($0, prepayment: prepayment) })
  }

  /// The rows as CSV cells; a date column in a dated schedule, a prepayment column when there is
  /// one.
  public static func csvTable(_ s: Schedule) -> (header: [String], rows: [[String]]) {
    let dated = s.isDated
    let prepayment = s.totalPrepayment > .zero
    let header =
      ["period"] + (dated ? ["date"] : []) + ["annualRate", "payment", "principal", "interest"]
      + (prepayment ? ["prepayment"] : []) + ["balance"]
    let rows = s.installments.map { row in
      [String(row.period)] + (dated ? [row.dueDate?.description ?? ""] : [])
        + [
          row.annualRate.percentText, row.payment.description, row.principal.description,
          row.interest.description,
        ]
        + (prepayment ? [row.prepayment.description] : []) + [row.balance.description]
    }
    return (header, rows)
  }

  /// The rows as a table in `lang`.
  public static func table(_ s: Schedule, _ lang: Language) -> Table {
    let dated = s.isDated
    let prepayment = s.totalPrepayment > .zero
    let money = { (m: Money) in m.formatted(grouping: true) }
    let header =
      [lang.pick("Period", "期数")] + (dated ? [lang.pick("Due date", "还款日")] : [])
      + [
        lang.pick("Rate", "年利率"), lang.pick("Payment", "月供"), lang.pick("Principal", "本金"),
        lang.pick("Interest", "利息"),
      ]
      + (prepayment ? [lang.pick("Prepaid", "提前还款")] : []) + [lang.pick("Balance", "剩余本金")]
    let alignments: [TextTable.Alignment] =
      [.right] + (dated ? [.left] : []) + Array(repeating: .right, count: prepayment ? 6 : 5)
    var table = Table(header: header, alignments: alignments)
    for row in s.installments {
      table.rows.append(
        [String(row.period)] + (dated ? [row.dueDate?.description ?? ""] : [])
          + [
            row.annualRate.description, money(row.payment), money(row.principal),
            money(row.interest),
          ]
          + (prepayment ? [row.prepayment > .zero ? money(row.prepayment) : ""] : [])
          + [money(row.balance)])
    }
    return table
  }

  /// Regular, first and last payment, total interest and total payment as label–value pairs.
  public static func summaryPairs(_ s: Schedule, _ lang: Language) -> [(String, String)] {
    let money = { (m: Money) in m.formatted(grouping: true) }
    var pairs = [
      (lang.pick("Regular payment", "月供"), money(s.regularPayment)),
      (lang.pick("First payment", "首期还款"), money(s.firstPayment)),
      (lang.pick("Last payment", "末期还款"), money(s.lastPayment)),
      (lang.pick("Installments", "期数"), String(s.periods)),
      (lang.pick("Total interest", "利息总额"), money(s.totalInterest)),
      (lang.pick("Total payment", "还款总额"), money(s.totalPayment)),
    ]
    if s.totalPrepayment > .zero {
      pairs.insert((lang.pick("Prepaid", "提前还款"), money(s.totalPrepayment)), at: 4)
    }
    return pairs
  }
}
