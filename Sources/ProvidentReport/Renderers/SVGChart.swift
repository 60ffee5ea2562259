// Charts drawn by us as SVG: title, axes with units, legend, viewBox, role="img".
import ProvidentCore

/// Draws a `Chart` as a self-contained SVG element.
public enum SVGChart {
  static let width = 720.0
  static let height = 380.0
  static let left = 86.0
  static let right = 20.0
  static let top = 44.0
  static let bottom = 84.0
  /// Colour-blind-safe palette (Okabe–Ito).
  static let palette = [
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
  ]

  /// The chart as `<svg …>…</svg>`; `id` makes the title's element id unique in a page.
  /// `standalone` adds the SVG namespace, which a file or data URI needs and inline HTML does not.
  public static func render(_ chart: Chart, id: String, standalone: Bool = true) -> String {
    let plotW = width - left - right
    let plotH = height - top - bottom
    var yMax = 0.0
    var yMin = 0.0
    switch chart.kind {
    case .line, .bars:
      for s in chart.series {
        for v in s.values {
          yMax = max(yMax, v)
          yMin = min(yMin, v)
        }
      }
    case .stackedBars:
      let n = chart.series.map(\.values.count).max() ?? 0
      for i in 0..<n {
        yMax = max(
          yMax, chart.series.reduce(0) { $0 + (i < $1.values.count ? max(0, $1.values[i]) : 0) })
      }
    }
    let yTicks = niceTicks(min: yMin, max: yMax == yMin ? yMin + 1 : yMax, count: 5)
    let yLo = yTicks.first ?? 0
    let yHi = yTicks.last ?? 1
    // Large amounts print in millions (or billions), the axis label saying so.
    let (scale, scaleNote) =
      max(abs(yLo), abs(yHi)) >= 1e10
      ? (1e9, " ×10⁹") : max(abs(yLo), abs(yHi)) >= 1e7 ? (1e6, " ×10⁶") : (1.0, "")
    func y(_ v: Double) -> Double { top + plotH - (v - yLo) / (yHi - yLo) * plotH }

    var out = """
      <svg\(standalone ? " xmlns=\"http://www.w3.org/2000/svg\"" : "") viewBox="0 0 \(fmt(width)) \(fmt(height))" role="img" aria-labelledby="\(id)-title" class="chart">
      <title id="\(id)-title">\(htmlEscaped(chart.title))</title>
      <rect x="0" y="0" width="\(fmt(width))" height="\(fmt(height))" fill="#ffffff"/>
      <text x="\(fmt(width / 2))" y="24" text-anchor="middle" font-size="16" font-weight="600">\(htmlEscaped(chart.title))</text>

      """
    // Horizontal grid and y labels.
    for t in yTicks {
      out +=
        "<line x1=\"\(fmt(left))\" y1=\"\(fmt(y(t)))\" x2=\"\(fmt(width - right))\" y2=\"\(fmt(y(t)))\" stroke=\"#e0e0e0\"/>\n"
      out +=
        "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(y(t) + 4))\" text-anchor=\"end\" font-size=\"11\">\(axisNumber(t / scale))</text>\n"
    }
    out +=
      "<line x1=\"\(fmt(left))\" y1=\"\(fmt(top + plotH))\" x2=\"\(fmt(width - right))\" y2=\"\(fmt(top + plotH))\" stroke=\"#333333\"/>\n"
    out +=
      "<line x1=\"\(fmt(left))\" y1=\"\(fmt(top))\" x2=\"\(fmt(left))\" y2=\"\(fmt(top + plotH))\" stroke=\"#333333\"/>\n"
    // Axis labels with units.
    out +=
      "<text x=\"\(fmt(left + plotW / 2))\" y=\"\(fmt(top + plotH + 36))\" text-anchor=\"middle\" font-size=\"12\">\(htmlEscaped(chart.xLabel))</text>\n"
    out +=
      "<text x=\"16\" y=\"\(fmt(top + plotH / 2))\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 16 \(fmt(top + plotH / 2)))\">\(htmlEscaped(chart.yLabel + scaleNote))</text>\n"

    switch chart.kind {
    case .line:
      let xs = chart.x
      let xLo = xs.first ?? 0
      let xHi = max(xs.last ?? 1, xLo + 1)
      func x(_ v: Double) -> Double { left + (v - xLo) / (xHi - xLo) * plotW }
      for t in niceTicks(min: xLo, max: xHi, count: 6) where t >= xLo && t <= xHi {
        out +=
          "<text x=\"\(fmt(x(t)))\" y=\"\(fmt(top + plotH + 16))\" text-anchor=\"middle\" font-size=\"11\">\(axisNumber(t))</text>\n"
      }
      for (i, s) in chart.series.enumerated() {
        let points = zip(xs, s.values).map { "\(fmt(x($0))),\(fmt(y($1)))" }.joined(separator: " ")
        out +=
          "<polyline fill=\"none\" stroke=\"\(palette[i % palette.count])\" stroke-width=\"2\" points=\"\(points)\"/>\n"
      }
    case .stackedBars:
      let n = chart.series.map(\.values.count).max() ?? 0
      let xs = chart.x.count == n ? chart.x : (1...max(n, 1)).map(Double.init)
      let barW = plotW / Double(max(n, 1))
      let step = max(1, n / 6)
      for i in stride(from: 0, to: n, by: step) {
        out +=
          "<text x=\"\(fmt(left + (Double(i) + 0.5) * barW))\" y=\"\(fmt(top + plotH + 16))\" text-anchor=\"middle\" font-size=\"11\">\(axisNumber(xs[i]))</text>\n"
      }
      for (si, s) in chart.series.enumerated() {
        var path = ""
        for i in 0..<min(n, s.values.count) {
          let below = chart.series[..<si].reduce(0) {
            $0 + (i < $1.values.count ? max(0, $1.values[i]) : 0)
          }
          let v = max(0, s.values[i])
          let x0 = left + Double(i) * barW
          path += "M\(fmt(x0)) \(fmt(y(below + v)))h\(fmt(barW))V\(fmt(y(below)))h\(fmt(-barW))Z"
        }
        out += "<path fill=\"\(palette[si % palette.count])\" d=\"\(path)\"/>\n"
      }
    case .bars:
      let n = chart.categories.count
      let slot = plotW / Double(max(n, 1))
      let values = chart.series.first?.values ?? []
      for (i, name) in chart.categories.enumerated() {
        let v = i < values.count ? values[i] : 0
        let x0 = left + Double(i) * slot + slot * 0.15
        out +=
          "<rect x=\"\(fmt(x0))\" y=\"\(fmt(y(max(v, 0))))\" width=\"\(fmt(slot * 0.7))\" height=\"\(fmt(abs(y(v) - y(0))))\" fill=\"\(palette[0])\"/>\n"
        out +=
          "<text x=\"\(fmt(x0 + slot * 0.35))\" y=\"\(fmt(top + plotH + 16))\" text-anchor=\"middle\" font-size=\"11\">\(htmlEscaped(name))</text>\n"
        out +=
          "<text x=\"\(fmt(x0 + slot * 0.35))\" y=\"\(fmt(y(max(v, 0)) - 4))\" text-anchor=\"middle\" font-size=\"11\">\(axisNumber(v))</text>\n"
      }
    }
    // Legend.
    var lx = left
    let ly = height - 22
    for (i, s) in chart.series.enumerated() {
      out +=
        "<rect x=\"\(fmt(lx))\" y=\"\(fmt(ly - 10))\" width=\"12\" height=\"12\" fill=\"\(palette[i % palette.count])\"/>\n"
      out +=
        "<text x=\"\(fmt(lx + 18))\" y=\"\(fmt(ly))\" font-size=\"12\">\(htmlEscaped(s.name))</text>\n"
      lx += 30 + Double(TextTable.displayWidth(s.name)) * 7
    }
    out += "</svg>"
    return out
  }

