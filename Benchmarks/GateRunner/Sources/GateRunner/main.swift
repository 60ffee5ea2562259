// The benchmark gate's runner (Benchmarks/gate.sh, Benchmarks/compare.py): every workload of the
// package-benchmark suites, under the suite's own name and with the suite's own inputs (the
// Shared/*Workloads.swift files linked here), at two sizes.
//
//   GateRunner list                   each workload: NAME KIND (bulk or single, the latter for the
//                                     one-loan Ledger and Policy suites)
//   GateRunner count NAME [--setup-only]
//                                     runs NAME once at its counting size, for callgrind: thousands
//                                     of loans instead of a million, so that valgrind (≈ 50× slower)
//                                     takes seconds. gate.sh counts the run with and without the
//                                     call (`--setup-only` builds the same inputs and stops) and
//                                     takes the difference: the workload's own instructions.
//   GateRunner serve                  reads commands from standard input, one per line, and answers
//                                     each on one line:
//                                       time NAME   → "NAME NANOSECONDS": one sample at the suite's
//                                                     size (inputs built on first use, not timed)
//                                       cpu NAME    → "NAME NANOSECONDS THIS-THREAD PROCESS": the same,
//                                                     with the CPU time the calling thread and the
//                                                     whole process spent in the call (what other
//                                                     threads did is the difference)
//                                       quit
//
// compare.py keeps a baseline's and a candidate's runner serving side by side and sends them
// `time` in turn (A B B A …), so both are timed on the same machine within seconds of each other.
import Foundation
import ProvidentCore
import ProvidentPolicy
import ProvidentPortfolio

// The risk models moved to their own module; a baseline from before that finds them in Portfolio.
#if canImport(ProvidentRisk)
  import ProvidentRisk
#endif

/// The size a workload is built at.
enum Size {
  /// Small enough for callgrind.
  case count
  /// The suite's size.
  case time
}

/// One benchmark: how to build its inputs at a size, and the measured call.
struct Workload {
  enum Kind: String {
    /// A book, a batch, a simulation: gated on wall clock against the baseline.
    case bulk
    /// One loan's calculation, microseconds long: reported, not gated on wall clock.
    case single
  }

  let name: String
  let kind: Kind
  /// Builds the inputs at a size and returns the measured call.
  let make: (Size) -> () -> Int
}

/// Runs `body` `times` times and folds its results into one number, so nothing is optimized away.
@inline(never)
func measured(_ times: Int = 1, _ body: () -> Int) -> Int {
  var total = 0
  for _ in 0..<times { total &+= body() }
  return total
}

// MARK: - Inputs shared by several workloads, built once per process

/// The Portfolio suite's book: 1,000,000 loans (or `timed` when given), 4,096 for counting.
nonisolated(unsafe) var books: [Int: LoanBook] = [:]
func portfolioBook(_ size: Size, timed: Int = 1_000_000) -> LoanBook {
  let loans = size == .time ? timed : 4_096
  if let book = books[loans] { return book }
  let book = PortfolioWorkloads.book(loans: loans)
  books[loans] = book
  return book
}

/// The MonteCarlo suite's calibrated book (1,000,000 loans, 16,384 for counting) and its model.
nonisolated(unsafe) var stressModels: [Int: (LoanBook, StressModel)] = [:]
func stressSetting(_ size: Size) -> (LoanBook, StressModel) {
  let loans = size == .time ? 1_000_000 : 16_384
  if let setting = stressModels[loans] { return setting }
  let book = MonteCarloWorkloads.book(loans: loans)
  let setting = (book, MonteCarloWorkloads.stressModel(book))
  stressModels[loans] = setting
  return setting
}

/// Temporary CSV files, removed when the runner ends.
nonisolated(unsafe) var temporaryFiles: [String] = []
func temporaryBook(_ name: String, loans: Int, write: (Int, String) -> Void) -> String {
  let path = FileManager.default.temporaryDirectory
    .appending(path: "provident-gate-\(name)-\(getpid()).csv").path
  write(loans, path)
  temporaryFiles.append(path)
  return path
}
func removeTemporaryFiles() {
  for path in temporaryFiles { try? FileManager.default.removeItem(atPath: path) }
}

// MARK: - The workloads

