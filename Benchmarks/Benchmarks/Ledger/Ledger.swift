// Single-loan ledger: the officer's everyday calculations.
import Benchmark
import ProvidentCore

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .mallocCountTotal],
    scalingFactor: .kilo,
    maxDuration: .seconds(2),
    maxIterations: .kilo(10),
    thresholds: gateThresholds())

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
