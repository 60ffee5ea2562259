// Loan-month panels: the reader's rules row by row, and the cohort estimator on random panels.
import Foundation
import ProvidentPortfolio
import ProvidentRisk
import Testing
import _ProvidentTestSupport

@Suite("Loan-month panel and roll-rate estimates")
struct PanelTests {
  static let badRows = Golden.datasetPath("samples/panel-bad-rows.csv")

  /// The issue's bad rows (an unknown loan id format, a negative overdue count, a month out of
  /// order) and four more, reported row by row; the counts reconcile.
  @Test func issue8_badRowsReportedRowByRow() throws {
    let load = try LoanPanel.load(path: Self.badRows)
    #expect(load.read == 16)
    #expect(load.accepted == 9)
    #expect(load.read == load.accepted + load.rejected)
    let got = load.rejections.map { "\($0)" }
    #expect(
      got == [
        "line 10, column loan_id: 'B 003' is not a loan id: use 1–64 letters, digits, '-', '_', '.' or '/'",
        "line 11, column overdue: must be a whole number of periods ≥ 0 (got -1)",
        "line 12, column month: 2024-02 is not after this loan's previous row (2024-04, line 7): a loan's rows must be in month order",
        "line 14, column month: loan B002 left the panel (prepaid) in 2024-03, line 13: no row may follow",
        "line 16, column overdue: rose from 0 to 2 between 2024-01 and 2024-02: a loan falls at most one period further behind a month",
        "line 17, column month: '2024-13' is not a month yyyy-mm: there is no month 13",
        "line 18, column region: is empty: every row needs its segment values",
      ])
    // Strict mode stops at the first.
    let error = #expect(throws: PanelError.self) {
      try LoanPanel.load(path: Self.badRows, strict: true)
    }
    #expect(error?.rejection?.line == 10)
  }

  @Test func headerProblemsStopTheRead() {
    let missing = #expect(throws: PanelError.self) {
      try LoanPanel.parse(csv: "loan_id,month,balance\nA,2024-01,1\n")
    }
    #expect(missing?.message == "line 1: the header lacks column overdue")
    let bad = #expect(throws: PanelError.self) {
      try LoanPanel.parse(csv: "loan_id,month,overdue,balance,Region\n")
    }
    #expect(bad?.message.hasPrefix("line 1: 'Region' is not a column of a panel") == true)
    let twice = #expect(throws: PanelError.self) {
      try LoanPanel.parse(csv: "loan_id,month,overdue,balance,month\n")
    }
    #expect(twice?.message == "line 1: column 'month' appears twice")
    #expect(throws: PanelError.self) { try LoanPanel.load(path: "/nonexistent/panel.csv") }
  }

  @Test func otherRowRules() throws {
    let csv = """
      loan_id,month,overdue,balance,event,cumulative_overdue
      A,2024-01,1,100.00,,1
      A,2024-02,0,100.00,,0
      A,2024-02x,1,100.00,,1
      B,2024-01,0,100.001,,0
      B,2024-01,0,100.00,gone,0
      C,2024-01,2,100.00,,1
      D,2024-01,0,100.00,,0,extra
      E,2024-01,0,100.00,,
      """
    let load = try LoanPanel.parse(csv: csv)
    #expect(load.read == 8 && load.accepted == 1)
    #expect(
      load.rejections.map(\.description) == [
        "line 3, column cumulative_overdue: fell from 1 (2024-01, line 2) to 0: a cumulative count never falls",
        "line 4, column month: '2024-02x' is not a month yyyy-mm",
        "line 5, column balance: '100.001' has more than 2 decimal places",
        "line 6, column event: must be empty, prepaid (or matured) or written-off (got 'gone')",
        "line 7, column cumulative_overdue: must be at least the periods overdue now, 2, and at most 32767 (got 1)",
        "line 8: has 7 fields where the header has 6",
        "line 9, column cumulative_overdue: is empty",
      ])
  }

  // MARK: - Estimates on random panels

  /// Transitions counted by a second, plain implementation: text split by hand, loans in a
  /// dictionary, only consecutive months.
  static func naiveCounts(_ csv: String, states: DelinquencyStates) -> [Int] {
    var last: [String: (month: Int, state: Int)] = [:]
    var counts = [Int](repeating: 0, count: states.count * states.count)
    var header: [String]? = nil
    for line in csv.split(separator: "\n") where !line.hasPrefix("#") {
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      guard let h = header else {
        header = f
        continue
      }
      let row = Dictionary(uniqueKeysWithValues: zip(h, f))
      let m = row["month"]!.split(separator: "-")
      let month = Int(m[0])! * 12 + Int(m[1])!
      let state: Int =
        switch row["event"] ?? "" {
        case "prepaid": states.prepaidIndex!
        case "written-off": states.writeOffIndex!
        default: states.state(overdue: Int(row["overdue"]!)!)
        }
      let id = row["loan_id"]!
      if let previous = last[id], previous.month == month - 1 {
        counts[previous.state * states.count + state] += 1
      }
      last[id] = (month, state)
    }
    return counts
  }

  @Test(arguments: 1...12 as ClosedRange<UInt64>)
  func estimateInvariantsOnRandomPanels(_ seed: UInt64) throws {
    let csv = PanelGenerator(seed: seed, loans: 150, months: 18).csv()
    let load = try LoanPanel.parse(csv: csv)
    #expect(load.rejected == 0)
    let states = try DelinquencyStates(edges: seed % 2 == 0 ? [1, 2, 3, 6] : [1, 2, 3, 4, 6])
    let weight: TransitionWeight = seed % 3 == 0 ? .balance : .count
    let estimate = try load.panel.estimateRollRates(
      .init(states: states, weight: weight, segmentBy: ["region", "product"]))
    #expect(estimate.pooled.counts.loans == Self.naiveCounts(csv, states: states))
    let s = states.count
    var sum = TransitionCounts(size: s).loans
    for segment in [estimate.pooled] + estimate.segments {
      for (k, n) in segment.counts.loans.enumerated() where segment.keys != [] { sum[k] += n }
      let m = segment.matrix
      for i in 0..<s {
        let row = m.row(i)
        #expect(row.allSatisfy { $0 >= 0 })
        #expect(abs(row.reduce(0, +) - 1) <= 1e-12, "row \(i) of \(segment.keys)")
        let empty =
          segment.counts.weights(from: i, weight).reduce(0, +) == 0 && !states.isTerminal(i)
        #expect(segment.emptyRows.contains { $0.state == i } == empty)
        if states.isTerminal(i) { #expect(row[i] == 1) }
        if let e = segment.emptyRows.first(where: { $0.state == i }) {
          let fill = segment.keys.isEmpty ? TransitionMatrix.identity(s) : estimate.pooled.matrix
          #expect(row == fill.row(i), "\(e.filledFrom) row \(i)")
        }
      }
      // A segment's monthly counts add up to its counts.
      var monthly = [Int](repeating: 0, count: s * s)
      for month in segment.months {
        for (k, n) in month.counts.loans.enumerated() { monthly[k] += n }
      }
      #expect(monthly == segment.counts.loans)
    }
    #expect(sum == estimate.pooled.counts.loans)
  }

  @Test func recoversAKnownMatrixWithinSamplingError() throws {
    // Loans moved month by month through a known chain on overdue counts (a bucket per count up
    // to 3), seeded; each estimated probability must lie within 4.5 binomial standard errors.
    let states = try DelinquencyStates(edges: [1, 2, 3])
    let truth = try TransitionMatrix(rows: [
      [0.95, 0.03, 0, 0, 0, 0.02], [0.5, 0.3, 0.2, 0, 0, 0], [0.3, 0.1, 0.3, 0.3, 0, 0],
      [0.1, 0, 0, 0.6, 0.3, 0], [0, 0, 0, 0, 1, 0], [0, 0, 0, 0, 0, 1],
    ])
    var rng = SplitMix64(seed: 8)
    var csv = "loan_id,month,overdue,balance,event\n"
    let overdueOf = [0, 1, 2, 3]
    for loan in 0..<10_000 {
      var state = 0
      var overdue = 0
      for t in 0..<12 {
        if t > 0 {
          let u = Double(rng.next() >> 11) * 0x1.0p-53
          var acc = 0.0
          var next = 5
          for j in 0..<6 {
            acc += truth.probability(from: state, to: j)
            if u < acc {
              next = j
              break
            }
          }
          state = next
          // M3+ staying: the count stays at 3 (paid one, missed one).
          overdue = state <= 3 ? overdueOf[state] : overdue
        }
        let event = state == 4 ? "written-off" : (state == 5 ? "prepaid" : "")
        csv += "L\(loan),2024-\(t < 9 ? "0" : "")\(t + 1),\(overdue),1000.00,\(event)\n"
        if state >= 4 { break }
      }
    }
    let estimate = try LoanPanel.parse(csv: csv).panel.estimateRollRates(.init(states: states))
    for i in 0..<4 {
      let n = Double(estimate.pooled.counts.loans(from: i))
      #expect(n > 500)
      for j in 0..<6 {
        let p = truth.probability(from: i, to: j)
        let se = max((p * (1 - p) / n).squareRoot(), 1 / n)
        #expect(
          abs(estimate.pooled.matrix.probability(from: i, to: j) - p) <= 4.5 * se, "p[\(i)][\(j)]")
      }
    }
  }

  @Test func unknownSegmentColumn() throws {
    let panel = try LoanPanel.parse(
      csv: "loan_id,month,overdue,balance,region\nA,2024-01,0,1.00,GD\n"
    ).panel
    let error = #expect(throws: RiskInputError.self) {
      try panel.estimateRollRates(.init(segmentBy: ["city"]))
    }
    #expect(
      error?.message == "the panel has no segment column 'city'; its segment columns are region")
  }

  /// Blacklist entries: a loan reaching 6 cumulative periods without ever being 6 behind.
  @Test func cumulativeBlacklistWithoutSixConsecutive() throws {
    // 3 behind, cured, 3 behind again: 6 month-ends in arrears in 2024-07.
    let overdue = [0, 1, 2, 3, 0, 1, 2, 3, 0]
    var csv = "loan_id,month,overdue,balance\n"
    for (t, o) in overdue.enumerated() { csv += "A,2024-0\(t + 1),\(o),1000.00\n" }
    let panel = try LoanPanel.parse(csv: csv).panel
    #expect(panel.cumulativeOverdueCounts() == [0, 1, 2, 3, 3, 4, 5, 6, 6])
    let estimate = try panel.estimateRollRates()
    #expect(estimate.blacklist.map(\.month.description) == ["2024-08"])
    #expect(estimate.blacklist.map(\.loans) == [1])
    // The M6+ bucket was never entered.
    #expect((0..<7).allSatisfy { estimate.pooled.counts.loans(from: $0, to: 4) == 0 })
  }
}
