// Times the portfolio workloads on a book file and prints the timings and totals as JSON, for
// Benchmarks/peers/peers.py to set beside numpy, numpy-financial and QuantLib.
//
//   PeersRunner book.csv [--subset 2000] [--repeat 5]
import Foundation
import ProvidentCore
import ProvidentPortfolio

let arguments = Array(CommandLine.arguments.dropFirst())
guard let path = arguments.first else {
  FileHandle.standardError.write(
    Data("usage: PeersRunner book.csv [--subset N] [--repeat N]\n".utf8))
  exit(64)
}
func option(_ name: String, _ fallback: Int) -> Int {
  guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count,
    let v = Int(arguments[i + 1])
  else { return fallback }
  return v
}
let subsetSize = option("--subset", 2000)
let repeats = option("--repeat", 5)

/// The best of `repeats` runs, in seconds, and the last result.
func best<T>(_ body: () throws -> T) rethrows -> (seconds: Double, result: T) {
  var fastest = Double.infinity
  var result: T? = nil
  for _ in 0..<repeats {
    let start = DispatchTime.now().uptimeNanoseconds
    result = try body()
    fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  }
  return (fastest, result!)
}

let frozen = Scenario(name: "scheduled", rates: .frozen, defaultAfterOverdue: nil)
let cprCdr = Scenario(
  name: "cpr8-cdr0.5", prepayment: .constant(0.08), defaults: .constant(0.005), severity: 0.3,
  recoveryLagMonths: 12, rates: .frozen, defaultAfterOverdue: nil)

let load = try best { try LoanBook.load(path: path) }
let book = load.result.book
let batch = book.batch()
let payments = best { batch.payments() }
let ledgerPayments = best { book.ledgerPayments() }
let scheduled = try best { try book.project([frozen], options: .init(mode: .fast)) }
let stressed = try best { try book.project([cprCdr], options: .init(mode: .fast)) }
let prepared = try book.prepared(rates: .frozen, options: .init(mode: .fast))
let kernel = try best { try prepared.project([cprCdr]) }
// One core, as numpy uses: a ratio that does not depend on the other core being free.
let stressedOneThread = try best {
  try book.project([cprCdr], options: .init(mode: .fast, threads: 1))
}
let scheduledOneThread = try best {
  try book.project([frozen], options: .init(mode: .fast, threads: 1))
}
let exact = try best { try book.project([frozen], options: .init(mode: .exact)) }
let subset = book.subset(Array(0..<min(subsetSize, book.count)))
let subsetFlows = try subset.project([frozen], options: .init(mode: .fast)).scenarios[0].book.totals

func totals(_ t: FlowTotals) -> [String: Any] {
  [
    "scheduledPrincipal": Double(t.scheduledPrincipal.fen) / 100,
    "interest": Double(t.interest.fen) / 100, "prepayment": Double(t.prepayment.fen) / 100,
    "default": Double(t.defaults.fen) / 100, "openingBalance": Double(t.openingBalance.fen) / 100,
  ]
}
let report: [String: Any] = [
  "loans": book.count,
  "threads": ProcessInfo.processInfo.activeProcessorCount,
  "seconds": [
    "csvLoad": load.seconds, "payments": payments.seconds, "ledgerPayments": ledgerPayments.seconds,
    "projectionScheduledFast": scheduled.seconds, "projectionCprCdrFast": stressed.seconds,
    "projectionCprCdrFastPrepared": kernel.seconds,
    "projectionCprCdrFast1Thread": stressedOneThread.seconds,
    "projectionScheduledFast1Thread": scheduledOneThread.seconds,
    "ledgerExact": exact.seconds,
  ],
  // Balances are in fen: the sum of installments in yuan.
  "paymentsSum": payments.result.reduce(0, +) / 100,
  "scheduled": totals(scheduled.result.scenarios[0].book.totals),
  "scheduledExact": totals(exact.result.scenarios[0].book.totals),
  "cprCdr": totals(stressed.result.scenarios[0].book.totals),
  "subset": ["loans": subset.count, "totals": totals(subsetFlows)],
]
let data = try JSONSerialization.data(
  withJSONObject: report, options: [.prettyPrinted, .sortedKeys])
print(String(decoding: data, as: UTF8.self))
