// Correlated macro Monte Carlo and the Vasicek model: 10,000 paths × 360 months over a
// 1,000,000-loan book's segments. Inputs in Shared/MonteCarloWorkloads.swift.
import Benchmark
import ProvidentCore
import ProvidentPortfolio
import ProvidentRisk

/// The calibrated 1,000,000-loan book (`gjj data generate --loans 1000000 --seed 1`), built once.
let millionLoans = MonteCarloWorkloads.book(loans: 1_000_000)
let stressModel = MonteCarloWorkloads.stressModel(millionLoans)

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
    scalingFactor: .one,
    maxDuration: window(.seconds(20)),
    maxIterations: samples(5),
    thresholds: gateThresholds())

  // The target: 10,000 paths × 360 months over the segments (rep lines) of the book.
  // (Tags would enter the threshold file's name; the name says it all: 124 segments.)
  Benchmark("MonteCarlo.stress-1M-loans-10k-paths-360m") { benchmark in
    precondition(stressModel.segments.count == 124)
    let model = stressModel
    benchmark.startMeasurement()
    blackHole(model.simulate(paths: 0..<10_000, seed: 1))
  }

  // The set-up the paths stand on: one loan-level projection of the 1,000,000 loans into rep lines.
  Benchmark("MonteCarlo.rep-lines-1M-loans", configuration: .init(maxIterations: samples(3))) {
    benchmark in
    let book = millionLoans
    benchmark.startMeasurement()
    blackHole(MonteCarloWorkloads.stressModel(book))
  }

  // Vasicek: 1,000,000 large-pool paths, and 100,000 paths of a 10,000-loan pool (binomial).
  Benchmark("MonteCarlo.vasicek-large-pool-1M-paths") { benchmark in
    let run = MonteCarloWorkloads.vasicek()
    benchmark.startMeasurement()
    blackHole(run.run(paths: 0..<1_000_000).quantile(0.999))
  }

  Benchmark("MonteCarlo.vasicek-10k-loans-100k-paths") { benchmark in
    let run = MonteCarloWorkloads.vasicek(loans: 10_000)
    benchmark.startMeasurement()
    blackHole(run.run(paths: 0..<100_000).quantile(0.999))
  }
}
