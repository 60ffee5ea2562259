// Reading a loan-month panel from CSV (format: docs/file-formats.md), row by row.
import Foundation
import ProvidentPortfolio

/// A panel that cannot be read at all: no such file, no header, an unknown, repeated or missing
/// column, or (strict) the first rejected row.
public typealias PanelError = BookError

extension LoanPanel {
  /// Whether the CSV file's header names a `month` column (a panel) rather than a book's: the
  /// first line that is neither empty nor a `#` comment, within the file's first 64 KiB.
  ///
  /// - Throws: `PanelError` (`.unreadable`) when the file cannot be opened.
  public static func isPanel(path: String) throws(PanelError) -> Bool {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw PanelError(
        "cannot open \(path): \(String(cString: strerror(errno)))", kind: .unreadable)
    }
    defer { try? handle.close() }
    let head = String(decoding: handle.readData(ofLength: 1 << 16), as: UTF8.self)
    guard
      let header = head.split(separator: "\n").first(where: { !$0.hasPrefix("#") && !$0.isEmpty })
    else {
      return false
    }
    return header.split(separator: ",").contains {
      $0.trimmingCharacters(in: .whitespacesAndNewlines) == "month"
    }
  }

  /// The columns every panel has.
  public static let requiredColumns = ["loan_id", "month", "overdue", "balance"]
  /// Optional columns with a meaning; any other column is a segment column.
  public static let optionalColumns = ["event", "cumulative_overdue"]

  /// Reads a panel file, 1 MiB at a time.
  ///
  /// Every row is checked; a bad row is rejected with its line, column and reason and the others
  /// are read (`read = accepted + rejected`), unless `strict`. A rejected row does not count as
  /// the loan's previous row for the checks of its next one.
  ///
  /// - Throws: `PanelError` when the file cannot be opened or has no usable header, or (strict)
  ///   on the first bad row.
  public static func load(path: String, strict: Bool = false) throws(PanelError) -> PanelLoad {
    var reader = _PanelReader(strict: strict)
    do {
      try _LineReader.lines(path: path) { (p, n, number) throws(PanelError) in
        try reader.line(p, n, number)
      }
    } catch {
      switch error {
      case .io(let message): throw PanelError(message, kind: .unreadable)
      case .body(let e): throw e
      }
    }
    return try reader.finish()
  }

  /// Reads a panel from CSV text (the format of `load(path:strict:)`).
  public static func parse(csv: String, strict: Bool = false) throws(PanelError) -> PanelLoad {
    var reader = _PanelReader(strict: strict)
    try _LineReader.lines(text: csv) { (p, n, number) throws(PanelError) in
      try reader.line(p, n, number)
    }
    return try reader.finish()
  }
}

/// The streaming panel reader: lines in, columns out, with each loan's last accepted row.
struct _PanelReader {
  let strict: Bool
  var panel = LoanPanel()
  var read = 0
  var rejections: [BookRejection] = []
  var names: [String]? = nil
  /// Column positions: loan_id, month, overdue, balance, event, cumulative_overdue (−1: absent).
  var position = [Int](repeating: -1, count: 6)
  var segmentPositions: [Int] = []
  var loans: [String: Int32] = [:]
  var segments: [[String]: Int32] = [:]
  /// Per loan: its last accepted row.
  var lastRow: [Int32] = []
  var fields: [_Field] = []

  init(strict: Bool) { self.strict = strict }

  mutating func line(_ p: UnsafePointer<UInt8>, _ n: Int, _ number: Int) throws(PanelError) {
    if n == 0 || p[0] == UInt8(ascii: "#") { return }
    split(p, n)
    if names == nil {
      try header(number)
      return
    }
    read += 1
    if let (column, reason) = row(number) {
      let rejection = BookRejection(line: number, column: column, reason: reason)
      if strict { throw PanelError(rejection.description, rejection: rejection) }
      rejections.append(rejection)
    }
  }

  func finish() throws(PanelError) -> PanelLoad {
    guard names != nil else { throw PanelError("the panel has no header row") }
    return PanelLoad(panel: panel, read: read, rejections: rejections)
  }

