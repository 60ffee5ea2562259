// Cohort estimates of monthly transition matrices from a loan-month panel (docs/risk-models.md §1.2).
import ProvidentPortfolio

/// What a transition probability is a share of: loans, or balance at the start of the month.
public enum TransitionWeight: String, Hashable, Sendable, CaseIterable {
  /// `p̂ᵢⱼ = nᵢⱼ / Σⱼ nᵢⱼ` with `nᵢⱼ` the loans in `i` one month and `j` the next.
  case count
  /// The same with `nᵢⱼ` the balance (at the start of the month) of those loans.
  case balance
}

/// Transitions counted between states: loans and their balance at the start of the month.
public struct TransitionCounts: Hashable, Sendable {
  public let size: Int
  /// `nᵢⱼ`, row by row: loans in `i` at the end of one month and in `j` at the end of the next.
  public internal(set) var loans: [Int]
  /// The balance of those loans at the end of the first month, in fen.
  public internal(set) var balanceFen: [Int64]

  public init(size: Int) {
    self.size = size
    loans = [Int](repeating: 0, count: size * size)
    balanceFen = [Int64](repeating: 0, count: size * size)
  }

  public func loans(from i: Int, to j: Int) -> Int { loans[i * size + j] }
  public func balanceFen(from i: Int, to j: Int) -> Int64 { balanceFen[i * size + j] }

  /// Loans leaving state `i` (staying included).
  public func loans(from i: Int) -> Int { (0..<size).reduce(0) { $0 + loans[i * size + $1] } }

  /// All transitions counted.
  public var total: Int { loans.reduce(0, +) }

  mutating func add(from i: Int, to j: Int, balance: Int64) {
    loans[i * size + j] += 1
    balanceFen[i * size + j] += balance
  }

  mutating func add(_ other: TransitionCounts) {
    for k in loans.indices {
      loans[k] += other.loans[k]
      balanceFen[k] += other.balanceFen[k]
    }
  }

  /// Row `i`'s weights: loans or balance (fen) moving from `i` to each state.
  public func weights(from i: Int, _ weight: TransitionWeight) -> [Double] {
    (0..<size).map { j in
      weight == .count ? Double(loans[i * size + j]) : Double(balanceFen[i * size + j])
    }
  }
}

/// A row with nothing to estimate from, and what was put in its place.
public struct EmptyRow: Hashable, Sendable {
  public enum Fill: String, Hashable, Sendable {
    /// The pooled matrix's row (all segments).
    case pooled
    /// The segment's row over all months (for a month's matrix).
    case segment
    /// Nothing anywhere: the loans stay where they are.
    case identity
  }

  /// The state whose row is empty.
  public let state: Int
  public let filledFrom: Fill
}

/// One month's counts and matrix (the month the transitions arrive in).
public struct MonthEstimate: Hashable, Sendable {
  public let month: CalendarMonth
  public let counts: TransitionCounts
  /// Estimated from `counts`; empty rows filled from the segment's matrix over all months.
  public let matrix: TransitionMatrix
  public let emptyRows: [EmptyRow]
}

/// The estimate for one segment (or the pool of all).
public struct SegmentEstimate: Hashable, Sendable {
  /// Values of the estimate's segment columns, in their order; empty for the pool.
  public let keys: [String]
  public let counts: TransitionCounts
  /// Rows sum to 1 within 1e-12; empty rows are filled (``emptyRows``); `W` and `P` rows are the
  /// identity (absorbing).
  public let matrix: TransitionMatrix
  public let emptyRows: [EmptyRow]
  /// The time-varying estimate, month by month (empty unless asked for).
  public let months: [MonthEstimate]
  /// Loans with at least one transition counted in this segment.
  public let loans: Int
}

/// Loans whose cumulative overdue count reached the blacklist threshold, by month.
public struct BlacklistEntries: Hashable, Sendable {
  public let month: CalendarMonth
  public let loans: Int
}

/// Roll-rate estimates from a panel: pooled, per segment and (optionally) per month, with the
/// counts behind every probability and the rows that had no data.
public struct RollRateEstimate: Hashable, Sendable {
  public let states: DelinquencyStates
  public let weight: TransitionWeight
  /// The panel columns the segments are keyed by (empty: pooled only).
  public let segmentColumns: [String]
  public let pooled: SegmentEstimate
  /// One per distinct combination of `segmentColumns`, ordered by keys; empty without segments.
  public let segments: [SegmentEstimate]
  /// First and last month a transition arrives in.
  public let firstMonth: CalendarMonth?
  public let lastMonth: CalendarMonth?
  /// Loans in the panel.
  public let loans: Int
  /// Consecutive rows of a loan with months missing between them (no transition is counted).
  public let gaps: Int
  /// Exits into a state the chain does not have (a prepaid row in a chain without `P`): not counted.
  public let censored: Int
  /// The blacklist threshold in cumulative overdue periods (6 [S106][R13]).
  public let blacklistThreshold: Int
  /// Whether the cumulative counts are the panel's own (`cumulative_overdue`) or counted here
  /// (each month-end in arrears adds one; a loan's first row counts its periods overdue then).
  public let cumulativeFromPanel: Bool
  /// Loans reaching the threshold, by month (months with none left out).
  public let blacklist: [BlacklistEntries]
}

