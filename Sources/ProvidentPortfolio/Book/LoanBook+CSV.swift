// Reading a loan book from CSV (format: docs/file-formats.md), streamed into columns.
import Foundation
import ProvidentCore

/// How a loan book is read.
public struct BookLoadOptions: Sendable {
  /// The as-of date; overrides the file's `# as_of: yyyy-mm-dd` line.
  public var asOf: LocalDate?
  /// Stop at the first rejected row (throwing a `BookError` that carries it).
  public var strict: Bool
  /// The rate tables used to derive a missing `rate` from the loan's rule.
  public var tables: RateTables

  public init(asOf: LocalDate? = nil, strict: Bool = false, tables: RateTables = .bundled) {
    self.asOf = asOf
    self.strict = strict
    self.tables = tables
  }
}

/// A loan book as read: the accepted loans and every rejected row. `read = accepted + rejected`.
public struct BookLoad: Sendable {
  public var book: LoanBook
  /// Data rows read (comment and blank lines and the header excluded).
  public var read: Int
  public var rejections: [BookRejection]

  public var accepted: Int { book.count }
  public var rejected: Int { rejections.count }
}

/// The columns of a loan book file.
enum _BookColumn: Int, CaseIterable {
  case loanID, product, home, principal, rate, lprSpread, repriceCycle, repriceAnchor, months
  case start, paymentDay, monthsPaid, method, balance, payment, overdue, region

  var name: String {
    switch self {
    case .loanID: "loan_id"
    case .product: "product"
    case .home: "home"
    case .principal: "principal"
    case .rate: "rate"
    case .lprSpread: "lpr_spread_bp"
    case .repriceCycle: "reprice_cycle"
    case .repriceAnchor: "reprice_anchor"
    case .months: "months"
    case .start: "start"
    case .paymentDay: "payment_day"
    case .monthsPaid: "months_paid"
    case .method: "method"
    case .balance: "balance"
    case .payment: "payment"
    case .overdue: "overdue"
    case .region: "region"
    }
  }

  static let required: [_BookColumn] = [
    .loanID, .product, .home, .principal, .months, .method, .balance, .overdue, .region,
  ]
}

extension LoanBook {
  /// Reads a loan book file, streaming it in blocks of 1 MiB into columns.
  ///
  /// Every data row is validated; a bad row is rejected with its line, column and reason and the
  /// rest are still read (`read = accepted + rejected`), unless `options.strict`.
  ///
  /// - Throws: `BookError` when the file cannot be opened, has no header, an unknown, repeated or
  ///   missing column, dated loans without an as-of date, or (strict) a bad row.
  /// - Complexity: O(bytes); about 10⁷ rows a second.
  public static func load(path: String, options: BookLoadOptions = .init()) throws(BookError)
    -> BookLoad
  {
    guard let file = fopen(path, "rb") else {
      throw BookError("cannot open \(path): \(String(cString: strerror(errno)))", kind: .unreadable)
    }
    defer { fclose(file) }
    var info = stat()
    let size = fstat(fileno(file), &info) == 0 ? Int(info.st_size) : 0
    // Rows of a book run to 80–100 bytes.
    var reader = _BookReader(options: options, expectedRows: max(1024, size / 80))
    var capacity = 1 << 20
    var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    defer { buffer.deallocate() }
    var filled = 0
    var atEnd = false
    while !atEnd {
      if filled == capacity {  // a line longer than the buffer: grow it
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
        bigger.update(from: buffer, count: filled)
        buffer.deallocate()
        buffer = bigger
        capacity *= 2
      }
      let n = fread(buffer + filled, 1, capacity - filled, file)
      if n == 0 {
        if ferror(file) != 0 { throw BookError("cannot read \(path)", kind: .unreadable) }
        atEnd = true
      }
      filled += n
      let used = try reader.consume(UnsafeBufferPointer(start: buffer, count: filled), final: atEnd)
      if used > 0 && used < filled {
        (buffer).update(from: buffer + used, count: filled - used)
      }
      filled -= used
    }
    return try reader.finish()
  }

