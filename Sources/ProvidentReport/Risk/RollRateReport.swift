// The result of `gjj portfolio rollrate`: a panel as read and its transition matrices.
import ProvidentCore
import ProvidentPortfolio
import ProvidentRisk

/// Roll rates estimated from a loan-month panel, with the counts behind every probability.
///
/// Its JSON is the matrix file `gjj portfolio delinquency --matrix` reads (`DelinquencyModel`).
public struct RollRateReport: RenderableReport, Sendable {
  public let file: String
  /// Rows read, accepted and rejected.
  public let load: LoadSummary
  public var read: Int { load.read }
  public var accepted: Int { load.accepted }
  public var rejections: [BookRejection] { load.rejections }
  public let estimate: RollRateEstimate

  public init(file: String, load: PanelLoad, estimate: RollRateEstimate) {
    self.file = file
    self.load = LoadSummary(read: load.read, accepted: load.accepted, rejections: load.rejections)
    self.estimate = estimate
  }

  var states: DelinquencyStates { estimate.states }

  // MARK: - JSON

  func matrixJSON(_ m: TransitionMatrix) -> JSONValue {
    .array((0..<m.size).map { i in .array(m.row(i).map(_Numbers.exact)) })
  }

  func countsJSON(_ c: TransitionCounts, balance: Bool) -> JSONValue {
    .array(
      (0..<c.size).map { i in
        .array(
          (0..<c.size).map { j in
            balance
              ? JSONValue.money(.init(fen: c.balanceFen(from: i, to: j)))
              : .int(c.loans(from: i, to: j))
          })
      })
  }

  func emptyJSON(_ rows: [EmptyRow]) -> JSONValue {
    .array(
      rows.map {
        .object([
          ("state", .string(states.names[$0.state])),
          ("filledFrom", .string($0.filledFrom.rawValue)),
        ])
      })
  }

  func segmentJSON(_ s: SegmentEstimate) -> JSONValue {
    .object([
      ("keys", .object(zip(estimate.segmentColumns, s.keys).map { ($0, .string($1)) })),
      ("loans", .int(s.loans)), ("transitions", .int(s.counts.total)),
      ("counts", countsJSON(s.counts, balance: false)),
      ("balances", countsJSON(s.counts, balance: true)),
      ("matrix", matrixJSON(s.matrix)), ("emptyRows", emptyJSON(s.emptyRows)),
      (
        "months",
        .array(
          s.months.map { m in
            .object([
              ("month", .string(m.month.description)),
              ("counts", countsJSON(m.counts, balance: false)),
              ("matrix", matrixJSON(m.matrix)), ("emptyRows", emptyJSON(m.emptyRows)),
            ])
          })
      ),
    ])
  }

  /// `{"states", "edges", "writeOff", "prepaid", "weight", "segmentColumns", "panel", "rows",
  /// "rejections", "pooled", "segments", "blacklist"}`.
  public func json() -> JSONValue {
    var top: [(String, JSONValue)] = [
      ("states", .array(states.names.map(JSONValue.string))),
      ("edges", .array(states.edges.map(JSONValue.int))),
      ("writeOff", .bool(states.writeOff)), ("prepaid", .bool(states.prepaid)),
      ("weight", .string(estimate.weight.rawValue)),
      ("segmentColumns", .array(estimate.segmentColumns.map(JSONValue.string))),
      (
        "panel",
        .object([
          ("file", .string(file)), ("loans", .int(estimate.loans)),
          ("firstMonth", estimate.firstMonth.map { .string($0.description) } ?? .null),
          ("lastMonth", estimate.lastMonth.map { .string($0.description) } ?? .null),
          ("gaps", .int(estimate.gaps)), ("censored", .int(estimate.censored)),
        ])
      ),
    ]
    top += load.json()
    top += [
      ("pooled", segmentJSON(estimate.pooled)),
      ("segments", .array(estimate.segments.map(segmentJSON))),
      (
        "blacklist",
        .object([
          ("threshold", .int(estimate.blacklistThreshold)),
          ("cumulativeFrom", .string(estimate.cumulativeFromPanel ? "panel" : "counted")),
          (
            "entries",
            .array(
              estimate.blacklist.map {
                .object([("month", .string($0.month.description)), ("loans", .int($0.loans))])
              })
          ),
        ])
      ),
    ]
    return .object(top)
  }

