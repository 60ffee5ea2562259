// Synthetic loan-month panels: loans followed month by month through arrears, cures and exits.
import Foundation
import ProvidentPortfolio

/// A seeded generator of loan-month panels in the format of `docs/file-formats.md`.
///
/// Each loan starts in the first month with a balance (lognormal around 40万) and usually no
/// arrears, then each month, with `o` periods overdue (all rates ILLUSTRATIVE, monthly):
///
/// | state | what happens |
/// |---|---|
/// | `o = 0` | misses the installment (→ 1) with the region's rate × the product's factor; repays in full (prepaid or matured) with 0.6 %; else pays and amortizes 0.35 % |
/// | `o ≥ 1` | cures (→ 0) with 55, 35, 20, 10, 5 % at 1–5 periods and 2 % after; pays one installment (stays at `o`) with 15 %; else falls behind (→ `o + 1`) |
/// | `o ≥ 6` | written off with 8 % before anything else |
///
/// Miss rates: GD 0.4 %, JS 0.25 %, HN 0.8 %; commercial parts miss 1.5 × as often. The
/// `cumulative_overdue` column counts month-ends in arrears, starting from a drawn history. The
/// same seed gives the same bytes on every machine.
public struct PanelGenerator: Sendable {
  public var seed: UInt64
  public var loans: Int
  public var months: Int
  /// The panel's first month.
  public var start: CalendarMonth

  public static let defaultStart = CalendarMonth(index: 2023 * 12)

  public init(
    seed: UInt64, loans: Int, months: Int, start: CalendarMonth = PanelGenerator.defaultStart
  ) {
    self.seed = seed
    self.loans = loans
    self.months = months
    self.start = start
  }

  static let regions: [(code: String, miss: Double)] = [
    ("GD", 0.004), ("JS", 0.0025), ("HN", 0.008),
  ]
  static let cure: [Double] = [0.55, 0.35, 0.2, 0.1, 0.05, 0.02]

  /// The panel as CSV text.
  public func csv() -> String { String(decoding: bytes(), as: UTF8.self) }

  /// Writes the panel to `path` through a temporary file renamed into place.
  ///
  /// - Throws: `BookError` when the file cannot be written.
  public func write(toFile path: String) throws(BookError) {
    let temporary = path + ".partial-\(getpid())"
    do {
      try Data(bytes()).write(to: URL(fileURLWithPath: temporary))
    } catch {
      throw BookError("cannot write \(path): \(error.localizedDescription)", kind: .unwritable)
    }
    guard rename(temporary, path) == 0 else {
      unlink(temporary)
      throw BookError(
        "cannot write \(path): \(String(cString: strerror(errno)))", kind: .unwritable)
    }
  }

  func bytes() -> [UInt8] {
    var w = _ByteWriter()
    w.text("# Synthetic loan-month panel: gjj data panel --loans \(loans) --months \(months)")
    w.text(" --seed \(seed) --start \(start)\n")
    w.text(
      "# Behaviour: PanelGenerator (ILLUSTRATIVE rates, docs/file-formats.md); not real loans.\n")
    w.text("loan_id,month,overdue,balance,event,cumulative_overdue,region,product\n")
    var rng = _Xoshiro(seed: seed)
    for i in 0..<loans {
      let region = Self.regions[Int(rng.next() % UInt64(Self.regions.count))]
      let commercial = rng.unit() < 0.15
      let miss = region.miss * (commercial ? 1.5 : 1)
      var balance = Int64((400_000 * _exp(0.45 * rng.normal())).rounded()) * 100
      balance = min(max(balance, 5_000_000), 200_000_000)
      var overdue = rng.unit() < 0.02 ? 1 + Int(rng.next() % 3) : 0
      var cumulative = overdue + (rng.unit() < 0.05 ? 1 + Int(rng.next() % 3) : 0)
      let id = "L" + String(100_000 + i)
      let tail = "," + region.code + "," + (commercial ? "commercial" : "provident") + "\n"
      for t in 0..<months {
        var event = ""
        if t > 0 {
          if overdue >= 6 && rng.unit() < 0.08 {
            event = "written-off"
          } else if overdue == 0 {
            let u = rng.unit()
            if u < miss {
              overdue = 1
            } else if u < miss + 0.006 {
              event = "prepaid"
            } else {
              balance -= balance * 35 / 10_000
            }
          } else {
            let u = rng.unit()
            let cure = Self.cure[min(overdue, Self.cure.count) - 1]
            if u < cure {
              overdue = 0
            } else if u >= cure + 0.15 {
              overdue += 1
            }
          }
          if event.isEmpty && overdue > 0 { cumulative += 1 }
        }
        w.text(id + "," + start.adding(months: t).description + ",")
        w.int(Int64(overdue))
        w.comma()
        w.fixed(balance, places: 2)
        w.text("," + event + ",")
        w.int(Int64(cumulative))
        w.text(tail)
        if !event.isEmpty { break }
      }
    }
    return w.bytes
  }
}
