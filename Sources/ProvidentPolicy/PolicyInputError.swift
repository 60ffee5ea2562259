// Inputs to a policy calculation that cannot be used, each naming the field, the value and the rule.

/// An input of a quota trial, a conversion, a deposit or a withdrawal calculation. The command
/// line maps each to its option.
public enum PolicyField: String, Hashable, Sendable, CaseIterable {
  case date, price, appraisedPrice, balance, coBalance, monthlyIncome, monthlyDebt, birth
  case group, loanRatio, depositYears, buildingAge, providentRate, requestedMonths
  case commercialBalance, commercialRate, remainingMonths, quota, fees, bridgeRate, bridgeDays
  case monthsRepaid, overduePeriods
  case wage, averageWage, employeeRatio, employerRatio, openingBalance, years
  case monthlyDeposit, depositMonths, rent
}

/// Inputs a rule cannot be applied to: `"<field> <rule> (got <value>)"`.
public struct PolicyInputError: Error, Equatable, Sendable, CustomStringConvertible {
  public let field: PolicyField
  /// The rule and the value, without the field's name: `must not be negative (got -5)`.
  public let message: String

  public init(_ field: PolicyField, _ message: String) {
    self.field = field
    self.message = message
  }

  /// The message with the field called `name` (the CLI passes its option name).
  public func message(calling name: String) -> String { "\(name) \(message)" }

  public var description: String { message(calling: field.rawValue) }
}

/// Either error a policy calculation may throw: bad input, or a city/date the files cannot answer.
public enum PolicyError: Error, Sendable, CustomStringConvertible {
  case input(PolicyInputError)
  case lookup(PolicyLookupError)

  public var description: String {
    switch self {
    case .input(let e): e.description
    case .lookup(let e): e.description
    }
  }
}

extension PolicyError {
  /// Runs `body`, turning the errors the policy calculations throw into a `PolicyError`.
  static func catching<T>(_ body: () throws -> T) throws(PolicyError) -> T {
    do {
      return try body()
    } catch let error as PolicyError {
      throw error
    } catch let error as PolicyInputError {
      throw .input(error)
    } catch let error as PolicyLookupError {
      throw .lookup(error)
    } catch {
      fatalError("a policy calculation threw \(error)")
    }
  }
}
