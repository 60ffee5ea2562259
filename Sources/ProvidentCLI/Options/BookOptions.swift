// The loan book and how to read it: shared by `gjj portfolio project` and `gjj portfolio stress`.
import ArgumentParser
import Foundation
import ProvidentCore
import ProvidentPortfolio

struct BookOptions: ParsableArguments {
  @Argument(help: "The loan book (CSV).")
  var book: String

  @Option(help: "The book's as-of date (yyyy-mm-dd); overrides the file's '# as_of:'.")
  var asOf: String?

  @Flag(help: "Stop at the first bad row (exit 65) instead of reporting it and going on.")
  var strict = false

  @Flag(help: "No progress bar.")
  var quiet = false

  @OptionGroup var workers: ThreadsOption

  /// `--threads`, checked (1–1024) before the command runs.
  var threads: Int? { workers.threads }

  /// A progress bar on stderr when it is a terminal and not `--quiet`.
  func progressBar(_ wanted: Bool = true) -> _ProgressBar? {
    wanted && !quiet && isatty(STDERR_FILENO) == 1 ? _ProgressBar() : nil
  }

  /// Reads the book (`--as-of`, else `fallback`): exit 66 when it cannot be opened, 65 on a bad
  /// file or, with `--strict`, a bad row.
  func load(asOf fallback: LocalDate? = nil) throws -> BookLoad {
    var date = fallback
    if let asOf { date = try LoanOptions.date(asOf, option: "--as-of") }
    do {
      return try LoanBook.load(path: book, options: .init(asOf: date, strict: strict))
    } catch {
      throw DataFiles.failure(error, file: book)
    }
  }
}
