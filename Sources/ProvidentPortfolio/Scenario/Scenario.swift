// One set of assumptions to project a loan book under.
import ProvidentCore

/// A change to the national rate tables in a scenario: a future provident table row or LPR
/// publication, given as new rates or as a shift of the rates then in force.
public struct TableChange: Hashable, Sendable {
  public enum Table: String, Hashable, Sendable {
    /// `datasets/rates/provident-loan.csv`: a new row effective on the date.
    case provident
    /// `datasets/rates/lpr.csv`: a publication on the date.
    case lpr
  }

  public var table: Table
  public var date: LocalDate
  /// The new rates: provident `[first ≤5y, first >5y, second ≤5y, second >5y]`, LPR
  /// `[1-year, 5-year+]`; nil to shift the rates in force on `date` by `shiftBasisPoints`.
  public var rates: [AnnualRate]?
  public var shiftBasisPoints: Int64

  public init(
    table: Table, date: LocalDate, rates: [AnnualRate]? = nil, shiftBasisPoints: Int64 = 0
  ) {
    self.table = table
    self.date = date
    self.rates = rates
    self.shiftBasisPoints = shiftBasisPoints
  }
}

/// How loans are repriced in a scenario (docs/conventions.md §4).
public enum RateScenario: Hashable, Sendable {
  /// Every loan keeps its current rate.
  case frozen
  /// The bundled tables plus these future rows; provident loans reprice on the first 1 January
  /// after a change, commercial loans to LPR + spread on their cycle.
  case tables([TableChange])
}

/// The assumptions of one projection: prepayment, default, loss and rates.
///
/// Each month, for each loan with opening balance `B` (SPEC ledger order, docs/conventions.md §2):
/// ```
///   default      D  = MDR · B                    (loans `defaultAfterOverdue` periods overdue: D = B in month 1)
///   performing   B' = B − D                      (the installment is re-amortized on B')
///   interest     I  = B' · a / 12                (docs/conventions.md §3–4 per-day rules at a rate change)
///   scheduled    S  = A − I   (equal installment) or d (equal principal); the last installment S = B'
///   prepayment   P  = SMM · (B' − S)             (keep-term: the installment falls in proportion)
///   closing          B' − S − P
///   loss         L  = severity · D, booked `recoveryLagMonths` later
/// ```
public struct Scenario: Hashable, Sendable {
  public var name: String
  /// CPR through time.
  public var prepayment: RateCurve
  /// CDR through time.
  public var defaults: RateCurve
  /// Loss given default, as a fraction of the defaulted balance, in [0, 1].
  public var severity: Double
  /// Months from default to the loss being booked.
  public var recoveryLagMonths: Int
  public var rates: RateScenario
  /// Loans at least this many periods overdue at the as-of date default in month 1; nil: never.
  public var defaultAfterOverdue: Int?
  /// Months to project; nil: until the last loan is repaid.
  public var horizonMonths: Int?

  public init(
    name: String, prepayment: RateCurve = .zero, defaults: RateCurve = .zero,
    severity: Double = 0, recoveryLagMonths: Int = 0, rates: RateScenario = .tables([]),
    defaultAfterOverdue: Int? = 3, horizonMonths: Int? = nil
  ) {
    self.name = name
    self.prepayment = prepayment
    self.defaults = defaults
    self.severity = severity
    self.recoveryLagMonths = recoveryLagMonths
    self.rates = rates
    self.defaultAfterOverdue = defaultAfterOverdue
    self.horizonMonths = horizonMonths
  }

  /// Scheduled cash flows only: no prepayment, no default, rates as the tables set them.
  public static let scheduled = Scenario(name: "scheduled", defaultAfterOverdue: nil)
}
