// Synthetic loan books: calibrated to the national figures, or the uniform book of the benchmarks.
import Foundation
import ProvidentCore

/// A seeded generator of synthetic loan books in the CSV format of `docs/file-formats.md`.
///
/// ```swift
/// let csv = BookGenerator(seed: 1).csv(loans: 10_000)           // calibrated, as of 2025-12-31
/// try BookGenerator(profile: .uniform, seed: 7).write(loans: 1_000_000, toFile: "book.csv")
/// ```
/// The same seed, profile and as-of date give the same bytes on every machine.
public struct BookGenerator: Sendable {
  public enum Profile: String, Sendable, CaseIterable {
    /// A provident fund centre's book at the as-of date: vintages, sizes, terms, rates, homes,
    /// overdue loans and regions calibrated to `BookCalibration` (docs/domain.md §8).
    case calibrated
    /// docs/performance.md's benchmark book: new undated loans, principal U(100k, 2M), rate U(2 %, 5 %),
    /// term U(60, 360) months, equal installment.
    case uniform
  }

  public var profile: Profile
  public var seed: UInt64
  public var asOf: LocalDate
  public var tables: RateTables

  public init(
    profile: Profile = .calibrated, seed: UInt64, asOf: LocalDate = BookGenerator.defaultAsOf,
    tables: RateTables = .bundled
  ) {
    self.profile = profile
    self.seed = seed
    self.asOf = asOf
    self.tables = tables
  }

  public static let defaultAsOf = try! LocalDate(parsing: "2025-12-31")

  static let header = Array(
    "loan_id,product,home,principal,rate,lpr_spread_bp,reprice_cycle,reprice_anchor,months,start,months_paid,method,balance,overdue,region\n"
      .utf8)

  /// The book as CSV text.
  public func csv(loans: Int) -> String {
    var out: [UInt8] = []
    generate(loans: loans) { out.append(contentsOf: $0) }
    return String(decoding: out, as: UTF8.self)
  }

  /// The book as columns (generated, then read as a file would be).
  public func book(loans: Int) -> LoanBook {
    // Generated rows are valid by construction.
    try! LoanBook.parse(csv: csv(loans: loans)).book
  }

  /// Writes the book to `path` through a temporary file renamed into place, so that a failure
  /// leaves no half-written book.
  ///
  /// - Throws: `BookError` when the file cannot be written.
  public func write(loans: Int, toFile path: String) throws(BookError) {
    let temporary = path + ".partial-\(getpid())"
    guard let file = fopen(temporary, "wb") else {
      throw BookError(
        "cannot write \(path): \(String(cString: strerror(errno)))", kind: .unwritable)
    }
    var failed = false
    generate(loans: loans) { bytes in
      if !failed && fwrite(bytes, 1, bytes.count, file) != bytes.count { failed = true }
    }
    if fclose(file) != 0 || failed {
      unlink(temporary)
      throw BookError(
        "cannot write \(path): \(String(cString: strerror(errno)))", kind: .unwritable)
    }
    guard rename(temporary, path) == 0 else {
      unlink(temporary)
      throw BookError(
        "cannot write \(path): \(String(cString: strerror(errno)))", kind: .unwritable)
    }
  }

  /// Produces the file in chunks of about 1 MiB.
  func generate(loans: Int, _ sink: ([UInt8]) -> Void) {
    var w = _ByteWriter()
    w.text("# Synthetic loan book: gjj data generate --loans \(loans) --seed \(seed)")
    w.text(" --profile \(profile.rawValue)\n")
    w.text(
      profile == .calibrated
        ? "# Calibrated to docs/domain.md §8 (docs/file-formats.md); not real loans.\n"
        : "# docs/performance.md's benchmark book; not real loans.\n")
    w.text("# as_of: \(asOf)\n")
    w.bytes.append(contentsOf: Self.header)
    var rng = _Xoshiro(seed: seed)
    var state = _GeneratorState(generator: self)
    for i in 0..<loans {
      switch profile {
      case .calibrated: state.calibratedRow(i, &rng, &w)
      case .uniform: state.uniformRow(i, &rng, &w)
      }
      if w.bytes.count >= 1 << 20 {
        sink(w.bytes)
        w.bytes.removeAll(keepingCapacity: true)
      }
    }
    if !w.bytes.isEmpty { sink(w.bytes) }
  }
}

