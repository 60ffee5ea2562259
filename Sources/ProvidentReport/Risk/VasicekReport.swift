// The result of `gjj risk vasicek`: the single-factor model's closed forms, Basel capital, the loss
// distribution, and the Monte Carlo check.
import ProvidentCore
import ProvidentPortfolio
import ProvidentRisk

/// A Vasicek/ASRF analysis as a report.
public struct VasicekReport: RenderableReport, Sendable {
  public let analysis: VasicekAnalysis
  public init(_ analysis: VasicekAnalysis) { self.analysis = analysis }

  public func json() -> JSONValue {
    let a = analysis
    let f = _Numbers.self
    var top: [(String, JSONValue)] = [
      (
        "inputs",
        .object([
          ("pd", f.rate(a.model.probabilityOfDefault)), ("rho", f.rate(a.model.correlation)),
          ("lgd", f.rate(a.lossGivenDefault)), ("q", f.rate(a.confidence)),
        ])
      ),
      (
        "closedForm",
        .object([
          ("expectedLoss", f.rate(a.expectedLoss)), ("quantile", f.rate(a.lossQuantile)),
          ("expectedShortfall", f.rate(a.expectedShortfall)),
          ("standardDeviation", f.rate(a.standardDeviation)), ("capitalK", f.rate(a.capital)),
          ("riskWeight", f.rate(a.riskWeight)),
        ])
      ),
    ]
    if let s = a.simulation {
      var fields: [(String, JSONValue)] = [
        ("loans", s.loans.map { .int($0) } ?? .null), ("paths", .int(s.paths)),
        ("seed", .number(String(s.seed))), ("mean", f.estimate(s.mean, f.rate)),
        ("quantile", f.estimate(s.quantile, f.rate)),
        ("expectedShortfall", f.estimate(s.expectedShortfall, f.rate)),
        ("quantileDeviationInStandardErrors", .number(f.fixed(s.quantileDeviation, 3))),
      ]
      if let exact = s.finitePoolQuantile { fields.append(("finitePoolQuantile", f.rate(exact))) }
      if let gap = s.granularityGap { fields.append(("granularityGap", f.rate(gap))) }
      top.append(("monteCarlo", .object(fields)))
    }
    top.append(
      (
        "grid",
        .array(
          a.grid.enumerated().map { i, g in
            var row: [(String, JSONValue)] = [
              ("loss", f.rate(g.loss)), ("cdf", f.rate(g.probability)),
              ("density", .number(f.fixed(g.density, 6))),
            ]
            if let s = a.simulation { row.append(("empiricalCDF", f.rate(s.empiricalCDF[i]))) }
            return .object(row)
          })
      ))
    return .object(top)
  }

