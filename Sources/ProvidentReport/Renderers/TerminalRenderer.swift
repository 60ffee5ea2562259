// The terminal table: what `--format table` prints.

/// Renders a document for the terminal: heading, parameters, the body's tables (the detail table
/// unless `rows` is false; charts are left to the file formats), key figures, rules and sources.
public enum TerminalRenderer {
  public static func render(_ d: Document, rows: Bool = true) -> String {
    var out: [String] = [d.title + (d.subtitle.map { " — " + $0 } ?? "")]
    if !d.parameters.isEmpty { out.append(renderPairs(d.parameters.map { ($0.label, $0.value) })) }
    for block in d.blocks {
      switch block {
      case .heading(let text):
        out += ["", text + ":"]
      case .paragraph(let text):
        out += ["", text]
      case .pairs(let pairs):
        out += ["", renderPairs(pairs.map { ($0.label, $0.value) })]
      case .table(let t):
        out += ["", table(t)]
      case .detail(let t):
        if rows { out += ["", table(t)] }
      case .chart:
        break
      }
    }
    if !d.keyFigures.isEmpty {
      out += ["", renderPairs(d.keyFigures.map { ($0.label, $0.value) })]
    }
    if !d.sources.isEmpty {
      out += ["", d.language.pick("Rules and sources", "规则与来源") + ":"]
      out += d.sources.map { "  " + $0.text + ($0.source.map { " [\($0)]" } ?? "") }
    }
    if !d.notes.isEmpty {
      out += [""] + d.notes.map { d.language.pick("Note: ", "注：") + $0 }
    }
    return out.joined(separator: "\n")
  }

  static func table(_ t: Table) -> String {
    let body = TextTable(header: t.header, alignments: t.alignments, rows: t.rows).rendered()
    return t.title.map { $0 + "\n" + body } ?? body
  }
}
