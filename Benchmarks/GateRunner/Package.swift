// swift-tools-version: 6.1
//
// The benchmark gate's runner (Benchmarks/gate.sh and compare.py): every suite's workload, counted
// under callgrind or timed beside a baseline's runner. Its own package, because package-benchmark
// runs every executable target of the Benchmarks package as a benchmark suite.
import PackageDescription

let package = Package(
  name: "gate-runner",
  platforms: [.macOS(.v15)],
  dependencies: [.package(name: "provident", path: "../..")],
  targets: [
    .executableTarget(
      name: "GateRunner",
      dependencies: [
        .product(name: "ProvidentCore", package: "provident"),
        .product(name: "ProvidentPolicy", package: "provident"),
        .product(name: "ProvidentPortfolio", package: "provident"),
      ]),
  ]
)
