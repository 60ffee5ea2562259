#!/usr/bin/env bash
# The benchmark gate: `make bench-check` (gate.sh check) and `make bench-update` (gate.sh update).
#
# Two checks, each against files committed in Benchmarks/Thresholds/:
#  1. package-benchmark's static thresholds (*.p90.json: each metric's p90): wall clock p90 within
#     90 % (150 % for the single-loan microbenchmarks), allocation counts exactly or within a
#     stated slack (Shared/GateThresholds.swift).
#  2. Instruction counts of the hot kernels under callgrind (instructions.tsv), within 10 %:
#     repeatable to the instruction, so a kernel that does twice the work fails every time.
# A regression fails naming the benchmark; an improvement passes and says how to record it.
set -uo pipefail
cd "$(dirname "$0")"
mode=${1:-check}
native=(-Xswiftc -target-cpu -Xswiftc native)
export OPENBLAS_NUM_THREADS=1
workloads=(Ledger.schedule360 Ledger.prepayment-timeline Portfolio.payments
  Portfolio.project360.scheduled.fast Portfolio.project360.cprcdr.fast Portfolio.ledger360.exact
  Portfolio.csvLoad Policy.quota-trial Policy.conversion)
tolerance_percent=10
failed=0

total_instructions() {  # the whole run's instruction count under callgrind
  local out
  out=$(mktemp)
  if valgrind --tool=callgrind --callgrind-out-file="$out" "$gate_bin" "$@" >/dev/null 2>&1; then
    awk '/^summary:/ { print $2 }' "$out"
  fi
  rm -f "$out"
}

count_instructions() {  # workload → its own instructions: the run minus the same run's set-up
  local with without
  with=$(total_instructions "$1")
  without=$(total_instructions "$1" --setup-only)
  [ -n "$with" ] && [ -n "$without" ] && echo $((with - without))
}

command -v valgrind >/dev/null || { echo "bench: valgrind is missing (apt-get install valgrind)"; exit 1; }
# valgrind 3.19 cannot decode AVX-512, so the instruction gate is built for Haswell (AVX2): a fixed
# target, so the counts are the same on every machine of this kind.
haswell=(-Xswiftc -target-cpu -Xswiftc haswell)
swift build --package-path InstructionGate -c release "${haswell[@]}" >/dev/null || { echo "bench: InstructionGate build failed"; exit 1; }
# valgrind's debug-info reader gives up on the binary's DWARF ("possibly corrupted debuginfo"), so
# it runs a stripped copy. Swift's per-process hash seed would move the counts of code that hashes
# by a few hundred instructions; a fixed seed makes them repeat.
gate_bin="$(mktemp)"
strip -o "$gate_bin" "$(swift build --package-path InstructionGate -c release "${haswell[@]}" --show-bin-path)/InstructionGate" || { echo "bench: cannot strip InstructionGate"; exit 1; }
trap 'rm -f "$gate_bin"' EXIT
export SWIFT_DETERMINISTIC_HASHING=1

if [ "$mode" = update ]; then
  swift package "${native[@]}" --disable-sandbox --allow-writing-to-package-directory \
    benchmark thresholds update --no-progress || exit 1
  : > Thresholds/instructions.tsv
  for w in "${workloads[@]}"; do
    printf '%s\t%s\n' "$w" "$(count_instructions "$w")" >> Thresholds/instructions.tsv
  done
  cat Thresholds/instructions.tsv
  echo "bench: thresholds recorded in Benchmarks/Thresholds/; commit them"
  exit 0
fi

# 1. Wall clock and allocations.
log=$(mktemp)
swift package "${native[@]}" --disable-sandbox benchmark thresholds check --no-progress >"$log" 2>&1
status=$?
if [ $status -eq 0 ]; then
  echo "bench: wall clock and allocations within thresholds"
elif grep -q benchmarkThresholdRegression "$log"; then
  echo "bench: REGRESSION in wall clock or allocations:"
  grep -E 'Deviations|regress|│|━|Ledger\.|Portfolio\.|Policy\.|MonteCarlo\.|Risk\.' "$log" | grep -v -E '^\s*$' | head -60
  failed=1
elif grep -q benchmarkThresholdImprovement "$log"; then
  echo "bench: faster or leaner than the thresholds (improvement); record it with make bench-update:"
  grep -E 'Ledger\.|Portfolio\.|Policy\.|MonteCarlo\.|Risk\.|better' "$log" | head -20
else
  echo "bench: the benchmark run failed:"
  tail -30 "$log"
  failed=1
fi
rm -f "$log"

# 2. Instruction counts.
while IFS=$'\t' read -r w expected; do
  [ -n "$w" ] || continue
  actual=$(count_instructions "$w")
  if [ -z "$actual" ]; then
    echo "bench: $w: no instruction count (workload missing from InstructionGate?)"
    failed=1
    continue
  fi
  change=$(( (actual - expected) * 100 / expected ))
  if [ $change -gt $tolerance_percent ]; then
    echo "bench: REGRESSION $w: $actual instructions, threshold $expected (+$change %, allowed $tolerance_percent %)"
    failed=1
  elif [ $change -lt -$tolerance_percent ]; then
    echo "bench: $w improved: $actual instructions, threshold $expected ($change %); record with make bench-update"
  else
    echo "bench: $w: $actual instructions (threshold $expected, $change %)"
  fi
done < Thresholds/instructions.tsv

if [ $failed -ne 0 ]; then
  echo "bench-check: FAILED"
  exit 1
fi
echo "bench-check: passed"