  // MARK: - CSV

  /// One row per segment, month (`all` for the whole panel) and transition with a count.
  func csvTable() -> (header: [String], rows: [[String]]) {
    var rows: [[String]] = []
    let blank = estimate.segmentColumns.map { _ in "" }
    for s in [estimate.pooled] + estimate.segments {
      let keys = s.keys.isEmpty ? blank : s.keys
      let tables =
        [("all", s.counts, s.matrix)]
        + s.months.map { ($0.month.description, $0.counts, $0.matrix) }
      for (month, counts, matrix) in tables {
        for i in 0..<counts.size {
          for j in 0..<counts.size where counts.loans(from: i, to: j) > 0 {
            rows.append(
              keys + [
                month, states.names[i], states.names[j], String(counts.loans(from: i, to: j)),
                Money(fen: counts.balanceFen(from: i, to: j)).description,
                "\(matrix.probability(from: i, to: j))",
              ])
          }
        }
      }
    }
    return (
      estimate.segmentColumns + ["month", "from", "to", "loans", "balance", "probability"], rows
    )
  }

  // MARK: - Document

  func matrixTable(_ s: SegmentEstimate, _ lang: Language, title: String) -> Table {
    let names = states.names
    var t = Table(
      title: title,
      header: [lang.pick("From \\ to", "从 \\ 到")] + names + [lang.pick("Loans out", "迁出笔数")],
      alignments: [.left] + names.map { _ in .right } + [.right])
    for i in 0..<states.count where !states.isTerminal(i) {
      let empty = s.emptyRows.first { $0.state == i }
      t.rows.append(
        [names[i] + (empty == nil ? "" : " *")]
          + (0..<states.count).map { j in _Numbers.fixed(s.matrix.probability(from: i, to: j), 5) }
          + [String(s.counts.loans(from: i))])
    }
    return t
  }

  func countsTable(_ s: SegmentEstimate, _ lang: Language) -> Table {
    let names = states.names
    var t = Table(
      title: lang.pick("Transitions counted (loans)", "迁移笔数"),
      header: [lang.pick("From \\ to", "从 \\ 到")] + names,
      alignments: [.left] + names.map { _ in .right })
    for i in 0..<states.count where !states.isTerminal(i) {
      t.rows.append([names[i]] + (0..<states.count).map { String(s.counts.loans(from: i, to: $0)) })
    }
    return t
  }

  func emptyText(_ s: SegmentEstimate, _ lang: Language) -> String? {
    guard !s.emptyRows.isEmpty else { return nil }
    let rows = s.emptyRows.map { "\(states.names[$0.state]) (\(fill($0.filledFrom, lang)))" }
      .joined(separator: ", ")
    return lang.pick("* No transitions out of ", "* 无迁出数据的行：") + rows
      + lang.pick(": filled as shown, never divided by zero.", "：按括号所示填补，不做除零。")
  }

  func fill(_ f: EmptyRow.Fill, _ lang: Language) -> String {
    switch f {
    case .pooled: lang.pick("from the pooled matrix", "取合并矩阵")
    case .segment: lang.pick("from the segment's matrix", "取本组矩阵")
    case .identity: lang.pick("kept in place: no data anywhere", "保持原状态：无任何数据")
    }
  }

