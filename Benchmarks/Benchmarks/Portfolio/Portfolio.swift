// The portfolio engine at the scale of a large centre: a million loans. The book and the
// scenarios are in Shared/PortfolioWorkloads.swift.
import Benchmark
import Foundation
import ProvidentCore
import ProvidentPortfolio

let loans = 1_000_000

/// Built once, before the first benchmark that needs it (not measured).
let book: LoanBook = PortfolioWorkloads.book(loans: loans)
let batch: LoanBatch = book.batch()
let bookFile: String = {
  let path = FileManager.default.temporaryDirectory.appending(
    path: "provident-bench-\(getpid()).csv"
  ).path
  PortfolioWorkloads.writeBook(loans: loans, toFile: path)
  return path
}()

let calibratedFile: String = {
  let path = FileManager.default.temporaryDirectory
    .appending(path: "provident-bench-calibrated-\(getpid()).csv").path
  PortfolioWorkloads.writeCalibratedBook(loans: loans, toFile: path)
  return path
}()

let frozen = PortfolioWorkloads.frozen
let cprCdr = PortfolioWorkloads.cprCdr

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
    maxDuration: window(.seconds(10)),
    maxIterations: samples(20),
    // Peak memory (≈ 150 MB; the engine's limit is 1 GiB) is steady.
    thresholds: gateThresholds())

  Benchmark(
    "Portfolio.payments", configuration: .init(maxIterations: samples(200)),
    closure: { benchmark in
      for _ in benchmark.scaledIterations { blackHole(batch.payments()) }
    }, setup: { _ = batch })

  Benchmark(
    "Portfolio.ledgerPayments.exact",
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
      name,
      closure: { benchmark in
        for _ in benchmark.scaledIterations {
          blackHole(try! book.project([scenario], options: .init(mode: mode, threads: threads)))
        }
      }, setup: { _ = book })
  }

  // The same projection on a book prepared once (grouped by segment and term): the kernel alone.
  let preparedOptions = ProjectionOptions(mode: .fast)
  Benchmark(
    "Portfolio.project360.cprcdr.fast.prepared",
    closure: { benchmark in
      let prepared = try! book.prepared(rates: .frozen, options: preparedOptions)
      benchmark.startMeasurement()
      for _ in benchmark.scaledIterations { blackHole(try! prepared.project([cprCdr])) }
    }, setup: { _ = book })

  Benchmark(
    "Portfolio.csvLoad",
    closure: { benchmark in
      for _ in benchmark.scaledIterations { blackHole(try! LoanBook.load(path: bookFile)) }
    }, setup: { _ = bookFile }, teardown: { try? FileManager.default.removeItem(atPath: bookFile) })

  // The calibrated book: every column filled (products, regions, dated loans part-way through).
  Benchmark(
    "Portfolio.csvLoad.calibrated",
    closure: { benchmark in
      for _ in benchmark.scaledIterations { blackHole(try! LoanBook.load(path: calibratedFile)) }
    }, setup: { _ = calibratedFile },
    teardown: { try? FileManager.default.removeItem(atPath: calibratedFile) })
}