  /// Reads a loan book from CSV text (the format of `load(path:options:)`).
  public static func parse(csv: String, options: BookLoadOptions = .init()) throws(BookError)
    -> BookLoad
  {
    var reader = _BookReader(options: options)
    var text = csv
    let failure = text.withUTF8 { (bytes) -> BookError? in
      do throws(BookError) {
        _ = try reader.consume(bytes, final: true)
        return nil
      } catch {
        return error
      }
    }
    if let failure { throw failure }
    return try reader.finish()
  }
}

/// The streaming reader: lines in, columns out.
struct _BookReader {
  let options: BookLoadOptions
  var book = LoanBook()
  var read = 0
  var rejections: [BookRejection] = []
  var lineNumber = 0
  var asOf: LocalDate?
  var asOfDay = 0
  var asOfMonth = 0
  /// Header position → column (nil: not yet read).
  var header: [_BookColumn]? = nil
  var position = [Int](repeating: -1, count: _BookColumn.allCases.count)
  /// Field boundaries of the current row and the header position of each column.
  let fields = _RowBuffers()
  /// Open addressing by id hash: `(loan index + 1) << 32 | upper half of the hash` (0 = empty), so
  /// that a probe compares bytes only when the hashes agree.
  var idTable: [UInt64]
  var regionTable = [Int32](repeating: 0, count: 1 << 10)
  var regionBytes: [[UInt8]] = []
  var calendar: _RateCalendar?
  var decisions: [(day: Int, units: Int64)] = []
  var sawBOM = false

  /// A reader; `expectedRows` sizes the columns and the id table up front.
  init(options: BookLoadOptions, expectedRows: Int = 1024) {
    self.options = options
    var slots = 1 << 12
    while slots < 2 * expectedRows { slots <<= 1 }
    idTable = [UInt64](repeating: 0, count: slots)
    if let asOf = options.asOf { setAsOf(asOf) }
    book.reserveCapacity(expectedRows)
  }

  mutating func setAsOf(_ date: LocalDate) {
    asOf = date
    book.asOf = date
    asOfDay = date.daysSinceEpoch
    asOfMonth = _Calendar.monthIndex(date)
  }

