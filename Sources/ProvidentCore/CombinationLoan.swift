// Combination loans (组合贷款, docs/conventions.md §6): a provident part and a commercial part.

/// Which part of a combination loan.
public enum LoanPart: String, Hashable, Sendable, CaseIterable {
  case provident, commercial
}

/// A combination loan: two ledgers with their own rates and rules; the combined installment of
/// period `k` is the sum of the two parts' rows, and totals are sums.
public struct CombinationLoan: Hashable, Sendable {
  public let provident: Timeline
  public let commercial: Timeline

  /// Two parts, each with its own events (events name the part they act on by where they are).
  public init(provident: Timeline, commercial: Timeline) {
    self.provident = provident
    self.commercial = commercial
  }

  public init(provident: Loan, commercial: Loan) {
    self.init(
      provident: Timeline(loan: provident, events: []),
      commercial: Timeline(loan: commercial, events: []))
  }

  /// Both parts' schedules and the combined rows.
  ///
  /// - Throws: the first part's `TimelineError`, with the part named.
  public func run(convention: Convention = .ledger) throws(CombinationError)
    -> CombinationSchedule
  {
    let p: TimelineResult
    let c: TimelineResult
    do { p = try provident.run(convention: convention) } catch {
      throw CombinationError(part: .provident, error: error)
    }
    do { c = try commercial.run(convention: convention) } catch {
      throw CombinationError(part: .commercial, error: error)
    }
    return CombinationSchedule(provident: p, commercial: c)
  }
}

/// A part's event that cannot apply.
public struct CombinationError: Error, Equatable, Sendable, CustomStringConvertible {
  public let part: LoanPart
  public let error: TimelineError
  public var description: String { "\(part.rawValue) part: \(error)" }
}

/// A combined row: the sum of the parts' rows of one period (a part that has ended adds nothing).
public struct CombinedInstallment: Hashable, Sendable {
  public let period: Int
  public let payment: Money
  public let principal: Money
  public let interest: Money
  public let prepayment: Money
  public let balance: Money
  public let provident: Installment?
  public let commercial: Installment?
}

/// The two parts' results and their per-period sum.
public struct CombinationSchedule: Hashable, Sendable {
  public let provident: TimelineResult
  public let commercial: TimelineResult
  public let installments: [CombinedInstallment]

  init(provident: TimelineResult, commercial: TimelineResult) {
    self.provident = provident
    self.commercial = commercial
    let p = provident.schedule.installments
    let c = commercial.schedule.installments
    installments = (0..<max(p.count, c.count)).map { i in
      let a = i < p.count ? p[i] : nil
      let b = i < c.count ? c[i] : nil
      func sum(_ f: (Installment) -> Money) -> Money {
        (a.map(f) ?? .zero) + (b.map(f) ?? .zero)
      }
      return CombinedInstallment(
        period: i + 1, payment: sum(\.payment), principal: sum(\.principal),
        interest: sum(\.interest), prepayment: sum(\.prepayment), balance: sum(\.balance),
        provident: a, commercial: b)
    }
  }

  public var totalInterest: Money {
    provident.schedule.totalInterest + commercial.schedule.totalInterest
  }
  public var totalPayment: Money {
    provident.schedule.totalPayment + commercial.schedule.totalPayment
  }
  /// The combined regular installment: the sum of the parts' regular installments.
  public var regularPayment: Money {
    provident.schedule.regularPayment + commercial.schedule.regularPayment
  }
  public var firstPayment: Money { installments[0].payment }
  /// The parts' principals at disbursement.
  public var providentPrincipal: Money { provident.schedule.principal }
  public var commercialPrincipal: Money { commercial.schedule.principal }
  public var lastPayment: Money { installments[installments.count - 1].payment }
  public var periods: Int { installments.count }
}
