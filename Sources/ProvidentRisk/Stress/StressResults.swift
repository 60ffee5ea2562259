// What a stress run produces: deterministic scenarios' flows, and Monte Carlo paths.
import ProvidentPortfolio

/// One deterministic factor scenario projected.
public struct StressScenarioResult: Hashable, Sendable {
  public var scenario: FactorScenario
  /// Each segment's annual rates and loss given default in the shock window.
  public var rates: [LinkedRates]
  public var book: FlowSeries
  public var segments: [SegmentFlows]
}

/// A Monte Carlo stress run: per path the factor values, the book's totals over the projection
/// (losses include those booked after the horizon for defaults within it), and each segment's
/// rates and loss. Amounts in yuan (analytics: floating point).
public struct StressSimulation: Sendable {
  public let paths: Range<Int>
  public let seed: UInt64
  public let factors: MacroFactors
  public let segments: [Segment]
  /// Factor values, path-major: `factorValues[i·k + j]` is factor `j` on the `i`-th path.
  public let factorValues: [Double]
  public let lossYuan: PathSample
  public let defaultsYuan: PathSample
  public let prepaymentYuan: PathSample
  public let interestYuan: PathSample
  /// Path-major `paths × segments`.
  public let segmentLossYuan: [Double]
  /// Annual default rates in the shock window, path-major.
  public let segmentDefaultRate: [Double]
  /// Annual prepayment rates in the shock window, path-major.
  public let segmentPrepaymentRate: [Double]

  init(
    paths: Range<Int>, seed: UInt64, factors: MacroFactors, segments: [Segment],
    buffers: _StressBuffers
  ) {
    self.paths = paths
    self.seed = seed
    self.factors = factors
    self.segments = segments
    factorValues = Array(buffers.factorValues.prefix(paths.count * factors.count))
    lossYuan = PathSample(Array(buffers.loss.prefix(paths.count)))
    defaultsYuan = PathSample(Array(buffers.defaults.prefix(paths.count)))
    prepaymentYuan = PathSample(Array(buffers.prepayment.prefix(paths.count)))
    interestYuan = PathSample(Array(buffers.interest.prefix(paths.count)))
    let n = paths.count * segments.count
    segmentLossYuan = Array(buffers.segmentLoss.prefix(n))
    segmentDefaultRate = Array(buffers.segmentDefaultRate.prefix(n))
    segmentPrepaymentRate = Array(buffers.segmentPrepaymentRate.prefix(n))
  }

  /// One segment's values across paths.
  public func segmentColumn(_ values: [Double], _ s: Int) -> PathSample {
    let n = segments.count
    return PathSample(stride(from: s, to: values.count, by: n).map { values[$0] })
  }

  /// Each segment's mean loss over the paths where the book's loss is at or above its
  /// `q`-quantile: the segments' contributions to the book's expected shortfall (they add up to
  /// it).
  public func shortfallContributions(_ q: Double) -> [Double] {
    let n = segments.count
    let threshold = lossYuan.quantile(q).value
    var sums = [Double](repeating: 0, count: n)
    var tail = 0
    for i in 0..<lossYuan.count where lossYuan.values[i] >= threshold {
      tail += 1
      for s in 0..<n { sums[s] += segmentLossYuan[i * n + s] }
    }
    return sums.map { $0 / Double(max(tail, 1)) }
  }

  /// The sample correlation matrix of the factors (row-major), for checking the draws.
  public func factorCorrelation() -> [Double] {
    let k = factors.count
    let m = Double(paths.count)
    var mean = [Double](repeating: 0, count: k)
    for i in 0..<paths.count { for j in 0..<k { mean[j] += factorValues[i * k + j] } }
    for j in 0..<k { mean[j] /= m }
    var c = [Double](repeating: 0, count: k * k)
    for i in 0..<paths.count {
      for a in 0..<k {
        let da = factorValues[i * k + a] - mean[a]
        for b in 0..<k { c[a * k + b] += da * (factorValues[i * k + b] - mean[b]) }
      }
    }
    return (0..<(k * k)).map { idx in
      let a = idx / k
      let b = idx % k
      let d = (c[a * k + a] * c[b * k + b]).squareRoot()
      return d > 0 ? c[idx] / d : (a == b ? 1 : 0)
    }
  }
}
