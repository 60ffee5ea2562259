// A block of loans that share a segment and a rate calendar.
import ProvidentCore

/// Loans of one segment, processed together: at most `_Plan.blockSize`, padded to eight lanes.
package struct _Block: Sendable {
  package var segment: Int
  /// Index of the first lane in the plan's lane arrays.
  package var offset: Int
  package var count: Int
  package var lanes: Int
  /// The longest remaining term in the block.
  package var months: Int
  /// Events in month order (lanes in order within a month).
  var events: [_Event] = []
}