  /// Consumes the complete lines of `bytes` (all of it when `final`); returns the bytes used.
  mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool) throws(BookError) -> Int {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return 0 }
    var from = 0
    if !sawBOM && bytes.count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF {
      from = 3
    }
    sawBOM = true
    while from < bytes.count {
      let rest = bytes.count - from
      let nl = memchr(base + from, 0x0A, rest)
      var end: Int
      if let nl {
        end = base.distance(to: nl.assumingMemoryBound(to: UInt8.self))
      } else if final {
        end = bytes.count
      } else {
        break
      }
      let next = end + 1
      if end > from && base[end - 1] == 0x0D { end -= 1 }
      lineNumber += 1
      try line(base + from, end - from)
      from = next
    }
    return min(from, bytes.count)
  }

  func finish() throws(BookError) -> BookLoad {
    guard header != nil else { throw BookError("the book has no header row") }
    return BookLoad(book: book, read: read, rejections: rejections)
  }

  // MARK: - Lines

  mutating func line(_ p: UnsafePointer<UInt8>, _ n: Int) throws(BookError) {
    if n == 0 { return }
    if p[0] == UInt8(ascii: "#") {
      if header == nil {
        try directive(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))
      }
      return
    }
    if header == nil {
      try readHeader(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))
      return
    }
    read += 1
    if let (column, reason) = row(p, n) {
      let rejection = BookRejection(line: lineNumber, column: column, reason: reason)
      if options.strict {
        throw BookError(rejection.description, kind: .invalid, rejection: rejection)
      }
      rejections.append(rejection)
    }
  }

  /// `# as_of: 2025-12-31` before the header sets the as-of date (unless the options give one).
  mutating func directive(_ text: String) throws(BookError) {
    let body = text.dropFirst().trimmingCharacters(in: .whitespaces)
    for key in ["as_of:", "as-of:"] where body.hasPrefix(key) {
      let value = body.dropFirst(key.count).trimmingCharacters(in: .whitespaces)
      do {
        let date = try LocalDate(parsing: value)
        if options.asOf == nil { setAsOf(date) }
      } catch {
        throw BookError("line \(lineNumber): as_of \(error.description)")
      }
    }
  }

  mutating func readHeader(_ text: String) throws(BookError) {
    var columns: [_BookColumn] = []
    for (i, raw) in text.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
      let name = raw.trimmingCharacters(in: .whitespaces)
      guard let column = _BookColumn.allCases.first(where: { $0.name == name }) else {
        throw BookError(
          "line \(lineNumber): unknown column '\(name)'; the columns are "
            + _BookColumn.allCases.map(\.name).joined(separator: ", "))
      }
      guard position[column.rawValue] < 0 else {
        throw BookError("line \(lineNumber): column '\(name)' appears twice")
      }
      position[column.rawValue] = i
      columns.append(column)
    }
    guard columns.count <= _RowBuffers.capacity else {
      throw BookError(
        "line \(lineNumber): the header has more than \(_RowBuffers.capacity) columns")
    }
    for (c, i) in position.enumerated() { fields.position[c] = i }
    var missing = _BookColumn.required.filter { position[$0.rawValue] < 0 }.map(\.name)
    if position[_BookColumn.rate.rawValue] < 0 && position[_BookColumn.lprSpread.rawValue] < 0 {
      missing.append("rate (or lpr_spread_bp)")
    }
    if position[_BookColumn.start.rawValue] < 0 && position[_BookColumn.monthsPaid.rawValue] < 0 {
      missing.append("start (or months_paid)")
    }
    guard missing.isEmpty else {
      throw BookError(
        "line \(lineNumber): the header lacks column\(missing.count > 1 ? "s" : "") "
          + missing.joined(separator: ", "))
    }
    header = columns
  }

  // MARK: - Rows

  /// Validates and appends one data row; returns the column and reason when it is rejected.
  mutating func row(_ p: UnsafePointer<UInt8>, _ n: Int) -> (String?, String)? {
    let expected = header!.count
    var fields = 0
    var s = 0
    var quote = false
    for i in 0..<n {
      let c = p[i]
      if c == UInt8(ascii: ",") {
        if fields < _RowBuffers.capacity {
          self.fields.starts[fields] = s
          self.fields.ends[fields] = i
        }
        fields += 1
        s = i + 1
      } else if c == UInt8(ascii: "\"") {
        quote = true
      }
    }
    if fields < _RowBuffers.capacity {
      self.fields.starts[fields] = s
      self.fields.ends[fields] = n
    }
    fields += 1
    if quote { return (nil, "has a quote character: fields are not quoted in a loan book") }
    if fields < expected {
      return (
        header![fields].name,
        "is missing: the row has \(fields) field\(fields == 1 ? "" : "s") where the header has \(expected)"
      )
    }
    if fields > expected {
      return (nil, "has \(fields) fields where the header has \(expected)")
    }

    do {
      try accept(
        _Row(
          p: p, starts: self.fields.starts, ends: self.fields.ends, position: self.fields.position))
      return nil
    } catch {
      return (error.column, error.reason)
    }
  }

  /// Checks every field of `row` and appends the loan, or throws the first problem.
  mutating func accept(_ row: _Row) throws(_RowProblem) {
    let id = try row.required(.loanID)
    try row.check(id.count <= 64, .loanID, "must be at most 64 bytes (got \(id.count))")
    let idHash = _FieldParsing.hash(id.base, id.count)
    if let other = findID(id, hash: idHash) {
      throw _RowProblem(.loanID, "'\(id.text)' repeats the id of line \(book.line[other])")
    }
    let product = try row.word(.product, _Words.products, expected: "provident or commercial")
    let home = try row.word(.home, _Words.homes, expected: "first or second")
    let method = try row.word(
      .method, _Words.methods, expected: "equal-installment or equal-principal")

    let principalField = try row.required(.principal)
    let principal = try row.amount(.principal, principalField)
    try row.check(principal > 0, .principal, "must be greater than 0 (got \(principalField.text))")
    try row.check(
      principal <= Loan.maximumPrincipal.fen, .principal,
      "must be at most 10000000000 (100亿) (got \(principalField.text))")
    let balanceField = try row.required(.balance)
    let balance = try row.amount(.balance, balanceField)
    try row.check(
      balance > 0, .balance,
      "must be greater than 0 (got \(balanceField.text)); leave repaid loans out")
    try row.check(
      balance <= principal, .balance,
      "must not exceed the principal \(_yuanText(principal)) (got \(balanceField.text))")
    var payment: Int64 = -1
    if let f = row.optional(.payment) {
      payment = try row.amount(.payment, f)
      try row.check(payment > 0, .payment, "must be greater than 0 (got \(f.text))")
    }

    let monthsField = try row.required(.months)
    let months = try row.whole(.months, monthsField)
    try row.check(
      (1...Loan.maximumMonths).contains(months), .months,
      "must be between 1 and \(Loan.maximumMonths) (got \(monthsField.text))")
    var overdue = 0
    if let f = row.optional(.overdue) {
      overdue = try row.whole(.overdue, f)
      try row.check(
        (0...Loan.maximumMonths).contains(overdue), .overdue,
        "must be between 0 and \(Loan.maximumMonths) (got \(f.text))")
    }

    // The rate rule.
    var spread = Int32.min
    var cycle = 12
    var anchor = RepricingAnchor.januaryFirst
    if let f = row.optional(.lprSpread) {
      try row.check(
        product == .commercial, .lprSpread,
        "applies to commercial loans only (got \(f.text) on a provident loan)")
      let v = try row.whole(.lprSpread, f)
      try row.check(
        (-1000...1000).contains(v), .lprSpread,
        "must be between -1000 and 1000 basis points (got \(f.text))")
      spread = Int32(v)
    } else if product == .commercial {
      throw _RowProblem(
        .lprSpread, "is required for a commercial loan (LPR + spread, in basis points)")
    }
    if let f = row.optional(.repriceCycle) {
      cycle = try row.whole(.repriceCycle, f)
      try row.check(
        cycle == 3 || cycle == 6 || cycle == 12, .repriceCycle,
        "must be 3, 6 or 12 months (got \(f.text))")
    }
    if row.optional(.repriceAnchor) != nil {
      anchor = try row.word(.repriceAnchor, _Words.anchors, expected: "jan1 or anniversary")
    }
    var rate: Int64 = -1
    if let f = row.optional(.rate) {
      do {
        rate = try _FieldParsing.scaledDecimal(f, decimals: 6, suffix: UInt8(ascii: "%"))
      } catch {
        throw _RowProblem(.rate, error.message(f))
      }
      try row.check(
        rate >= 0 && rate <= Loan.maximumRate.units, .rate,
        "must be between 0 and 36 percent (got \(f.text)); rates are in percent: 3.1 means 3.1%")
    }

    // Dates: installments paid.
    var startDay = Int32.min
    var paymentDay = 0
    var paid = -1
    if let f = row.optional(.monthsPaid) {
      paid = try row.whole(.monthsPaid, f)
      try row.check(paid >= 0, .monthsPaid, "must be at least 0 (got \(f.text))")
    }
    if let f = row.optional(.start) {
      let day: Int
      do { day = try _FieldParsing.dayNumber(f) } catch {
        throw _RowProblem(.start, error.message(f))
      }
      guard let asOf else {
        throw _RowProblem(
          .start, "needs the book's as-of date: add '# as_of: yyyy-mm-dd' before the header")
      }
      try row.check(
        day <= asOfDay, .start, "must be on or before the as-of date \(asOf) (got \(f.text))")
      startDay = Int32(day)
      paymentDay = _Calendar.civil(day).day
      if let g = row.optional(.paymentDay) {
        paymentDay = try row.whole(.paymentDay, g)
        try row.check(
          (1...31).contains(paymentDay), .paymentDay, "must be between 1 and 31 (got \(g.text))")
      }
      let due = _Calendar.installmentsDue(startDay: day, paymentDay: paymentDay, asOf: asOf)
      try row.check(
        paid < 0 || paid == due, .monthsPaid,
        "disagrees with start \(f.text): \(due) installments fell due by the as-of date \(asOf) (got \(paid))"
      )
      paid = due
    } else if let g = row.optional(.paymentDay) {
      throw _RowProblem(.paymentDay, "needs a start date (got \(g.text))")
    }
    try row.check(paid >= 0, .start, "is empty, and so is months_paid: give one of them")
    try row.check(
      paid < months, startDay == Int32.min ? .monthsPaid : .start,
      "all \(months) installments fell due by the as-of date: the loan has matured (\(paid) paid)")
    let remaining = months - paid

    if rate < 0 {
      try row.check(startDay != Int32.min, .rate, "is required for an undated loan (no start date)")
      rate = try currentRate(
        product: product, home: home, spread: Int64(spread == Int32.min ? 0 : spread),
        cycle: cycle, anchor: anchor, startDay: Int(startDay), paymentDay: paymentDay,
        months: months, paid: paid)
    }

    // The installment must amortize the balance.
    if method == .equalPrincipal {
      let d = payment >= 0 ? payment : _Fen.quotient(balance, Int64(remaining))
      try row.check(
        d.multipliedReportingOverflow(by: Int64(remaining - 1)).partialValue <= balance,
        payment >= 0 ? .payment : .balance,
        "cannot be repaid in \(remaining) equal-principal installments of \(_yuanText(d)) (balance \(_yuanText(balance)))"
      )
    } else if payment >= 0 && remaining > 1 {
      let interest = _Fen.product(balance, rate, over: 12 * AnnualRate.unitsPerWhole)
      try row.check(
        payment > interest, .payment,
        "must exceed the month's interest \(_yuanText(interest)) on the balance (got \(_yuanText(payment)))"
      )
    }

    let regionField = try row.required(.region)
    try row.check(
      regionField.count <= 32, .region, "must be at most 32 bytes (got \(regionField.count))")
    try row.check(
      regionBytes.count < Int(UInt16.max) || knownRegion(regionField), .region,
      "is one region too many: a book holds at most \(UInt16.max) regions")

    // Accepted.
    let index = book.count
    insertID(index: index, hash: idHash)
    book.idBytes.append(contentsOf: UnsafeBufferPointer(start: id.base, count: id.count))
    book.idEnd.append(Int32(book.idBytes.count))
    book.line.append(Int32(truncatingIfNeeded: lineNumber))
    book.product.append(product)
    book.home.append(home)
    book.method.append(method)
    book.principalFen.append(principal)
    book.rateUnits.append(rate)
    book.spreadBasisPoints.append(spread)
    book.repricingCycle.append(UInt8(cycle))
    book.repricingAnchor.append(anchor)
    book.months.append(Int16(months))
    book.startDay.append(startDay)
    book.paymentDay.append(UInt8(paymentDay))
    book.monthsPaid.append(Int16(paid))
    book.balanceFen.append(balance)
    book.paymentFen.append(payment)
    book.periodsOverdue.append(Int16(overdue))
    book.region.append(regionIndex(regionField))
  }

  /// The rate in force for installment `paid + 1`: the rule's path through the last paid due date.
  mutating func currentRate(
    product: LoanProduct, home: HomeOrder, spread: Int64, cycle: Int, anchor: RepricingAnchor,
    startDay: Int, paymentDay: Int, months: Int, paid: Int
  ) throws(_RowProblem) -> Int64 {
    if calendar == nil { calendar = _RateCalendar(tables: options.tables) }
    decisions.removeAll(keepingCapacity: true)
    do {
      var rate = try calendar!.decisions(
        product: product, home: home, spread: spread, cycle: cycle, anchor: anchor,
        startDay: startDay, paymentDay: paymentDay, months: months, after: startDay,
        into: &decisions)
      let start = _Calendar.civil(startDay)
      let lastDue =
        paid == 0
        ? startDay : _Calendar.dayNumber(monthIndex: start.monthIndex + paid, day: paymentDay)
      for d in decisions where d.day < lastDue { rate = d.units }
      return rate
    } catch {
      let date = LocalDate(daysSinceEpoch: startDay)
      let reason =
        switch error {
        case .noProvidentRate: "is empty and the tables have no provident rate on \(date)"
        case .noLPR: "is empty and the tables have no LPR on or before \(date)"
        case .negativeRate(let day, let units):
          "is empty and LPR + spread is negative (\(_percentText(units))) on \(LocalDate(daysSinceEpoch: day))"
        case .badCycle(let c): "is empty and the repricing cycle \(c) is not 3, 6 or 12"
        }
      throw _RowProblem(.rate, reason)
    }
  }

  // MARK: - Ids and regions

  func findID(_ id: _Field, hash: UInt64) -> Int? {
    let mask = idTable.count - 1
    let print = hash >> 32
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let entry = idTable[slot]
      if entry == 0 { return nil }
      if entry & 0xFFFF_FFFF == print {
        let i = Int(entry >> 32) - 1
        let from = i == 0 ? 0 : Int(book.idEnd[i - 1])
        let to = Int(book.idEnd[i])
        if to - from == id.count {
          var same = true
          for j in 0..<id.count where book.idBytes[from + j] != id[j] {
            same = false
            break
          }
          if same { return i }
        }
      }
      slot = (slot + 1) & mask
    }
  }

  mutating func insertID(index: Int, hash: UInt64) {
    if (index + 1) * 2 > idTable.count { growIDs() }
    place(&idTable, index: index, hash: hash)
  }

  func place(_ table: inout [UInt64], index: Int, hash: UInt64) {
    let mask = table.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while table[slot] != 0 { slot = (slot + 1) & mask }
    table[slot] = UInt64(index + 1) << 32 | hash >> 32
  }

  mutating func growIDs() {
    var table = [UInt64](repeating: 0, count: idTable.count * 4)
    book.idBytes.withUnsafeBufferPointer { bytes in
      for i in 0..<book.count {
        let from = i == 0 ? 0 : Int(book.idEnd[i - 1])
        place(
          &table, index: i,
          hash: _FieldParsing.hash(bytes.baseAddress! + from, Int(book.idEnd[i]) - from))
      }
    }
    idTable = table
  }

  func knownRegion(_ f: _Field) -> Bool { regionBytes.contains { f.equals($0) } }

  mutating func regionIndex(_ f: _Field) -> UInt16 {
    let h = _FieldParsing.hash(f.base, f.count)
    let mask = regionTable.count - 1
    var slot = Int(truncatingIfNeeded: h) & mask
    while regionTable[slot] != 0 {
      let i = Int(regionTable[slot]) - 1
      if f.equals(regionBytes[i]) { return UInt16(i) }
      slot = (slot + 1) & mask
    }
    let bytes = Array(UnsafeBufferPointer(start: f.base, count: f.count))
    regionBytes.append(bytes)
    book.regionNames.append(String(decoding: bytes, as: UTF8.self))
    regionTable[slot] = Int32(regionBytes.count)
    if regionBytes.count * 2 > regionTable.count {
      regionTable = [Int32](repeating: 0, count: regionTable.count * 4)
      let m = regionTable.count - 1
      for (i, b) in regionBytes.enumerated() {
        let hh = b.withUnsafeBufferPointer { _FieldParsing.hash($0.baseAddress!, $0.count) }
        var s = Int(truncatingIfNeeded: hh) & m
        while regionTable[s] != 0 { s = (s + 1) & m }
        regionTable[s] = Int32(i + 1)
      }
    }
    return UInt16(regionBytes.count - 1)
  }
}

