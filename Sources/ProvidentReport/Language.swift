// The languages reports speak.
import ProvidentCore

/// Language of labels in tables and reports. JSON keys and CSV headers stay English.
public enum Language: String, Sendable, CaseIterable {
  case zh, en

  /// `en` or `zh` text, chosen by the language.
  public func pick(_ en: String, _ zh: String) -> String { self == .en ? en : zh }
}

extension RepaymentMethod {
  /// The command-line and JSON name: `equal-installment`, `equal-principal`.
  public var kebabName: String {
    switch self {
    case .equalInstallment: "equal-installment"
    case .equalPrincipal: "equal-principal"
    }
  }

  public func label(_ lang: Language) -> String {
    switch self {
    case .equalInstallment: lang.pick("equal installment", "等额本息")
    case .equalPrincipal: lang.pick("equal principal", "等额本金")
    }
  }
}

extension Convention {
  public func label(_ lang: Language) -> String {
    switch self {
    case .ledger: lang.pick("ledger convention (rounded as booked)", "记账口径（逐期入账取整）")
    case .exact: lang.pick("exact convention (rounded when shown)", "精确口径（仅显示时取整）")
    }
  }
}
