// The result of `gjj portfolio stress`: factors, deterministic scenarios, the Monte Carlo loss
// distribution with confidence intervals, segments and ASRF capital.
import ProvidentCore
import ProvidentPortfolio
import ProvidentRisk

/// A macro stress run of a loan book as a report.
public struct StressReport: RenderableReport, Sendable {
  /// Rows read, accepted and rejected.
  public let load: LoadSummary
  public var read: Int { load.read }
  public var accepted: Int { load.accepted }
  public var rejections: [BookRejection] { load.rejections }
  public let analysis: StressAnalysis

  public init(read: Int, accepted: Int, rejections: [BookRejection], analysis: StressAnalysis) {
    self.load = LoadSummary(read: read, accepted: accepted, rejections: rejections)
    self.analysis = analysis
  }

  static let f = _Numbers.self

  func linkText(_ l: SegmentLinks) -> String {
    switch l.defaults {
    case .logit(let base, _): "logit, PD₀ " + Self.f.percent(base, 3)
    case .probit(let base, let rho, _):
      "probit, PD₀ " + Self.f.percent(base, 3) + ", ρ " + Self.f.fixed(rho, 2)
    }
  }

  // MARK: - JSON

  public func json() -> JSONValue {
    let a = analysis
    let f = Self.f
    let factors = a.model.factors
    var top = load.json(countsKey: "loans")
    top += [
      (
        "factors",
        .array(
          factors.factors.map {
            .object([
              ("name", .string($0.name)), ("unit", .string($0.unit)),
              ("mean", .number(f.fixed($0.mean, 6))), ("vol", .number(f.fixed($0.volatility, 6))),
            ])
          })
      ),
      (
        "cholesky",
        .array(
          stride(from: 0, to: factors.cholesky.count, by: factors.count).map { i in
            .array(factors.cholesky[i..<(i + factors.count)].map { .number(f.fixed($0, 10)) })
          })
      ),
      ("shockMonths", a.model.shockMonths.map { .int($0) } ?? .null),
      ("months", .int(a.model.months)),
      (
        "scenarios",
        .array(
          a.scenarios.map { r in
            .object([
              ("name", .string(r.scenario.name)),
              (
                "factors",
                .object(
                  zip(factors.factors, r.scenario.values).map { ($0.name, .number(f.fixed($1, 6))) }
                )
              ),
              PortfolioReport.series(r.book).first { $0.0 == "totals" } ?? ("totals", .null),
              (
                "segments",
                .array(
                  zip(r.segments, r.rates).map { s, rates in
                    .object(
                      PortfolioReport.segmentFields(s.segment) + [
                        ("pd", f.rate(rates.defaultRate)), ("cpr", f.rate(rates.prepaymentRate)),
                        ("lgd", f.rate(rates.severity)), ("loss", .money(s.flows.totals.loss)),
                      ])
                  })
              ),
            ])
          })
      ),
    ]
    if let run = a.simulation {
      top.append(
        (
          "monteCarlo",
          .object([
            ("paths", .int(run.paths.count)), ("seed", .number(String(run.seed))),
            (
              "distributions",
              .object(
                a.distributions.map { d in
                  (
                    d.name,
                    .object([
                      ("mean", f.estimate(d.mean, f.amount)),
                      ("standardDeviation", f.amount(d.standardDeviation)),
                      ("quantiles", .array(d.quantiles.map { f.estimate($0, f.amount) })),
                      (
                        "expectedShortfall",
                        .array(d.expectedShortfalls.map { f.estimate($0, f.amount) })
                      ),
                    ])
                  )
                })
            ),
            (
              "lossHistogram",
              .array(
                a.lossHistogram.map {
                  .object([
                    ("lower", f.amount($0.lower)), ("upper", f.amount($0.upper)),
                    ("paths", .int($0.paths)),
                  ])
                })
            ),
          ])
        ))
    }
    top.append(
      (
        "segments",
        .array(
          a.segments.map { s in
            .object(
              PortfolioReport.segmentFields(s.segment) + [
                ("loans", .int(s.loans)), ("openingBalance", .money(s.openingBalance)),
                ("basePD", f.rate(s.base.defaultRate)), ("meanPD", f.rate(s.meanDefaultRate)),
                ("pd99", f.rate(s.defaultRate99)), ("baseCPR", f.rate(s.base.prepaymentRate)),
                ("meanCPR", f.rate(s.meanPrepaymentRate)), ("meanLoss", f.amount(s.meanLossYuan)),
                ("shortfallContribution", f.amount(s.shortfallContributionYuan)),
                (
                  "asrf",
                  .object([
                    ("expectedLoss", f.amount(s.asrf.expectedLossYuan)),
                    ("quantile999", f.amount(s.asrf.lossQuantileYuan)),
                    ("capital", f.amount(s.asrf.capitalYuan)),
                    ("riskWeight", f.rate(s.asrf.riskWeight)),
                  ])
                ),
              ])
          })
      ))
    if let book = a.asrfBook {
      top.append(
        (
          "asrfBook",
          .object([
            ("exposure", f.amount(book.exposureYuan)),
            ("expectedLoss", f.amount(book.expectedLossYuan)),
            ("quantile999", f.amount(book.lossQuantileYuan)),
            ("expectedShortfall999", f.amount(book.expectedShortfallYuan)),
            ("capital", f.amount(book.capitalYuan)),
            ("riskWeightedAssets", f.amount(book.riskWeightedAssetsYuan)),
            ("riskWeight", f.rate(book.riskWeight)),
          ])
        ))
    }
    if let asOf = a.model.asOf { top.append(("asOf", .string(asOf.description))) }
    return .object(top)
  }

