#!/usr/bin/env bash
# Renders an HTML report of every kind in headless Chromium (Debian's package): each must load
# with no console error and give a screenshot that is not blank (a real size and more than a few
# colours). The reports and their screenshots stay in .build/browser-check/ for a person to look at.
# Usage: check-html.sh PATH-TO-GJJ
set -euo pipefail
gjj=$1
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "test-browser: Chromium is not installed (make browser-deps installs it)" >&2
  exit 1
fi
dir=.build/browser-check
rm -rf "$dir"
mkdir -p "$dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/events.json" <<'EOF'
{"events": [
  {"after": 36, "kind": "prepayment", "amount": 200000, "strategy": "keep-payment"},
  {"date": "2026-01-01", "kind": "rate-change", "rate": 2.6},
  {"after": 120, "kind": "full-prepayment"}
]}
EOF
report() {  # NAME ARGS…: gjj ARGS --out dir/NAME.html
  local name=$1
  shift
  "$gjj" "$@" --out "$dir/$name.html" >/dev/null
}
report amortize amortize --principal 1000000 --rate 3.1 --months 360 --start 2025-06-10 --payment-day 20 --lang zh
report prepay prepay --principal 1000000 --rate 3.1 --months 360 --after 36 --amount 200000
report timeline timeline --principal 1000000 --rate 3.1 --months 360 --start 2025-06-10 --payment-day 20 --events "$work/events.json"
report combo combo --provident 800000@2.6 --commercial 700000@3.05 --months 360
report quota quota --city shenzhen --on 2025-06-01 --price 3000000 --balance 80000 --co-balance 40000 \
  --monthly-income 30000 --birth 1990-05-01 --sex male --first-home --lang zh
report convert convert --commercial-balance 800000 --commercial-rate 3.2 --remaining-months 300 \
  --provident-rate 2.6 --quota 600000 --fees 5000
report withdraw withdraw --city shenzhen --on 2025-12-01 --monthly-deposit 4800
report deposit deposit --city shenzhen --on 2025-07-01 --wage 20000 --employee-ratio 12 --employer-ratio 12 --average-wage 12000
report vasicek risk vasicek --pd 1% --rho 0.15 --q 99.9% --lgd 45%
report project portfolio project datasets/samples/book-10k.csv --scenarios datasets/samples/scenarios.yaml --quiet
report stress portfolio stress datasets/samples/book-10k.csv --factors datasets/samples/factors.yaml \
  --links datasets/samples/links.yaml --paths 1000 --seed 1 --quiet
report rollrate portfolio rollrate datasets/samples/panel-500.csv --segment region,product
"$gjj" portfolio rollrate datasets/samples/panel-500.csv --out "$work/matrices.json" >/dev/null
report delinquency portfolio delinquency datasets/samples/book-10k.csv --matrix "$work/matrices.json" \
  --scenario datasets/samples/delinquency.yaml --lang zh
report liquidity-city liquidity --scenario datasets/liquidity/sample-city.yaml
report liquidity-national liquidity --scenario datasets/liquidity/national-2023.yaml
for page in notebooks-export/*.html; do cp "$page" "$dir/notebook-$(basename "$page")"; done

# check PAGE: renders PAGE into PAGE.png and prints one line; fails on a console error or a blank
# page (a handful of colours, or almost every pixel the background's).
check() {
  local page=$1 png="${1%.html}.png" log="$work/$(basename "${1%.html}").log" size colours inked
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --enable-logging=stderr --v=0 --window-size=1000,1400 --screenshot="$png" "file://$(realpath "$page")" 2>"$log" || true
  size=$(stat -c %s "$png" 2>/dev/null || echo 0)
  read -r colours inked < <(python3 Tests/browser/png_colours.py "$png" 2>/dev/null || echo "0 0")
  if grep -E 'CONSOLE|Uncaught|Failed to load resource' "$log" >/dev/null; then
    echo "FAIL $(basename "$page"): console error:"; grep -E 'CONSOLE|Uncaught|Failed to load resource' "$log" | head -5
    return 1
  elif [ "$size" -lt 20000 ] || [ "$colours" -lt 8 ] || awk -v p="$inked" 'BEGIN { exit !(p < 1) }'; then
    echo "FAIL $(basename "$page"): blank screenshot ($size bytes, $colours colours, $inked % of pixels not background)"
    return 1
  fi
  echo "ok   $(basename "$page"): rendered, screenshot $size bytes, $colours colours, $inked % not background"
}

# The check itself must catch what it is for: a blank page and a page whose script throws.
echo '<!DOCTYPE html><html><body></body></html>' > "$work/blank.html"
echo '<!DOCTYPE html><html><body><h1>Report</h1><script>missingFunction()</script></body></html>' > "$work/throws.html"
for page in "$work/blank.html" "$work/throws.html"; do
  if check "$page" > "$work/self.log"; then
    echo "test-browser: the check passed $(basename "$page"), which it must reject"
    exit 1
  fi
  echo "ok   the check rejects $(basename "$page"): $(head -1 "$work/self.log" | sed 's/^FAIL [^:]*: //')"
done

failed=0
for page in "$dir"/*.html; do
  check "$page" || failed=$((failed + 1))
done
total=$(ls "$dir"/*.html | wc -l)
echo "$((total - failed)) passed, $failed failed; screenshots in $dir/"
[ "$failed" -eq 0 ]
