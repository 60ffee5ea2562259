// docs/conventions.md §4's repricing rules for many loans at once: the same decisions as
// `RateTables.ratePath(for:dates:months:)`, without the explanations, on integer days, into a
// reused buffer. A test holds the two equal on random loans.
import ProvidentCore

/// The national rate tables (with a scenario's future rows) as flat arrays of day numbers and rate
/// units.
struct _RateCalendar: Sendable {
  /// Provident rows: effective day and the four bucket rates (first ≤5y, first >5y, second ≤5y,
  /// second >5y).
  var providentDay: [Int] = []
  var providentRates: [SIMD4<Int64>] = []
  /// LPR rows: publication day and the 1-year and 5-year+ rates.
  var lprDay: [Int] = []
  var lprOneYear: [Int64] = []
  var lprFiveYear: [Int64] = []

  init(tables: RateTables) {
    for row in tables.provident {
      providentDay.append(row.effective.daysSinceEpoch)
      providentRates.append(
        SIMD4(
          row.firstUpTo5Years.units, row.firstOver5Years.units, row.secondUpTo5Years.units,
          row.secondOver5Years.units))
    }
    for row in tables.lpr {
      lprDay.append(row.date.daysSinceEpoch)
      lprOneYear.append(row.oneYear.units)
      lprFiveYear.append(row.fiveYearPlus.units)
    }
  }

  /// Inserts a provident row effective on `day`, keeping the rows in date order (a row on the same
  /// day replaces the old one).
  mutating func insertProvident(day: Int, rates: SIMD4<Int64>) {
    if let i = providentDay.firstIndex(of: day) {
      providentRates[i] = rates
      return
    }
    let i = providentDay.firstIndex { $0 > day } ?? providentDay.count
    providentDay.insert(day, at: i)
    providentRates.insert(rates, at: i)
  }

  /// Inserts an LPR publication on `day`, keeping date order.
  mutating func insertLPR(day: Int, oneYear: Int64, fiveYear: Int64) {
    if let i = lprDay.firstIndex(of: day) {
      lprOneYear[i] = oneYear
      lprFiveYear[i] = fiveYear
      return
    }
    let i = lprDay.firstIndex { $0 > day } ?? lprDay.count
    lprDay.insert(day, at: i)
    lprOneYear.insert(oneYear, at: i)
    lprFiveYear.insert(fiveYear, at: i)
  }

  /// Index of the last row with `days[i] <= day` (or `< day` when `strictly`), or nil.
  @inline(__always)
  static func lastRow(_ days: [Int], onOrBefore day: Int, strictly: Bool = false) -> Int? {
    var i = days.count - 1
    while i >= 0 && (strictly ? days[i] >= day : days[i] > day) { i -= 1 }
    return i >= 0 ? i : nil
  }

  @inline(__always)
  static func bucket(home: HomeOrder, months: Int) -> Int {
    (home == .first ? 0 : 2) + (months <= 60 ? 0 : 1)
  }

  /// Why a rule cannot be applied (the same cases `RateTables.ratePath` throws for).
  enum PathError: Error, Equatable {
    case noProvidentRate(startDay: Int)
    case noLPR(startDay: Int)
    case negativeRate(day: Int, units: Int64)
    case badCycle(Int)
  }

