// What every command's result offers: one document, rendered for each audience.
import ProvidentCore

/// A result described as a `Document`.
public protocol RenderableReport {
  func document(_ lang: Language) -> Document
}

/// The output formats, chosen by `--format` or by the extension of `--out`.
public enum OutputFormat: String, Sendable, CaseIterable {
  case table, csv, json, html, md, ipynb

  /// The format a file name's extension names, or nil.
  public init?(fileName: String) {
    guard let dot = fileName.lastIndex(of: "."), dot > fileName.startIndex else { return nil }
    let ext = fileName[fileName.index(after: dot)...].lowercased()
    guard ext != "table", let f = OutputFormat(rawValue: ext) else { return nil }
    self = f
  }
}

extension Document {
  /// The document in `format`; `rows` false leaves the detail table out of the terminal table;
  /// `csvFileName` is the CSV a notebook reloads.
  public func rendered(_ format: OutputFormat, rows: Bool = true, csvFileName: String = "data.csv")
    -> String
  {
    switch format {
    case .table: TerminalRenderer.render(self, rows: rows)
    case .csv: csv
    case .json: data.rendered() + "\n"
    case .html: HTMLRenderer.render(self)
    case .md: MarkdownRenderer.render(self)
    case .ipynb: NotebookRenderer.render(self, csvFileName: csvFileName)
    }
  }
}

// MARK: - Shared pieces

extension Document {
  /// The loan's terms as parameters.
  static func loanParameters(_ loan: Loan, _ lang: Language) -> [Pair] {
    let money = { (m: Money) in m.formatted(grouping: true) }
    var params = [
      Pair(lang.pick("Principal", "贷款本金"), money(loan.principal)),
      Pair(lang.pick("Term", "贷款期限"), "\(loan.months) " + lang.pick("months", "个月")),
      Pair(lang.pick("Rate at start", "初始年利率"), loan.annualRate.description),
    ]
    if let dates = loan.dates {
      params.append(Pair(lang.pick("Disbursed", "放款日"), dates.start.description))
      params.append(Pair(lang.pick("Payment day", "每月还款日"), String(dates.paymentDay)))
    }
    return params
  }

  static func subtitle(_ s: Schedule, _ lang: Language) -> String {
    s.method.label(lang) + lang.pick(", ", "，") + s.convention.label(lang)
  }

  static func rateSources(_ decisions: [RateDecision]) -> [SourceNote] {
    decisions.map { SourceNote("\($0.date)  \($0.rate)  \($0.explanation)", source: $0.source) }
  }

  static func conventionNote(_ s: Schedule, _ lang: Language) -> SourceNote {
    SourceNote(
      s.convention == .ledger
        ? lang.pick(
          "Ledger convention: every amount rounded half up to the fen as booked; the last installment clears the balance",
          "记账口径：每笔金额按分四舍五入入账，末期结清余额")
        : lang.pick(
          "Exact convention: no rounding until shown; totals are unrounded sums rounded once",
          "精确口径：计算不取整，仅显示时取整，合计为未取整之和"),
      source: "docs/conventions.md §1–4")
  }

  /// Balance over time, one line per schedule.
  static func balanceChart(_ schedules: [(String, Schedule)], _ lang: Language) -> Chart {
    let n = schedules.map { $0.1.periods }.max() ?? 0
    return Chart(
      kind: .line, title: lang.pick("Balance over time", "剩余本金"),
      xLabel: lang.pick("Installment", "期数"), yLabel: lang.pick("Balance (yuan)", "剩余本金（元）"),
      x: (0...n).map(Double.init),
      series: schedules.map { name, s in
        Chart.Series(
          name,
          [yuan(s.principal)]
            + s.installments.map { yuan($0.balance) })
      })
  }

  /// Principal and interest of each installment, stacked.
  static func compositionChart(_ s: Schedule, _ lang: Language) -> Chart {
    Chart(
      kind: .stackedBars, title: lang.pick("Principal and interest per installment", "每期本金与利息"),
      xLabel: lang.pick("Installment", "期数"), yLabel: lang.pick("Amount (yuan)", "金额（元）"),
      x: s.installments.map { Double($0.period) },
      series: [
        Chart.Series(lang.pick("Principal", "本金"), s.installments.map { yuan($0.principal) }),
        Chart.Series(lang.pick("Interest", "利息"), s.installments.map { yuan($0.interest) }),
      ])
  }

  /// Money as yuan in floating point, for charts only.
  static func yuan(_ m: Money) -> Double { Double(m.fen) / 100 }
}
