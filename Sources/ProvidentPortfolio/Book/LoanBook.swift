// The loan book as columns (struct of arrays): one array per field, one element per loan.
import ProvidentCore

/// The product a loan belongs to, which decides how its rate is set (docs/conventions.md §4).
public enum LoanProduct: UInt8, Sendable, CaseIterable {
  /// 公积金 loan: national table rate, repriced on the first 1 January after a table change.
  case provident
  /// 商业 loan (the commercial part of a combination loan): LPR + spread on its cycle.
  case commercial

  /// The name used in files and reports.
  public var name: String {
    switch self {
    case .provident: "provident"
    case .commercial: "commercial"
    }
  }
}

/// A loan book held column by column, ready for the batch kernels.
///
/// Every column has `count` elements; element `i` of each column describes loan `i`. Amounts are
/// integer fen and rates exact units of 10⁻⁸ (as `Money` and `AnnualRate` hold them), so the
/// fen-exact kernel reads the book without conversion. Optional fields use a sentinel, named
/// beside each column.
///
/// Build a book with ``LoanBook/load(path:options:)`` (the documented CSV format,
/// `docs/file-formats.md`), ``LoanBook/parse(csv:options:)``, ``BookGenerator``, or
/// ``LoanBook/append(_:)`` one loan at a time.
public struct LoanBook: Sendable {
  /// The book's as-of date: installments due on or before it are paid (dated loans).
  public var asOf: LocalDate?

  /// Source line of each loan in its CSV file (1-based), or 0 for a loan built in code.
  public internal(set) var line: [Int32] = []
  /// Loan ids as UTF-8 bytes: loan `i` is `idBytes[idEnd[i-1]..<idEnd[i]]`.
  public internal(set) var idBytes: [UInt8] = []
  public internal(set) var idEnd: [Int32] = []
  public internal(set) var product: [LoanProduct] = []
  public internal(set) var home: [HomeOrder] = []
  public internal(set) var method: [RepaymentMethod] = []
  /// Contract principal in fen.
  public internal(set) var principalFen: [Int64] = []
  /// Current rate in units of 10⁻⁸ (`AnnualRate.units`): the rate in force for the next
  /// installment, before any change the scenario's tables make.
  public internal(set) var rateUnits: [Int64] = []
  /// Commercial loans: spread over the LPR in basis points; `Int32.min` for none.
  public internal(set) var spreadBasisPoints: [Int32] = []
  /// Commercial loans: repricing cycle in months (3, 6 or 12).
  public internal(set) var repricingCycle: [UInt8] = []
  /// Commercial loans: repricing anchor.
  public internal(set) var repricingAnchor: [RepricingAnchor] = []
  /// Contract term in months.
  public internal(set) var months: [Int16] = []
  /// Disbursement date as days since 1970-01-01; `Int32.min` for an undated loan.
  public internal(set) var startDay: [Int32] = []
  /// Day of the month installments fall due (1–31); 0 for an undated loan.
  public internal(set) var paymentDay: [UInt8] = []
  /// Installments paid by the as-of date.
  public internal(set) var monthsPaid: [Int16] = []
  /// Balance after the last paid installment, in fen.
  public internal(set) var balanceFen: [Int64] = []
  /// The installment in force (equal installment) or the monthly principal (equal principal), in
  /// fen; −1 when the book does not give it and the kernels re-amortize the balance over the
  /// remaining term.
  public internal(set) var paymentFen: [Int64] = []
  /// Installments overdue at the as-of date.
  public internal(set) var periodsOverdue: [Int16] = []
  /// Region of each loan: an index into `regionNames`.
  public internal(set) var region: [UInt16] = []
  /// Region codes in order of first appearance.
  public internal(set) var regionNames: [String] = []

  /// An empty book.
  public init(asOf: LocalDate? = nil) { self.asOf = asOf }

  /// The number of loans.
  public var count: Int { product.count }

  /// Loan `i`'s id.
  public func id(_ i: Int) -> String {
    let from = i == 0 ? 0 : Int(idEnd[i - 1])
    return String(decoding: idBytes[from..<Int(idEnd[i])], as: UTF8.self)
  }

  /// The remaining installments of loan `i` at the as-of date.
  public func remainingMonths(_ i: Int) -> Int { Int(months[i]) - Int(monthsPaid[i]) }

  /// Loan `i`'s payment dates, when it is dated.
  public func dates(_ i: Int) -> PaymentDates? {
    guard startDay[i] != Int32.min else { return nil }
    return try? PaymentDates(
      start: LocalDate(daysSinceEpoch: Int(startDay[i])), paymentDay: Int(paymentDay[i]))
  }

  /// Loan `i`'s rate rule (docs/conventions.md §4).
  public func rateRule(_ i: Int) -> RateRule {
    switch product[i] {
    case .provident: .provident(home: home[i])
    case .commercial:
      .commercial(
        spreadBasisPoints: Int64(spreadBasisPoints[i] == Int32.min ? 0 : spreadBasisPoints[i]),
        cycleMonths: Int(repricingCycle[i]), anchor: repricingAnchor[i])
    }
  }

  /// The total balance of the book, in fen.
  public var totalBalance: Money { Money(fen: balanceFen.reduce(0, &+)) }

  mutating func reserveCapacity(_ n: Int) {
    line.reserveCapacity(n)
    idEnd.reserveCapacity(n)
    idBytes.reserveCapacity(n * 10)
    product.reserveCapacity(n)
    home.reserveCapacity(n)
    method.reserveCapacity(n)
    principalFen.reserveCapacity(n)
    rateUnits.reserveCapacity(n)
    spreadBasisPoints.reserveCapacity(n)
    repricingCycle.reserveCapacity(n)
    repricingAnchor.reserveCapacity(n)
    months.reserveCapacity(n)
    startDay.reserveCapacity(n)
    paymentDay.reserveCapacity(n)
    monthsPaid.reserveCapacity(n)
    balanceFen.reserveCapacity(n)
    paymentFen.reserveCapacity(n)
    periodsOverdue.reserveCapacity(n)
    region.reserveCapacity(n)
  }
}
