// What went wrong with a loan book: a rejected row, or a file that cannot be read at all.

/// A row of a loan book that was not accepted: its line, the column at fault and why.
///
/// `description` reads `line 17, column principal: must be greater than 0 (got -5)`.
public struct BookRejection: Hashable, Sendable, CustomStringConvertible {
  /// 1-based line number in the file (comments and the header count).
  public let line: Int
  /// The column at fault, or nil when the row as a whole is (too many fields).
  public let column: String?
  /// The rule broken, with the offending value.
  public let reason: String

  public init(line: Int, column: String?, reason: String) {
    self.line = line
    self.column = column
    self.reason = reason
  }

  public var description: String {
    "line \(line)" + (column.map { ", column \($0)" } ?? "") + ": \(reason)"
  }
}

/// A loan book that cannot be read: no such file, no header, an unknown or missing column, no
/// as-of date for dated loans, or (in strict mode) the first rejected row.
public struct BookError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What went wrong, so a caller can tell a missing file from a bad one without reading the text.
  public enum Kind: Hashable, Sendable {
    /// The file cannot be opened or read.
    case unreadable
    /// The output file cannot be created or written.
    case unwritable
    /// The content breaks a rule: the header, a column, (strict) a row.
    case invalid
  }

  public let kind: Kind
  public let message: String
  /// The rejected row, in strict mode.
  public let rejection: BookRejection?

  public init(_ message: String, kind: Kind = .invalid, rejection: BookRejection? = nil) {
    self.kind = kind
    self.message = message
    self.rejection = rejection
  }

  public var description: String { message }
}
