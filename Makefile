# Provident: two commands on a fresh machine.
#   make demo    install what is missing, build gjj, print officer calculations, project the sample book
#   make test    install what is missing, build and run the whole test suite
# Benchmarks: make bench / bench-check / bench-compare / bench-update (Benchmarks/README.md).

SHELL := /bin/bash
SWIFT ?= swift
# Debian packages the build needs: OpenBLAS (CBLAS), LAPACKE, and pkg-config to find them.
APT_PACKAGES := libopenblas-dev liblapacke-dev pkg-config
# Release builds target this machine's CPU (docs/performance.md): on the command line, never as
# unsafeFlags in Package.swift.
NATIVE := -Xswiftc -target-cpu -Xswiftc native

# Installs the Debian packages of $(1) that are missing (sudo when not root).
define apt_install
missing=""; \
for p in $(1); do \
  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
done; \
if [ -n "$$missing" ]; then \
  echo "make: installing Debian packages:$$missing"; \
  if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi; \
  $$sudo apt-get update -qq && \
  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
fi
endef

.PHONY: deps bench-deps browser-deps build release demo test notebooks test-browser bench bench-check bench-compare bench-selftest bench-update lint format clean

deps:
	@$(call apt_install,$(APT_PACKAGES))

# The benchmark gate also counts instructions with valgrind (callgrind) on a stripped binary.
bench-deps: deps
	@$(call apt_install,valgrind binutils)

# The browser check renders the HTML reports in Debian's Chromium, with CJK fonts for the zh reports.
browser-deps:
	@$(call apt_install,chromium fonts-noto-cjk)

build: deps
	$(SWIFT) build --product gjj

release: deps
	$(SWIFT) build -c release --product gjj $(NATIVE)

GJJ = $$($(SWIFT) build --show-bin-path)/gjj

demo: build
	@set -e; gjj=$(GJJ); \
	run() { echo; echo "\$$ gjj $$*"; "$$gjj" "$$@"; }; \
	run amortize --principal 100万 --product provident --home first --start 2024-06-01 --payment-day 20 --years 30 --summary; \
	run amortize --principal 100万 --product provident --home first --start 2024-06-01 --payment-day 20 --years 30 --method equal-principal --payoff-on 2027-06-20 --summary --lang zh; \
	run amortize --principal 800000 --product commercial --lpr-spread -30 --start 2023-03-15 --payment-day 15 --months 360 --summary; \
	run amortize --principal 1000000 --rate 3.1 --months 12 --convention ledger; \
	run prepay --principal 1000000 --rate 3.1 --months 360 --after 36 --amount 200000; \
	run combo --provident 800000@2.6 --commercial 700000@3.05 --months 360 --summary --lang zh; \
	run quota --city shenzhen --on 2025-06-01 --price 3000000 --balance 80000 --co-balance 40000 --monthly-income 30000 --birth 1990-05-01 --sex male --first-home; \
	run convert --commercial-balance 800000 --commercial-rate 3.2 --remaining-months 300 --provident-rate 2.6 --quota 600000 --fees 5000; \
	run portfolio project datasets/samples/book-10k.csv --scenarios datasets/samples/scenarios.yaml --quiet; \
	echo; echo "\$$ gjj amortize --principal 1000000 --rate 310 --months 360   # bad input: one line, non-zero exit"; \
	"$$gjj" amortize --principal 1000000 --rate 310 --months 360 || echo "(exit $$?)"

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	@python3 -c 'import nbformat' 2>/dev/null || python3 -m pip install --quiet nbformat
	python3 Tests/validate_notebooks.py notebooks-export/*.ipynb

# Regenerate notebooks-export/ from notebooks-export/commands.txt.
notebooks: build
	@set -e; gjj=$(GJJ); \
	grep -v '^#' notebooks-export/commands.txt | while read -r out tool args; do \
	  [ -n "$$out" ] || continue; "$$gjj" $$args --out notebooks-export/$$out; \
	done

# Open an HTML report of every kind in headless Chromium (Debian's package, installed when
# missing): no console error, no blank page; screenshots in .build/browser-check/. .ci/run runs it.
test-browser: build browser-deps
	bash Tests/browser/check-html.sh $(GJJ)

# The -Xswiftc flags must come before `benchmark`: SwiftPM hands them to the plugin's build.
BENCH := cd Benchmarks && OPENBLAS_NUM_THREADS=1 $(SWIFT) package $(NATIVE) --disable-sandbox

bench: deps
	$(BENCH) benchmark

# The CI gate: fails on a regression (naming the benchmark), passes on an improvement. Instruction
# and allocation counts (under callgrind) and peak memory against Benchmarks/Thresholds/; wall clock against the
# baseline commit built and run beside the candidate; parallel scaling in one process.
bench-check: bench-deps
	bash Benchmarks/gate.sh check

# Only the wall-clock comparison with the baseline and the parallel scaling (BENCH_BASELINE=REV
# picks the baseline).
bench-compare: bench-deps
	bash Benchmarks/gate.sh compare

# Shows that the gate fails on a kernel made 2x slower or serialized (Benchmarks/selftest/).
bench-selftest: bench-deps
	bash Benchmarks/selftest.sh

# Record the current figures as the thresholds (commit Benchmarks/Thresholds/ afterwards).
bench-update: bench-deps
	bash Benchmarks/gate.sh update

# Formatting: .swift-format holds the settings (swift-format ships with the toolchain). `make lint`
# fails on any file that `make format` would change or that breaks a lint rule; .ci/run runs it.
FORMAT_PATHS = Package.swift Sources Tests Benchmarks/Package.swift Benchmarks/Benchmarks \
	Benchmarks/Shared Benchmarks/GateRunner/Package.swift Benchmarks/GateRunner/Sources Benchmarks/peers/Runner

lint:
	swift format lint --strict --recursive --parallel $(FORMAT_PATHS)

format:
	swift format format --in-place --recursive --parallel $(FORMAT_PATHS)

clean:
	rm -rf .build .build-baseline Benchmarks/.build Benchmarks/GateRunner/.build
