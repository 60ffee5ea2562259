// Correlated macro Monte Carlo over a loan book's segments: factors → links → projection.
import ProvidentCore
import ProvidentPortfolio

/// A loan book prepared for macro stress: its segments as rep lines, each with its links.
///
/// A run draws factor values `x = μ + σ ⊙ (Z·Lᵀ)` per path (``MacroFactors``), evaluates every
/// segment's links at `x` for the shock window (``FactorFile/shockMonths``; afterwards the
/// links at the means), and projects each segment's rep line with those rates: default, interest,
/// prepayment and loss per path. Deterministic scenarios are the same run at given `x`.
public struct StressModel: Sendable {
  public let factors: MacroFactors
  /// Months the factor values act; nil: every month.
  public let shockMonths: Int?
  public let segments: [Segment]
  /// Loans in each segment.
  public let loans: [Int]
  /// Each segment's links.
  public let links: [SegmentLinks]
  public let asOf: LocalDate?
  let lines: _RepLines
  /// Each segment's rates at the factor means.
  let base: [_MonthlyRates]

  /// Prepares `book` for stress runs: one loan-level projection (fast kernel) per call, then
  /// every path costs O(segments × months).
  ///
  /// - Throws: `ProjectionError` as ``LoanBook/project(_:options:)`` does.
  public init(
    book: LoanBook, factors: MacroFactors, shockMonths: Int?, links: LinkFile,
    tables: RateTables = .bundled, threads: Int? = nil
  ) throws(ProjectionError) {
    lines = try _RepLines(
      book: book, rates: links.rates, tables: tables, segmentation: links.segmentation,
      horizonMonths: links.horizonMonths, defaultAfterOverdue: links.defaultAfterOverdue,
      threads: _Parallel.threads(threads))
    self.factors = factors
    self.shockMonths = shockMonths
    segments = lines.segments
    loans = lines.loans
    self.links = lines.segments.map { links.links(for: $0) }
    asOf = book.asOf
    base = self.links.map { _MonthlyRates(factors.rates($0, at: factors.means)) }
  }

  /// Months projected (before the recovery lag).
  public var months: Int { lines.months }
  /// The shock window in months.
  var window: Int { min(shockMonths ?? lines.months, lines.months) }

  /// Each segment's balance at the as-of date.
  public var openingBalances: [Money] { lines.opening.map { Money(fen: $0) } }

  // MARK: - Deterministic scenarios

  /// Projects the book with every segment's links at factor values `scenario.values` during the
  /// shock window: monthly flows for the book and each segment, and the rates used.
  public func project(_ scenario: FactorScenario) -> StressScenarioResult {
    let rates = links.map { factors.rates($0, at: scenario.values) }
    let lag = links.map(\.recoveryLagMonths).max() ?? 0
    let months = lines.months > 0 ? lines.months + lag : 0
    var book = _SeriesBuilder(months: months, horizon: lines.months, exact: false)
    var segmentFlows: [SegmentFlows] = []
    for s in segments.indices {
      let builder = flows(segment: s, shock: _MonthlyRates(rates[s]), months: months)
      book.add(builder)
      segmentFlows.append(
        SegmentFlows(segment: segments[s], loans: loans[s], flows: builder.series()))
    }
    return StressScenarioResult(
      scenario: scenario, rates: rates, book: book.series(), segments: segmentFlows)
  }

