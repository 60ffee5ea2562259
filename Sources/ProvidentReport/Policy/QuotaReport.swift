// The result of `gjj quota`: the quota, its binding limb, every limb explained, the rules used.
import ProvidentCore
import ProvidentPolicy

/// A quota trial as a report.
public struct QuotaReport: RenderableReport, Sendable {
  public let result: QuotaResult
  /// Source tag → address (`PolicyLibrary.sources`).
  public let addresses: [String: String]

  public init(_ result: QuotaResult, addresses: [String: String]) {
    self.result = result
    self.addresses = addresses
  }

  /// `{"quota", "binding", "maxMonths", "limbs": [{"id", "amount", "explain"}], "missingLimbs",
  /// "term", "providentRate", "rateSource", "household", "rules": {"city", "effective", "sources",
  /// "unverified"}}`.
  public func json() -> JSONValue {
    let r = result
    let citations = _Citations(r.citations)
    return .object([
      ("quota", .money(r.quota)),
      ("binding", .string(r.binding)),
      ("maxMonths", .int(r.term.maxMonths)),
      ("limbs", .array(r.limbs.map(\.json))),
      ("missingLimbs", .array(r.missingLimbs.map { .string($0) })),
      (
        "term",
        .object([
          ("ageMonths", .int(r.term.ageMonths)),
          ("retirementAgeMonths", .int(r.term.retirementAgeMonths)),
          ("group", .string(r.term.group.rawValue)),
          ("months", .int(r.term.months)),
          ("explain", .string(r.term.explain)),
        ])
      ),
      ("providentRate", .rate(r.providentRate)),
      ("rateSource", .string(r.rateExplain)),
      ("household", .string(r.household.rawValue)),
      ("rules", citations.rulesJSON(city: r.city, effective: r.effective, addresses)),
    ])
  }

  public func document(_ lang: Language) -> Document {
    let r = result
    var blocks: [Block] = [.table(_limbTable(r.limbs, binding: r.binding, lang))]
    if !r.missingLimbs.isEmpty {
      blocks.append(
        .paragraph(
          lang.pick("Not on file (these limbs do not limit the quota): ", "无规定（未参与限额）：")
            + r.missingLimbs.joined(separator: ", ")))
    }
    blocks.append(.paragraph(lang.pick("Term: ", "期限：") + r.term.explain))
    blocks.append(.paragraph(lang.pick("Rate: ", "利率：") + r.rateExplain))
    let citations = _Citations(r.citations)
    let csv = _limbCSV(r.limbs, binding: r.binding)
    return Document(
      language: lang,
      title: lang.pick("Quota trial", "额度试算") + " — "
        + lang.pick(r.city.nameEnglish, r.city.nameChinese),
      subtitle: lang.pick("rules from ", "规则生效期 ") + r.effective.text,
      parameters: [
        Pair(lang.pick("Quota", "可贷额度"), r.quota.formatted(grouping: true)),
        Pair(lang.pick("Binding limb", "约束项"), r.binding),
        Pair(lang.pick("Longest term", "最长期限"), "\(r.term.maxMonths) " + lang.pick("months", "个月")),
        Pair(lang.pick("Provident rate", "公积金利率"), r.providentRate.description),
        Pair(
          lang.pick("Household", "申请人"),
          r.household == .single ? lang.pick("single", "单人") : lang.pick("family", "家庭")),
      ],
      blocks: blocks, sources: citations.sourceNotes(addresses),
      notes: citations.unverifiedNotes(lang),
      data: json(), csvHeader: csv.header, csvRows: csv.rows)
  }
}
