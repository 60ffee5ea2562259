// Running blocks on all cores, deterministically.
import Dispatch
import Foundation
import Synchronization

/// A raw pointer that may cross threads: each thread writes only its own, disjoint elements.
///
/// Public (underscored, not API) rather than `package` so that the risk kernels in another module
/// inline its accessors: this toolchain does not inline `@inlinable package` declarations across
/// modules, and a call per element cost the roll-rate projection 10 % more instructions.
public struct _SharedPointer<T>: @unchecked Sendable {
  public let base: UnsafeMutablePointer<T>
  @inlinable public init(_ base: UnsafeMutablePointer<T>) { self.base = base }
  @inlinable @inline(__always) public subscript(_ i: Int) -> T {
    get { base[i] }
    nonmutating set { base[i] = newValue }
  }
}

package enum _Parallel {
  /// The number of worker threads: `requested`, or one per active core.
  package static func threads(_ requested: Int?) -> Int {
    max(1, requested ?? ProcessInfo.processInfo.activeProcessorCount)
  }

  /// Calls `body(worker, item)` for every item in `0..<count`, on `threads` workers, each taking
  /// the next item not yet taken (so a worker slowed by the machine takes fewer). Whatever the
  /// thread count or the order, each item is computed by the same code from the same inputs and
  /// writes only its own results, so results never depend on them.
  package static func forEach(
    _ count: Int, threads: Int, _ body: @Sendable (_ worker: Int, _ item: Int) -> Void
  ) {
    let workers = min(threads, max(count, 1))
    if workers <= 1 {
      for i in 0..<count { body(0, i) }
      return
    }
    let next = _Counter()
    DispatchQueue.concurrentPerform(iterations: workers) { w in
      while true {
        let i = next.value.add(1, ordering: .relaxed).oldValue
        guard i < count else { return }
        body(w, i)
      }
    }
  }
}

/// A shared counter of items taken.
final class _Counter: Sendable {
  let value = Atomic<Int>(0)
}
