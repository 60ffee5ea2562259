// The set-up shared by both kernels: loans grouped by segment into blocks, each loan's state at
// the as-of date, and the rate events (docs/conventions.md §3–4) each loan meets in its remaining life.
import ProvidentCore

/// Something that happens to one loan in one month of the projection.
struct _Event: Sendable {
  /// Lane of the loan in its block.
  var lane: Int32
  /// Projection month (1-based): installment `months_paid + t`.
  var t: Int32
  /// The rate from this installment on (units of 10⁻⁸), or −1 when unchanged. A change recomputes
  /// an equal installment on the remaining term.
  var newRate: Int64
  /// This installment's interest is charged per day: `Σ aᵢ.units · daysᵢ` (docs/conventions.md §3–4), or −1
  /// for a regular month.
  var rateDays: Int64
  /// Installment 1 of a dated loan: its principal is what the undated ledger gives.
  var broken: Bool
}

/// A segment's label: the fields the book is segmented by, nil for the others.
public struct Segment: Hashable, Sendable, CustomStringConvertible {
  public let product: LoanProduct?
  public let home: HomeOrder?
  public let region: String?

  public var description: String {
    [product?.name, home?.rawValue, region].compactMap { $0 }.joined(separator: "/")
  }
}

/// Which fields segment the projection's aggregates.
public struct Segmentation: OptionSet, Hashable, Sendable {
  public let rawValue: Int
  public init(rawValue: Int) { self.rawValue = rawValue }
  public static let product = Segmentation(rawValue: 1)
  public static let home = Segmentation(rawValue: 2)
  public static let region = Segmentation(rawValue: 4)
}

/// Why a book cannot be projected.
public struct ProjectionError: Error, Hashable, Sendable, CustomStringConvertible {
  public let message: String
  public var description: String { message }
}

/// Consecutive blocks of one segment summed into one row of sums, by one worker, in order: the
/// unit of work on the cores, fixed by the plan alone, so that results never depend on the
/// thread count.
struct _Chunk: Sendable {
  var segment: Int
  var blocks: Range<Int>
}

