// The result of `gjj portfolio project`: the book as read, and monthly flows per scenario.
import ProvidentCore
import ProvidentPortfolio

/// A loan book's projection as a report: rows read and rejected, then each scenario's flows.
public struct PortfolioReport: Sendable {
  /// Rows read, accepted and rejected.
  public let load: LoadSummary
  public var read: Int { load.read }
  public var accepted: Int { load.accepted }
  public var rejections: [BookRejection] { load.rejections }
  public let projection: PortfolioProjection

  public init(
    read: Int, accepted: Int, rejections: [BookRejection], projection: PortfolioProjection
  ) {
    self.load = LoadSummary(read: read, accepted: accepted, rejections: rejections)
    self.projection = projection
  }

  /// Loans still open: a whole number, or two decimals when prepayment and default weigh them.
  static func count(_ x: Double) -> String {
    let text = _Numbers.fixed(x, 2)
    return text.hasSuffix(".00") ? String(text.dropLast(3)) : text
  }

  // MARK: - JSON

  /// `{"loans": {"read", "accepted", "rejected"}, "rejections": [{"line", "column", "reason"}],
  /// "scenarios": [{"name", "months": [{…}], "totals": {…}, "segments"?: [{…}]}], "mode", "asOf"}`.
  public func json() -> JSONValue {
    var top: [(String, JSONValue)] = load.json(countsKey: "loans")
    top += [
      (
        "scenarios",
        .array(
          projection.scenarios.map { scenario in
            var fields: [(String, JSONValue)] = [("name", .string(scenario.name))]
            fields += Self.series(scenario.book)
            if !scenario.segments.isEmpty {
              fields.append(
                (
                  "segments",
                  .array(
                    scenario.segments.map { s in
                      .object(
                        Self.segmentFields(s.segment) + [("loans", .int(s.loans))]
                          + Self.series(s.flows))
                    })
                ))
            }
            return .object(fields)
          })
      ),
      ("mode", .string(projection.mode.rawValue)),
    ]
    if let asOf = projection.asOf { top.append(("asOf", .string(asOf.description))) }
    return .object(top)
  }

  static func segmentFields(_ s: Segment) -> [(String, JSONValue)] {
    var fields: [(String, JSONValue)] = []
    if let p = s.product { fields.append(("product", .string(p.name))) }
    if let h = s.home { fields.append(("home", .string(h.rawValue))) }
    if let r = s.region { fields.append(("region", .string(r))) }
    return fields
  }

  static func series(_ flows: FlowSeries) -> [(String, JSONValue)] {
    let t = flows.totals
    return [
      (
        "months",
        .array(
          flows.months.map { m in
            .object([
              ("month", .int(m.month)), ("scheduledPrincipal", .money(m.scheduledPrincipal)),
              ("interest", .money(m.interest)), ("prepayment", .money(m.prepayment)),
              ("default", .money(m.defaults)), ("loss", .money(m.loss)),
              ("balance", .money(m.balance)), ("activeLoans", .number(count(m.activeLoans))),
            ])
          })
      ),
      (
        "totals",
        .object([
          ("scheduledPrincipal", .money(t.scheduledPrincipal)), ("interest", .money(t.interest)),
          ("prepayment", .money(t.prepayment)), ("default", .money(t.defaults)),
          ("loss", .money(t.loss)), ("openingBalance", .money(t.openingBalance)),
          ("closingBalance", .money(t.closingBalance)),
        ])
      ),
    ]
  }

  // MARK: - CSV

  static let flowHeader = [
    "month", "scheduledPrincipal", "interest", "prepayment", "default", "loss", "balance",
    "activeLoans",
  ]

  static func flowCells(_ m: MonthlyFlows) -> [String] {
    [
      String(m.month), m.scheduledPrincipal.description, m.interest.description,
      m.prepayment.description, m.defaults.description, m.loss.description, m.balance.description,
      count(m.activeLoans),
    ]
  }

  /// One row per scenario and month (and segment, when segmented): the book's flows, or each
  /// segment's. Rejected rows are not data: the command reports them on stderr.
  public func csv() -> String {
    let (header, rows) = csvTable()
    return renderCSV(header: header, rows: rows)
  }

  func csvTable() -> (header: [String], rows: [[String]]) {
    let first = projection.scenarios.first?.segments.first?.segment
    let keys: [String] =
      (first?.product != nil ? ["product"] : []) + (first?.home != nil ? ["home"] : [])
      + (first?.region != nil ? ["region"] : [])
    var rows: [[String]] = []
    for scenario in projection.scenarios {
      if scenario.segments.isEmpty {
        for m in scenario.book.months { rows.append([scenario.name] + Self.flowCells(m)) }
      } else {
        for s in scenario.segments {
          let labels = Self.segmentFields(s.segment).map { field -> String in
            if case .string(let v) = field.1 { return v }
            return ""
          }
          for m in s.flows.months { rows.append([scenario.name] + labels + Self.flowCells(m)) }
        }
      }
    }
    return (["scenario"] + keys + Self.flowHeader, rows)
  }

