// Tolerances of the CI gate (make bench-check), one file shared by every suite (each suite's
// folder links to it: package-benchmark builds every suite as its own executable).
//
// package-benchmark checks a run's p90 against the p90 recorded in Thresholds/*.p90.json. Wall
// clock may be 90 % above it. The same binary on this shared host ran 1.8× slower in one hour than
// in another (Ledger.schedule360 p90 3.8 µs at 06:40, p50 6.9 µs at 05:32 on 2026-11-22, nothing
// else running): 90 % passes that, and a 2× slowdown (+100 %) measured in the same state of the
// host fails. The exact guard against 2× is the instruction count (Benchmarks/gate.sh). Allocation counts are exact where the work runs on the calling thread;
// where it runs on Dispatch worker threads, whose own allocations vary from run to run, a suite
// states its slack. Instruction counts (callgrind, Benchmarks/gate.sh) are the exact guard for the
// hot kernels.
import Benchmark

/// How a suite's allocation count is gated.
enum AllocationGate {
  /// Any change fails (an improvement too, which asks for `make bench-update`).
  case exact
  /// Within this many allocations.
  case slack(Int)
  /// Within this percentage.
  case percent(Int)
  /// Not gated (the suite does not measure allocations).
  case none
}

/// The gate's thresholds: wall clock p90 within 90 %, allocations as `allocations` says, and
/// `extra` ones (peak memory, say) as given.
func gateThresholds(
  allocations: AllocationGate = .exact, extra: [BenchmarkMetric: BenchmarkThresholds] = [:]
) -> [BenchmarkMetric: BenchmarkThresholds] {
  var thresholds: [BenchmarkMetric: BenchmarkThresholds] = [
    .wallClock: .init(relative: [.p90: 90])
  ]
  switch allocations {
  case .exact: thresholds[.mallocCountTotal] = .init(absolute: [.p90: 0])
  case .slack(let n): thresholds[.mallocCountTotal] = .init(absolute: [.p90: n])
  case .percent(let p): thresholds[.mallocCountTotal] = .init(relative: [.p90: Double(p)])
  case .none: break
  }
  return thresholds.merging(extra) { $1 }
}
