// HTML: one self-contained file (inline CSS and SVG, no script, no font or image from the
// network), an A4 print stylesheet, readable on a phone.

/// Renders a document as a self-contained HTML page.
public enum HTMLRenderer {
  public static func render(_ d: Document) -> String {
    let lang = d.language
    var body: [String] = []
    body.append(
      "<header><h1>\(htmlEscaped(d.title))</h1>"
        + (d.subtitle.map { "<p class=\"subtitle\">\(htmlEscaped($0))</p>" } ?? "") + "</header>")
    if !d.parameters.isEmpty {
      body.append(
        "<section class=\"parameters\"><h2>\(lang.pick("Parameters", "参数"))</h2>\(pairs(d.parameters))</section>"
      )
    }
    if !d.keyFigures.isEmpty {
      body.append(
        "<section class=\"key-figures\"><h2>\(lang.pick("Key figures", "关键数字"))</h2>\(pairs(d.keyFigures))</section>"
      )
    }
    var chart = 0
    for block in d.blocks {
      switch block {
      case .heading(let text): body.append("<h2>\(htmlEscaped(text))</h2>")
      case .paragraph(let text): body.append("<p>\(htmlEscaped(text))</p>")
      case .pairs(let p): body.append(pairs(p))
      case .table(let t): body.append(table(t, detail: false))
      case .detail(let t): body.append(table(t, detail: true))
      case .chart(let c):
        chart += 1
        body.append(
          "<figure>\(SVGChart.render(c, id: "chart\(chart)", standalone: false))</figure>")
      }
    }
    if !d.sources.isEmpty {
      body.append(
        "<section class=\"sources\"><h2>\(lang.pick("Rules and sources", "规则与来源"))</h2><ul>"
          + d.sources.map {
            "<li>\(htmlEscaped($0.text))"
              + ($0.source.map { " <span class=\"source\">[\(htmlEscaped($0))]</span>" } ?? "")
              + "</li>"
          }.joined()
          + "</ul></section>")
    }
    if !d.notes.isEmpty {
      body.append(
        "<section class=\"notes\"><h2>\(lang.pick("Notes", "说明"))</h2><ul>"
          + d.notes.map { "<li>\(htmlEscaped($0))</li>" }.joined() + "</ul></section>")
    }
    body.append(
      "<footer>\(htmlEscaped(d.footer.tool))"
        + (d.footer.command.map { "<br><code>\(htmlEscaped($0))</code>" } ?? "") + "</footer>")
    return """
      <!DOCTYPE html>
      <html lang="\(lang == .zh ? "zh-CN" : "en")">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(htmlEscaped(d.title))</title>
      <style>
      \(css)
      </style>
      </head>
      <body>
      <main>
      \(body.joined(separator: "\n"))
      </main>
      </body>
      </html>

      """
  }

  static func pairs(_ p: [Pair]) -> String {
    "<table class=\"pairs\"><tbody>"
      + p.map {
        "<tr><th scope=\"row\">\(htmlEscaped($0.label))</th><td class=\"num\">\(htmlEscaped($0.value))</td></tr>"
      }.joined() + "</tbody></table>"
  }

  static func table(_ t: Table, detail: Bool) -> String {
    var out = "<div class=\"table-wrap\"><table class=\"\(detail ? "detail" : "data")\">"
    if let title = t.title { out += "<caption>\(htmlEscaped(title))</caption>" }
    out +=
      "<thead><tr>"
      + zip(t.header, t.alignments).map {
        "<th\($1 == .right ? " class=\"num\"" : "")>\(htmlEscaped($0))</th>"
      }.joined() + "</tr></thead><tbody>"
    for row in t.rows {
      out +=
        "<tr>"
        + zip(row, t.alignments).map {
          "<td\($1 == .right ? " class=\"num\"" : "")>\(htmlEscaped($0))</td>"
        }.joined() + "</tr>"
    }
    return out + "</tbody></table></div>"
  }

  static let css = """
    :root { color-scheme: light; }
    body { margin: 0; background: #f6f7f9; color: #1b1f24;
      font-family: -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Microsoft YaHei", "Source Han Sans SC", sans-serif;
      font-size: 15px; line-height: 1.5; }
    main { max-width: 960px; margin: 0 auto; padding: 16px; background: #ffffff; }
    h1 { font-size: 1.5em; margin: 0.2em 0; }
    h2 { font-size: 1.15em; margin: 1.2em 0 0.4em; border-bottom: 1px solid #d0d7de; padding-bottom: 0.2em; }
    .subtitle { color: #57606a; margin: 0; }
    table { border-collapse: collapse; margin: 0.4em 0; }
    th, td { padding: 3px 10px; border-bottom: 1px solid #eaeef2; text-align: left; white-space: nowrap; }
    thead th { background: #f0f3f6; position: sticky; top: 0; }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    table.pairs th { font-weight: normal; color: #57606a; }
    .table-wrap { overflow-x: auto; max-width: 100%; }
    table.detail { font-size: 0.9em; }
    caption { text-align: left; font-weight: 600; padding: 4px 0; }
    figure { margin: 1em 0; }
    svg.chart { width: 100%; height: auto; max-width: 720px; font-family: inherit; }
    .sources li, .notes li { margin: 0.2em 0; }
    .source { color: #57606a; }
    footer { margin-top: 2em; color: #57606a; font-size: 0.85em; border-top: 1px solid #d0d7de; padding-top: 0.5em; }
    @media (max-width: 600px) { body { font-size: 14px; } main { padding: 10px; } th, td { padding: 2px 6px; } }
    @media print {
      @page { size: A4; margin: 15mm; }
      body { background: #ffffff; font-size: 10.5pt; }
      main { max-width: none; padding: 0; }
      .table-wrap { overflow: visible; }
      thead { display: table-header-group; }
      tr, figure { page-break-inside: avoid; }
      thead th { position: static; }
    }
    """
}
