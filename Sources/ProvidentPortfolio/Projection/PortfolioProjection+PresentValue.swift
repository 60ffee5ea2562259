// Present values of the projected cash flows over a grid of discount rates: one matrix product.
internal import CLinearAlgebra
import ProvidentCore

extension FlowSeries {
  /// The lender's cash flow of each month: installments, prepayments and recoveries,
  ///
  /// ```
  ///   CF_t = scheduled_t + interest_t + prepayment_t + (default_{t−lag} − loss_t)
  /// ```
  /// where a default of month `t − lag` is recovered, less its loss, in month `t`.
  public func lenderCashFlows(recoveryLagMonths lag: Int) -> [Double] {
    months.indices.map { t in
      let m = months[t]
      let recovered =
        t >= lag ? Double((months[t - lag].defaults - m.loss).fen) : 0
      return Double((m.scheduledPrincipal + m.interest + m.prepayment).fen) + recovered
    }.map { $0 / 100 }
  }
}

extension PortfolioProjection {
  /// The present value at the as-of date of each scenario's lender cash flows
  /// (`FlowSeries.lenderCashFlows`) at each annual discount rate, compounded monthly, in yuan:
  ///
  /// ```
  ///   PV[s][j] = Σ_t CF_s(t) · (1 + y_j / 12)^(−t)        PV = C · Dᵀ
  /// ```
  /// `C` holds the scenarios' cash flows (scenarios × months) and `D` the discount factors
  /// (rates × months): one `cblas_dgemm`.
  ///
  /// - Parameter annualRates: discount rates as fractions (0.03 for 3 %), each > −12.
  /// - Returns: `[scenario][rate]`.
  /// - Complexity: O(scenarios × rates × months).
  public func presentValues(annualRates: [Double]) -> [[Double]] {
    let months = scenarios.map(\.book.months.count).max() ?? 0
    let s = scenarios.count
    let k = annualRates.count
    guard s > 0, k > 0, months > 0 else { return Array(repeating: [], count: s) }
    var flows = [Double](repeating: 0, count: s * months)
    for (i, scenario) in scenarios.enumerated() {
      for (t, cf) in scenario.book.lenderCashFlows(recoveryLagMonths: scenario.recoveryLagMonths)
        .enumerated()
      {
        flows[i * months + t] = cf
      }
    }
    var discount = [Double](repeating: 0, count: k * months)
    for (j, y) in annualRates.enumerated() {
      let monthly = 1 / (1 + y / 12)
      var factor = 1.0
      for t in 0..<months {
        factor *= monthly
        discount[j * months + t] = factor
      }
    }
    var pv = [Double](repeating: 0, count: s * k)
    cblas_dgemm(
      CblasRowMajor, CblasNoTrans, CblasTrans, Int32(s), Int32(k), Int32(months), 1, flows,
      Int32(months), discount, Int32(months), 0, &pv, Int32(k))
    return (0..<s).map { Array(pv[($0 * k)..<($0 * k + k)]) }
  }
}
