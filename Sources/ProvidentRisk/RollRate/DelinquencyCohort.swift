// Where a delinquency projection starts: loans and balances by state and cumulative overdue count.
import ProvidentCore
import ProvidentPortfolio

/// One segment's loans at the start of a projection, by state and by cumulative overdue count.
///
/// The count of a loan is the number of month-ends it has spent in arrears (docs/risk-models.md §1.1: "3
/// consecutive or 6 cumulative periods"), capped at the blacklist threshold `B`: row `c` of
/// ``loans`` and ``balances`` holds the loans with count `c` (row `B`: `B` or more). Carrying the
/// count makes the cumulative rule exact under the chain (docs/risk-models.md §1.1's caveat): a loan reaches
/// `B` the month its count does, whichever buckets it passed through.
///
/// Analytics: loans are expected counts and balances yuan, both `Double`.
public struct DelinquencyCohort: Hashable, Sendable {
  /// Values of the model's segment columns; empty for a book taken whole.
  public var keys: [String]
  /// The number of states of the chain.
  public let stateCount: Int
  /// The blacklist threshold `B` in cumulative overdue periods.
  public let blacklistThreshold: Int
  /// Expected loans, `(B + 1) × states`, row `c` = cumulative count `c`.
  public internal(set) var loans: [Double]
  /// Balances in yuan, the same shape.
  public internal(set) var balances: [Double]
  /// Scheduled principal of current loans as a fraction of their balance, by projection month
  /// (the last value holds; empty: none).
  public var amortization: [Double]

  public init(keys: [String] = [], states: DelinquencyStates, blacklistThreshold: Int = 6) {
    precondition(blacklistThreshold >= 1, "the blacklist threshold must be at least 1")
    self.keys = keys
    stateCount = states.count
    self.blacklistThreshold = blacklistThreshold
    loans = [Double](repeating: 0, count: (blacklistThreshold + 1) * states.count)
    balances = loans
    amortization = []
  }

  /// Adds loans in `state` with `cumulativeOverdue` month-ends in arrears so far.
  public mutating func add(state: Int, cumulativeOverdue: Int, loans n: Double = 1, balance: Double)
  {
    let c = min(max(cumulativeOverdue, 0), blacklistThreshold)
    loans[c * stateCount + state] += n
    balances[c * stateCount + state] += balance
  }

  /// A cohort of state shares or counts `s` (one per state) with no balance, each loan's count at
  /// the least its state allows (its bucket's lower edge).
  public static func shares(
    _ s: [Double], states: DelinquencyStates, blacklistThreshold: Int = 6, balances: [Double]? = nil
  ) -> DelinquencyCohort {
    precondition(s.count == states.count)
    var c = DelinquencyCohort(states: states, blacklistThreshold: blacklistThreshold)
    for (j, x) in s.enumerated() {
      c.add(
        state: j, cumulativeOverdue: states.lowerEdge(j) ?? 0, loans: x, balance: balances?[j] ?? 0)
    }
    return c
  }

  /// Loans by state (all counts together).
  public var loansByState: [Double] { Self.columns(loans, stateCount) }

  /// Balances by state.
  public var balancesByState: [Double] { Self.columns(balances, stateCount) }

  public var totalLoans: Double { loans.reduce(0, +) }
  public var totalBalance: Double { balances.reduce(0, +) }

  static func columns(_ m: [Double], _ s: Int) -> [Double] {
    var out = [Double](repeating: 0, count: s)
    for (k, x) in m.enumerated() { out[k % s] += x }
    return out
  }
}

// MARK: - From a loan book

extension LoanBook {
  /// The book's loans as cohorts, one per segment of `segmentBy` (`product`, `home`, `region`),
  /// each loan in the bucket of its `overdue` periods with that many as its cumulative count (a
  /// lower bound: the book has no history), and each segment's amortization taken from its own
  /// scheduled cash flows (`project([.scheduled])`, fast mode): principal due in month `t` over
  /// the balance after month `t − 1`.
  ///
  /// - Throws: `RiskInputError` for a segment column a loan book does not have, or a book the
  ///   projection cannot run (dated loans without an as-of date).
  public func delinquencyCohorts(
    states: DelinquencyStates, segmentBy: [String], blacklistThreshold: Int = 6,
    threads: Int? = nil
  ) throws(RiskInputError) -> [DelinquencyCohort] {
    var segmentation: Segmentation = []
    for name in segmentBy {
      switch name {
      case "product": segmentation.insert(.product)
      case "home": segmentation.insert(.home)
      case "region": segmentation.insert(.region)
      default:
        throw RiskInputError(
          "a loan book has no segment column '\(name)': it segments by product, home and region")
      }
    }
    func keys(product p: LoanProduct, home h: HomeOrder, region r: String) -> [String] {
      segmentBy.map { name in
        switch name {
        case "product": p.name
        case "home": h.rawValue
        default: r
        }
      }
    }
    var builder = _CohortBuilder(states: states, blacklistThreshold: blacklistThreshold)
    for i in 0..<count {
      let o = Int(periodsOverdue[i])
      builder.add(
        keys: keys(product: product[i], home: home[i], region: regionNames[Int(region[i])]),
        overdue: o, cumulativeOverdue: o, balanceFen: balanceFen[i])
    }
    // Amortization from each segment's scheduled flows.
    let projection: PortfolioProjection
    do {
      projection = try project(
        [.scheduled], options: .init(mode: .fast, segmentation: segmentation, threads: threads))
    } catch {
      throw RiskInputError(error.message)
    }
    let scenario = projection.scenarios[0]
    let series: [(Segment?, FlowSeries)] =
      segmentation.isEmpty
      ? [(nil, scenario.book)] : scenario.segments.map { ($0.segment, $0.flows) }
    for (segment, flows) in series {
      let k =
        segment.map {
          keys(product: $0.product ?? .provident, home: $0.home ?? .first, region: $0.region ?? "")
        } ?? []
      guard let c = builder.index[k] else { continue }
      var previous = Double(flows.totals.openingBalance.fen)
      var rates: [Double] = []
      rates.reserveCapacity(flows.months.count)
      for m in flows.months {
        rates.append(previous > 0 ? min(1, Double(m.scheduledPrincipal.fen) / previous) : 1)
        previous = Double(m.balance.fen)
      }
      builder.cohorts[c].amortization = rates
    }
    return builder.sorted
  }
}

