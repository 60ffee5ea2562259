// The result of `gjj policy show`: a city's rule sets (or those in force on a date) with sources.
import ProvidentCore
import ProvidentPolicy

/// A city's rules as a report.
public struct PolicyReport: Sendable {
  public let city: CityPolicy
  /// The date asked for, or nil for every rule set on file.
  public let date: LocalDate?
  public let sets: [RuleSetEntries]
  public let addresses: [String: String]

  public init(city: CityPolicy, date: LocalDate?, sets: [RuleSetEntries], addresses: [String: String]) {
    self.city = city
    self.date = date
    self.sets = sets
    self.addresses = addresses
  }

  var citations: _Citations {
    _Citations(sets.flatMap { [$0.effective.citation] + $0.entries.map(\.citation) })
  }

  static func citationJSON(_ c: Citation) -> [(String, JSONValue)] {
    [
      ("sources", .array(c.sources.map { .string($0) })),
      ("unverified", c.unverified.map { .string($0) } ?? .null),
      ("note", c.note.map { .string($0) } ?? .null),
    ]
  }

  /// `{"city", "name": {"en", "zh"}, "on", "ruleSets": [{"section", "file", "effective": {"from",
  /// "to", "sources", "unverified", "note"}, "values": [{"key", "value", "sources", "unverified",
  /// "note", "line"}]}], "sources": [{"tag", "address"}]}`.
  public func json() -> JSONValue {
    .object([
      ("city", .string(city.id)),
      ("name", .object([("en", .string(city.nameEnglish)), ("zh", .string(city.nameChinese))])),
      ("on", date.map { .string($0.description) } ?? .null),
      (
        "ruleSets",
        .array(
          sets.map { set in
            .object([
              ("section", .string(set.section.rawValue)),
              ("file", .string(set.file)),
              (
                "effective",
                .object(
                  [
                    ("from", set.effective.from.map { .string($0.description) } ?? .null),
                    ("to", set.effective.to.map { .string($0.description) } ?? .null),
                  ] + Self.citationJSON(set.effective.citation))
              ),
              (
                "values",
                .array(
                  set.entries.map { e in
                    .object(
                      [("key", .string(e.key)), ("value", .string(e.value))]
                        + Self.citationJSON(e.citation) + [("line", .int(e.line))])
                  })
              ),
            ])
          })
      ),
      ("sources", citations.sourcesJSON(addresses)),
    ])
  }

  public func table(_ lang: Language) -> String {
    var out: [String] = []
    out.append(
      lang.pick("Rules of ", "规则：") + lang.pick(city.nameEnglish, city.nameChinese) + " (\(city.file))"
        + (date.map { lang.pick(" in force on ", "，") + $0.description + lang.pick("", " 生效") } ?? ""))
    if sets.isEmpty {
      out.append(lang.pick("No rules in force.", "无生效规则。"))
    }
    for set in sets {
      out.append("")
      var heading = "\(set.section.label)  \(set.effective.text)  \(set.effective.citation.tag)"
      if set.file != city.file { heading += lang.pick("  (national default)", "  （全国默认）") }
      out.append(heading)
      if let u = set.effective.citation.unverified { out.append("  " + lang.pick("unverified: ", "未核实：") + u) }
      var table = TextTable(header: ["", "", "", ""], alignments: [.left, .left, .left, .left])
      for e in set.entries {
        table.rows.append(["  " + e.key, e.value, e.citation.tag, e.citation.unverified ?? e.citation.note ?? ""])
      }
      out += table.rendered().split(separator: "\n", omittingEmptySubsequences: false).dropFirst().map(String.init)
    }
    let c = citations
    if !c.tags.isEmpty {
      out.append("")
      out.append(lang.pick("Sources", "来源") + ":")
      for t in c.tags { out.append("  \(t)  \(addresses[t] ?? "")") }
    }
    return out.joined(separator: "\n")
  }
}
