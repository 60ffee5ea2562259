// The result of `gjj convert`: eligibility, the provident amount, before/after, savings.
import ProvidentCore
import ProvidentPolicy

/// A 商转公 evaluation as a report.
public struct ConversionReport: Sendable {
  public let result: ConversionResult
  public let addresses: [String: String]

  public init(_ result: ConversionResult, addresses: [String: String]) {
    self.result = result
    self.addresses = addresses
  }

  var citations: _Citations {
    _Citations(
      result.checks.compactMap(\.citation) + result.limbs.flatMap(\.citations)
        + (result.quotaTrial?.citations ?? []))
  }

  /// The contract: `{"eligible", "reasons": [{"id", "status", "explain"}],
  /// "providentAmount", "shortfall", "before": {"payment", "totalInterest"}, "after": {"payment",
  /// "providentPayment", "residualCommercialPayment", "totalInterest"}, "monthlySaving",
  /// "interestSaved", "breakEvenMonth"}`, then the details: limbs, terms, rates, fees, the rules.
  public func json() -> JSONValue {
    let r = result
    var top: [(String, JSONValue)] = [
      ("eligible", .bool(r.eligible)),
      ("reasons", .array(r.checks.map(\.json))),
      ("providentAmount", .money(r.providentAmount)),
      ("shortfall", .money(r.shortfall)),
      ("before", .object([("payment", .money(r.before.payment)), ("totalInterest", .money(r.before.totalInterest))])),
      (
        "after",
        .object([
          ("payment", .money(r.after.payment)),
          ("providentPayment", .money(r.providentPayment)),
          ("residualCommercialPayment", .money(r.residualCommercialPayment)),
          ("totalInterest", .money(r.after.totalInterest)),
        ])
      ),
      ("monthlySaving", .money(r.monthlySaving)),
      ("interestSaved", .money(r.interestSaved)),
      ("breakEvenMonth", r.breakEvenMonth.map { .int($0) } ?? .null),
      ("binding", .string(r.binding)),
      ("limbs", .array(r.limbs.map(\.json))),
      ("shortfallHandling", .string(r.shortfallHandling == .cash ? "cash" : "residual-commercial")),
      ("providentRate", .rate(r.providentRate)),
      ("providentMonths", .int(r.providentMonths)),
      ("remainingMonths", .int(r.remainingMonths)),
      ("fees", .money(r.fees)),
      ("convention", .string(r.convention.rawValue)),
    ]
    if let trial = r.quotaTrial {
      top.append(("quotaTrial", QuotaReport(trial, addresses: addresses).json()))
    }
    if let city = r.city {
      top.append(("rules", citations.rulesJSON(city: city, effective: r.effective, addresses)))
    }
    return .object(top)
  }

  public func table(_ lang: Language) -> String {
    let r = result
    let money = { (m: Money) in m.formatted(grouping: true) }
    var out: [String] = []
    var heading = lang.pick("Commercial-to-provident conversion (商转公)", "商转公测算")
    if let city = r.city {
      heading += " — " + lang.pick(city.nameEnglish, city.nameChinese)
      if let e = r.effective { heading += lang.pick(", rules from ", "，规则生效期 ") + e.text }
    }
    out.append(heading + lang.pick(", ", "，") + r.convention.label(lang))
    if r.city == nil {
      out.append(lang.pick("Eligibility: not checked (no city rules given)", "是否符合条件：未核验（未指定城市规则）"))
    } else {
      out.append(
        lang.pick("Eligible: ", "是否符合条件：")
          + (r.eligible ? lang.pick("yes", "是") : lang.pick("NO", "否"))
          + (r.checks.contains { $0.status == .unchecked }
            ? lang.pick(" (some conditions unchecked)", "（部分条件未核验）") : ""))
    }
    for check in r.checks {
      out.append("  \(check.label(lang))  \(check.explain)")
    }
    out.append("")
    out.append(_limbTable(r.limbs, binding: r.binding, lang))
    out.append("")
    var pairs = [
      (lang.pick("Provident amount", "公积金贷款额"), money(r.providentAmount)),
      (
        r.shortfallHandling == .cash
          ? lang.pick("Shortfall (paid in cash)", "差额（现金偿还）")
          : lang.pick("Shortfall (residual commercial loan)", "差额（保留商贷）"),
        money(r.shortfall)
      ),
      (lang.pick("Provident rate, term", "公积金利率、期限"), "\(r.providentRate), \(r.providentMonths) " + lang.pick("months", "个月")),
      (lang.pick("Payment before", "转换前月供"), money(r.before.payment)),
      (lang.pick("Payment after", "转换后月供"), money(r.after.payment)),
      (lang.pick("  provident", "  公积金"), money(r.providentPayment)),
      (lang.pick("  residual commercial", "  剩余商贷"), money(r.residualCommercialPayment)),
      (lang.pick("Monthly saving", "每月节省"), money(r.monthlySaving)),
      (lang.pick("Interest before", "转换前剩余利息"), money(r.before.totalInterest)),
      (lang.pick("Interest after", "转换后利息"), money(r.after.totalInterest)),
      (lang.pick("Interest saved", "节省利息"), money(r.interestSaved)),
      (lang.pick("Fees", "费用"), money(r.fees)),
      (
        lang.pick("Break-even month", "回本月份"),
        r.breakEvenMonth.map(String.init) ?? lang.pick("never", "无法回本")
      ),
    ]
    if r.feesExplain.contains("bridging") {
      pairs.append((lang.pick("  fees", "  费用明细"), r.feesExplain))
    }
    out.append(renderPairs(pairs))
    citations.append(to: &out, addresses, lang)
    return out.joined(separator: "\n")
  }
}
