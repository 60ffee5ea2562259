// Each segment's book as one representative line: its scheduled path, from which any path of
// segment-wide default and prepayment rates follows exactly (docs/risk-models.md §3).
import ProvidentCore
import ProvidentPortfolio

/// The scheduled aggregates of each segment, normalized so that a run with segment-wide monthly
/// rates `mₜ` (default) and `sₜ` (prepayment) is
/// ```
///   Sₜ = Π_{u≤t} (1 − m_u)(1 − s_u)                   survival, S₀ = 1
///   default      Dₜ = S_{t−1} · mₜ · B̄_{t−1}           (+ D⁰ in month 1: loans overdue at the start)
///   interest     Iₜ = S_{t−1} · (1 − mₜ) · Īₜ
///   scheduled    Pₜ = S_{t−1} · (1 − mₜ) · P̄ₜ
///   prepayment   Qₜ = S_{t−1} · (1 − mₜ) · sₜ · B̄ₜ
///   balance      Bₜ = Sₜ · B̄ₜ,    active loans Sₜ · Āₜ
/// ```
/// This is exact, not an approximation: under keep-term (docs/conventions.md §5) a default or prepayment
/// scales a loan's balance and installment by the same factor, and a rate change re-amortizes the
/// scaled balance, so every loan's flows are its survival times a path that does not depend on
/// the rates; summed over a segment whose loans share the rates, the segment's are too. The
/// normalized path is read off one loan-level run of the fast kernel with constant positive
/// reference rates (dividing by their known survival), so it carries every rule of the kernel:
/// rate tables and repricing, per-day months, book installments re-amortized at the first default
/// or prepayment. It holds for any rates that are positive in every month, as logit and probit
/// links always give. A test holds a segment-level run equal to the loan-level run of each
/// segment's loans to 1e-9.
struct _RepLines: Sendable {
  /// Reference rates of the loan-level run (annual CDR 2 %, CPR 5 %).
  static let referenceDefault = 0.02
  static let referencePrepayment = 0.05

  let segments: [Segment]
  let loans: [Int]
  /// Months projected.
  let months: Int
  /// Per segment: `B̄₀…B̄_T` (T + 1 values, fen), `Ī₁…Ī_T`, `P̄₁…P̄_T`, `Ā₁…Ā_T`.
  let balance: [[Double]]
  let interest: [[Double]]
  let scheduled: [[Double]]
  let active: [[Double]]
  /// Balance of loans that default in month 1 (overdue at the start), fen.
  let defaultedAtStart: [Double]
  /// Balance at the as-of date, fen.
  let opening: [Int64]

  init(
    book: LoanBook, rates: RateScenario, tables: RateTables, segmentation: Segmentation,
    horizonMonths: Int?, defaultAfterOverdue: Int?, threads: Int
  ) throws(ProjectionError) {
    let plan = try _Plan(
      book: book, rates: rates, tables: tables, segmentation: segmentation, threads: threads)
    let scenario = Scenario(
      name: "reference", prepayment: .constant(Self.referencePrepayment),
      defaults: .constant(Self.referenceDefault), rates: rates,
      defaultAfterOverdue: defaultAfterOverdue, horizonMonths: horizonMonths)
    let projector = _Projector(plan: plan, scenario: scenario, mode: .fast, threads: threads)
    let sums = projector.segmentSums(counter: _ProgressCounter(total: 1, report: nil))
    let horizon = projector.horizon
    let m0 = ConditionalRate.monthly(annual: Self.referenceDefault)
    let s0 = ConditionalRate.monthly(annual: Self.referencePrepayment)

    // Loans overdue at the start default in month 1, whatever the rates.
    var atStart = [Double](repeating: 0, count: plan.segments.count)
    if let threshold = defaultAfterOverdue {
      for block in plan.blocks {
        for l in 0..<block.count where Int(plan.lanes.overdue[block.offset + l]) >= threshold {
          atStart[block.segment] += Double(plan.lanes.balance[block.offset + l])
        }
      }
    }
    var balance: [[Double]] = []
    var interest: [[Double]] = []
    var scheduled: [[Double]] = []
    var active: [[Double]] = []
    let width = _Flow.count
    for (s, sum) in sums.enumerated() {
      var b = [Double(sum.opening) - atStart[s]]
      var i: [Double] = []
      var p: [Double] = []
      var a: [Double] = []
      var survival = 1.0
      for t in 0..<horizon {
        let performing = survival * (1 - m0)
        i.append(sum.amounts[t * width + _Flow.interest] / performing)
        p.append(sum.amounts[t * width + _Flow.scheduled] / performing)
        survival = performing * (1 - s0)
        b.append(sum.amounts[t * width + _Flow.balance] / survival)
        a.append(sum.active[t] / survival)
      }
      balance.append(b)
      interest.append(i)
      scheduled.append(p)
      active.append(a)
    }
    segments = plan.segments
    loans = sums.map(\.loans)
    months = horizon
    self.balance = balance
    self.interest = interest
    self.scheduled = scheduled
    self.active = active
    defaultedAtStart = atStart
    opening = sums.map(\.opening)
  }
}
