// Single-loan ledger: the officer's everyday calculations.
import Benchmark
import ProvidentCore

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
    scalingFactor: .kilo,
    // A long window of many samples (each of 1,000 schedules), for the wall clock `make bench`
    // reports; the gate checks peak memory here (GateThresholds.swift).
    maxDuration: window(.seconds(5)),
    maxIterations: samples(.kilo(100)),
    thresholds: gateThresholds())

  // 1,000,000 at 3.1 % over 360 months (docs/domain.md §9 V1), ledger convention.
  Benchmark("Ledger.schedule360") { benchmark in
    let loan = LedgerWorkloads.loan
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      blackHole(loan.schedule())
    }
  }

  // The same loan, dated, with the 2026-01-01 repricing splitting a period.
  Benchmark("Ledger.schedule360.dated-repriced") { benchmark in
    let loan = LedgerWorkloads.datedRepriced
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      blackHole(loan.schedule())
    }
  }

  // A prepayment timeline: V3's prepayment keeping the payment, a rate change and a term change.
  Benchmark("Ledger.prepayment-timeline") { benchmark in
    let timeline = LedgerWorkloads.timeline
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      blackHole(try! timeline.run())
    }
  }
}
