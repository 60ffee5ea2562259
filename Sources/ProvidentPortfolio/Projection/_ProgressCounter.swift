// Progress of a long run across scenarios and threads.
import Synchronization

/// Counts finished blocks across scenarios and threads; reports about every 1 %.
package final class _ProgressCounter: Sendable {
  package let total: Int
  package let report: (@Sendable (Double) -> Void)?
  package let done = Atomic<Int>(0)

  package init(total: Int, report: (@Sendable (Double) -> Void)?) {
    self.total = max(total, 1)
    self.report = report
  }

  package func tick() {
    guard let report else { return }
    let n = done.add(1, ordering: .relaxed).newValue
    if n == total || n % max(1, total / 100) == 0 { report(Double(n) / Double(total)) }
  }
}
