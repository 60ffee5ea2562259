import ProvidentLiquidity
// The result of `gjj liquidity`: deposit and loan balances, 个贷率, buffer and gates by month.
import ProvidentPortfolio

/// Liquidity paths as a report: the 个贷率 path of each scenario against its threshold lines, the
/// month each line is first crossed, lending foregone and the buffer.
public struct LiquidityReport: RenderableReport, Sendable {
  public let file: String
  public let city: String?
  /// The loan book whose projection gave the recoveries and write-offs, if any.
  public let book: String?
  public let scenarios: [LiquidityScenario]
  public let paths: [LiquidityPath]

  public init(
    file: String, city: String?, book: String? = nil, scenarios: [LiquidityScenario],
    paths: [LiquidityPath]
  ) {
    self.file = file
    self.city = city
    self.book = book
    self.scenarios = scenarios
    self.paths = paths
  }

  static let kinds = WithdrawalKind.allCases

  func calendar(_ m: LiquidityMonth) -> String { m.calendarMonth?.description ?? "" }

  // MARK: - JSON

  func monthJSON(_ m: LiquidityMonth) -> JSONValue {
    var fields: [(String, JSONValue)] = [("month", .int(m.month))]
    if let c = m.calendarMonth { fields.append(("calendarMonth", .string(c.description))) }
    fields += [
      ("deposits", _Numbers.json(m.deposits, 2)), ("loans", _Numbers.json(m.loans, 2)),
      ("loanRatio", _Numbers.json(m.loanRatio, 8)), ("buffer", _Numbers.json(m.buffer, 2)),
      ("contributions", _Numbers.json(m.contributions, 3)),
      ("withdrawals", _Numbers.json(m.withdrawals, 3)),
      (
        "withdrawalsByKind",
        .object(
          zip(Self.kinds, m.withdrawalsByKind).filter { $0.1 != 0 }.map {
            ($0.0.rawValue, _Numbers.json($0.1, 3))
          })
      ),
      ("recoveries", _Numbers.json(m.recoveries, 3)), ("writeOffs", _Numbers.json(m.writeOffs, 3)),
      ("demand", _Numbers.json(m.demand, 3)), ("newLending", _Numbers.json(m.newLending, 3)),
      ("foregone", _Numbers.json(m.foregone, 3)),
      ("lendingMultiplier", _Numbers.exact(m.lendingMultiplier)),
      ("quotaMultiple", m.quotaMultiple.map { .int(Int($0)) } ?? .null),
      ("conversion", m.conversion.map { .string($0.rawValue) } ?? .null),
      ("bufferMonths", _Numbers.json(m.bufferMonths, 2)),
    ]
    return .object(fields)
  }

  public func json() -> JSONValue {
    .object([
      ("file", .string(file)), ("city", city.map(JSONValue.string) ?? .null),
      ("unit", .string(paths.first?.unit ?? "")),
      (
        "scenarios",
        .array(
          zip(scenarios, paths).map { scenario, path in
            .object([
              ("name", .string(path.name)),
              (
                "recoveries",
                {
                  switch scenario.recoveries {
                  case .rate(let r): .object([("monthlyRate", _Numbers.exact(r))])
                  case .amounts: book.map { .object([("book", .string($0))]) } ?? .string("amounts")
                  }
                }()
              ),
              (
                "crossings",
                .array(
                  path.crossings.map {
                    .object([
                      ("threshold", _Numbers.exact($0.threshold)),
                      ("month", $0.month.map(JSONValue.int) ?? .null),
                    ])
                  })
              ),
              (
                "totals",
                .object([
                  ("contributions", _Numbers.json(path.total(\.contributions), 2)),
                  ("withdrawals", _Numbers.json(path.total(\.withdrawals), 2)),
                  ("recoveries", _Numbers.json(path.total(\.recoveries), 2)),
                  ("writeOffs", _Numbers.json(path.total(\.writeOffs), 2)),
                  ("newLending", _Numbers.json(path.total(\.newLending), 2)),
                  ("foregone", _Numbers.json(path.total(\.foregone), 2)),
                ])
              ),
              ("months", .array(path.months.map(monthJSON))),
            ])
          })
      ),
    ])
  }

  // MARK: - CSV

