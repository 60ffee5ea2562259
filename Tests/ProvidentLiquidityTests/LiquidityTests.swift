// docs/risk-models.md §4: the national 24-month stress to 0.01 亿, the 2022 calibration, and the identities.
import Foundation
import ProvidentLiquidity
import ProvidentPolicy
import ProvidentPortfolio
import ProvidentRisk
import Testing
import _ProvidentTestSupport

@Suite("Fund liquidity")
struct LiquidityTests {
  static let national = Golden.datasetPath("liquidity/national-2023.yaml")

  static func paths() throws -> [LiquidityPath] {
    let file = try LiquidityScenarioFile(yaml: String(contentsOfFile: national, encoding: .utf8))
    return try file.scenarios.map { try $0.run() }
  }

  /// docs/risk-models.md §4.2 (computed): r solved from the 2022 flows reproduces L_2022 to 0.01 亿.
  @Test func calibrationReproducesTheLoanBalance() throws {
    let r = try LiquidityCalibration.recoveryRate(
      opening: 68_931.12, closing: 72_984.33, lending: 11_841.85 / 12, months: 12)
    #expect(abs(r - 0.0091640689) < 5e-11)
    var l = 68_931.12
    for _ in 0..<12 { l += 11_841.85 / 12 - r * l }
    #expect(abs(l - 72_984.33) < 0.01)
    #expect(throws: RiskInputError.self) {
      try LiquidityCalibration.recoveryRate(
        opening: 100, closing: 1_000_000, lending: 1, months: 12)
    }
  }

  /// The table of docs/risk-models.md §4.2: D / L / ratio at months 0, 6, 12, 18, 24, to 0.01 亿 and 0.0001 %.
  @Test func nationalStressTable() throws {
    let p = try Self.paths()
    #expect(p.map(\.name) == ["base", "stress", "stress-gated"])
    let table: [(Int, [(Double, Double, Double)])] = [
      (
        0,
        [
          (92_454.82, 72_984.33, 78.9405), (92_454.82, 72_984.33, 78.9405),
          (92_454.82, 72_984.33, 78.9405),
        ]
      ),
      (
        6,
        [
          (96_522.31, 76_252.19, 78.9995), (90_803.02, 76_252.19, 83.9754),
          (90_803.02, 76_252.19, 83.9754),
        ]
      ),
      (
        12,
        [
          (100_589.80, 79_344.43, 78.8792), (89_151.22, 79_344.43, 88.9998),
          (89_151.22, 78_376.96, 87.9146),
        ]
      ),
      (
        18,
        [
          (104_657.29, 82_270.50, 78.6094), (87_499.42, 82_270.50, 94.0241),
          (87_499.42, 79_184.73, 90.4974),
        ]
      ),
      (
        24,
        [
          (108_724.78, 85_039.32, 78.2152), (85_847.62, 85_039.32, 99.0584),
          (85_847.62, 78_524.36, 91.4695),
        ]
      ),
    ]
    for (month, rows) in table {
      for (path, (d, l, ratio)) in zip(p, rows) {
        let m = path.months[month]
        #expect(abs(m.deposits - d) <= 0.01, "\(path.name) D month \(month): \(m.deposits)")
        #expect(abs(m.loans - l) <= 0.01, "\(path.name) L month \(month): \(m.loans)")
        #expect(
          abs(m.loanRatio * 100 - ratio) <= 0.00005 + 1e-9,
          "\(path.name) ratio month \(month): \(m.loanRatio * 100)")
      }
    }
  }

  @Test func crossingsBufferAndForegoneLending() throws {
    let p = try Self.paths()
    // Ungated stress: 85 % in month 8, 90 % in month 14, 95 % in month 20; buffer 19,470 → 808.
    #expect(p[1].crossings.map(\.month) == [8, 14, 20])
    #expect(p[0].crossings.map(\.month) == [nil, nil, nil])
    #expect(abs(p[1].months[0].buffer - 19_470.49) < 0.01)
    #expect(abs(p[1].months[24].buffer - 808.30) < 0.01)
    let printed = [
      78.94, 79.78, 80.62, 81.46, 82.30, 83.14, 83.98, 84.81, 85.65, 86.49, 87.33, 88.16, 89.00,
      89.84,
      90.67, 91.51, 92.35, 93.19, 94.02, 94.86, 95.70, 96.54, 97.38, 98.22, 99.06,
    ]
    for (t, v) in printed.enumerated() {
      #expect(abs(p[1].months[t].loanRatio * 100 - v) <= 0.005, "month \(t)")
    }
    // Gated: 85 % reached in month 8, so 0.8 from month 9; 0.5 from month 17 after 90.50 % in
    // month 16 (docs/risk-models.md: "still crosses 90 % in month 16"); lending 22,560.03
    // against 29,426.12 ungated.
    let g = p[2].months.dropFirst().map(\.lendingMultiplier)
    #expect(
      g == Array(repeating: 1, count: 8) + Array(repeating: 0.8, count: 8)
        + Array(repeating: 0.5, count: 8))
    #expect(p[2].crossings.map(\.month) == [8, 16, nil])
    #expect(abs(p[2].total(\.newLending) - 22_560.03) < 0.01)
    #expect(abs(p[1].total(\.newLending) - 29_426.12) < 0.01)
    #expect(abs(p[2].total(\.foregone) - (29_426.12 - 22_560.03)) < 0.01)
  }

  /// docs/risk-models.md §4.3: D_t − D₀ = ΣDep − ΣWd and L_t − L₀ = ΣNew − ΣRec − ΣWO, on random scenarios.
  @Test(arguments: 1...20 as ClosedRange<UInt64>)
  func identitiesHold(_ seed: UInt64) throws {
    var rng = SplitMix64(seed: seed)
    func u() -> Double { Double(rng.next() >> 11) * 0x1.0p-53 }
    let months = 12 + Int(rng.next() % 60)
    var scenario = LiquidityScenario(
      name: "random", months: months,
      opening: LiquidityOpening(
        deposits: 1000 + 1000 * u(), loans: 500 + 800 * u(), projectLoans: 20 * u()),
      deposits: .monthly((0..<months).map { _ in 20 + 10 * u() }),
      withdrawals: [
        .purchase: .constant(8 * u()), .rent: .monthly([3 * u(), 4 * u()]),
        .retirement: .constant(5 * u()),
      ],
      newLending: .constant(10 + 10 * u()), recoveries: .rate(0.01 * u()),
      writeOffs: .rate(0.0005 * u()),
      stress: LiquidityStress(
        deposits: .constant(0.8 + 0.4 * u()), withdrawals: .constant(0.9 + 0.5 * u()),
        withdrawalKinds: [.rent: .constant(1.5)]),
      lending: LendingGate(bands: [
        Band(from: Percent(0), to: Percent(80), payload: 1),
        Band(from: Percent(80), to: nil, payload: 0.6),
      ]))
    scenario.cityGates = [
      DatedGates(
        conversion: [Band(from: Percent(70), to: nil, payload: .suspended)], source: "test")
    ]
    scenario.lending.conversionShare = 0.2
    let path = try scenario.run()
    let first = path.months[0]
    var dep = 0.0
    var wd = 0.0
    var new = 0.0
    var rec = 0.0
    var wo = 0.0
    for m in path.months.dropFirst() {
      dep += m.contributions
      wd += m.withdrawals
      new += m.newLending
      rec += m.recoveries
      wo += m.writeOffs
      #expect(abs(m.withdrawalsByKind.reduce(0, +) - m.withdrawals) <= 1e-9)
      #expect(abs(m.deposits - first.deposits - (dep - wd)) <= 1e-9 * first.deposits)
      #expect(abs(m.loans - first.loans - (new - rec - wo)) <= 1e-9 * first.deposits)
      #expect(abs(m.newLending + m.foregone - m.demand) <= 1e-9)
      #expect(
        abs(m.buffer - (m.deposits - m.loans - first.deposits + first.loans + first.buffer)) <= 1e-9
          * first.deposits)
    }
    // The gate follows the documented lower-inclusive bands at each opening ratio.
    for (previous, m) in zip(path.months, path.months.dropFirst()) {
      let band = previous.loanRatio >= 0.8 ? 0.6 : 1.0
      let conversion = previous.loanRatio >= 0.7 ? 0.8 : 1.0
      #expect(m.lendingMultiplier == band * conversion, "month \(m.month)")
    }
  }

  /// docs/risk-models.md §4.2's Changsha lookup on the bands of datasets/policies/changsha.yaml, as `gjj
  /// liquidity` reads them (lower bounds included), and the multiple never rises with the ratio.
  @Test func changshaLookup() throws {
    let periods = try DatedGates.city("changsha", library: .bundled)
    #expect(periods.count == 1 && periods[0].from == nil && periods[0].to == nil)
    let bands = periods[0].quotaMultiple
    let cases: [(Double, Int64)] = [
      (74.94, 20), (75.00, 16), (78.94, 16), (80.00, 15), (84.99, 15), (85.00, 14), (90.00, 13),
      (95.00, 12), (102, 12),
    ]
    for (percent, multiple) in cases {
      #expect(bands.payload(ratio: percent / 100) == multiple, "\(percent)")
    }
    var previous = Int64.max
    for bp in stride(from: 0, through: 12_000, by: 1) {
      let m = try #require(bands.payload(ratio: Double(bp) / 10_000))
      #expect(m <= previous, "at \(bp) bp")
      previous = m
    }
    #expect(periods[0].source == "policies/changsha.yaml [S92]")
  }

  @Test func badFilesNameTheKey() throws {
    func message(_ yaml: String) -> String? {
      do {
        _ = try LiquidityScenarioFile(yaml: yaml)
        return nil
      } catch { return error.description }
    }
    let base =
      "months: 12\nopening: {deposits: 100, loans: 80}\ndeposits: 5\nwithdrawals: {total: 4}\nnewLending: 2\nrecoveries: {rate: 0.01}\n"
    #expect(message(base + "scenarios: [{name: a}]") == nil)
    #expect(
      message(base + "scenarios: [{name: a, stres: {deposits: 0.9}}]")?.contains(
        "unknown key 'stres'") == true)
    #expect(
      message(
        base.replacingOccurrences(of: "deposits: 100", with: "deposits: 0")
          + "scenarios: [{name: a}]")
        == "line 2: opening.deposits must be > 0: the loan ratio divides by it")
    #expect(
      message(
        base
          + "lending: {bands: [{from: 90, multiplier: 0.5}, {from: 95, multiplier: 0.2}]}\nscenarios: [{name: a}]"
      )
        == "line 7: lending.bands[1]: the band before has no 'to', so no band may follow it")
    #expect(
      message(base + "scenarios: [{name: a, stress: {deposits: -1}}]")
        == "line 7: scenarios[0].stress.deposits must be a multiplier from 0 to 100 such as 1.5 (got -1)"
    )
    #expect(
      message(
        base.replacingOccurrences(of: "{rate: 0.01}", with: "{rate: 0.01, annual: 10%}")
          + "scenarios: [{name: a}]")
        == "line 6: recoveries needs exactly one of rate (monthly), annual, amounts or solve")
  }
}
