// Choice options (`--mode exact|fast`, `--format`, `--lang`, …) as typed values: `--help` lists
// the values and shell completion offers them, while a bad value gets the house's one-line error.
import ArgumentParser
import ProvidentCore
import ProvidentPolicy
import ProvidentPortfolio
import ProvidentReport
import ProvidentRisk

/// A set of values an option takes, spelled as the command line spells them.
protocol ChoiceArgument: CaseIterable, RawRepresentable, Sendable where RawValue == String {
  /// The values in the order `--help` and error messages list them.
  static var choices: [Self] { get }
}

extension ChoiceArgument {
  static var choices: [Self] { Array(allCases) }

  /// `exact or fast`; `one of table, csv, json, html, md, ipynb`.
  static var choiceWords: String {
    let words = choices.map(\.rawValue)
    return words.count == 2
      ? "\(words[0]) or \(words[1])" : "one of " + words.joined(separator: ", ")
  }
}

/// A choice option's value as given. ArgumentParser takes any text, so that a value outside the
/// choices is reported by `value(for:)` in the house's form (`--mode must be exact or fast (got
/// 'quick')`, exit 64) rather than in ArgumentParser's; `--help` and completion list the choices.
struct Choice<Value: ChoiceArgument>: ExpressibleByArgument, CustomStringConvertible, Sendable {
  let text: String

  init(_ value: Value) { text = value.rawValue }
  init?(argument: String) { text = argument }

  /// The value, or an error naming `option`, the choices and what was given.
  func value(for option: String) throws -> Value {
    guard let v = Value(rawValue: text) else {
      throw InputError("\(option) must be \(Value.choiceWords) (got '\(text)')")
    }
    return v
  }

  /// The text as given.
  var description: String { text }
  var defaultValueDescription: String { text }
  static var allValueStrings: [String] { Value.choices.map(\.rawValue) }
  static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}

// Library values whose names are the command line's.
extension OutputFormat: ChoiceArgument {}
extension Language: ChoiceArgument {
  static var choices: [Language] { [.en, .zh] }
}
extension Convention: ChoiceArgument {}
extension HomeOrder: ChoiceArgument {}
extension ProjectionMode: ChoiceArgument {}
extension TransitionWeight: ChoiceArgument {}
extension BookGenerator.Profile: ChoiceArgument {}

/// `--method`.
enum MethodArgument: String, ChoiceArgument {
  case equalInstallment = "equal-installment"
  case equalPrincipal = "equal-principal"

  var method: RepaymentMethod {
    switch self {
    case .equalInstallment: .equalInstallment
    case .equalPrincipal: .equalPrincipal
    }
  }
}

/// `--strategy` of `gjj prepay`.
enum StrategyArgument: String, ChoiceArgument {
  case keepTerm = "keep-term"
  case keepPayment = "keep-payment"

  var strategy: PrepaymentStrategy {
    switch self {
    case .keepTerm: .keepTerm
    case .keepPayment: .keepPayment
    }
  }
}

/// `--shortfall` of `gjj convert`.
enum ShortfallArgument: String, ChoiceArgument {
  case commercial, cash

  var handling: ShortfallHandling {
    switch self {
    case .commercial: .residualCommercial
    case .cash: .cash
    }
  }
}

/// `--product`: which rate table a loan's rate comes from.
enum ProductArgument: String, ChoiceArgument {
  case provident, commercial
}

/// `--reprice-anchor`: commercial loans' repricing dates.
enum AnchorArgument: String, ChoiceArgument {
  case jan1, anniversary

  var anchor: RepricingAnchor {
    switch self {
    case .jan1: .januaryFirst
    case .anniversary: .anniversary
    }
  }
}

/// `--by`: table rows by year or by month.
enum PeriodArgument: String, ChoiceArgument {
  case year, month
}
