// Projecting a loan book under scenarios: plans, kernels on all cores, sums by segment.
import ProvidentCore
import Synchronization

/// How a projection runs.
public struct ProjectionOptions: Sendable {
  public var mode: ProjectionMode
  public var segmentation: Segmentation
  /// Worker threads; nil: one per active core. Results do not depend on it.
  public var threads: Int?
  /// The rate tables scenarios build on.
  public var tables: RateTables
  /// Called now and then with the fraction done, from any thread.
  public var progress: (@Sendable (Double) -> Void)?

  public init(
    mode: ProjectionMode = .exact, segmentation: Segmentation = [], threads: Int? = nil,
    tables: RateTables = .bundled, progress: (@Sendable (Double) -> Void)? = nil
  ) {
    self.mode = mode
    self.segmentation = segmentation
    self.threads = threads
    self.tables = tables
    self.progress = progress
  }
}

extension LoanBook {
  /// Projects every loan month by month under each scenario and sums the flows by month, for the
  /// book and for each segment.
  ///
  /// Loans are grouped by segment and remaining term into blocks of 256; blocks run on all cores
  /// (`options.threads`), each into its own monthly sums, which are then added in block order: the
  /// result is the same whatever the thread count. In `.exact` mode every amount is integer fen as
  /// a ledger books it and, with no prepayment or default, each loan's flows equal
  /// `Loan.schedule()` of the loan to the fen; in `.fast` mode the same formulas run unrounded in
  /// Double, eight loans per instruction. In both, scheduled principal + prepayment + default +
  /// closing balance = opening balance (to the fen in `.exact` mode).
  ///
  /// Loans start at the as-of date: balance, current rate, remaining installments
  /// `months − months_paid`, and the book's installment or else the balance re-amortized over the
  /// remaining term (SPEC.md §5, keep-term). Rate changes follow SPEC.md §4 (`Scenario.rates`).
  ///
  /// - Throws: `ProjectionError` when the book has dated loans or repricing but no as-of date, or
  ///   a scenario's table change is impossible.
  /// - Complexity: O(loans × months).
  public func project(_ scenarios: [Scenario], options: ProjectionOptions = .init())
    throws(ProjectionError) -> PortfolioProjection
  {
    let threads = _Parallel.threads(options.threads)
    var plans: [RateScenario: _Plan] = [:]
    for scenario in scenarios where plans[scenario.rates] == nil {
      plans[scenario.rates] = try _Plan(
        book: self, rates: scenario.rates, tables: options.tables,
        segmentation: options.segmentation, threads: threads)
    }
    // Scenarios in the order given, each on its rates' plan.
    let work = scenarios.map { (plan: plans[$0.rates]!, scenarios: [$0]) }
    return PreparedBook.project(work, options: options, asOf: asOf, loans: count)
  }

  /// The book grouped for projection under one rate scenario (see `PreparedBook`).
  public func prepared(rates: RateScenario = .tables([]), options: ProjectionOptions = .init())
    throws(ProjectionError) -> PreparedBook
  {
    try PreparedBook(book: self, rates: rates, options: options)
  }

  /// A book of the loans at `indices`, in that order.
  public func subset(_ indices: [Int]) -> LoanBook {
    var b = LoanBook(asOf: asOf)
    b.reserveCapacity(indices.count)
    b.regionNames = regionNames
    for i in indices {
      b.line.append(line[i])
      let from = i == 0 ? 0 : Int(idEnd[i - 1])
      b.idBytes.append(contentsOf: idBytes[from..<Int(idEnd[i])])
      b.idEnd.append(Int32(b.idBytes.count))
      b.product.append(product[i])
      b.home.append(home[i])
      b.method.append(method[i])
      b.principalFen.append(principalFen[i])
      b.rateUnits.append(rateUnits[i])
      b.spreadBasisPoints.append(spreadBasisPoints[i])
      b.repricingCycle.append(repricingCycle[i])
      b.repricingAnchor.append(repricingAnchor[i])
      b.months.append(months[i])
      b.startDay.append(startDay[i])
      b.paymentDay.append(paymentDay[i])
      b.monthsPaid.append(monthsPaid[i])
      b.balanceFen.append(balanceFen[i])
      b.paymentFen.append(paymentFen[i])
      b.periodsOverdue.append(periodsOverdue[i])
      b.region.append(region[i])
    }
    return b
  }
}

