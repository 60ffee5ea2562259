// The portfolio engine at the scale of a large centre: a million loans (issue 5).
//
// The book is PERFORMANCE.md's workload, `gjj data generate --loans 1000000 --seed 7 --profile
// uniform`: new loans, principal U(100k, 2M), rate U(2 %, 5 %), term U(60, 360) months, equal
// installment; CPR 8 %, CDR 0.5 %. Benchmarks/peers/ runs numpy, numpy-financial and QuantLib on
// the same file.
import Benchmark
import Foundation
import ProvidentCore
import ProvidentPortfolio

let loans = 1_000_000

/// Built once, before the first benchmark that needs it (not measured).
let book: LoanBook = BookGenerator(profile: .uniform, seed: 7).book(loans: loans)
let batch: LoanBatch = book.batch()
let bookFile: String = {
  let path = FileManager.default.temporaryDirectory.appending(path: "provident-bench-\(getpid()).csv").path
  try! BookGenerator(profile: .uniform, seed: 7).write(loans: loans, toFile: path)
  return path
}()

let frozen = Scenario(name: "scheduled", rates: .frozen, defaultAfterOverdue: nil)
let cprCdr = Scenario(
  name: "cpr8-cdr0.5", prepayment: .constant(0.08), defaults: .constant(0.005), severity: 0.3,
  recoveryLagMonths: 12, rates: .frozen, defaultAfterOverdue: nil)

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal, .peakMemoryResident],
    maxDuration: .seconds(10),
    maxIterations: 20)
  let tags = ["loans": "\(loans)"]

  Benchmark(
    "Portfolio.payments", configuration: .init(tags: tags, maxIterations: 200),
    closure: { benchmark in
      for _ in benchmark.scaledIterations { blackHole(batch.payments()) }
    }, setup: { _ = batch })

  Benchmark(
    "Portfolio.ledgerPayments.exact", configuration: .init(tags: tags),
    closure: { benchmark in
      for _ in benchmark.scaledIterations { blackHole(book.ledgerPayments()) }
    }, setup: { _ = book })

  for (name, scenario, mode, threads) in [
    ("Portfolio.project360.scheduled.fast", frozen, ProjectionMode.fast, nil as Int?),
    ("Portfolio.project360.cprcdr.fast", cprCdr, .fast, nil),
    ("Portfolio.project360.cprcdr.fast.1thread", cprCdr, .fast, 1),
    ("Portfolio.ledger360.exact", frozen, .exact, nil),
    ("Portfolio.ledger360.exact.1thread", frozen, .exact, 1),
    ("Portfolio.project360.cprcdr.exact", cprCdr, .exact, nil),
  ] {
    Benchmark(
      name, configuration: .init(tags: tags),
      closure: { benchmark in
        for _ in benchmark.scaledIterations {
          blackHole(try! book.project([scenario], options: .init(mode: mode, threads: threads)))
        }
      }, setup: { _ = book })
  }

  // The same projection on a book prepared once (grouped by segment and term): the kernel alone.
  let preparedOptions = ProjectionOptions(mode: .fast)
  Benchmark(
    "Portfolio.project360.cprcdr.fast.prepared", configuration: .init(tags: tags),
    closure: { benchmark in
      let prepared = try! book.prepared(rates: .frozen, options: preparedOptions)
      benchmark.startMeasurement()
      for _ in benchmark.scaledIterations { blackHole(try! prepared.project([cprCdr])) }
    }, setup: { _ = book })

  Benchmark(
    "Portfolio.csvLoad", configuration: .init(tags: tags),
    closure: { benchmark in
      for _ in benchmark.scaledIterations { blackHole(try! LoanBook.load(path: bookFile)) }
    }, setup: { _ = bookFile }, teardown: { try? FileManager.default.removeItem(atPath: bookFile) })
}
