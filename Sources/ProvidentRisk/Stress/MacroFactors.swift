// Macro factors with means, volatilities and a correlation matrix; their Cholesky factor through
// LAPACKE and correlated draws through CBLAS (docs/risk-models.md §3.2).
internal import CLinearAlgebra
import Synchronization

/// One macro factor: house prices, unemployment, income, the LPR… in its own unit.
public struct MacroFactor: Hashable, Sendable {
  /// A short key used in link and scenario files (`hpi`).
  public var name: String
  /// The unit of its values, for reports (`%`, `pp`, `bp`).
  public var unit: String
  /// The mean change over the stress horizon `μ`.
  public var mean: Double
  /// The standard deviation of the change `σ` (0: the factor stays at its mean).
  public var volatility: Double

  public init(name: String, unit: String = "", mean: Double, volatility: Double) {
    self.name = name
    self.unit = unit
    self.mean = mean
    self.volatility = volatility
  }
}

/// A deterministic factor scenario: one value per factor (docs/risk-models.md §3.3's severe scenario is one).
public struct FactorScenario: Hashable, Sendable {
  public var name: String
  /// One value per factor, in the factors' order and units.
  public var values: [Double]
  /// Where the magnitudes come from, or ILLUSTRATIVE.
  public var source: String?

  public init(name: String, values: [Double], source: String? = nil) {
    self.name = name
    self.values = values
    self.source = source
  }
}

/// Factors with a joint normal law `x = μ + σ ⊙ (L·z)`, `z ~ N(0, I)`, `L·Lᵀ = R`.
public struct MacroFactors: Hashable, Sendable {
  public let factors: [MacroFactor]
  /// The correlation matrix `R`, row-major `k × k`.
  public let correlation: [Double]
  /// Its lower Cholesky factor `L` (row-major, zeros above the diagonal).
  public let cholesky: [Double]
  /// Deterministic scenarios to run besides the random paths.
  public var scenarios: [FactorScenario]

  /// - Throws: `RiskInputError` when names repeat, a volatility is negative, or `R` is not a
  ///   symmetric correlation matrix with a unit diagonal, or not positive definite (naming the
  ///   leading minor where `dpotrf` stops and the factors in it).
  public init(factors: [MacroFactor], correlation: [[Double]], scenarios: [FactorScenario] = [])
    throws(RiskInputError)
  {
    let k = factors.count
    guard k >= 1 else { throw RiskInputError("give at least one factor") }
    var names = Set<String>()
    for f in factors {
      guard names.insert(f.name).inserted else {
        throw RiskInputError("factor '\(f.name)' is named twice")
      }
      guard f.mean.isFinite, f.volatility.isFinite, f.volatility >= 0 else {
        throw RiskInputError(
          "factor '\(f.name)' needs a finite mean and a volatility of at least 0")
      }
    }
    guard correlation.count == k, correlation.allSatisfy({ $0.count == k }) else {
      throw RiskInputError(
        "correlation must be a \(k) × \(k) matrix, one row per factor (got \(correlation.count) rows of \(correlation.map(\.count)))"
      )
    }
    for i in 0..<k {
      guard correlation[i][i] == 1 else {
        throw RiskInputError("correlation[\(i)][\(i)] must be 1 (got \(correlation[i][i]))")
      }
      for j in 0..<k {
        let r = correlation[i][j]
        guard r.isFinite, abs(r) <= 1 else {
          throw RiskInputError("correlation[\(i)][\(j)] must be between -1 and 1 (got \(r))")
        }
        guard abs(r - correlation[j][i]) <= 1e-12 else {
          throw RiskInputError(
            "correlation must be symmetric: [\(i)][\(j)] is \(r) but [\(j)][\(i)] is \(correlation[j][i])"
          )
        }
      }
    }
    for s in scenarios {
      guard s.values.count == k, s.values.allSatisfy(\.isFinite) else {
        throw RiskInputError(
          "scenario '\(s.name)' needs \(k) finite values (got \(s.values.count))")
      }
    }
    let flat = correlation.flatMap { $0 }
    self.factors = factors
    self.correlation = flat
    self.cholesky = try Self.choleskyLower(flat, dimension: k, names: factors.map(\.name))
    self.scenarios = scenarios
  }