/// A loan book grouped for projection under one rate scenario: built once, projected under any
/// number of prepayment and default assumptions.
///
/// Preparing groups the loans by segment and remaining term into cache-sized blocks and works out
/// each loan's rate events (SPEC.md §3–4); `LoanBook.project(_:options:)` prepares for each
/// distinct `Scenario.rates` and projects. An analyst trying many assumptions on one book
/// prepares once:
///
/// ```swift
/// let prepared = try book.prepared(rates: .frozen, options: .init(mode: .fast))
/// let base = try prepared.project([Scenario(name: "base", prepayment: .constant(0.06), rates: .frozen)])
/// ```
public struct PreparedBook: Sendable {
  let plan: _Plan
  public let rates: RateScenario
  public let options: ProjectionOptions
  let asOf: LocalDate?
  let loans: Int

  public init(book: LoanBook, rates: RateScenario, options: ProjectionOptions = .init())
    throws(ProjectionError)
  {
    plan = try _Plan(
      book: book, rates: rates, tables: options.tables, segmentation: options.segmentation,
      threads: _Parallel.threads(options.threads))
    self.rates = rates
    self.options = options
    asOf = book.asOf
    loans = book.count
  }

  /// Projects the prepared book under `scenarios`, which must all have the prepared `rates`.
  ///
  /// - Throws: `ProjectionError` when a scenario's rates are not those prepared.
  public func project(_ scenarios: [Scenario]) throws(ProjectionError) -> PortfolioProjection {
    for s in scenarios where s.rates != rates {
      throw ProjectionError(
        message: "scenario '\(s.name)' has other rates than the book was prepared for")
    }
    return Self.project([(plan, scenarios)], options: options, asOf: asOf, loans: loans)
  }

  /// Runs each scenario on its plan, in the order given.
  static func project(
    _ work: [(plan: _Plan, scenarios: [Scenario])], options: ProjectionOptions, asOf: LocalDate?,
    loans: Int
  ) -> PortfolioProjection {
    let threads = _Parallel.threads(options.threads)
    let totalBlocks = work.reduce(0) { $0 + $1.plan.blocks.count * $1.scenarios.count }
    let counter = _ProgressCounter(total: totalBlocks, report: options.progress)
    var results: [ScenarioProjection] = []
    for (plan, scenarios) in work {
      for scenario in scenarios {
        results.append(
          _Projector(plan: plan, scenario: scenario, mode: options.mode, threads: threads)
            .run(segmented: !options.segmentation.isEmpty, counter: counter))
      }
    }
    return PortfolioProjection(mode: options.mode, asOf: asOf, loans: loans, scenarios: results)
  }
}

/// One scenario on one plan: run the blocks, add their sums by segment.
struct _Projector {
  let plan: _Plan
  let scenario: Scenario
  let mode: ProjectionMode
  let threads: Int

  /// Months projected: the scenario's horizon within the longest remaining term.
  var horizon: Int { max(0, min(scenario.horizonMonths ?? plan.maxMonths, plan.maxMonths)) }
  /// Months of sums: the horizon and the recovery lag after it.
  var months: Int { horizon > 0 ? horizon + max(scenario.recoveryLagMonths, 0) : 0 }

