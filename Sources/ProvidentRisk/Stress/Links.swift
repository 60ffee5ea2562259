// Links from macro factors to a segment's default, prepayment and loss rates (docs/risk-models.md §3.1).
import RealModule

/// How a segment's annual default rate (PD, as a CDR) follows the factors.
public enum DefaultLink: Hashable, Sendable {
  /// ```
  ///   logit PD = logit PD₀ + Σⱼ βⱼ · (xⱼ − μⱼ)
  /// ```
  /// `betas` per factor, per unit of the factor. At the means (and for β = 0) PD = PD₀.
  case logit(base: Double, betas: [Double])
  /// The Vasicek-Z link, consistent with §2:
  /// ```
  ///   Y = wᵀz / √(wᵀRw),   zⱼ = (xⱼ − μⱼ)/σⱼ,   PD = N((G(PD₀) − √ρ·Y) / √(1−ρ))
  /// ```
  /// `Y` is standard normal under the factor law, so `E[PD] = PD₀`; ρ = 0 gives PD₀ everywhere.
  case probit(base: Double, correlation: Double, weights: [Double])

  /// The base rate PD₀.
  public var base: Double {
    switch self {
    case .logit(let base, _), .probit(let base, _, _): base
    }
  }
}

/// How a segment's annual prepayment rate (CPR) follows the factors:
/// `logit CPR = logit CPR₀ + Σⱼ βⱼ · (xⱼ − μⱼ)` (docs/risk-models.md §3.1's prepayment logit, with the
/// incentive and seasonality left to the factors chosen).
public struct PrepaymentLink: Hashable, Sendable {
  public var base: Double
  public var betas: [Double]
  public init(base: Double, betas: [Double]) {
    self.base = base
    self.betas = betas
  }
}

/// Loss given default, fixed or moving with house prices:
/// ```
///   LGD = min(1, max(floor, 1 − (1 − LGD₀) · (1 + x_c / 100)))
/// ```
/// where `x_c` is the collateral factor's value, a percent change of house prices: recoveries
/// scale with the sale price (a 40 % fall is the PRA's downturn reference, docs/risk-models.md §2.1 [R6]).
public struct SeverityLink: Hashable, Sendable {
  public var base: Double
  /// Index of the house-price factor, or nil for a fixed LGD.
  public var collateral: Int?
  public var floor: Double
  public init(base: Double, collateral: Int? = nil, floor: Double = 0) {
    self.base = base
    self.collateral = collateral
    self.floor = floor
  }
}

/// One segment's links and loss timing.
public struct SegmentLinks: Hashable, Sendable {
  public var defaults: DefaultLink
  public var prepayment: PrepaymentLink
  public var severity: SeverityLink
  /// Months from default to the loss being booked.
  public var recoveryLagMonths: Int

  public init(
    defaults: DefaultLink, prepayment: PrepaymentLink, severity: SeverityLink,
    recoveryLagMonths: Int = 0
  ) {
    self.defaults = defaults
    self.prepayment = prepayment
    self.severity = severity
    self.recoveryLagMonths = recoveryLagMonths
  }
}

/// The links evaluated: a segment's annual rates and loss given default for factor values.
public struct LinkedRates: Hashable, Sendable {
  /// Annual default rate (CDR).
  public var defaultRate: Double
  /// Annual prepayment rate (CPR).
  public var prepaymentRate: Double
  public var severity: Double
}

enum _Logit {
  @inline(__always) static func logit(_ p: Double) -> Double {
    Double.log(p) - Double.log(onePlus: -p)
  }
  @inline(__always) static func expit(_ x: Double) -> Double {
    x >= 0 ? 1 / (1 + Double.exp(-x)) : Double.exp(x) / (1 + Double.exp(x))
  }
}

extension MacroFactors {
  /// `Σⱼ βⱼ (xⱼ − μⱼ)`.
  @inline(__always)
  func shift(_ betas: [Double], _ x: UnsafePointer<Double>) -> Double {
    var s = 0.0
    for j in 0..<count where betas[j] != 0 { s += betas[j] * (x[j] - factors[j].mean) }
    return s
  }

