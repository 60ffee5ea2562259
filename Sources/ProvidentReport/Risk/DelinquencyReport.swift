// The result of `gjj portfolio delinquency`: states, balances and flows by month per scenario.
import ProvidentPortfolio
import ProvidentRisk

/// A delinquency projection as a report: the input as read, then per scenario the book's states
/// (economic and reported), balances and flows, and each segment's in the JSON and CSV.
public struct DelinquencyReport: RenderableReport, Sendable {
  public let file: String
  /// `book` or `panel`.
  public let kind: String
  /// Rows read, accepted and rejected.
  public let load: LoadSummary
  public var read: Int { load.read }
  public var accepted: Int { load.accepted }
  public var rejections: [BookRejection] { load.rejections }
  public let projection: DelinquencyProjection
  /// Months between table rows (1: every month).
  public let step: Int

  public init(
    file: String, kind: String, read: Int, accepted: Int, rejections: [BookRejection],
    projection: DelinquencyProjection, step: Int = 1
  ) {
    self.file = file
    self.kind = kind
    self.load = LoadSummary(read: read, accepted: accepted, rejections: rejections)
    self.projection = projection
    self.step = max(step, 1)
  }

  var states: DelinquencyStates { projection.states }

  func calendar(_ t: Int) -> String? { projection.start.map { $0.adding(months: t).description } }

  // MARK: - JSON

  func byState(_ values: [Double], _ places: Int) -> JSONValue {
    .object(zip(states.names, values).map { ($0, _Numbers.json($1, places)) })
  }

  static let amountFlows: Set<DelinquencyFlow> = [
    .scheduledPrincipal, .prepaid, .writtenOff, .loss, .intoLastBucketBalance,
  ]

  func flowJSON(_ f: DelinquencyFlow, _ x: Double) -> JSONValue {
    _Numbers.json(x, Self.amountFlows.contains(f) ? 2 : 6)
  }

  func seriesJSON(_ s: DelinquencySeries) -> [(String, JSONValue)] {
    [
      (
        "months",
        .array(
          (0...s.months).map { t in
            var fields: [(String, JSONValue)] = [("month", .int(t))]
            if let c = calendar(t) { fields.append(("calendarMonth", .string(c))) }
            fields += [
              ("loans", byState(s.loans(month: t), 6)),
              ("reported", byState(s.reported(month: t), 6)),
              ("balances", byState(s.balances(month: t), 2)),
            ]
            fields += DelinquencyFlow.allCases.map { ($0.key, flowJSON($0, s.flow($0, month: t))) }
            return .object(fields)
          })
      ),
      (
        "totals",
        .object(
          DelinquencyFlow.allCases.filter { !$0.key.hasSuffix("Stock") }.map {
            ($0.key, flowJSON($0, s.total($0)))
          })
      ),
    ]
  }

  public func json() -> JSONValue {
    var top: [(String, JSONValue)] = [
      ("input", .object([("file", .string(file)), ("kind", .string(kind))]))
    ]
    top += load.json()
    top += [
      ("states", .array(states.names.map(JSONValue.string))),
      ("blacklistThreshold", .int(projection.blacklistThreshold)),
      ("start", projection.start.map { .string($0.description) } ?? .null),
      ("segmentColumns", .array(projection.segmentColumns.map(JSONValue.string))),
      (
        "pooledSegments", .array(projection.pooledSegments.map { .array($0.map(JSONValue.string)) })
      ),
      (
        "scenarios",
        .array(
          projection.runs.map { run in
            var fields: [(String, JSONValue)] = [
              ("name", .string(run.name)),
              ("forbearanceMonths", .array(run.forbearanceMonths.map(JSONValue.int))),
              ("stressedMonths", .array(run.stressedMonths.map(JSONValue.int))),
            ]
            fields += seriesJSON(run.book)
            if !run.segments.isEmpty {
              fields.append(
                (
                  "segments",
                  .array(
                    run.segments.map { s in
                      .object(
                        [
                          (
                            "keys",
                            .object(
                              zip(projection.segmentColumns, s.keys).map { ($0, .string($1)) })
                          )
                        ]
                          + seriesJSON(s))
                    })
                ))
            }
            return .object(fields)
          })
      ),
    ]
    return .object(top)
  }

  // MARK: - CSV

