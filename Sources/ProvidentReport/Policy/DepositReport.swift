// The result of `gjj deposit`: the base, each side's contribution, the projection.
import ProvidentCore
import ProvidentPolicy

/// A contribution and projection as a report.
public struct DepositReport: RenderableReport, Sendable {
  public let result: DepositResult
  public let addresses: [String: String]

  public init(_ result: DepositResult, addresses: [String: String]) {
    self.result = result
    self.addresses = addresses
  }

  /// `{"base", "employee", "employer", "monthly", "baseExplain", "contributionExplain",
  /// "projection": [{"year", "from", "opening", "deposits", "interest", "closing",
  /// "carriedOverRate", "currentYearRate"}], "rules": {…}}`.
  public func json() -> JSONValue {
    let r = result
    let c = _Citations(r.citations)
    return .object([
      ("base", .money(r.base)),
      ("employee", .money(r.employee)),
      ("employer", .money(r.employer)),
      ("monthly", .money(r.monthly)),
      ("baseExplain", .string(r.baseExplain)),
      ("contributionExplain", .string(r.contributionExplain)),
      (
        "projection",
        .array(
          r.projection.map { y in
            .object([
              ("year", .int(y.year)), ("from", .string(y.from.description)),
              ("opening", .money(y.opening)), ("deposits", .money(y.deposits)),
              ("interest", .money(y.interest)), ("closing", .money(y.closing)),
              ("carriedOverRate", .rate(y.carriedOverRate)),
              ("currentYearRate", .rate(y.currentYearRate)),
            ])
          })
      ),
      ("rules", c.rulesJSON(city: r.city, effective: r.effective, addresses)),
    ])
  }

  public func document(_ lang: Language) -> Document {
    let r = result
    let money = { (m: Money) in m.formatted(grouping: true) }
    var blocks: [Block] = [
      .paragraph(lang.pick("Base: ", "基数：") + r.baseExplain),
      .paragraph(lang.pick("Contribution: ", "缴存额：") + r.contributionExplain),
    ]
    var notes: [String] = []
    var table = Table(
      header: [
        lang.pick("Year", "年度"), lang.pick("From", "起始日"), lang.pick("Opening", "年初余额"),
        lang.pick("Deposits", "缴存"), lang.pick("Interest", "利息"), lang.pick("Closing", "年末余额"),
        lang.pick("Rate", "利率"),
      ],
      alignments: [.right, .left, .right, .right, .right, .right, .right])
    for y in r.projection {
      table.rows.append([
        String(y.year), y.from.description, money(y.opening), money(y.deposits),
        money(y.interest), money(y.closing), y.currentYearRate.description,
      ])
    }
    if !r.projection.isEmpty {
      blocks.append(.table(table))
      notes.append(
        lang.pick(
          "Interest: deposits at each month's end, credited once a year (assumed; docs/domain.md §2.4 UNVERIFIED).",
          "利息：按月末缴存、每年结息一次计算（假设；docs/domain.md §2.4 未经核实）。"))
    }
    let citations = _Citations(r.citations)
    return Document(
      language: lang,
      title: lang.pick("Monthly deposit", "月缴存额") + " — "
        + lang.pick(r.city.nameEnglish, r.city.nameChinese)
        + (r.effective == nil ? lang.pick(" (national rules)", "（全国规则）") : ""),
      parameters: [
        Pair(lang.pick("Wage base", "缴存基数"), money(r.base)),
        Pair(lang.pick("Employee", "个人缴存"), money(r.employee)),
        Pair(lang.pick("Employer", "单位缴存"), money(r.employer)),
        Pair(lang.pick("Monthly deposit", "月缴存额"), money(r.monthly)),
      ],
      blocks: blocks, sources: citations.sourceNotes(addresses),
      notes: notes + citations.unverifiedNotes(lang), data: json(),
      csvHeader: ["year", "from", "opening", "deposits", "interest", "closing", "rate"],
      csvRows: r.projection.map {
        [
          String($0.year), $0.from.description, $0.opening.description, $0.deposits.description,
          $0.interest.description, $0.closing.description, $0.currentYearRate.percentText,
        ]
      })
  }
}
