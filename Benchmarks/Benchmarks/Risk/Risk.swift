// Roll-rate projection and estimation. Inputs in Shared/RiskWorkloads.swift.
import Benchmark
import ProvidentPortfolio
import ProvidentRisk

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
    scalingFactor: .one,
    maxDuration: window(.seconds(3)),
    maxIterations: samples(.count(20)),
    // The projections run on Dispatch worker threads, whose own allocations vary from run to run
    // (419–494 for the 1,000-segment projections with a core taken by another process). One more
    // allocation per segment adds 1,000: a slack of 250.
    thresholds: gateThresholds(allocations: .slack(250)))

  // Names carry the size (1,000 segments × 8 states × 360 months): tags would enter the
  // threshold file names with spaces and parentheses.
  for (name, own, scenario, threads) in RiskWorkloads.projections {
    Benchmark(name) { benchmark in
      let (model, cohorts) = RiskWorkloads.setting(segments: 1000, ownMatrices: own)
      benchmark.startMeasurement()
      blackHole(try! model.project(cohorts, scenarios: [scenario], options: .init(threads: threads)))
    }
  }

  // The sample panel: 500 loans, 16,005 rows.
  Benchmark("Risk.rollrate.estimate.panel-500") { benchmark in
    let csv = RiskWorkloads.panelCSV(loans: 500)
    benchmark.startMeasurement()
    let panel = try! LoanPanel.parse(csv: csv).panel
    blackHole(try! panel.estimateRollRates(RiskWorkloads.rollRateOptions))
  }
}
