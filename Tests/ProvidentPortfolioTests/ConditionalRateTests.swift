// CPR ↔ SMM and the curves (docs/risk-models.md §5).
import ProvidentPortfolio
import Testing

@Suite("CPR and SMM")
struct ConditionalRateTests {
  /// docs/risk-models.md §5's table, printed to 10 decimals: tolerance 5e-11.
  @Test(arguments: [
    (0.02, 0.0016821426), (0.05, 0.0042653188), (0.06, 0.0051430128), (0.08, 0.0069243826),
    (0.10, 0.0087416110), (0.15, 0.0134519470), (0.25, 0.0236884242), (0.4344, 0.0463790502),
    (0.63, 0.0795147995),
  ])
  func riskVectors(_ cpr: Double, _ smm: Double) {
    #expect(abs(ConditionalRate.monthly(annual: cpr) - smm) < 5e-11)
  }

  @Test func reverseVector() {
    #expect(abs(ConditionalRate.annual(monthly: 0.01) - 0.1136151283) < 5e-11)
  }

  /// The round trip holds to 1e-15 (docs/risk-models.md §5 invariant).
  @Test func roundTrip() {
    for cpr in stride(from: 0.0, through: 0.99, by: 0.01) {
      #expect(
        abs(ConditionalRate.annual(monthly: ConditionalRate.monthly(annual: cpr)) - cpr) < 1e-15)
    }
    #expect(ConditionalRate.monthly(annual: 0) == 0)
    #expect(ConditionalRate.monthly(annual: 1) == 1)
  }

  /// PSA 100: 0.2 % CPR in month 1, rising 0.2 % a month to 6 % at 30 months, then flat.
  @Test func psaRamp() {
    let psa = RateCurve.psa(100)
    #expect(abs(psa.annualRate(month: 1, age: 1) - 0.002) < 1e-15)
    #expect(abs(psa.annualRate(month: 1, age: 15) - 0.03) < 1e-15)
    #expect(psa.annualRate(month: 1, age: 30) == 0.06)
    #expect(psa.annualRate(month: 1, age: 200) == 0.06)
    #expect(abs(RateCurve.psa(150).annualRate(month: 9, age: 40) - 0.09) < 1e-15)
  }

  @Test func vectorHoldsItsLastValue() {
    let v = RateCurve.monthly([0.01, 0.02, 0.03])
    #expect(v.annualRate(month: 1, age: 99) == 0.01)
    #expect(v.annualRate(month: 3, age: 0) == 0.03)
    #expect(v.annualRate(month: 50, age: 0) == 0.03)
  }
}
