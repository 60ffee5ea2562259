// The files a command reads, and the one-line errors about them with sysexits.h's codes: 66
// (EX_NOINPUT) for a file that cannot be opened or read, 65 (EX_DATAERR) for one whose content
// breaks a rule.
import Foundation
import ProvidentPortfolio

enum DataFiles {
  /// A file that cannot be opened or read (exit 66).
  static func unreadable(_ message: String) -> InputError { InputError(message, kind: .unreadable) }

  /// A file whose content breaks a rule (exit 65); `message` names the file.
  static func badData(_ message: String) -> InputError { InputError(message, kind: .invalidData) }

  /// A book or panel reader's error about `file`, by its kind: one that cannot be read (its
  /// message names the file), one that cannot be written, or bad content (the file's name put in
  /// front).
  static func failure(_ error: BookError, file: String) -> InputError {
    switch error.kind {
    case .unreadable: unreadable(error.message)
    case .unwritable: InputError(error.message, kind: .unwritable)
    case .invalid: badData("\(file): \(error.message)")
    }
  }

  /// The text of `path` (exit 66 when it cannot be read).
  static func read(_ path: String) throws -> String {
    do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
      let reason =
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
      throw unreadable("cannot read \(path): \(reason)")
    }
  }
}