  // MARK: - Table

  /// The book as read (rejected rows listed, `maxRejections` at most, and counted by column),
  /// balance per scenario, then per scenario its totals, its flows by year (or by month) and,
  /// when segmented, each segment's totals.
  public func document(_ lang: Language, byMonth: Bool = false, maxRejections: Int = 20) -> Document
  {
    let money = { (m: Money) in m.formatted(grouping: true) }
    var blocks: [Block] = []
    blocks += load.blocks(lang, limit: maxRejections)
    if let longest = projection.scenarios.map(\.book.months.count).max(), longest > 0 {
      blocks.append(
        .chart(
          Chart(
            kind: .line, title: lang.pick("Balance by scenario", "各情景余额"),
            xLabel: lang.pick("Month", "月"), yLabel: lang.pick("Balance (yuan)", "余额（元）"),
            x: (1...longest).map(Double.init),
            series: projection.scenarios.map { s in
              .init(s.name, s.book.months.map { Document.yuan($0.balance) })
            })))
    }
    let header = [
      lang.pick(byMonth ? "Month" : "Year", byMonth ? "月" : "年"),
      lang.pick("Scheduled principal", "计划本金"), lang.pick("Interest", "利息"),
      lang.pick("Prepayment", "提前还款"), lang.pick("Default", "违约"), lang.pick("Loss", "损失"),
      lang.pick("Balance", "期末余额"), lang.pick("Active loans", "在贷笔数"),
    ]
    let alignments = [TextTable.Alignment](repeating: .right, count: header.count)
    for scenario in projection.scenarios {
      blocks.append(.heading(lang.pick("Scenario ", "情景 ") + scenario.name))
      let t = scenario.book.totals
      blocks.append(
        .pairs([
          Pair(lang.pick("Opening balance", "期初余额"), money(t.openingBalance)),
          Pair(lang.pick("Scheduled principal", "计划本金"), money(t.scheduledPrincipal)),
          Pair(lang.pick("Interest", "利息"), money(t.interest)),
          Pair(lang.pick("Prepayment", "提前还款"), money(t.prepayment)),
          Pair(lang.pick("Default", "违约"), money(t.defaults)),
          Pair(lang.pick("Loss", "损失"), money(t.loss)),
          Pair(lang.pick("Closing balance", "期末余额"), money(t.closingBalance)),
        ]))
      var table = Table(header: header, alignments: alignments)
      for run in scenario.book.aggregated(every: byMonth ? 1 : 12) {
        table.rows.append([
          String(byMonth ? run.month : (run.month - 1) / 12 + 1), money(run.scheduledPrincipal),
          money(run.interest), money(run.prepayment), money(run.defaults), money(run.loss),
          money(run.balance), Self.count(run.activeLoans),
        ])
      }
      blocks.append(.table(table))
      if !scenario.segments.isEmpty {
        var segments = Table(
          header: [lang.pick("Segment", "分组"), lang.pick("Loans", "笔数")] + Array(header[1...5])
            + [lang.pick("Opening balance", "期初余额")],
          alignments: [.left] + [TextTable.Alignment](repeating: .right, count: 7))
        for s in scenario.segments {
          let st = s.flows.totals
          segments.rows.append([
            s.segment.description, String(s.loans), money(st.scheduledPrincipal),
            money(st.interest),
            money(st.prepayment), money(st.defaults), money(st.loss), money(st.openingBalance),
          ])
        }
        blocks.append(.table(segments))
      }
    }
    let (csvHeader, csvRows) = csvTable()
    return Document(
      language: lang, title: lang.pick("Loan book projection", "贷款组合预测"),
      subtitle: lang.pick(
        "\(projection.mode.rawValue) mode", projection.mode == .exact ? "精确到分模式" : "快速浮点模式"),
      parameters: load.pairs(lang)
        + (projection.asOf.map { [Pair(lang.pick("As of", "截至"), $0.description)] } ?? []),
      blocks: blocks,
      sources: [
        SourceNote(
          lang.pick("Projection rules", "预测规则"),
          source: "docs/conventions.md §2, §4; docs/risk-models.md §5")
      ],
      data: json(), csvHeader: csvHeader, csvRows: csvRows)
  }
}
