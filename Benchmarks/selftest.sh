#!/usr/bin/env bash
# make bench-selftest: shows that the gate catches a kernel made 2× slower or serialized.
#
# For each patch in Benchmarks/selftest/, a copy of the committed tree gets the patch, and
# `gate.sh check` must fail there naming the benchmark that the patch's first line
# (`# benchmark: NAME`) gives; its second line (`# effect: …`) says what the patch does. The
# baseline of that check is the committed tree itself (the copy has uncommitted changes), built
# once in the copy's .build-baseline/ for every patch. The peak-memory step is left out (the patches
# use no more memory, and it would add minutes a patch); the log says so. The working tree is
# left untouched.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
cleanup() { git -C "$root" worktree remove --force "$tmp/tree" >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT
git -C "$root" worktree add --detach "$tmp/tree" HEAD >/dev/null 2>&1 || { echo "selftest: cannot make a worktree"; exit 1; }
failed=0
for patch in "$root"/Benchmarks/selftest/*.patch; do
  name=$(sed -n '1s/^# benchmark: //p' "$patch")
  (cd "$tmp/tree" && git checkout -q -- . && git apply "$patch") || { echo "selftest: $(basename "$patch") no longer applies; update it"; failed=1; continue; }
  effect=$(sed -n '2s/^# effect: //p' "$patch")
  echo "selftest: $(basename "$patch"): $effect; running the gate…"
  if (cd "$tmp/tree" && BENCH_SKIP_PEAK_MEMORY=1 bash Benchmarks/gate.sh check) > "$tmp/log" 2>&1; then
    echo "selftest: FAILED: the gate passed with $(basename "$patch") applied"
    tail -20 "$tmp/log"
    failed=1
  elif grep -q "REGRESSION.*$name" "$tmp/log"; then
    echo "selftest: ok: the gate failed, naming $name:"
    grep -E "^bench: (REGRESSION|baseline [0-9a-f]+ |-- )" "$tmp/log" | head -40
  else
    echo "selftest: FAILED: the gate failed without naming $name:"
    tail -20 "$tmp/log"
    failed=1
  fi
done
exit $failed
