// What a delinquency projection produces: states, balances and flows by month, per segment.
import Foundation

/// The monthly flows of a delinquency projection (besides states and balances).
public enum DelinquencyFlow: Int, Hashable, Sendable, CaseIterable {
  /// Principal repaid by current loans' installments (yuan).
  case scheduledPrincipal
  /// Balance of loans moving into `P` (prepaid or matured) this month (yuan).
  case prepaid
  /// Balance of loans moving into `W` this month (yuan).
  case writtenOff
  /// `severity × writtenOff` (yuan).
  case loss
  /// Loans moving into the last overdue bucket (`M6+`) this month.
  case intoLastBucket
  /// Their balance (yuan).
  case intoLastBucketBalance
  /// Loans whose cumulative overdue count reaches the blacklist threshold this month (economic).
  case blacklisted
  /// Loans on the book at or past the threshold (economic).
  case blacklistedStock
  /// The same entries as reported (forbearance hides some).
  case reportedBlacklisted
  /// The same stock as reported.
  case reportedBlacklistedStock
  /// Loans moving into `P` this month.
  case prepaidLoans
  /// Loans moving into `W` this month.
  case writtenOffLoans

  /// The key in JSON and CSV.
  public var key: String {
    switch self {
    case .scheduledPrincipal: "scheduledPrincipal"
    case .prepaid: "prepaid"
    case .writtenOff: "writtenOff"
    case .loss: "loss"
    case .intoLastBucket: "intoLastBucket"
    case .intoLastBucketBalance: "intoLastBucketBalance"
    case .blacklisted: "blacklisted"
    case .blacklistedStock: "blacklistedStock"
    case .reportedBlacklisted: "reportedBlacklisted"
    case .reportedBlacklistedStock: "reportedBlacklistedStock"
    case .prepaidLoans: "prepaidLoans"
    case .writtenOffLoans: "writtenOffLoans"
    }
  }
}

/// One segment's (or the book's) projection, months 0 (the start) to `months`.
///
/// Analytics: loans are expected counts and amounts yuan, both `Double`. Balances in the `W` and
/// `P` columns are cumulative (written off, prepaid), so each month
/// `Σ balances + Σ scheduled principal so far = opening balance`. Segments share the storage the
/// kernel wrote (no copy); the arrays below are copies made when asked for.
public struct DelinquencySeries: Hashable, Sendable {
  public let keys: [String]
  public let stateCount: Int
  public let months: Int
  let storage: _SeriesStorage
  /// Index of this series in `storage`.
  let index: Int

  init(keys: [String], storage: _SeriesStorage, index: Int) {
    self.keys = keys
    self.stateCount = storage.stateCount
    self.months = storage.months
    self.storage = storage
    self.index = index
  }

  var stateBlock: Int { (months + 1) * stateCount }
  var flowBlock: Int { (months + 1) * DelinquencyFlow.allCases.count }

  func copy(_ base: UnsafeMutablePointer<Double>, _ from: Int, _ count: Int) -> [Double] {
    Array(UnsafeBufferPointer(start: base + from, count: count))
  }

  /// Economic loans by state, `(months + 1) × states`.
  public var loans: [Double] { copy(storage.loans, index * stateBlock, stateBlock) }
  /// Reported loans by state (forbearance hides overdue loans); equal to `loans` without it.
  public var reported: [Double] {
    copy(storage.reported ?? storage.loans, index * stateBlock, stateBlock)
  }
  /// Balances by state, yuan.
  public var balances: [Double] { copy(storage.balances, index * stateBlock, stateBlock) }
  /// `(months + 1) × DelinquencyFlow.allCases.count`; month 0's flows are 0.
  public var flows: [Double] { copy(storage.flows, index * flowBlock, flowBlock) }

  public func loans(month t: Int) -> [Double] {
    copy(storage.loans, index * stateBlock + t * stateCount, stateCount)
  }
  public func reported(month t: Int) -> [Double] {
    copy(storage.reported ?? storage.loans, index * stateBlock + t * stateCount, stateCount)
  }
  public func balances(month t: Int) -> [Double] {
    copy(storage.balances, index * stateBlock + t * stateCount, stateCount)
  }
  public func flow(_ f: DelinquencyFlow, month t: Int) -> Double {
    storage.flows[index * flowBlock + t * DelinquencyFlow.allCases.count + f.rawValue]
  }
  /// A flow summed over months 1…`months`.
  public func total(_ f: DelinquencyFlow) -> Double { cumulative(f, through: months) }

