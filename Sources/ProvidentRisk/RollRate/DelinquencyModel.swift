// The transition matrices a delinquency projection runs on: pooled and per segment, each constant
// or time-varying. Built from an estimate or read from the JSON `gjj portfolio rollrate` writes.
import Foundation

/// One segment's (or the pool's) matrices: `path[t − 1]` in projection month `t` while the path
/// lasts, `base` after it.
public struct SegmentMatrices: Hashable, Sendable {
  /// Values of the model's segment columns; empty for the pool.
  public var keys: [String]
  public var base: TransitionMatrix
  public var path: [TransitionMatrix]

  public init(keys: [String] = [], base: TransitionMatrix, path: [TransitionMatrix] = []) {
    self.keys = keys
    self.base = base
    self.path = path
  }

  /// The matrix of projection month `t` (1-based).
  public func matrix(month t: Int) -> TransitionMatrix {
    t >= 1 && t <= path.count ? path[t - 1] : base
  }

  /// The index of month `t`'s matrix: `t − 1` on the path, `path.count` for the base.
  func matrixIndex(month t: Int) -> Int { t >= 1 && t <= path.count ? t - 1 : path.count }
}

/// Transition matrices for a projection: the pool and, optionally, one per segment.
///
/// A segment of the book without a matrix of its own runs on the pooled one (and the projection
/// says so).
public struct DelinquencyModel: Hashable, Sendable {
  public var states: DelinquencyStates
  /// The columns segment keys are values of (`product`, `home`, `region` for a loan book).
  public var segmentColumns: [String]
  public var pooled: SegmentMatrices
  public var segments: [SegmentMatrices]

  public init(
    states: DelinquencyStates, segmentColumns: [String] = [], pooled: SegmentMatrices,
    segments: [SegmentMatrices] = []
  ) throws(RiskInputError) {
    for (i, m) in ([pooled] + segments).enumerated() {
      for p in [m.base] + m.path where p.size != states.count {
        throw RiskInputError(
          "a matrix has \(p.size) states where the chain \(states) has \(states.count)")
      }
      for p in [m.base] + m.path {
        for a in [states.writeOffIndex, states.prepaidIndex].compactMap({ $0 })
        where p.probability(from: a, to: a) != 1 {
          throw RiskInputError(
            "row \(states.names[a]) of a matrix must be absorbing (1 on its diagonal): loans that leave the book stay gone"
          )
        }
      }
      guard m.keys.count == (i == 0 ? 0 : segmentColumns.count) else {
        throw RiskInputError(
          "segment keys [\(m.keys.joined(separator: ", "))] do not match the segment columns [\(segmentColumns.joined(separator: ", "))]"
        )
      }
    }
    self.states = states
    self.segmentColumns = segmentColumns
    self.pooled = pooled
    self.segments = segments
  }

  /// The matrices of an estimate; with `replayMonths`, each segment's monthly matrices in month
  /// order form its path (the panel's history replayed), then the matrix over all months holds.
  public init(estimate: RollRateEstimate, replayMonths: Bool = false) {
    func matrices(_ s: SegmentEstimate) -> SegmentMatrices {
      SegmentMatrices(
        keys: s.keys, base: s.matrix, path: replayMonths ? s.months.map(\.matrix) : [])
    }
    states = estimate.states
    segmentColumns = estimate.segmentColumns
    pooled = matrices(estimate.pooled)
    segments = estimate.segments.map(matrices)
  }

  /// The matrices for segment `keys` (values of `segmentColumns`), or nil when the model has none
  /// for it (the pooled ones then apply).
  public func segment(keys: [String]) -> SegmentMatrices? { segments.first { $0.keys == keys } }
}

// MARK: - JSON

