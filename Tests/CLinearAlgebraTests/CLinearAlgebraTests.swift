// OpenBLAS (CBLAS) and LAPACKE linked and callable from Swift, with numbers checked by hand.
import CLinearAlgebra
import Testing

@Suite("CLinearAlgebra")
struct CLinearAlgebraTests {
  @Test func dgemm() {
    // [1 2; 3 4] · [5 6; 7 8] = [19 22; 43 50], row-major.
    let a: [Double] = [1, 2, 3, 4]
    let b: [Double] = [5, 6, 7, 8]
    var c = [Double](repeating: 0, count: 4)
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 2, 2, 2, 1, a, 2, b, 2, 0, &c, 2)
    #expect(c == [19, 22, 43, 50])
  }

  @Test func dpotrf() {
    // A = L·Lᵀ with L = [2 0 0; 1 3 0; 4 5 6] (chosen by hand):
    // A = [4 2 8; 2 10 19; 8 19 77].
    var a: [Double] = [4, 2, 8, 2, 10, 19, 8, 19, 77]
    let lower = CChar(truncatingIfNeeded: UInt8(ascii: "L"))
    let info = LAPACKE_dpotrf(LAPACK_ROW_MAJOR, lower, 3, &a, 3)
    #expect(info == 0)
    let l = [a[0], 0, 0, a[3], a[4], 0, a[6], a[7], a[8]]
    let expected: [Double] = [2, 0, 0, 1, 3, 0, 4, 5, 6]
    for (x, y) in zip(l, expected) { #expect(abs(x - y) < 1e-12) }
  }

  @Test func dpotrfReportsTheFailingMinor() {
    // [1 2; 2 1] has determinant −3: not positive definite at leading minor 2.
    var a: [Double] = [1, 2, 2, 1]
    let info = LAPACKE_dpotrf(
      LAPACK_ROW_MAJOR, CChar(truncatingIfNeeded: UInt8(ascii: "L")), 2, &a, 2)
    #expect(info == 2)
  }
}