  public static func == (a: DelinquencySeries, b: DelinquencySeries) -> Bool {
    a.keys == b.keys && a.stateCount == b.stateCount && a.months == b.months && a.loans == b.loans
      && a.reported == b.reported && a.balances == b.balances && a.flows == b.flows
  }

  public func hash(into h: inout Hasher) {
    h.combine(keys)
    h.combine(months)
    h.combine(loans)
  }

  /// Loans in the overdue buckets below the last (`M1 … M4-5`), economic or reported.
  public func overdue(month t: Int, states: DelinquencyStates, reported r: Bool = false) -> Double {
    let row = r ? reported(month: t) : loans(month: t)
    return (1..<states.lastBucket).reduce(0) { $0 + row[$1] }
  }

  /// Loans at the start (month 0).
  public var startingLoans: Double { loans(month: 0).reduce(0, +) }

  /// Loans in state `j` in month `t` as a share of the starting loans (economic or reported).
  public func share(month t: Int, state j: Int, reported r: Bool = false) -> Double {
    let n = startingLoans
    return n > 0 ? (r ? reported(month: t) : loans(month: t))[j] / n : 0
  }

  /// Loans in any overdue bucket (`M1 … M6+`) as a share of the starting loans.
  public func delinquentShare(month t: Int, states: DelinquencyStates, reported r: Bool = false)
    -> Double
  {
    (1...states.lastBucket).reduce(0) { $0 + share(month: t, state: $1, reported: r) }
  }

  /// Balance still on the book (every state but `W` and `P`) in month `t`.
  public func remainingBalance(month t: Int, states: DelinquencyStates) -> Double {
    let b = balances(month: t)
    return (0...states.lastBucket).reduce(0) { $0 + b[$1] }
  }

  /// Balance of overdue loans over the balance on the book in month `t` (economic).
  public func delinquentBalanceShare(month t: Int, states: DelinquencyStates) -> Double {
    let b = balances(month: t)
    let total = remainingBalance(month: t, states: states)
    return total > 0 ? (1...states.lastBucket).reduce(0) { $0 + b[$1] } / total : 0
  }

  /// A flow summed over months 1…`t`.
  public func cumulative(_ f: DelinquencyFlow, through t: Int) -> Double {
    t < 1 ? 0 : (1...min(t, months)).reduce(0) { $0 + flow(f, month: $1) }
  }
}

/// One scenario's projection: the book and, when kept, each segment.
public struct DelinquencyRun: Hashable, Sendable {
  public let name: String
  public let book: DelinquencySeries
  /// In the cohorts' order; empty when segments were not kept.
  public let segments: [DelinquencySeries]
  /// Projection months inside a forbearance window.
  public let forbearanceMonths: [Int]
  /// Projection months with a stress multiplier other than 1 for some segment.
  public let stressedMonths: [Int]
}

/// A delinquency projection under several scenarios.
public struct DelinquencyProjection: Hashable, Sendable {
  public let states: DelinquencyStates
  public let blacklistThreshold: Int
  /// The month before projection month 1 (the book's as-of month), when known.
  public let start: CalendarMonth?
  /// Cohorts without a matrix of their own in the model: they ran on the pooled matrix.
  public let pooledSegments: [[String]]
  public let segmentColumns: [String]
  public let runs: [DelinquencyRun]
}

/// The kernel's output for a run: one block per series, allocated zeroed (pages come from the
/// system as they are first written) and written in place by the chunks.
final class _SeriesStorage: @unchecked Sendable {
  let stateCount: Int
  let months: Int
  let count: Int
  let loans: UnsafeMutablePointer<Double>
  let reported: UnsafeMutablePointer<Double>?
  let balances: UnsafeMutablePointer<Double>
  let flows: UnsafeMutablePointer<Double>

  init(series count: Int, stateCount: Int, months: Int, reported hasReported: Bool) {
    self.stateCount = stateCount
    self.months = months
    self.count = count
    let states = max(count * (months + 1) * stateCount, 1)
    let flowCount = max(count * (months + 1) * DelinquencyFlow.allCases.count, 1)
    func zeroed(_ n: Int) -> UnsafeMutablePointer<Double> {
      calloc(n, MemoryLayout<Double>.stride)!.bindMemory(to: Double.self, capacity: n)
    }
    loans = zeroed(states)
    reported = hasReported ? zeroed(states) : nil
    balances = zeroed(states)
    flows = zeroed(flowCount)
  }

  deinit {
    free(loans)
    if let reported { free(reported) }
    free(balances)
    free(flows)
  }
}
