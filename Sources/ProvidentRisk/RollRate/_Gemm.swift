// Row-major matrix products through OpenBLAS (CBLAS).
internal import CLinearAlgebra

enum _Gemm {
  /// `C = A·B` for row-major `A` (m×k), `B` (k×n) and `C` (m×n), through `cblas_dgemm`.
  ///
  /// Not inlinable: CBLAS is an internal import. Callers running their own threads call
  /// `singleThreaded()` first (docs/performance.md: OpenBLAS's threads would oversubscribe the cores).
  static func multiply(
    _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, into c: UnsafeMutablePointer<Double>,
    m: Int, k: Int, n: Int
  ) {
    cblas_dgemm(
      CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1, a, Int32(k), b,
      Int32(n), 0, c, Int32(n))
  }

  /// `A·B` of two square row-major matrices of side `n`.
  static func product(_ a: [Double], _ b: [Double], side n: Int) -> [Double] {
    var c = [Double](repeating: 0, count: n * n)
    a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in
        c.withUnsafeMutableBufferPointer { pc in
          multiply(pa.baseAddress!, pb.baseAddress!, into: pc.baseAddress!, m: n, k: n, n: n)
        }
      }
    }
    return c
  }

  /// Keeps OpenBLAS to the calling thread (our own loops are the parallel ones).
  static func singleThreaded() { openblas_set_num_threads(1) }
}