package struct _Plan: Sendable {
  /// Loans per block: their state (nine Double columns) fits the level-1 cache.
  package static let blockSize = 256
  /// Blocks per chunk.
  package static let chunkSize = 16

  package var segments: [Segment] = []
  package var blocks: [_Block] = []
  var chunks: [_Chunk] = []
  package var lanes = _Lanes(count: 0)
  package var maxMonths = 0
  package var maxAge = 0

  package init(
    book: LoanBook, rates: RateScenario, tables: RateTables, segmentation: Segmentation,
    threads: Int
  ) throws(ProjectionError) {
    let n = book.count
    // Segments: dense ids in the order product, home, region name.
    let regionOrder = book.regionNames.indices.sorted {
      book.regionNames[$0] < book.regionNames[$1]
    }
    var regionRank = [Int](repeating: 0, count: book.regionNames.count)
    for (rank, r) in regionOrder.enumerated() { regionRank[r] = rank }
    let useP = segmentation.contains(.product)
    let useH = segmentation.contains(.home)
    let useR = segmentation.contains(.region)
    let regions = useR ? max(book.regionNames.count, 1) : 1
    var key = [Int32](repeating: 0, count: n)
    var present = [Bool](repeating: false, count: 4 * regions)
    for i in 0..<n {
      let p = useP ? Int(book.product[i].rawValue) : 0
      let h = useH ? (book.home[i] == .first ? 0 : 1) : 0
      let r = useR ? regionRank[Int(book.region[i])] : 0
      let k = (p * 2 + h) * regions + r
      key[i] = Int32(k)
      present[k] = true
    }
    var dense = [Int](repeating: -1, count: present.count)
    for k in present.indices where present[k] {
      dense[k] = segments.count
      let p = k / regions / 2
      let h = k / regions % 2
      segments.append(
        Segment(
          product: useP ? LoanProduct(rawValue: UInt8(p)) : nil,
          home: useH ? (h == 0 ? .first : .second) : nil,
          region: useR ? book.regionNames[regionOrder[k % regions]] : nil))
    }
    if segments.isEmpty { segments.append(Segment(product: nil, home: nil, region: nil)) }

    let segmentOf = key.map { Int32(dense[Int($0)]) }
    maxAge = Int(book.monthsPaid.max() ?? 0)

    var calendar: _RateCalendar? = nil
    if case .tables(let changes) = rates {
      calendar = try Self.calendar(tables: tables, changes: changes)
    }
    let asOf = book.asOf
    if calendar != nil || book.startDay.contains(where: { $0 != Int32.min }) {
      guard asOf != nil else {
        throw ProjectionError(
          message: "the book has no as-of date: add '# as_of: yyyy-mm-dd' or pass one")
      }
    }
    let context = _EventContext(
      book: book, calendar: calendar, asOfDay: asOf?.daysSinceEpoch ?? 0,
      asOfMonth: asOf.map(_Calendar.monthIndex) ?? 0)

    // The book in windows of consecutive loans, on all cores. Within a window the loans are
    // ordered by segment, then by remaining term (a counting sort), and cut into blocks: blocks
    // never straddle segments and a block's loans end together. Reading the window in book order
    // and writing each loan to its lane keeps every access sequential or within the cache.
    let segmentCount = segments.count
    let window = max(4_096, segmentCount * 512)
    let windows = (n + window - 1) / window
    // Lanes per window: its loans, plus padding to eight for each of its blocks.
    let capacity = window + 8 * (window / Self.blockSize + segmentCount + 1)
    lanes = _Lanes(count: windows * capacity)
    var windowBlocks = [[_Block]](repeating: [], count: windows)
    let lanes = self.lanes
    windowBlocks.withUnsafeMutableBufferPointer { out in
      let shared = _SharedPointer(out.baseAddress!)
      _Parallel.forEach(windows, threads: threads) { _, w in
        shared[w] = Self.window(
          w, from: w * window, to: min((w + 1) * window, n), base: w * capacity,
          segmentOf: segmentOf, segments: segmentCount, book: book, lanes: lanes,
          context: context)
      }
    }
    blocks = windowBlocks.flatMap { $0 }
    maxMonths = blocks.map(\.months).max() ?? 0
    var b = 0
    while b < blocks.count {
      var e = b + 1
      while e < blocks.count && e - b < Self.chunkSize && blocks[e].segment == blocks[b].segment {
        e += 1
      }
      chunks.append(_Chunk(segment: blocks[b].segment, blocks: b..<e))
      b = e
    }
  }

  /// Orders the loans `from..<to` of the book, cuts them into blocks, and writes each loan's
  /// lane (from lane `base` on) and events.
  static func window(
    _ w: Int, from: Int, to: Int, base: Int, segmentOf: [Int32], segments: Int, book: LoanBook,
    lanes: _Lanes, context: _EventContext
  ) -> [_Block] {
    let terms = Loan.maximumMonths + 1
    let count = to - from
    var counts = [Int](repeating: 0, count: segments * terms + 1)
    for i in from..<to { counts[Int(segmentOf[i]) * terms + book.remainingMonths(i) + 1] += 1 }
    for j in 1..<counts.count { counts[j] += counts[j - 1] }
    // Position of each loan in the window's order, and the loan at each position.
    var position = [Int32](repeating: 0, count: count)
    var loanAt = [Int32](repeating: 0, count: count)
    for i in from..<to {
      let k = Int(segmentOf[i]) * terms + book.remainingMonths(i)
      position[i - from] = Int32(counts[k])
      loanAt[counts[k]] = Int32(i)
      counts[k] += 1
    }
    // Blocks of at most `blockSize` loans of one segment; the lane and block of each position.
    var blocks: [_Block] = []
    var laneAt = [Int32](repeating: 0, count: count)
    var blockAt = [Int32](repeating: 0, count: count)
    var offset = base
    var p = 0
    while p < count {
      let s = segmentOf[Int(loanAt[p])]
      var q = p
      while q < count && q - p < blockSize && segmentOf[Int(loanAt[q])] == s {
        laneAt[q] = Int32(offset + q - p)
        blockAt[q] = Int32(blocks.count)
        q += 1
      }
      let lanesUsed = (q - p + 7) / 8 * 8
      blocks.append(
        _Block(
          segment: Int(s), offset: offset, count: q - p, lanes: lanesUsed,
          months: book.remainingMonths(Int(loanAt[q - 1]))))
      for lane in (offset + q - p)..<(offset + lanesUsed) { lanes.pad(lane) }
      offset += lanesUsed
      p = q
    }
    // Each loan to its lane, reading the book in order.
    var scratch = _EventScratch()
    for i in from..<to {
      let p = Int(position[i - from])
      let lane = Int(laneAt[p])
      lanes.balance[lane] = book.balanceFen[i]
      lanes.rate[lane] = Int32(book.rateUnits[i])
      lanes.payment[lane] = book.paymentFen[i]
      lanes.remaining[lane] = Int16(book.remainingMonths(i))
      lanes.age[lane] = book.monthsPaid[i]
      lanes.equalPrincipal[lane] = book.method[i] == .equalPrincipal
      lanes.overdue[lane] = book.periodsOverdue[i]
      if context.mayHaveEvents(i) {
        let b = Int(blockAt[p])
        context.appendEvents(
          loan: i, lane: lane - blocks[b].offset, into: &blocks[b].events, scratch: &scratch)
      }
    }
    for b in blocks.indices where !blocks[b].events.isEmpty {
      blocks[b].events.sort { ($0.t, $0.lane) < ($1.t, $1.lane) }
    }
    return blocks
  }

  /// The bundled tables with a scenario's rows added.
  static func calendar(tables: RateTables, changes: [TableChange]) throws(ProjectionError)
    -> _RateCalendar
  {
    var calendar = _RateCalendar(tables: tables)
    for change in changes.sorted(by: { $0.date < $1.date }) {
      let day = change.date.daysSinceEpoch
      let shift = change.shiftBasisPoints * AnnualRate.unitsPerBasisPoint
      switch change.table {
      case .provident:
        var rates: SIMD4<Int64>
        if let given = change.rates {
          guard given.count == 4 else {
            throw ProjectionError(
              message: "a provident table row needs 4 rates (got \(given.count))")
          }
          rates = SIMD4(given[0].units, given[1].units, given[2].units, given[3].units)
        } else {
          guard let row = _RateCalendar.lastRow(calendar.providentDay, onOrBefore: day) else {
            throw ProjectionError(message: "no provident rates in force on \(change.date) to shift")
          }
          rates = calendar.providentRates[row]
        }
        rates &+= SIMD4(repeating: shift)
        guard all(rates .>= 0) else {
          throw ProjectionError(message: "the provident rates on \(change.date) would be negative")
        }
        calendar.insertProvident(day: day, rates: rates)
      case .lpr:
        var one: Int64
        var five: Int64
        if let given = change.rates {
          guard given.count == 2 else {
            throw ProjectionError(message: "an LPR publication needs 2 rates (got \(given.count))")
          }
          one = given[0].units
          five = given[1].units
        } else {
          guard let row = _RateCalendar.lastRow(calendar.lprDay, onOrBefore: day) else {
            throw ProjectionError(message: "no LPR published by \(change.date) to shift")
          }
          one = calendar.lprOneYear[row]
          five = calendar.lprFiveYear[row]
        }
        one += shift
        five += shift
        guard one >= 0 && five >= 0 else {
          throw ProjectionError(message: "the LPR on \(change.date) would be negative")
        }
        calendar.insertLPR(day: day, oneYear: one, fiveYear: five)
      }
    }
    return calendar
  }
}