  public func document(_ lang: Language) -> Document {
    let a = analysis
    let f = _Numbers.self
    let q = f.level(a.confidence)
    var key = [
      Pair(lang.pick("Expected loss", "预期损失"), f.percent(a.expectedLoss)),
      Pair(lang.pick("Loss quantile (VaR) at ", "损失分位数 (VaR) ") + q, f.percent(a.lossQuantile)),
      Pair(lang.pick("Expected shortfall at ", "预期短缺 (ES) ") + q, f.percent(a.expectedShortfall)),
      Pair(lang.pick("Standard deviation", "标准差"), f.percent(a.standardDeviation)),
      Pair(lang.pick("Basel IRB capital K (99.9%)", "巴塞尔内评法资本 K (99.9%)"), f.percent(a.capital)),
      Pair(lang.pick("Risk weight (12.5 K)", "风险权重 (12.5 K)"), f.percent(a.riskWeight, 2)),
    ]
    var blocks: [Block] = []
    var series = [Chart.Series(lang.pick("Closed form", "解析解"), a.grid.map(\.probability))]
    if let s = a.simulation {
      var rows = [
        Pair(lang.pick("Paths", "路径数"), String(s.paths)),
        Pair(
          lang.pick("Loans in the pool", "资产池笔数"),
          s.loans.map(String.init) ?? lang.pick("large pool", "大数资产池")),
        Pair(lang.pick("Seed", "随机种子"), String(s.seed)),
        Pair(
          lang.pick("Mean loss", "平均损失"),
          f.percent(s.mean.value) + " ± " + f.percent(s.mean.standardError)),
        Pair(
          lang.pick("Quantile at ", "分位数 ") + q,
          f.percent(s.quantile.value) + " ± " + f.percent(s.quantile.standardError)
            + "  [" + f.percent(s.quantile.lower) + ", " + f.percent(s.quantile.upper) + "]"),
        Pair(
          lang.pick("Expected shortfall at ", "预期短缺 ") + q,
          f.percent(s.expectedShortfall.value) + " ± "
            + f.percent(s.expectedShortfall.standardError)),
        Pair(
          lang.pick("Quantile − reference, in SE", "分位数偏差（标准误）"), f.fixed(s.quantileDeviation, 2)),
      ]
      if let exact = s.finitePoolQuantile {
        rows.append(Pair(lang.pick("Exact finite-pool quantile", "有限资产池精确分位数"), f.percent(exact)))
      }
      if let gap = s.granularityGap {
        rows.append(Pair(lang.pick("Granularity add-on", "颗粒度附加"), f.percent(gap)))
      }
      blocks.append(.heading(lang.pick("Monte Carlo check", "蒙特卡洛检验")))
      blocks.append(.pairs(rows))
      key.append(Pair(lang.pick("Monte Carlo quantile", "蒙特卡洛分位数"), f.percent(s.quantile.value)))
      series.append(Chart.Series(lang.pick("Monte Carlo", "蒙特卡洛"), s.empiricalCDF))
      blocks.append(
        .chart(
          Chart(
            kind: .bars, title: lang.pick("Simulated loss rates", "模拟损失率分布"),
            xLabel: lang.pick("Loss rate, bin lower edge (%)", "损失率区间下限（%）"),
            yLabel: lang.pick("Paths", "路径数"),
            categories: s.histogram.map { f.fixed($0.lower * 100, 2) },
            series: [.init(lang.pick("Paths", "路径数"), s.histogram.map { Double($0.paths) })])))
    }
    blocks.insert(
      .chart(
        Chart(
          kind: .line, title: lang.pick("Loss distribution (CDF)", "损失分布（累积分布函数）"),
          xLabel: lang.pick("Loss rate (%)", "损失率（%）"),
          yLabel: lang.pick("P(loss ≤ x)", "P(损失 ≤ x)"),
          x: a.grid.map { $0.loss * 100 }, series: series)), at: 0)
    var table = Table(
      title: lang.pick("Loss distribution on a grid", "损失分布网格"),
      header: [lang.pick("Loss rate", "损失率"), "F(x)", lang.pick("Density", "密度")]
        + (a.simulation != nil ? [lang.pick("Simulated F(x)", "模拟 F(x)")] : []),
      alignments: [.right, .right, .right] + (a.simulation != nil ? [.right] : []))
    for (i, g) in a.grid.enumerated() where i % 10 == 0 {
      table.rows.append(
        [f.percent(g.loss), f.fixed(g.probability, 6), f.fixed(g.density, 4)]
          + (a.simulation.map { [f.fixed($0.empiricalCDF[i], 6)] } ?? []))
    }
    blocks.append(.detail(table))
    let csvRows = a.grid.enumerated().map { i, g in
      [f.fixed(g.loss, 10), f.fixed(g.probability, 10), f.fixed(g.density, 6)]
        + (a.simulation.map { [f.fixed($0.empiricalCDF[i], 10)] } ?? [])
    }
    return Document(
      language: lang, title: lang.pick("Vasicek / ASRF loss model", "Vasicek 单因子（ASRF）损失模型"),
      subtitle: lang.pick("Loss as a fraction of exposure", "损失占敞口的比例"),
      parameters: [
        Pair("PD", f.percent(a.model.probabilityOfDefault)),
        Pair("ρ", f.fixed(a.model.correlation, 4)),
        Pair("LGD", f.percent(a.lossGivenDefault, 2)), Pair("q", q),
      ],
      keyFigures: key, blocks: blocks,
      sources: [
        SourceNote(
          lang.pick("Vasicek model, quantile and expected shortfall", "Vasicek 模型、分位数与预期短缺"),
          source: "docs/risk-models.md §2.1 [R4]"),
        SourceNote(
          lang.pick(
            "Basel IRB residential mortgages: R = 0.15, 99.9%, K = LGD·N[…] − PD·LGD",
            "巴塞尔内评法住房按揭：R = 0.15，99.9%"), source: "BCBS CRE31 [R1]; Annex 5 [R2]"),
      ],
      notes: a.simulation == nil
        ? []
        : [
          lang.pick(
            "Monte Carlo: one random stream per path; the quantile's interval is distribution-free (order statistics), its standard error the interval's half-width / 1.96.",
            "蒙特卡洛：每条路径独立随机流；分位数区间为非参数（次序统计量）区间，标准误为半宽 / 1.96。")
        ],
      data: json(),
      csvHeader: ["loss", "cdf", "density"] + (a.simulation != nil ? ["empiricalCDF"] : []),
      csvRows: csvRows)
  }
}