  func run(segmented: Bool, counter: _ProgressCounter) -> ScenarioProjection {
    let sums = segmentSums(counter: counter)
    var book = _SeriesBuilder(months: months, horizon: horizon, exact: mode == .exact)
    for segment in sums { book.add(segment) }
    return ScenarioProjection(
      name: scenario.name, recoveryLagMonths: scenario.recoveryLagMonths, book: book.series(),
      segments: segmented
        ? zip(plan.segments, sums).map {
          SegmentFlows(segment: $0, loans: $1.loans, flows: $1.series())
        } : [])
  }

  /// Each segment's monthly sums, blocks added in order.
  func segmentSums(counter: _ProgressCounter) -> [_SeriesBuilder] {
    let horizon = self.horizon
    let months = self.months
    let blocks = plan.blocks
    let chunks = plan.chunks
    let curves = _CurveTables(scenario: scenario, months: horizon, maxAge: plan.maxAge)
    let width = _Flow.count + 1
    let stride = max(months, 1) * width
    // One row of sums per chunk: amounts (and active loans at offset 6).
    let fast = UnsafeMutablePointer<Double>.allocate(capacity: chunks.count * stride)
    fast.initialize(repeating: 0, count: chunks.count * stride)
    let exact = UnsafeMutablePointer<Int64>.allocate(
      capacity: mode == .exact ? chunks.count * stride : 0)
    if mode == .exact { exact.initialize(repeating: 0, count: chunks.count * stride) }
    defer {
      fast.deallocate()
      exact.deallocate()
    }
    let sharedFast = _SharedPointer(fast)
    let sharedExact = _SharedPointer(exact)
    let plan = self.plan
    let scenario = self.scenario
    let mode = self.mode

    _Parallel.forEach(chunks.count, threads: threads) { _, c in
      let chunk = chunks[c]
      let scratch = mode == .fast ? _FastScratch(lanes: _Plan.blockSize) : nil
      let exactScratch = mode == .exact ? _ExactScratch(lanes: _Plan.blockSize) : nil
      defer {
        scratch?.deallocate()
        exactScratch?.deallocate()
      }
      for b in chunk.blocks {
        let block = blocks[b]
        switch mode {
        case .exact:
          // Amounts in the Int64 rows, active loans in the Double rows' first column.
          let sums = _ExactSums(
            amounts: sharedExact.base + c * stride, active: sharedFast.base + c * stride)
          if curves.isZero {
            _ExactKernel.run(
              _NoCurves.self, block: block, plan: plan, curves: curves, scenario: scenario,
              horizon: horizon, scratch: exactScratch!, sums: sums)
          } else {
            _ExactKernel.run(
              _WithCurves.self, block: block, plan: plan, curves: curves, scenario: scenario,
              horizon: horizon, scratch: exactScratch!, sums: sums)
          }
        case .fast:
          let sums = sharedFast.base + c * stride
          curves.smm.withUnsafeBufferPointer { smm in
            curves.mdr.withUnsafeBufferPointer { mdr in
              if curves.isZero {
                _FastKernel.run(
                  curves: _FastNone(), block: block, plan: plan, scenario: scenario,
                  horizon: horizon, scratch: scratch!, sums: sums)
              } else if curves.byAge {
                _FastKernel.run(
                  curves: _FastByAge(
                    mdr: mdr.baseAddress!, smm: smm.baseAddress!, mdrByAge: curves.mdrByAge,
                    smmByAge: curves.smmByAge),
                  block: block, plan: plan, scenario: scenario, horizon: horizon,
                  scratch: scratch!, sums: sums)
              } else {
                _FastKernel.run(
                  curves: _FastByMonth(mdr: mdr.baseAddress!, smm: smm.baseAddress!),
                  block: block, plan: plan, scenario: scenario, horizon: horizon,
                  scratch: scratch!, sums: sums)
              }
            }
          }
        }
        counter.tick()
      }
    }

    // Sums by segment, chunks in order; the book is the sum of its segments in order.
    var sums = plan.segments.map { _ in
      _SeriesBuilder(months: months, horizon: horizon, exact: mode == .exact)
    }
    for (c, chunk) in chunks.enumerated() {
      let s = chunk.segment
      for b in chunk.blocks {
        sums[s].loans += blocks[b].count
        for l in 0..<blocks[b].count { sums[s].opening += plan.lanes.balance[blocks[b].offset + l] }
      }
      let row = c * stride
      for t in 0..<months {
        for f in 0..<_Flow.count {
          if mode == .exact {
            sums[s].fen[t * _Flow.count + f] += exact[row + t * width + f]
          } else {
            sums[s].amounts[t * _Flow.count + f] += fast[row + t * width + f]
          }
        }
        sums[s].active[t] +=
          mode == .exact ? fast[row + t * width] : fast[row + t * width + _Flow.count]
      }
    }
    return sums
  }
}

