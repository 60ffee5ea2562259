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
    thresholds: gateThresholds())

  // Names carry the size (1,000 segments × 8 states × 360 months): tags would enter the
  // threshold file names with spaces and parentheses.
  for (name, own, scenario, threads) in RiskWorkloads.projections {
    Benchmark(name) { benchmark in
      let (model, cohorts) = RiskWorkloads.setting(segments: 1000, ownMatrices: own)
      benchmark.startMeasurement()
      blackHole(
        try! model.project(cohorts, scenarios: [scenario], options: .init(threads: threads)))
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
