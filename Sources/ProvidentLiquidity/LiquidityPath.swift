// Running a liquidity scenario month by month: balances, 个贷率, buffer, gates, crossings.
import ProvidentCore
import ProvidentPolicy
import ProvidentRisk

/// One month of a liquidity path (month 0 is the opening position). Analytics: `Double`, in the
/// scenario's unit.
public struct LiquidityMonth: Hashable, Sendable {
  public var month: Int
  public var calendarMonth: CalendarMonth?
  /// Deposit balance `D_t`.
  public var deposits: Double
  /// Loan balance `L_t`.
  public var loans: Double
  /// `L_t / D_t`.
  public var loanRatio: Double
  /// `D_t − L_t − project loans − bonds + reserves`.
  public var buffer: Double
  /// Contributions this month (after stress).
  public var contributions: Double
  /// Withdrawals by kind this month (after stress), in `WithdrawalKind.allCases` order.
  public var withdrawalsByKind: [Double]
  public var withdrawals: Double
  public var recoveries: Double
  public var writeOffs: Double
  /// New-loan demand (after its stress) and what was lent.
  public var demand: Double
  public var newLending: Double
  public var foregone: Double
  /// The lending multiplier applied (1 with no gate).
  public var lendingMultiplier: Double
  /// The city's quota balance multiple and 商转公 status at the month's opening ratio, when on file.
  public var quotaMultiple: Int64?
  public var conversion: GateStatus?
  /// Months of this month's withdrawals the buffer covers.
  public var bufferMonths: Double
}

/// The first month a loan-ratio line is reached (`ratio ≥ line`).
public struct ThresholdCrossing: Hashable, Sendable {
  public var threshold: Double
  /// nil: not within the horizon.
  public var month: Int?
}

/// A scenario's path.
public struct LiquidityPath: Hashable, Sendable {
  public var name: String
  public var unit: String
  public var months: [LiquidityMonth]
  public var crossings: [ThresholdCrossing]

  /// The smallest buffer over months 0…T.
  public var lowestBuffer: Double { months.map(\.buffer).min() ?? 0 }

  /// A flow summed over months 1…T.
  public func total(_ value: (LiquidityMonth) -> Double) -> Double {
    months.dropFirst().reduce(0) { $0 + value($1) }
  }
}

