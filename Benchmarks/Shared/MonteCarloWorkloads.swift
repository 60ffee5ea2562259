// Inputs of the MonteCarlo suite, shared with GateRunner (each links this file): the factor and
// link files of a macro stress over the calibrated book's segments, and the Vasicek models.
import ProvidentPortfolio

#if canImport(ProvidentRisk)
  import ProvidentRisk
#endif

enum MonteCarloWorkloads {
  /// docs/risk-models.md §3.2's four factors (ILLUSTRATIVE), the shock acting in every one of the 360 months.
  static let factorYAML = """
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
  static let linkYAML = """
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

  static let factors = try! FactorFile(yaml: factorYAML).factors
  static let links = try! LinkFile(yaml: linkYAML, factors: factors)

  /// The calibrated book (`gjj data generate --loans N --seed 1`).
  static func book(loans: Int) -> LoanBook { BookGenerator(seed: 1).book(loans: loans) }

  /// The stress model over `book`'s segments: one loan-level projection into rep lines.
  static func stressModel(_ book: LoanBook) -> StressModel {
    try! StressModel(book: book, factors: factors, shockMonths: nil, links: links)
  }

  /// A large-pool Vasicek run (PD 1 %, correlation 0.15), or a finite pool of `loans`.
  static func vasicek(loans: Int? = nil) -> VasicekSimulation {
    try! VasicekSimulation(
      model: try! VasicekModel(probabilityOfDefault: 0.01, correlation: 0.15), loans: loans, seed: 1
    )
  }
}
