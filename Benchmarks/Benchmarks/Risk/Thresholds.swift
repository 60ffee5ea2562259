// Tolerances of the CI gate (make bench-check) for the Risk suite: those of the Ledger suite
// (Benchmarks/Ledger/Thresholds.swift), except that allocation counts may move by a few, because
// the projections run on Dispatch worker threads whose own allocations vary by one or two from run
// to run (344–345 observed). Wall clock: p90 within 75 %, so a 2× slowdown still fails.
import Benchmark

var gateThresholds: [BenchmarkMetric: BenchmarkThresholds] {
  [
  .wallClock: .init(relative: [.p90: 75]),
  .mallocCountTotal: .init(absolute: [.p90: 8]),
  ]
}
