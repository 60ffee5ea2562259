// The book as lanes: the columns a kernel reads, loan by loan, in block order.
import ProvidentCore

/// Each lane's state at the as-of date, one buffer per field (blocks fill their own lanes in
/// parallel; the kernels read them without bounds checks).
package final class _Lanes: @unchecked Sendable {
  package let count: Int
  package let balance: UnsafeMutablePointer<Int64>
  /// Units of 10⁻⁸ (at most 36 % = 3.6·10⁷).
  package let rate: UnsafeMutablePointer<Int32>
  /// The book's installment, or −1.
  package let payment: UnsafeMutablePointer<Int64>
  package let remaining: UnsafeMutablePointer<Int16>
  package let age: UnsafeMutablePointer<Int16>
  package let equalPrincipal: UnsafeMutablePointer<Bool>
  package let overdue: UnsafeMutablePointer<Int16>

  /// Uninitialized lanes: the plan writes those its blocks use, padding included (`pad(_:)`).
  package init(count: Int) {
    self.count = count
    balance = .allocate(capacity: max(count, 1))
    rate = .allocate(capacity: max(count, 1))
    payment = .allocate(capacity: max(count, 1))
    remaining = .allocate(capacity: max(count, 1))
    age = .allocate(capacity: max(count, 1))
    equalPrincipal = .allocate(capacity: max(count, 1))
    overdue = .allocate(capacity: max(count, 1))
  }

  /// A padding lane: no loan, no balance.
  @inline(__always)
  package func pad(_ lane: Int) {
    balance[lane] = 0
    rate[lane] = 0
    payment[lane] = -1
    remaining[lane] = 0
    age[lane] = 0
    equalPrincipal[lane] = false
    overdue[lane] = 0
  }

  deinit {
    balance.deallocate()
    rate.deallocate()
    payment.deallocate()
    remaining.deallocate()
    age.deallocate()
    equalPrincipal.deallocate()
    overdue.deallocate()
  }
}
