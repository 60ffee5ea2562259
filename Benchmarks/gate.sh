#!/usr/bin/env bash
# The benchmark gate: `make bench-check` (gate.sh check), `make bench-compare` (gate.sh compare)
# and `make bench-update` (gate.sh update). The rules, and why, are in Benchmarks/README.md.
#
# check runs four steps and fails when any fails, naming the benchmark:
#  1. Instruction and allocation counts of every workload under callgrind (GateRunner count, built
#     for a fixed CPU): instructions within 10 % of Thresholds/instructions.tsv, allocations within
#     5 % + 16 of Thresholds/allocations.tsv. Callgrind runs threads one at a time, so both repeat
#     exactly whatever else the machine does, and are the same on every CPU of this machine kind.
#  2. Peak memory (package-benchmark against Thresholds/*.p90.json, within 25 %).
#  3. Wall clock against the baseline (the commit the change started from), built in
#     .build-baseline/ and run interleaved with the candidate in this run (compare.py): a bulk
#     workload fails above 1.6× the baseline's median. When the baseline cannot be built, the log
#     says so and steps 1, 2 and 4 decide.
#  4. Parallel scaling, in one process: projections on all cores against one thread (the share of
#     the CPU time spent on other threads, at least 25 %, and the speed-up, at least 1.05×).
# compare runs steps 3 and 4 only.
set -uo pipefail
cd "$(dirname "$0")"
benchmarks=$PWD
root=$(cd .. && pwd)
mode=${1:-check}
export OPENBLAS_NUM_THREADS=1
# The suites then sample briefly: allocations and peak memory repeat in every sample
# (Shared/GateThresholds.swift).
export PROVIDENT_BENCH_GATE=1
instruction_tolerance=10
allocation_tolerance=5   # percent, plus allocation_slack
allocation_slack=16
wallclock_tolerance=1.6
min_speedup=1.05
min_share=25
pairs=5
failed=0

step_started=$SECONDS
step() { echo; echo "bench: == $* =="; step_started=$SECONDS; }
step_done() { echo "bench: -- $1 took $((SECONDS - step_started)) s"; }

# valgrind 3.19 cannot decode AVX-512, so the runner is built for Haswell (AVX2): a fixed target,
# so the counts are the same on every machine of this kind (and both sides of a comparison run
# the same instructions on whichever CPU).
runner_flags=(-c release -Xswiftc -target-cpu -Xswiftc haswell)
build_runner() {  # PACKAGE-PATH → path of its GateRunner binary (build log on stderr when it fails)
  local log
  log=$(mktemp)
  if ! swift build --package-path "$1" "${runner_flags[@]}" >"$log" 2>&1; then
    grep -E 'error' "$log" | head -10 >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
  echo "$(swift build --package-path "$1" "${runner_flags[@]}" --show-bin-path)/GateRunner"
}

# One run's instructions and allocations under callgrind (GATE_BIN, stripped): "INSTR ALLOCS".
callgrind_totals() {
  local out
  out=$(mktemp)
  if valgrind --tool=callgrind --callgrind-out-file="$out" "$GATE_BIN" count "$@" >/dev/null 2>&1; then
    python3 "$benchmarks/callgrind_totals.py" "$out"
  fi
  rm -f "$out"
}
if [ "$mode" = count-one ]; then  # used by the parallel counting below
  # A workload's own counts: the run minus the same run's set-up. NAME<TAB>INSTR<TAB>ALLOCS.
  read -r wi wa <<< "$(callgrind_totals "$2")"
  read -r si sa <<< "$(callgrind_totals "$2" --setup-only)"
  if [ -n "$wi" ] && [ -n "$si" ]; then echo "$2	$((wi - si))	$((wa - sa))"; else echo "$2		"; fi
  exit 0
fi

case "$mode" in
  check | update | compare) ;;
  *) echo "usage: gate.sh check | compare | update" >&2; exit 64 ;;
esac
command -v valgrind >/dev/null || { echo "bench: valgrind is missing (make bench-deps)"; exit 1; }

step "building the candidate's runner"
candidate_bin=$(build_runner GateRunner) || { echo "bench: GateRunner does not build"; exit 1; }
step_done "building"

