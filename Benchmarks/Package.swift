// swift-tools-version: 6.1
//
// Benchmarks for Provident, as their own package so that library users and `swift test` never
// build the harness (ordo-one/package-benchmark). Run from the repository root:
//   make bench          run and print
//   make bench-check    the CI gate (Benchmarks/README.md)
import PackageDescription

let package = Package(
  name: "provident-benchmarks",
  platforms: [.macOS(.v15)],
  dependencies: [
    // The bare path would take the checkout folder's name and the product lookup would fail.
    .package(name: "provident", path: ".."),
    .package(
      url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    // Single-loan ledger: schedules, a dated repriced schedule, a prepayment timeline.
    .executableTarget(
      name: "Ledger",
      dependencies: [
        .product(name: "ProvidentCore", package: "provident"),
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: "Benchmarks/Ledger",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    // A million loans: payments, projections, the fen-exact ledger, CSV load.
    .executableTarget(
      name: "Portfolio",
      dependencies: [
        .product(name: "ProvidentCore", package: "provident"),
        .product(name: "ProvidentPortfolio", package: "provident"),
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: "Benchmarks/Portfolio",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    // The counter's trial calculations: one quota trial, one 商转公.
    .executableTarget(
      name: "Policy",
      dependencies: [
        .product(name: "ProvidentCore", package: "provident"),
        .product(name: "ProvidentPolicy", package: "provident"),
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: "Benchmarks/Policy",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    // Correlated macro Monte Carlo and the Vasicek model over a 1,000,000-loan book.
    .executableTarget(
      name: "MonteCarlo",
      dependencies: [
        .product(name: "ProvidentCore", package: "provident"),
        .product(name: "ProvidentPortfolio", package: "provident"),
        .product(name: "ProvidentRisk", package: "provident"),
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: "Benchmarks/MonteCarlo",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    // Times the same workloads for Benchmarks/peers/peers.py (numpy, numpy-financial, QuantLib).
    .executableTarget(
      name: "PeersRunner",
      dependencies: [
        .product(name: "ProvidentCore", package: "provident"),
        .product(name: "ProvidentPortfolio", package: "provident"),
      ],
      path: "peers/Runner"),
    // Roll-rate projection of 1,000 segments × 8 states × 360 months, estimation.
    .executableTarget(
      name: "Risk",
      dependencies: [
        .product(name: "ProvidentPortfolio", package: "provident"),
        .product(name: "ProvidentRisk", package: "provident"),
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: "Benchmarks/Risk",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
  ]
)