  /// One segment's monthly flows (the rep line under the shock, then the base rates).
  func flows(segment s: Int, shock: _MonthlyRates, months: Int) -> _SeriesBuilder {
    var out = _SeriesBuilder(months: months, horizon: lines.months, exact: false)
    out.loans = loans[s]
    out.opening = lines.opening[s]
    let lag = links[s].recoveryLagMonths
    let b = lines.balance[s]
    let w = _Flow.count
    var survival = 1.0
    let atStart = lines.defaultedAtStart[s]
    if lines.months > 0 {
      out.amounts[_Flow.defaults] += atStart
      out.amounts[lag * w + _Flow.loss] += shock.severity * atStart
    }
    for t in 1...max(lines.months, 1) where lines.months > 0 {
      let r = t <= window ? shock : base[s]
      let defaulted = survival * r.defaults * b[t - 1]
      let performing = survival * (1 - r.defaults)
      let row = (t - 1) * w
      out.amounts[row + _Flow.defaults] += defaulted
      out.amounts[row + _Flow.interest] += performing * lines.interest[s][t - 1]
      out.amounts[row + _Flow.scheduled] += performing * lines.scheduled[s][t - 1]
      out.amounts[row + _Flow.prepayment] += performing * r.prepayment * b[t]
      survival = performing * (1 - r.prepayment)
      out.amounts[row + _Flow.balance] += survival * b[t]
      out.amounts[(t - 1 + lag) * w + _Flow.loss] += r.severity * defaulted
      out.active[t - 1] = survival * lines.active[s][t - 1]
    }
    return out
  }

  // MARK: - Monte Carlo

  /// Runs paths `paths` with `seed`: per path the factor values, each segment's rates and loss,
  /// and the book's loss, defaults, prepayment and interest.
  ///
  /// Paths run in blocks of 64 on `threads` workers (nil: one per core); each path draws its `k`
  /// normals from its own stream (seed and path index), and a block's correlated draws are one
  /// `dgemm` over the block's 64 aligned rows, so every path's numbers are identical for any thread
  /// count and any split of the paths. OpenBLAS is kept to one thread meanwhile.
  ///
  /// - Complexity: O(paths × segments × months).
  public func simulate(
    paths: Range<Int>, seed: UInt64, threads: Int? = nil,
    progress: (@Sendable (Double) -> Void)? = nil
  ) -> StressSimulation {
    let k = factors.count
    let segmentCount = segments.count
    let count = paths.count
    let block = 64
    let firstBlock = paths.lowerBound / block
    let lastBlock = (paths.upperBound + block - 1) / block
    let blocks = max(0, lastBlock - firstBlock)
    let buffers = _StressBuffers(paths: count, factors: k, segments: segmentCount)
    let counter = _ProgressCounter(total: blocks, report: progress)
    let model = self
    _BLASThreads.single {
      _Parallel.forEach(blocks, threads: _Parallel.threads(threads)) { _, b in
        let start = (firstBlock + b) * block
        model.runBlock(
          start: start, size: block, keep: paths, seed: seed, buffers: buffers)
        counter.tick()
      }
    }
    return StressSimulation(
      paths: paths, seed: seed, factors: factors, segments: segments, buffers: buffers)
  }

