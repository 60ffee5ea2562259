// What every command's result offers: a table for people, CSV and JSON for programs.

/// A result that renders as a terminal table, CSV and JSON.
public protocol RenderableReport {
  /// The table in `lang`; with `rows` false, without the installment rows (the summary only).
  func table(_ lang: Language, rows: Bool) -> String
  func csv() -> String
  func json() -> JSONValue
}

extension AmortizationReport: RenderableReport {}
extension TimelineReport: RenderableReport {}
extension CombinationReport: RenderableReport {}