  public func document(_ lang: Language) -> Document {
    var blocks = load.blocks(lang)
    let pooled = estimate.pooled
    blocks.append(
      .table(
        matrixTable(pooled, lang, title: lang.pick("Pooled monthly transition matrix", "合并月度迁移矩阵")))
    )
    if let text = emptyText(pooled, lang) { blocks.append(.paragraph(text)) }
    blocks.append(.detail(countsTable(pooled, lang)))
    // Roll-forward rate by month (the time-varying estimate), one line per state.
    if pooled.months.count > 1 {
      let rolling = (0..<states.lastBucket).map { i in
        Chart.Series(
          states.names[i] + lang.pick(" rolls forward", " 恶化"),
          pooled.months.map { $0.matrix.rollForward(from: i, states: states) })
      }
      blocks.append(
        .chart(
          Chart(
            kind: .line, title: lang.pick("Roll-forward probability by month", "各月恶化概率"),
            xLabel: lang.pick(
              "Month (index from \(pooled.months[0].month))", "月（自 \(pooled.months[0].month) 起）"),
            yLabel: lang.pick("Probability", "概率"), x: pooled.months.indices.map { Double($0 + 1) },
            series: rolling)))
    }
    for s in estimate.segments {
      let label = zip(estimate.segmentColumns, s.keys).map { "\($0)=\($1)" }.joined(separator: ", ")
      blocks.append(.heading(lang.pick("Segment ", "分组 ") + label))
      blocks.append(
        .table(
          matrixTable(
            s, lang,
            title: lang.pick(
              "\(s.loans) loans, \(s.counts.total) transitions",
              "\(s.loans) 笔贷款，\(s.counts.total) 次迁移"))))
      if let text = emptyText(s, lang) { blocks.append(.paragraph(text)) }
    }
    if !estimate.blacklist.isEmpty {
      var t = Table(
        title: lang.pick(
          "Loans reaching \(estimate.blacklistThreshold) cumulative overdue periods (blacklist)",
          "累计逾期达 \(estimate.blacklistThreshold) 期的贷款（失信名单）"),
        header: [lang.pick("Month", "月份"), lang.pick("Loans", "笔数")], alignments: [.left, .right])
      t.rows = estimate.blacklist.map { [$0.month.description, String($0.loans)] }
      blocks.append(.detail(t))
    }
    let (csvHeader, csvRows) = csvTable()
    let range = [estimate.firstMonth, estimate.lastMonth].compactMap { $0?.description }.joined(
      separator: " … ")
    var parameters =
      [
        Pair(lang.pick("Panel", "面板数据"), file)
      ] + load.pairs(lang)
      + [
        Pair(lang.pick("Loans", "贷款笔数"), String(estimate.loans)),
        Pair(lang.pick("Transitions", "迁移次数"), String(pooled.counts.total)),
        Pair(
          lang.pick("Weighted by", "权重"),
          estimate.weight == .count ? lang.pick("loans", "笔数") : lang.pick("balance", "余额")),
      ]
    if !range.isEmpty { parameters.append(Pair(lang.pick("Months", "月份"), range)) }
    if !estimate.segmentColumns.isEmpty {
      parameters.append(
        Pair(lang.pick("Segments by", "分组"), estimate.segmentColumns.joined(separator: ", ")))
    }
    var notes: [String] = []
    if estimate.gaps > 0 {
      notes.append(
        lang.pick(
          "\(estimate.gaps) pairs of a loan's rows skip months: no transition is counted across a gap.",
          "\(estimate.gaps) 处同一贷款的相邻行跨月：跨月不计迁移。"))
    }
    if estimate.censored > 0 {
      notes.append(
        lang.pick(
          "\(estimate.censored) exits go to a state the chain does not have and are not counted.",
          "\(estimate.censored) 次退出进入本链没有的状态，未计入。"))
    }
    notes.append(
      estimate.cumulativeFromPanel
        ? lang.pick(
          "Cumulative overdue counts are the panel's own (cumulative_overdue).",
          "累计逾期期数取自面板的 cumulative_overdue 列。")
        : lang.pick(
          "Cumulative overdue counts are counted here: each month-end in arrears adds one; a loan's first row counts its periods overdue then (a lower bound).",
          "累计逾期期数为本程序计数：每个逾期月末加一；首行按当时逾期期数计（下限）。"))
    return Document(
      language: lang, title: lang.pick("Roll rates", "逾期迁徙率"), subtitle: states.description,
      parameters: parameters,
      keyFigures: (0..<states.lastBucket).map { i in
        Pair(
          lang.pick("\(states.names[i]) rolls forward", "\(states.names[i]) 恶化概率"),
          _Numbers.percent(pooled.matrix.rollForward(from: i, states: states), 3))
      },
      blocks: blocks,
      sources: [
        SourceNote(
          lang.pick("Cohort estimator p̂ᵢⱼ = nᵢⱼ / Σⱼ nᵢⱼ", "队列估计 p̂ᵢⱼ = nᵢⱼ / Σⱼ nᵢⱼ"),
          source: "docs/risk-models.md §1.2; R7"),
        SourceNote(
          lang.pick("States and the 6-period blacklist", "状态划分与 6 期失信"),
          source: "docs/risk-models.md §1.1; S106, R13"),
      ],
      notes: notes, data: json(), csvHeader: csvHeader, csvRows: csvRows)
  }
}
