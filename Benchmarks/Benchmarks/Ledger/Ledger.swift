// Single-loan ledger: the officer's everyday calculations.
import Benchmark
import ProvidentCore

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .mallocCountTotal],
    scalingFactor: .kilo,
    // A long window of many samples (each of 1,000 schedules): a second or so of a slower machine
    // then moves a few percent of the samples, not the p90 the gate compares.
    maxDuration: .seconds(5),
    maxIterations: .kilo(100),
    thresholds: gateThresholds(wallClock: 150))

  // 1,000,000 at 3.1 % over 360 months (DOMAIN.md §9 V1), ledger convention.
  Benchmark("Ledger.schedule360") { benchmark in
    let loan = LedgerWorkloads.loan
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      blackHole(loan.schedule())
    }
  }

  // The same loan, dated, with the 2026-01-01 repricing splitting a period.
  Benchmark("Ledger.schedule360.dated-repriced") { benchmark in
    let loan = try! Loan(
      principal: Money(yuan: 1_000_000), annualRate: AnnualRate(units: 2_850_000), months: 360,
      dates: PaymentDates(start: LocalDate(parsing: "2024-06-01"), paymentDay: 20),
      rateChanges: [.onDate(LocalDate(parsing: "2026-01-01"), AnnualRate(units: 2_600_000))])
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
