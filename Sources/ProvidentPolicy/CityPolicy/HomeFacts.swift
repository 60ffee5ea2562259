// What the applicant says about the household and the home: the facts city rules are keyed on.
import ProvidentCore

public struct HomeFacts: Hashable, Sendable {
  public var firstHome: Bool
  public var multiChild: Bool
  public var greenBuilding: Bool
  public var resale: Bool

  public init(
    firstHome: Bool = false, multiChild: Bool = false, greenBuilding: Bool = false,
    resale: Bool = false
  ) {
    self.firstHome = firstHome
    self.multiChild = multiChild
    self.greenBuilding = greenBuilding
    self.resale = resale
  }
}

/// The facts a rule row's `when:` may name.
public enum HomeFact: String, Hashable, Sendable, CaseIterable {
  case firstHome, multiChild, greenBuilding, resale

  public func value(in facts: HomeFacts) -> Bool {
    switch self {
    case .firstHome: facts.firstHome
    case .multiChild: facts.multiChild
    case .greenBuilding: facts.greenBuilding
    case .resale: facts.resale
    }
  }
}

/// A row's condition: each named fact must have the given value; an empty condition always holds.
public struct Condition: Hashable, Sendable {
  public let required: [HomeFact: Bool]

  public init(_ required: [HomeFact: Bool] = [:]) { self.required = required }

  public func holds(for facts: HomeFacts) -> Bool {
    required.allSatisfy { $0.key.value(in: facts) == $0.value }
  }

  /// `first home, not resale`, or `any purchase`.
  public var text: String {
    if required.isEmpty { return "any purchase" }
    return HomeFact.allCases.compactMap { fact in
      required[fact].map { ($0 ? "" : "not ") + fact.label }
    }.joined(separator: ", ")
  }
}

extension HomeFact {
  public var label: String {
    switch self {
    case .firstHome: "first home"
    case .multiChild: "multi-child family"
    case .greenBuilding: "green building"
    case .resale: "resale home"
    }
  }
}

/// Whether the applicant borrows alone or with a co-applicant (spouse) who also contributes.
public enum Household: String, Hashable, Sendable {
  case single, family
}

/// Amounts for a single applicant and for a family (both spouses contributing); either may be
/// missing from the file.
public struct HouseholdAmounts: Sendable {
  public let single: Sourced<Money>?
  public let family: Sourced<Money>?

  public subscript(_ household: Household) -> Sourced<Money>? {
    household == .single ? single : family
  }
}
