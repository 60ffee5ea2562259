// Projecting a loan book under scenarios: plans, kernels on all cores, sums by segment.
import ProvidentCore

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
  /// remaining term (docs/conventions.md §5, keep-term). Rate changes follow docs/conventions.md §4 (`Scenario.rates`).
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
/// each loan's rate events (docs/conventions.md §3–4); `LoanBook.project(_:options:)` prepares for each
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