  public var count: Int { factors.count }
  public var means: [Double] { factors.map(\.mean) }

  /// The lower Cholesky factor of a symmetric matrix, `A = L·Lᵀ`, by LAPACKE `dpotrf('L')`.
  ///
  /// - Throws: `RiskInputError` when `A` is not positive definite: LAPACK's `info = k > 0` means
  ///   the leading minor of order `k` is not positive; the message names it and its factors.
  ///   (`info < 0`, a bad argument, is a programming error: a precondition.)
  /// - Complexity: O(k³).
  static func choleskyLower(_ a: [Double], dimension k: Int, names: [String]) throws(RiskInputError)
    -> [Double]
  {
    var l = a
    let info = l.withUnsafeMutableBufferPointer { p in
      LAPACKE_dpotrf(
        LAPACK_ROW_MAJOR, CChar(truncatingIfNeeded: UInt8(ascii: "L")), LapackInt(k), p.baseAddress,
        LapackInt(k))
    }
    precondition(info >= 0, "LAPACKE_dpotrf: argument \(-info) is invalid")
    if info > 0 {
      let minor = Int(info)
      throw RiskInputError(
        "the correlation matrix is not positive definite: its leading minor of order \(minor) ("
          + names.prefix(minor).joined(separator: ", ")
          + ") is not positive; no joint law has these correlations")
    }
    for i in 0..<k { for j in (i + 1)..<k { l[i * k + j] = 0 } }
    return l
  }

  /// Correlated standard normals `X = Z·Lᵀ` for `rows` rows of `Z` (row-major `rows × k`), by one
  /// CBLAS `dgemm` (docs/risk-models.md §3.2 step 3). Each row of `X` has correlation `R`.
  ///
  /// Called from inside parallel loops: the caller keeps OpenBLAS to one thread there.
  public func correlate(_ z: [Double], rows: Int) -> [Double] {
    var x = [Double](repeating: 0, count: rows * count)
    correlate(z, rows: rows, into: &x)
    return x
  }

  func correlate(_ z: [Double], rows: Int, into x: inout [Double]) {
    let k = Int32(count)
    z.withUnsafeBufferPointer { zp in
      cholesky.withUnsafeBufferPointer { lp in
        x.withUnsafeMutableBufferPointer { xp in
          cblas_dgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), k, k, 1, zp.baseAddress, k,
            lp.baseAddress, k, 0, xp.baseAddress, k)
        }
      }
    }
  }

  /// The scenario at the means (every factor at `μ`).
  public var baseValues: [Double] { means }

  /// Standardized values `zⱼ = (xⱼ − μⱼ) / σⱼ` (0 for a factor with σ = 0).
  public func standardized(_ values: [Double]) -> [Double] {
    zip(values, factors).map { x, f in f.volatility > 0 ? (x - f.mean) / f.volatility : 0 }
  }

  /// `sᵀ·R·s` for a vector `s` of per-factor loadings.
  func quadraticForm(_ s: [Double]) -> Double {
    let k = count
    var total = 0.0
    for i in 0..<k { for j in 0..<k { total += s[i] * correlation[i * k + j] * s[j] } }
    return total
  }
}

/// Keeps OpenBLAS on one thread while our own workers call it, then restores its setting. The
/// setting is process-wide, so overlapping runs share it: the first in sets it, the last out
/// restores it.
enum _BLASThreads {
  static let state = Mutex<(users: Int, before: Int32)>((0, 1))

  static func single<T>(_ body: () -> T) -> T {
    state.withLock { s in
      if s.users == 0 {
        s.before = openblas_get_num_threads()
        openblas_set_num_threads(1)
      }
      s.users += 1
    }
    defer {
      state.withLock { s in
        s.users -= 1
        if s.users == 0 { openblas_set_num_threads(s.before) }
      }
    }
    return body()
  }
}
