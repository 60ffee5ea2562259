// How a loan's rate is set and repriced from the national tables (docs/conventions.md §4).

/// Which dates a commercial loan reprices on.
public enum RepricingAnchor: String, Hashable, Sendable, CaseIterable {
  /// 1 January, and every `cycle` months from it.
  case januaryFirst
  /// The disbursement date's anniversary, and every `cycle` months from the disbursement.
  case anniversary
}

/// The rule that sets and reprices a loan's rate from the tables.
public enum RateRule: Hashable, Sendable {
  /// A provident fund (公积金) loan: the table rate on the disbursement date for its home and term
  /// bucket; a table change effective on `E` reaches the loan on the first 1 January after `E`;
  /// a loan of 12 months or less keeps its rate.
  case provident(home: HomeOrder)
  /// A commercial (商业) loan: LPR + `spreadBasisPoints` (may be negative). The tenor is 5Y+ for
  /// contract terms over 60 months, else 1Y. Reset every `cycleMonths` (3, 6 or 12) on dates
  /// anchored by `anchor`, to the latest LPR published strictly before the repricing date. The
  /// first rate uses the latest LPR published on or before the disbursement date.
  case commercial(spreadBasisPoints: Int64, cycleMonths: Int, anchor: RepricingAnchor)
}

/// A rate a rule set, with the table row behind it: what a report lists under "rules used".
public struct RateDecision: Hashable, Sendable {
  /// When the rate starts: the disbursement date or a repricing date.
  public let date: LocalDate
  public let rate: AnnualRate
  /// One line: which rule and which table row.
  public let explanation: String
  /// Source tags of the table row (docs/domain.md §10).
  public let source: String
}

/// A rule that cannot be applied, with the field and the reason.
public struct RateRuleError: Error, Equatable, Sendable, CustomStringConvertible {
  public let message: String
  public var description: String { message }
}

extension RateTables {
  /// The rate at disbursement, the dated changes a rule makes over a loan's life, and the
  /// decisions behind them.
  ///
  /// - Parameters:
  ///   - rule: the product's rule.
  ///   - dates: disbursement date and payment day.
  ///   - months: the contract term.
  /// - Throws: `RateRuleError` when the tables have no rate on the disbursement date, the cycle
  ///   is not 3, 6 or 12 months, or LPR + spread is negative.
  public func ratePath(for rule: RateRule, dates: PaymentDates, months: Int) throws(RateRuleError)
    -> (initial: AnnualRate, changes: [RateChange], decisions: [RateDecision])
  {
    let start = dates.start
    let end = dates.dueDate(months)
    switch rule {
    case .provident(let home):
      guard let row = providentRow(on: start) else {
        throw RateRuleError(
          message:
            "no provident rate in force on \(start): the table starts \(provident[0].effective)")
      }
      let bucket = months <= 60 ? "≤ 5 years" : "> 5 years"
      let initial = row.rate(home: home, contractMonths: months)
      var decisions = [
        RateDecision(
          date: start, rate: initial,
          explanation:
            "provident \(home.rawValue) home, \(bucket): table rate effective \(row.effective)"
            + (row.verified ? "" : " (UNVERIFIED)"),
          source: row.source)
      ]
      var changes: [RateChange] = []
      guard months > 12 else {
        return (initial, changes, decisions)  // ≤ 12 months keeps its rate for life
      }
      var current = initial
      var year = start.year + 1
      while let january = try? LocalDate(year: year, month: 1, day: 1), january < end {
        // The latest change effective strictly before this 1 January and after disbursement.
        if let latest = provident.last(where: { $0.effective < january }), latest.effective > start
        {
          let rate = latest.rate(home: home, contractMonths: months)
          if rate != current {
            changes.append(.onDate(january, rate))
            decisions.append(
              RateDecision(
                date: january, rate: rate,
                explanation:
                  "repriced on the first 1 January after the change effective \(latest.effective)",
                source: latest.source))
            current = rate
          }
        }
        year += 1
      }
      return (initial, changes, decisions)

    case .commercial(let spread, let cycle, let anchor):
      guard [3, 6, 12].contains(cycle) else {
        throw RateRuleError(message: "the repricing cycle must be 3, 6 or 12 months (got \(cycle))")
      }
      let longTenor = months > 60
      let tenor = longTenor ? "5Y+" : "1Y"
      func value(_ row: LPRRow) -> AnnualRate { longTenor ? row.fiveYearPlus : row.oneYear }
      func checked(_ row: LPRRow, _ on: LocalDate) throws(RateRuleError) -> AnnualRate {
        let rate = value(row).adding(basisPoints: spread)
        guard rate >= .zero else {
          throw RateRuleError(
            message:
              "LPR \(tenor) \(value(row).percentText) + spread \(spread) bp is negative on \(on)")
        }
        return rate
      }
      guard let first = lprRow(on: start) else {
        throw RateRuleError(
          message: "no LPR published on or before \(start): the table starts \(lpr[0].date)")
      }
      let initial = try checked(first, start)
      let sign = spread < 0 ? "−" : "+"
      var decisions = [
        RateDecision(
          date: start, rate: initial,
          explanation:
            "commercial: LPR \(tenor) \(value(first)) published \(first.date) \(sign) \(spread.magnitude) bp",
          source: first.source)
      ]
      var changes: [RateChange] = []
      var current = initial
      var step = 1
      var assumedFlat = false
      while true {
        let date: LocalDate
        switch anchor {
        case .anniversary: date = start.adding(months: cycle * step)
        case .januaryFirst:
          // The first anchor date after the start, then every `cycle` months.
          let startIndex = start.year * 12 + (start.month - 1)
          let firstIndex = (startIndex / cycle + 1) * cycle  // months since year 0, on the cycle
          let index = firstIndex + cycle * (step - 1)
          date = LocalDate(unchecked: index / 12, index % 12 + 1, 1)
        }
        guard date < end else { break }
        step += 1
        guard date > start, let row = lprRow(on: date, strictlyBefore: true) else { continue }
        let rate = try checked(row, date)
        if rate != current {
          changes.append(.onDate(date, rate))
          current = rate
          decisions.append(
            RateDecision(
              date: date, rate: rate,
              explanation:
                "repriced (\(cycle)-month cycle, \(anchor == .januaryFirst ? "1 January" : "anniversary") anchor): LPR \(tenor) \(value(row)) published \(row.date)",
              source: row.source))
        }
        let last = lpr[lpr.count - 1]
        if !assumedFlat && row == last && date > last.date.adding(months: 1) {
          assumedFlat = true
          decisions.append(
            RateDecision(
              date: date, rate: rate,
              explanation:
                "the LPR table ends \(last.date): resets from \(date) on assume it stays at \(value(last))",
              source: last.source))
        }
      }
      return (initial, changes, decisions)
    }
  }
}
