// The arithmetic of stressed and frozen matrices on raw rows, shared by `TransitionMatrix` and the
// projection kernel (which must not allocate per segment and month).

enum _RollKernel {
  /// Writes `base` with roll-forward probabilities scaled by `k` (docs/risk-models.md §1.4) into `out`;
  /// `worse[i·S + j]` says whether `j ∈ F(i)`. Returns the first row that cannot take `k` (with
  /// its roll-forward probability), or nil.
  @inline(__always)
  static func stress(
    _ base: UnsafePointer<Double>, k: Double, worse: UnsafePointer<Bool>, size s: Int,
    into out: UnsafeMutablePointer<Double>
  ) -> (row: Int, rollForward: Double)? {
    for i in 0..<s {
      var sum = 0.0
      for j in 0..<s where worse[i * s + j] { sum += base[i * s + j] }
      if sum == 0 || k == 1 {
        for j in 0..<s { out[i * s + j] = base[i * s + j] }
        continue
      }
      // Σ_F p within rounding of 1 counts as 1: rows are stochastic to 1e-9.
      if k * sum > 1 + 1e-12 || (sum >= 1 - 1e-12 && k < 1) { return (i, sum) }
      let rest = max(0, 1 - k * sum) / (1 - sum)
      for j in 0..<s { out[i * s + j] = base[i * s + j] * (worse[i * s + j] ? k : rest) }
    }
    return nil
  }

  /// Writes the frozen matrix of `base` into `out` (docs/risk-models.md §1.4): rows of frozen overdue states
  /// are the identity; `C`'s mass to worse states stays in `C`; other rows are copied.
  @inline(__always)
  static func freeze(
    _ base: UnsafePointer<Double>, frozen: UnsafePointer<Bool>, worse: UnsafePointer<Bool>,
    size s: Int, into out: UnsafeMutablePointer<Double>
  ) {
    for i in 0..<s {
      if !frozen[i] {
        for j in 0..<s { out[i * s + j] = base[i * s + j] }
      } else if i == 0 {
        var moved = 0.0
        for j in 0..<s {
          if worse[j] {
            moved += base[j]
            out[j] = 0
          } else {
            out[j] = base[j]
          }
        }
        out[0] += moved
      } else {
        for j in 0..<s { out[i * s + j] = i == j ? 1 : 0 }
      }
    }
  }

  /// `worse[i·S + j]`: whether `j` is worse than `i` (docs/risk-models.md §1.4's `F(i)`).
  static func worseMask(_ states: DelinquencyStates) -> [Bool] {
    let s = states.count
    var m = [Bool](repeating: false, count: s * s)
    for i in 0..<s { for j in states.worse(than: i) { m[i * s + j] = true } }
    return m
  }
}