  /// Paths `start..<start + size` (those inside `keep` are stored).
  func runBlock(start: Int, size: Int, keep: Range<Int>, seed: UInt64, buffers: _StressBuffers) {
    let k = factors.count
    var z = [Double](repeating: 0, count: size * k)
    for p in 0..<size {
      var stream = _PathStream(seed: seed, path: start + p)
      for j in 0..<k { z[p * k + j] = stream.normal() }
    }
    var x = [Double](repeating: 0, count: size * k)
    factors.correlate(z, rows: size, into: &x)
    for p in 0..<size {
      for j in 0..<k {
        let f = factors.factors[j]
        x[p * k + j] = f.mean + f.volatility * x[p * k + j]
      }
    }
    let window = self.window
    let lanes = 8
    var shock = [_MonthlyRates](repeating: _MonthlyRates(), count: size)
    var totals = [Double](repeating: 0, count: size * 4)  // loss, defaults, prepayment, interest
    x.withUnsafeBufferPointer { xp in
      for s in segments.indices {
        for p in 0..<size {
          shock[p] = _MonthlyRates(factors.rates(links[s], at: xp.baseAddress! + p * k))
        }
        let b = lines.balance[s]
        let interest = lines.interest[s]
        let baseRates = base[s]
        var g = 0
        while g < size {
          var md = SIMD8<Double>()
          var sp = SIMD8<Double>()
          for l in 0..<lanes {
            md[l] = shock[g + l].defaults
            sp[l] = shock[g + l].prepayment
          }
          var survival = SIMD8<Double>(repeating: 1)
          var defaultedShock = SIMD8<Double>(repeating: lines.defaultedAtStart[s])
          var sumInterest = SIMD8<Double>()
          var sumPrepaid = SIMD8<Double>()
          for t in 1...max(window, 1) where window > 0 {
            let performing = survival * (1 - md)
            defaultedShock += survival * md * b[t - 1]
            sumInterest += performing * interest[t - 1]
            sumPrepaid += performing * sp * b[t]
            survival = performing * (1 - sp)
          }
          var defaultedBase = SIMD8<Double>()
          if window < lines.months {
            let mb = baseRates.defaults
            let sb = baseRates.prepayment
            for t in (window + 1)...lines.months {
              let performing = survival * (1 - mb)
              defaultedBase += survival * mb * b[t - 1]
              sumInterest += performing * interest[t - 1]
              sumPrepaid += performing * sb * b[t]
              survival = performing * (1 - sb)
            }
          }
          for l in 0..<lanes {
            let p = g + l
            let loss = shock[p].severity * defaultedShock[l] + baseRates.severity * defaultedBase[l]
            totals[p * 4] += loss
            totals[p * 4 + 1] += defaultedShock[l] + defaultedBase[l]
            totals[p * 4 + 2] += sumPrepaid[l]
            totals[p * 4 + 3] += sumInterest[l]
            let path = start + p
            if keep.contains(path) {
              let i = path - keep.lowerBound
              buffers.segmentLoss[i * segments.count + s] = loss / 100
              buffers.segmentDefaultRate[i * segments.count + s] = shock[p].annualDefaults
              buffers.segmentPrepaymentRate[i * segments.count + s] = shock[p].annualPrepayment
            }
          }
          g += lanes
        }
      }
    }
    for p in 0..<size where keep.contains(start + p) {
      let i = start + p - keep.lowerBound
      for j in 0..<k { buffers.factorValues[i * k + j] = x[p * k + j] }
      buffers.loss[i] = totals[p * 4] / 100
      buffers.defaults[i] = totals[p * 4 + 1] / 100
      buffers.prepayment[i] = totals[p * 4 + 2] / 100
      buffers.interest[i] = totals[p * 4 + 3] / 100
    }
  }
}

/// A segment's single-month rates and loss given default.
struct _MonthlyRates: Sendable {
  var defaults = 0.0
  var prepayment = 0.0
  var severity = 0.0
  var annualDefaults = 0.0
  var annualPrepayment = 0.0

  init() {}
  init(_ r: LinkedRates) {
    defaults = ConditionalRate.monthly(annual: r.defaultRate)
    prepayment = ConditionalRate.monthly(annual: r.prepaymentRate)
    severity = r.severity
    annualDefaults = r.defaultRate
    annualPrepayment = r.prepaymentRate
  }
}

/// Where the workers write each path's results (each path its own slots).
final class _StressBuffers: @unchecked Sendable {
  var factorValues: UnsafeMutableBufferPointer<Double>
  var loss: UnsafeMutableBufferPointer<Double>
  var defaults: UnsafeMutableBufferPointer<Double>
  var prepayment: UnsafeMutableBufferPointer<Double>
  var interest: UnsafeMutableBufferPointer<Double>
  var segmentLoss: UnsafeMutableBufferPointer<Double>
  var segmentDefaultRate: UnsafeMutableBufferPointer<Double>
  var segmentPrepaymentRate: UnsafeMutableBufferPointer<Double>

  init(paths: Int, factors: Int, segments: Int) {
    func make(_ n: Int) -> UnsafeMutableBufferPointer<Double> {
      let p = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(n, 1))
      p.initialize(repeating: 0)
      return p
    }
    factorValues = make(paths * factors)
    loss = make(paths)
    defaults = make(paths)
    prepayment = make(paths)
    interest = make(paths)
    segmentLoss = make(paths * segments)
    segmentDefaultRate = make(paths * segments)
    segmentPrepaymentRate = make(paths * segments)
  }

  deinit {
    for p in [
      factorValues, loss, defaults, prepayment, interest, segmentLoss, segmentDefaultRate,
      segmentPrepaymentRate,
    ] { p.deallocate() }
  }
}