  /// Splits a line at commas into `fields`, spaces around each field trimmed.
  mutating func split(_ p: UnsafePointer<UInt8>, _ n: Int) {
    fields.removeAll(keepingCapacity: true)
    var s = 0
    for i in 0...n where i == n || p[i] == UInt8(ascii: ",") {
      var lo = s
      var hi = i
      while lo < hi && (p[lo] == UInt8(ascii: " ") || p[lo] == UInt8(ascii: "\t")) { lo += 1 }
      while hi > lo && (p[hi - 1] == UInt8(ascii: " ") || p[hi - 1] == UInt8(ascii: "\t")) {
        hi -= 1
      }
      fields.append(_Field(base: p + lo, count: hi - lo))
      s = i + 1
    }
  }

  mutating func header(_ number: Int) throws(PanelError) {
    let known = LoanPanel.requiredColumns + LoanPanel.optionalColumns
    var seen: [String] = []
    for (i, f) in fields.enumerated() {
      let name = String(decoding: UnsafeBufferPointer(start: f.base, count: f.count), as: UTF8.self)
      guard !seen.contains(name) else {
        throw PanelError("line \(number): column '\(name)' appears twice")
      }
      seen.append(name)
      if let k = known.firstIndex(of: name) {
        position[k] = i
      } else {
        guard !name.isEmpty, name.count <= 32,
          name.utf8.allSatisfy({
            ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F
          })
        else {
          throw PanelError(
            "line \(number): '\(name)' is not a column of a panel: the columns are "
              + known.joined(separator: ", ")
              + " and segment columns named with a-z, 0-9 and _ (at most 32)")
        }
        panel.segmentColumns.append(name)
        segmentPositions.append(i)
      }
    }
    let missing = LoanPanel.requiredColumns.indices.filter { position[$0] < 0 }
      .map { LoanPanel.requiredColumns[$0] }
    guard missing.isEmpty else {
      throw PanelError(
        "line \(number): the header lacks column\(missing.count > 1 ? "s" : "") "
          + missing.joined(separator: ", "))
    }
    names = seen
  }

  // MARK: - Rows

  func field(_ k: Int) -> _Field? { position[k] >= 0 ? fields[position[k]] : nil }

  /// Checks one row and appends it; returns the column and reason when it is rejected.
  mutating func row(_ number: Int) -> (String?, String)? {
    let expected = names!.count
    if fields.count != expected {
      return fields.count < expected
        ? (
          names![fields.count],
          "is missing: the row has \(fields.count) fields where the header has \(expected)"
        )
        : (nil, "has \(fields.count) fields where the header has \(expected)")
    }
    do {
      try accept(number)
      return nil
    } catch {
      return (error.column, error.reason)
    }
  }

