// Tolerances of the CI gate (make bench-check), shared by every suite.
//
// Allocation counts are deterministic: any change counts (an improvement passes the gate and asks
// for `make bench-update`). Wall clock varies 20–100 % between runs on these shared 2-core
// machines, so it is checked on p90 with a 75 % tolerance: a 2× slowdown (+100 %) still fails.
// Instruction counts (callgrind, Benchmarks/gate.sh) are the exact guard for the hot kernels.
import Benchmark

var gateThresholds: [BenchmarkMetric: BenchmarkThresholds] {
  [
  .wallClock: .init(relative: [.p90: 75]),
  .mallocCountTotal: .init(absolute: [.p90: 0]),
  ]
}