extension LiquidityScenario {
  /// Runs the scenario (formulas on ``LiquidityScenario``).
  ///
  /// - Throws: `RiskInputError` when the opening deposit balance is not positive, a flow is
  ///   negative or not finite, or months is not 1–1200.
  /// - Complexity: O(months × bands).
  public func run() throws(RiskInputError) -> LiquidityPath {
    guard (1...1200).contains(months) else {
      throw RiskInputError("scenario \(name): months must be 1–1200 (got \(months))")
    }
    guard opening.deposits > 0, opening.deposits.isFinite else {
      throw RiskInputError(
        "scenario \(name): the opening deposit balance must be > 0 (got \(opening.deposits))")
    }
    guard opening.loans >= 0, opening.loans.isFinite else {
      throw RiskInputError(
        "scenario \(name): the opening loan balance must be ≥ 0 (got \(opening.loans))")
    }
    let kinds = WithdrawalKind.allCases
    let maxMultiple = cityGates.flatMap { $0.quotaMultiple.map(\.payload) }.max()
    var d = opening.deposits
    var l = opening.loans
    let fixed = opening.projectLoans + opening.bonds - opening.reserves
    var rows: [LiquidityMonth] = [
      LiquidityMonth(
        month: 0, calendarMonth: start, deposits: d, loans: l, loanRatio: l / d,
        buffer: d - l - fixed,
        contributions: 0, withdrawalsByKind: kinds.map { _ in 0 }, withdrawals: 0, recoveries: 0,
        writeOffs: 0, demand: 0, newLending: 0, foregone: 0, lendingMultiplier: 1,
        quotaMultiple: nil,
        conversion: nil, bufferMonths: .infinity)
    ]
    for t in 1...months {
      let month = start?.adding(months: t)
      let ratio = l / d
      // Gates at the opening ratio.
      var g = lending.bands.payload(ratio: ratio) ?? 1
      let gates =
        month.flatMap { m in cityGates.first { $0.contains(m.lastDay) } }
        ?? cityGates.first {
          $0.from == nil && $0.to == nil
        }
      let multiple: Int64? = gates?.quotaMultiple.payload(ratio: ratio)
      let conversion: GateStatus? = gates?.conversion.payload(ratio: ratio)
      if lending.followQuotaMultiple, let multiple, let maxMultiple, maxMultiple > 0 {
        g *= Double(multiple) / Double(maxMultiple)
      }
      switch conversion {
      case .suspended: g *= 1 - lending.conversionShare
      case .restricted: g *= 1 - lending.conversionShare * (1 - lending.restrictedConversionKept)
      case .open, nil: break
      }
      let contributions = deposits.value(month: t) * stress.deposits.value(month: t)
      var byKind = [Double](repeating: 0, count: kinds.count)
      for (i, kind) in kinds.enumerated() {
        guard let amount = withdrawals[kind] else { continue }
        byKind[i] =
          amount.value(month: t) * stress.withdrawals.value(month: t)
          * (stress.withdrawalKinds[kind]?.value(month: t) ?? 1)
      }
      let withdrawn = byKind.reduce(0, +)
      let recovered: Double =
        switch recoveries {
        case .rate(let r): r * l
        case .amounts(let a): min(a.value(month: t), l)
        }
      let written: Double =
        switch writeOffs {
        case .rate(let r)?: r * l
        case .amounts(let a)?: min(a.value(month: t), l - recovered)
        case nil: 0
        }
      let demand = newLending.value(month: t) * stress.lending.value(month: t)
      let lent = g * demand
      for (label, x) in [
        ("contributions", contributions), ("withdrawals", withdrawn), ("recoveries", recovered),
        ("write-offs", written), ("new lending", demand),
      ] where !(x.isFinite && x >= 0) {
        throw RiskInputError("scenario \(name), month \(t): \(label) must be ≥ 0 (got \(x))")
      }
      d += contributions - withdrawn
      l += lent - recovered - written
      guard d > 0 else {
        throw RiskInputError(
          "scenario \(name), month \(t): withdrawals exhaust the deposit balance (\(String(format2: d)) \(unit)): the ratio is undefined"
        )
      }
      let buffer = d - l - fixed
      rows.append(
        LiquidityMonth(
          month: t, calendarMonth: month, deposits: d, loans: l, loanRatio: l / d, buffer: buffer,
          contributions: contributions, withdrawalsByKind: byKind, withdrawals: withdrawn,
          recoveries: recovered, writeOffs: written, demand: demand, newLending: lent,
          foregone: demand - lent, lendingMultiplier: g, quotaMultiple: multiple,
          conversion: conversion,
          bufferMonths: withdrawn > 0 ? buffer / withdrawn : .infinity))
    }
    let crossings = thresholds.map { line in
      ThresholdCrossing(threshold: line, month: rows.first { $0.loanRatio >= line }?.month)
    }
    return LiquidityPath(name: name, unit: unit, months: rows, crossings: crossings)
  }
}

/// Solving the recovery rate from two balances (docs/risk-models.md §4.2).
public enum LiquidityCalibration {
  /// The monthly recovery rate `r` that takes loan balance `opening` to `closing` in `months`
  /// months with `lending` lent each month:
  /// ```
  ///   L_n = L₀ · (1 − r)ⁿ + lending · Σ_{j<n} (1 − r)ʲ
  /// ```
  /// solved by bisection on `[0, 1]` (L_n falls as r rises) to machine precision.
  ///
  /// - Throws: `RiskInputError` when no rate in `[0, 1]` reaches `closing`.
  ///
  /// ## Reference
  /// docs/risk-models.md §4.2: 68,931.12 → 72,984.33 with 11,841.85 / 12 a month gives 0.0091640689.
  public static func recoveryRate(opening: Double, closing: Double, lending: Double, months: Int)
    throws(RiskInputError) -> Double
  {
    func balance(_ r: Double) -> Double {
      var l = opening
      for _ in 0..<months { l = l - r * l + lending }
      return l
    }
    guard months >= 1, balance(0) >= closing, balance(1) <= closing else {
      throw RiskInputError(
        "no monthly recovery rate in [0, 1] takes the loan balance from \(opening) to \(closing) with \(lending) lent a month over \(months) months"
      )
    }
    var lo = 0.0
    var hi = 1.0
    for _ in 0..<200 {
      let mid = (lo + hi) / 2
      if mid == lo || mid == hi { break }
      if balance(mid) > closing { lo = mid } else { hi = mid }
    }
    return (lo + hi) / 2
  }
}

extension String {
  /// Two decimals, no locale: `78.94`.
  init(format2 x: Double) {
    let hundredths = Int64((x * 100).rounded())
    let sign = hundredths < 0 ? "-" : ""
    let m = hundredths.magnitude
    self = sign + String(m / 100) + "." + (m % 100 < 10 ? "0" : "") + String(m % 100)
  }
}
