// Runs one workload once, for `valgrind --tool=callgrind` to count its instructions
// (Benchmarks/gate.sh). Instruction counts repeat exactly for the same binary and inputs, whatever
// else the machine is doing, so they catch a 2× slower kernel where wall clock cannot be trusted.
//
// Usage: InstructionGate WORKLOAD [--setup-only]. gate.sh counts the whole run twice, with and
// without the measured call (`--setup-only` builds the same inputs and stops), and takes the
// difference: the workload's own instructions, without start-up or input building.
//
// The workloads are the package-benchmark suites' (same names, same inputs from the Shared/*
// files linked here), scaled down so that callgrind (≈ 50× slower) takes seconds: one thread,
// thousands of loans instead of a million.
import Foundation
import ProvidentCore
import ProvidentPolicy
import ProvidentPortfolio

/// Runs `body` `times` times and folds its results into one number, so nothing is optimized away.
@inline(never)
func measured(_ times: Int = 1, _ body: () -> Int) -> Int {
  var total = 0
  for _ in 0..<times { total &+= body() }
  return total
}

/// A prepared book of 4,096 loans projected on one thread: the kernel and the sums, without
/// grouping the book.
func projection(_ scenario: Scenario, _ mode: ProjectionMode) -> () -> Int {
  let prepared = try! PortfolioWorkloads.book(loans: 4_096).prepared(
    rates: .frozen, options: ProjectionOptions(mode: mode, threads: 1))
  return { measured { try! prepared.project([scenario]).scenarios.count } }
}

/// Each workload: build its inputs, return the measured call.
let workloads: [String: () -> () -> Int] = [
  "Ledger.schedule360": {
    let loan = LedgerWorkloads.loan
    return { measured(100) { Int(loan.schedule().totalInterest.fen) } }
  },
  "Ledger.prepayment-timeline": {
    let timeline = LedgerWorkloads.timeline
    return { measured(100) { Int(try! timeline.run().schedule.totalInterest.fen) } }
  },
  "Portfolio.payments": {
    let batch = PortfolioWorkloads.book(loans: 16_384).batch()
    return { measured { batch.payments().count } }
  },
  "Portfolio.project360.scheduled.fast": { projection(PortfolioWorkloads.frozen, .fast) },
  "Portfolio.project360.cprcdr.fast": { projection(PortfolioWorkloads.cprCdr, .fast) },
  "Portfolio.ledger360.exact": { projection(PortfolioWorkloads.frozen, .exact) },
  "Portfolio.csvLoad": {
    let path = FileManager.default.temporaryDirectory
      .appending(path: "provident-gate-\(getpid()).csv").path
    PortfolioWorkloads.writeBook(loans: 16_384, toFile: path)
    return {
      defer { try? FileManager.default.removeItem(atPath: path) }
      return measured { try! LoanBook.load(path: path).book.count }
    }
  },
  "Policy.quota-trial": {
    let (request, rules) = (PolicyWorkloads.quotaRequest, PolicyWorkloads.shenzhen)
    return { measured(100) { Int(try! QuotaTrial.run(request, rules: rules).quota.fen) } }
  },
  "Policy.conversion": {
    let (request, rules) = (PolicyWorkloads.conversionRequest, PolicyWorkloads.chengdu)
    return { measured(100) { Int(try! Conversion.run(request, rules: rules).providentAmount.fen) } }
  },
]

let arguments = CommandLine.arguments.dropFirst()
guard let name = arguments.first, let make = workloads[name] else {
  print(
    "usage: InstructionGate WORKLOAD [--setup-only]; workloads: "
      + workloads.keys.sorted().joined(separator: " "))
  exit(64)
}
let run = make()
print(arguments.contains("--setup-only") ? 0 : run())
