// Everything `gjj risk vasicek` reports: closed forms, Basel capital, the loss distribution on a
// grid, and optionally a Monte Carlo check with its standard error.

/// The single-factor model's figures for one pool, with an optional Monte Carlo check.
public struct VasicekAnalysis: Sendable {
  public let model: VasicekModel
  public let lossGivenDefault: Double
  public let confidence: Double
  /// `LGD · PD`, as a fraction of exposure.
  public let expectedLoss: Double
  /// `LGD · x_q`.
  public let lossQuantile: Double
  /// `LGD · ES_q`.
  public let expectedShortfall: Double
  /// `LGD · sd(L)`.
  public let standardDeviation: Double
  /// Basel IRB `K` at 99.9 % with the model's ρ, and the risk weight `12.5 · K`.
  public let capital: Double
  public let riskWeight: Double
  /// The loss rate's distribution on a grid from 0 to the 99.99 % quantile: `(loss, F, density)`.
  public let grid: [(loss: Double, probability: Double, density: Double)]
  public let simulation: Simulation?

  /// The Monte Carlo check.
  public struct Simulation: Sendable {
    public let loans: Int?
    public let paths: Int
    public let seed: UInt64
    public let mean: Estimate
    public let quantile: Estimate
    public let expectedShortfall: Estimate
    /// `(MC − closed form) / SE` of the quantile, against the large-pool closed form (or the
    /// exact finite-pool quantile when `loans` is given).
    public let quantileDeviation: Double
    /// The exact `q`-quantile of the finite pool by quadrature (nil for a large pool).
    public let finitePoolQuantile: Double?
    /// `finitePoolQuantile − lossQuantile`: the granularity add-on.
    public let granularityGap: Double?
    /// The simulated loss rate's share at or below each grid point.
    public let empiricalCDF: [Double]
    public let histogram: [(lower: Double, upper: Double, paths: Int)]
  }

  public init(
    model: VasicekModel, lossGivenDefault: Double, confidence: Double,
    simulation: (loans: Int?, paths: Int, seed: UInt64)? = nil, threads: Int? = nil,
    progress: (@Sendable (Double) -> Void)? = nil
  ) throws(RiskInputError) {
    try RiskInputError.check(confidence, "q", open: 0...1)
    guard lossGivenDefault.isFinite, lossGivenDefault >= 0, lossGivenDefault <= 1 else {
      throw RiskInputError("lgd must be between 0 and 1 (got \(lossGivenDefault))")
    }
    self.model = model
    self.lossGivenDefault = lossGivenDefault
    self.confidence = confidence
    let lgd = lossGivenDefault
    expectedLoss = lgd * model.probabilityOfDefault
    lossQuantile = lgd * model.quantile(confidence)
    expectedShortfall = lgd * model.expectedShortfall(confidence)
    standardDeviation = lgd * model.standardDeviation
    capital = lgd * (model.quantile(BaselIRB.confidence) - model.probabilityOfDefault)
    riskWeight = 12.5 * capital
    let top = model.quantile(0.9999)
    let points = 101
    let grid = (0..<points).map { i -> (Double, Double, Double) in
      let x = top * Double(i) / Double(points - 1)
      return (lgd * x, model.cdf(x), lgd > 0 ? model.density(x) / lgd : 0)
    }
    self.grid = grid
    guard let request = simulation else {
      self.simulation = nil
      return
    }
    guard request.paths >= 100 else {
      throw RiskInputError("paths must be at least 100 (got \(request.paths))")
    }
    let run = try VasicekSimulation(
      model: model, lossGivenDefault: lgd, loans: request.loans, seed: request.seed)
    let sample = run.run(paths: 0..<request.paths, threads: threads, progress: progress)
    let q = sample.quantile(confidence)
    let finite = request.loans.map { lgd * model.finitePoolQuantile(confidence, loans: $0) }
    let reference = finite ?? lgd * model.quantile(confidence)
    let large = lgd * model.quantile(confidence)
    self.simulation = Simulation(
      loans: request.loans, paths: request.paths, seed: request.seed, mean: sample.mean,
      quantile: q, expectedShortfall: sample.expectedShortfall(confidence),
      quantileDeviation: q.standardError > 0 ? (q.value - reference) / q.standardError : 0,
      finitePoolQuantile: finite, granularityGap: finite.map { $0 - large },
      empiricalCDF: grid.map { sample.cdf($0.0) }, histogram: sample.histogram(bins: 20))
  }
}
