// The result of `gjj withdraw`: the rent withdrawal allowed and the conditions checked.
import ProvidentCore
import ProvidentPolicy

/// A rent withdrawal as a report.
public struct WithdrawalReport: RenderableReport, Sendable {
  public let result: RentWithdrawalResult
  public let addresses: [String: String]

  public init(_ result: RentWithdrawalResult, addresses: [String: String]) {
    self.result = result
    self.addresses = addresses
  }

  var citations: _Citations { _Citations(result.citations + result.checks.compactMap(\.citation)) }

  /// `{"monthlyAllowed", "yearlyAllowed", "explain", "eligible", "reasons": [{"id", "status",
  /// "explain"}], "rules": {…}}`.
  public func json() -> JSONValue {
    let r = result
    let c = citations
    return .object([
      ("monthlyAllowed", r.monthlyAllowed.map { .money($0) } ?? .null),
      ("yearlyAllowed", r.yearlyAllowed.map { .money($0) } ?? .null),
      ("explain", .string(r.explain)),
      ("eligible", .bool(r.eligible)),
      ("reasons", .array(r.checks.map(\.json))),
      ("rules", c.rulesJSON(city: r.city, effective: r.effective, addresses)),
    ])
  }

  public func document(_ lang: Language) -> Document {
    let r = result
    let none = lang.pick("not on file", "无规定")
    var blocks: [Block] = [.paragraph(lang.pick("How: ", "计算：") + r.explain)]
    var parameters = [
      Pair(
        lang.pick("Monthly allowed", "每月可提取"),
        r.monthlyAllowed.map { $0.formatted(grouping: true) } ?? none),
      Pair(
        lang.pick("Yearly allowed", "每年可提取"),
        r.yearlyAllowed.map { $0.formatted(grouping: true) } ?? none),
    ]
    if !r.checks.isEmpty {
      parameters.append(
        Pair(
          lang.pick("Eligible", "是否符合条件"), r.eligible ? lang.pick("yes", "是") : lang.pick("NO", "否")
        ))
      blocks.append(.table(_checksTable(r.checks, lang)))
    }
    return Document(
      language: lang,
      title: lang.pick("Rent withdrawal", "租房提取") + " — "
        + lang.pick(r.city.nameEnglish, r.city.nameChinese),
      subtitle: lang.pick("rules from ", "规则生效期 ") + r.effective.text,
      parameters: parameters, blocks: blocks, sources: citations.sourceNotes(addresses),
      notes: citations.unverifiedNotes(lang), data: json(), csvHeader: ["figure", "value"],
      csvRows: [
        ["monthlyAllowed", r.monthlyAllowed?.description ?? ""],
        ["yearlyAllowed", r.yearlyAllowed?.description ?? ""],
      ])
  }
}
