// Single-loan ledger: the officer's everyday calculation.
import Benchmark
import ProvidentCore

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput, .mallocCountTotal],
    scalingFactor: .kilo,
    maxDuration: .seconds(2),
    maxIterations: .kilo(10))

  // 1,000,000 at 3.1 % over 360 months (DOMAIN.md §9 V1), ledger convention.
  Benchmark("Ledger.schedule360") { benchmark in
    let loan = try! Loan(
      principal: Money(yuan: 1_000_000), annualRate: AnnualRate(units: 3_100_000), months: 360)
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
}