  func csvTable() -> (header: [String], rows: [[String]]) {
    let header =
      [
        "scenario", "month", "calendarMonth", "deposits", "loans", "loanRatio", "buffer",
        "contributions",
        "withdrawals",
      ] + Self.kinds.map { "withdrawals_" + $0.rawValue } + [
        "recoveries", "writeOffs", "demand", "newLending", "foregone", "lendingMultiplier",
        "quotaMultiple",
        "conversion",
      ]
    var rows: [[String]] = []
    for path in paths {
      for m in path.months {
        rows.append(
          [
            path.name, String(m.month), calendar(m), _Numbers.fixed(m.deposits, 2),
            _Numbers.fixed(m.loans, 2),
            _Numbers.fixed(m.loanRatio, 8), _Numbers.fixed(m.buffer, 2),
            _Numbers.fixed(m.contributions, 3),
            _Numbers.fixed(m.withdrawals, 3),
          ] + m.withdrawalsByKind.map { _Numbers.fixed($0, 3) } + [
            _Numbers.fixed(m.recoveries, 3), _Numbers.fixed(m.writeOffs, 3),
            _Numbers.fixed(m.demand, 3),
            _Numbers.fixed(m.newLending, 3), _Numbers.fixed(m.foregone, 3),
            "\(m.lendingMultiplier)",
            m.quotaMultiple.map(String.init) ?? "", m.conversion?.rawValue ?? "",
          ])
      }
    }
    return (header, rows)
  }

  // MARK: - Document

