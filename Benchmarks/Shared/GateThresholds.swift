// Tolerances of the blocking part of the CI gate (make bench-check) for package-benchmark's
// static thresholds, one file shared by every suite (each suite's folder links to it:
// package-benchmark builds every suite as its own executable).
//
// Only peak resident memory is checked here, against the committed Thresholds/*.p90.json files.
// Wall clock is not: the same binary measured 2.1–4.8× apart on two CPUs of this machine kind, and
// 1.7× apart within one run on one host, so a recorded time says nothing about the next machine.
// Wall clock is gated only against the baseline built and run beside the candidate, in the same
// run (Benchmarks/compare.py). Allocation counts are not either: Dispatch worker threads allocate
// as they are started, more of them under a competing load, so a suite's count moved by up to a
// third between two runs of the same binary. The gate counts each workload's allocations under
// callgrind instead (Benchmarks/gate.sh), where threads run one at a time and the count repeats
// exactly; instruction counts, there too, catch a kernel doing more work on any machine.
import Benchmark
import Foundation

/// The gate's thresholds: peak resident memory within `peakMemory` % of the recorded p90
/// (page-granular and allocator-dependent, so never exact).
func gateThresholds(peakMemory: Double = 25) -> [BenchmarkMetric: BenchmarkThresholds] {
  [.peakMemoryResident: .init(relative: [.p90: peakMemory])]
}

/// Whether the gate (Benchmarks/gate.sh, which sets PROVIDENT_BENCH_GATE) runs the suite: it reads
/// peak memory, which the same call repeats in every sample, so a few samples do; `make bench`
/// keeps the long windows its wall clock needs.
let isGateRun = ProcessInfo.processInfo.environment["PROVIDENT_BENCH_GATE"] != nil

/// A suite's sampling window: as given, or at most a second under the gate.
func window(_ duration: Duration) -> Duration { isGateRun ? min(duration, .seconds(1)) : duration }

/// A suite's sample count: as given, or at most 5 under the gate.
func samples(_ count: Int) -> Int { isGateRun ? min(count, 5) : count }
