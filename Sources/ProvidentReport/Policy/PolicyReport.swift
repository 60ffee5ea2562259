// The result of `gjj policy show`: a city's rule sets (or those in force on a date) with sources.
import ProvidentCore
import ProvidentPolicy

/// A city's rules as a report.
public struct PolicyReport: RenderableReport, Sendable {
  public let city: CityPolicy
  /// The date asked for, or nil for every rule set on file.
  public let date: LocalDate?
  public let sets: [RuleSetEntries]
  public let addresses: [String: String]

  public init(
    city: CityPolicy, date: LocalDate?, sets: [RuleSetEntries], addresses: [String: String]
  ) {
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

  public func document(_ lang: Language) -> Document {
    var blocks: [Block] = []
    var csvRows: [[String]] = []
    if sets.isEmpty { blocks.append(.paragraph(lang.pick("No rules in force.", "无生效规则。"))) }
    for set in sets {
      var title = "\(set.section.label)  \(set.effective.text)  \(set.effective.citation.tag)"
      if set.file != city.file { title += lang.pick("  (national default)", "  （全国默认）") }
      if let u = set.effective.citation.unverified {
        title += "  " + lang.pick("unverified: ", "未核实：") + u
      }
      var table = Table(
        title: title,
        header: [
          lang.pick("Key", "键"), lang.pick("Value", "值"), lang.pick("Source", "来源"),
          lang.pick("Note", "说明"),
        ],
        alignments: [.left, .left, .left, .left])
      for e in set.entries {
        table.rows.append([
          e.key, e.value, e.citation.tag, e.citation.unverified ?? e.citation.note ?? "",
        ])
        csvRows.append([
          set.section.label, set.effective.text, e.key, e.value, e.citation.tag,
          e.citation.unverified ?? "", e.citation.note ?? "",
        ])
      }
      blocks.append(.table(table))
    }
    return Document(
      language: lang,
      title: lang.pick("Rules of ", "规则：") + lang.pick(city.nameEnglish, city.nameChinese),
      subtitle: city.file
        + (date.map { lang.pick(", in force on ", "，") + $0.description + lang.pick("", " 生效") }
          ?? ""),
      blocks: blocks, sources: citations.sourceNotes(addresses), data: json(),
      csvHeader: ["section", "effective", "key", "value", "source", "unverified", "note"],
      csvRows: csvRows)
  }
}
