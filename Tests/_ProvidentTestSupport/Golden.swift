// Reading the golden vectors of datasets/golden/ and seeded random numbers for property tests.
import Foundation
import ProvidentCore

/// The golden vector files in `datasets/golden/`: published worked examples with their sources.
public enum Golden {
  /// The repository's root, found from this file's path (SwiftPM resources cannot sit outside a
  /// target, so tests read `datasets/` in place).
  public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// Path of `datasets/<relative>`.
  public static func datasetPath(_ relative: String) -> String {
    repositoryRoot.appending(path: "datasets").appending(path: relative).path
  }

  /// One data row of a golden CSV, by column name, with its line number for messages.
  public struct Row: CustomStringConvertible, Sendable {
    public let line: Int
    public let values: [String: String]
    public subscript(_ column: String) -> String { values[column] ?? "" }
    public var description: String {
      "line \(line): "
        + values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        .joined(separator: " ")
    }
  }

  /// The data rows of `datasets/golden/<name>` ('#' lines are comments; first other line is the
  /// header).
  public static func rows(_ name: String) throws -> [Row] {
    let text = try String(contentsOfFile: datasetPath("golden/" + name), encoding: .utf8)
    var header: [String]? = nil
    var rows: [Row] = []
    for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if line.isEmpty || line.hasPrefix("#") { continue }
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      guard let h = header else {
        header = fields
        continue
      }
      rows.append(Row(line: i + 1, values: Dictionary(uniqueKeysWithValues: zip(h, fields))))
    }
    return rows
  }
}

/// SplitMix64: a small, seeded, repeatable generator for property tests.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64
  public init(seed: UInt64) { state = seed }
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

extension Money {
  /// Yuan text such as `4270.16` as money (test inputs are trusted).
  public init(_ yuan: String) { try! self.init(parsing: yuan) }
}

extension AnnualRate {
  /// Percent text such as `3.1` as a rate (test inputs are trusted).
  public init(_ percent: String) { try! self.init(percent: percent) }
}

/// Compares `text` with the snapshot `Tests/<suite folder>/Snapshots/<name>`. When the file is
/// missing or `RECORD_SNAPSHOTS=1` is set, writes it and fails ("recorded new baseline"), as
/// swift-argument-parser does: a recorded snapshot must be read and committed on purpose.
public func snapshotMismatch(_ text: String, named name: String, filePath: String = #filePath)
  -> String?
{
  let dir = URL(fileURLWithPath: filePath).deletingLastPathComponent().appending(path: "Snapshots")
  let url = dir.appending(path: name)
  let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
  if !record, let existing = try? String(contentsOf: url, encoding: .utf8) {
    if existing == text { return nil }
    let a = existing.split(separator: "\n", omittingEmptySubsequences: false)
    let b = text.split(separator: "\n", omittingEmptySubsequences: false)
    let line =
      zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
    return
      "snapshot \(name) differs at line \(line + 1); rerun with RECORD_SNAPSHOTS=1 to record it after checking the change"
  }
  try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  try? Data(text.utf8).write(to: url)
  return "recorded new baseline \(name): check it and commit it"
}