  public func document(_ lang: Language) -> Document {
    let unit = paths.first?.unit ?? ""
    let amount = { (x: Double) in _Numbers.grouped(x) }
    var blocks: [Block] = []
    let lines = Set(paths.flatMap { $0.crossings.map(\.threshold) }).sorted()
    if let longest = paths.map({ $0.months.count }).max(), longest > 1 {
      let x = (0..<longest).map(Double.init)
      var series = paths.map { p in Chart.Series(p.name, p.months.map { $0.loanRatio * 100 }) }
      series += lines.map { line in
        Chart.Series(_Numbers.fixed(line * 100, 2) + "%", x.map { _ in line * 100 })
      }
      blocks.append(
        .chart(
          Chart(
            kind: .line, title: lang.pick("Loan ratio (个贷率) with threshold lines", "个贷率路径与警戒线"),
            xLabel: lang.pick("Month", "月"), yLabel: "%", x: x, series: series)))
      blocks.append(
        .chart(
          Chart(
            kind: .line,
            title: lang.pick(
              "Buffer: deposits − loans − other uses (\(unit))", "可用资金：缴存余额 − 个贷余额 − 其他占用（\(unit)）"),
            xLabel: lang.pick("Month", "月"), yLabel: unit, x: x,
            series: paths.map { p in Chart.Series(p.name, p.months.map(\.buffer)) })))
    }
    // Crossings: one row per line, one column per scenario.
    var crossings = Table(
      title: lang.pick("First month at or above each line", "首次达到各警戒线的月份"),
      header: [lang.pick("Loan ratio", "个贷率")] + paths.map(\.name),
      alignments: [.left] + paths.map { _ in .right })
    for line in lines {
      crossings.rows.append(
        [_Numbers.fixed(line * 100, 2) + "%"]
          + paths.map { p in
            let month = p.crossings.first { $0.threshold == line }?.month
            return month.map { m in
              String(m) + (p.months[m].calendarMonth.map { " (\($0))" } ?? "")
            } ?? lang.pick("not reached", "未达到")
          })
    }
    blocks.append(.table(crossings))
    for (scenario, path) in zip(scenarios, paths) {
      blocks.append(.heading(lang.pick("Scenario ", "情景 ") + path.name))
      let last = path.months.last!
      var pairs = [
        Pair(lang.pick("Closing loan ratio", "期末个贷率"), _Numbers.percent(last.loanRatio, 4)),
        Pair(lang.pick("Closing buffer", "期末可用资金"), amount(last.buffer)),
        Pair(lang.pick("Lowest buffer", "最低可用资金"), amount(path.lowestBuffer)),
        Pair(lang.pick("Lent", "发放贷款"), amount(path.total(\.newLending))),
        Pair(lang.pick("Lending foregone", "少发放贷款"), amount(path.total(\.foregone))),
        Pair(lang.pick("Recovered", "回收本金"), amount(path.total(\.recoveries))),
        Pair(lang.pick("Written off", "核销"), amount(path.total(\.writeOffs))),
      ]
      blocks.append(.pairs(pairs))
      if !scenario.lending.bands.isEmpty {
        blocks.append(
          .paragraph(
            lang.pick("Lending gate: ", "放贷闸门：")
              + scenario.lending.bands.map { "\($0.rangeText()) ×\(_Numbers.fixed($0.payload, 2))" }
              .joined(separator: "; ")
              + (scenario.lending.source.isEmpty
                ? "" : lang.pick(" — ", "——") + scenario.lending.source)))
      }
      let hasCity = !scenario.cityGates.isEmpty
      var header = [
        lang.pick("Month", "月"), lang.pick("Calendar", "年月"), lang.pick("Deposits", "缴存余额"),
        lang.pick("Loans", "个贷余额"), lang.pick("Loan ratio", "个贷率"), lang.pick("Buffer", "可用资金"),
        lang.pick("Contributions", "缴存额"), lang.pick("Withdrawals", "提取额"),
        lang.pick("Recoveries", "回收"),
        lang.pick("Lent", "发放"), lang.pick("Foregone", "少发放"), lang.pick("Gate ×", "闸门系数"),
      ]
      if hasCity { header += [lang.pick("Quota multiple", "额度倍数"), lang.pick("商转公", "商转公")] }
      var table = Table(
        header: header, alignments: [.right, .left] + header.dropFirst(2).map { _ in .right })
      for m in path.months {
        var row = [
          String(m.month), calendar(m), amount(m.deposits), amount(m.loans),
          _Numbers.percent(m.loanRatio, 2),
          amount(m.buffer), amount(m.contributions), amount(m.withdrawals), amount(m.recoveries),
          amount(m.newLending), amount(m.foregone),
          m.month == 0 ? "" : _Numbers.fixed(m.lendingMultiplier, 2),
        ]
        if hasCity {
          row += [m.quotaMultiple.map(String.init) ?? "", m.conversion?.rawValue ?? ""]
        }
        table.rows.append(row)
      }
      blocks.append(path.months.count > 40 ? .detail(table) : .table(table))
    }
    var sources = [
      SourceNote(
        lang.pick(
          "D_t = D_{t−1} + Dep − Wd; L_t = L_{t−1} + New − Rec − WO; 个贷率 = L/D",
          "D_t = D_{t−1} + 缴存 − 提取；L_t = L_{t−1} + 发放 − 回收 − 核销；个贷率 = L/D"),
        source: "docs/risk-models.md §4.1"),
      SourceNote(
        lang.pick(
          "Gate bands include their lower bound: 75.00 % is in 75–80 %", "闸门区间含下限：75.00% 属于 75–80%"),
        source: "docs/risk-models.md §4.1"),
    ]
    for gates in scenarios.first?.cityGates ?? [] {
      let when = [gates.from?.description, gates.to?.description].map { $0 ?? "…" }.joined(
        separator: " – ")
      sources.append(
        SourceNote(lang.pick("City gates in force ", "城市闸门，有效期 ") + when, source: gates.source))
    }
    let first = paths.first?.months.first
    let (csvHeader, csvRows) = csvTable()
    var parameters = [
      Pair(lang.pick("Scenario file", "情景文件"), file), Pair(lang.pick("Unit", "单位"), unit),
      Pair(lang.pick("Months", "月数"), String((paths.first?.months.count ?? 1) - 1)),
    ]
    if let c = first?.calendarMonth {
      parameters.append(Pair(lang.pick("Opening month", "期初月份"), c.description))
    }
    if let first {
      parameters += [
        Pair(lang.pick("Opening deposits", "期初缴存余额"), amount(first.deposits)),
        Pair(lang.pick("Opening loans", "期初个贷余额"), amount(first.loans)),
        Pair(lang.pick("Opening loan ratio", "期初个贷率"), _Numbers.percent(first.loanRatio, 4)),
      ]
    }
    if let city { parameters.append(Pair(lang.pick("City gates", "城市闸门"), city)) }
    if let book {
      parameters.append(Pair(lang.pick("Recoveries and write-offs from", "回收与核销取自"), book))
    }
    if case .rate(let r)? = scenarios.first?.recoveries {
      parameters.append(Pair(lang.pick("Recovery rate (monthly)", "月回收率"), _Numbers.fixed(r, 10)))
    }
    return Document(
      language: lang, title: lang.pick("Fund liquidity", "公积金流动性"),
      subtitle: lang.pick("loan ratio (个贷率) path, analytics in floating point", "个贷率路径，浮点分析"),
      parameters: parameters,
      keyFigures: paths.map { p in
        Pair(
          lang.pick("\(p.name): closing loan ratio", "\(p.name)：期末个贷率"),
          _Numbers.percent(p.months.last!.loanRatio, 2))
      },
      blocks: blocks, sources: sources,
      notes: [
        lang.pick(
          "Amounts are in \(unit) and computed in floating point (analytics), shown to two decimals.",
          "金额单位为\(unit)，按浮点计算（分析用），显示两位小数。")
      ],
      data: json(), csvHeader: csvHeader, csvRows: csvRows)
  }
}
