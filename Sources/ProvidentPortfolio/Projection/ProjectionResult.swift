// What a projection produces: monthly aggregates per scenario and per segment.
import ProvidentCore

/// The book's (or a segment's) cash flows in one month of a projection.
public struct MonthlyFlows: Hashable, Sendable {
  /// Projection month: 1 is the first installment after the as-of date.
  public var month: Int
  /// Principal repaid by installments (including each loan's last).
  public var scheduledPrincipal: Money
  public var interest: Money
  /// Principal prepaid beyond the installments.
  public var prepayment: Money
  /// Balance of loans that defaulted this month.
  public var defaults: Money
  /// Loss booked this month (severity × defaults of `recoveryLagMonths` before).
  public var loss: Money
  /// Balance at the end of the month.
  public var balance: Money
  /// Loans still open at the end of the month: with prepayment and default, the expected number
  /// (each loan weighted by its surviving fraction).
  public var activeLoans: Double
}

/// Sums over a projection.
public struct FlowTotals: Hashable, Sendable {
  public var scheduledPrincipal: Money
  public var interest: Money
  public var prepayment: Money
  public var defaults: Money
  public var loss: Money
  /// Balance at the as-of date.
  public var openingBalance: Money
  /// Balance at the end of the last month projected (0 when run to the end).
  public var closingBalance: Money
}

/// Monthly flows and their totals.
public struct FlowSeries: Hashable, Sendable {
  public var months: [MonthlyFlows]
  public var totals: FlowTotals
}

extension FlowSeries {
  /// The months in consecutive runs of `length` (12: projection years; the last run may be
  /// shorter): flows added up, balance and active loans as at the run's last month, and `month`
  /// that last month's number.
  ///
  /// - Precondition: `length > 0`.
  public func aggregated(every length: Int) -> [MonthlyFlows] {
    precondition(length > 0, "a run of months must have at least one month")
    return stride(from: 0, to: months.count, by: length).map { start in
      let run = months[start..<min(start + length, months.count)]
      let sum = { (flow: (MonthlyFlows) -> Money) in run.reduce(Money.zero) { $0 + flow($1) } }
      var total = run.last!
      total.scheduledPrincipal = sum(\.scheduledPrincipal)
      total.interest = sum(\.interest)
      total.prepayment = sum(\.prepayment)
      total.defaults = sum(\.defaults)
      total.loss = sum(\.loss)
      return total
    }
  }
}

/// One segment's flows.
public struct SegmentFlows: Hashable, Sendable {
  public var segment: Segment
  public var loans: Int
  public var flows: FlowSeries

  package init(segment: Segment, loans: Int, flows: FlowSeries) {
    self.segment = segment
    self.loans = loans
    self.flows = flows
  }
}

/// One scenario's projection: the whole book, and each segment when segmented.
public struct ScenarioProjection: Hashable, Sendable {
  public var name: String
  /// Months from a default to its loss (the scenario's), to place recoveries.
  public var recoveryLagMonths: Int
  public var book: FlowSeries
  /// Empty unless the projection is segmented.
  public var segments: [SegmentFlows]
}

/// How amounts are computed.
public enum ProjectionMode: String, Hashable, Sendable, CaseIterable {
  /// Integer fen, every amount rounded as it is booked: each loan's scheduled flows equal its
  /// ledger (`Loan.schedule()`) to the fen.
  case exact
  /// Double precision, unrounded, eight loans per instruction: the `exact` convention's formulas
  /// (docs/conventions.md §1) at machine speed. Totals agree with `exact` within rounding effects.
  case fast
}

/// A projection of a loan book under several scenarios.
public struct PortfolioProjection: Hashable, Sendable {
  public var mode: ProjectionMode
  public var asOf: LocalDate?
  public var loans: Int
  public var scenarios: [ScenarioProjection]
}
