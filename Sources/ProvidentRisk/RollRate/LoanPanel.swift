// A loan-month panel: one row per loan and month, the history roll rates are estimated from.
import ProvidentPortfolio

/// What happened to a loan in a panel month, besides its overdue count.
public enum PanelEvent: UInt8, Hashable, Sendable, CaseIterable {
  /// Still on the book.
  case none
  /// Repaid in full: prepaid or matured (结清); the row's balance is the amount repaid.
  case prepaid
  /// Written off from the risk reserve (核销); the row's balance is the amount written off.
  case writtenOff

  /// The word used in panel files: empty, `prepaid`, `written-off`.
  public var word: String {
    switch self {
    case .none: ""
    case .prepaid: "prepaid"
    case .writtenOff: "written-off"
    }
  }
}

/// A loan-month panel held as columns: one element per accepted row, in file order.
///
/// Format: `docs/file-formats.md` (“The loan-month panel format”). Within a loan, rows are
/// in month order (the reader rejects a row that is not); rows of different loans may interleave.
/// Amounts are integer fen.
public struct LoanPanel: Sendable {
  /// Names of the segment columns, in header order.
  public internal(set) var segmentColumns: [String] = []
  /// Distinct tuples of segment values (one value per segment column), in order of appearance.
  public internal(set) var segmentValues: [[String]] = []
  /// Loan ids, in order of appearance.
  public internal(set) var loanIDs: [String] = []

  /// 1-based line of each row in its file.
  public internal(set) var line: [Int32] = []
  /// Index into `loanIDs`.
  public internal(set) var loan: [Int32] = []
  /// `CalendarMonth.index` of each row.
  public internal(set) var month: [Int32] = []
  /// Periods (期) overdue at the end of the month.
  public internal(set) var overdue: [Int16] = []
  /// Balance at the end of the month, in fen (for an exit, the amount repaid or written off).
  public internal(set) var balanceFen: [Int64] = []
  public internal(set) var event: [PanelEvent] = []
  /// The centre's own cumulative count of overdue periods, or −1 when the panel has no
  /// `cumulative_overdue` column.
  public internal(set) var cumulativeOverdue: [Int16] = []
  /// Index into `segmentValues`.
  public internal(set) var segment: [Int32] = []

  public init() {}

  /// The number of rows.
  public var count: Int { loan.count }

  /// Whether the panel carries the centre's cumulative overdue counts.
  public var hasCumulativeOverdue: Bool { cumulativeOverdue.first.map { $0 >= 0 } ?? false }

  /// Row `r`'s month.
  public func calendarMonth(_ r: Int) -> CalendarMonth { CalendarMonth(index: Int(month[r])) }

  /// Row `r`'s value of segment column `name`, or nil when the panel has no such column.
  public func segmentValue(_ r: Int, column name: String) -> String? {
    segmentColumns.firstIndex(of: name).map { segmentValues[Int(segment[r])][$0] }
  }

  mutating func append(
    line: Int, loan: Int32, month: Int, overdue: Int, balance: Int64, event: PanelEvent,
    cumulative: Int, segment: Int32
  ) {
    self.line.append(Int32(truncatingIfNeeded: line))
    self.loan.append(loan)
    self.month.append(Int32(month))
    self.overdue.append(Int16(overdue))
    self.balanceFen.append(balance)
    self.event.append(event)
    self.cumulativeOverdue.append(Int16(cumulative))
    self.segment.append(segment)
  }
}

/// A panel as read: the accepted rows and every rejected row. `read = accepted + rejected`.
public struct PanelLoad: Sendable {
  public var panel: LoanPanel
  /// Data rows read (comment and blank lines and the header excluded).
  public var read: Int
  public var rejections: [BookRejection]

  public var accepted: Int { panel.count }
  public var rejected: Int { rejections.count }
}
