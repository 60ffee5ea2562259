// Roll-rate projection, estimation and the liquidity path (issue 8).
import Benchmark
import ProvidentPortfolio

/// 1,000 segments × 8 states (C M1 M2 M3 M4-5 M6+ W P) × 360 months: each segment with its own
/// matrix (or all on one) and 40 % of its loans overdue-free, cumulative counts up to 6.
func setting(segments: Int, ownMatrices: Bool) -> (DelinquencyModel, [DelinquencyCohort]) {
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
  let model = try! DelinquencyModel(states: states, segmentColumns: ["segment"], pooled: pooled, segments: own)
  let cohorts = keys.map { key -> DelinquencyCohort in
    var c = DelinquencyCohort(keys: [key], states: states)
    for o in 0..<8 {
      c.add(state: states.state(overdue: o), cumulativeOverdue: o, loans: o == 0 ? 1000 : 10, balance: 1e6 * unit())
    }
    c.amortization = [0.003]
    return c
  }
  return (model, cohorts)
}

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .mallocCountTotal],
    scalingFactor: .one,
    maxDuration: .seconds(3),
    maxIterations: .count(20),
    // The projections run on Dispatch worker threads, whose own allocations vary by one or two
    // from run to run (344–345 observed): a slack of 8.
    thresholds: gateThresholds(allocations: .slack(8)))

  let base = DelinquencyScenario(name: "base", months: 360, severity: 0.25)
  var stressed = base
  stressed.stress = [StressWindow(window: .projection(first: 13, last: 36), k: 1.5)]
  stressed.forbearance = Forbearance(windows: [.projection(first: 1, last: 6)], eligibleBelow: 3)

  // threads 0: the default (all cores when segments share a matrix, one when each has its own).
  for (name, own, scenario, threads) in [
    ("Risk.delinquency.1000x8x360.one-matrix.one-thread", false, base, 1),
    ("Risk.delinquency.1000x8x360.one-matrix", false, base, 0),
    ("Risk.delinquency.1000x8x360.own-matrices", true, base, 0),
    ("Risk.delinquency.1000x8x360.own-matrices.stress-forbearance", true, stressed, 0),
  ] as [(String, Bool, DelinquencyScenario, Int)] {
    // Names carry the size (1,000 segments × 8 states × 360 months): tags would enter the
    // threshold file names with spaces and parentheses.
    Benchmark(name) { benchmark in
      let (model, cohorts) = setting(segments: 1000, ownMatrices: own)
      benchmark.startMeasurement()
      blackHole(
        try! model.project(
          cohorts, scenarios: [scenario], options: .init(threads: threads == 0 ? nil : threads)))
    }
  }

  // The sample panel: 500 loans, 16,005 rows.
  Benchmark("Risk.rollrate.estimate.panel-500") { benchmark in
    let csv = PanelGenerator(seed: 1, loans: 500, months: 36).csv()
    benchmark.startMeasurement()
    let panel = try! LoanPanel.parse(csv: csv).panel
    blackHole(try! panel.estimateRollRates(.init(segmentBy: ["region", "product"])))
  }
}
