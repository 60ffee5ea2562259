// docs/risk-models.md §1.6 invariants of the delinquency projection on random matrices and books.
import Foundation
import ProvidentCore
import ProvidentPortfolio
import ProvidentRisk
import Testing
import _ProvidentTestSupport

@Suite("Delinquency projection invariants")
struct DelinquencyProjectionTests {
  static let states = DelinquencyStates.standard  // C M1 M2 M3-5 M6+ W P

  static func unit(_ rng: inout SplitMix64) -> Double { Double(rng.next() >> 11) * 0x1.0p-53 }

  /// A random chain matrix: a loan moves at most one bucket worse a month; M6+ may be written off;
  /// W and P absorb.
  static func randomMatrix(_ rng: inout SplitMix64, states: DelinquencyStates = .standard)
    -> TransitionMatrix
  {
    let s = states.count
    var rows: [[Double]] = []
    for i in 0..<s {
      var row = [Double](repeating: 0, count: s)
      if states.isTerminal(i) {
        row[i] = 1
      } else {
        var targets = [0, i, min(i + 1, states.lastBucket)]
        if let p = states.prepaidIndex { targets.append(p) }
        if i == states.lastBucket, let w = states.writeOffIndex { targets.append(w) }
        if i > 1 { targets.append(i - 1) }
        var weights = targets.map { t in
          t == i ? 5 + 20 * unit(&rng) : (t == states.prepaidIndex ? 0.1 * unit(&rng) : unit(&rng))
        }
        let total = weights.reduce(0, +)
        weights = weights.map { $0 / total }
        for (t, w) in zip(targets, weights) { row[t] += w }
      }
      rows.append(row)
    }
    return try! TransitionMatrix(rows: rows)
  }

  static func randomCohort(
    _ rng: inout SplitMix64, keys: [String], states: DelinquencyStates = .standard
  ) -> DelinquencyCohort {
    var c = DelinquencyCohort(keys: keys, states: states)
    for _ in 0..<40 {
      let o = unit(&rng) < 0.7 ? 0 : Int(rng.next() % 9)
      c.add(
        state: states.state(overdue: o), cumulativeOverdue: o + Int(rng.next() % 3),
        loans: 1 + unit(&rng), balance: 100_000 + 900_000 * unit(&rng))
    }
    c.amortization = (0..<24).map { _ in 0.001 + 0.01 * unit(&rng) }
    return c
  }

  /// A model with one matrix per region (some regions without one) and time-varying paths.
  static func randomSetting(seed: UInt64, segments: Int = 9) -> (
    DelinquencyModel, [DelinquencyCohort]
  ) {
    var rng = SplitMix64(seed: seed)
    let regions = (0..<segments).map { "R\($0)" }
    var matrices: [SegmentMatrices] = []
    for r in regions.prefix(segments - 2) {
      let path = (0..<Int(rng.next() % 4)).map { _ in randomMatrix(&rng) }
      matrices.append(SegmentMatrices(keys: [r], base: randomMatrix(&rng), path: path))
    }
    let model = try! DelinquencyModel(
      states: states, segmentColumns: ["region"], pooled: SegmentMatrices(base: randomMatrix(&rng)),
      segments: matrices)
    return (model, regions.map { randomCohort(&rng, keys: [$0]) })
  }

  static let stressed = DelinquencyScenario(
    name: "stressed", months: 30, severity: 0.3,
    stress: [
      StressWindow(window: .projection(first: 3, last: 8), k: 1.4),
      StressWindow(
        window: .projection(first: 5, last: 12), k: [1.1, 1.2, 1.3], segment: ["region": "R2"]),
    ],
    forbearance: Forbearance(
      windows: [.projection(first: 4, last: 9)], eligibleBelow: 3, share: 0.6))