  mutating func accept(_ number: Int) throws(_PanelProblem) {
    // loan_id: 1–64 of letters, digits, - _ . /
    let id = field(0)!
    let idOK =
      id.count >= 1 && id.count <= 64
      && (0..<id.count).allSatisfy { i in
        let c = id[i]
        return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
          || c == 0x2D || c == 0x5F || c == 0x2E || c == 0x2F
      }
    guard idOK else {
      throw _PanelProblem(
        "loan_id",
        id.isEmpty
          ? "is empty"
          : "'\(id.text)' is not a loan id: use 1–64 letters, digits, '-', '_', '.' or '/'")
    }
    let monthField = field(1)!
    let month: CalendarMonth
    do {
      month = try CalendarMonth(parsing: monthField.string)
    } catch {
      throw _PanelProblem("month", monthField.isEmpty ? "is empty" : error.message)
    }
    let overdueField = field(2)!
    guard !overdueField.isEmpty else { throw _PanelProblem("overdue", "is empty") }
    let overdue: Int
    do { overdue = try _FieldParsing.integer(overdueField) } catch {
      throw _PanelProblem("overdue", error.message(overdueField))
    }
    guard overdue >= 0 else {
      throw _PanelProblem(
        "overdue", "must be a whole number of periods ≥ 0 (got \(overdueField.text))")
    }
    guard overdue <= DelinquencyStates.maximumEdge else {
      throw _PanelProblem(
        "overdue",
        "must be at most \(DelinquencyStates.maximumEdge) periods (got \(overdueField.text))")
    }
    let balanceField = field(3)!
    guard !balanceField.isEmpty else { throw _PanelProblem("balance", "is empty") }
    let balance: Int64
    do { balance = try _FieldParsing.scaledDecimal(balanceField, decimals: 2) } catch {
      throw _PanelProblem("balance", error.message(balanceField))
    }
    guard balance >= 0 else {
      throw _PanelProblem("balance", "must be ≥ 0 yuan (got \(balanceField.text))")
    }
    var event = PanelEvent.none
    if let f = field(4), !f.isEmpty {
      if f.equals("prepaid") || f.equals("matured") || f.equals("结清") {
        event = .prepaid
      } else if f.equals("written-off") || f.equals("核销") {
        event = .writtenOff
      } else {
        throw _PanelProblem(
          "event", "must be empty, prepaid (or matured) or written-off (got '\(f.text)')")
      }
    }
    var cumulative = -1
    if let f = field(5) {
      guard !f.isEmpty else { throw _PanelProblem("cumulative_overdue", "is empty") }
      do { cumulative = try _FieldParsing.integer(f) } catch {
        throw _PanelProblem("cumulative_overdue", error.message(f))
      }
      guard cumulative >= overdue, cumulative <= Int(Int16.max) else {
        throw _PanelProblem(
          "cumulative_overdue",
          "must be at least the periods overdue now, \(overdue), and at most \(Int16.max) (got \(f.text))"
        )
      }
    }
    var values: [String] = []
    values.reserveCapacity(segmentPositions.count)
    for (k, pos) in segmentPositions.enumerated() {
      let f = fields[pos]
      guard !f.isEmpty else {
        throw _PanelProblem(panel.segmentColumns[k], "is empty: every row needs its segment values")
      }
      guard f.count <= 32 else {
        throw _PanelProblem(panel.segmentColumns[k], "must be at most 32 bytes (got \(f.count))")
      }
      values.append(f.string)
    }

    // The loan's history.
    let idText = id.string
    let loanIndex = loans[idText]
    if let loanIndex {
      let last = Int(lastRow[Int(loanIndex)])
      let lastMonth = panel.calendarMonth(last)
      let lastLine = panel.line[last]
      if panel.event[last] != .none {
        throw _PanelProblem(
          "month",
          "loan \(idText) left the panel (\(panel.event[last].word)) in \(lastMonth), line \(lastLine): no row may follow"
        )
      }
      guard month > lastMonth else {
        throw _PanelProblem(
          "month",
          "\(month) is not after this loan's previous row (\(lastMonth), line \(lastLine)): a loan's rows must be in month order"
        )
      }
      let lastOverdue = Int(panel.overdue[last])
      if month.index == lastMonth.index + 1 && overdue > lastOverdue + 1 {
        throw _PanelProblem(
          "overdue",
          "rose from \(lastOverdue) to \(overdue) between \(lastMonth) and \(month): a loan falls at most one period further behind a month"
        )
      }
      let lastCumulative = Int(panel.cumulativeOverdue[last])
      if cumulative >= 0 && cumulative < lastCumulative {
        throw _PanelProblem(
          "cumulative_overdue",
          "fell from \(lastCumulative) (\(lastMonth), line \(lastLine)) to \(cumulative): a cumulative count never falls"
        )
      }
    }

    // Accepted.
    let loan: Int32
    if let loanIndex {
      loan = loanIndex
    } else {
      loan = Int32(panel.loanIDs.count)
      loans[idText] = loan
      panel.loanIDs.append(idText)
      lastRow.append(0)
    }
    let segment: Int32
    if let s = segments[values] {
      segment = s
    } else {
      segment = Int32(panel.segmentValues.count)
      segments[values] = segment
      panel.segmentValues.append(values)
    }
    lastRow[Int(loan)] = Int32(panel.count)
    panel.append(
      line: number, loan: loan, month: month.index, overdue: overdue, balance: balance,
      event: event,
      cumulative: cumulative, segment: segment)
  }
}

/// Why a panel row is rejected.
struct _PanelProblem: Error {
  let column: String?
  let reason: String
  init(_ column: String?, _ reason: String) {
    self.column = column
    self.reason = reason
  }
}

extension _Field {
  /// The whole field as a String.
  var string: String {
    String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
  }
}
