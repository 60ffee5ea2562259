// Inputs of the Risk suite, shared with GateRunner (each links this file): delinquency projections
// of N segments × 8 states × 360 months and the roll-rate estimate of a generated panel.
import ProvidentPortfolio

#if canImport(ProvidentRisk)
  import ProvidentRisk
#endif

enum RiskWorkloads {
  /// `segments` segments × 8 states (C M1 M2 M3 M4-5 M6+ W P) × 360 months: each segment with its
  /// own matrix (or all on one) and 40 % of its loans overdue-free, cumulative counts up to 6.
  static func setting(segments: Int, ownMatrices: Bool) -> (DelinquencyModel, [DelinquencyCohort]) {
    let states = try! DelinquencyStates(edges: [1, 2, 3, 4, 6])
    var seed: UInt64 = 42
    func unit() -> Double {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(seed >> 11) * 0x1.0p-53
    }
    func matrix() -> TransitionMatrix {
      let s = states.count
      var rows: [[Double]] = []
      for i in 0..<s {
        var row = [Double](repeating: 0, count: s)
        if states.isTerminal(i) {
          row[i] = 1
        } else {
          let worse = min(i + 1, states.lastBucket)
          let roll = i == 0 ? 0.002 + 0.004 * unit() : 0.1 + 0.3 * unit()
          let cure = i == 0 ? 0 : 0.2 + 0.3 * unit()
          let prepay = 0.004 + 0.004 * unit()
          let writeOff = i == states.lastBucket ? 0.05 : 0
          row[worse] += roll
          row[0] += cure
          row[states.prepaidIndex!] += prepay
          row[states.writeOffIndex!] += writeOff
          row[i] += 1 - roll - cure - prepay - writeOff
        }
        rows.append(row)
      }
      return try! TransitionMatrix(rows: rows)
    }
    let keys = (0..<segments).map { "S\($0)" }
    let pooled = SegmentMatrices(base: matrix())
    let own = ownMatrices ? keys.map { SegmentMatrices(keys: [$0], base: matrix()) } : []
    let model = try! DelinquencyModel(
      states: states, segmentColumns: ["segment"], pooled: pooled, segments: own)
    let cohorts = keys.map { key -> DelinquencyCohort in
      var c = DelinquencyCohort(keys: [key], states: states)
      for o in 0..<8 {
        c.add(
          state: states.state(overdue: o), cumulativeOverdue: o, loans: o == 0 ? 1000 : 10,
          balance: 1e6 * unit())
      }
      c.amortization = [0.003]
      return c
    }
    return (model, cohorts)
  }

  static let base = DelinquencyScenario(name: "base", months: 360, severity: 0.25)

  /// The base scenario with a stress window (k 1.5 in months 13–36) and forbearance in months 1–6.
  static let stressed: DelinquencyScenario = {
    var s = base
    s.stress = [StressWindow(window: .projection(first: 13, last: 36), k: 1.5)]
    s.forbearance = Forbearance(windows: [.projection(first: 1, last: 6)], eligibleBelow: 3)
    return s
  }()

  /// The suite's projections: name, own matrices, scenario, threads (nil: the default, all cores
  /// when segments share a matrix, one when each has its own).
  static let projections:
    [(name: String, own: Bool, scenario: DelinquencyScenario, threads: Int?)] = [
      ("Risk.delinquency.1000x8x360.one-matrix.one-thread", false, base, 1),
      ("Risk.delinquency.1000x8x360.one-matrix", false, base, nil),
      ("Risk.delinquency.1000x8x360.own-matrices", true, base, nil),
      ("Risk.delinquency.1000x8x360.own-matrices.stress-forbearance", true, stressed, nil),
    ]

  /// A generated panel of `loans` loans over 36 months, as CSV (500 loans: 16,005 rows).
  static func panelCSV(loans: Int) -> String {
    PanelGenerator(seed: 1, loans: loans, months: 36).csv()
  }

  static let rollRateOptions = RollRateOptions(segmentBy: ["region", "product"])
}
