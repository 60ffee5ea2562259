// The files a command reads, and the one-line errors about them with sysexits.h's codes: 66
// (EX_NOINPUT) for a file that cannot be opened or read, 65 (EX_DATAERR) for one whose content
// breaks a rule.
import Foundation

enum DataFiles {
  /// A file that cannot be opened or read (exit 66).
  static func unreadable(_ message: String) -> InputError {
    var e = InputError(message)
    e.exitCode = 66
    return e
  }

  /// A file whose content breaks a rule (exit 65); `message` names the file.
  static func badData(_ message: String) -> InputError {
    var e = InputError(message)
    e.exitCode = 65
    return e
  }

  /// A reader's error about `file`: unreadable when it says "cannot open …", else bad data, the
  /// file's name put in front.
  static func failure(_ message: String, file: String) -> InputError {
    message.hasPrefix("cannot open") ? unreadable(message) : badData("\(file): \(message)")
  }

  /// The text of `path` (exit 66 when it cannot be read).
  static func read(_ path: String) throws -> String {
    do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
      let reason = (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
      throw unreadable("cannot read \(path): \(reason)")
    }
  }
}