  /// One row per scenario, segment (`all` for the book) and month.
  func csvTable() -> (header: [String], rows: [[String]]) {
    let names = states.names
    let header =
      ["scenario"] + projection.segmentColumns + ["month", "calendarMonth"]
      + names.map { "loans_" + $0 }
      + names.map { "reported_" + $0 } + names.map { "balance_" + $0 }
      + DelinquencyFlow.allCases.map(\.key)
    var rows: [[String]] = []
    for run in projection.runs {
      let all = projection.segmentColumns.map { _ in "all" }
      for (keys, s) in [(all, run.book)] + run.segments.map({ ($0.keys, $0) }) {
        for t in 0...s.months {
          rows.append(
            [run.name] + keys + [String(t), calendar(t) ?? ""]
              + s.loans(month: t).map { _Numbers.fixed($0, 6) }
              + s.reported(month: t).map { _Numbers.fixed($0, 6) }
              + s.balances(month: t).map { _Numbers.fixed($0, 2) }
              + DelinquencyFlow.allCases.map { f in
                _Numbers.fixed(s.flow(f, month: t), Self.amountFlows.contains(f) ? 2 : 6)
              })
        }
      }
    }
    return (header, rows)
  }

  // MARK: - Document

  public func document(_ lang: Language) -> Document {
    var blocks = load.blocks(lang)
    let money = { (x: Double) in _Numbers.grouped(x) }
    let loans = { (x: Double) in _Numbers.fixed(x, 2) }
    let last = states.lastBucket
    let names = states.names
    if let longest = projection.runs.map(\.book.months).max() {
      let x = (0...longest).map(Double.init)
      var series: [Chart.Series] = []
      for run in projection.runs {
        series.append(
          .init(
            run.name + lang.pick(" economic", " 实际"),
            (0...run.book.months).map { run.book.delinquentShare(month: $0, states: states) * 100 })
        )
        if !run.forbearanceMonths.isEmpty {
          series.append(
            .init(
              run.name + lang.pick(" reported", " 报告"),
              (0...run.book.months).map {
                run.book.delinquentShare(month: $0, states: states, reported: true) * 100
              }))
        }
      }
      blocks.append(
        .chart(
          Chart(
            kind: .line, title: lang.pick("Overdue loans, economic and reported", "逾期贷款：实际与报告"),
            xLabel: lang.pick("Month", "月"), yLabel: lang.pick("% of starting loans", "占期初笔数 %"),
            x: x, series: series)))
    }
    for run in projection.runs {
      let b = run.book
      blocks.append(.heading(lang.pick("Scenario ", "情景 ") + run.name))
      var pairs = [
        Pair(
          lang.pick("Opening balance", "期初余额"), money(b.remainingBalance(month: 0, states: states))),
        Pair(
          lang.pick("Loans into \(names[last])", "进入 \(names[last]) 笔数"),
          loans(b.total(.intoLastBucket))),
        Pair(
          lang.pick(
            "Loans reaching \(projection.blacklistThreshold) cumulative periods (blacklist)",
            "累计逾期达 \(projection.blacklistThreshold) 期（失信）笔数"),
          loans(b.total(.blacklisted))),
        Pair(lang.pick("Written off", "核销"), money(b.total(.writtenOff))),
        Pair(lang.pick("Loss", "损失"), money(b.total(.loss))),
        Pair(lang.pick("Prepaid or matured", "提前结清或到期"), money(b.total(.prepaid))),
        Pair(lang.pick("Scheduled principal", "计划本金"), money(b.total(.scheduledPrincipal))),
        Pair(
          lang.pick("Closing balance", "期末余额"),
          money(b.remainingBalance(month: b.months, states: states))),
      ]
      if !run.forbearanceMonths.isEmpty {
        pairs.insert(
          Pair(
            lang.pick("Blacklist entries reported", "报告的失信笔数"), loans(b.total(.reportedBlacklisted))
          ), at: 3)
        pairs.append(
          Pair(
            lang.pick("Forbearance months", "不作逾期处理的月份"),
            run.forbearanceMonths.map(String.init).joined(separator: ", ")))
      }
      if !run.stressedMonths.isEmpty {
        pairs.append(Pair(lang.pick("Stressed months", "加压月份"), Self.ranges(run.stressedMonths)))
      }
      blocks.append(.pairs(pairs))
      // Overdue states over time.
      blocks.append(
        .chart(
          Chart(
            kind: .stackedBars, title: lang.pick("Overdue states over time: ", "逾期状态：") + run.name,
            xLabel: lang.pick("Month", "月"), yLabel: lang.pick("% of starting loans", "占期初笔数 %"),
            x: (0...b.months).map(Double.init),
            series: (1...last).map { j in
              .init(names[j], (0...b.months).map { b.share(month: $0, state: j) * 100 })
            })))
      let header =
        [lang.pick("Month", "月")] + (projection.start == nil ? [] : [lang.pick("Calendar", "年月")])
        + names.map { $0 + " %" } + [
          lang.pick("Overdue % reported (M1+)", "报告逾期 %（M1 及以上）"),
          lang.pick("Overdue balance %", "逾期余额 %"),
          lang.pick("Into \(names[last]) (cum.)", "累计进入 \(names[last])"),
          lang.pick("Blacklisted (cum.)", "累计失信"), lang.pick("Written off (cum.)", "累计核销"),
          lang.pick("Loss (cum.)", "累计损失"), lang.pick("Balance", "余额"),
        ]
      var table = Table(
        header: header,
        alignments: [.right] + (projection.start == nil ? [] : [.left])
          + header.dropFirst(projection.start == nil ? 1 : 2).map { _ in .right })
      var months = Array(stride(from: 0, through: b.months, by: step))
      if months.last != b.months { months.append(b.months) }
      for t in months {
        table.rows.append(
          [String(t)] + (calendar(t).map { [$0] } ?? [])
            + (0..<states.count).map { _Numbers.fixed(b.share(month: t, state: $0) * 100, 4) } + [
              _Numbers.fixed(b.delinquentShare(month: t, states: states, reported: true) * 100, 4),
              _Numbers.fixed(b.delinquentBalanceShare(month: t, states: states) * 100, 4),
              loans(b.cumulative(.intoLastBucket, through: t)),
              loans(b.cumulative(.blacklisted, through: t)),
              money(b.cumulative(.writtenOff, through: t)), money(b.cumulative(.loss, through: t)),
              money(b.remainingBalance(month: t, states: states)),
            ])
      }
      blocks.append(months.count > 40 ? .detail(table) : .table(table))
    }
    var notes: [String] = []
    if !projection.pooledSegments.isEmpty {
      notes.append(
        lang.pick("No matrix of their own, so the pooled one: ", "无本组矩阵、使用合并矩阵的分组：")
          + projection.pooledSegments.map {
            zip(projection.segmentColumns, $0).map { "\($0)=\($1)" }.joined(separator: ",")
          }.joined(separator: "; "))
    }
    notes.append(
      kind == "panel"
        ? lang.pick(
          "Cumulative overdue counts come from each loan's history in the panel: the blacklist rule is exact under the chain. A panel has no schedules: current loans amortize only at the scenario's amortization rate.",
          "累计逾期期数取自面板中每笔贷款的历史：失信规则在该链下精确。面板没有还款计划：正常贷款仅按情景的摊还率摊还。")
        : lang.pick(
          "A loan book has no overdue history: each loan's cumulative count starts at its periods overdue (a lower bound), so blacklist entries are a lower bound.",
          "贷款清单无逾期历史：累计期数从当前逾期期数起算（下限），失信笔数为下限。"))
    let (csvHeader, csvRows) = csvTable()
    var parameters =
      [
        Pair(
          lang.pick(kind == "panel" ? "Panel" : "Loan book", kind == "panel" ? "面板数据" : "贷款清单"),
          file)
      ] + load.pairs(lang)
      + [
        Pair(lang.pick("States", "状态"), states.description)
      ]
    if let start = projection.start {
      parameters.append(Pair(lang.pick("Start", "起始月"), start.description))
    }
    if !projection.segmentColumns.isEmpty {
      parameters.append(
        Pair(lang.pick("Matrices by", "矩阵分组"), projection.segmentColumns.joined(separator: ", ")))
    }
    return Document(
      language: lang, title: lang.pick("Delinquency projection", "逾期迁徙预测"),
      subtitle: lang.pick("roll-rate chain, analytics in floating point", "迁徙率马尔可夫链，浮点分析"),
      parameters: parameters, blocks: blocks,
      sources: [
        SourceNote(
          lang.pick("Projection s_t = s_{t−1}·P_t; balances, losses", "预测 s_t = s_{t−1}·P_t；余额与损失"),
          source: "docs/risk-models.md §1.3"),
        SourceNote(
          lang.pick(
            "Stress by scaling roll-forward probabilities; forbearance", "按比例加压恶化概率；不作逾期处理"),
          source: "docs/risk-models.md §1.4; R11, R12, R12b, R12c"),
        SourceNote(
          lang.pick("Blacklist at 6 cumulative overdue periods", "累计逾期 6 期列入失信"),
          source: "S106, R13"),
      ],
      notes: notes, data: json(), csvHeader: csvHeader, csvRows: csvRows)
  }

  /// `1–3, 7, 9–12`.
  static func ranges(_ months: [Int]) -> String {
    var parts: [String] = []
    var i = 0
    while i < months.count {
      var j = i
      while j + 1 < months.count && months[j + 1] == months[j] + 1 { j += 1 }
      parts.append(i == j ? String(months[i]) : "\(months[i])–\(months[j])")
      i = j + 1
    }
    return parts.joined(separator: ", ")
  }
}
