// The fen-exact kernel: each loan's ledger (SPEC.md §2–4) in integer fen, summed by month.
import ProvidentCore

/// Ledger arithmetic with the divisors as literals, so that the divisions compile to multiplies.
enum _Ledger {
  /// `12 · 10⁸`: a month's interest is `B · units / perMonth`.
  static let perMonth: Int64 = 1_200_000_000
  /// `360 · 10⁸`: a day's interest is `B · units / perDay`.
  static let perDay: Int64 = 36_000_000_000

  @inline(__always)
  static func monthlyInterest(_ balance: Int64, _ units: Int64) -> Int64 {
    _Fen.product(balance, units, over: perMonth)
  }

  /// The installment that repays `balance` in `periods`: equal installment's level payment or
  /// equal principal's monthly principal.
  @inline(__always)
  static func installment(_ balance: Int64, _ units: Int64, _ periods: Int, equalPrincipal: Bool)
    -> Int64
  {
    equalPrincipal
      ? _Fen.quotient(balance, Int64(periods))
      : Annuity.ledgerPayment(balanceFen: balance, rate: AnnualRate(units: units), periods: periods)
  }
}

/// Whether a scenario has prepayment or default at all: the scheduled-only kernel is compiled
/// without their branches.
protocol _ExactCurveAccess {
  static var active: Bool { get }
}
enum _NoCurves: _ExactCurveAccess { static var active: Bool { false } }
enum _WithCurves: _ExactCurveAccess { static var active: Bool { true } }

/// One block's sums: `amounts[(t − 1) · 7 + field]` in fen, `active[(t − 1) · 7]`.
struct _ExactSums {
  let amounts: UnsafeMutablePointer<Int64>
  let active: UnsafeMutablePointer<Double>
}

enum _ExactKernel {
  /// Runs every loan of `block` through its remaining ledger and adds its flows to `sums`.
  ///
  /// - Parameters:
  ///   - horizon: months to project.
  ///   - record: when given, called with each loan-month's flows (tests, drill-down).
  static func run<C: _ExactCurveAccess>(
    _ curvesKind: C.Type, block: _Block, plan: _Plan, curves: _CurveTables, scenario: Scenario,
    horizon: Int, sums: _ExactSums
  ) {
    let lag = scenario.recoveryLagMonths
    let severity = scenario.severity
    let threshold = scenario.defaultAfterOverdue ?? Int.max
    let amounts = sums.amounts
    let active = sums.active
    let width = _Flow.count + 1
    block.events.withUnsafeBufferPointer { events in
      var ev = 0
      for l in 0..<block.count {
        let lane = block.offset + l
        var balance = plan.balance[lane]
        let m = Int(plan.remaining[lane])
        var units = plan.rate[lane]
        let ep = plan.equalPrincipal[lane]
        let age = Int(plan.age[lane])
        var e = ev
        while ev < events.count && Int(events[ev].lane) == l { ev += 1 }
        let eventsEnd = ev

        if Int(plan.overdue[lane]) >= threshold {
          // Defaults in month 1 with its whole balance.
          amounts[_Flow.defaults] += balance
          amounts[lag * width + _Flow.loss] += _Fen.rounded(Double(balance) * severity)
          continue
        }
        var level =
          plan.payment[lane] >= 0
          ? plan.payment[lane] : _Ledger.installment(balance, units, m, equalPrincipal: ep)
        var survival = 1.0
        let last = min(m, horizon)
        var t = 1
        while t <= last {
          var rateDays: Int64 = -1
          var broken = false
          if e < eventsEnd && Int(events[e].t) == t {
            let event = events[e]
            if event.newRate >= 0 {
              units = event.newRate
              if !ep { level = _Ledger.installment(balance, units, m - t + 1, equalPrincipal: false) }
            }
            rateDays = event.rateDays
            broken = event.broken
            e += 1
          }
          var defaulted: Int64 = 0
          var smm = 0.0
          if C.active {
            let rates = curves.rates(t: t, age: age)
            smm = rates.smm
            if rates.mdr > 0 {
              defaulted = _Fen.rounded(Double(balance) * rates.mdr)
              if defaulted > 0 {
                balance -= defaulted
                if t < m { level = _Ledger.installment(balance, units, m - t + 1, equalPrincipal: ep) }
                amounts[(t - 1 + lag) * width + _Flow.loss] += _Fen.rounded(
                  Double(defaulted) * severity)
              }
            }
            survival *= (1 - rates.mdr) * (1 - rates.smm)
          }
          let interest =
            rateDays >= 0
            ? _Fen.product(balance, rateDays, over: _Ledger.perDay)
            : _Ledger.monthlyInterest(balance, units)
          var principal: Int64
          if t == m {
            principal = balance
          } else if ep {
            principal = level
          } else if broken {
            principal = level - _Ledger.monthlyInterest(balance, units)
          } else {
            principal = level - interest
          }
          if principal > balance { principal = balance }
          balance -= principal
          var prepaid: Int64 = 0
          if C.active && smm > 0 && balance > 0 {
            prepaid = _Fen.rounded(Double(balance) * smm)
            if prepaid > 0 {
              balance -= prepaid
              if t < m && balance > 0 {
                level = _Ledger.installment(balance, units, m - t, equalPrincipal: ep)
              }
            }
          }
          let row = amounts + (t - 1) * width
          row[_Flow.scheduled] += principal
          row[_Flow.interest] += interest
          row[_Flow.balance] += balance
          if C.active {
            row[_Flow.prepayment] += prepaid
            row[_Flow.defaults] += defaulted
            if balance > 0 { active[(t - 1) * width] += survival }
          } else if balance > 0 {
            active[(t - 1) * width] += 1
          }
          t += 1
        }
      }
    }
  }
}
