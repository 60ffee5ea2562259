// swift-tools-version: 6.1
//
// Provident: exact provident fund (住房公积金) loan arithmetic, a portfolio engine and the `gjj`
// command line. Module map and dependency rules: README.md, "Modules". Release builds for speed:
// `make release` adds `-target-cpu native` on the command line, never as unsafeFlags here, so the
// package stays usable as a dependency.
import PackageDescription

let package = Package(
  name: "provident",
  platforms: [.macOS(.v15)],
  products: [
    .library(name: "ProvidentCore", targets: ["ProvidentCore"]),
    .library(name: "ProvidentPolicy", targets: ["ProvidentPolicy"]),
    .library(name: "ProvidentPortfolio", targets: ["ProvidentPortfolio"]),
    .library(name: "ProvidentRisk", targets: ["ProvidentRisk"]),
    .library(name: "ProvidentLiquidity", targets: ["ProvidentLiquidity"]),
    .library(name: "ProvidentReport", targets: ["ProvidentReport"]),
    .library(name: "ProvidentCLI", targets: ["ProvidentCLI"]),
    .executable(name: "gjj", targets: ["gjj"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    // City rule files (datasets/policies/) and scenario files are YAML (comments, human-edited).
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    // MARK: - Public API

    .target(
      name: "ProvidentCore",
      plugins: [.plugin(name: "EmbedDatasetsPlugin")]),
    // Dated city rules: quota trial, 商转公, deposits, withdrawals, the 个贷率 gates.
    .target(
      name: "ProvidentPolicy",
      dependencies: ["ProvidentCore", .product(name: "Yams", package: "Yams")],
      plugins: [.plugin(name: "EmbedDatasetsPlugin")]),
    // The loan book as columns, its readers (IO/), batch kernels, projection under scenarios.
    .target(
      name: "ProvidentPortfolio",
      dependencies: [
        "ProvidentCore", "CLinearAlgebra",
        .product(name: "RealModule", package: "swift-numerics"),
        .product(name: "Yams", package: "Yams"),
      ]),
    // Credit loss (Vasicek/ASRF, Basel IRB), roll rates and delinquency, macro stress Monte Carlo.
    .target(
      name: "ProvidentRisk",
      dependencies: [
        "ProvidentCore", "ProvidentPortfolio", "CLinearAlgebra",
        .product(name: "RealModule", package: "swift-numerics"),
        .product(name: "Yams", package: "Yams"),
      ]),
    // The fund month by month: deposits, withdrawals, lending, 个贷率 and its dated gates.
    .target(
      name: "ProvidentLiquidity",
      dependencies: [
        "ProvidentCore", "ProvidentPolicy", "ProvidentPortfolio", "ProvidentRisk",
        .product(name: "Yams", package: "Yams"),
      ]),
    .target(
      name: "ProvidentReport",
      dependencies: [
        "ProvidentCore", "ProvidentPolicy", "ProvidentPortfolio", "ProvidentRisk",
        "ProvidentLiquidity",
      ]),
    .target(
      name: "ProvidentCLI",
      dependencies: [
        "ProvidentCore", "ProvidentPolicy", "ProvidentReport", "ProvidentPortfolio",
        "ProvidentRisk", "ProvidentLiquidity",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(
      name: "gjj",
      dependencies: ["ProvidentCLI"]),

    // MARK: - Implementation details

    // OpenBLAS (CBLAS) and LAPACKE from Debian's libopenblas-dev and liblapacke-dev.
    .systemLibrary(
      name: "CLinearAlgebra",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev", "liblapacke-dev"]), .brew(["openblas"])]),
    // Embeds datasets/ (the only copy anyone edits) into the modules that need it, at build time,
    // so `gjj` works from any directory.
    .executableTarget(
      name: "embed-datasets",
      path: "Sources/embed-datasets"),
    .plugin(
      name: "EmbedDatasetsPlugin",
      capability: .buildTool(),
      dependencies: ["embed-datasets"],
      path: "Sources/EmbedDatasetsPlugin"),
    .target(
      name: "_ProvidentTestSupport",
      dependencies: ["ProvidentCore"],
      path: "Tests/_ProvidentTestSupport"),
    // Random loan books with the scalar ledger each row must reproduce.
    .target(
      name: "_PortfolioTestSupport",
      dependencies: ["ProvidentPortfolio", "_ProvidentTestSupport"],
      path: "Tests/_PortfolioTestSupport"),

    // MARK: - Unit test bundles

    .testTarget(
      name: "ProvidentCoreTests",
      dependencies: ["ProvidentCore", "_ProvidentTestSupport"]),
    .testTarget(
      name: "ProvidentPolicyTests",
      dependencies: ["ProvidentPolicy", "_ProvidentTestSupport"]),
    .testTarget(
      name: "ProvidentCLITests",
      dependencies: ["ProvidentCLI", "ProvidentRisk", "_ProvidentTestSupport"]),
    .testTarget(
      name: "ProvidentReportTests",
      dependencies: ["ProvidentReport", "ProvidentCLI", "_ProvidentTestSupport"],
      exclude: ["Snapshots"]),
    .testTarget(
      name: "ProvidentPortfolioTests",
      dependencies: ["ProvidentPortfolio", "_ProvidentTestSupport", "_PortfolioTestSupport"]),
    .testTarget(
      name: "ProvidentRiskTests",
      dependencies: ["ProvidentRisk", "_ProvidentTestSupport", "_PortfolioTestSupport"]),
    .testTarget(
      name: "ProvidentLiquidityTests",
      dependencies: [
        "ProvidentLiquidity", "ProvidentPolicy", "_ProvidentTestSupport",
      ]),
    .testTarget(
      name: "CLinearAlgebraTests",
      dependencies: ["CLinearAlgebra"]),
  ]
)
