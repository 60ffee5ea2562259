// Tolerances of the CI gate (make bench-check), one file shared by every suite (each suite's
// folder links to it: package-benchmark builds every suite as its own executable).
//
// package-benchmark checks a run's p90 against the p90 recorded in Thresholds/*.p90.json. Wall
// clock may be 90 % above it for the bulk suites (Portfolio, MonteCarlo, Risk): a 2× slowdown
// (+100 %) fails, while their run-to-run spread on an idle host stayed within about 60 %. The
// single-loan microbenchmarks (Ledger, Policy) switch between two speeds about 1.7× apart, even
// within one run on an idle host (Ledger.schedule360: 3.7 µs and 6.2 µs, 2026-11-22; a fixed piece
// of integer work timed beside it did not move, so it is not the core's clock), so their p90 moves
// by up to 1.8× between runs and +90 % flaked once; they get 150 %. For them, and for every hot
// kernel, the exact guard against 2× is the instruction count (callgrind, Benchmarks/gate.sh).
//
// Allocation counts are exact where the work runs on the calling thread; where it runs on Dispatch
// worker threads, whose own allocations vary from run to run, a suite states its slack.
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

/// The gate's thresholds: wall clock p90 within `wallClock` % (default 90), allocations as
/// `allocations` says, and `extra` ones (peak memory, say) as given.
func gateThresholds(
  wallClock: Double = 90, allocations: AllocationGate = .exact,
  extra: [BenchmarkMetric: BenchmarkThresholds] = [:]
) -> [BenchmarkMetric: BenchmarkThresholds] {
  var thresholds: [BenchmarkMetric: BenchmarkThresholds] = [
    .wallClock: .init(relative: [.p90: wallClock])
  ]
  switch allocations {
  case .exact: thresholds[.mallocCountTotal] = .init(absolute: [.p90: 0])
  case .slack(let n): thresholds[.mallocCountTotal] = .init(absolute: [.p90: n])
  case .percent(let p): thresholds[.mallocCountTotal] = .init(relative: [.p90: Double(p)])
  case .none: break
  }
  return thresholds.merging(extra) { $1 }
}
