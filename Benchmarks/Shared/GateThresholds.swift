// Tolerances of the blocking part of the CI gate (make bench-check) for package-benchmark's
// static thresholds, one file shared by every suite (each suite's folder links to it:
// package-benchmark builds every suite as its own executable).
//
// Only what does not move between hosts and runs is checked against the committed
// Thresholds/*.p90.json files: allocation counts and peak resident memory. Wall clock is not:
// the same binary measured 2.1–4.8× apart on two CPUs of this machine kind, and 1.7× apart within
// one run on one host, so a recorded time says nothing about the next machine. Wall clock is
// gated only against the baseline built and run beside the candidate, in the same run
// (Benchmarks/compare.py), and instruction counts under callgrind (Benchmarks/gate.sh) catch a
// kernel doing more work on any machine.
//
// Allocation counts move a little between runs even for the same call: the harness's own
// allocations enter every sample, and Dispatch worker threads allocate as they are started, more
// of them under a competing load. Each suite states its slack, set below what one more allocation
// per unit of its work (schedule, loan, block, segment, path) would add.
import Benchmark
import Foundation

/// How a suite's allocation count is gated.
enum AllocationGate {
  /// Within this many allocations.
  case slack(Int)
  /// Within this percentage.
  case percent(Int)
}

/// The gate's thresholds: allocations as `allocations` says, peak resident memory within
/// `peakMemory` % of the recorded p90 (page-granular and allocator-dependent, so never exact).
func gateThresholds(allocations: AllocationGate, peakMemory: Double = 25)
  -> [BenchmarkMetric: BenchmarkThresholds]
{
  let mallocs: BenchmarkThresholds
  switch allocations {
  case .slack(let n): mallocs = .init(absolute: [.p90: n])
  case .percent(let p): mallocs = .init(relative: [.p90: Double(p)])
  }
  return [.mallocCountTotal: mallocs, .peakMemoryResident: .init(relative: [.p90: peakMemory])]
}

/// Whether the gate (Benchmarks/gate.sh, which sets PROVIDENT_BENCH_GATE) runs the suite: it reads
/// allocation counts and peak memory, which the same call repeats in every sample, so a few
/// samples do; `make bench` keeps the long windows its wall clock needs.
let isGateRun = ProcessInfo.processInfo.environment["PROVIDENT_BENCH_GATE"] != nil

/// A suite's sampling window: as given, or at most a second under the gate.
func window(_ duration: Duration) -> Duration { isGateRun ? min(duration, .seconds(1)) : duration }

/// A suite's sample count: as given, or at most 5 under the gate.
func samples(_ count: Int) -> Int { isGateRun ? min(count, 5) : count }