  /// The annual default rate of `link` for factor values `x` (one per factor).
  public func defaultRate(_ link: DefaultLink, at x: [Double]) -> Double {
    x.withUnsafeBufferPointer { defaultRate(link, at: $0.baseAddress!) }
  }

  func defaultRate(_ link: DefaultLink, at x: UnsafePointer<Double>) -> Double {
    switch link {
    case .logit(let base, let betas):
      return _Logit.expit(_Logit.logit(base) + shift(betas, x))
    case .probit(let base, let rho, let weights):
      let scale = quadraticForm(weights)
      var y = 0.0
      if scale > 0 {
        for j in 0..<count where factors[j].volatility > 0 && weights[j] != 0 {
          y += weights[j] * (x[j] - factors[j].mean) / factors[j].volatility
        }
        y /= scale.squareRoot()
      }
      return Normal.cdf((Normal.quantile(base) - rho.squareRoot() * y) / (1 - rho).squareRoot())
    }
  }

  /// The annual prepayment rate of `link` for factor values `x`.
  public func prepaymentRate(_ link: PrepaymentLink, at x: [Double]) -> Double {
    x.withUnsafeBufferPointer { prepaymentRate(link, at: $0.baseAddress!) }
  }

  func prepaymentRate(_ link: PrepaymentLink, at x: UnsafePointer<Double>) -> Double {
    _Logit.expit(_Logit.logit(link.base) + shift(link.betas, x))
  }

  func severity(_ link: SeverityLink, at x: UnsafePointer<Double>) -> Double {
    guard let c = link.collateral else { return link.base }
    return min(1, max(link.floor, 1 - (1 - link.base) * (1 + x[c] / 100)))
  }

  /// Every rate of `links` at factor values `x`.
  public func rates(_ links: SegmentLinks, at x: [Double]) -> LinkedRates {
    x.withUnsafeBufferPointer { rates(links, at: $0.baseAddress!) }
  }

  func rates(_ links: SegmentLinks, at x: UnsafePointer<Double>) -> LinkedRates {
    LinkedRates(
      defaultRate: defaultRate(links.defaults, at: x),
      prepaymentRate: prepaymentRate(links.prepayment, at: x),
      severity: severity(links.severity, at: x))
  }

  /// The standard deviation of a logit link's shift `Σ βⱼ(xⱼ − μⱼ)` under the factor law:
  /// `√((β⊙σ)ᵀ R (β⊙σ))` (docs/risk-models.md §3.2: 0.7116881339 for its β).
  public func logitShiftStandardDeviation(_ betas: [Double]) -> Double {
    quadraticForm(zip(betas, factors).map { $0 * $1.volatility }).squareRoot()
  }

  /// The mean and `q`-quantile of a default link's PD under the factor law.
  ///
  /// Logit: the shift is normal with standard deviation `s`, so the `q`-quantile is
  /// `expit(logit PD₀ + s·G(q))` and the mean `∫ expit(logit PD₀ + s·z) φ(z) dz` (adaptive
  /// Simpson). Probit: the mean is PD₀ and the quantile Vasicek's `x_q`.
  public func distribution(_ link: DefaultLink, quantile q: Double) -> (
    mean: Double, quantile: Double
  ) {
    switch link {
    case .logit(let base, let betas):
      let s = logitShiftStandardDeviation(betas)
      let l = _Logit.logit(base)
      let mean = _Quadrature.adaptiveSimpson(
        { z in _Logit.expit(l + s * z) * Normal.density(z) }, -12, 12, tolerance: 1e-14)
      return (mean, _Logit.expit(l + s * Normal.quantile(q)))
    case .probit(let base, let rho, let weights):
      if quadraticForm(weights) == 0 || rho == 0 { return (base, base) }
      let model = try! VasicekModel(probabilityOfDefault: base, correlation: rho)
      return (base, model.quantile(q))
    }
  }
}