/// A projection of the book; `timed`: the book's size when timed, when not the suite's million.
func projection(
  _ name: String, _ scenario: Scenario, _ mode: ProjectionMode, threads: Int?,
  timed: Int = 1_000_000
) -> Workload {
  Workload(name: name, kind: .bulk) { size in
    let book = portfolioBook(size, timed: timed)
    let options = ProjectionOptions(mode: mode, threads: threads)
    return { measured { try! book.project([scenario], options: options).scenarios.count } }
  }
}

let workloads: [Workload] =
  [
    // Ledger: one loan; 1,000 calls a sample when timed (a sample of microseconds would be noise).
    Workload(name: "Ledger.schedule360", kind: .single) { size in
      let loan = LedgerWorkloads.loan
      return { measured(size == .time ? 1_000 : 100) { Int(loan.schedule().totalInterest.fen) } }
    },
    Workload(name: "Ledger.schedule360.dated-repriced", kind: .single) { size in
      let loan = LedgerWorkloads.datedRepriced
      return { measured(size == .time ? 1_000 : 100) { Int(loan.schedule().totalInterest.fen) } }
    },
    Workload(name: "Ledger.prepayment-timeline", kind: .single) { size in
      let timeline = LedgerWorkloads.timeline
      return {
        measured(size == .time ? 1_000 : 100) {
          Int(try! timeline.run().schedule.totalInterest.fen)
        }
      }
    },

    // Policy: one trial, with the city's rules looked up beforehand.
    Workload(name: "Policy.quota-trial", kind: .single) { size in
      let (request, rules) = (PolicyWorkloads.quotaRequest, PolicyWorkloads.shenzhen)
      return {
        measured(size == .time ? 300 : 100) {
          Int(try! QuotaTrial.run(request, rules: rules).quota.fen)
        }
      }
    },
    Workload(name: "Policy.conversion", kind: .single) { size in
      let (request, rules) = (PolicyWorkloads.conversionRequest, PolicyWorkloads.chengdu)
      return {
        measured(size == .time ? 30 : 100) {
          Int(try! Conversion.run(request, rules: rules).providentAmount.fen)
        }
      }
    },

    // Portfolio: the book's payments, projections and loading.
    Workload(name: "Portfolio.payments", kind: .bulk) { size in
      let batch = portfolioBook(size).batch()
      return { measured { batch.payments().count } }
    },
    Workload(name: "Portfolio.ledgerPayments.exact", kind: .bulk) { size in
      let book = portfolioBook(size)
      return { measured { book.ledgerPayments().count } }
    },
    projection(
      "Portfolio.project360.scheduled.fast", PortfolioWorkloads.frozen, .fast, threads: nil),
    projection("Portfolio.project360.cprcdr.fast", PortfolioWorkloads.cprCdr, .fast, threads: nil),
    projection(
      "Portfolio.project360.cprcdr.fast.1thread", PortfolioWorkloads.cprCdr, .fast, threads: 1),
    projection("Portfolio.ledger360.exact", PortfolioWorkloads.frozen, .exact, threads: nil),
    projection("Portfolio.ledger360.exact.1thread", PortfolioWorkloads.frozen, .exact, threads: 1),
    // 7 s a sample on a million loans (AMD EPYC Zen 1): timed on a 125,000-loan book
    // of the same generator.
    projection(
      "Portfolio.project360.cprcdr.exact", PortfolioWorkloads.cprCdr, .exact, threads: nil,
      timed: 125_000),
    Workload(name: "Portfolio.project360.cprcdr.fast.prepared", kind: .bulk) { size in
      let prepared = try! portfolioBook(size).prepared(
        rates: .frozen, options: ProjectionOptions(mode: .fast))
      return { measured { try! prepared.project([PortfolioWorkloads.cprCdr]).scenarios.count } }
    },
    Workload(name: "Portfolio.csvLoad", kind: .bulk) { size in
      let path = temporaryBook(
        "uniform", loans: size == .time ? 1_000_000 : 16_384, write: PortfolioWorkloads.writeBook)
      return { measured { try! LoanBook.load(path: path).book.count } }
    },
    Workload(name: "Portfolio.csvLoad.calibrated", kind: .bulk) { size in
      let path = temporaryBook(
        "calibrated", loans: size == .time ? 1_000_000 : 16_384,
        write: PortfolioWorkloads.writeCalibratedBook)
      return { measured { try! LoanBook.load(path: path).book.count } }
    },

    // MonteCarlo: paths over the calibrated book's segments; Vasicek.
    Workload(name: "MonteCarlo.stress-1M-loans-10k-paths-360m", kind: .bulk) { size in
      let model = stressSetting(size).1
      let paths = size == .time ? 10_000 : 100
      return { measured { model.simulate(paths: 0..<paths, seed: 1).factorValues.count } }
    },
    Workload(name: "MonteCarlo.rep-lines-1M-loans", kind: .bulk) { size in
      let book = stressSetting(size).0
      return { measured { MonteCarloWorkloads.stressModel(book).segments.count } }
    },
    Workload(name: "MonteCarlo.vasicek-large-pool-1M-paths", kind: .bulk) { size in
      let run = MonteCarloWorkloads.vasicek()
      let paths = size == .time ? 1_000_000 : 20_000
      return { measured { Int(run.run(paths: 0..<paths).quantile(0.999).value * 1e6) } }
    },
    Workload(name: "MonteCarlo.vasicek-10k-loans-100k-paths", kind: .bulk) { size in
      let run = MonteCarloWorkloads.vasicek(loans: 10_000)
      let paths = size == .time ? 100_000 : 2_000
      return { measured { Int(run.run(paths: 0..<paths).quantile(0.999).value * 1e6) } }
    },
  ]
  + RiskWorkloads.projections.map { projection in
    // Risk: 1,000 segments (50 for counting) × 8 states × 360 months.
    Workload(name: projection.name, kind: .bulk) { size in
      let (model, cohorts) = RiskWorkloads.setting(
        segments: size == .time ? 1_000 : 50, ownMatrices: projection.own)
      let options = DelinquencyOptions(threads: projection.threads)
      return {
        measured {
          try! model.project(cohorts, scenarios: [projection.scenario], options: options).runs.count
        }
      }
    }
  } + [
    Workload(name: "Risk.rollrate.estimate.panel-500", kind: .bulk) { size in
      let csv = RiskWorkloads.panelCSV(loans: size == .time ? 500 : 50)
      return {
        measured {
          let panel = try! LoanPanel.parse(csv: csv).panel
          return try! panel.estimateRollRates(RiskWorkloads.rollRateOptions).segments.count
        }
      }
    }
  ]

