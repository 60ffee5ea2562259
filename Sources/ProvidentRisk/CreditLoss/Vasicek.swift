// The Vasicek single-factor (ASRF) model of a large pool's default rate (docs/risk-models.md §2).
import RealModule

/// The default rate of a large pool under one systematic factor (Vasicek; Basel's ASRF model).
///
/// ```
///   Xᵢ = √ρ·Y + √(1−ρ)·εᵢ,   loan i defaults when Xᵢ < G(PD)
///   L  = p(Y) = N((G(PD) − √ρ·Y) / √(1−ρ))          the large-pool default rate
/// ```
/// `N` is the standard normal CDF and `G = N⁻¹` (``Normal``). Losses are `LGD × L` with a
/// constant loss given default.
///
/// ## Reference
/// O. Vasicek, "Loan portfolio value", RISK 15(12), 2002 [R4]; docs/risk-models.md §2.1. Every closed form
/// here agrees with docs/risk-models.md §2.2's table (computed with scipy and checked against QuantLib's
/// `GaussianLHPLossModel`).
public struct VasicekModel: Hashable, Sendable {
  /// The unconditional probability of default over the horizon, in (0, 1).
  public let probabilityOfDefault: Double
  /// The asset correlation ρ, in [0, 1): 0.15 for residential mortgages under Basel.
  public let correlation: Double

  /// - Throws: `RiskInputError` when `pd` is not in (0, 1) or `correlation` not in [0, 1).
  public init(probabilityOfDefault pd: Double, correlation: Double = 0.15) throws(RiskInputError) {
    try RiskInputError.check(pd, "pd", open: 0...1)
    guard correlation.isFinite, correlation >= 0, correlation < 1 else {
      throw RiskInputError("rho must be at least 0 and below 1 (got \(correlation))")
    }
    probabilityOfDefault = pd
    self.correlation = correlation
  }

  var threshold: Double { Normal.quantile(probabilityOfDefault) }

  /// The default rate given the factor: `p(y) = N((G(PD) − √ρ·y) / √(1−ρ))`.
  public func conditionalDefaultRate(factor y: Double) -> Double {
    Normal.cdf((threshold - correlation.squareRoot() * y) / (1 - correlation).squareRoot())
  }

  /// The `q`-quantile of the default rate (value at risk at level `q`, LGD = 1).
  ///
  /// ```
  ///   x_q = N((G(PD) + √ρ·G(q)) / √(1−ρ))
  /// ```
  /// Rises with `q` and `PD`, and with `ρ` at high `q`. `ρ = 0` gives `PD`.
  ///
  /// - Parameter q: the confidence level, in (0, 1).
  public func quantile(_ q: Double) -> Double {
    Normal.cdf(
      (threshold + correlation.squareRoot() * Normal.quantile(q)) / (1 - correlation).squareRoot())
  }

  /// The distribution function of the default rate: `P(L ≤ x)`.
  ///
  /// ```
  ///   F(x) = N((√(1−ρ)·G(x) − G(PD)) / √ρ)
  /// ```
  /// Special cases: `x ≤ 0` → 0, `x ≥ 1` → 1; `ρ = 0` → the step at `PD`.
  public func cdf(_ x: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    if correlation == 0 { return x < probabilityOfDefault ? 0 : 1 }
    return Normal.cdf(
      ((1 - correlation).squareRoot() * Normal.quantile(x) - threshold) / correlation.squareRoot())
  }

  /// The density of the default rate, `dF/dx`:
  /// ```
  ///   f(x) = √((1−ρ)/ρ) · φ((√(1−ρ)·G(x) − G(PD)) / √ρ) / φ(G(x))
  /// ```
  /// 0 outside (0, 1) and when `ρ = 0`.
  public func density(_ x: Double) -> Double {
    guard x > 0, x < 1, correlation > 0 else { return 0 }
    let g = Normal.quantile(x)
    let z = ((1 - correlation).squareRoot() * g - threshold) / correlation.squareRoot()
    return ((1 - correlation) / correlation).squareRoot() * Normal.density(z) / Normal.density(g)
  }

  /// Expected shortfall at level `q`: the mean default rate in the worst `1 − q` of outcomes.
  ///
  /// ```
  ///   ES_q = E[L | L ≥ x_q] = Φ₂(G(PD), −G(q); √ρ) / (1 − q)
  /// ```
  /// At least `x_q`; `ρ = 0` gives `PD`.
  ///
  /// ## Reference
  /// docs/risk-models.md §2.1 (own derivation there); agrees with quadrature of the quantile over [q, 1].
  public func expectedShortfall(_ q: Double) -> Double {
    Normal.bivariateCDF(threshold, -Normal.quantile(q), correlation: correlation.squareRoot())
      / (1 - q)
  }

  /// The variance of the default rate: `Φ₂(G(PD), G(PD); ρ) − PD²`.
  public var variance: Double {
    Normal.bivariateCDF(threshold, threshold, correlation: correlation)
      - probabilityOfDefault * probabilityOfDefault
  }

  /// The standard deviation of the default rate.
  public var standardDeviation: Double { max(variance, 0).squareRoot() }
}

/// Basel II/III IRB capital for residential mortgage exposures.
public enum BaselIRB {
  /// The asset correlation Basel fixes for residential mortgages.
  public static let residentialMortgageCorrelation = 0.15
  /// The confidence level of the IRB formula: exceeded "on average once in a thousand years" [R3].
  public static let confidence = 0.999

  /// Capital `K` per unit of exposure for a residential mortgage not in default (CRE31, Basel II
  /// ¶328).
  ///
  /// ```
  ///   K = LGD · N[(1−R)^−½ · G(PD) + (R/(1−R))^½ · G(0.999)] − PD · LGD
  /// ```
  /// No maturity adjustment for retail. `K → 0` as `PD → 0`.
  ///
  /// - Parameters:
  ///   - pd: probability of default in one year, in (0, 1).
  ///   - lgd: loss given default, in [0, 1].
  ///   - correlation: `R`, 0.15 under the rules.
  /// - Returns: `K` as a fraction of exposure at default.
  ///
  /// ## Reference
  /// BCBS CRE31 [R1]; reproduces Basel II Annex 5's illustrative residential-mortgage risk weights
  /// [R2] to 0.01 percentage point (`datasets/golden/basel-annex5.csv`).
  public static func capital(
    pd: Double, lgd: Double, correlation: Double = residentialMortgageCorrelation
  ) throws(RiskInputError) -> Double {
    let model = try VasicekModel(probabilityOfDefault: pd, correlation: correlation)
    return lgd * (model.quantile(confidence) - pd)
  }

  /// The risk weight `12.5 · K` (so that risk-weighted assets are `RW · EAD`).
  public static func riskWeight(
    pd: Double, lgd: Double, correlation: Double = residentialMortgageCorrelation
  ) throws(RiskInputError) -> Double {
    12.5 * (try capital(pd: pd, lgd: lgd, correlation: correlation))
  }

  /// Capital for an exposure in default: `K = max(0, LGD − EL_best)`.
  public static func defaultedCapital(lgd: Double, bestEstimateLoss: Double) -> Double {
    max(0, lgd - bestEstimateLoss)
  }
}