/// How a panel is turned into transition matrices.
public struct RollRateOptions: Sendable {
  public var states: DelinquencyStates
  public var weight: TransitionWeight
  /// Panel columns to segment by; empty: pooled only.
  public var segmentBy: [String]
  /// Also estimate a matrix per calendar month (time-varying).
  public var byMonth: Bool
  public var blacklistThreshold: Int

  public init(
    states: DelinquencyStates = .standard, weight: TransitionWeight = .count,
    segmentBy: [String] = [], byMonth: Bool = true, blacklistThreshold: Int = 6
  ) {
    self.states = states
    self.weight = weight
    self.segmentBy = segmentBy
    self.byMonth = byMonth
    self.blacklistThreshold = blacklistThreshold
  }
}

extension LoanPanel {
  /// The state of row `r` in `states`: its overdue bucket, or `W`/`P` for an exit (nil when the
  /// chain has no such state).
  public func state(_ r: Int, in states: DelinquencyStates) -> Int? {
    switch event[r] {
    case .none: states.state(overdue: Int(overdue[r]))
    case .prepaid: states.prepaidIndex
    case .writtenOff: states.writeOffIndex
    }
  }

  /// Estimates transition matrices by the cohort estimator (docs/risk-models.md §1.2):
  ///
  /// ```
  ///   p̂ᵢⱼ = nᵢⱼ / Σⱼ nᵢⱼ
  /// ```
  /// where `nᵢⱼ` counts the loans (or sums their balance) in state `i` in one month and `j` the
  /// next; only consecutive months of a loan count. A transition belongs to the segment of its
  /// first row and to the month of its second.
  ///
  /// Empty rows (`Σⱼ nᵢⱼ = 0`) are reported and filled, never divided by zero: a segment's from the
  /// pooled matrix, the pooled matrix's with the identity (loans stay put), a month's from its
  /// segment over all months. `W` and `P` rows are the identity.
  ///
  /// - Throws: `RiskInputError` when `segmentBy` names a column the panel does not have.
  /// - Complexity: O(rows + segments × months × S²).
  public func estimateRollRates(_ options: RollRateOptions = .init()) throws(RiskInputError)
    -> RollRateEstimate
  {
    let states = options.states
    let s = states.count
    var columns: [Int] = []
    for name in options.segmentBy {
      guard let k = segmentColumns.firstIndex(of: name) else {
        throw RiskInputError(
          "the panel has no segment column '\(name)'"
            + (segmentColumns.isEmpty
              ? ": it has none"
              : "; its segment columns are " + segmentColumns.joined(separator: ", ")))
      }
      guard !columns.contains(k) else {
        throw RiskInputError("segment column '\(name)' is given twice")
      }
      columns.append(k)
    }
    // Segment keys of each value tuple, then dense ids ordered by keys.
    var keyIndex: [[String]: Int] = [:]
    var keys: [[String]] = []
    var tupleSegment = [Int](repeating: 0, count: segmentValues.count)
    for (t, values) in segmentValues.enumerated() {
      let key = columns.map { values[$0] }
      if let k = keyIndex[key] {
        tupleSegment[t] = k
      } else {
        keyIndex[key] = keys.count
        tupleSegment[t] = keys.count
        keys.append(key)
      }
    }
    let order = keys.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
    var rank = [Int](repeating: 0, count: keys.count)
    for (r, k) in order.enumerated() { rank[k] = r }
    let segmentCount = columns.isEmpty ? 0 : keys.count

    var months = Set<Int>()
    var totals = [TransitionCounts](
      repeating: TransitionCounts(size: s), count: max(segmentCount, 1))
    var monthly: [[Int: TransitionCounts]] = Array(repeating: [:], count: max(segmentCount, 1))
    var loansIn = [Set<Int32>](repeating: [], count: max(segmentCount, 1))
    var lastRow = [Int32](repeating: -1, count: loanIDs.count)
    let counts = cumulativeOverdueCounts()
    var blacklist: [Int: Int] = [:]
    var gaps = 0
    var censored = 0
    let threshold = options.blacklistThreshold

    for r in 0..<count {
      let l = Int(loan[r])
      let previous = Int(lastRow[l])
      lastRow[l] = Int32(r)
      // Entries seen in the panel: a loan already past the threshold at its first row is not one.
      if previous >= 0 && counts[previous] < threshold && counts[r] >= threshold {
        blacklist[Int(month[r]), default: 0] += 1
      }
      guard previous >= 0 else { continue }
      guard month[r] == month[previous] + 1 else {
        gaps += 1
        continue
      }
      guard let to = state(r, in: states) else {
        censored += 1
        continue
      }
      let from = state(previous, in: states)!
      let seg = segmentCount == 0 ? 0 : rank[tupleSegment[Int(segment[previous])]]
      totals[seg].add(from: from, to: to, balance: balanceFen[previous])
      loansIn[seg].insert(loan[previous])
      if options.byMonth {
        monthly[seg][Int(month[r]), default: TransitionCounts(size: s)].add(
          from: from, to: to, balance: balanceFen[previous])
      }
      months.insert(Int(month[r]))
    }

    // Pooled, then segments filled from it.
    var pooledCounts = TransitionCounts(size: s)
    for t in totals { pooledCounts.add(t) }
    var pooledMonthly: [Int: TransitionCounts] = [:]
    for m in monthly {
      for (month, c) in m { pooledMonthly[month, default: TransitionCounts(size: s)].add(c) }
    }
    let identity = TransitionMatrix.identity(s)
    let pooled = Self.segmentEstimate(
      keys: [], counts: pooledCounts, monthly: pooledMonthly, fill: identity, fillKind: .identity,
      states: states, weight: options.weight, loans: Set(loansIn.flatMap { $0 }).count)
    var segments: [SegmentEstimate] = []
    if segmentCount > 0 {
      for (r, k) in order.enumerated() {
        segments.append(
          Self.segmentEstimate(
            keys: keys[k], counts: totals[r], monthly: monthly[r], fill: pooled.matrix,
            fillKind: .pooled, states: states, weight: options.weight, loans: loansIn[r].count))
      }
    }
    return RollRateEstimate(
      states: states, weight: options.weight, segmentColumns: options.segmentBy, pooled: pooled,
      segments: segments, firstMonth: months.min().map(CalendarMonth.init(index:)),
      lastMonth: months.max().map(CalendarMonth.init(index:)), loans: loanIDs.count, gaps: gaps,
      censored: censored, blacklistThreshold: options.blacklistThreshold,
      cumulativeFromPanel: hasCumulativeOverdue,
      blacklist: blacklist.keys.sorted().map {
        BlacklistEntries(month: CalendarMonth(index: $0), loans: blacklist[$0]!)
      })
  }