extension DelinquencyModel {
  /// Reads the JSON of `gjj portfolio rollrate --format json`, or a hand-written file of the same
  /// shape:
  ///
  /// ```json
  /// {"states": ["C", "M1", "M2", "M3-5", "M6+", "W", "P"],
  ///  "segmentColumns": ["region"],
  ///  "pooled":   {"matrix": [[…], …]},
  ///  "segments": [{"keys": {"region": "GD"}, "matrix": [[…], …], "path": [[[…]]]}]}
  /// ```
  /// `path` (optional) lists matrices for projection months 1, 2, …; with `replayMonths`, a
  /// segment's `months` (the estimate's matrix per calendar month) form the path instead. Other
  /// keys (counts, rejections, …) are ignored.
  ///
  /// - Throws: `RiskInputError` naming the key at fault.
  public init(json: String, replayMonths: Bool = false) throws(RiskInputError) {
    // JSONDecoder reads doubles exactly (the shortest text of a double reads back to it).
    let top: _MatrixFile
    do {
      top = try JSONDecoder().decode(_MatrixFile.self, from: Data(json.utf8))
    } catch let DecodingError.typeMismatch(type, context) {
      throw RiskInputError(
        "\(Self.path(context.codingPath)) must be \(type == Double.self ? "a number" : "a \(type)")"
      )
    } catch let DecodingError.valueNotFound(_, context) {
      throw RiskInputError("\(Self.path(context.codingPath)) must not be null")
    } catch {
      throw RiskInputError("the matrix file is not valid JSON")
    }
    guard let names = top.states else {
      throw RiskInputError(
        "the matrix file needs 'states': a list of state names such as [\"C\", \"M1\", …]")
    }
    let states = try DelinquencyStates(names: names)
    let columns = top.segmentColumns ?? []
    func matrix(_ value: [[Double]]?, _ path: String) throws(RiskInputError) -> TransitionMatrix {
      guard let numbers = value else {
        throw RiskInputError(
          "\(path) must be a list of \(states.count) rows of \(states.count) probabilities")
      }
      guard numbers.count == states.count else {
        throw RiskInputError(
          "\(path) has \(numbers.count) rows where the states \(states) are \(states.count)")
      }
      do { return try TransitionMatrix(rows: numbers) } catch {
        throw RiskInputError("\(path): \(error.message)")
      }
    }
    func segment(_ value: _SegmentFile?, _ path: String, pooled: Bool) throws(RiskInputError)
      -> SegmentMatrices
    {
      guard let s = value else { throw RiskInputError("\(path) must be an object with a matrix") }
      var keys: [String] = []
      if !pooled {
        guard let k = s.keys else {
          throw RiskInputError("\(path).keys must be an object of segment values")
        }
        for c in columns {
          guard let v = k[c] else {
            throw RiskInputError("\(path).keys needs '\(c)' (a segment column)")
          }
          keys.append(v)
        }
      }
      let base = try matrix(s.matrix, "\(path).matrix")
      var steps: [TransitionMatrix] = []
      if replayMonths, let months = s.months {
        for (i, m) in months.enumerated() {
          steps.append(try matrix(m.matrix, "\(path).months[\(i)].matrix"))
        }
      } else if let list = s.path {
        for (i, m) in list.enumerated() { steps.append(try matrix(m, "\(path).path[\(i)]")) }
      }
      return SegmentMatrices(keys: keys, base: base, path: steps)
    }
    let pooled = try segment(top.pooled, "pooled", pooled: true)
    var segments: [SegmentMatrices] = []
    for (i, item) in (top.segments ?? []).enumerated() {
      segments.append(try segment(item, "segments[\(i)]", pooled: false))
    }
    try self.init(states: states, segmentColumns: columns, pooled: pooled, segments: segments)
  }

  /// `pooled.matrix[0][2]`.
  static func path(_ keys: [any CodingKey]) -> String {
    var text = ""
    for k in keys {
      if let i = k.intValue {
        text += "[\(i)]"
      } else {
        text += (text.isEmpty ? "" : ".") + k.stringValue
      }
    }
    return text.isEmpty ? "the matrix file" : text
  }
}

/// The matrix file's shape; other keys are ignored.
struct _MatrixFile: Decodable {
  var states: [String]?
  var segmentColumns: [String]?
  var pooled: _SegmentFile?
  var segments: [_SegmentFile]?
}

struct _SegmentFile: Decodable {
  var keys: [String: String]?
  var matrix: [[Double]]?
  var path: [[[Double]]]?
  var months: [_MonthFile]?
}

struct _MonthFile: Decodable {
  var matrix: [[Double]]?
}
