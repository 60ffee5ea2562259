// The `gjj` command: subcommands, error messages and exit codes.
import ArgumentParser
import Foundation
import ProvidentCore
import ProvidentReport

/// `gjj`: provident fund loan calculations for loan officers and analysts.
public struct Gjj: ParsableCommand {
  public static let version = providentVersion

  public static let configuration = CommandConfiguration(
    commandName: "gjj",
    abstract: "Provident fund (住房公积金) loan calculations, exact to the fen.",
    version: version,
    subcommands: [
      Amortize.self, Prepay.self, Timeline.self, Combo.self, Quota.self, Convert.self,
      Deposit.self, Withdraw.self, Policy.self, Portfolio.self, Risk.self, Liquidity.self,
      DataCommand.self,
    ])

  public init() {}

  /// Runs `gjj` with `arguments` and returns what it printed and its exit code, without exiting:
  /// the tests call this, and `main` prints the result.
  public static func execute(_ arguments: [String]) -> (stdout: String, stderr: String, code: Int32)
  {
    $commandLine.withValue(footerCommand(arguments)) { run(arguments) }
  }

  /// The command line a report's footer shows: `gjj` and the arguments, without `--out FILE`
  /// (so a report does not depend on where it was written).
  @TaskLocal static var commandLine: String? = nil

  static func footerCommand(_ arguments: [String]) -> String {
    var kept: [String] = []
    var skip = false
    for a in arguments {
      if skip {
        skip = false
        continue
      }
      if a == "--out" {
        skip = true
        continue
      }
      if a.hasPrefix("--out=") { continue }
      kept.append(a.contains(" ") || a.isEmpty ? "'" + a + "'" : a)
    }
    return (["gjj"] + kept).joined(separator: " ")
  }

  static func run(_ arguments: [String]) -> (stdout: String, stderr: String, code: Int32) {
    do {
      var command = try parseAsRoot(arguments)
      if var runnable = command as? OutputCommand {
        let (text, diagnostics) = try runnable.renderWithDiagnostics()
        return (text.hasSuffix("\n") ? text : text + "\n", diagnostics, 0)
      }
      try command.run()
      return ("", "", 0)
    } catch let error as InputError {
      return ("", "error: \(error.message)\n", error.exitCode)
    } catch {
      let code = exitCode(for: error)
      if code == .success {  // --help, --version
        return (fullMessage(for: error) + "\n", "", 0)
      }
      // ArgumentParser's own errors (unknown option, missing value): its message on one line.
      let message = self.message(for: error).split(separator: "\n").first.map(String.init) ?? ""
      return ("", "error: \(message)\n", code.rawValue)
    }
  }

  /// The entry point of the `gjj` executable.
  public static func mainEntry() -> Never {
    let result = execute(Array(CommandLine.arguments.dropFirst()))
    FileHandle.standardOutput.write(Data(result.stdout.utf8))
    FileHandle.standardError.write(Data(result.stderr.utf8))
    Foundation.exit(result.code)
  }
}

/// A subcommand whose whole output is computed before anything is printed, so a failure prints
/// nothing on stdout.
protocol OutputCommand: ParsableCommand {
  mutating func render() throws -> String
  /// The output and any warnings for stderr (none by default).
  mutating func renderWithDiagnostics() throws -> (stdout: String, stderr: String)
}

extension OutputCommand {
  public mutating func run() throws { print(try render()) }
  mutating func renderWithDiagnostics() throws -> (stdout: String, stderr: String) {
    (try render(), "")
  }
}

/// Bad input: one line naming the option, the value and the rule; exit code 64 (EX_USAGE).
struct InputError: Error, CustomStringConvertible {
  /// What kind of input was bad, and so the exit code (sysexits.h).
  enum Kind: Int32 {
    /// An option or argument breaks a rule (EX_USAGE).
    case usage = 64
    /// A file's content breaks a rule (EX_DATAERR).
    case invalidData = 65
    /// A file cannot be opened or read (EX_NOINPUT).
    case unreadable = 66
    /// An output file cannot be created or written (EX_CANTCREAT).
    case unwritable = 73
  }

  let message: String
  var kind: Kind
  init(_ message: String, kind: Kind = .usage) {
    self.message = message
    self.kind = kind
  }
  var exitCode: Int32 { kind.rawValue }
  var description: String { message }
}
