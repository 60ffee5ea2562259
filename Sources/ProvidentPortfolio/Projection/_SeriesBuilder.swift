// Sums of one segment (or the book) turned into flows in money.
import ProvidentCore

/// Sums of one segment (or the book), then as flows in money.
package struct _SeriesBuilder {
  package let months: Int
  package let horizon: Int
  package let exact: Bool
  package var fen: [Int64]
  package var amounts: [Double]
  package var active: [Double]
  package var opening: Int64 = 0
  package var loans = 0

  package init(months: Int, horizon: Int, exact: Bool) {
    self.months = months
    self.horizon = horizon
    self.exact = exact
    fen = [Int64](repeating: 0, count: exact ? months * _Flow.count : 0)
    amounts = [Double](repeating: 0, count: exact ? 0 : months * _Flow.count)
    active = [Double](repeating: 0, count: months)
  }

  package mutating func add(_ other: _SeriesBuilder) {
    for i in fen.indices { fen[i] += other.fen[i] }
    for i in amounts.indices { amounts[i] += other.amounts[i] }
    for i in active.indices { active[i] += other.active[i] }
    opening += other.opening
    loans += other.loans
  }

  package func series() -> FlowSeries {
    var rows: [MonthlyFlows] = []
    rows.reserveCapacity(months)
    var totals = [Double](repeating: 0, count: _Flow.count)
    var totalFen = [Int64](repeating: 0, count: _Flow.count)
    func money(_ t: Int, _ f: Int) -> Money {
      exact
        ? Money(fen: fen[t * _Flow.count + f])
        : Money(fen: Int64(amounts[t * _Flow.count + f].rounded()))
    }
    for t in 0..<months {
      for f in 0..<_Flow.count {
        if exact {
          totalFen[f] += fen[t * _Flow.count + f]
        } else {
          totals[f] += amounts[t * _Flow.count + f]
        }
      }
      rows.append(
        MonthlyFlows(
          month: t + 1, scheduledPrincipal: money(t, _Flow.scheduled),
          interest: money(t, _Flow.interest), prepayment: money(t, _Flow.prepayment),
          defaults: money(t, _Flow.defaults), loss: money(t, _Flow.loss),
          balance: money(t, _Flow.balance), activeLoans: active[t]))
    }
    func total(_ f: Int) -> Money {
      exact ? Money(fen: totalFen[f]) : Money(fen: Int64(totals[f].rounded()))
    }
    let closing = horizon > 0 ? rows[horizon - 1].balance : Money(fen: opening)
    return FlowSeries(
      months: rows,
      totals: FlowTotals(
        scheduledPrincipal: total(_Flow.scheduled), interest: total(_Flow.interest),
        prepayment: total(_Flow.prepayment), defaults: total(_Flow.defaults),
        loss: total(_Flow.loss), openingBalance: Money(fen: opening), closingBalance: closing))
  }
}
