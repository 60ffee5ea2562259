// A scenario's prepayment and default curves as monthly-rate tables the kernels index.

/// Single-month rates, indexed by projection month or by loan age.
struct _CurveTables: Sendable {
  /// SMM (prepayment) and MDR (default) tables.
  var smm: [Double]
  var mdr: [Double]
  var smmByAge: Bool
  var mdrByAge: Bool

  var isZero: Bool { smm.allSatisfy { $0 == 0 } && mdr.allSatisfy { $0 == 0 } }
  var byAge: Bool { smmByAge || mdrByAge }

  /// Tables long enough for `months` projection months of loans aged up to `maxAge` at the start.
  init(scenario: Scenario, months: Int, maxAge: Int) {
    smmByAge = scenario.prepayment.dependsOnAge
    mdrByAge = scenario.defaults.dependsOnAge
    let length = months + maxAge + 1
    smm = scenario.prepayment.monthlyTable(count: length)
    mdr = scenario.defaults.monthlyTable(count: length)
  }

  /// Rates for projection month `t` of a loan aged `age` at the as-of date.
  @inline(__always)
  func rates(t: Int, age: Int) -> (mdr: Double, smm: Double) {
    (mdr[mdrByAge ? age + t : t], smm[smmByAge ? age + t : t])
  }
}

/// Where a kernel writes one block's monthly sums: `months × 6` amounts (scheduled principal,
/// interest, prepayment, default, loss, balance) and `months` active-loan counts.
package enum _Flow {
  package static let scheduled = 0
  package static let interest = 1
  package static let prepayment = 2
  package static let defaults = 3
  package static let loss = 4
  package static let balance = 5
  package static let count = 6
}
