// Projecting cohorts through the transition matrices, month by month, with CBLAS dgemm.
import ProvidentPortfolio

/// How a delinquency projection runs.
public struct DelinquencyOptions: Sendable {
  /// The month before projection month 1 (the book's as-of month); needed for calendar windows.
  public var start: CalendarMonth?
  /// Worker threads; nil: one per active core when segments share matrices, one when most
  /// segments have their own. Results do not depend on it.
  ///
  /// Each segment with its own matrix costs one small `dgemm` a month, and OpenBLAS takes a
  /// global lock for its work buffer on every call: two threads making such calls ran slower than
  /// one here (1,000 segments × 360 months: 185 ms on one thread, 283 ms on two), while segments
  /// sharing a matrix go through one large call per chunk and scale (141 → 80 ms).
  public var threads: Int?
  /// Keep each segment's series (the book's is always there).
  public var keepSegments: Bool

  public init(start: CalendarMonth? = nil, threads: Int? = nil, keepSegments: Bool = true) {
    self.start = start
    self.threads = threads
    self.keepSegments = keepSegments
  }
}

extension DelinquencyModel {
  /// Projects each cohort month by month under each scenario (docs/risk-models.md §1.3–1.4).
  ///
  /// Each cohort carries loans and balances by cumulative overdue count `c` (rows) and state
  /// (columns). In month `t`, with `P` its segment's matrix for `t` scaled by the month's stress:
  /// ```
  ///   X ← X · P                           (one dgemm for every run of segments sharing P)
  ///   scheduled = α_t · Σ_c B[c, C]        current loans amortise: B[·, C] ← (1 − α_t) · B[·, C]
  ///               + α_t · (balance into P)  a loan repaying in full pays its installment first
  ///   counts    : a loan ending the month in an overdue bucket moves from row c to c + 1 (≤ B)
  ///   loss      = severity · (balance moving into W)
  /// ```
  /// Overdue loans keep their balance (arrears accrue; principal does not fall); `W` and `P` keep
  /// what flows into them, so `Σ balances + Σ scheduled = opening`. With forbearance a second,
  /// reported chain runs on the frozen matrix inside the windows.
  ///
  /// Cohorts are ordered by matrix and cut into chunks of at most 32 segments; chunks run on all
  /// cores, each over all months, and the book is summed in cohort order: results do not depend
  /// on the thread count.
  ///
  /// - Throws: `RiskInputError` when a stress multiplier is impossible for a segment's matrix in
  ///   some month (naming scenario, segment, month and row), a stress names an unknown segment
  ///   column, a calendar window has no start month, or the cohorts do not fit the model.
  /// - Complexity: O(scenarios × months × cohorts × (B + 1) × S²).
  public func project(
    _ cohorts: [DelinquencyCohort], scenarios: [DelinquencyScenario],
    options: DelinquencyOptions = .init()
  ) throws(RiskInputError) -> DelinquencyProjection {
    let s = states.count
    let threshold = cohorts.first?.blacklistThreshold ?? 6
    for c in cohorts where c.stateCount != s || c.blacklistThreshold != threshold {
      throw RiskInputError(
        "the cohorts must all have the model's \(s) states and one blacklist threshold")
    }
    for s in scenarios where s.prepayment?.dependsOnAge == true {
      throw RiskInputError(
        "scenario \(s.name): a CPR ramp by loan age needs ages, which cohorts do not keep: give cpr as a constant or a list by month"
      )
    }
    let sources = [pooled] + segments
    var sourceOf = [Int](repeating: 0, count: cohorts.count)
    var pooledSegments: [[String]] = []
    for (g, c) in cohorts.enumerated() {
      if let i = segments.firstIndex(where: { $0.keys == c.keys }) {
        sourceOf[g] = i + 1
      } else if !segments.isEmpty {
        pooledSegments.append(c.keys)
      }
    }
    let order = cohorts.indices.sorted { (sourceOf[$0], $0) < (sourceOf[$1], $1) }
    let matrices = Set(sourceOf).count
    let threads =
      options.threads.map { _Parallel.threads($0) }
      ?? (matrices * 4 > cohorts.count ? 1 : _Parallel.threads(nil))
    let context = _RollContext(
      states: states, threshold: threshold, sources: sources, sourceOf: sourceOf, order: order,
      cohorts: cohorts, threads: threads)
    var runs: [DelinquencyRun] = []
    for scenario in scenarios {
      let own = scenario.prepayment.map { curve in
        _RollContext(
          states: states, threshold: threshold,
          sources: sources.map { $0.withPrepayment(curve, states: states) }, sourceOf: sourceOf,
          order: order, cohorts: cohorts, threads: threads)
      }
      runs.append(
        try (own ?? context).run(
          scenario, start: options.start, segmentColumns: segmentColumns,
          keepSegments: options.keepSegments))
    }
    return DelinquencyProjection(
      states: states, blacklistThreshold: threshold, start: options.start,
      pooledSegments: pooledSegments, segmentColumns: segmentColumns, runs: runs)
  }
}

