// A policy file that does not follow the schema of datasets/policies/README.md.

/// A policy file that breaks its schema: the file, the line, the key and the rule broken.
///
/// ```
/// policies/shenzhen.yaml:23: quota[1].caps[0].famly: unknown key (did you mean 'family'?); allowed: when, single, family
/// ```
public struct PolicyFileError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Relative to `datasets/`: `policies/shenzhen.yaml`.
  public let file: String
  /// 1-based line, or 0 when the file as a whole is at fault.
  public let line: Int
  /// Dotted key path with indices (`quota[1].caps[0].family`), or empty for the whole file.
  public let key: String
  /// The rule broken, with the offending value.
  public let rule: String

  public init(file: String, line: Int, key: String, rule: String) {
    self.file = file
    self.line = line
    self.key = key
    self.rule = rule
  }

  public var description: String {
    file + (line > 0 ? ":\(line)" : "") + ": " + (key.isEmpty ? "" : key + ": ") + rule
  }
}