/// The words a loan book accepts in its enumerated columns.
enum _Words {
  static let products: [(StaticString, LoanProduct)] = [
    ("provident", .provident), ("公积金", .provident), ("commercial", .commercial),
    ("商业", .commercial),
  ]
  static let homes: [(StaticString, HomeOrder)] = [("first", .first), ("second", .second)]
  static let methods: [(StaticString, RepaymentMethod)] = [
    ("equal-installment", .equalInstallment), ("等额本息", .equalInstallment),
    ("equal-principal", .equalPrincipal), ("等额本金", .equalPrincipal),
  ]
  static let anchors: [(StaticString, RepricingAnchor)] = [
    ("jan1", .januaryFirst), ("anniversary", .anniversary),
  ]
}

/// Why a row is rejected: the column (nil for the row as a whole) and the rule broken.
struct _RowProblem: Error {
  let column: String?
  let reason: String
  init(_ column: _BookColumn?, _ reason: String) {
    self.column = column?.name
    self.reason = reason
  }
}

/// The fields of one data row, by column.
/// Buffers the reader reuses for every row.
final class _RowBuffers {
  static let capacity = 64
  let starts = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
  let ends = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
  let position = UnsafeMutablePointer<Int>.allocate(capacity: _BookColumn.allCases.count)

