// Charts as data: lines and bars, drawn as SVG by `SVGChart`.

/// A chart: lines (balance over time, scenarios), stacked bars (principal and interest per
/// installment) or bars (counts by category).
public struct Chart: Hashable, Sendable {
  public enum Kind: Hashable, Sendable {
    case line
    /// Each x has one bar per series, stacked.
    case stackedBars
    /// One bar per category (`categories`), one series.
    case bars
  }

  public struct Series: Hashable, Sendable {
    public let name: String
    public let values: [Double]
    public init(_ name: String, _ values: [Double]) {
      self.name = name
      self.values = values
    }
  }

  public var kind: Kind
  public var title: String
  public var xLabel: String
  public var yLabel: String
  /// x positions (installment numbers, months); for `.bars`, ignored in favour of `categories`.
  public var x: [Double]
  public var categories: [String]
  public var series: [Series]

  public init(
    kind: Kind, title: String, xLabel: String, yLabel: String, x: [Double] = [],
    categories: [String] = [], series: [Series]
  ) {
    self.kind = kind
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.x = x
    self.categories = categories
    self.series = series
  }
}
