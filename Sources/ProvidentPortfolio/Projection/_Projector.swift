// One scenario on one plan: the kernel over blocks on all cores, sums by segment.
import ProvidentCore

/// One scenario on one plan: run the blocks, add their sums by segment.
package struct _Projector {
  package let plan: _Plan
  package let scenario: Scenario
  package let mode: ProjectionMode
  package let threads: Int

  package init(plan: _Plan, scenario: Scenario, mode: ProjectionMode, threads: Int) {
    self.plan = plan
    self.scenario = scenario
    self.mode = mode
    self.threads = threads
  }

  /// Months projected: the scenario's horizon within the longest remaining term.
  package var horizon: Int { max(0, min(scenario.horizonMonths ?? plan.maxMonths, plan.maxMonths)) }
  /// Months of sums: the horizon and the recovery lag after it.
  package var months: Int { horizon > 0 ? horizon + max(scenario.recoveryLagMonths, 0) : 0 }

  package func run(segmented: Bool, counter: _ProgressCounter) -> ScenarioProjection {
    let sums = segmentSums(counter: counter)
    var book = _SeriesBuilder(months: months, horizon: horizon, exact: mode == .exact)
    for segment in sums { book.add(segment) }
    return ScenarioProjection(
      name: scenario.name, recoveryLagMonths: scenario.recoveryLagMonths, book: book.series(),
      segments: segmented
        ? zip(plan.segments, sums).map {
          SegmentFlows(segment: $0, loans: $1.loans, flows: $1.series())
        } : [])
  }

  /// Each segment's monthly sums, blocks added in order.
  package func segmentSums(counter: _ProgressCounter) -> [_SeriesBuilder] {
    let horizon = self.horizon
    let months = self.months
    let blocks = plan.blocks
    let chunks = plan.chunks
    let curves = _CurveTables(scenario: scenario, months: horizon, maxAge: plan.maxAge)
    let width = _Flow.count + 1
    let stride = max(months, 1) * width
    // One row of sums per chunk: amounts (and active loans at offset 6).
    let fast = UnsafeMutablePointer<Double>.allocate(capacity: chunks.count * stride)
    fast.initialize(repeating: 0, count: chunks.count * stride)
    let exact = UnsafeMutablePointer<Int64>.allocate(
      capacity: mode == .exact ? chunks.count * stride : 0)
    if mode == .exact { exact.initialize(repeating: 0, count: chunks.count * stride) }
    defer {
      fast.deallocate()
      exact.deallocate()
    }
    let sharedFast = _SharedPointer(fast)
    let sharedExact = _SharedPointer(exact)
    let plan = self.plan
    let scenario = self.scenario
    let mode = self.mode

    _Parallel.forEach(chunks.count, threads: threads) { _, c in
      let chunk = chunks[c]
      let scratch = mode == .fast ? _FastScratch(lanes: _Plan.blockSize) : nil
      let exactScratch = mode == .exact ? _ExactScratch(lanes: _Plan.blockSize) : nil
      defer {
        scratch?.deallocate()
        exactScratch?.deallocate()
      }
      for b in chunk.blocks {
        let block = blocks[b]
        switch mode {
        case .exact:
          // Amounts in the Int64 rows, active loans in the Double rows' first column.
          let sums = _ExactSums(
            amounts: sharedExact.base + c * stride, active: sharedFast.base + c * stride)
          if curves.isZero {
            _ExactKernel.run(
              _NoCurves.self, block: block, plan: plan, curves: curves, scenario: scenario,
              horizon: horizon, scratch: exactScratch!, sums: sums)
          } else {
            _ExactKernel.run(
              _WithCurves.self, block: block, plan: plan, curves: curves, scenario: scenario,
              horizon: horizon, scratch: exactScratch!, sums: sums)
          }
        case .fast:
          let sums = sharedFast.base + c * stride
          curves.smm.withUnsafeBufferPointer { smm in
            curves.mdr.withUnsafeBufferPointer { mdr in
              if curves.isZero {
                _FastKernel.run(
                  curves: _FastNone(), block: block, plan: plan, scenario: scenario,
                  horizon: horizon, scratch: scratch!, sums: sums)
              } else if curves.byAge {
                _FastKernel.run(
                  curves: _FastByAge(
                    mdr: mdr.baseAddress!, smm: smm.baseAddress!, mdrByAge: curves.mdrByAge,
                    smmByAge: curves.smmByAge),
                  block: block, plan: plan, scenario: scenario, horizon: horizon,
                  scratch: scratch!, sums: sums)
              } else {
                _FastKernel.run(
                  curves: _FastByMonth(mdr: mdr.baseAddress!, smm: smm.baseAddress!),
                  block: block, plan: plan, scenario: scenario, horizon: horizon,
                  scratch: scratch!, sums: sums)
              }
            }
          }
        }
        counter.tick()
      }
    }

    // Sums by segment, chunks in order; the book is the sum of its segments in order.
    var sums = plan.segments.map { _ in
      _SeriesBuilder(months: months, horizon: horizon, exact: mode == .exact)
    }
    for (c, chunk) in chunks.enumerated() {
      let s = chunk.segment
      for b in chunk.blocks {
        sums[s].loans += blocks[b].count
        for l in 0..<blocks[b].count { sums[s].opening += plan.lanes.balance[blocks[b].offset + l] }
      }
      let row = c * stride
      for t in 0..<months {
        for f in 0..<_Flow.count {
          if mode == .exact {
            sums[s].fen[t * _Flow.count + f] += exact[row + t * width + f]
          } else {
            sums[s].amounts[t * _Flow.count + f] += fast[row + t * width + f]
          }
        }
        sums[s].active[t] +=
          mode == .exact ? fast[row + t * width] : fast[row + t * width + _Flow.count]
      }
    }
    return sums
  }
}
