// docs/risk-models.md §1.5: the worked roll-rate vector (computed with numpy), to its stated 1e-8.
import ProvidentPortfolio
import ProvidentRisk
import Testing

@Suite("Roll rates: docs/risk-models.md §1.5 vector")
struct RollRateVectorTests {
  /// States `[C, M1, M2, M3-5, M6+ (absorbing), P (absorbing)]`: no write-off state.
  static let states = try! DelinquencyStates(edges: [1, 2, 3, 6], writeOff: false)
  static let n: [[Int]] = [
    [99300, 200, 0, 0, 0, 500], [600, 100, 300, 0, 0, 0], [300, 100, 100, 500, 0, 0],
    [100, 0, 0, 600, 300, 0], [0, 0, 0, 0, 50, 0], [0, 0, 0, 0, 0, 80],
  ]
  static let p = try! TransitionMatrix(rows: [
    [0.993, 0.002, 0, 0, 0, 0.005], [0.6, 0.1, 0.3, 0, 0, 0], [0.3, 0.1, 0.1, 0.5, 0, 0],
    [0.1, 0, 0, 0.6, 0.3, 0], [0, 0, 0, 0, 1, 0], [0, 0, 0, 0, 0, 1],
  ])
  static let s0: [Double] = [0.995, 0.003, 0.001, 0.001, 0, 0]
  static let tolerance = 1e-8

  static func expectClose(
    _ a: [Double], _ b: [Double], _ label: String, tolerance: Double = tolerance
  ) {
    #expect(a.count == b.count, "\(label): length")
    for (i, (x, y)) in zip(a, b).enumerated() {
      #expect(abs(x - y) <= tolerance, "\(label)[\(i)]: \(x) vs \(y)")
    }
  }

  /// Projects `s0` under `scenario` with the vector's matrix (no balances).
  static func run(_ scenario: DelinquencyScenario) throws -> DelinquencySeries {
    let model = try DelinquencyModel(states: states, pooled: SegmentMatrices(base: p))
    let cohort = DelinquencyCohort.shares(s0, states: states)
    return try model.project([cohort], scenarios: [scenario]).runs[0].book
  }

