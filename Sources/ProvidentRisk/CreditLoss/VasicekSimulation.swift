// The Vasicek model by Monte Carlo: a large pool, or a finite pool of n loans (binomial given the
// factor), and the finite pool's exact distribution by quadrature.
import ProvidentPortfolio

/// A Monte Carlo run of the single-factor model, to check the closed forms and to see the
/// granularity of a finite pool.
///
/// Path `i` draws the factor `Y = G(U₁)` and, for a pool of `n` loans, the number of defaults
/// `D ~ Binomial(n, p(Y))` from a second uniform (exact, no per-loan normals; docs/risk-models.md §2.3). Its
/// loss rate is `LGD · p(Y)` (large pool) or `LGD · D / n`. Each path has its own random stream
/// (seed and path index), so results are identical for any thread count and any split of the
/// paths.
public struct VasicekSimulation: Hashable, Sendable {
  public let model: VasicekModel
  public let lossGivenDefault: Double
  /// Loans in the pool; nil for a large (infinitely granular) pool.
  public let loans: Int?
  public let seed: UInt64

  public init(model: VasicekModel, lossGivenDefault: Double = 1, loans: Int? = nil, seed: UInt64)
    throws(RiskInputError)
  {
    guard lossGivenDefault.isFinite, lossGivenDefault >= 0, lossGivenDefault <= 1 else {
      throw RiskInputError("lgd must be between 0 and 1 (got \(lossGivenDefault))")
    }
    if let loans, loans < 1 { throw RiskInputError("loans must be at least 1 (got \(loans))") }
    self.model = model
    self.lossGivenDefault = lossGivenDefault
    self.loans = loans
    self.seed = seed
  }

  /// The loss rate of path `i`.
  public func lossRate(path i: Int) -> Double {
    var stream = _PathStream(seed: seed, path: i)
    let p = model.conditionalDefaultRate(factor: stream.normal())
    guard let n = loans else { return lossGivenDefault * p }
    return lossGivenDefault * Double(_Binomial.sample(n, p, stream.uniform())) / Double(n)
  }

  /// The loss rates of `paths`, in path order, on `threads` workers (nil: one per core).
  ///
  /// - Complexity: O(paths) for a large pool; O(paths · √(n·p)) for `n` loans.
  public func run(
    paths: Range<Int>, threads: Int? = nil, progress: (@Sendable (Double) -> Void)? = nil
  ) -> PathSample {
    let count = paths.count
    let out = UnsafeMutablePointer<Double>.allocate(capacity: max(count, 1))
    defer { out.deallocate() }
    let shared = _SharedPointer(out)
    let blockSize = 4096
    let blocks = (count + blockSize - 1) / blockSize
    let counter = _ProgressCounter(total: blocks, report: progress)
    let start = paths.lowerBound
    _Parallel.forEach(blocks, threads: _Parallel.threads(threads)) { _, b in
      for j in (b * blockSize)..<min(count, (b + 1) * blockSize) {
        shared[j] = lossRate(path: start + j)
      }
      counter.tick()
    }
    return PathSample(Array(UnsafeBufferPointer(start: out, count: count)))
  }
}

extension VasicekModel {
  /// `P(D ≤ k)` for the defaults `D` of a pool of `n` loans:
  /// ```
  ///   P(D ≤ k) = ∫ BinomialCDF(k; n, p(y)) · φ(y) dy
  /// ```
  /// by adaptive Simpson quadrature on [−12, 12] (absolute accuracy about 1e-12) [R4].
  public func finitePoolCDF(defaults k: Int, loans n: Int) -> Double {
    if k < 0 { return 0 }
    if k >= n { return 1 }
    let f = { (y: Double) in
      Normal.density(y) * _Binomial.cdf(k, n, conditionalDefaultRate(factor: y))
    }
    return _Quadrature.adaptiveSimpson(f, -12, 12, tolerance: 1e-13)
  }

  /// The exact `q`-quantile of a pool of `n` loans' default rate: `k/n` for the least `k` with
  /// `P(D ≤ k) ≥ q`. Above the large-pool `x_q` by the granularity add-on (docs/risk-models.md §2.3:
  /// 0.112, 0.1104 and 0.11028 for 10³, 10⁴ and 10⁵ loans at PD 1 %, ρ 0.15, q 0.999, against
  /// 0.110265).
  ///
  /// - Complexity: O(log n) quadratures.
  public func finitePoolQuantile(_ q: Double, loans n: Int) -> Double {
    var lo = -1  // P(D ≤ lo) < q
    var hi = n  // P(D ≤ hi) ≥ q
    // Start near the large pool's quantile.
    let guess = Int((quantile(q) * Double(n)).rounded())
    let step = max(2, Int((Double(n) * quantile(q)).squareRoot() * 4))
    if guess - step >= 0 && finitePoolCDF(defaults: guess - step, loans: n) < q {
      lo = guess - step
    }
    if guess + step < n && finitePoolCDF(defaults: guess + step, loans: n) >= q {
      hi = guess + step
    }
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if finitePoolCDF(defaults: mid, loans: n) >= q { hi = mid } else { lo = mid }
    }
    return Double(hi) / Double(n)
  }
}

enum _Quadrature {
  /// `∫ₐᵇ f` by adaptive Simpson's rule with Richardson's correction.
  static func adaptiveSimpson(
    _ f: (Double) -> Double, _ a: Double, _ b: Double, tolerance: Double, depth: Int = 60
  ) -> Double {
    let fb = f(b)
    // Start from 64 panels so that a narrow step is never stepped over.
    var total = 0.0
    let panels = 64
    let h = (b - a) / Double(panels)
    var left = a
    var fl = f(a)
    for i in 1...panels {
      let right = i == panels ? b : a + Double(i) * h
      let fr = i == panels ? fb : f(right)
      let mid = (left + right) / 2
      let fmid = f(mid)
      let whole = (right - left) / 6 * (fl + 4 * fmid + fr)
      total += refine(f, left, right, fl, fmid, fr, whole, tolerance / Double(panels), depth)
      left = right
      fl = fr
    }
    return total
  }

  static func refine(
    _ f: (Double) -> Double, _ a: Double, _ b: Double, _ fa: Double, _ fm: Double, _ fb: Double,
    _ whole: Double, _ tolerance: Double, _ depth: Int
  ) -> Double {
    let m = (a + b) / 2
    let lm = (a + m) / 2
    let rm = (m + b) / 2
    let flm = f(lm)
    let frm = f(rm)
    let left = (m - a) / 6 * (fa + 4 * flm + fm)
    let right = (b - m) / 6 * (fm + 4 * frm + fb)
    let delta = left + right - whole
    if depth <= 0 || abs(delta) <= 15 * tolerance {
      return left + right + delta / 15
    }
    return refine(f, a, m, fa, flm, fm, left, tolerance / 2, depth - 1)
      + refine(f, m, b, fm, frm, fb, right, tolerance / 2, depth - 1)
  }
}
