// Stress and forbearance for a delinquency projection (docs/risk-models.md §1.4).
import ProvidentPortfolio

/// A span of months: projection months (1 = the first month after the start) or calendar months.
public enum MonthWindow: Hashable, Sendable, CustomStringConvertible {
  /// Projection months `first…last`, 1-based, both included.
  case projection(first: Int, last: Int)
  /// Calendar months `first…last`, both included; needs the projection's start month.
  case calendar(first: CalendarMonth, last: CalendarMonth)

  /// The projection months it covers, clipped to `1…months`; nil when it covers none.
  ///
  /// - Throws: `RiskInputError` for a calendar window without a start month.
  public func projectionMonths(start: CalendarMonth?, months: Int) throws(RiskInputError)
    -> ClosedRange<Int>?
  {
    let a: Int
    let b: Int
    switch self {
    case .projection(let first, let last):
      a = first
      b = last
    case .calendar(let first, let last):
      guard let start else {
        throw RiskInputError(
          "the window \(self) is in calendar months: the projection needs a start month (the book's as-of date)"
        )
      }
      a = first.index - start.index
      b = last.index - start.index
    }
    let lo = max(a, 1)
    let hi = min(b, months)
    return lo <= hi ? lo...hi : nil
  }

  public var description: String {
    switch self {
    case .projection(let first, let last): "months \(first)–\(last)"
    case .calendar(let first, let last): "\(first) … \(last)"
    }
  }
}

/// Roll-forward probabilities scaled by `k` (docs/risk-models.md §1.4) in a window, for one segment or all.
public struct StressWindow: Hashable, Sendable {
  public var window: MonthWindow
  /// One multiplier for the whole window, or one per month of it (from its first month).
  public var k: [Double]
  /// Segment values the window applies to (column → value); empty: every segment.
  public var segment: [String: String]

  public init(window: MonthWindow, k: [Double], segment: [String: String] = [:]) {
    self.window = window
    self.k = k
    self.segment = segment
  }

  /// `k` in every month of `window`.
  public init(window: MonthWindow, k: Double, segment: [String: String] = [:]) {
    self.init(window: window, k: [k], segment: segment)
  }
}

/// A forbearance policy: in its windows overdue loans of affected borrowers are not reported
/// (不作逾期处理), while the economic chain runs on (docs/risk-models.md §1.4).
///
/// The reported chain runs on the frozen matrix (``TransitionMatrix/frozen(states:eligible:)``)
/// inside a window and on the ordinary one outside; reported counts are
/// `share · frozen + (1 − share) · economic`.
public struct Forbearance: Hashable, Sendable {
  /// What the reported chain does after a window.
  public enum End: String, Hashable, Sendable, CaseIterable {
    /// It runs on from its frozen state (docs/risk-models.md §1.5's vector).
    case resume
    /// Arrears fall due at the end of the window: loans not paid up are reported overdue again,
    /// so the reported chain takes the economic one's state [R12b].
    case catchUp = "catch-up"
  }

  /// MOHURD/MOF/PBoC notice of 2020-02-21: not treated as overdue, not reported to the credit
  /// bureau, until 2020-06-30 [R11].
  public static let national2020 = MonthWindow.calendar(
    first: CalendarMonth(index: 2020 * 12 + 1), last: CalendarMonth(index: 2020 * 12 + 5))
  /// Notice of 2022-05-20: the same rule to 2022-12-31 [R12].
  public static let national2022 = MonthWindow.calendar(
    first: CalendarMonth(index: 2022 * 12 + 4), last: CalendarMonth(index: 2022 * 12 + 11))

  public var windows: [MonthWindow]
  /// Loans this many periods overdue or more are reported as usual (Xianning: 3 [R12c]); nil: all.
  public var eligibleBelow: Int?
  /// Loans whose cumulative overdue count reached the blacklist threshold are reported as usual
  /// (Xianning's "6 cumulative periods" [R12c]).
  public var excludeBlacklisted: Bool
  /// Share of loans whose borrowers are affected, in [0, 1].
  public var share: Double
  public var end: End

  public init(
    windows: [MonthWindow], eligibleBelow: Int? = nil, excludeBlacklisted: Bool = false,
    share: Double = 1, end: End = .resume
  ) {
    self.windows = windows
    self.eligibleBelow = eligibleBelow
    self.excludeBlacklisted = excludeBlacklisted
    self.share = share
    self.end = end
  }
}

/// One set of assumptions for a delinquency projection.
public struct DelinquencyScenario: Hashable, Sendable {
  public var name: String
  /// Months to project.
  public var months: Int
  /// Loss given write-off, as a fraction of the written-off balance, in [0, 1].
  public var severity: Double
  /// Monthly scheduled principal of current loans as a fraction of their balance; nil: the
  /// cohorts' own (a loan book's schedule).
  public var amortization: Double?
  /// CPR by projection month for current loans: each month's `C → P` probability becomes its
  /// SMM (docs/risk-models.md §5), the rest of the row scaled; nil: the matrices' own.
  public var prepayment: RateCurve?
  public var stress: [StressWindow]
  public var forbearance: Forbearance?

  public init(
    name: String, months: Int, severity: Double = 0, amortization: Double? = nil,
    prepayment: RateCurve? = nil, stress: [StressWindow] = [], forbearance: Forbearance? = nil
  ) {
    self.name = name
    self.months = months
    self.severity = severity
    self.amortization = amortization
    self.prepayment = prepayment
    self.stress = stress
    self.forbearance = forbearance
  }
}
