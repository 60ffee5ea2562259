// Aligned plain-text tables for the terminal, aware of wide (CJK) characters.

/// A plain-text table: a header row and data rows, columns aligned by display width.
public struct TextTable: Sendable {
  public enum Alignment: Sendable { case left, right }

  public var header: [String]
  public var alignments: [Alignment]
  public var rows: [[String]]

  public init(header: [String], alignments: [Alignment], rows: [[String]] = []) {
    precondition(header.count == alignments.count, "one alignment per column")
    self.header = header
    self.alignments = alignments
    self.rows = rows
  }

  /// The table as lines joined by newlines, columns separated by two spaces, no trailing spaces.
  public func rendered() -> String {
    var widths = header.map(Self.displayWidth)
    for row in rows {
      for (i, cell) in row.enumerated() where i < widths.count {
        widths[i] = max(widths[i], Self.displayWidth(cell))
      }
    }
    func line(_ cells: [String]) -> String {
      var parts: [String] = []
      for (i, cell) in cells.enumerated() {
        let padding = String(repeating: " ", count: widths[i] - Self.displayWidth(cell))
        parts.append(alignments[i] == .right ? padding + cell : cell + padding)
      }
      var text = parts.joined(separator: "  ")
      while text.hasSuffix(" ") { text.removeLast() }
      return text
    }
    return ([line(header)] + rows.map(line)).joined(separator: "\n")
  }

  /// Columns a terminal gives the text: 2 for East Asian wide characters, 1 otherwise.
  public static func displayWidth(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { width, s in
      let v = s.value
      let wide =
        (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v)
        || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v)
        || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
        || (0xFFE0...0xFFE6).contains(v)
      return width + (wide ? 2 : 1)
    }
  }
}

/// Label–value pairs printed as two aligned columns (a summary block).
public func renderPairs(_ pairs: [(String, String)]) -> String {
  TextTable(header: ["", ""], alignments: [.left, .right], rows: pairs.map { [$0.0, $0.1] })
    .rendered().split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
    .joined(separator: "\n")
}

/// CSV text: fields quoted only when they hold a comma, a quote or a newline; lines end in `\n`.
public func renderCSV(header: [String], rows: [[String]]) -> String {
  func field(_ s: String) -> String {
    s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
      ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
  }
  return ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n")
    + "\n"
}
