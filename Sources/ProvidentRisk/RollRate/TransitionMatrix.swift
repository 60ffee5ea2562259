// A row-stochastic matrix of monthly transition probabilities between delinquency states.
import ProvidentPortfolio

/// Monthly transition probabilities between the states of a ``DelinquencyStates`` chain:
/// `probability(from: i, to: j)` is the chance that a loan in state `i` at the end of one month is
/// in state `j` at the end of the next (docs/risk-models.md §1.2). Entries are non-negative and each row sums
/// to 1 (within 1e-9 when given; estimates sum to 1 within 1e-12).
///
/// Analytics: probabilities are `Double`.
public struct TransitionMatrix: Hashable, Sendable {
  /// The number of states (rows and columns).
  public let size: Int
  /// Entries row by row (`size × size`).
  public let entries: [Double]

  /// A matrix from its rows.
  ///
  /// - Throws: `RiskInputError` when the matrix is not square, an entry is negative or not finite,
  ///   or a row does not sum to 1 within `tolerance`.
  public init(rows: [[Double]], tolerance: Double = 1e-9) throws(RiskInputError) {
    let n = rows.count
    guard n >= 2 else {
      throw RiskInputError("a transition matrix needs at least 2 states (got \(n))")
    }
    var entries: [Double] = []
    entries.reserveCapacity(n * n)
    for (i, row) in rows.enumerated() {
      guard row.count == n else {
        throw RiskInputError(
          "row \(i + 1) of the transition matrix has \(row.count) entries where the matrix has \(n) states"
        )
      }
      var sum = 0.0
      for (j, p) in row.enumerated() {
        guard p.isFinite, p >= 0 else {
          throw RiskInputError(
            "entry (\(i + 1), \(j + 1)) of the transition matrix must be a probability ≥ 0 (got \(p))"
          )
        }
        sum += p
      }
      guard abs(sum - 1) <= tolerance else {
        throw RiskInputError("row \(i + 1) of the transition matrix must sum to 1 (got \(sum))")
      }
      entries += row
    }
    self.size = n
    self.entries = entries
  }

  /// A matrix from entries already known to be valid.
  init(size: Int, unchecked entries: [Double]) {
    precondition(entries.count == size * size)
    self.size = size
    self.entries = entries
  }

  /// The identity: every loan stays where it is.
  public static func identity(_ n: Int) -> TransitionMatrix {
    var e = [Double](repeating: 0, count: n * n)
    for i in 0..<n { e[i * n + i] = 1 }
    return TransitionMatrix(size: n, unchecked: e)
  }

  /// `p_ij`.
  @inlinable
  public func probability(from i: Int, to j: Int) -> Double { entries[i * size + j] }

  /// Row `i`.
  public func row(_ i: Int) -> [Double] { Array(entries[(i * size)..<((i + 1) * size)]) }

  /// The rows.
  public var rows: [[Double]] { (0..<size).map(row) }

  /// `self · other`, through CBLAS `dgemm`.
  public func multiplied(by other: TransitionMatrix) -> TransitionMatrix {
    precondition(size == other.size, "matrices of different sizes")
    return TransitionMatrix(
      size: size, unchecked: _Gemm.product(entries, other.entries, side: size))
  }

  /// `Pⁿ` by repeated squaring (`P¹² = P⁸·P⁴`): ⌈log₂ n⌉ squarings and at most as many products.
  ///
  /// - Parameter n: a power ≥ 0; `P⁰` is the identity.
  /// - Complexity: O(S³ log n).
  public func power(_ n: Int) -> TransitionMatrix {
    precondition(n >= 0, "a matrix power must be ≥ 0")
    var result: TransitionMatrix? = nil
    var square = self
    var k = n
    while k > 0 {
      if k & 1 == 1 { result = result.map { $0.multiplied(by: square) } ?? square }
      k >>= 1
      if k > 0 { square = square.multiplied(by: square) }
    }
    return result ?? .identity(size)
  }

  /// Row `i`'s roll-forward probability `Σ_{j ∈ F(i)} pᵢⱼ`: the chance of ending the month in a
  /// worse state (docs/risk-models.md §1.4).
  public func rollForward(from i: Int, states: DelinquencyStates) -> Double {
    states.worse(than: i).reduce(0) { $0 + probability(from: i, to: $1) }
  }

  /// The row vector `s·P`.
  public func applied(to s: [Double]) -> [Double] {
    precondition(s.count == size)
    var out = [Double](repeating: 0, count: size)
    for i in 0..<size where s[i] != 0 {
      for j in 0..<size { out[j] += s[i] * entries[i * size + j] }
    }
    return out
  }
}

// MARK: - Stress and forbearance