/// Everything a run needs that does not depend on the scenario.
struct _RollContext: Sendable {
  let states: DelinquencyStates
  let threshold: Int
  let sources: [SegmentMatrices]
  /// Where each source's matrices start in `data`: month t's is at `firstOffset + index·S²`.
  let firstOffset: [Int]
  let pathCount: [Int]
  let data: [Double]
  let sourceOf: [Int]
  let order: [Int]
  let cohorts: [DelinquencyCohort]
  let threads: Int

  /// Lays the sources' matrices out in one buffer: the pool, then each segment, each its path
  /// then its base.
  init(
    states: DelinquencyStates, threshold: Int, sources: [SegmentMatrices], sourceOf: [Int],
    order: [Int], cohorts: [DelinquencyCohort], threads: Int
  ) {
    var firstOffset: [Int] = []
    var data: [Double] = []
    for m in sources {
      firstOffset.append(data.count)
      for p in m.path { data += p.entries }
      data += m.base.entries
    }
    self.states = states
    self.threshold = threshold
    self.sources = sources
    self.firstOffset = firstOffset
    self.pathCount = sources.map(\.path.count)
    self.data = data
    self.sourceOf = sourceOf
    self.order = order
    self.cohorts = cohorts
    self.threads = threads
  }

  static let chunkSize = 32

  func run(
    _ scenario: DelinquencyScenario, start: CalendarMonth?, segmentColumns: [String],
    keepSegments: Bool
  ) throws(RiskInputError) -> DelinquencyRun {
    let s = states.count
    let months = scenario.months
    let k = cohorts.count
    guard months >= 1 else {
      throw RiskInputError("scenario \(scenario.name): months must be at least 1")
    }

    // Stress multipliers by cohort and month (nil: none).
    var stress: [Double]? = nil
    var stressedMonths = Set<Int>()
    for w in scenario.stress {
      guard let range = try w.window.projectionMonths(start: start, months: months) else {
        continue
      }
      var columns: [(Int, String)] = []
      for (column, value) in w.segment.sorted(by: { $0.key < $1.key }) {
        guard let c = segmentColumns.firstIndex(of: column) else {
          throw RiskInputError(
            "scenario \(scenario.name): stress names segment column '\(column)', which the matrices do not segment by"
              + (segmentColumns.isEmpty
                ? "" : " (they segment by \(segmentColumns.joined(separator: ", ")))"))
        }
        columns.append((c, value))
      }
      let first: Int
      switch w.window {
      case .projection(let f, _): first = f
      case .calendar(let f, _): first = f.index - (start?.index ?? 0)
      }
      if stress == nil { stress = [Double](repeating: 1, count: k * (months + 1)) }
      for g in 0..<k
      where columns.allSatisfy({ cohorts[g].keys.count > $0.0 && cohorts[g].keys[$0.0] == $0.1 }) {
        for t in range {
          let factor = w.k[min(max(t - first, 0), w.k.count - 1)]
          stress![g * (months + 1) + t] *= factor
          if factor != 1 { stressedMonths.insert(t) }
        }
      }
    }
    // Every stressed matrix must be possible.
    if let stress {
      var checked = Set<[Double]>()
      for g in 0..<k {
        for t in 1...months {
          let factor = stress[g * (months + 1) + t]
          if factor == 1 { continue }
          let src = sourceOf[g]
          let mi = sources[src].matrixIndex(month: t)
          guard checked.insert([Double(src), Double(mi), factor]).inserted else { continue }
          do {
            _ = try (mi < sources[src].path.count ? sources[src].path[mi] : sources[src].base)
              .stressed(by: factor, states: states)
          } catch {
            let segment =
              cohorts[g].keys.isEmpty
              ? "the book"
              : "segment "
                + zip(segmentColumns, cohorts[g].keys).map { "\($0)=\($1)" }.joined(separator: ",")
            throw RiskInputError(
              "scenario \(scenario.name), \(segment), month \(t): \(error.message(states: states))")
          }
        }
      }
    }
    // Forbearance windows.
    var inWindow = [Bool](repeating: false, count: months + 2)
    var frozen = [Bool](repeating: false, count: s)
    if let f = scenario.forbearance {
      for w in f.windows {
        if let range = try w.projectionMonths(start: start, months: months) {
          for t in range { inWindow[t] = true }
        }
      }
      for i in 0...states.lastBucket {
        frozen[i] = f.eligibleBelow.map { (states.lowerEdge(i) ?? 0) < $0 } ?? true
      }
    }
    let plan = _RollPlan(
      context: self, scenario: scenario, months: months, stress: stress, inWindow: inWindow,
      frozen: frozen, worse: _RollKernel.worseMask(states))
    let output = plan.execute()
    return DelinquencyRun(
      name: scenario.name, book: output.book, segments: keepSegments ? output.segments : [],
      forbearanceMonths: (1...months).filter { inWindow[$0] },
      stressedMonths: stressedMonths.sorted())
  }
}