  /// The rate at disbursement, and the rule's decision points after `after`: (day number, rate)
  /// appended to `decisions` in date order.
  ///
  /// A decision point is a date on which the rule sets the loan's rate: the first 1 January after
  /// a provident table change made after disbursement, or a commercial repricing date. Keeping
  /// those whose rate differs from the rate in force, starting from the initial rate, gives exactly
  /// the changes of `RateTables.ratePath(for:dates:months:)`; starting from a book's current rate
  /// gives the changes that reach a loan whose rate departs from its rule (a negotiated spread, a
  /// second home at 1.1×).
  ///
  /// - Parameters:
  ///   - startDay: disbursement day number.
  ///   - paymentDay: the due day (1–31).
  ///   - months: contract term; decisions fall strictly before the last due date.
  ///   - after: only decision points on later days are appended.
  ///   - floorAtZero: clamp LPR + spread at 0 instead of failing (scenarios with deep cuts).
  func decisions(
    product: LoanProduct, home: HomeOrder, spread: Int64, cycle: Int, anchor: RepricingAnchor,
    startDay: Int, paymentDay: Int, months: Int, after: Int, floorAtZero: Bool = false,
    into decisions: inout [(day: Int, units: Int64)]
  ) throws(PathError) -> Int64 {
    let start = _Calendar.civil(startDay)
    let end = _Calendar.dayNumber(monthIndex: start.monthIndex + months, day: paymentDay)
    let from = max(after, startDay)
    switch product {
    case .provident:
      guard let row = Self.lastRow(providentDay, onOrBefore: startDay) else {
        throw .noProvidentRate(startDay: startDay)
      }
      let b = Self.bucket(home: home, months: months)
      let initial = providentRates[row][b]
      guard months > 12 else { return initial }  // ≤ 12 months keeps its rate for life
      let lastChange = providentDay[providentDay.count - 1]
      var year = _Calendar.civil(from).monthIndex / 12 + 1
      while true {
        let january = _Calendar.dayNumber(year, 1, 1)
        guard january < end else { break }
        let previous = _Calendar.dayNumber(year - 1, 1, 1)
        // No table change since: nothing more to decide.
        guard previous <= lastChange else { break }
        if let latest = Self.lastRow(providentDay, onOrBefore: january, strictly: true),
          providentDay[latest] > startDay, providentDay[latest] >= previous
        {
          decisions.append((january, providentRates[latest][b]))
        }
        year += 1
      }
      return initial

    case .commercial:
      guard cycle == 3 || cycle == 6 || cycle == 12 else { throw .badCycle(cycle) }
      let long = months > 60
      func checked(_ i: Int, _ day: Int) throws(PathError) -> Int64 {
        let rate = (long ? lprFiveYear[i] : lprOneYear[i]) + spread * AnnualRate.unitsPerBasisPoint
        if rate < 0 {
          if floorAtZero { return 0 }
          throw .negativeRate(day: day, units: rate)
        }
        return rate
      }
      guard let first = Self.lastRow(lprDay, onOrBefore: startDay) else {
        throw .noLPR(startDay: startDay)
      }
      let initial = try checked(first, startDay)
      // The first repricing step whose date can be after `from`.
      let fromMonth = _Calendar.civil(from).monthIndex
      var step: Int
      switch anchor {
      case .anniversary: step = max(1, (fromMonth - start.monthIndex) / cycle)
      case .januaryFirst:
        let firstIndex = (start.monthIndex / cycle + 1) * cycle
        step = max(1, (fromMonth - firstIndex) / cycle)
      }
      var lastRowUsed = -1
      while true {
        let date: Int
        switch anchor {
        case .anniversary:
          date = _Calendar.dayNumber(monthIndex: start.monthIndex + cycle * step, day: start.day)
        case .januaryFirst:
          let firstIndex = (start.monthIndex / cycle + 1) * cycle
          date = _Calendar.dayNumber(monthIndex: firstIndex + cycle * (step - 1), day: 1)
        }
        guard date < end else { break }
        step += 1
        guard date > from, let row = Self.lastRow(lprDay, onOrBefore: date, strictly: true)
        else { continue }
        if row == lprDay.count - 1 && lastRowUsed == row { break }  // the same rate from here on
        lastRowUsed = row
        decisions.append((date, try checked(row, date)))
      }
      return initial
    }
  }

  /// The changes among `decisions` for a loan whose rate is `current` before them: each decision
  /// whose rate differs from the rate then in force.
  static func changes(
    _ decisions: [(day: Int, units: Int64)], from current: Int64,
    into changes: inout [(day: Int, units: Int64)]
  ) {
    var rate = current
    for d in decisions where d.units != rate {
      changes.append(d)
      rate = d.units
    }
  }
}