extension TransitionMatrix {
  /// The matrix with roll-forward probabilities scaled by `k` (docs/risk-models.md §1.4).
  ///
  /// For each row `i` with worse states `F(i)` (``DelinquencyStates/worse(than:)``):
  /// ```
  ///   p′ᵢⱼ = k · pᵢⱼ                              j ∈ F(i)
  ///
  ///                1 − k · Σ_F pᵢ
  ///   p′ᵢⱼ = pᵢⱼ · ──────────────                 j ∉ F(i)
  ///                  1 − Σ_F pᵢ
  /// ```
  /// Special cases: `k = 1` returns the matrix unchanged (bit for bit); a row with `Σ_F p = 0` is
  /// unchanged; `W` and `P` rows are unchanged.
  ///
  /// - Parameters:
  ///   - k: the multiplier, ≥ 0.
  ///   - states: the chain the matrix belongs to (its size must match).
  /// - Throws: `StressError` when `k·Σ_F p > 1` in some row (the stressed row would need a
  ///   negative probability), or `k < 1` on a row that only rolls forward (`Σ_F p = 1`: no other
  ///   entry can take up the difference).
  public func stressed(by k: Double, states: DelinquencyStates) throws(StressError)
    -> TransitionMatrix
  {
    precondition(states.count == size, "the matrix does not belong to this chain")
    guard k.isFinite, k >= 0 else { throw StressError(k: k, row: -1, rollForward: .nan) }
    if k == 1 { return self }
    let worse = _RollKernel.worseMask(states)
    var out = [Double](repeating: 0, count: size * size)
    let failure = entries.withUnsafeBufferPointer { e in
      out.withUnsafeMutableBufferPointer { o in
        _RollKernel.stress(e.baseAddress!, k: k, worse: worse, size: size, into: o.baseAddress!)
      }
    }
    if let failure { throw StressError(k: k, row: failure.row, rollForward: failure.rollForward) }
    return TransitionMatrix(size: size, unchecked: out)
  }

  /// The frozen matrix of a forbearance window (docs/risk-models.md §1.4): overdue rows of `eligible` states
  /// are the identity (nothing is reported as moving), the mass `C` would roll into worse states
  /// stays in `C`, and prepayment is unchanged. Rows of states that are not eligible are kept.
  ///
  /// - Parameter eligible: whether each state is frozen (`C` and the overdue buckets matter).
  public func frozen(states: DelinquencyStates, eligible: [Bool]) -> TransitionMatrix {
    precondition(states.count == size && eligible.count == size)
    let worse = _RollKernel.worseMask(states)
    let frozen = (0..<size).map { $0 <= states.lastBucket && eligible[$0] }
    var out = [Double](repeating: 0, count: size * size)
    entries.withUnsafeBufferPointer { e in
      out.withUnsafeMutableBufferPointer { o in
        _RollKernel.freeze(
          e.baseAddress!, frozen: frozen, worse: worse, size: size, into: o.baseAddress!)
      }
    }
    return TransitionMatrix(size: size, unchecked: out)
  }
}

extension TransitionMatrix {
  /// The matrix with current loans repaying in full at the single-month rate `smm` (docs/risk-models.md §5):
  /// ```
  ///   p′_CP = smm            p′_Cj = p_Cj · (1 − smm) / (1 − p_CP)     j ≠ P
  /// ```
  /// so the `P` column is the SMM the cash-flow kernel uses. Overdue rows keep their own `P`
  /// entries. Special case: a `C` row that only repays (`p_CP = 1`) keeps `1 − smm` in `C`.
  ///
  /// - Parameter smm: a fraction in [0, 1].
  public func withPrepayment(_ smm: Double, states: DelinquencyStates) -> TransitionMatrix {
    precondition(states.count == size && (0...1).contains(smm))
    guard let p = states.prepaidIndex else { return self }
    var e = entries
    let others = 1 - e[p]
    for j in 0..<size where j != p {
      e[j] = others > 0 ? e[j] * (1 - smm) / others : (j == 0 ? 1 - smm : 0)
    }
    e[p] = smm
    return TransitionMatrix(size: size, unchecked: e)
  }
}

extension SegmentMatrices {
  /// Every month's matrix with current loans repaying at the CPR of `curve` in that projection
  /// month (``TransitionMatrix/withPrepayment(_:states:)``): the path runs as long as the longer of
  /// the curve's list and the own path, then the base holds with the curve's last rate.
  ///
  /// - Precondition: the curve does not depend on loan age (cohorts keep no ages).
  public func withPrepayment(_ curve: RateCurve, states: DelinquencyStates) -> SegmentMatrices {
    precondition(
      !curve.dependsOnAge, "a CPR ramp by loan age needs ages, which cohorts do not keep")
    let listed: Int =
      switch curve {
      case .monthly(let v): v.count
      default: 0
      }
    let n = max(listed, path.count)
    let smm = { (t: Int) in ConditionalRate.monthly(annual: curve.annualRate(month: t, age: 0)) }
    return SegmentMatrices(
      keys: keys, base: base.withPrepayment(smm(n + 1), states: states),
      path: (0..<n).map { matrix(month: $0 + 1).withPrepayment(smm($0 + 1), states: states) })
  }
}

/// A stress multiplier a matrix cannot take: `k·Σ_F p > 1` in a row (docs/risk-models.md §1.4).
public struct StressError: Error, Hashable, Sendable {
  public let k: Double
  /// The row at fault (−1: `k` itself is not a number ≥ 0).
  public let row: Int
  /// The row's roll-forward probability `Σ_F p`.
  public let rollForward: Double

  /// `k = 1.5 is impossible for row M1: it rolls forward with probability 0.7 and k·0.7 = 1.05 > 1`.
  public func message(states: DelinquencyStates) -> String {
    if row < 0 { return "stress k must be a number ≥ 0 (got \(k))" }
    let name = states.names[row]
    if k < 1 {
      return
        "stress k = \(k) is impossible for row \(name): it only rolls forward (probability \(rollForward)), so nothing can take up the decrease"
    }
    return
      "stress k = \(k) is impossible for row \(name): it rolls forward with probability \(rollForward) and k·\(rollForward) = \(k * rollForward) > 1"
  }
}
