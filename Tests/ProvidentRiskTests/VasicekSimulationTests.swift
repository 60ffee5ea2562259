// The Vasicek model by Monte Carlo against its closed forms (docs/risk-models.md §2.3, §2.4).
import ProvidentPortfolio
import ProvidentRisk
import Testing

@Suite("Vasicek Monte Carlo")
struct VasicekSimulationTests {
  static let model = try! VasicekModel(probabilityOfDefault: 0.01, correlation: 0.15)

  /// docs/risk-models.md §2.4: |MC − closed form| ≤ 4·SE for the mean, the 99 % and 99.9 % quantiles and the
  /// 99 % expected shortfall of a large pool, with the standard errors the run reports. The
  /// tolerance does not assume a particular generator: any seed should pass (a failure is a
  /// 4-sigma event for each figure).
  @Test(arguments: [UInt64(1), 2, 3])
  func largePoolWithinFourStandardErrors(_ seed: UInt64) throws {
    let lgd = 0.45
    let run = try VasicekSimulation(model: Self.model, lossGivenDefault: lgd, seed: seed)
    let sample = run.run(paths: 0..<200_000)
    let mean = sample.mean
    #expect(abs(mean.value - lgd * 0.01) <= 4 * mean.standardError)
    for q in [0.99, 0.999] {
      let estimate = sample.quantile(q)
      let exact = lgd * Self.model.quantile(q)
      #expect(
        abs(estimate.value - exact) <= 4 * estimate.standardError, "q \(q): \(estimate) vs \(exact)"
      )
      // docs/risk-models.md §2.3: relative SE ≈ s₁/√M with s₁ = 6.736 (q .999) and 3.102 (q .99).
      let s1 = q == 0.999 ? 6.736 : 3.102
      let predicted = exact * s1 / Double(sample.count).squareRoot()
      #expect(
        abs(estimate.standardError / predicted - 1) < 0.35,
        "SE \(estimate.standardError) vs \(predicted)")
      #expect(sample.expectedShortfall(q).value >= estimate.value)
    }
    let es = sample.expectedShortfall(0.99)
    #expect(abs(es.value - lgd * Self.model.expectedShortfall(0.99)) <= 4 * es.standardError)
  }

  /// The acceptance check: on docs/risk-models.md §2.3's reference cases (PD 1 % at q .999 and .99, PD 0.3 %
  /// at q .999, ρ 0.15; and 1,000- and 10,000-loan pools against their exact quantiles) the closed
  /// form lies inside the run's reported 95 % interval. Seed 1, as `gjj risk vasicek` defaults to;
  /// a 95 % interval misses one time in twenty, so this pins the seed where the 4-SE test above
  /// does not.
  @Test func closedFormInsideTheReportedInterval() throws {
    for (pd, q, loans) in [
      (0.01, 0.999, nil), (0.01, 0.99, nil), (0.003, 0.999, nil), (0.01, 0.999, 1_000),
      (0.01, 0.999, 10_000),
    ] as [(Double, Double, Int?)] {
      let model = try VasicekModel(probabilityOfDefault: pd, correlation: 0.15)
      let estimate = try VasicekSimulation(model: model, loans: loans, seed: 1).run(
        paths: 0..<200_000
      ).quantile(q)
      let reference = loans.map { model.finitePoolQuantile(q, loans: $0) } ?? model.quantile(q)
      #expect(
        estimate.lower <= reference && reference <= estimate.upper,
        "PD \(pd) q \(q) loans \(String(describing: loans)): \(estimate) vs \(reference)")
    }
  }

  /// docs/risk-models.md §2.3's exact finite-pool quantiles (quadrature of P(D ≤ k)): 0.112 (10³ loans),
  /// 0.1104 (10⁴), 0.11028 (10⁵); the large-pool value is 0.110265.
  @Test(arguments: [(1_000, 0.112), (10_000, 0.1104), (100_000, 0.11028)])
  func finitePoolQuantile(_ loans: Int, _ expected: Double) {
    let exact = Self.model.finitePoolQuantile(0.999, loans: loans)
    #expect(abs(exact - expected) < 0.5 / Double(loans) + 1e-12, "\(loans): \(exact)")
    #expect(exact >= Self.model.quantile(0.999) - 1.0 / Double(loans))
  }

  /// A finite pool's Monte Carlo quantile against its exact quantile: within 4 SE plus one 1/N
  /// step (docs/risk-models.md §2.3); the granularity add-on is positive at N = 1,000 (about +1.6 %).
  @Test func finitePoolMonteCarlo() throws {
    for loans in [1_000, 10_000] {
      let run = try VasicekSimulation(model: Self.model, loans: loans, seed: 11)
      let estimate = run.run(paths: 0..<200_000).quantile(0.999)
      let exact = Self.model.finitePoolQuantile(0.999, loans: loans)
      #expect(
        abs(estimate.value - exact) <= 4 * estimate.standardError + 1.0 / Double(loans),
        "\(loans): \(estimate) vs \(exact)")
    }
    let gap = Self.model.finitePoolQuantile(0.999, loans: 1_000) / Self.model.quantile(0.999) - 1
    #expect(gap > 0.005 && gap < 0.03, "granularity add-on \(gap)")
  }

  /// Binomial draws have the binomial mean and variance (one uniform each, searched from the
  /// mode): over 100,000 draws within 4 standard errors.
  @Test func binomialDraws() throws {
    let run = try VasicekSimulation(
      model: try VasicekModel(probabilityOfDefault: 0.3, correlation: 0), loans: 50, seed: 5)
    // ρ = 0: p(Y) = PD for every path, so D/n is Binomial(50, 0.3)/50.
    let sample = run.run(paths: 0..<100_000)
    let mean = sample.mean
    #expect(abs(mean.value - 0.3) <= 4 * mean.standardError)
    let variance = sample.standardDeviation * sample.standardDeviation
    let expected = 0.3 * 0.7 / 50
    // The sample variance's SE ≈ variance · √(2/M) (near-normal): 4 SE ≈ 1.8 %.
    #expect(abs(variance / expected - 1) < 4 * (2.0 / 100_000).squareRoot() * 1.1)
    // P(D = 15) for Binomial(50, 0.3) = 0.1223468…; the share of draws equal to 15/50.
    let share = Double(sample.values.filter { abs($0 - 0.3) < 1e-12 }.count) / 100_000
    #expect(abs(share - 0.122347) < 4 * (0.122347 * 0.877653 / 100_000).squareRoot())
  }

  /// docs/risk-models.md §2.4: per-path streams make the sample identical for 1 and N threads and for any
  /// split of the paths.
  @Test func threadsAndSplitsAreBitIdentical() throws {
    let run = try VasicekSimulation(
      model: Self.model, lossGivenDefault: 0.3, loans: 5_000, seed: 42)
    let one = run.run(paths: 0..<20_000, threads: 1)
    let two = run.run(paths: 0..<20_000, threads: 2)
    let seven = run.run(paths: 0..<20_000, threads: 7)
    #expect(one.values == two.values)
    #expect(one.values == seven.values)
    let split =
      run.run(paths: 0..<7_777, threads: 2).values
      + run.run(paths: 7_777..<20_000, threads: 1).values
    #expect(split == one.values)
    // A different seed gives different paths.
    let other = try VasicekSimulation(
      model: Self.model, lossGivenDefault: 0.3, loans: 5_000, seed: 43)
    #expect(other.run(paths: 0..<100).values != Array(one.values.prefix(100)))
  }

  @Test func sampleStatistics() {
    let sample = PathSample((1...1000).map(Double.init).reversed())
    #expect(sample.mean.value == 500.5)
    #expect(sample.quantile(0.99).value == 990)
    #expect(sample.expectedShortfall(0.99).value == 995)  // mean of 990…1000
    #expect(sample.quantile(0.99).lower <= 990 && sample.quantile(0.99).upper >= 990)
    #expect(sample.cdf(10) == 0.01)
    let bins = sample.histogram(bins: 10)
    #expect(bins.map(\.paths) == [100, 100, 100, 100, 100, 100, 100, 100, 100, 100])
  }
}