  // MARK: - Document

  public func document(_ lang: Language) -> Document {
    let factors = analysis.model.factors
    let sections = [
      factorSection(lang), scenarioSection(lang), simulationSection(lang), segmentSection(lang),
    ]
    let blocks = sections.flatMap(\.blocks)
    let key = sections.flatMap(\.key)
    let (header, csvRows) = csvTable()
    let parameters = parameters(lang)
    return Document(
      language: lang, title: lang.pick("Macro stress of a loan book", "贷款组合宏观压力测试"),
      subtitle: lang.pick(
        "Correlated factors → links → projection by segment", "相关宏观因子 → 链接函数 → 分组预测"),
      parameters: parameters, keyFigures: key, blocks: blocks,
      sources: [
        SourceNote(
          lang.pick(
            "Factors, Cholesky then GEMM, logit and probit links",
            "因子、Cholesky 分解与矩阵乘法、logit 与 probit 链接"), source: "docs/risk-models.md §3.1–3.2"),
        SourceNote(
          lang.pick("Severe scenario magnitudes", "严重情景幅度"),
          source: "docs/risk-models.md §3.3 (ILLUSTRATIVE)"),
        SourceNote(
          lang.pick("Projection rules (keep-term, default then payment then prepayment)", "预测规则"),
          source: "docs/conventions.md §2, §4–5"),
        SourceNote(
          lang.pick("Vasicek / Basel IRB", "Vasicek / 巴塞尔内评法"),
          source: "docs/risk-models.md §2 [R1][R4]"),
      ] + factors.scenarios.compactMap { s in s.source.map { SourceNote(s.name, source: $0) } },
      notes: [
        lang.pick(
          "Losses count every default in the projection, booked after the recovery lag. Quantile intervals are distribution-free (order statistics); expected-shortfall errors are asymptotic. Paths use one random stream each: results do not depend on threads.",
          "损失计入预测期内全部违约（回收滞后后入账）。分位数区间为非参数（次序统计量）区间；预期短缺标准误为渐近值。每条路径使用独立随机流，结果与线程数无关。")
      ],
      data: json(), csvHeader: header, csvRows: csvRows)
  }

