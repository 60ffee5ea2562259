// A city's loan-ratio tables by period, as the liquidity path reads them.
import ProvidentCore
import ProvidentPolicy
import Testing

@Suite("Loan-ratio gates by period")
struct LoanRatioGateTests {
  @Test func changshaHasOneUndatedMultipleTable() throws {
    let periods = try PolicyLibrary.bundled.loanRatioGates(city: "changsha")
    #expect(periods.count == 1)
    #expect(periods[0].from == nil && periods[0].to == nil)
    let bands = try #require(periods[0].balanceMultiple?.value)
    #expect(bands.map(\.payload) == [20, 16, 15, 14, 13, 12])
    #expect(periods[0].balanceMultiple?.citation.sources == ["S92"])
    #expect(periods[0].conversion == nil)
  }

  /// Guangzhou's 商转公 draft applies from 2025-07-01; before it the city has no table.
  @Test func guangzhouConversionGateFromItsDate() throws {
    let periods = try PolicyLibrary.bundled.loanRatioGates(city: "guangzhou")
    #expect(periods.count == 1)
    #expect(periods[0].from == (try LocalDate(parsing: "2025-07-01")) && periods[0].to == nil)
    let gate = try #require(periods[0].conversion?.value)
    #expect(gate.map(\.payload) == [.open, .restricted, .suspended])
    #expect(gate.map(\.from.text) == ["0", "85", "90"])
  }

  @Test func aCityWithoutTablesHasNoPeriods() throws {
    #expect(try PolicyLibrary.bundled.loanRatioGates(city: "shenzhen").isEmpty)
    #expect(throws: PolicyLookupError.self) {
      try PolicyLibrary.bundled.loanRatioGates(city: "atlantis")
    }
  }
}