/// What one generator run keeps between rows.
struct _GeneratorState {
  let generator: BookGenerator
  let calendar: _RateCalendar
  let asOfDay: Int
  let vintageWeights: [Double]
  let termWeights: [Double]
  let regionWeights: [Double]
  let overdueWeights: [Double]
  var decisions: [(day: Int, units: Int64)] = []

  init(generator: BookGenerator) {
    self.generator = generator
    calendar = _RateCalendar(tables: generator.tables)
    asOfDay = generator.asOf.daysSinceEpoch
    let asOfYear = generator.asOf.year
    func cumulative(_ w: [Double]) -> [Double] {
      var sum = 0.0
      return w.map {
        sum += $0
        return sum
      }
    }
    // A vintage weighs its loans issued, less the run-off since, and only the part of its year
    // before the as-of date.
    vintageWeights = cumulative(
      BookCalibration.vintages.map { v in
        guard v.year <= asOfYear else { return 0 }
        let age = Double(asOfYear - v.year) + 0.5
        let part = v.year == asOfYear ? Double(generator.asOf.month) / 12 : 1
        let startPart = v.year == 2012 ? 0.5 : 1  // the rate table starts 2012-06-08
        return v.loans * part * startPart * _pow(1 - BookCalibration.yearlyRunoff, age)
      })
    termWeights = cumulative(BookCalibration.terms.map(\.weight))
    regionWeights = cumulative(BookCalibration.regions.map(\.weight))
    overdueWeights = cumulative(BookCalibration.overduePeriods.map(\.weight))
  }

