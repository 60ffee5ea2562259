// The delinquency projection kernel: chunks of segments over all months, dgemm per run of
// segments sharing a matrix, then amortization, cumulative counts and flows per segment.
import ProvidentPortfolio

struct _RollPlan: Sendable {
  let context: _RollContext
  let scenario: DelinquencyScenario
  let months: Int
  /// Multiplier by cohort and month, `cohorts × (months + 1)`; nil: 1 everywhere.
  let stress: [Double]?
  /// Whether projection month `t` is inside a forbearance window.
  let inWindow: [Bool]
  /// Whether each state is frozen inside a window.
  let frozen: [Bool]
  let worse: [Bool]

  var hasReported: Bool { scenario.forbearance != nil }

  /// Runs every chunk and sums the book; segments are in cohort order.
  func execute() -> (book: DelinquencySeries, segments: [DelinquencySeries]) {
    let s = context.states.count
    let k = context.cohorts.count
    let nf = DelinquencyFlow.allCases.count
    let rows = months + 1
    let storage = _SeriesStorage(series: k, stateCount: s, months: months, reported: hasReported)
    let chunks = stride(from: 0, to: k, by: _RollContext.chunkSize).map {
      Array(context.order[$0..<min($0 + _RollContext.chunkSize, k)])
    }
    let out = _RollOutput(
      loans: _SharedPointer(storage.loans), reported: storage.reported.map(_SharedPointer.init),
      balances: _SharedPointer(storage.balances), flows: _SharedPointer(storage.flows))
    let plan = self
    _Parallel.forEach(chunks.count, threads: context.threads) { _, c in
      _Gemm.singleThreaded()
      plan.runChunk(chunks[c], out)
    }
    // The book: segments summed in cohort order.
    let book = _SeriesStorage(series: 1, stateCount: s, months: months, reported: hasReported)
    for g in 0..<k {
      let from = g * rows * s
      for i in 0..<(rows * s) {
        book.loans[i] += storage.loans[from + i]
        book.balances[i] += storage.balances[from + i]
        if let r = book.reported { r[i] += storage.reported![from + i] }
      }
      for i in 0..<(rows * nf) { book.flows[i] += storage.flows[g * rows * nf + i] }
    }
    return (
      DelinquencySeries(keys: [], storage: book, index: 0),
      (0..<k).map { DelinquencySeries(keys: context.cohorts[$0].keys, storage: storage, index: $0) }
    )
  }

  // MARK: - One chunk