count_all() {  # every workload of the runner, two at a time (one per core): NAME<TAB>INSTR<TAB>ALLOCS
  # valgrind's debug-info reader gives up on the binary's DWARF ("possibly corrupted debuginfo"), so
  # it runs a stripped copy. Swift's per-process hash seed would move the counts of code that hashes
  # by a few hundred instructions; a fixed seed makes them repeat.
  GATE_BIN=$(mktemp)
  strip -o "$GATE_BIN" "$candidate_bin" || { echo "bench: cannot strip GateRunner"; exit 1; }
  export GATE_BIN SWIFT_DETERMINISTIC_HASHING=1
  "$candidate_bin" list | cut -d' ' -f1 | xargs -P 2 -n 1 bash "$benchmarks/gate.sh" count-one | sort
  rm -f "$GATE_BIN"
}

if [ "$mode" = update ]; then
  step "recording instruction and allocation counts"
  counts=$(count_all)
  echo "$counts"
  if grep -q $'\t$' <<< "$counts"; then echo "bench: a workload gave no count"; exit 1; fi
  cut -f1,2 <<< "$counts" > Thresholds/instructions.tsv
  cut -f1,3 <<< "$counts" > Thresholds/allocations.tsv
  step_done "counting"
  step "recording peak memory"
  rm -f Thresholds/*.p90.json
  swift package -Xswiftc -target-cpu -Xswiftc native --disable-sandbox --allow-writing-to-package-directory \
    benchmark thresholds update --no-progress --metric peakMemoryResident || exit 1
  step_done "recording"
  echo "bench: thresholds recorded in Benchmarks/Thresholds/; commit them"
  exit 0
fi

if [ "$mode" = check ]; then
  # 1. Instruction counts.
  step "1. instruction counts (within $instruction_tolerance %) and allocation counts (within $allocation_tolerance % + $allocation_slack), under callgrind"
  counts=$(count_all)
  while IFS=$'\t' read -r w actual allocs; do
    expected=$(awk -F'\t' -v w="$w" '$1 == w { print $2 }' Thresholds/instructions.tsv)
    if [ -z "$actual" ]; then
      echo "bench: REGRESSION $w: no instruction count (the workload failed under callgrind)"
      failed=1
    elif [ -z "$expected" ]; then
      echo "bench: REGRESSION $w: no recorded instruction count; record it with make bench-update"
      failed=1
    else
      change=$(awk -v a="$actual" -v e="$expected" 'BEGIN { printf "%+.2f", (a - e) * 100 / e }')
      verdict=$(awk -v c="$change" -v t="$instruction_tolerance" 'BEGIN { print (c > t) ? "worse" : (c < -t) ? "better" : "within" }')
      if [ "$verdict" = worse ]; then
        echo "bench: REGRESSION $w: $actual instructions, threshold $expected ($change %, allowed $instruction_tolerance %)"
        failed=1
      elif [ "$verdict" = better ]; then
        echo "bench: $w improved: $actual instructions, threshold $expected ($change %); record with make bench-update"
      else
        echo "bench: $w: $actual instructions (threshold $expected, $change %)"
      fi
    fi
    recorded=$(awk -F'\t' -v w="$w" '$1 == w { print $2 }' Thresholds/allocations.tsv)
    if [ -z "$allocs" ]; then
      :  # said above: the workload failed under callgrind
    elif [ -z "$recorded" ]; then
      echo "bench: REGRESSION $w: no recorded allocation count; record it with make bench-update"
      failed=1
    else
      limit=$(( recorded + recorded * allocation_tolerance / 100 + allocation_slack ))
      if [ "$allocs" -gt "$limit" ]; then
        echo "bench: REGRESSION $w: $allocs allocations, threshold $recorded (allowed up to $limit)"
        failed=1
      elif [ "$allocs" -lt "$recorded" ]; then
        echo "bench: $w: $allocs allocations, fewer than the $recorded recorded; record with make bench-update"
      else
        echo "bench: $w: $allocs allocations (threshold $recorded)"
      fi
    fi
  done <<< "$counts"
  cut -f1 Thresholds/instructions.tsv | while read -r w; do
    grep -q "^$w	" <<< "$counts" || echo "bench: note: $w is recorded in instructions.tsv but no longer a workload"
  done
  step_done "counting"

  # 2. Peak memory (BENCH_SKIP_PEAK_MEMORY=1: left out, said so; the selftest's patches change no
  # memory, and this step takes minutes a run).
  if [ -n "${BENCH_SKIP_PEAK_MEMORY:-}" ]; then
    echo; echo "bench: == 2. peak memory: left out (BENCH_SKIP_PEAK_MEMORY) =="
  else
  step "2. peak memory (package-benchmark)"
  log=$(mktemp)
  swift package -Xswiftc -target-cpu -Xswiftc native --disable-sandbox \
    benchmark thresholds check --no-progress --metric peakMemoryResident >"$log" 2>&1
  status=$?
  if [ $status -eq 0 ]; then
    echo "bench: peak memory within thresholds"
  elif grep -q benchmarkThresholdRegression "$log"; then
    echo "bench: REGRESSION in peak memory:"
    grep -E 'Deviations|regress|│|━|Ledger\.|Portfolio\.|Policy\.|MonteCarlo\.|Risk\.' "$log" | grep -v -E '^\s*$' | head -60
    failed=1
  elif grep -q benchmarkThresholdImprovement "$log"; then
    echo "bench: less memory than the thresholds (improvement); record it with make bench-update:"
    grep -E 'Ledger\.|Portfolio\.|Policy\.|MonteCarlo\.|Risk\.|better' "$log" | head -20
  else
    echo "bench: the benchmark run failed:"
    tail -30 "$log"
    failed=1
  fi
  rm -f "$log"
  step_done "package-benchmark"
  fi
fi

# 3. Wall clock against the baseline, in this run.
step "3-4. wall clock against the baseline (same machine, same run); parallel scaling"
# The baseline: BENCH_BASELINE when set; HEAD when the tree has uncommitted changes (the change is
# those); the merge-base with main on another branch; otherwise the parent commit.
cd "$root"
baseline=""
why=""
if [ -n "${BENCH_BASELINE:-}" ]; then
  baseline=$(git rev-parse --verify -q "$BENCH_BASELINE^{commit}") || { echo "bench: BENCH_BASELINE=$BENCH_BASELINE is not a commit"; exit 1; }
  why="BENCH_BASELINE"
elif [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  baseline=$(git rev-parse HEAD); why="HEAD: the tree has uncommitted changes"
elif [ "$(git rev-parse --abbrev-ref HEAD)" != main ] && git rev-parse --verify -q main >/dev/null \
  && [ "$(git merge-base HEAD main)" != "$(git rev-parse HEAD)" ]; then
  baseline=$(git merge-base HEAD main); why="the merge-base with main"
elif git rev-parse --verify -q HEAD^ >/dev/null; then
  baseline=$(git rev-parse HEAD^); why="the parent commit"
fi
baseline_bin=""
if [ -z "$baseline" ]; then
  echo "bench: no baseline (the first commit): wall clock not compared; the other checks decide"
else
  short=$(git rev-parse --short "$baseline")
  echo "bench: baseline $short ($why): $(git log -1 --format=%s "$baseline" | cut -c1-100)"
  # The baseline's tree with the candidate's runner and workloads, so both sides time the same
  # calls; kept per commit so that a second run builds incrementally.
  tree="$root/.build-baseline/$short"
  if [ ! -d "$tree" ]; then
    mkdir -p "$tree.partial" && git archive "$baseline" | tar -x -C "$tree.partial" && mv "$tree.partial" "$tree"
  fi
  rm -rf "$tree/Benchmarks/Shared" "$tree/Benchmarks/GateRunner/Sources"
  mkdir -p "$tree/Benchmarks/GateRunner"
  cp -a Benchmarks/Shared "$tree/Benchmarks/"
  cp -a Benchmarks/GateRunner/Package.swift Benchmarks/GateRunner/Sources "$tree/Benchmarks/GateRunner/"
  if baseline_bin=$(build_runner "$tree/Benchmarks/GateRunner"); then
    echo "bench: baseline built in .build-baseline/$short"
  else
    echo "bench: the baseline $short cannot be built with this runner (above: why); wall clock not compared, the other checks decide"
    baseline_bin=""
  fi
fi
cd "$benchmarks"
compare_args=(--candidate "$candidate_bin" --pairs "$pairs" --tolerance "$wallclock_tolerance"
  --min-speedup "$min_speedup" --min-share "$min_share")
[ -n "$baseline_bin" ] && compare_args+=(--baseline "$baseline_bin")
python3 compare.py "${compare_args[@]}" || failed=1
step_done "comparing"

if [ $failed -ne 0 ]; then
  echo "bench-$mode: FAILED"
  exit 1
fi
echo "bench-$mode: passed"