  /// The factors, their units, means, volatilities and Cholesky factor.
  private func factorSection(_ lang: Language) -> (blocks: [Block], key: [Pair]) {
    let f = Self.f
    let factors = analysis.model.factors
    var blocks: [Block] = []
    blocks.append(.heading(lang.pick("Factors", "宏观因子")))
    var ft = Table(
      header: [
        lang.pick("Factor", "因子"), lang.pick("Unit", "单位"), lang.pick("Mean", "均值"),
        lang.pick("Volatility", "波动"),
      ]
        + factors.factors.map { "L·" + $0.name },
      alignments: [.left, .left, .right, .right] + factors.factors.map { _ in .right })
    for (i, fac) in factors.factors.enumerated() {
      ft.rows.append(
        [fac.name, fac.unit, f.fixed(fac.mean, 2), f.fixed(fac.volatility, 2)]
          + (0..<factors.count).map { f.fixed(factors.cholesky[i * factors.count + $0], 4) })
    }
    blocks.append(.table(ft))
    return (blocks, [])
  }

  /// The deterministic scenarios: factor values, default, loss, prepayment and interest.
  private func scenarioSection(_ lang: Language) -> (blocks: [Block], key: [Pair]) {
    let a = analysis
    let f = Self.f
    let factors = a.model.factors
    var blocks: [Block] = []
    if !a.scenarios.isEmpty {
      blocks.append(.heading(lang.pick("Deterministic scenarios", "确定性情景")))
      var st = Table(
        header: [lang.pick("Scenario", "情景")] + factors.factors.map(\.name)
          + [
            lang.pick("Default", "违约"), lang.pick("Loss", "损失"), lang.pick("Prepayment", "提前还款"),
            lang.pick("Interest", "利息"),
          ],
        alignments: [.left] + factors.factors.map { _ in .right } + [
          .right, .right, .right, .right,
        ])
      for r in a.scenarios {
        let t = r.book.totals
        st.rows.append(
          [r.scenario.name] + r.scenario.values.map { f.fixed($0, 2) }
            + [t.defaults, t.loss, t.prepayment, t.interest].map { $0.formatted(grouping: true) })
      }
      blocks.append(.table(st))
      var rt = Table(
        title: lang.pick("Rates in the shock window by segment", "冲击期内各分组年化比率"),
        header: [
          lang.pick("Scenario", "情景"), lang.pick("Segment", "分组"), "PD (CDR)", "CPR", "LGD",
          lang.pick("Loss", "损失"),
        ],
        alignments: [.left, .left, .right, .right, .right, .right])
      for r in a.scenarios {
        for (s, rates) in zip(r.segments, r.rates) {
          rt.rows.append([
            r.scenario.name, s.segment.description, f.percent(rates.defaultRate, 3),
            f.percent(rates.prepaymentRate, 3),
            f.percent(rates.severity, 2), s.flows.totals.loss.formatted(grouping: true),
          ])
        }
      }
      blocks.append(.table(rt))
      blocks.append(
        .chart(
          Chart(
            kind: .bars, title: lang.pick("Loss by scenario", "各情景损失"),
            xLabel: lang.pick("Scenario", "情景"),
            yLabel: lang.pick("Loss (yuan)", "损失（元）"), categories: a.scenarios.map(\.scenario.name),
            series: [
              .init(lang.pick("Loss", "损失"), a.scenarios.map { Document.yuan($0.book.totals.loss) })
            ])))
    }
    return (blocks, [])
  }

