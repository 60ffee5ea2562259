// Integer fen arithmetic with docs/conventions.md's rounding (half up for the non-negative amounts of a ledger).

enum _Fen {
  /// `n / d` rounded half away from zero; `d > 0`.
  @inline(__always)
  static func quotient(_ n: Int64, _ d: Int64) -> Int64 {
    let q = n / d
    let r = n % d
    if n >= 0 { return r >= d - r ? q + 1 : q }
    return -r >= d + r ? q - 1 : q
  }

  /// `a · b / d` rounded half away from zero, exactly, for any `Int64` inputs whose result fits.
  @inline(__always)
  static func product(_ a: Int64, _ b: Int64, over d: Int64) -> Int64 {
    let (p, overflow) = a.multipliedReportingOverflow(by: b)
    if _fastPath(!overflow) { return quotient(p, d) }
    return wideProduct(a, b, over: d)
  }

  /// The same through a 128-bit product, for a balance times a day-weighted rate beyond 2⁶³.
  @inline(never)
  static func wideProduct(_ a: Int64, _ b: Int64, over d: Int64) -> Int64 {
    let (q, r) = d.dividingFullWidth(a.multipliedFullWidth(by: b))
    if (a < 0) == (b < 0) || a == 0 || b == 0 { return r >= d - r ? q + 1 : q }
    return -r >= d + r ? q - 1 : q
  }

  /// `x` (non-negative) rounded half up to a whole number of fen.
  @inline(__always)
  static func rounded(_ x: Double) -> Int64 { Int64((x + 0.5).rounded(.down)) }
}
