// Correlated macro Monte Carlo and the Vasicek model (issue 9): 10,000 paths × 360 months over a
// 1,000,000-loan book's segments.
import Benchmark
import ProvidentCore
import ProvidentPortfolio

/// RISK.md §3.2's four factors (ILLUSTRATIVE), the shock acting in every one of the 360 months.
let factorYAML = """
  factors:
    - {name: hpi, unit: "%", mean: 0, vol: 8}
    - {name: unemployment, unit: pp, mean: 0, vol: 1}
    - {name: income, unit: "%", mean: 5, vol: 3}
    - {name: lpr, unit: bp, mean: 0, vol: 40}
  correlation:
    - [1, -0.5, 0.5, 0.3]
    - [-0.5, 1, -0.6, -0.2]
    - [0.5, -0.6, 1, 0.2]
    - [0.3, -0.2, 0.2, 1]
  """

/// Every segment by product, home and region (2 × 2 × 31 = 124 segments on the calibrated book).
let linkYAML = """
  segmentBy: [product, home, region]
  horizon: 360
  default:
    pd: {link: logit, base: 0.3%, betas: {hpi: -0.05, unemployment: 0.30, income: -0.05}}
    cpr: {base: 6%, betas: {lpr: -0.004, hpi: 0.01}}
    severity: {base: 20%, collateral: hpi, floor: 10%}
    recoveryLag: 12
  segments:
    - product: commercial
      pd: {base: 0.5%}
    - home: second
      pd: {link: probit, base: 0.6%, rho: 0.15, weights: {hpi: 0.6, unemployment: -0.3, income: 0.1}}
  """

/// The calibrated 1,000,000-loan book (`gjj data generate --loans 1000000 --seed 1`), built once.
let millionLoans = BookGenerator(seed: 1).book(loans: 1_000_000)
let factorFile = try! FactorFile(yaml: factorYAML)
let linkFile = try! LinkFile(yaml: linkYAML, factors: factorFile.factors)
let stressModel = try! StressModel(
  book: millionLoans, factors: factorFile.factors, shockMonths: nil, links: linkFile)

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock],
    scalingFactor: .one,
    maxDuration: .seconds(20),
    maxIterations: 5,
    thresholds: gateThresholds(allocations: .none))

  // The target: 10,000 paths × 360 months over the segments (rep lines) of the book.
  // (Tags would enter the threshold file's name; the name says it all: 124 segments.)
  Benchmark("MonteCarlo.stress-1M-loans-10k-paths-360m") { benchmark in
    precondition(stressModel.segments.count == 124)
    let model = stressModel
    benchmark.startMeasurement()
    blackHole(model.simulate(paths: 0..<10_000, seed: 1))
  }

  // The set-up the paths stand on: one loan-level projection of the 1,000,000 loans into rep lines.
  Benchmark("MonteCarlo.rep-lines-1M-loans", configuration: .init(maxIterations: 3)) { benchmark in
    let book = millionLoans
    benchmark.startMeasurement()
    blackHole(try! StressModel(book: book, factors: factorFile.factors, shockMonths: nil, links: linkFile))
  }

  // Vasicek: 1,000,000 large-pool paths, and 100,000 paths of a 10,000-loan pool (binomial).
  Benchmark("MonteCarlo.vasicek-large-pool-1M-paths") { benchmark in
    let run = try! VasicekSimulation(
      model: try! VasicekModel(probabilityOfDefault: 0.01, correlation: 0.15), seed: 1)
    benchmark.startMeasurement()
    blackHole(run.run(paths: 0..<1_000_000).quantile(0.999))
  }

  Benchmark("MonteCarlo.vasicek-10k-loans-100k-paths") { benchmark in
    let run = try! VasicekSimulation(
      model: try! VasicekModel(probabilityOfDefault: 0.01, correlation: 0.15), loans: 10_000, seed: 1)
    benchmark.startMeasurement()
    blackHole(run.run(paths: 0..<100_000).quantile(0.999))
  }
}