  /// The Monte Carlo paths: loss distribution, VaR and expected shortfall, the chart.
  private func simulationSection(_ lang: Language) -> (blocks: [Block], key: [Pair]) {
    let a = analysis
    let f = Self.f
    var blocks: [Block] = []
    var key: [Pair] = []
    if let run = a.simulation {
      blocks.append(
        .heading(lang.pick("Monte Carlo: \(run.paths.count) paths", "蒙特卡洛：\(run.paths.count) 条路径")))
      var mt = Table(
        header: [lang.pick("Quantity", "指标"), lang.pick("Mean ± SE", "均值 ± 标准误")]
          + StressAnalysis.quantileLevels.map { "q " + f.level($0) }
          + StressAnalysis.shortfallLevels.map { "ES " + f.level($0) },
        alignments: [.left, .right] + [TextTable.Alignment](repeating: .right, count: 6))
      let names = [
        "loss": lang.pick("Loss", "损失"), "defaults": lang.pick("Default", "违约"),
        "prepayment": lang.pick("Prepayment", "提前还款"), "interest": lang.pick("Interest", "利息"),
      ]
      for d in a.distributions {
        mt.rows.append(
          [
            names[d.name] ?? d.name,
            f.grouped(d.mean.value) + " ± " + f.grouped(d.mean.standardError),
          ]
            + d.quantiles.map { f.grouped($0.value) }
            + d.expectedShortfalls.map { f.grouped($0.value) })
      }
      blocks.append(.table(mt))
      if let loss = a.distributions.first {
        var ci = Table(
          title: lang.pick("Loss: 95% confidence intervals", "损失：95% 置信区间"),
          header: [
            lang.pick("Figure", "指标"), lang.pick("Estimate", "估计"), lang.pick("SE", "标准误"),
            lang.pick("Lower", "下限"), lang.pick("Upper", "上限"),
          ],
          alignments: [.left, .right, .right, .right, .right])
        let figures: [(String, Estimate)] =
          [(lang.pick("Mean", "均值"), loss.mean)]
          + loss.quantiles.map { e in ("q " + f.level(e.level ?? 0), e) }
          + loss.expectedShortfalls.map { e in ("ES " + f.level(e.level ?? 0), e) }
        for (label, e) in figures {
          ci.rows.append([
            label, f.grouped(e.value), f.grouped(e.standardError), f.grouped(e.lower),
            f.grouped(e.upper),
          ])
        }
        blocks.append(.table(ci))
        key.append(Pair(lang.pick("Mean loss", "平均损失"), f.grouped(loss.mean.value)))
        if let q999 = loss.quantiles.last, let es999 = loss.expectedShortfalls.last {
          key.append(
            Pair(
              lang.pick("Loss at 99.9%", "99.9% 损失分位数"),
              f.grouped(q999.value) + "  [" + f.grouped(q999.lower) + ", " + f.grouped(q999.upper)
                + "]"))
          key.append(
            Pair(
              lang.pick("Expected shortfall 99.9%", "99.9% 预期短缺"),
              f.grouped(es999.value) + " ± " + f.grouped(es999.standardError)))
        }
      }
      blocks.append(
        .chart(
          Chart(
            kind: .bars, title: lang.pick("Loss distribution across paths", "各路径损失分布"),
            xLabel: lang.pick("Loss, bin lower edge (yuan ×10⁶)", "损失区间下限（百万元）"),
            yLabel: lang.pick("Paths", "路径数"),
            categories: a.lossHistogram.map { f.fixed($0.lower / 1e6, 1) },
            series: [.init(lang.pick("Paths", "路径数"), a.lossHistogram.map { Double($0.paths) })])))
      blocks.append(
        .chart(
          Chart(
            kind: .line, title: lang.pick("Loss distribution (CDF)", "损失累积分布"),
            xLabel: lang.pick("Loss (yuan)", "损失（元）"), yLabel: lang.pick("Share of paths", "路径占比"),
            x: a.lossCDF.map(\.lossYuan),
            series: [.init(lang.pick("P(loss ≤ x)", "P(损失 ≤ x)"), a.lossCDF.map(\.probability))])))
    }
    return (blocks, key)
  }

