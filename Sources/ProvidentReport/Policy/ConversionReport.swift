// The result of `gjj convert`: eligibility, the provident amount, before/after, savings.
import ProvidentCore
import ProvidentPolicy

/// A 商转公 evaluation as a report.
public struct ConversionReport: RenderableReport, Sendable {
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
      (
        "before",
        .object([
          ("payment", .money(r.before.payment)), ("totalInterest", .money(r.before.totalInterest)),
        ])
      ),
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

  public func document(_ lang: Language) -> Document {
    let r = result
    let money = { (m: Money) in m.formatted(grouping: true) }
    var subtitle = r.convention.label(lang)
    if let city = r.city {
      subtitle =
        lang.pick(city.nameEnglish, city.nameChinese)
        + (r.effective.map { lang.pick(", rules from ", "，规则生效期 ") + $0.text } ?? "")
        + lang.pick(", ", "，") + subtitle
    }
    var eligibility = lang.pick("not checked (no city rules given)", "未核验（未指定城市规则）")
    if r.city != nil {
      eligibility =
        (r.eligible ? lang.pick("yes", "是") : lang.pick("NO", "否"))
        + (r.checks.contains { $0.status == .unchecked }
          ? lang.pick(" (some conditions unchecked)", "（部分条件未核验）") : "")
    }
    var figures = [
      Pair(lang.pick("Provident amount", "公积金贷款额"), money(r.providentAmount)),
      Pair(
        r.shortfallHandling == .cash
          ? lang.pick("Shortfall (paid in cash)", "差额（现金偿还）")
          : lang.pick("Shortfall (residual commercial loan)", "差额（保留商贷）"),
        money(r.shortfall)),
      Pair(
        lang.pick("Provident rate, term", "公积金利率、期限"),
        "\(r.providentRate), \(r.providentMonths) " + lang.pick("months", "个月")),
      Pair(lang.pick("Payment before", "转换前月供"), money(r.before.payment)),
      Pair(lang.pick("Payment after", "转换后月供"), money(r.after.payment)),
      Pair(lang.pick("  provident", "  公积金"), money(r.providentPayment)),
      Pair(lang.pick("  residual commercial", "  剩余商贷"), money(r.residualCommercialPayment)),
      Pair(lang.pick("Monthly saving", "每月节省"), money(r.monthlySaving)),
      Pair(lang.pick("Interest before", "转换前剩余利息"), money(r.before.totalInterest)),
      Pair(lang.pick("Interest after", "转换后利息"), money(r.after.totalInterest)),
      Pair(lang.pick("Interest saved", "节省利息"), money(r.interestSaved)),
      Pair(lang.pick("Fees", "费用"), money(r.fees)),
      Pair(
        lang.pick("Break-even month", "回本月份"),
        r.breakEvenMonth.map(String.init) ?? lang.pick("never", "无法回本")),
    ]
    if r.feesExplain.contains("bridging") {
      figures.append(Pair(lang.pick("  fees", "  费用明细"), r.feesExplain))
    }
    var blocks: [Block] = []
    if !r.checks.isEmpty { blocks.append(.table(_checksTable(r.checks, lang))) }
    blocks.append(.table(_limbTable(r.limbs, binding: r.binding, lang)))
    // Balances before and after: the commercial loan, against provident plus residual commercial.
    let before = r.commercialLoan.schedule(convention: r.convention)
    var parts: [(String, Schedule)] = [(lang.pick("Commercial (before)", "商贷（转换前）"), before)]
    if let p = r.providentLoan {
      parts.append(
        (lang.pick("Provident (after)", "公积金（转换后）"), p.schedule(convention: r.convention)))
    }
    if let c = r.residualLoan {
      parts.append(
        (
          lang.pick("Residual commercial (after)", "剩余商贷（转换后）"),
          c.schedule(convention: r.convention)
        ))
    }
    blocks.append(.chart(Document.balanceChart(parts, lang)))
    return Document(
      language: lang, title: lang.pick("Commercial-to-provident conversion (商转公)", "商转公测算"),
      subtitle: subtitle,
      parameters: [
        Pair(lang.pick("Commercial balance", "商贷余额"), money(r.commercialLoan.principal)),
        Pair(lang.pick("Commercial rate", "商贷利率"), r.commercialLoan.annualRate.description),
        Pair(lang.pick("Remaining months", "剩余期数"), String(r.remainingMonths)),
        Pair(lang.pick("Eligible", "是否符合条件"), eligibility),
      ],
      keyFigures: figures, blocks: blocks,
      sources: citations.sourceNotes(addresses) + [Document.conventionNote(before, lang)],
      notes: citations.unverifiedNotes(lang),
      data: json(), csvHeader: ["figure", "value"],
      csvRows: [
        ["providentAmount", r.providentAmount.description], ["shortfall", r.shortfall.description],
        ["paymentBefore", r.before.payment.description],
        ["paymentAfter", r.after.payment.description],
        ["providentPayment", r.providentPayment.description],
        ["residualCommercialPayment", r.residualCommercialPayment.description],
        ["monthlySaving", r.monthlySaving.description],
        ["interestBefore", r.before.totalInterest.description],
        ["interestAfter", r.after.totalInterest.description],
        ["interestSaved", r.interestSaved.description],
        ["fees", r.fees.description], ["breakEvenMonth", r.breakEvenMonth.map(String.init) ?? ""],
      ])
  }
}
