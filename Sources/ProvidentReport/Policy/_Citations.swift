// The sources and unverified notes behind a policy result, listed once each.
import ProvidentCore
import ProvidentPolicy

/// The distinct source tags (in order of first use) and unverified notes of some citations.
struct _Citations {
  let tags: [String]
  let unverified: [String]

  init(_ citations: [Citation]) {
    var tags: [String] = []
    var notes: [String] = []
    for c in citations {
      for t in c.sources where !tags.contains(t) { tags.append(t) }
      if let u = c.unverified, !notes.contains(u) { notes.append(u) }
    }
    self.tags = tags
    self.unverified = notes
  }

  /// `[{"tag": "S93", "address": "…"}]`.
  func sourcesJSON(_ addresses: [String: String]) -> JSONValue {
    .array(tags.map { .object([("tag", .string($0)), ("address", .string(addresses[$0] ?? ""))]) })
  }

  var unverifiedJSON: JSONValue { .array(unverified.map { .string($0) }) }

  /// `{"city", "effective": {"from", "to"} | null, "sources": [{"tag", "address"}], "unverified"}`.
  func rulesJSON(city: CityPolicy, effective: Effective?, _ addresses: [String: String])
    -> JSONValue
  {
    .object([
      ("city", .string(city.id)),
      ("effective", effective?.json ?? .null),
      ("sources", sourcesJSON(addresses)),
      ("unverified", unverifiedJSON),
    ])
  }

  /// `lines` after a blank line, when there are any sources or notes.
  func append(to out: inout [String], _ addresses: [String: String], _ lang: Language) {
    let tail = lines(addresses, lang)
    if !tail.isEmpty { out += [""] + tail }
  }

  /// `Sources:` and `Unverified:` lines for a table.
  func lines(_ addresses: [String: String], _ lang: Language) -> [String] {
    var out: [String] = []
    if !tags.isEmpty {
      out.append(lang.pick("Sources", "来源") + ":")
      for t in tags { out.append("  \(t)  \(addresses[t] ?? "")") }
    }
    if !unverified.isEmpty {
      out.append(lang.pick("Unverified", "未经核实") + ":")
      for u in unverified { out.append("  - \(u)") }
    }
    return out
  }
}

extension Effective {
  var json: JSONValue {
    .object([
      ("from", from.map { .string($0.description) } ?? .null),
      ("to", to.map { .string($0.description) } ?? .null),
    ])
  }
}

extension RuleCheck {
  var json: JSONValue {
    .object([
      ("id", .string(id)), ("status", .string(status.rawValue)), ("explain", .string(explain)),
    ])
  }

  func label(_ lang: Language) -> String {
    switch status {
    case .met: lang.pick("met", "符合")
    case .failed: lang.pick("FAILED", "不符合")
    case .unchecked: lang.pick("unchecked", "未核验")
    }
  }
}

extension Limb {
  var json: JSONValue {
    .object([
      ("id", .string(id)), ("amount", amount.map { .money($0) } ?? .null),
      ("explain", .string(explain)),
    ])
  }
}

/// Limbs as a table: id, amount (or "not on file"), and the explanation; the binding one marked.
func _limbTable(_ limbs: [Limb], binding: String, _ lang: Language) -> Table {
  var table = Table(
    header: [lang.pick("Limb", "限额项"), lang.pick("Amount", "金额"), "", lang.pick("How", "计算")],
    alignments: [.left, .right, .left, .left])
  for limb in limbs {
    table.rows.append([
      limb.id, limb.amount.map { $0.formatted(grouping: true) } ?? lang.pick("not on file", "无规定"),
      limb.id == binding ? "←" : "", limb.explain,
    ])
  }
  return table
}

/// Limbs as CSV cells.
func _limbCSV(_ limbs: [Limb], binding: String) -> (header: [String], rows: [[String]]) {
  (
    ["limb", "amount", "binding", "explain"],
    limbs.map { [$0.id, $0.amount?.description ?? "", $0.id == binding ? "yes" : "", $0.explain] }
  )
}

extension _Citations {
  /// The source tags with their addresses, for a document's "rules and sources".
  func sourceNotes(_ addresses: [String: String]) -> [SourceNote] {
    tags.map { SourceNote(addresses[$0] ?? $0, source: $0) }
  }

  /// Unverified values, as document notes.
  func unverifiedNotes(_ lang: Language) -> [String] {
    unverified.map { lang.pick("Unverified: ", "未经核实：") + $0 }
  }
}

/// Eligibility checks as a table: status and explanation.
func _checksTable(_ checks: [RuleCheck], _ lang: Language) -> Table {
  Table(
    title: lang.pick("Eligibility", "条件核验"),
    header: [lang.pick("Status", "结果"), lang.pick("Condition", "条件")], alignments: [.left, .left],
    rows: checks.map { [$0.label(lang), $0.explain] })
}
