// What a Monte Carlo run knows about a quantity: its mean, quantiles and expected shortfall, each
// with a confidence interval.
import RealModule

/// An estimate with its standard error and a 95 % confidence interval.
public struct Estimate: Hashable, Sendable {
  /// The level of a quantile or expected shortfall (nil for a mean).
  public var level: Double?
  public var value: Double
  public var standardError: Double
  public var lower: Double
  public var upper: Double
}

/// One value per Monte Carlo path (a loss, a prepaid amount, a default rate), and the statistics
/// across paths.
///
/// - Mean: the sample mean; standard error `s/√M`; interval `± 1.96 SE`.
/// - Quantile at level q: the order statistic `x₍⌈Mq⌉₎` (the inverse of the empirical CDF). Its
///   95 % interval is distribution-free: the order statistics of ranks `Mq ∓ 1.96·√(Mq(1−q))`,
///   which cover the true quantile with about 95 % probability whatever the distribution; the
///   standard error is the interval's half-width over 1.96 (docs/risk-models.md §2.3's
///   `√(q(1−q)/M) / f(x_q)` without needing the density `f`).
/// - Expected shortfall at level q: the mean of the values from `x₍⌈Mq⌉₎` up, with the asymptotic
///   standard error `√((Var(tail) + q·(ES − VaR)²) / (M(1−q)))`. Never below the quantile.
public struct PathSample: Hashable, Sendable {
  /// The values in path order.
  public let values: [Double]
  /// The values in increasing order.
  public let sorted: [Double]

  /// The two-sided 95 % normal quantile.
  public static let z95 = 1.959_963_984_540_054

  public init(_ values: [Double]) {
    self.values = values
    sorted = values.sorted()
  }

  public var count: Int { values.count }

  /// The mean with its standard error and 95 % interval.
  public var mean: Estimate {
    let n = Double(max(count, 1))
    // Two passes: the mean, then squared deviations (no cancellation).
    var sum = 0.0
    for v in values { sum += v }
    let mean = sum / n
    var squares = 0.0
    for v in values { squares += (v - mean) * (v - mean) }
    let se = count > 1 ? (squares / (n - 1) / n).squareRoot() : 0
    return Estimate(
      level: nil, value: mean, standardError: se, lower: mean - Self.z95 * se,
      upper: mean + Self.z95 * se)
  }

  /// The sample standard deviation.
  public var standardDeviation: Double { mean.standardError * Double(max(count, 1)).squareRoot() }

  /// The `q`-quantile with its distribution-free 95 % interval.
  public func quantile(_ q: Double) -> Estimate {
    let m = Double(count)
    let rank = min(count, max(1, Int((m * q).rounded(.up))))
    let spread = Self.z95 * (m * q * (1 - q)).squareRoot()
    let low = min(count, max(1, Int((m * q - spread).rounded(.down))))
    let high = min(count, max(1, Int((m * q + spread).rounded(.up)) + 1))
    let lower = sorted[low - 1]
    let upper = sorted[high - 1]
    return Estimate(
      level: q, value: sorted[rank - 1], standardError: (upper - lower) / (2 * Self.z95),
      lower: lower,
      upper: upper)
  }

  /// Expected shortfall at level `q`: the mean of the worst `1 − q` of the paths.
  public func expectedShortfall(_ q: Double) -> Estimate {
    let m = Double(count)
    let rank = min(count, max(1, Int((m * q).rounded(.up))))
    let tail = sorted[(rank - 1)...]
    let n = Double(tail.count)
    var sum = 0.0
    for v in tail { sum += v }
    let es = sum / n
    var squares = 0.0
    for v in tail { squares += (v - es) * (v - es) }
    let variance = tail.count > 1 ? squares / (n - 1) : 0
    let gap = es - sorted[rank - 1]
    let se = ((variance + q * gap * gap) / (m * max(1 - q, 1 / m))).squareRoot()
    return Estimate(
      level: q, value: es, standardError: se, lower: es - Self.z95 * se, upper: es + Self.z95 * se)
  }

  /// The share of paths at or below `x`.
  public func cdf(_ x: Double) -> Double {
    var lo = 0
    var hi = count
    while lo < hi {
      let mid = (lo + hi) / 2
      if sorted[mid] <= x { lo = mid + 1 } else { hi = mid }
    }
    return Double(lo) / Double(max(count, 1))
  }

  /// Counts of paths in `bins` equal bins from the smallest to the largest value (the last bin
  /// closed): `(lower edge, upper edge, paths)`.
  public func histogram(bins: Int) -> [(lower: Double, upper: Double, paths: Int)] {
    guard let first = sorted.first, let last = sorted.last, bins > 0 else { return [] }
    let width = last > first ? (last - first) / Double(bins) : 1
    var counts = [Int](repeating: 0, count: bins)
    for v in sorted { counts[min(bins - 1, Int((v - first) / width))] += 1 }
    return (0..<bins).map {
      (first + Double($0) * width, first + Double($0 + 1) * width, counts[$0])
    }
  }
}
