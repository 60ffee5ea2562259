// Markdown: tables as pipe tables, charts as embedded SVG images (data URIs), no network.
import Foundation

/// Renders a document as Markdown (GitHub-flavoured tables).
public enum MarkdownRenderer {
  public static func render(_ d: Document) -> String {
    let lang = d.language
    var out: [String] = ["# " + escape(d.title)]
    if let s = d.subtitle { out += ["", "*" + escape(s) + "*"] }
    if !d.parameters.isEmpty {
      out += ["", pairs(d.parameters, lang.pick("Parameter", "参数"), lang.pick("Value", "数值"))]
    }
    if !d.keyFigures.isEmpty {
      out += [
        "", "## " + lang.pick("Key figures", "关键数字"), "",
        pairs(d.keyFigures, lang.pick("Figure", "项目"), lang.pick("Amount", "金额")),
      ]
    }
    var chart = 0
    for block in d.blocks {
      switch block {
      case .heading(let text): out += ["", "## " + escape(text)]
      case .paragraph(let text): out += ["", escape(text)]
      case .pairs(let p): out += ["", pairs(p, "", "")]
      case .table(let t), .detail(let t): out += ["", table(t)]
      case .chart(let c):
        chart += 1
        out += ["", image(c, id: "chart\(chart)")]
      }
    }
    if !d.sources.isEmpty {
      out += ["", "## " + lang.pick("Rules and sources", "规则与来源"), ""]
      out += d.sources.map { "- " + escape($0.text) + ($0.source.map { " [\(escape($0))]" } ?? "") }
    }
    if !d.notes.isEmpty {
      out += ["", "## " + lang.pick("Notes", "说明"), ""] + d.notes.map { "- " + escape($0) }
    }
    out += ["", "---", "", footer(d)]
    return out.joined(separator: "\n") + "\n"
  }

  static func footer(_ d: Document) -> String {
    "<sub>" + escape(d.footer.tool) + (d.footer.command.map { " · `" + $0 + "`" } ?? "") + "</sub>"
  }

  /// A chart as an image whose source is the SVG itself, base64-encoded.
  static func image(_ c: Chart, id: String) -> String {
    let svg = SVGChart.render(c, id: id)
    return
      "![\(escape(c.title))](data:image/svg+xml;base64,\(Data(svg.utf8).base64EncodedString()))"
  }

  static func pairs(_ p: [Pair], _ a: String, _ b: String) -> String {
    table(
      Table(header: [a, b], alignments: [.left, .right], rows: p.map { [$0.label, $0.value] }))
  }

  static func table(_ t: Table) -> String {
    var lines: [String] = []
    if let title = t.title { lines += ["**" + escape(title) + "**", ""] }
    lines.append("| " + t.header.map(escape).joined(separator: " | ") + " |")
    lines.append("|" + t.alignments.map { $0 == .right ? "---:|" : ":---|" }.joined())
    for row in t.rows { lines.append("| " + row.map(escape).joined(separator: " | ") + " |") }
    return lines.joined(separator: "\n")
  }

  /// Escapes what Markdown would read as markup in a cell or a line.
  static func escape(_ s: String) -> String {
    var out = ""
    for ch in s {
      switch ch {
      case "|", "*", "_", "`", "[", "]", "<", ">", "#", "\\": out += "\\" + String(ch)
      default: out.append(ch)
      }
    }
    return out
  }
}
