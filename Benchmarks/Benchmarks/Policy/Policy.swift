// The counter's trial calculations (issue 4): one quota trial and one 商转公, as an officer runs them.
// Inputs in Shared/PolicyWorkloads.swift; the city rules are looked up before measurement.
import Benchmark
import ProvidentCore
import ProvidentPolicy

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .mallocCountTotal],
    // A long window of many samples: a second or so of a slower machine (a neighbour's burst on
    // this shared host) then moves a few percent of the samples, not the p90 the gate compares.
    maxDuration: .seconds(5),
    maxIterations: 1_000_000,
    thresholds: gateThresholds(wallClock: 150))

  Benchmark("Policy.quota-trial") { benchmark in
    let request = PolicyWorkloads.quotaRequest
    let rules = PolicyWorkloads.shenzhen
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      blackHole(try! QuotaTrial.run(request, rules: rules))
    }
  }

  Benchmark("Policy.conversion") { benchmark in
    let request = PolicyWorkloads.conversionRequest
    let rules = PolicyWorkloads.chengdu
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      blackHole(try! Conversion.run(request, rules: rules))
    }
  }
}
