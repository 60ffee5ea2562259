// The national rate tables of datasets/rates/: provident loan rates, the LPR and the deposit rate.

/// First or second home (首套 / 二套): provident loan rates differ by it.
public enum HomeOrder: String, Hashable, Sendable, CaseIterable {
  case first, second
}

/// One row of `datasets/rates/provident-loan.csv`: the national provident loan rates from a date.
public struct ProvidentRateRow: Hashable, Sendable {
  public let effective: LocalDate
  public let firstUpTo5Years: AnnualRate
  public let firstOver5Years: AnnualRate
  public let secondUpTo5Years: AnnualRate
  public let secondOver5Years: AnnualRate
  public let verified: Bool
  public let source: String
  public let note: String

  /// The rate for a home and a contract term: ≤ 60 months is the "5 years or less" bucket.
  public func rate(home: HomeOrder, contractMonths: Int) -> AnnualRate {
    switch (home, contractMonths <= 60) {
    case (.first, true): firstUpTo5Years
    case (.first, false): firstOver5Years
    case (.second, true): secondUpTo5Years
    case (.second, false): secondOver5Years
    }
  }
}

/// One row of `datasets/rates/lpr.csv`: the loan prime rate published on a date.
public struct LPRRow: Hashable, Sendable {
  public let date: LocalDate
  public let oneYear: AnnualRate
  public let fiveYearPlus: AnnualRate
  public let source: String
}

/// One row of `datasets/rates/provident-deposit.csv`: the account (deposit) rate from a date.
public struct DepositRateRow: Hashable, Sendable {
  public let effective: LocalDate
  public let currentYear: AnnualRate
  public let carriedOver: AnnualRate
  public let verified: Bool
  public let source: String
  public let note: String
}

/// A reference-data file that does not follow its schema: the file, the line, the column and why.
public struct DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
  public let file: String
  public let line: Int
  public let column: String?
  public let reason: String

  public init(file: String, line: Int, column: String?, reason: String) {
    self.file = file
    self.line = line
    self.column = column
    self.reason = reason
  }

  public var description: String {
    "\(file):\(line)" + (column.map { ": column \($0)" } ?? "") + ": \(reason)"
  }
}

/// The national rate tables, in date order.
public struct RateTables: Hashable, Sendable {
  public let provident: [ProvidentRateRow]
  public let lpr: [LPRRow]
  public let deposit: [DepositRateRow]

  /// The tables `gjj` carries, read from `datasets/rates/` at build time. Every shipped file is
  /// validated by the tests, so reading them cannot fail in a released binary.
  public static let bundled: RateTables = {
    do {
      return try RateTables(
        providentCSV: EmbeddedDatasets.files["rates/provident-loan.csv"] ?? "",
        lprCSV: EmbeddedDatasets.files["rates/lpr.csv"] ?? "",
        depositCSV: EmbeddedDatasets.files["rates/provident-deposit.csv"] ?? "")
    } catch {
      fatalError("datasets/rates is invalid: \(error)")
    }
  }()

  /// Reads the three tables from CSV text in the format of `datasets/rates/` (see its README).
  ///
  /// - Throws: `DatasetError` naming the file, line and column of the first problem: a missing
  ///   column, a bad date or rate, dates out of order, a negative rate.
  public init(providentCSV: String, lprCSV: String, depositCSV: String) throws(DatasetError) {
    let p = try _CSVTable(text: providentCSV, file: "rates/provident-loan.csv")
    provident = try p.rows { (r) throws(DatasetError) in
      ProvidentRateRow(
        effective: try r.date("effective"),
        firstUpTo5Years: try r.rate("first_le5y"), firstOver5Years: try r.rate("first_gt5y"),
        secondUpTo5Years: try r.rate("second_le5y"), secondOver5Years: try r.rate("second_gt5y"),
        verified: try r.verified("verified"), source: try r.text("source", required: true),
        note: try r.text("note"))
    }
    try p.checkIncreasing(provident.map(\.effective), column: "effective")

    let l = try _CSVTable(text: lprCSV, file: "rates/lpr.csv")
    lpr = try l.rows { (r) throws(DatasetError) in
      LPRRow(
        date: try r.date("date"), oneYear: try r.rate("one_year"),
        fiveYearPlus: try r.rate("five_year_plus"), source: try r.text("source", required: true))
    }
    try l.checkIncreasing(lpr.map(\.date), column: "date")

    let d = try _CSVTable(text: depositCSV, file: "rates/provident-deposit.csv")
    deposit = try d.rows { (r) throws(DatasetError) in
      DepositRateRow(
        effective: try r.date("effective"), currentYear: try r.rate("current_year"),
        carriedOver: try r.rate("carried_over"), verified: try r.verified("verified"),
        source: try r.text("source", required: true), note: try r.text("note"))
    }
    try d.checkIncreasing(deposit.map(\.effective), column: "effective")
  }