  /// The cohort estimator on the vector's counts gives its P (a panel of those transitions).
  @Test func countsGiveTheMatrix() throws {
    var csv = "loan_id,month,overdue,balance,event\n"
    var id = 0
    // One loan per transition: a row in 2024-01 in state i, a row in 2024-02 in state j. A loan
    // falls at most one period further behind a month, so M3-5 → M6+ starts from 5 overdue.
    let overdue = [0, 1, 2, 3, 6]
    for (i, row) in Self.n.enumerated() {
      for (j, count) in row.enumerated() where count > 0 {
        for _ in 0..<count {
          id += 1
          let from = i == 5 ? nil : overdue[i]
          // P rows: a loan cannot follow its own exit, so the absorbing counts are not replayed.
          guard let from else { continue }
          csv += "L\(id),2024-01,\(i == 3 && j == 4 ? 5 : from),1000.00,\n"
          csv +=
            j == 5
            ? "L\(id),2024-02,0,1000.00,prepaid\n" : "L\(id),2024-02,\(overdue[j]),1000.00,\n"
        }
      }
    }
    let load = try LoanPanel.parse(csv: csv)
    #expect(load.rejected == 0)
    let estimate = try load.panel.estimateRollRates(.init(states: Self.states))
    for i in 0..<5 {
      for j in 0..<6 {
        #expect(estimate.pooled.counts.loans(from: i, to: j) == Self.n[i][j])
        #expect(
          abs(
            estimate.pooled.matrix.probability(from: i, to: j) - Self.p.probability(from: i, to: j))
            <= 1e-15)
      }
    }
    #expect(estimate.pooled.emptyRows.isEmpty)
  }

  @Test func baseRun() throws {
    let book = try Self.run(DelinquencyScenario(name: "base", months: 12))
    Self.expectClose(
      book.loans(month: 1),
      [0.99023500, 0.00239000, 0.00100000, 0.00110000, 0.00030000, 0.00497500], "t=1")
    Self.expectClose(
      book.loans(month: 3),
      [0.98000411, 0.00228394, 0.00077754, 0.00110450, 0.00097800, 0.01485191], "t=3")
    Self.expectClose(
      book.loans(month: 6),
      [0.96461943, 0.00224033, 0.00075140, 0.00098548, 0.00192850, 0.02947486], "t=6")
    Self.expectClose(
      book.loans(month: 12),
      [0.93450088, 0.00217024, 0.00072768, 0.00092335, 0.00364315, 0.05803470], "t=12")
  }

  /// `s0·P¹²` by repeated squaring, and the 12-month PD from current: `e_C·P¹²`.
  @Test func twelveMonthPower() throws {
    let p12 = Self.p.power(12)
    Self.expectClose(
      p12.applied(to: Self.s0),
      [0.93450088, 0.00217024, 0.00072768, 0.00092335, 0.00364315, 0.05803470], "s0·P¹²")
    Self.expectClose(
      p12.row(0), [0.93598658, 0.00217369, 0.00072884, 0.00091577, 0.00203943, 0.05815568],
      "e_C·P¹²")
  }

  @Test func stressedRows() throws {
    let q = try Self.p.stressed(by: 1.5, states: Self.states)
    Self.expectClose(q.row(0), [0.99200501, 0.003, 0, 0, 0, 0.00499499], "C")
    Self.expectClose(q.row(1), [0.47142857, 0.07857143, 0.45, 0, 0, 0], "M1")
    Self.expectClose(q.row(2), [0.15, 0.05, 0.05, 0.75, 0, 0], "M2")
    Self.expectClose(q.row(3), [0.07857143, 0, 0, 0.47142857, 0.45, 0], "M3-5")
  }

  @Test func stressAllMonths() throws {
    let book = try Self.run(
      DelinquencyScenario(
        name: "k", months: 12,
        stress: [StressWindow(window: .projection(first: 1, last: 12), k: 1.5)]))
    Self.expectClose(
      book.loans(month: 12),
      [0.92524990, 0.00311320, 0.00148403, 0.00212945, 0.01033864, 0.05768479], "k=1.5")
  }

  @Test func stressTransitionsFourToNine() throws {
    let book = try Self.run(
      DelinquencyScenario(
        name: "k49", months: 12,
        stress: [StressWindow(window: .projection(first: 4, last: 9), k: 1.5)]))
    Self.expectClose(
      book.loans(month: 12),
      [0.93081007, 0.00217565, 0.00074979, 0.00147034, 0.00693048, 0.05786367], "k on 4–9")
  }

  /// Forbearance on transitions 1–6, then `P`: the reported chain; the economic chain is the base.
  @Test func forbearanceOneToSix() throws {
    let book = try Self.run(
      DelinquencyScenario(
        name: "fb", months: 12, forbearance: Forbearance(windows: [.projection(first: 1, last: 6)]))
    )
    Self.expectClose(
      book.reported(month: 6), [0.96552065, 0.00300000, 0.00100000, 0.00100000, 0, 0.02947935],
      "t=6")
    Self.expectClose(
      book.reported(month: 12),
      [0.93613646, 0.00217420, 0.00072925, 0.00096206, 0.00191493, 0.05808310], "t=12")
    Self.expectClose(
      book.loans(month: 12),
      [0.93450088, 0.00217024, 0.00072768, 0.00092335, 0.00364315, 0.05803470], "economic t=12")
  }

  /// Reported overdue share (M1 + M2 + M3-5), months 0–12, as docs/risk-models.md §1.5 prints it (6 decimals).
  @Test func reportedOverdueShares() throws {
    let base = try Self.run(DelinquencyScenario(name: "base", months: 12))
    let fb = try Self.run(
      DelinquencyScenario(
        name: "fb", months: 12, forbearance: Forbearance(windows: [.projection(first: 1, last: 6)]))
    )
    let printedBase: [Double] = [0.005, 0.00449, 0.004296, 0.004166]
    for (t, v) in printedBase.enumerated() {
      #expect(abs(base.overdue(month: t, states: Self.states) - v) < 5e-7, "base month \(t)")
    }
    #expect(abs(base.overdue(month: 12, states: Self.states) - 0.003821) < 5e-7)
    for t in 0...6 {
      #expect(abs(fb.overdue(month: t, states: Self.states, reported: true) - 0.005) < 1e-15)
    }
    #expect(abs(fb.overdue(month: 7, states: Self.states, reported: true) - 0.004431) < 5e-7)
    #expect(abs(fb.overdue(month: 12, states: Self.states, reported: true) - 0.003866) < 5e-7)
  }

  @Test func impossibleScalingIsRejected() throws {
    // Row M1 rolls forward with probability 0.3: k = 4 needs 1.2 > 1.
    #expect(throws: StressError.self) { try Self.p.stressed(by: 4, states: Self.states) }
    let error = #expect(throws: RiskInputError.self) {
      try Self.run(
        DelinquencyScenario(
          name: "bad", months: 12,
          stress: [StressWindow(window: .projection(first: 3, last: 5), k: 4)]))
    }
    #expect(
      error?.message
        == "scenario bad, the book, month 3: stress k = 4.0 is impossible for row M1: it rolls forward with probability 0.3 and k·0.3 = 1.2 > 1"
    )
  }
}
