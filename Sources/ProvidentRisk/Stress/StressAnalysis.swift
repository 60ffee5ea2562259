// Everything `gjj portfolio stress` reports, computed once: deterministic scenarios, the Monte
// Carlo loss distribution with confidence intervals, per-segment figures and ASRF capital.
import ProvidentCore
import ProvidentPortfolio

/// A stress run of a book summarized for a report.
public struct StressAnalysis: Sendable {
  /// One quantity's distribution across paths.
  public struct Distribution: Sendable {
    public let name: String
    public let mean: Estimate
    public let standardDeviation: Double
    public let quantiles: [Estimate]
    public let expectedShortfalls: [Estimate]
  }

  /// One segment's figures.
  public struct SegmentFigures: Sendable {
    public let segment: Segment
    public let loans: Int
    public let openingBalance: Money
    public let links: SegmentLinks
    /// Annual rates at the factor means.
    public let base: LinkedRates
    /// Mean and 99 % quantile of the annual default rate across paths (shock window).
    public let meanDefaultRate: Double
    public let defaultRate99: Double
    public let meanPrepaymentRate: Double
    public let meanLossYuan: Double
    /// The segment's share of the book's expected shortfall at the first ES level.
    public let shortfallContributionYuan: Double
    /// Vasicek/ASRF figures from the base PD, the base LGD and ρ (the probit link's, else 0.15).
    public let asrf: VasicekFigures
  }

  public let model: StressModel
  public let scenarios: [StressScenarioResult]
  public let simulation: StressSimulation?
  public let distributions: [Distribution]
  public let segments: [SegmentFigures]
  /// The book under ASRF: every segment on the one factor.
  public let asrfBook: VasicekFigures?
  /// Loss histogram across paths and the empirical CDF on a grid of losses (yuan).
  public let lossHistogram: [(lower: Double, upper: Double, paths: Int)]
  public let lossCDF: [(lossYuan: Double, probability: Double)]
  public static let quantileLevels = [0.5, 0.9, 0.99, 0.999]
  public static let shortfallLevels = [0.99, 0.999]

  public init(model: StressModel, simulation: StressSimulation?) {
    self.model = model
    self.simulation = simulation
    scenarios = model.factors.scenarios.map { model.project($0) }
    var distributions: [Distribution] = []
    if let run = simulation {
      for (name, sample) in [
        ("loss", run.lossYuan), ("defaults", run.defaultsYuan), ("prepayment", run.prepaymentYuan),
        ("interest", run.interestYuan),
      ] {
        distributions.append(
          Distribution(
            name: name, mean: sample.mean, standardDeviation: sample.standardDeviation,
            quantiles: Self.quantileLevels.map { sample.quantile($0) },
            expectedShortfalls: Self.shortfallLevels.map { sample.expectedShortfall($0) }))
      }
      lossHistogram = run.lossYuan.histogram(bins: 20)
      let top = run.lossYuan.sorted.last ?? 0
      lossCDF = (0...50).map { i in
        let x = top * Double(i) / 50
        return (x, run.lossYuan.cdf(x))
      }
    } else {
      lossHistogram = []
      lossCDF = []
    }
    self.distributions = distributions
    let contributions = simulation?.shortfallContributions(Self.shortfallLevels[0])
    var figures: [SegmentFigures] = []
    var exposures: [VasicekExposure] = []
    for (s, segment) in model.segments.enumerated() {
      let links = model.links[s]
      let base = model.factors.rates(links, at: model.factors.means)
      var rho = BaselIRB.residentialMortgageCorrelation
      if case .probit(_, let r, _) = links.defaults { rho = r }
      let opening = model.openingBalances[s]
      let exposure = try? VasicekExposure(
        name: segment.description, exposureYuan: Double(opening.fen) / 100,
        model: VasicekModel(
          probabilityOfDefault: links.defaults.base, correlation: min(rho, 0.999)),
        lossGivenDefault: links.severity.base)
      if let exposure { exposures.append(exposure) }
      let pd = simulation.map { $0.segmentColumn($0.segmentDefaultRate, s) }
      figures.append(
        SegmentFigures(
          segment: segment, loans: model.loans[s], openingBalance: opening, links: links,
          base: base,
          meanDefaultRate: pd?.mean.value ?? base.defaultRate,
          defaultRate99: pd?.quantile(0.99).value ?? base.defaultRate,
          meanPrepaymentRate: simulation.map {
            $0.segmentColumn($0.segmentPrepaymentRate, s).mean.value
          } ?? base.prepaymentRate,
          meanLossYuan: simulation.map { $0.segmentColumn($0.segmentLossYuan, s).mean.value } ?? 0,
          shortfallContributionYuan: contributions?[s] ?? 0,
          asrf: exposure.map { e in
            (try? VasicekPortfolio(exposures: [e], confidence: BaselIRB.confidence))!.figures(0)
          }
            ?? VasicekFigures(
              exposureYuan: 0, expectedLossYuan: 0, lossQuantileYuan: 0, expectedShortfallYuan: 0,
              standardDeviationYuan: 0, capitalYuan: 0, riskWeightedAssetsYuan: 0)))
    }
    segments = figures
    asrfBook =
      exposures.count == model.segments.count
      ? (try? VasicekPortfolio(exposures: exposures, confidence: BaselIRB.confidence))?.book : nil
  }
}