  @Test(arguments: 1...10 as ClosedRange<UInt64>)
  func loansConservedBalancesConservedAbsorbingNeverFalls(_ seed: UInt64) throws {
    let (model, cohorts) = Self.randomSetting(seed: seed)
    let projection = try model.project(cohorts, scenarios: [Self.stressed])
    let run = projection.runs[0]
    for series in [run.book] + run.segments {
      let loans0 = series.loans(month: 0).reduce(0, +)
      let balance0 = series.balances(month: 0).reduce(0, +)
      var scheduled = 0.0
      for t in 0...series.months {
        let l = series.loans(month: t)
        #expect(l.allSatisfy { $0 >= -1e-12 })
        #expect(abs(l.reduce(0, +) - loans0) <= 1e-12 * loans0, "Σ loans, month \(t)")
        #expect(
          abs(series.reported(month: t).reduce(0, +) - loans0) <= 1e-12 * loans0,
          "Σ reported, month \(t)")
        scheduled += series.flow(.scheduledPrincipal, month: t)
        let remaining = series.balances(month: t).reduce(0, +)
        #expect(abs(remaining + scheduled - balance0) <= 1e-9 * balance0, "balance, month \(t)")
        if t > 0 {
          for a in [Self.states.writeOffIndex!, Self.states.prepaidIndex!] {
            #expect(l[a] >= series.loans(month: t - 1)[a] - 1e-15, "absorbing \(a), month \(t)")
          }
          #expect(
            abs(series.flow(.loss, month: t) - 0.3 * series.flow(.writtenOff, month: t)) <= 1e-9)
          #expect(series.flow(.blacklisted, month: t) >= -1e-15)
        }
      }
    }
  }

  /// k = 1 everywhere and an empty forbearance window (outside the horizon, or affecting no one)
  /// reproduce the base run bit for bit.
  @Test(arguments: 1...5 as ClosedRange<UInt64>)
  func neutralStressAndEmptyWindowReproduceTheBase(_ seed: UInt64) throws {
    let (model, cohorts) = Self.randomSetting(seed: seed)
    let base = DelinquencyScenario(name: "base", months: 24, severity: 0.2)
    var neutral = base
    neutral.stress = [StressWindow(window: .projection(first: 1, last: 24), k: 1)]
    var late = base
    late.forbearance = Forbearance(windows: [.projection(first: 30, last: 36)])
    var nobody = base
    nobody.forbearance = Forbearance(windows: [.projection(first: 2, last: 9)], share: 0)
    let runs = try model.project(cohorts, scenarios: [base, neutral, late, nobody]).runs
    for run in runs.dropFirst() {
      #expect(run.book.loans == runs[0].book.loans, "\(run.name)")
      #expect(run.book.balances == runs[0].book.balances, "\(run.name)")
      #expect(run.book.reported == runs[0].book.loans, "\(run.name)")
      #expect(run.book.flows == runs[0].book.flows, "\(run.name)")
      #expect(
        run.segments == runs[0].segments.map { $0 } || run.name == "nobody" || run.name == "late")
    }
  }

  @Test func identicalForOneAndManyThreads() throws {
    let (model, cohorts) = Self.randomSetting(seed: 77, segments: 150)
    let one = try model.project(cohorts, scenarios: [Self.stressed], options: .init(threads: 1))
    let many = try model.project(cohorts, scenarios: [Self.stressed], options: .init(threads: 4))
    #expect(one == many)
  }

  /// Projecting month by month through a constant P (12 dgemm steps) equals s₀·P¹² by repeated
  /// squaring.
  @Test(arguments: 1...5 as ClosedRange<UInt64>)
  func monthlyStepsEqualRepeatedSquaring(_ seed: UInt64) throws {
    var rng = SplitMix64(seed: seed)
    let p = Self.randomMatrix(&rng)
    let s0 = (0..<7).map { $0 < 5 ? Self.unit(&rng) : 0 }
    let model = try DelinquencyModel(states: Self.states, pooled: SegmentMatrices(base: p))
    let book = try model.project(
      [DelinquencyCohort.shares(s0, states: Self.states)],
      scenarios: [DelinquencyScenario(name: "p", months: 12)]
    ).runs[0].book
    let squared = p.power(12).applied(to: s0)
    for (a, b) in zip(book.loans(month: 12), squared) { #expect(abs(a - b) <= 1e-14) }
  }

  /// The cumulative count under the chain, propagated independently over (state, count) pairs in
  /// a dictionary: blacklist entries and stock agree with the kernel's.
  @Test(arguments: 1...5 as ClosedRange<UInt64>)
  func cumulativeCountsMatchAPlainPropagation(_ seed: UInt64) throws {
    var rng = SplitMix64(seed: seed)
    let p = Self.randomMatrix(&rng)
    let cohort = Self.randomCohort(&rng, keys: [])
    let model = try DelinquencyModel(states: Self.states, pooled: SegmentMatrices(base: p))
    let book = try model.project([cohort], scenarios: [DelinquencyScenario(name: "p", months: 20)])
      .runs[0].book
    let s = Self.states.count
    var mass: [Int: Double] = [:]  // key: count · s + state
    for c in 0...6 {
      for j in 0..<s where cohort.loans[c * s + j] != 0 {
        mass[c * s + j] = cohort.loans[c * s + j]
      }
    }
    for t in 1...20 {
      var next: [Int: Double] = [:]
      var entering = 0.0
      for (key, m) in mass {
        let (c, i) = (key / s, key % s)
        for j in 0..<s where p.probability(from: i, to: j) > 0 {
          let overdue = Self.states.isOverdue(j)
          let c2 = min(c + (overdue ? 1 : 0), 6)
          if c < 6 && c2 == 6 { entering += m * p.probability(from: i, to: j) }
          next[c2 * s + j, default: 0] += m * p.probability(from: i, to: j)
        }
      }
      mass = next
      let stock = mass.filter { $0.key / s == 6 && !Self.states.isTerminal($0.key % s) }.values
        .reduce(0, +)
      #expect(abs(book.flow(.blacklisted, month: t) - entering) <= 1e-12, "entries, month \(t)")
      #expect(abs(book.flow(.blacklistedStock, month: t) - stock) <= 1e-12, "stock, month \(t)")
    }
  }

  /// Segments sharing a matrix go through one dgemm; given the same matrix as separate segments
  /// they go through one each: the results agree to rounding.
  @Test func groupingDoesNotChangeResults() throws {
    var rng = SplitMix64(seed: 5)
    let p = Self.randomMatrix(&rng)
    let cohorts = (0..<40).map { Self.randomCohort(&rng, keys: ["R\($0)"]) }
    let shared = try DelinquencyModel(
      states: Self.states, segmentColumns: ["region"], pooled: SegmentMatrices(base: p))
    let separate = try DelinquencyModel(
      states: Self.states, segmentColumns: ["region"], pooled: SegmentMatrices(base: p),
      segments: cohorts.map { SegmentMatrices(keys: $0.keys, base: p) })
    let scenario = DelinquencyScenario(name: "s", months: 36)
    let a = try shared.project(cohorts, scenarios: [scenario]).runs[0]
    let b = try separate.project(cohorts, scenarios: [scenario]).runs[0]
    for (x, y) in zip(a.book.loans + a.book.balances, b.book.loans + b.book.balances) {
      #expect(abs(x - y) <= 1e-12 * max(abs(y), 1))
    }
    #expect(try shared.project(cohorts, scenarios: [scenario]).pooledSegments.isEmpty)
  }

  /// A stress on one segment changes that segment only.
  @Test func segmentStressStaysInItsSegment() throws {
    let (model, cohorts) = Self.randomSetting(seed: 3)
    let base = DelinquencyScenario(name: "base", months: 12)
    var r2 = base
    r2.stress = [
      StressWindow(window: .projection(first: 1, last: 12), k: 1.3, segment: ["region": "R2"])
    ]
    let runs = try model.project(cohorts, scenarios: [base, r2]).runs
    for (a, b) in zip(runs[0].segments, runs[1].segments) {
      #expect((a == b) == (a.keys != ["R2"]), "\(a.keys)")
    }
    #expect(runs[1].stressedMonths == Array(1...12))
  }

  /// With catch-up, the reported chain equals the economic one from the month after the window.
  @Test func catchUpRejoinsTheEconomicChain() throws {
    let (model, cohorts) = Self.randomSetting(seed: 4)
    let scenario = DelinquencyScenario(
      name: "c", months: 15,
      forbearance: Forbearance(windows: [.projection(first: 2, last: 6)], end: .catchUp))
    let book = try model.project(cohorts, scenarios: [scenario]).runs[0].book
    #expect(book.reported(month: 6) != book.loans(month: 6))
    for t in 7...15 {
      for (a, b) in zip(book.reported(month: t), book.loans(month: t)) {
        #expect(abs(a - b) <= 1e-12)
      }
    }
  }

  /// Inside a window, eligible overdue loans are reported where they were; loans at or past the
  /// `eligibleBelow` bucket move as usual.
  @Test func eligibilityLimitsTheFreeze() throws {
    var rng = SplitMix64(seed: 9)
    let p = Self.randomMatrix(&rng)
    let model = try DelinquencyModel(states: Self.states, pooled: SegmentMatrices(base: p))
    let s0: [Double] = [0.9, 0.04, 0.03, 0.02, 0.01, 0, 0]
    let scenario = DelinquencyScenario(
      name: "x", months: 1,
      forbearance: Forbearance(windows: [.projection(first: 1, last: 1)], eligibleBelow: 3))
    let book = try model.project(
      [DelinquencyCohort.shares(s0, states: Self.states)], scenarios: [scenario]
    ).runs[0].book
    let reported = book.reported(month: 1)
    let eligible = [true, true, true, false, false, false, false]
    let f = p.frozen(states: Self.states, eligible: eligible)
    for (a, b) in zip(reported, f.applied(to: s0)) { #expect(abs(a - b) <= 1e-15) }
    #expect(abs(reported[1] - 0.04) <= 1e-15)  // M1 frozen
    #expect(reported[4] != 0.01)  // M6+ moves
  }

  // MARK: - docs/risk-models.md §5: the P column and the cash-flow kernel

  /// Each month's `C → P` is the SMM of that month's CPR, exactly; rows still sum to 1.
  @Test func prepaymentColumnIsTheSMM() throws {
    var rng = SplitMix64(seed: 12)
    let curve = RateCurve.monthly([0.02, 0.06, 0.25, 0.4344])
    let m = SegmentMatrices(base: Self.randomMatrix(&rng), path: [Self.randomMatrix(&rng)])
      .withPrepayment(curve, states: Self.states)
    for t in 1...8 {
      let p = m.matrix(month: t)
      #expect(
        p.probability(from: 0, to: 6)
          == ConditionalRate.monthly(annual: curve.annualRate(month: t, age: 0)), "month \(t)")
      for i in 0..<7 { #expect(abs(p.row(i).reduce(0, +) - 1) <= 1e-15) }
    }
    #expect(abs(ConditionalRate.monthly(annual: 0.4344) - 0.0463790502) < 5e-11)
  }

  /// SMM 0 repays nothing early; SMM 1 clears every current loan in month 1.
  @Test func smmZeroAndOne() throws {
    var rng = SplitMix64(seed: 13)
    let model = try DelinquencyModel(
      states: Self.states, pooled: SegmentMatrices(base: Self.randomMatrix(&rng)))
    // Current loans: with SMM 1 all repay in month 1, the balance as installment plus prepayment.
    var cohort = DelinquencyCohort.shares(
      [800, 0, 0, 0, 0, 0, 0], states: Self.states, balances: [5e7, 0, 0, 0, 0, 0, 0])
    cohort.amortization = [0.004]
    let zeroOne = try model.project(
      [cohort],
      scenarios: [
        DelinquencyScenario(name: "zero", months: 12, prepayment: .constant(0)),
        DelinquencyScenario(name: "one", months: 12, prepayment: .constant(1)),
      ]
    ).runs
    // SMM 0: no current loan repays early (overdue rows keep the matrix's own P entries, so only
    // month 1, when every loan is current, is free of prepayment).
    #expect(
      zeroOne[0].book.flow(.prepaidLoans, month: 1) == 0
        && zeroOne[0].book.flow(.prepaid, month: 1) == 0)
    let one = zeroOne[1].book
    #expect(one.loans(month: 1) == [0, 0, 0, 0, 0, 0, 800])
    #expect(abs(one.flow(.prepaid, month: 1) - 5e7 * 0.996) <= 1e-6)
    #expect(abs(one.flow(.scheduledPrincipal, month: 1) - 5e7 * 0.004) <= 1e-6)
    #expect(one.remainingBalance(month: 1, states: Self.states) == 0)
  }

  /// With no arrears, the chain with `C → P` = SMM and the book's own amortization gives the
  /// cash-flow kernel's scheduled principal, prepayment and balance (fast mode, keep-term): a
  /// uniform SMM scales every loan alike, so the book's principal share is that of its schedule.
  /// (On loans off their schedule the kernel re-amortizes at the first prepayment and the shares
  /// part: the uniform book's loans are new, so on schedule.)
  @Test(arguments: [0.0, 0.08, 0.25])
  func chainAgreesWithTheCashFlowKernel(_ cpr: Double) throws {
    let book = BookGenerator(profile: .uniform, seed: 3).book(loans: 2_000)
    #expect(book.periodsOverdue.allSatisfy { $0 == 0 })
    let months = 60
    let kernel = try book.project(
      [
        Scenario(
          name: "k", prepayment: .constant(cpr), defaultAfterOverdue: nil, horizonMonths: months)
      ],
      options: .init(mode: .fast)
    ).scenarios[0].book
    let stay = try TransitionMatrix(rows: (0..<7).map { i in (0..<7).map { $0 == i ? 1.0 : 0 } })
    let model = try DelinquencyModel(states: Self.states, pooled: SegmentMatrices(base: stay))
    let chain = try model.project(
      try book.delinquencyCohorts(states: Self.states, segmentBy: []),
      scenarios: [DelinquencyScenario(name: "c", months: months, prepayment: .constant(cpr))]
    ).runs[0].book
    let opening = Double(kernel.totals.openingBalance.fen) / 100
    #expect(abs(chain.remainingBalance(month: 0, states: Self.states) - opening) <= 1e-9 * opening)
    let pairs: [(Double, Money)] = [
      (chain.total(.scheduledPrincipal), kernel.totals.scheduledPrincipal),
      (chain.total(.prepaid), kernel.totals.prepayment),
      (chain.remainingBalance(month: months, states: Self.states), kernel.totals.closingBalance),
    ]
    for (a, b) in pairs {
      // The kernel rounds each month's sums to the fen: 0.005 yuan a month at most.
      #expect(
        abs(a - Double(b.fen) / 100) <= 1e-9 * opening + 0.01 * Double(months), "\(a) vs \(b)")
    }
  }

  @Test func calendarWindowsNeedAStart() throws {
    let (model, cohorts) = Self.randomSetting(seed: 2)
    let scenario = DelinquencyScenario(
      name: "2022", months: 12, forbearance: Forbearance(windows: [Forbearance.national2022]))
    #expect(throws: RiskInputError.self) { try model.project(cohorts, scenarios: [scenario]) }
    // From an as-of date of 2022-04-30, the 2022 notice covers projection months 1–8.
    let run = try model.project(
      cohorts, scenarios: [scenario], options: .init(start: try CalendarMonth(parsing: "2022-04"))
    ).runs[0]
    #expect(run.forbearanceMonths == Array(1...8))
  }

  /// A loan book's cohorts: every loan in the bucket of its overdue count, balances equal to the
  /// book's, amortization from its scheduled flows; the projection conserves the balance.
  @Test func bookCohorts() throws {
    let book = try LoanBook.load(path: Golden.datasetPath("samples/book-10k.csv")).book
    let cohorts = try book.delinquencyCohorts(states: Self.states, segmentBy: ["product"])
    #expect(cohorts.map(\.keys) == [["commercial"], ["provident"]])
    #expect(abs(cohorts.map(\.totalLoans).reduce(0, +) - Double(book.count)) < 1e-9)
    #expect(
      abs(cohorts.map(\.totalBalance).reduce(0, +) - Double(book.totalBalance.fen) / 100) < 1e-3)
    let overdue = (0..<book.count).filter { book.periodsOverdue[$0] > 0 }.count
    #expect(
      abs(cohorts.map { $0.totalLoans - $0.loansByState[0] }.reduce(0, +) - Double(overdue)) < 1e-9)
    for c in cohorts {
      #expect(!c.amortization.isEmpty && c.amortization.allSatisfy { $0 > 0 && $0 <= 1 })
    }
    #expect(throws: RiskInputError.self) {
      try book.delinquencyCohorts(states: Self.states, segmentBy: ["ltv"])
    }
  }
}
