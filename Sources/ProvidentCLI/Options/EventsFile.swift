// Reading an events file (gjj timeline --events, gjj combo --events): JSON, documented in README.
import Foundation
import ProvidentCore

/// The events of a JSON file, each with the loan part it names (combination loans only).
enum EventsFile {
  static let kinds = [
    "prepayment", "full-prepayment", "term-change", "method-change", "rate-change",
    "account-offset",
  ]
  static let fieldsByKind: [String: Set<String>] = [
    "prepayment": ["amount", "strategy"],
    "full-prepayment": [],
    "term-change": ["remainingMonths"],
    "method-change": ["method"],
    "rate-change": ["rate"],
    "account-offset": [
      "mode", "balance", "monthlyDeposit", "coBalance", "coMonthlyDeposit", "strategy",
    ],
  ]

  /// Reads `path`: `{"events": [ … ]}` or a bare array of event objects.
  static func read(_ path: String, option: String, parts: Bool) throws -> [(
    part: LoanPart?, event: TimedEvent
  )] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError("\(option) \(path): cannot read the file")
    }
    let root: Any
    do { root = try JSONSerialization.jsonObject(with: data) } catch {
      throw InputError("\(option) \(path): not valid JSON (\(error.localizedDescription))")
    }
    let list: [Any]
    if let array = root as? [Any] {
      list = array
    } else if let object = root as? [String: Any], let array = object["events"] as? [Any],
      object.keys.allSatisfy({ $0 == "events" })
    {
      list = array
    } else {
      throw InputError("\(option) \(path): must be {\"events\": [...]} or a list of events")
    }
    return try list.enumerated().map { i, item in
      try parse(item, index: i, file: path, parts: parts)
    }
  }

  static func parse(_ item: Any, index i: Int, file: String, parts: Bool) throws -> (
    part: LoanPart?, event: TimedEvent
  ) {
    func fail(_ field: String, _ message: String) -> InputError {
      InputError("\(file): events[\(i)].\(field) \(message)")
    }
    guard let object = item as? [String: Any] else {
      throw InputError("\(file): events[\(i)] must be an object with a \"kind\"")
    }
    guard let kind = object["kind"] as? String else { throw fail("kind", "is missing") }
    guard let allowed = fieldsByKind[kind] else {
      throw fail("kind", "must be one of \(kinds.joined(separator: ", ")) (got '\(kind)')")
    }
    let common: Set<String> =
      parts ? ["kind", "after", "date", "part"] : ["kind", "after", "date"]
    for key in object.keys.sorted() where !allowed.contains(key) && !common.contains(key) {
      throw fail(
        key,
        "is not a field of a \(kind) event (its fields: \((["kind", "after", "date"] + (parts ? ["part"] : []) + allowed.sorted()).joined(separator: ", ")))"
      )
    }
    func text(_ key: String) -> String? {
      switch object[key] {
      case let s as String: return s
      case let n as NSNumber: return n.stringValue
      default: return nil
      }
    }
    func whole(_ key: String) throws -> Int {
      guard let t = text(key), let v = Int(t) else {
        throw fail(
          key,
          "must be a whole number (got \(text(key) ?? String(describing: object[key] ?? "nothing")))"
        )
      }
      return v
    }
    func money(_ key: String, required: Bool = true) throws -> Money {
      guard let t = text(key) else {
        if required { throw fail(key, "is missing") }
        return .zero
      }
      guard let m = try? Money(parsing: t) else {
        throw fail(key, "must be an amount in yuan with at most 2 decimals (got \(t))")
      }
      guard m >= .zero else { throw fail(key, "must not be negative (got \(t))") }
      return m
    }
    func strategy() throws -> PrepaymentStrategy {
      switch text("strategy") ?? "keep-term" {
      case "keep-term": return .keepTerm
      case "keep-payment": return .keepPayment
      case let other: throw fail("strategy", "must be keep-term or keep-payment (got '\(other)')")
      }
    }

    let time: EventTime
    switch (object["after"], object["date"]) {
    case (.some, nil): time = .afterInstallment(try whole("after"))
    case (nil, .some):
      guard let t = text("date"), let d = try? LocalDate(parsing: t) else {
        throw fail("date", "must be a calendar date yyyy-mm-dd (got \(text("date") ?? "?"))")
      }
      time = .onDate(d)
    case (.some, .some): throw fail("after", "and date exclude each other: give one")
    case (nil, nil): throw fail("after", "is missing (or give a date)")
    }

    let event: LoanEvent
    switch kind {
    case "prepayment":
      let amount = try money("amount")
      guard amount > .zero else {
        throw fail("amount", "must be greater than 0 (got \(text("amount")!))")
      }
      event = .prepayment(amount, try strategy())
    case "full-prepayment":
      event = .fullPrepayment
    case "term-change":
      event = .termChange(remainingMonths: try whole("remainingMonths"))
    case "method-change":
      switch text("method") {
      case "equal-installment": event = .methodChange(.equalInstallment)
      case "equal-principal": event = .methodChange(.equalPrincipal)
      case let other:
        throw fail(
          "method", "must be equal-installment or equal-principal (got '\(other ?? "nothing")')")
      }
    case "rate-change":
      guard let t = text("rate"), let r = try? AnnualRate(percent: t) else {
        throw fail(
          "rate", "must be a rate in percent such as 2.6 (got \(text("rate") ?? "nothing"))")
      }
      event = .rateChange(r)
    default:  // account-offset
      let mode: AccountOffset.Mode
      switch text("mode") {
      case "monthly": mode = .monthly
      case "yearly": mode = .yearly
      case let other: throw fail("mode", "must be monthly or yearly (got '\(other ?? "nothing")')")
      }
      if mode == .yearly {
        for key in ["coBalance", "coMonthlyDeposit"] where object[key] != nil {
          throw fail(key, "applies to the monthly mode only")
        }
      }
      event = .accountOffset(
        AccountOffset(
          mode: mode, balance: try money("balance"),
          monthlyDeposit: try money("monthlyDeposit", required: false),
          coBalance: try money("coBalance", required: false),
          coMonthlyDeposit: try money("coMonthlyDeposit", required: false),
          strategy: try strategy()))
    }
    var part: LoanPart? = nil
    if parts {
      guard let t = text("part"), let p = LoanPart(rawValue: t) else {
        throw fail("part", "must be provident or commercial (got \(text("part") ?? "nothing"))")
      }
      part = p
    }
    return (part, TimedEvent(time, event))
  }
}