  init() { position.initialize(repeating: -1, count: _BookColumn.allCases.count) }

  deinit {
    starts.deallocate()
    ends.deallocate()
    position.deallocate()
  }
}

struct _Row {
  let p: UnsafePointer<UInt8>
  let starts: UnsafeMutablePointer<Int>
  let ends: UnsafeMutablePointer<Int>
  let position: UnsafeMutablePointer<Int>

  /// The field of `column`, spaces trimmed; nil when the header has no such column.
  @inline(__always)
  func field(_ column: _BookColumn) -> _Field? {
    let i = position[column.rawValue]
    guard i >= 0 else { return nil }
    var lo = starts[i]
    var hi = ends[i]
    while lo < hi && p[lo] == UInt8(ascii: " ") { lo += 1 }
    while hi > lo && p[hi - 1] == UInt8(ascii: " ") { hi -= 1 }
    return _Field(base: p + lo, count: hi - lo)
  }

  /// The field when it is not empty.
  @inline(__always)
  func optional(_ column: _BookColumn) -> _Field? {
    guard let f = field(column), !f.isEmpty else { return nil }
    return f
  }

  @inline(__always)
  func required(_ column: _BookColumn) throws(_RowProblem) -> _Field {
    guard let f = optional(column) else { throw _RowProblem(column, "is empty") }
    return f
  }

  @inline(__always)
  func check(_ condition: Bool, _ column: _BookColumn, _ reason: @autoclosure () -> String)
    throws(_RowProblem)
  {
    if !condition { throw _RowProblem(column, reason()) }
  }

  /// An amount in yuan with at most two decimals, as fen.
  @inline(__always)
  func amount(_ column: _BookColumn, _ f: _Field) throws(_RowProblem) -> Int64 {
    do { return try _FieldParsing.scaledDecimal(f, decimals: 2) } catch {
      throw _RowProblem(column, error.message(f))
    }
  }

  @inline(__always)
  func whole(_ column: _BookColumn, _ f: _Field) throws(_RowProblem) -> Int {
    do { return try _FieldParsing.integer(f) } catch { throw _RowProblem(column, error.message(f)) }
  }

  /// One of a few words.
  @inline(__always)
  func word<T>(_ column: _BookColumn, _ words: [(StaticString, T)], expected: String)
    throws(_RowProblem) -> T
  {
    let f = try required(column)
    for (w, value) in words where f.equals(w) { return value }
    throw _RowProblem(column, "must be \(expected) (got '\(f.text)')")
  }
}