  static func segmentEstimate(
    keys: [String], counts: TransitionCounts, monthly: [Int: TransitionCounts],
    fill: TransitionMatrix, fillKind: EmptyRow.Fill, states: DelinquencyStates,
    weight: TransitionWeight, loans: Int
  ) -> SegmentEstimate {
    let (matrix, empty) = RollRateEstimator.matrix(
      counts, weight: weight, states: states, fill: fill, fillKind: fillKind)
    let months = monthly.keys.sorted().map { m -> MonthEstimate in
      let c = monthly[m]!
      let (mm, e) = RollRateEstimator.matrix(
        c, weight: weight, states: states, fill: matrix, fillKind: .segment)
      return MonthEstimate(month: CalendarMonth(index: m), counts: c, matrix: mm, emptyRows: e)
    }
    return SegmentEstimate(
      keys: keys, counts: counts, matrix: matrix, emptyRows: empty, months: months, loans: loans)
  }
}

/// The cohort estimator on counts.
public enum RollRateEstimator {
  /// `p̂ᵢⱼ = nᵢⱼ / Σⱼ nᵢⱼ` row by row; an empty row of `C` or a bucket takes `fill`'s row and is
  /// listed; `W` and `P` rows are the identity.
  public static func matrix(
    _ counts: TransitionCounts, weight: TransitionWeight, states: DelinquencyStates,
    fill: TransitionMatrix, fillKind: EmptyRow.Fill
  ) -> (TransitionMatrix, [EmptyRow]) {
    let s = counts.size
    var e = [Double](repeating: 0, count: s * s)
    var empty: [EmptyRow] = []
    for i in 0..<s {
      if states.isTerminal(i) {
        e[i * s + i] = 1
        continue
      }
      let w = counts.weights(from: i, weight)
      let total = w.reduce(0, +)
      if total > 0 {
        for j in 0..<s { e[i * s + j] = w[j] / total }
      } else {
        for j in 0..<s { e[i * s + j] = fill.probability(from: i, to: j) }
        empty.append(EmptyRow(state: i, filledFrom: fillKind))
      }
    }
    return (TransitionMatrix(size: s, unchecked: e), empty)
  }
}