  /// The segments (rep lines) and their Vasicek/ASRF capital, then the rejected rows.
  private func segmentSection(_ lang: Language) -> (blocks: [Block], key: [Pair]) {
    let a = analysis
    let f = Self.f
    var blocks: [Block] = []
    var key: [Pair] = []
    blocks.append(.heading(lang.pick("Segments", "分组")))
    var sg = Table(
      header: [
        lang.pick("Segment", "分组"), lang.pick("Loans", "笔数"), lang.pick("Balance", "余额"),
        lang.pick("PD link", "违约链接"),
        lang.pick("PD at means", "均值处 PD"), lang.pick("Mean PD", "平均 PD"), "PD q99",
        lang.pick("Mean CPR", "平均 CPR"),
        lang.pick("Mean loss", "平均损失"), "ES " + f.level(StressAnalysis.shortfallLevels[0]),
      ],
      alignments: [.left, .right, .right, .left, .right, .right, .right, .right, .right, .right])
    for s in a.segments {
      sg.rows.append([
        s.segment.description.isEmpty ? lang.pick("book", "全部") : s.segment.description,
        String(s.loans),
        s.openingBalance.formatted(grouping: true), linkText(s.links),
        f.percent(s.base.defaultRate, 3),
        f.percent(s.meanDefaultRate, 3), f.percent(s.defaultRate99, 3),
        f.percent(s.meanPrepaymentRate, 2),
        f.grouped(s.meanLossYuan), f.grouped(s.shortfallContributionYuan),
      ])
    }
    blocks.append(.table(sg))
    var asrf = Table(
      title: lang.pick("Vasicek / ASRF at the base PD (99.9%)", "基准 PD 下的 Vasicek / ASRF（99.9%）"),
      header: [
        lang.pick("Segment", "分组"), "EAD", "PD", "LGD", lang.pick("Expected loss", "预期损失"),
        "VaR 99.9%", "K", lang.pick("Risk weight", "风险权重"),
      ],
      alignments: [.left, .right, .right, .right, .right, .right, .right, .right])
    for s in a.segments {
      asrf.rows.append([
        s.segment.description.isEmpty ? lang.pick("book", "全部") : s.segment.description,
        f.grouped(s.asrf.exposureYuan),
        f.percent(s.links.defaults.base, 3), f.percent(s.links.severity.base, 2),
        f.grouped(s.asrf.expectedLossYuan),
        f.grouped(s.asrf.lossQuantileYuan), f.grouped(s.asrf.capitalYuan),
        f.percent(s.asrf.riskWeight, 2),
      ])
    }
    if let book = a.asrfBook {
      asrf.rows.append([
        lang.pick("book", "全部"), f.grouped(book.exposureYuan), "", "",
        f.grouped(book.expectedLossYuan),
        f.grouped(book.lossQuantileYuan), f.grouped(book.capitalYuan),
        f.percent(book.riskWeight, 2),
      ])
      key.append(
        Pair(
          lang.pick("ASRF capital (Basel, 99.9%)", "ASRF 资本（巴塞尔 99.9%）"),
          f.grouped(book.capitalYuan)))
    }
    blocks.append(.table(asrf))
    blocks += load.blocks(lang)
    return (blocks, key)
  }

  /// The CSV: one row per path.
  private func csvTable() -> (header: [String], rows: [[String]]) {
    let a = analysis
    let f = Self.f
    let factors = a.model.factors
    var csvRows: [[String]] = []
    var header = ["path"]
    if let run = a.simulation {
      let k = factors.count
      header += factors.factors.map(\.name) + ["loss", "defaults", "prepayment", "interest"]
      for i in 0..<run.paths.count {
        csvRows.append(
          [String(run.paths.lowerBound + i)]
            + (0..<k).map { f.fixed(run.factorValues[i * k + $0], 6) }
            + [run.lossYuan, run.defaultsYuan, run.prepaymentYuan, run.interestYuan].map {
              f.money($0.values[i]).description
            })
      }
    }
    return (header, csvRows)
  }

  /// Rows read, segments, months, shock window, paths, seed, as-of date.
  private func parameters(_ lang: Language) -> [Pair] {
    let a = analysis
    var parameters: [Pair] =
      load.pairs(lang)
      + [
        Pair(lang.pick("Segments", "分组数"), String(a.segments.count)),
        Pair(lang.pick("Months projected", "预测月数"), String(a.model.months)),
        Pair(
          lang.pick("Shock window", "冲击期"),
          a.model.shockMonths.map { "\($0) " + lang.pick("months", "个月") }
            ?? lang.pick("every month", "全部月份")),
      ]
    if let run = a.simulation {
      parameters += [
        Pair(lang.pick("Paths", "路径数"), String(run.paths.count)),
        Pair(lang.pick("Seed", "随机种子"), String(run.seed)),
      ]
    }
    if let asOf = a.model.asOf {
      parameters.append(Pair(lang.pick("As of", "截至"), asOf.description))
    }
    return parameters
  }

}
