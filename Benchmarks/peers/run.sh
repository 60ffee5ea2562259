#!/usr/bin/env bash
# Provident beside numpy, numpy-financial and QuantLib on the same generated book.
#
#   Benchmarks/peers/run.sh                 1,000,000 loans
#   LOANS=100000 Benchmarks/peers/run.sh    a smaller book
#
# Installs the Python peers from PyPI when missing, builds gjj and the PeersRunner in release for
# this CPU, generates the book with `gjj data generate --profile uniform`, times ours and the peers,
# checks that their totals agree, and prints the table Benchmarks/README.md keeps
# (also written to Benchmarks/.build/peers-latest.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
LOANS=${LOANS:-1000000}
SUBSET=${SUBSET:-2000}
NATIVE=(-Xswiftc -target-cpu -Xswiftc native)

if ! python3 -c "import numpy, numpy_financial, QuantLib" 2>/dev/null; then
  echo "peers: installing numpy, numpy-financial and QuantLib from PyPI" >&2
  python3 -m pip install --quiet numpy numpy-financial QuantLib
fi

echo "peers: building gjj and PeersRunner (release, -target-cpu native)" >&2
swift build -c release --product gjj "${NATIVE[@]}" >&2
GJJ="$(swift build -c release --show-bin-path)/gjj"
(cd Benchmarks && swift build -c release --product PeersRunner "${NATIVE[@]}" >&2)
RUNNER="$(cd Benchmarks && swift build -c release --show-bin-path)/PeersRunner"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$GJJ" data generate --loans "$LOANS" --seed 7 --profile uniform --out "$WORK/book.csv" >&2

echo "peers: timing Provident" >&2
OPENBLAS_NUM_THREADS=1 "$RUNNER" "$WORK/book.csv" --subset "$SUBSET" > "$WORK/ours.json"

# numpy runs its current kernels only with these two unset (the machine sets them for old
# OpenBLAS builds): for this command alone.
echo "peers: timing numpy, numpy-financial and QuantLib" >&2
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 Benchmarks/peers/peers.py \
  "$WORK/book.csv" "$WORK/ours.json" --subset "$SUBSET" --markdown Benchmarks/.build/peers-latest.md
