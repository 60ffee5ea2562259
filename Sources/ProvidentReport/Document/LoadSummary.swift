// What reading a book or panel gave: rows read, accepted and rejected, rendered the same way in
// every report that reads one (key figures, the rejected-rows table and chart, JSON).
import ProvidentCore
import ProvidentPortfolio

/// Rows read, accepted and rejected (each rejection with its line, column and reason); `read` is
/// `accepted + rejections.count`.
public struct LoadSummary: Hashable, Sendable {
  public let read: Int
  public let accepted: Int
  public let rejections: [BookRejection]

  public init(read: Int, accepted: Int, rejections: [BookRejection]) {
    self.read = read
    self.accepted = accepted
    self.rejections = rejections
  }

  /// Rows read, accepted, rejected: the report's parameters.
  func pairs(_ lang: Language) -> [Pair] {
    [
      Pair(lang.pick("Rows read", "读取行数"), String(read)),
      Pair(lang.pick("Accepted", "接受"), String(accepted)),
      Pair(lang.pick("Rejected", "拒绝"), String(rejections.count)),
    ]
  }

  /// `{"read", "accepted", "rejected"}` (under `countsKey`) and the rejections, for JSON.
  func json(countsKey: String = "rows") -> [(String, JSONValue)] {
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

  /// The rejected rows as a table (`limit` at most, with a line saying how many more) and their
  /// count by column as a bar chart; nothing when none was rejected.
  func blocks(_ lang: Language, limit: Int = 20) -> [Block] {
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
    return blocks
  }
}
