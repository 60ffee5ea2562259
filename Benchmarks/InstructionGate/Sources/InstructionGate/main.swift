// Runs one workload once, for `valgrind --tool=callgrind` to count its instructions
import Foundation
// (Benchmarks/gate.sh). Instruction counts repeat exactly for the same binary and inputs, whatever
// else the machine is doing, so they catch a 2× slower kernel where wall clock cannot be trusted.
//
// Usage: InstructionGate WORKLOAD [--setup-only]. gate.sh counts the whole run twice, with and
// without the measured call (`--setup-only` builds the same inputs and stops), and takes the
// difference: the workload's own instructions, without start-up or input building.
import ProvidentCore

@inline(never)
func measuredLedger(_ loan: Loan) -> Int {
  var total = 0
  for _ in 0..<100 { total &+= Int(loan.schedule().totalInterest.fen) }
  return total
}

@inline(never)
func measuredTimeline(_ timeline: Timeline) -> Int {
  var total = 0
  for _ in 0..<100 { total &+= Int(try! timeline.run().schedule.totalInterest.fen) }
  return total
}

let loan = try! Loan(
  principal: Money(yuan: 1_000_000), annualRate: AnnualRate(units: 3_100_000), months: 360)

let setupOnly = CommandLine.arguments.contains("--setup-only")

switch CommandLine.arguments.dropFirst().first {
case "ledger.schedule360":
  print(setupOnly ? 0 : measuredLedger(loan))
case "ledger.prepayment-timeline":
  let timeline = Timeline(
    loan: loan,
    events: [
      TimedEvent(.afterInstallment(36), .prepayment(Money(yuan: 200_000), .keepPayment)),
      TimedEvent(.afterInstallment(48), .rateChange(AnnualRate(units: 2_600_000))),
      TimedEvent(.afterInstallment(60), .termChange(remainingMonths: 120)),
    ])
  print(setupOnly ? 0 : measuredTimeline(timeline))
default:
  print("usage: InstructionGate ledger.schedule360|ledger.prepayment-timeline")
  exit(64)
}