/// Sums of one segment (or the book), then as flows in money.
struct _SeriesBuilder {
  let months: Int
  let horizon: Int
  let exact: Bool
  var fen: [Int64]
  var amounts: [Double]
  var active: [Double]
  var opening: Int64 = 0
  var loans = 0

  init(months: Int, horizon: Int, exact: Bool) {
    self.months = months
    self.horizon = horizon
    self.exact = exact
    fen = [Int64](repeating: 0, count: exact ? months * _Flow.count : 0)
    amounts = [Double](repeating: 0, count: exact ? 0 : months * _Flow.count)
    active = [Double](repeating: 0, count: months)
  }

  mutating func add(_ other: _SeriesBuilder) {
    for i in fen.indices { fen[i] += other.fen[i] }
    for i in amounts.indices { amounts[i] += other.amounts[i] }
    for i in active.indices { active[i] += other.active[i] }
    opening += other.opening
    loans += other.loans
  }

  func series() -> FlowSeries {
    var rows: [MonthlyFlows] = []
    rows.reserveCapacity(months)
    var totals = [Double](repeating: 0, count: _Flow.count)
    var totalFen = [Int64](repeating: 0, count: _Flow.count)
    func money(_ t: Int, _ f: Int) -> Money {
      exact
        ? Money(fen: fen[t * _Flow.count + f])
        : Money(fen: Int64(amounts[t * _Flow.count + f].rounded()))
    }
    for t in 0..<months {
      for f in 0..<_Flow.count {
        if exact { totalFen[f] += fen[t * _Flow.count + f] } else {
          totals[f] += amounts[t * _Flow.count + f]
        }
      }
      rows.append(
        MonthlyFlows(
          month: t + 1, scheduledPrincipal: money(t, _Flow.scheduled),
          interest: money(t, _Flow.interest), prepayment: money(t, _Flow.prepayment),
          defaults: money(t, _Flow.defaults), loss: money(t, _Flow.loss),
          balance: money(t, _Flow.balance), activeLoans: active[t]))
    }
    func total(_ f: Int) -> Money {
      exact ? Money(fen: totalFen[f]) : Money(fen: Int64(totals[f].rounded()))
    }
    let closing = horizon > 0 ? rows[horizon - 1].balance : Money(fen: opening)
    return FlowSeries(
      months: rows,
      totals: FlowTotals(
        scheduledPrincipal: total(_Flow.scheduled), interest: total(_Flow.interest),
        prepayment: total(_Flow.prepayment), defaults: total(_Flow.defaults),
        loss: total(_Flow.loss), openingBalance: Money(fen: opening), closingBalance: closing))
  }
}

/// Counts finished blocks across scenarios and threads; reports about every 1 %.
final class _ProgressCounter: Sendable {
  let total: Int
  let report: (@Sendable (Double) -> Void)?
  let done = Atomic<Int>(0)

  init(total: Int, report: (@Sendable (Double) -> Void)?) {
    self.total = max(total, 1)
    self.report = report
  }

  func tick() {
    guard let report else { return }
    let n = done.add(1, ordering: .relaxed).newValue
    if n == total || n % max(1, total / 100) == 0 { report(Double(n) / Double(total)) }
  }
}
