// The fund's flows through time: contributions, withdrawals, lending and recoveries (docs/risk-models.md §4).
import ProvidentCore
import ProvidentPolicy
import ProvidentRisk

/// An amount (or a multiplier) per month: the same every month, or one per month with the last
/// holding after the list ends.
public enum MonthlyValue: Hashable, Sendable {
  case constant(Double)
  case monthly([Double])

  /// The value in month `t` (1-based).
  public func value(month t: Int) -> Double {
    switch self {
    case .constant(let v): v
    case .monthly(let v): v.isEmpty ? 0 : v[min(max(t, 1), v.count) - 1]
    }
  }
}

/// Kinds of withdrawal (提取) a centre reports (docs/risk-models.md §4.3).
public enum WithdrawalKind: String, Hashable, Sendable, CaseIterable {
  /// Home purchase (购房).
  case purchase
  /// Loan repayment and account offsets (偿还贷款、冲还贷).
  case repayment
  /// Rent (租房).
  case rent
  /// Retirement and account closure (离退休、销户).
  case retirement
  case other
  /// All kinds together, when the split is not given.
  case total
}

/// How principal comes back each month.
public enum LiquidityRecoveries: Hashable, Sendable {
  /// `Rec_t = r · L_{t−1}` with `r` monthly.
  case rate(Double)
  /// Given amounts by month (a projected book's scheduled principal plus prepayments).
  case amounts(MonthlyValue)
}

/// A fund's position at month 0.
public struct LiquidityOpening: Hashable, Sendable {
  /// Deposit balance (缴存余额) `D₀`.
  public var deposits: Double
  /// Individual loan balance (个贷余额) `L₀`.
  public var loans: Double
  /// Project loans and bonds, outside the ratio but not available to lend.
  public var projectLoans: Double
  public var bonds: Double
  /// Reserves counted in the buffer.
  public var reserves: Double

  public init(
    deposits: Double, loans: Double, projectLoans: Double = 0, bonds: Double = 0,
    reserves: Double = 0
  ) {
    self.deposits = deposits
    self.loans = loans
    self.projectLoans = projectLoans
    self.bonds = bonds
    self.reserves = reserves
  }
}

/// Multipliers on the flows, by month.
public struct LiquidityStress: Hashable, Sendable {
  public var deposits: MonthlyValue
  /// On every kind of withdrawal.
  public var withdrawals: MonthlyValue
  /// On one kind, on top of `withdrawals`.
  public var withdrawalKinds: [WithdrawalKind: MonthlyValue]
  /// On new-loan demand.
  public var lending: MonthlyValue

  public init(
    deposits: MonthlyValue = .constant(1), withdrawals: MonthlyValue = .constant(1),
    withdrawalKinds: [WithdrawalKind: MonthlyValue] = [:], lending: MonthlyValue = .constant(1)
  ) {
    self.deposits = deposits
    self.withdrawals = withdrawals
    self.withdrawalKinds = withdrawalKinds
    self.lending = lending
  }

  public static let none = LiquidityStress()
}

/// How lending answers the loan ratio.
public struct LendingGate: Hashable, Sendable {
  /// Multiplier on new lending by loan ratio; empty: 1.
  public var bands: [Band<Double>]
  /// Also scale lending by the quota multiple in force over the table's largest (a Changsha-type
  /// table cuts quotas, so loans capped by the balance limb shrink): an assumption, off by default.
  public var followQuotaMultiple: Bool
  /// Share of new lending that is 商转公 (conversions): cut when the city suspends conversions.
  public var conversionShare: Double
  /// Share of conversion lending kept while conversions are restricted.
  public var restrictedConversionKept: Double
  /// Where the bands come from.
  public var source: String

  public init(
    bands: [Band<Double>] = [], followQuotaMultiple: Bool = false, conversionShare: Double = 0,
    restrictedConversionKept: Double = 0.5, source: String = ""
  ) {
    self.bands = bands
    self.followQuotaMultiple = followQuotaMultiple
    self.conversionShare = conversionShare
    self.restrictedConversionKept = restrictedConversionKept
    self.source = source
  }

