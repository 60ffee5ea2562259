// Running `gjj` in tests and reading its JSON.
import Foundation
import ProvidentCLI
import Testing

/// Runs `gjj` with `arguments`, expects success with nothing on stderr, and parses stdout as a
/// JSON object.
func gjjJSON(_ arguments: [String]) throws -> [String: Any] {
  let result = Gjj.execute(arguments)
  #expect(result.code == 0, "\(result.stderr)")
  #expect(result.stderr.isEmpty)
  return try #require(
    JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
}