  func runChunk(_ chunk: [Int], _ out: _RollOutput) {
    let s = context.states.count
    let b = context.threshold
    let r = b + 1
    let n = chunk.count
    let eRows = 2 * r  // counts, then balances
    let share = scenario.forbearance?.share ?? 0
    let catchUp = scenario.forbearance?.end == .catchUp
    let severity = scenario.severity
    let last = context.states.lastBucket
    let w = context.states.writeOffIndex
    let p = context.states.prepaidIndex
    let nf = DelinquencyFlow.allCases.count
    let rows = months + 1

    let e = UnsafeMutablePointer<Double>.allocate(capacity: n * eRows * s)
    let eNext = UnsafeMutablePointer<Double>.allocate(capacity: n * eRows * s)
    let f = UnsafeMutablePointer<Double>.allocate(capacity: hasReported ? n * r * s : 0)
    let fNext = UnsafeMutablePointer<Double>.allocate(capacity: hasReported ? n * r * s : 0)
    let scratch = UnsafeMutablePointer<Double>.allocate(capacity: 2 * s * s)
    var source = [Int](repeating: 0, count: n)
    var matrixIndex = [Int](repeating: 0, count: n)
    var factor = [Double](repeating: 1, count: n)
    defer {
      e.deallocate()
      eNext.deallocate()
      f.deallocate()
      fNext.deallocate()
      scratch.deallocate()
    }
    var x = e
    var y = eNext
    var fx = f
    var fy = fNext

    // Month 0: the cohorts as given.
    for (i, g) in chunk.enumerated() {
      let c = context.cohorts[g]
      for q in 0..<(r * s) {
        x[i * eRows * s + q] = c.loans[q]
        x[i * eRows * s + r * s + q] = c.balances[q]
        if hasReported { fx[i * r * s + q] = c.loans[q] }
      }
      record(
        g: g, t: 0, counts: x + i * eRows * s, balances: x + i * eRows * s + r * s,
        reported: hasReported ? fx + i * r * s : nil, share: share, out: out)
    }

    context.data.withUnsafeBufferPointer { data in
      worse.withUnsafeBufferPointer { worse in
        frozen.withUnsafeBufferPointer { frozen in
          for t in 1...months {
            // Catch-up at the end of a window: the reported chain takes the economic state.
            if hasReported && catchUp && inWindow[t - 1] && !inWindow[t] {
              for i in 0..<n { (fx + i * r * s).update(from: x + i * eRows * s, count: r * s) }
            }
            for (i, g) in chunk.enumerated() {
              let src = context.sourceOf[g]
              source[i] = src
              // Month t's matrix: the path's while it lasts, then the base (SegmentMatrices).
              matrixIndex[i] = t <= context.pathCount[src] ? t - 1 : context.pathCount[src]
              factor[i] = stress?[g * rows + t] ?? 1
            }
            var a = 0
            while a < n {
              var z = a + 1
              while z < n && source[z] == source[a] && matrixIndex[z] == matrixIndex[a]
                && factor[z] == factor[a]
              {
                z += 1
              }
              let base = data.baseAddress! + context.firstOffset[source[a]] + matrixIndex[a] * s * s
              var matrix = UnsafePointer(base)
              if factor[a] != 1 {
                // Checked possible before the run.
                _ = _RollKernel.stress(
                  base, k: factor[a], worse: worse.baseAddress!, size: s, into: scratch)
                matrix = UnsafePointer(scratch)
              }
              _Gemm.multiply(
                x + a * eRows * s, matrix, into: y + a * eRows * s, m: (z - a) * eRows, k: s, n: s)
              if hasReported {
                if inWindow[t] {
                  let frozenMatrix = scratch + s * s
                  _RollKernel.freeze(
                    matrix, frozen: frozen.baseAddress!, worse: worse.baseAddress!, size: s,
                    into: frozenMatrix)
                  _Gemm.multiply(
                    fx + a * r * s, frozenMatrix, into: fy + a * r * s, m: (z - a) * r, k: s, n: s)
                  if scenario.forbearance!.excludeBlacklisted {
                    // Loans at the threshold are reported as usual: row B on the ordinary matrix.
                    for i in a..<z {
                      let from = fx + i * r * s + b * s
                      let to = fy + i * r * s + b * s
                      for j in 0..<s {
                        var sum = 0.0
                        for q in 0..<s { sum += from[q] * matrix[q * s + j] }
                        to[j] = sum
                      }
                    }
                  }
                } else {
                  _Gemm.multiply(
                    fx + a * r * s, matrix, into: fy + a * r * s, m: (z - a) * r, k: s, n: s)
                }
              }
              // Per segment: flows, amortization, cumulative counts.
              for i in a..<z {
                let g = chunk[i]
                let xc = x + i * eRows * s
                let xb = xc + r * s
                let yc = y + i * eRows * s
                let yb = yc + r * s
                let flow = out.flows.base + (g * rows + t) * nf
                for q in 0..<nf { flow[q] = 0 }
                func inflow(
                  _ column: Int, _ from: UnsafeMutablePointer<Double>,
                  _ to: UnsafeMutablePointer<Double>
                ) -> Double {
                  var sum = 0.0
                  for c in 0..<r { sum += to[c * s + column] - from[c * s + column] }
                  return sum
                }
                let alpha = amortization(g, t)
                var scheduled = 0.0
                if let p {
                  // A loan that repays in full pays its installment first (as the cash-flow
                  // kernel does): the scheduled share of what flows into P is scheduled principal.
                  flow[DelinquencyFlow.prepaidLoans.rawValue] = inflow(p, xc, yc)
                  var prepaid = 0.0
                  for c in 0..<r {
                    let moved = yb[c * s + p] - xb[c * s + p]
                    scheduled += alpha * moved
                    prepaid += moved - alpha * moved
                    yb[c * s + p] = xb[c * s + p] + (moved - alpha * moved)
                  }
                  flow[DelinquencyFlow.prepaid.rawValue] = prepaid
                }
                if let w {
                  flow[DelinquencyFlow.writtenOffLoans.rawValue] = inflow(w, xc, yc)
                  let written = inflow(w, xb, yb)
                  flow[DelinquencyFlow.writtenOff.rawValue] = written
                  flow[DelinquencyFlow.loss.rawValue] = severity * written
                }
                let stay = matrix[last * s + last]
                var intoLoans = 0.0
                var intoBalance = 0.0
                for c in 0..<r {
                  intoLoans += yc[c * s + last] - xc[c * s + last] * stay
                  intoBalance += yb[c * s + last] - xb[c * s + last] * stay
                }
                flow[DelinquencyFlow.intoLastBucket.rawValue] = intoLoans
                flow[DelinquencyFlow.intoLastBucketBalance.rawValue] = intoBalance
                for c in 0..<r {
                  scheduled += alpha * yb[c * s]
                  yb[c * s] *= 1 - alpha
                }
                flow[DelinquencyFlow.scheduledPrincipal.rawValue] = scheduled
                flow[DelinquencyFlow.blacklisted.rawValue] = Self.shiftCounts(
                  yc, yb, rows: r, size: s, columns: 1...last, skip: nil)
                var stock = 0.0
                for j in 0...last { stock += yc[b * s + j] }
                flow[DelinquencyFlow.blacklistedStock.rawValue] = stock
                if hasReported {
                  let fc = fy + i * r * s
                  let entering = Self.shiftCounts(
                    fc, nil, rows: r, size: s, columns: 1...last,
                    skip: inWindow[t] ? frozen.baseAddress! : nil)
                  var reportedStock = 0.0
                  for j in 0...last { reportedStock += fc[b * s + j] }
                  flow[DelinquencyFlow.reportedBlacklisted.rawValue] =
                    share * entering + (1 - share) * flow[DelinquencyFlow.blacklisted.rawValue]
                  flow[DelinquencyFlow.reportedBlacklistedStock.rawValue] =
                    share * reportedStock + (1 - share) * stock
                } else {
                  flow[DelinquencyFlow.reportedBlacklisted.rawValue] =
                    flow[DelinquencyFlow.blacklisted.rawValue]
                  flow[DelinquencyFlow.reportedBlacklistedStock.rawValue] = stock
                }
                record(
                  g: g, t: t, counts: yc, balances: yb,
                  reported: hasReported ? fy + i * r * s : nil,
                  share: share, out: out)
              }
              a = z
            }
            swap(&x, &y)
            swap(&fx, &fy)
          }
        }
      }
    }
  }

