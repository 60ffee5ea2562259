// Recoveries and write-offs of a liquidity run taken from a delinquency projection of the book.
import ProvidentRisk

/// Why a delinquency projection cannot supply a liquidity run's recoveries.
public enum ProjectedFlowsError: Error, Hashable, Sendable {
  /// The delinquency scenario covers fewer months than the longest liquidity scenario.
  case tooShort(scenario: String, months: Int, needed: Int)
  /// The projection itself failed (a stress impossible for a matrix, cohorts that do not fit).
  case projection(RiskInputError)
  /// A liquidity scenario's unit cannot take yuan amounts.
  case unit(RiskInputError)

  public var message: String {
    switch self {
    case .tooShort(let scenario, let months, let needed):
      "scenario \(scenario) projects \(months) months; the liquidity scenarios need \(needed)"
    case .projection(let e), .unit(let e): e.message
    }
  }
}

extension LiquidityScenario {
  /// Replaces every scenario's recoveries (scheduled principal and prepayments) and write-offs
  /// with those of one delinquency projection of the fund's book, month by month, in each
  /// scenario's unit.
  ///
  /// - Parameters:
  ///   - delinquency: the delinquency scenario to run; nil runs the matrices as they are
  ///     (`DelinquencyScenarioFile.default`) over the longest liquidity scenario.
  ///   - start: the book's as-of month (projection month 1 is the month after it).
  /// - Throws: `ProjectedFlowsError`.
  public static func takeFlows(
    _ scenarios: inout [LiquidityScenario], model: DelinquencyModel, cohorts: [DelinquencyCohort],
    start: CalendarMonth?, delinquency: DelinquencyScenario?
  ) throws(ProjectedFlowsError) {
    let months = scenarios.map(\.months).max() ?? 1
    var run = delinquency ?? DelinquencyScenarioFile.default.scenarios[0]
    if delinquency == nil { run.months = months }
    guard run.months >= months else {
      throw .tooShort(scenario: run.name, months: run.months, needed: months)
    }
    let projection: DelinquencyProjection
    do {
      projection = try model.project(cohorts, scenarios: [run], options: .init(start: start))
    } catch { throw .projection(error) }
    for i in scenarios.indices {
      do { try scenarios[i].takeFlows(from: projection.runs[0].book) } catch { throw .unit(error) }
    }
  }
}
