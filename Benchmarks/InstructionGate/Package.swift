// swift-tools-version: 6.1
//
// Runs one workload once under callgrind for the benchmark gate (Benchmarks/gate.sh): exact
// instruction counts. Its own package, because package-benchmark runs every executable target of
// the Benchmarks package as a benchmark suite.
import PackageDescription

let package = Package(
  name: "instruction-gate",
  platforms: [.macOS(.v15)],
  dependencies: [.package(name: "provident", path: "../..")],
  targets: [
    .executableTarget(
      name: "InstructionGate",
      dependencies: [
        .product(name: "ProvidentCore", package: "provident"),
        .product(name: "ProvidentPolicy", package: "provident"),
        .product(name: "ProvidentPortfolio", package: "provident"),
      ]),
  ]
)
