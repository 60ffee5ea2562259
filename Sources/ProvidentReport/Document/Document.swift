// One description of a result, rendered for each audience: terminal, CSV, JSON, HTML, Markdown
// and Jupyter notebook.

/// A label and its value, as printed.
public struct Pair: Hashable, Sendable {
  public let label: String
  public let value: String
  public init(_ label: String, _ value: String) {
    self.label = label
    self.value = value
  }
}

/// A table of text cells; numbers arrive formatted.
public struct Table: Hashable, Sendable {
  public var title: String?
  public var header: [String]
  public var alignments: [TextTable.Alignment]
  public var rows: [[String]]

  public init(
    title: String? = nil, header: [String], alignments: [TextTable.Alignment], rows: [[String]] = []
  ) {
    self.title = title
    self.header = header
    self.alignments = alignments
    self.rows = rows
  }
}

/// A rule, table row or source a result rests on: shown under "rules and sources".
public struct SourceNote: Hashable, Sendable {
  public let text: String
  /// Source tags (docs/domain.md §10) or a file, when known.
  public let source: String?
  public init(_ text: String, source: String? = nil) {
    self.text = text
    self.source = source
  }
}

/// A part of a document's body, in order.
public enum Block: Hashable, Sendable {
  case heading(String)
  case paragraph(String)
  case pairs([Pair])
  case table(Table)
  case chart(Chart)
  /// A long table: the terminal prints it unless asked for the summary only; files always have it.
  case detail(Table)
}

/// A result described once: title, parameters, key figures, body, rules and sources, notes and a
/// footer, plus the machine-readable data the CSV and JSON renderers write.
public struct Document: Hashable, Sendable {
  public var language: Language
  public var title: String
  public var subtitle: String?
  public var parameters: [Pair]
  public var keyFigures: [Pair]
  public var blocks: [Block]
  public var sources: [SourceNote]
  public var notes: [String]
  /// The result as JSON (the command's `--format json`).
  public var data: JSONValue
  /// The main table as CSV (the command's `--format csv`; a notebook reloads it).
  public var csvHeader: [String]
  public var csvRows: [[String]]
  /// Tool name and version, and the command line that made the document; no clock.
  public var footer: Footer

  public struct Footer: Hashable, Sendable {
    public var tool: String
    public var command: String?
    public init(tool: String, command: String? = nil) {
      self.tool = tool
      self.command = command
    }
  }

  public init(
    language: Language, title: String, subtitle: String? = nil, parameters: [Pair] = [],
    keyFigures: [Pair] = [], blocks: [Block] = [], sources: [SourceNote] = [],
    notes: [String] = [], data: JSONValue, csvHeader: [String], csvRows: [[String]],
    footer: Footer = Footer(tool: "Provident gjj \(providentVersion)")
  ) {
    self.language = language
    self.title = title
    self.subtitle = subtitle
    self.parameters = parameters
    self.keyFigures = keyFigures
    self.blocks = blocks
    self.sources = sources
    self.notes = notes
    self.data = data
    self.csvHeader = csvHeader
    self.csvRows = csvRows
    self.footer = footer
  }

  /// The CSV text of `csvHeader` and `csvRows`.
  public var csv: String { renderCSV(header: csvHeader, rows: csvRows) }
}

/// The version printed in footers and by `gjj --version`.
public let providentVersion = "0.1.0"