  /// No gate: lending is demand.
  public static let none = LendingGate()
}

/// One liquidity path's assumptions (docs/risk-models.md §4.1–4.3). Analytics: amounts are `Double`, in the
/// scenario's unit (亿元 for national figures).
///
/// Each month `t`:
/// ```
///   g     = gate(L_{t−1} / D_{t−1})                     lending multiplier in force
///   D_t   = D_{t−1} + k_dep · Dep − Σ_kind k_wd · Wd_kind
///   Rec_t = r · L_{t−1}            (or given amounts)
///   New_t = g · k_lend · demand    foregone = (1 − g) · k_lend · demand
///   L_t   = L_{t−1} + New_t − Rec_t − WO_t
///   个贷率_t = L_t / D_t    buffer A_t = D_t − L_t − project loans − bonds + reserves
/// ```
public struct LiquidityScenario: Hashable, Sendable {
  public var name: String
  /// The month of the opening position (month 0); gate tables are looked up by month.
  public var start: CalendarMonth?
  public var months: Int
  /// Name of the amounts' unit, for reports: `亿元`, `万元`, `元`.
  public var unit: String
  public var opening: LiquidityOpening
  /// Contributions (缴存额) per month.
  public var deposits: MonthlyValue
  public var withdrawals: [WithdrawalKind: MonthlyValue]
  /// New-loan demand per month.
  public var newLending: MonthlyValue
  public var recoveries: LiquidityRecoveries
  /// Write-offs: a monthly rate on the loan balance or amounts; nil: none.
  public var writeOffs: LiquidityRecoveries?
  public var stress: LiquidityStress
  public var lending: LendingGate
  /// City gate tables by date (quota multiple, 商转公), from the policy files.
  public var cityGates: [DatedGates]
  /// Loan-ratio lines whose first crossing is reported, as fractions (0.85).
  public var thresholds: [Double]

  /// Yuan in one unit of the scenario's amounts: 10⁸ for `亿元`, 10⁴ for `万元`, 1 for `元`;
  /// nil for another unit name.
  public var yuanPerUnit: Double? {
    switch unit {
    case "亿元", "亿": 1e8
    case "万元", "万": 1e4
    case "元", "yuan", "": 1
    default: nil
    }
  }

  /// Takes recoveries (scheduled principal plus prepayments) and write-offs month by month from a
  /// delinquency projection of the fund's book, in yuan, converted to the scenario's unit.
  ///
  /// - Throws: `RiskInputError` when the unit is not one of 亿元, 万元, 元.
  public mutating func takeFlows(from book: DelinquencySeries) throws(RiskInputError) {
    guard let perUnit = yuanPerUnit else {
      throw RiskInputError(
        "scenario \(name): unit '\(unit)' is not 亿元, 万元 or 元, so yuan cannot be converted to it")
    }
    let months = 1...max(book.months, 1)
    recoveries = .amounts(
      .monthly(
        months.map {
          (book.flow(.scheduledPrincipal, month: $0) + book.flow(.prepaid, month: $0)) / perUnit
        }))
    writeOffs = .amounts(.monthly(months.map { book.flow(.writtenOff, month: $0) / perUnit }))
  }

  public init(
    name: String, start: CalendarMonth? = nil, months: Int, unit: String = "",
    opening: LiquidityOpening, deposits: MonthlyValue, withdrawals: [WithdrawalKind: MonthlyValue],
    newLending: MonthlyValue, recoveries: LiquidityRecoveries,
    writeOffs: LiquidityRecoveries? = nil,
    stress: LiquidityStress = .none, lending: LendingGate = .none, cityGates: [DatedGates] = [],
    thresholds: [Double] = [0.85, 0.9, 0.95]
  ) {
    self.name = name
    self.start = start
    self.months = months
    self.unit = unit
    self.opening = opening
    self.deposits = deposits
    self.withdrawals = withdrawals
    self.newLending = newLending
    self.recoveries = recoveries
    self.writeOffs = writeOffs
    self.stress = stress
    self.lending = lending
    self.cityGates = cityGates
    self.thresholds = thresholds
  }
}