struct _EventScratch {
  var decisions: [(day: Int, units: Int64)] = []
  var changes: [(day: Int, units: Int64)] = []
}

/// What the event set-up reads: the book, the scenario's tables and the as-of date.
struct _EventContext: Sendable {
  let book: LoanBook
  let calendar: _RateCalendar?
  let asOfDay: Int
  let asOfMonth: Int

  /// Whether loan `i` can meet an event: without repricing, only a dated loan's first installment
  /// (charged per day) is one.
  @inline(__always)
  func mayHaveEvents(_ i: Int) -> Bool {
    calendar != nil || (book.startDay[i] != Int32.min && book.monthsPaid[i] == 0)
  }

  /// Appends loan `i`'s events (lane `lane`) in month order.
  func appendEvents(
    loan i: Int, lane: Int, into events: inout [_Event], scratch: inout _EventScratch
  ) {
    let k = Int(book.monthsPaid[i])
    let dated = book.startDay[i] != Int32.min
    // Without repricing, only a dated loan's first installment (charged per day) is an event.
    if calendar == nil && (!dated || k > 0) { return }
    let n = Int(book.months[i])
    let m = n - k
    let startDay =
      dated ? Int(book.startDay[i]) : _Calendar.dayNumber(monthIndex: asOfMonth - k, day: 1)
    let payDay = dated ? Int(book.paymentDay[i]) : 1
    let startMonth = _Calendar.civil(startDay).monthIndex
    @inline(__always) func due(_ j: Int) -> Int {
      j == 0 ? startDay : _Calendar.dayNumber(monthIndex: startMonth + j, day: payDay)
    }
    scratch.changes.removeAll(keepingCapacity: true)
    if let calendar {
      scratch.decisions.removeAll(keepingCapacity: true)
      let spread = book.spreadBasisPoints[i]
      _ = try? calendar.decisions(
        product: book.product[i], home: book.home[i],
        spread: Int64(spread == Int32.min ? 0 : spread), cycle: Int(book.repricingCycle[i]),
        anchor: book.repricingAnchor[i], startDay: startDay, paymentDay: payDay, months: n,
        after: dated ? due(k) - 1 : asOfDay, floorAtZero: true, into: &scratch.decisions)
      _RateCalendar.changes(scratch.decisions, from: book.rateUnits[i], into: &scratch.changes)
    }
    let l = Int32(lane)
    guard dated else {
      // Undated: installment k + t falls in the t-th month after the as-of month; a change applies
      // wholly from the installment in its month (docs/conventions.md §4, "from period k").
      for c in scratch.changes {
        let t = max(1, _Calendar.civil(c.day).monthIndex - asOfMonth)
        guard t <= m else { break }
        if let last = events.last, last.lane == l, last.t == Int32(t) {
          events[events.count - 1].newRate = c.units
        } else {
          events.append(_Event(lane: l, t: Int32(t), newRate: c.units, rateDays: -1, broken: false))
        }
      }
      return
    }
    // Dated: group the changes by the installment period they fall in (docs/conventions.md §4).
    var rate = book.rateUnits[i]
    var c = 0
    let changes = scratch.changes
    if k == 0 {
      // Installment 1 is charged per day from disbursement (docs/conventions.md §3), whether or not it holds a
      // change.
      if changes.isEmpty || changes[0].day >= due(1) {
        events.append(
          _Event(
            lane: l, t: 1, newRate: -1, rateDays: rate * Int64(due(1) - startDay), broken: true))
      }
    }
    while c < changes.count {
      let month = _Calendar.civil(changes[c].day).monthIndex - startMonth
      let p = month >= 1 && due(month) > changes[c].day ? month : month + 1
      let periodStart = due(p - 1)
      let periodEnd = due(p)
      var segmentStart = periodStart
      var rateDays: Int64 = 0
      var split = false
      while c < changes.count && changes[c].day < periodEnd {
        let change = changes[c]
        if change.day <= periodStart {
          rate = change.units
        } else {
          rateDays += rate * Int64(change.day - segmentStart)
          segmentStart = change.day
          rate = change.units
          split = true
        }
        c += 1
      }
      let perDay = split || p == 1
      if perDay { rateDays += rate * Int64(periodEnd - segmentStart) }
      events.append(
        _Event(
          lane: l, t: Int32(p - k), newRate: rate, rateDays: perDay ? rateDays : -1, broken: p == 1)
      )
    }
  }
}