  mutating func calibratedRow(_ index: Int, _ rng: inout _Xoshiro, _ w: inout _ByteWriter) {
    while true {
      let v = BookCalibration.vintages[rng.pick(vintageWeights)]
      let yearStart = max(_Calendar.dayNumber(v.year, 1, 1), _Calendar.dayNumber(2012, 7, 1))
      let yearEnd = min(_Calendar.dayNumber(v.year, 12, 31), asOfDay - 1)
      guard yearEnd >= yearStart else { continue }
      let start = yearStart + Int(rng.unit() * Double(yearEnd - yearStart + 1))
      let months = BookCalibration.terms[rng.pick(termWeights)].months
      let paymentDay = _Calendar.civil(start).day
      let k = _Calendar.installmentsDue(
        startDay: start, paymentDay: paymentDay, asOf: generator.asOf)
      guard k < months else { continue }  // matured: off the book
      let home: HomeOrder = rng.unit() < BookCalibration.firstHomeShare ? .first : .second
      let lprEra = start >= _Calendar.dayNumber(2019, 9, 1)
      let product: LoanProduct =
        lprEra && rng.unit() < BookCalibration.commercialShare ? .commercial : .provident
      let method: RepaymentMethod =
        rng.unit() < BookCalibration.equalPrincipalShare ? .equalPrincipal : .equalInstallment
      let average = v.amount / v.loans * 10_000
      let sigma = BookCalibration.sizeSigma
      var size = average * _exp(sigma * rng.normal() - sigma * sigma / 2)
      size = min(max(size, BookCalibration.sizeBounds.minimum), BookCalibration.sizeBounds.maximum)
      let principal = Int64((size / 1000).rounded()) * 1000 * 100
      var spread: Int64 = 0
      var anchor = RepricingAnchor.januaryFirst
      if product == .commercial {
        // After the 2024-10 batch reset most first-home spreads sit at −30 bp (docs/domain.md §2.5).
        let u = rng.unit()
        spread =
          home == .second ? 30 + Int64(rng.unit() * 4) * 10 : (u < 0.7 ? -30 : -40 - Int64(u * 30))
        anchor = rng.unit() < 0.7 ? .januaryFirst : .anniversary
      }
      // The rate in force for the next installment: the rule's path through the last paid due
      // date.
      decisions.removeAll(keepingCapacity: true)
      guard
        var rate = try? calendar.decisions(
          product: product, home: home, spread: spread, cycle: 12, anchor: anchor, startDay: start,
          paymentDay: paymentDay, months: months, after: start, into: &decisions)
      else { continue }
      let startMonth = _Calendar.civil(start).monthIndex
      let lastDue =
        k == 0 ? start : _Calendar.dayNumber(monthIndex: startMonth + k, day: paymentDay)
      for d in decisions where d.day < lastDue { rate = d.units }
      // Balance on schedule at the current rate, less an earlier partial prepayment for some.
      let r = Double(rate) / 1.2e9
      let n = Double(months)
      var balance: Double
      if method == .equalInstallment {
        balance =
          r == 0
          ? Double(principal) * (1 - Double(k) / n)
          : Double(principal) * (_pow(1 + r, n) - _pow(1 + r, Double(k))) / (_pow(1 + r, n) - 1)
      } else {
        balance = Double(principal) - Double(k) * (Double(principal) / n).rounded()
      }
      if k >= 12 && rng.unit() < BookCalibration.prepaidShare {
        let f = BookCalibration.prepaidFraction
        balance *= 1 - (f.lowerBound + rng.unit() * (f.upperBound - f.lowerBound))
      }
      let balanceFen = Int64(balance.rounded())
      let remaining = months - k
      guard balanceFen >= Int64(remaining) * 100 else { continue }  // a few yuan: repaid
      var overdue = 0
      if k > 0 && rng.unit() < BookCalibration.overdueLoanShare {
        let bucket = BookCalibration.overduePeriods[rng.pick(overdueWeights)].periods
        overdue = min(bucket.lowerBound + Int(rng.unit() * Double(bucket.count)), k)
      }
      let region = BookCalibration.regions[rng.pick(regionWeights)].code

      w.text(product == .provident ? "P" : "C")
      w.int(Int64(index + 1))
      w.comma()
      w.text(product.name)
      w.comma()
      w.text(home.rawValue)
      w.comma()
      w.fixed(principal, places: 2)
      w.comma()
      w.rate(rate)
      w.comma()
      if product == .commercial {
        w.int(spread)
        w.comma()
        w.text("12,")
        w.text(anchor == .januaryFirst ? "jan1" : "anniversary")
      } else {
        w.text(",,")
      }
      w.comma()
      w.int(Int64(months))
      w.comma()
      w.date(start)
      w.text(",,")
      w.text(method == .equalInstallment ? "equal-installment" : "equal-principal")
      w.comma()
      w.fixed(balanceFen, places: 2)
      w.comma()
      w.int(Int64(overdue))
      w.comma()
      w.text(region)
      w.bytes.append(0x0A)
      return
    }
  }

  mutating func uniformRow(_ index: Int, _ rng: inout _Xoshiro, _ w: inout _ByteWriter) {
    let principal = Int64(100_000_00 + rng.unit() * 1_900_000_00)
    let rate = 2_000_000 + Int64(rng.unit() * 3_000_000) / 100 * 100  // 2–5 %, 4 decimals
    let months = 60 + Int64(rng.unit() * 301)
    w.text("U")
    w.int(Int64(index + 1))
    w.text(",provident,first,")
    w.fixed(principal, places: 2)
    w.comma()
    w.rate(rate)
    w.text(",,,,")
    w.int(months)
    w.text(",,0,equal-installment,")
    w.fixed(principal, places: 2)
    w.text(",0,X\n")
  }
}

@inline(__always) func _pow(_ x: Double, _ y: Double) -> Double { Foundation.pow(x, y) }
@inline(__always) func _exp(_ x: Double) -> Double { Foundation.exp(x) }
