// Vasicek/ASRF figures per segment and for a book of segments driven by the same factor.

/// One segment's exposure to the single factor: how much, how likely to default, how much lost.
public struct VasicekExposure: Hashable, Sendable {
  public var name: String
  /// Exposure at default, in yuan (analytics: floating point).
  public var exposureYuan: Double
  public var model: VasicekModel
  /// Loss given default, in [0, 1].
  public var lossGivenDefault: Double

  public init(name: String, exposureYuan: Double, model: VasicekModel, lossGivenDefault: Double)
    throws(RiskInputError)
  {
    guard exposureYuan.isFinite, exposureYuan >= 0 else {
      throw RiskInputError("exposure of \(name) must be at least 0 (got \(exposureYuan))")
    }
    guard lossGivenDefault.isFinite, lossGivenDefault >= 0, lossGivenDefault <= 1 else {
      throw RiskInputError("lgd of \(name) must be between 0 and 1 (got \(lossGivenDefault))")
    }
    self.name = name
    self.exposureYuan = exposureYuan
    self.model = model
    self.lossGivenDefault = lossGivenDefault
  }

  /// Loss per unit default rate: `EAD · LGD`.
  var weight: Double { exposureYuan * lossGivenDefault }
}

/// What the closed forms give for a segment or a book, in yuan (rates are these over the exposure).
public struct VasicekFigures: Hashable, Sendable {
  public var exposureYuan: Double
  /// `EAD · LGD · PD`.
  public var expectedLossYuan: Double
  /// The loss quantile `EAD · LGD · x_q` (value at risk at level q).
  public var lossQuantileYuan: Double
  /// `EAD · LGD · ES_q`.
  public var expectedShortfallYuan: Double
  /// The standard deviation of the loss.
  public var standardDeviationYuan: Double
  /// Basel IRB capital `K · EAD` (99.9 %, the segment's ρ).
  public var capitalYuan: Double
  /// Risk-weighted assets `12.5 · K · EAD`.
  public var riskWeightedAssetsYuan: Double

  /// `12.5 · K` as a fraction of exposure (0 for no exposure).
  public var riskWeight: Double {
    exposureYuan > 0 ? riskWeightedAssetsYuan / exposureYuan : 0
  }
}

/// Segments that share the single systematic factor `Y` (Basel's ASRF assumption).
///
/// Every segment's loss `wₛ · pₛ(Y)` falls as `Y` rises, so the book's loss is comonotone in its
/// segments: its quantile and expected shortfall are the sums of the segments' (Basel's portfolio
/// invariance), and its distribution function is
/// ```
///   P(L ≤ ℓ) = N(−y*),    Σₛ wₛ · pₛ(y*) = ℓ,   wₛ = EADₛ · LGDₛ
/// ```
/// with `y*` found by bisection. The variance adds the covariances
/// `wₛ wₜ (Φ₂(G(PDₛ), G(PDₜ); √(ρₛρₜ)) − PDₛ PDₜ)`.
public struct VasicekPortfolio: Hashable, Sendable {
  public let exposures: [VasicekExposure]
  /// The confidence level of the quantile and expected shortfall, in (0, 1).
  public let confidence: Double

  public init(exposures: [VasicekExposure], confidence: Double) throws(RiskInputError) {
    try RiskInputError.check(confidence, "q", open: 0...1)
    self.exposures = exposures
    self.confidence = confidence
  }

  /// Figures of segment `i`.
  public func figures(_ i: Int) -> VasicekFigures {
    let e = exposures[i]
    let w = e.weight
    let m = e.model
    let k = e.lossGivenDefault * (m.quantile(BaselIRB.confidence) - m.probabilityOfDefault)
    return VasicekFigures(
      exposureYuan: e.exposureYuan, expectedLossYuan: w * m.probabilityOfDefault,
      lossQuantileYuan: w * m.quantile(confidence),
      expectedShortfallYuan: w * m.expectedShortfall(confidence),
      standardDeviationYuan: w * m.standardDeviation, capitalYuan: k * e.exposureYuan,
      riskWeightedAssetsYuan: 12.5 * k * e.exposureYuan)
  }

  /// Figures of the whole book: sums of the segments', and the standard deviation with the
  /// cross-segment covariances.
  public var book: VasicekFigures {
    var total = VasicekFigures(
      exposureYuan: 0, expectedLossYuan: 0, lossQuantileYuan: 0, expectedShortfallYuan: 0,
      standardDeviationYuan: 0, capitalYuan: 0, riskWeightedAssetsYuan: 0)
    for i in exposures.indices {
      let f = figures(i)
      total.exposureYuan += f.exposureYuan
      total.expectedLossYuan += f.expectedLossYuan
      total.lossQuantileYuan += f.lossQuantileYuan
      total.expectedShortfallYuan += f.expectedShortfallYuan
      total.capitalYuan += f.capitalYuan
      total.riskWeightedAssetsYuan += f.riskWeightedAssetsYuan
    }
    var variance = 0.0
    for s in exposures.indices {
      for t in exposures.indices {
        let a = exposures[s]
        let b = exposures[t]
        let pa = a.model.probabilityOfDefault
        let pb = b.model.probabilityOfDefault
        let joint = Normal.bivariateCDF(
          a.model.threshold, b.model.threshold,
          correlation: (a.model.correlation * b.model.correlation).squareRoot())
        variance += a.weight * b.weight * (joint - pa * pb)
      }
    }
    total.standardDeviationYuan = max(variance, 0).squareRoot()
    return total
  }

  /// The book's loss for factor value `y`: `Σ wₛ pₛ(y)`.
  public func loss(factor y: Double) -> Double {
    exposures.reduce(0) { $0 + $1.weight * $1.model.conditionalDefaultRate(factor: y) }
  }

  /// `P(book loss ≤ lossYuan)`.
  public func cdf(lossYuan: Double) -> Double {
    let maximum = exposures.reduce(0) { $0 + $1.weight }
    if lossYuan <= 0 { return 0 }
    if lossYuan >= maximum { return 1 }
    // loss(y) falls from `maximum` to 0 as y rises: bisect for loss(y*) = ℓ.
    var lo = -40.0
    var hi = 40.0
    for _ in 0..<200 {
      let mid = (lo + hi) / 2
      if loss(factor: mid) > lossYuan { lo = mid } else { hi = mid }
      if hi - lo < 1e-13 { break }
    }
    return Normal.cdf(-(lo + hi) / 2)
  }

  /// The book's loss distribution on `points` equally spaced losses from 0 to `upToYuan`:
  /// `(loss, P(L ≤ loss))`.
  public func cdfGrid(points: Int, upToYuan: Double) -> [(lossYuan: Double, probability: Double)] {
    guard points >= 2 else { return [] }
    return (0..<points).map { i in
      let x = upToYuan * Double(i) / Double(points - 1)
      return (x, cdf(lossYuan: x))
    }
  }
}
