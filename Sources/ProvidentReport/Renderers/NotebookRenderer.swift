// Jupyter notebook (nbformat 4.5): markdown and outputs embedded so it renders without running,
// and a code cell that reloads the exported CSV with pandas.

/// Renders a document as a Jupyter notebook.
public enum NotebookRenderer {
  /// The notebook's JSON text; `csvFileName` is the CSV written beside it, which the last cell
  /// reloads.
  public static func render(_ d: Document, csvFileName: String) -> String {
    let lang = d.language
    var cells: [JSONValue] = []
    var intro = ["# " + MarkdownRenderer.escape(d.title)]
    if let s = d.subtitle { intro += ["", "*" + MarkdownRenderer.escape(s) + "*"] }
    if !d.parameters.isEmpty {
      intro += [
        "",
        MarkdownRenderer.pairs(
          d.parameters, lang.pick("Parameter", "参数"), lang.pick("Value", "数值")),
      ]
    }
    if !d.keyFigures.isEmpty {
      intro += [
        "", "## " + lang.pick("Key figures", "关键数字"), "",
        MarkdownRenderer.pairs(d.keyFigures, lang.pick("Figure", "项目"), lang.pick("Amount", "金额")),
      ]
    }
    cells.append(markdown(intro.joined(separator: "\n"), id: cells.count))
    var chart = 0
    for block in d.blocks {
      switch block {
      case .heading(let text):
        cells.append(markdown("## " + MarkdownRenderer.escape(text), id: cells.count))
      case .paragraph(let text):
        cells.append(markdown(MarkdownRenderer.escape(text), id: cells.count))
      case .pairs(let p): cells.append(markdown(MarkdownRenderer.pairs(p, "", ""), id: cells.count))
      case .table(let t), .detail(let t):
        cells.append(markdown(MarkdownRenderer.table(t), id: cells.count))
      case .chart(let c):
        chart += 1
        cells.append(
          .object([
            ("cell_type", .string("code")), ("execution_count", .null),
            ("id", .string("cell-\(cells.count)")),
            ("metadata", .object([])),
            (
              "outputs",
              .array([
                .object([
                  (
                    "data",
                    .object([
                      ("image/svg+xml", lines(SVGChart.render(c, id: "chart\(chart)"))),
                      ("text/plain", lines("<chart: \(c.title)>")),
                    ])
                  ),
                  ("metadata", .object([])), ("output_type", .string("display_data")),
                ])
              ])
            ),
            ("source", lines("# " + lang.pick("Chart drawn by gjj: ", "图表由 gjj 绘制：") + c.title)),
          ]))
      }
    }
    var closing: [String] = []
    if !d.sources.isEmpty {
      closing += ["## " + lang.pick("Rules and sources", "规则与来源"), ""]
      closing += d.sources.map {
        "- " + MarkdownRenderer.escape($0.text)
          + ($0.source.map { " [\(MarkdownRenderer.escape($0))]" } ?? "")
      }
    }
    if !d.notes.isEmpty {
      closing +=
        ["", "## " + lang.pick("Notes", "说明"), ""]
        + d.notes.map { "- " + MarkdownRenderer.escape($0) }
    }
    closing += ["", MarkdownRenderer.footer(d)]
    cells.append(markdown(closing.joined(separator: "\n"), id: cells.count))
    cells.append(
      .object([
        ("cell_type", .string("code")), ("execution_count", .null),
        ("id", .string("cell-\(cells.count)")),
        ("metadata", .object([])), ("outputs", .array([])),
        (
          "source",
          lines(
            """
            # \(lang.pick("Continue the analysis: the table above, as exported by gjj.", "继续分析：上表即 gjj 导出的数据。"))
            import pandas as pd

            df = pd.read_csv(\(JSONValue.quoted(csvFileName)))
            df.head()
            """)
        ),
      ]))
    let notebook: JSONValue = .object([
      ("cells", .array(cells)),
      (
        "metadata",
        .object([
          (
            "kernelspec",
            .object([
              ("display_name", .string("Python 3")), ("language", .string("python")),
              ("name", .string("python3")),
            ])
          ),
          ("language_info", .object([("name", .string("python"))])),
        ])
      ),
      ("nbformat", .int(4)),
      ("nbformat_minor", .int(5)),
    ])
    return notebook.rendered() + "\n"
  }

  static func markdown(_ text: String, id: Int) -> JSONValue {
    .object([
      ("cell_type", .string("markdown")), ("id", .string("cell-\(id)")), ("metadata", .object([])),
      ("source", lines(text)),
    ])
  }

  /// Text as nbformat's list of lines, each but the last ending in a newline.
  static func lines(_ text: String) -> JSONValue {
    let parts = text.split(separator: "\n", omittingEmptySubsequences: false)
    return .array(
      parts.enumerated().map { i, line in
        .string(String(line) + (i < parts.count - 1 ? "\n" : ""))
      })
  }
}
