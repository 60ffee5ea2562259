// The counter's trial calculations: one quota trial and one 商转公, as an officer runs them.
// Inputs in Shared/PolicyWorkloads.swift; the city rules are looked up before measurement.
import Benchmark
import ProvidentCore
import ProvidentPolicy

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
    // A long window of many samples, for the wall clock `make bench` reports; the gate checks
    // peak memory here (GateThresholds.swift).
    maxDuration: window(.seconds(5)),
    maxIterations: samples(1_000_000),
    thresholds: gateThresholds())

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