// MARK: - From a panel

extension LoanPanel {
  /// Each row's cumulative overdue count: the panel's `cumulative_overdue` when it has one;
  /// otherwise counted (a loan's first row counts its periods overdue then, a lower bound; each
  /// later month-end in arrears adds one, and never less than the periods overdue).
  public func cumulativeOverdueCounts() -> [Int] {
    if hasCumulativeOverdue { return cumulativeOverdue.map(Int.init) }
    var counter = [Int](repeating: -1, count: loanIDs.count)
    var out = [Int](repeating: 0, count: count)
    for r in 0..<count {
      let l = Int(loan[r])
      let o = Int(overdue[r])
      if counter[l] < 0 {
        counter[l] = o
      } else if event[r] == .none {
        counter[l] = max(counter[l] + (o >= 1 ? 1 : 0), o)
      }
      out[r] = counter[l]
    }
    return out
  }

  /// The loans still on the book in the panel's last month, as cohorts by `segmentBy`: each loan
  /// in its state then, with its cumulative overdue count (``cumulativeOverdueCounts()``), so the
  /// blacklist rule is exact from the loans' own histories. A panel has no schedules: give the
  /// scenario an amortization rate.
  ///
  /// - Throws: `RiskInputError` when `segmentBy` names a column the panel does not have.
  public func delinquencyCohorts(
    states: DelinquencyStates, segmentBy: [String], blacklistThreshold: Int = 6
  ) throws(RiskInputError) -> (month: CalendarMonth?, cohorts: [DelinquencyCohort]) {
    let columns = try segmentBy.map { (name) throws(RiskInputError) -> Int in
      guard let k = segmentColumns.firstIndex(of: name) else {
        throw RiskInputError("the panel has no segment column '\(name)'")
      }
      return k
    }
    guard let last = month.max() else { return (nil, []) }
    let counts = cumulativeOverdueCounts()
    var lastRow = [Int](repeating: -1, count: loanIDs.count)
    for r in 0..<count { lastRow[Int(loan[r])] = r }
    var builder = _CohortBuilder(states: states, blacklistThreshold: blacklistThreshold)
    for r in lastRow where r >= 0 && month[r] == last && event[r] == .none {
      let values = segmentValues[Int(segment[r])]
      builder.add(
        keys: columns.map { values[$0] }, overdue: Int(overdue[r]), cumulativeOverdue: counts[r],
        balanceFen: balanceFen[r])
    }
    return (CalendarMonth(index: Int(last)), builder.sorted)
  }
}

/// Loans gathered into one cohort per segment key.
struct _CohortBuilder {
  let states: DelinquencyStates
  let blacklistThreshold: Int
  var index: [[String]: Int] = [:]
  var cohorts: [DelinquencyCohort] = []

  init(states: DelinquencyStates, blacklistThreshold: Int) {
    self.states = states
    self.blacklistThreshold = blacklistThreshold
  }

  /// Adds one loan `overdue` periods behind with a balance in fen.
  mutating func add(keys: [String], overdue: Int, cumulativeOverdue: Int, balanceFen: Int64) {
    let c: Int
    if let found = index[keys] {
      c = found
    } else {
      c = cohorts.count
      index[keys] = c
      cohorts.append(
        DelinquencyCohort(keys: keys, states: states, blacklistThreshold: blacklistThreshold))
    }
    cohorts[c].add(
      state: states.state(overdue: overdue), cumulativeOverdue: cumulativeOverdue,
      balance: Double(balanceFen) / 100)
  }

  /// The cohorts ordered by their keys.
  var sorted: [DelinquencyCohort] { cohorts.sorted { $0.keys.lexicographicallyPrecedes($1.keys) } }
}
