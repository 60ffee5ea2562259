#!/usr/bin/env bash
# Renders HTML reports in headless Chromium: each must load with no console error and give a
# screenshot of non-trivial size. Usage: check-html.sh PATH-TO-GJJ
set -euo pipefail
gjj=$1
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "test-browser: Chromium is not installed (apt-get install chromium)" >&2
  exit 1
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$gjj" amortize --principal 1000000 --rate 3.1 --months 360 --start 2025-06-10 --payment-day 20 --lang zh --out "$dir/amortize.html" >/dev/null
"$gjj" prepay --principal 1000000 --rate 3.1 --months 360 --after 36 --amount 200000 --out "$dir/prepay.html" >/dev/null
"$gjj" combo --provident 800000@2.6 --commercial 700000@3.05 --months 360 --out "$dir/combo.html" >/dev/null
"$gjj" portfolio rollrate datasets/samples/panel-500.csv --out "$dir/matrices.json" >/dev/null
"$gjj" portfolio delinquency datasets/samples/book-10k.csv --matrix "$dir/matrices.json" \
  --scenario datasets/samples/delinquency.yaml --lang zh --out "$dir/delinquency.html" >/dev/null
"$gjj" liquidity --scenario datasets/liquidity/sample-city.yaml --out "$dir/liquidity-city.html" >/dev/null
cp notebooks-export/*.html "$dir/" 2>/dev/null || true
failed=0
for page in "$dir"/*.html; do
  png="${page%.html}.png"
  log="${page%.html}.log"
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --enable-logging=stderr --v=0 --window-size=1000,1400 --screenshot="$png" "file://$page" 2>"$log" || true
  size=$(stat -c %s "$png" 2>/dev/null || echo 0)
  if grep -E 'CONSOLE|Uncaught|Failed to load resource' "$log" >/dev/null; then
    echo "FAIL $(basename "$page"): console error:"; grep -E 'CONSOLE|Uncaught|Failed to load resource' "$log" | head -5
    failed=$((failed + 1))
  elif [ "$size" -lt 20000 ]; then
    echo "FAIL $(basename "$page"): screenshot of $size bytes"
    failed=$((failed + 1))
  else
    echo "ok   $(basename "$page"): rendered, screenshot $size bytes"
  fi
done
total=$(ls "$dir"/*.html | wc -l)
echo "$((total - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