  /// Current loans' scheduled principal rate for cohort `g` in month `t`.
  @inline(__always)
  func amortization(_ g: Int, _ t: Int) -> Double {
    if let a = scenario.amortization { return a }
    let v = context.cohorts[g].amortization
    return v.isEmpty ? 0 : v[min(t, v.count) - 1]
  }

  /// Moves loans ending the month in an overdue bucket (`columns`, except those `skip` marks) one
  /// cumulative count up, row `B` keeping its own; returns the loans reaching row `B`.
  @inline(__always)
  static func shiftCounts(
    _ counts: UnsafeMutablePointer<Double>, _ balances: UnsafeMutablePointer<Double>?, rows r: Int,
    size s: Int, columns: ClosedRange<Int>, skip: UnsafePointer<Bool>?
  ) -> Double {
    let b = r - 1
    var entering = 0.0
    for j in columns where !(skip?[j] ?? false) {
      entering += counts[(b - 1) * s + j]
      counts[b * s + j] += counts[(b - 1) * s + j]
      if let balances { balances[b * s + j] += balances[(b - 1) * s + j] }
      var c = b - 1
      while c >= 1 {
        counts[c * s + j] = counts[(c - 1) * s + j]
        if let balances { balances[c * s + j] = balances[(c - 1) * s + j] }
        c -= 1
      }
      counts[j] = 0
      if let balances { balances[j] = 0 }
    }
    return entering
  }

  /// Writes cohort `g`'s loans, reported loans and balances by state for month `t`.
  @inline(__always)
  func record(
    g: Int, t: Int, counts: UnsafeMutablePointer<Double>, balances: UnsafeMutablePointer<Double>,
    reported: UnsafeMutablePointer<Double>?, share: Double, out: _RollOutput
  ) {
    let s = context.states.count
    let r = context.threshold + 1
    let at = (g * (months + 1) + t) * s
    for j in 0..<s {
      var l = 0.0
      var bal = 0.0
      var rep = 0.0
      for c in 0..<r {
        l += counts[c * s + j]
        bal += balances[c * s + j]
        if let reported { rep += reported[c * s + j] }
      }
      out.loans[at + j] = l
      out.balances[at + j] = bal
      if let target = out.reported { target[at + j] = share * rep + (1 - share) * l }
    }
  }
}

/// Where chunks write their segments' series (disjoint rows per segment).
struct _RollOutput: Sendable {
  let loans: _SharedPointer<Double>
  let reported: _SharedPointer<Double>?
  let balances: _SharedPointer<Double>
  let flows: _SharedPointer<Double>
}
