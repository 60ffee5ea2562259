// A city's tables keyed by the fund's loan ratio (个贷率), as they change over time.
import ProvidentCore

/// The loan-ratio tables of a city in force over one period: the quota's balance multiple
/// (Changsha [S92]) and the 商转公 gate (Guangzhou [S68]), each with its citation.
public struct LoanRatioGatePeriod: Sendable {
  /// First and last day in force; nil: open at that end.
  public let from: LocalDate?
  public let to: LocalDate?
  public let balanceMultiple: Sourced<[Band<Int64>]>?
  public let conversion: Sourced<[Band<GateStatus>]>?
}

extension PolicyLibrary {
  /// The city's loan-ratio tables period by period: the span of dates is cut wherever one of the
  /// city's quota or 商转公 rule sets starts or ends, and each piece gets the tables in force on
  /// it. Pieces with neither table are left out.
  ///
  /// - Throws: `PolicyLookupError.unknownCity`.
  public func loanRatioGates(city id: String) throws(PolicyLookupError) -> [LoanRatioGatePeriod] {
    let policy = try city(id)
    var cuts = Set<Int>()
    for e in policy.periods(.quota) + policy.periods(.conversion) {
      if let from = e.from { cuts.insert(from.daysSinceEpoch) }
      if let to = e.to { cuts.insert(to.daysSinceEpoch + 1) }
    }
    let sorted = cuts.sorted()
    // Pieces: (−∞, c₀), [c₀, c₁), …, [c_last, ∞), each represented by a day inside it.
    var pieces: [(from: Int?, to: Int?, day: Int)] = []
    if sorted.isEmpty {
      pieces.append((nil, nil, 0))
    } else {
      pieces.append((nil, sorted[0] - 1, sorted[0] - 1))
      for (a, b) in zip(sorted, sorted.dropFirst()) { pieces.append((a, b - 1, a)) }
      pieces.append((sorted.last!, nil, sorted.last!))
    }
    var result: [LoanRatioGatePeriod] = []
    for piece in pieces {
      let rules = RulesInForce(
        city: policy, national: national, date: LocalDate(daysSinceEpoch: piece.day))
      let multiple = (try? rules.quota())?.rules.balanceMultipleByLoanRatio
      let conversion = (try? rules.conversion())?.rules.loanRatioGate
      guard multiple != nil || conversion != nil else { continue }
      result.append(
        LoanRatioGatePeriod(
          from: piece.from.map(LocalDate.init(daysSinceEpoch:)),
          to: piece.to.map(LocalDate.init(daysSinceEpoch:)), balanceMultiple: multiple,
          conversion: conversion))
    }
    return result
  }
}
