// Floating-point analytics as text: fixed decimals without locale, and rejected rows as blocks.
import ProvidentCore
import ProvidentPortfolio

enum _Numbers {
  /// `x` rounded half away from zero to `places` decimals: `fixed(92454.8234, 2)` is `92454.82`.
  /// Non-finite values print as `—`.
  static func fixed(_ x: Double, _ places: Int) -> String {
    guard x.isFinite else { return "—" }
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    guard abs(x) * scale < 9e15 else { return String(x) }
    let scaled = Int64((abs(x) * scale).rounded())
    let negative = x < 0 && scaled != 0
    let whole = String(scaled / Int64(scale))
    var text = (negative ? "-" : "") + whole
    if places > 0 {
      let fraction = String(scaled % Int64(scale))
      text += "." + String(repeating: "0", count: places - fraction.count) + fraction
    }
    return text
  }

  /// `x` to two decimals, grouped by thousands as `Money` prints amounts: `grouped(92454.8234)` is
  /// `92,454.82` (rounded half away from zero, as `fixed`).
  static func grouped(_ x: Double) -> String {
    guard x.isFinite, abs(x) < 9e13 else { return fixed(x, 2) }
    return Money(fen: Int64((x * 100).rounded())).formatted(grouping: true)
  }

  /// A fraction as percent: `percent(0.789405, 4)` is `78.9405%`.
  static func percent(_ x: Double, _ places: Int) -> String { fixed(x * 100, places) + "%" }

  /// A probability or share for JSON: the shortest text that reads back to the same double.
  static func exact(_ x: Double) -> JSONValue { x.isFinite ? .number("\(x)") : .null }

  /// An amount for JSON, to `places` decimals.
  static func json(_ x: Double, _ places: Int) -> JSONValue {
    x.isFinite ? .number(fixed(x, places)) : .null
  }
}

extension Document {
  /// Rejected rows as a table (`limit` at most, with a line saying how many more) and their count
  /// by column as a bar chart: what a command prints for a file with bad rows.
  static func rejectionBlocks(_ rejections: [BookRejection], _ lang: Language, limit: Int = 20)
    -> [Block]
  {
    guard !rejections.isEmpty else { return [] }
    var blocks: [Block] = []
    var t = Table(
      title: lang.pick("Rejected rows", "拒绝的行"),
      header: [lang.pick("Line", "行"), lang.pick("Column", "列"), lang.pick("Reason", "原因")],
      alignments: [.right, .left, .left])
    for r in rejections.prefix(limit) { t.rows.append([String(r.line), r.column ?? "", r.reason]) }
    blocks.append(.table(t))
    if rejections.count > limit {
      blocks.append(
        .paragraph(
          lang.pick(
            "… and \(rejections.count - limit) more (--format json lists all)",
            "… 另有 \(rejections.count - limit) 行（--format json 列出全部）")))
    }
    var counts: [(String, Int)] = []
    for r in rejections {
      let key = r.column ?? lang.pick("row", "整行")
      if let i = counts.firstIndex(where: { $0.0 == key }) {
        counts[i].1 += 1
      } else {
        counts.append((key, 1))
      }
    }
    blocks.append(
      .chart(
        Chart(
          kind: .bars, title: lang.pick("Rejected rows by column", "按列统计的拒绝行"),
          xLabel: lang.pick("Column at fault", "出错的列"), yLabel: lang.pick("Rows", "行数"),
          categories: counts.map(\.0),
          series: [.init(lang.pick("Rows", "行数"), counts.map { Double($0.1) })])))
    return blocks
  }

  /// `{"read", "accepted", "rejected"}` (under `countsKey`) and the rejections, for JSON.
  static func rejectionJSON(
    read: Int, accepted: Int, _ rejections: [BookRejection], countsKey: String = "rows"
  ) -> [(String, JSONValue)] {
    [
      (
        countsKey,
        .object([
          ("read", .int(read)), ("accepted", .int(accepted)), ("rejected", .int(rejections.count)),
        ])
      ),
      (
        "rejections",
        .array(
          rejections.map {
            .object([
              ("line", .int($0.line)), ("column", $0.column.map(JSONValue.string) ?? .null),
              ("reason", .string($0.reason)),
            ])
          })
      ),
    ]
  }
}