  /// "Nice" tick values (1, 2, 2.5 or 5 × 10ᵏ) covering `min…max`.
  static func niceTicks(min lo: Double, max hi: Double, count: Int) -> [Double] {
    guard hi > lo, hi.isFinite, lo.isFinite else { return [lo, lo + 1] }
    let raw = (hi - lo) / Double(count)
    let magnitude = pow10(floorLog10(raw))
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].map { $0 * magnitude }.first { $0 >= raw } ?? raw
    var ticks: [Double] = []
    var t = (lo / step).rounded(.down) * step
    while t < hi + step * 0.5 {
      ticks.append(t)
      t += step
    }
    if let last = ticks.last, last < hi { ticks.append(last + step) }
    return ticks
  }

  static func floorLog10(_ x: Double) -> Int {
    var e = 0
    var v = x
    while v >= 10 {
      v /= 10
      e += 1
    }
    while v < 1 {
      v *= 10
      e -= 1
    }
    return e
  }

  static func pow10(_ e: Int) -> Double {
    var r = 1.0
    if e >= 0 { for _ in 0..<e { r *= 10 } } else { for _ in 0..<(-e) { r /= 10 } }
    return r
  }

  /// A coordinate with one decimal, independent of locale: `12.5`, `-3`.
  static func fmt(_ v: Double) -> String {
    let tenths = Int64((v * 10).rounded())
    let sign = tenths < 0 ? "-" : ""
    let m = tenths.magnitude
    return m % 10 == 0 ? "\(sign)\(m / 10)" : "\(sign)\(m / 10).\(m % 10)"
  }

  /// An axis label: whole numbers with thousands separators, or two decimals below 10.
  static func axisNumber(_ v: Double) -> String {
    if abs(v) < 10 && v != v.rounded() {
      return Money(fen: Int64((v * 100).rounded())).formatted(grouping: true)
    }
    let whole = Money(fen: Int64(v.rounded()) * 100).formatted(grouping: true)
    return String(whole.dropLast(3))
  }
}

/// Text for HTML and SVG: `&`, `<`, `>`, `"` and `'` escaped. The one escaping helper.
public func htmlEscaped(_ s: String) -> String {
  var out = ""
  out.reserveCapacity(s.count)
  for ch in s {
    switch ch {
    case "&": out += "&amp;"
    case "<": out += "&lt;"
    case ">": out += "&gt;"
    case "\"": out += "&quot;"
    case "'": out += "&#39;"
    default: out.append(ch)
    }
  }
  return out
}
