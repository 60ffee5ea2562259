// Running blocks on all cores, deterministically.
import Dispatch
import Foundation

/// A raw pointer that may cross threads: each thread writes only its own, disjoint elements.
struct _SharedPointer<T>: @unchecked Sendable {
  let base: UnsafeMutablePointer<T>
  init(_ base: UnsafeMutablePointer<T>) { self.base = base }
  @inline(__always) subscript(_ i: Int) -> T {
    get { base[i] }
    nonmutating set { base[i] = newValue }
  }
}

enum _Parallel {
  /// The number of worker threads: `requested`, or one per active core.
  static func threads(_ requested: Int?) -> Int {
    max(1, requested ?? ProcessInfo.processInfo.activeProcessorCount)
  }

  /// Calls `body(worker, item)` for every item in `0..<count`, on `threads` workers: worker `w`
  /// takes items `w, w + threads, w + 2·threads, …` in order. Whatever the thread count, each item
  /// is computed by the same code from the same inputs, so per-item results never depend on it.
  static func forEach(
    _ count: Int, threads: Int, _ body: @Sendable (_ worker: Int, _ item: Int) -> Void
  ) {
    let workers = min(threads, max(count, 1))
    if workers <= 1 {
      for i in 0..<count { body(0, i) }
      return
    }
    DispatchQueue.concurrentPerform(iterations: workers) { w in
      var i = w
      while i < count {
        body(w, i)
        i += workers
      }
    }
  }
}