// MARK: - Commands

/// CPU time of a clock (this thread's or the whole process's), in nanoseconds.
func cpuTime(_ clock: clockid_t) -> UInt64 {
  var t = timespec()
  clock_gettime(clock, &t)
  return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
}

let byName = Dictionary(uniqueKeysWithValues: workloads.map { ($0.name, $0) })
let arguments = Array(CommandLine.arguments.dropFirst())

@MainActor func usage() -> Never {
  FileHandle.standardError.write(
    Data(
      ("usage: GateRunner list | count WORKLOAD [--setup-only] | serve\nworkloads: "
        + workloads.map(\.name).joined(separator: " ") + "\n").utf8))
  exit(64)
}

switch arguments.first {
case "list":
  for workload in workloads { print(workload.name, workload.kind.rawValue) }

case "count":
  guard arguments.count >= 2, let workload = byName[arguments[1]] else { usage() }
  let run = workload.make(.count)
  print(arguments.contains("--setup-only") ? 0 : run())
  removeTemporaryFiles()

case "serve":
  var prepared: [String: () -> Int] = [:]
  while let line = readLine() {
    let words = line.split(separator: " ").map(String.init)
    switch words.first {
    case "time" where words.count == 2, "cpu" where words.count == 2:
      guard let workload = byName[words[1]] else {
        print("error unknown workload \(words[1])")
        continue
      }
      let run = prepared[workload.name] ?? workload.make(.time)
      prepared[workload.name] = run
      let (thread, process) = (cpuTime(CLOCK_THREAD_CPUTIME_ID), cpuTime(CLOCK_PROCESS_CPUTIME_ID))
      let start = DispatchTime.now().uptimeNanoseconds
      let result = run()
      let elapsed = DispatchTime.now().uptimeNanoseconds - start
      let threadCPU = cpuTime(CLOCK_THREAD_CPUTIME_ID) - thread
      let processCPU = cpuTime(CLOCK_PROCESS_CPUTIME_ID) - process
      withExtendedLifetime(result) {
        if words[0] == "cpu" {
          print(workload.name, elapsed, threadCPU, processCPU)
        } else {
          print(workload.name, elapsed)
        }
      }
      fflush(nil)
    case "quit":
      removeTemporaryFiles()
      exit(0)
    default:
      print("error unknown command: \(line)")
    }
  }
  removeTemporaryFiles()

default:
  usage()
}