  /// The provident rate row in force on `date` (the latest effective on or before it).
  public func providentRow(on date: LocalDate) -> ProvidentRateRow? {
    provident.last { $0.effective <= date }
  }

  /// The latest LPR published on or before `date`, or strictly before it.
  public func lprRow(on date: LocalDate, strictlyBefore: Bool = false) -> LPRRow? {
    lpr.last { strictlyBefore ? $0.date < date : $0.date <= date }
  }
}

// MARK: - A small reader for the CSV files of datasets/ (no quoting; '#' lines are comments)

struct _CSVTable {
  let file: String
  let header: [String]
  let lines: [(number: Int, fields: [String])]

  init(text: String, file: String) throws(DatasetError) {
    self.file = file
    var header: [String]? = nil
    var lines: [(Int, [String])] = []
    for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
      if line.isEmpty || line.hasPrefix("#") { continue }
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      if header == nil {
        header = fields
      } else {
        lines.append((i + 1, fields))
      }
    }
    guard let header else {
      throw DatasetError(file: file, line: 0, column: nil, reason: "has no header row")
    }
    self.header = header
    self.lines = lines
  }

  struct Row {
    let table: _CSVTable
    let number: Int
    let fields: [String]

    func error(_ column: String?, _ reason: String) -> DatasetError {
      DatasetError(file: table.file, line: number, column: column, reason: reason)
    }

    func text(_ column: String, required: Bool = false) throws(DatasetError) -> String {
      guard let i = table.header.firstIndex(of: column) else {
        throw DatasetError(file: table.file, line: 1, column: column, reason: "column is missing")
      }
      let value = i < fields.count ? fields[i] : ""
      if required && value.isEmpty { throw error(column, "is empty") }
      return value
    }

    func date(_ column: String) throws(DatasetError) -> LocalDate {
      let t = try text(column, required: true)
      do { return try LocalDate(parsing: t) } catch { throw self.error(column, error.description) }
    }

    func rate(_ column: String) throws(DatasetError) -> AnnualRate {
      let t = try text(column, required: true)
      let rate: AnnualRate
      do { rate = try AnnualRate(percent: t) } catch { throw self.error(column, error.description) }
      guard rate >= .zero && rate <= Loan.maximumRate else {
        throw self.error(column, "must be between 0 and 36 percent (got \(t))")
      }
      return rate
    }

    func verified(_ column: String) throws(DatasetError) -> Bool {
      switch try text(column, required: true) {
      case "yes": return true
      case "UNVERIFIED": return false
      case let other: throw error(column, "must be yes or UNVERIFIED (got \(other))")
      }
    }
  }

  func rows<T>(_ make: (Row) throws(DatasetError) -> T) throws(DatasetError) -> [T] {
    var out: [T] = []
    for (number, fields) in lines {
      guard fields.count == header.count else {
        throw DatasetError(
          file: file, line: number, column: nil,
          reason: "has \(fields.count) fields where the header has \(header.count)")
      }
      out.append(try make(Row(table: self, number: number, fields: fields)))
    }
    guard !out.isEmpty else {
      throw DatasetError(file: file, line: 0, column: nil, reason: "has no rows")
    }
    return out
  }

  func checkIncreasing(_ dates: [LocalDate], column: String) throws(DatasetError) {
    for i in dates.indices.dropFirst() where dates[i] <= dates[i - 1] {
      throw DatasetError(
        file: file, line: lines[i].number, column: column,
        reason: "\(dates[i]) is not after the previous row's \(dates[i - 1])")
    }
  }
}
