// swift-tools-version: 6.1
//
// The benchmark gate's runner (Benchmarks/gate.sh and compare.py): every suite's workload, counted
// under callgrind or timed beside a baseline's runner. Its own package, because package-benchmark
// runs every executable target of the Benchmarks package as a benchmark suite.
import Foundation
import PackageDescription

// A baseline built from before the risk models had their own module has no ProvidentRisk product;
// the runner then finds the same types in ProvidentPortfolio.
let root = URL(fileURLWithPath: Context.packageDirectory).appendingPathComponent("../..")
  .standardized
let riskModule = FileManager.default.fileExists(
  atPath: root.appendingPathComponent("Sources/ProvidentRisk").path)

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
      ] + (riskModule ? [.product(name: "ProvidentRisk", package: "provident")] : []))
  ]
)
