// The fen-exact kernel: each loan's ledger (docs/conventions.md §2–5) in integer fen, summed by month.
import Foundation
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

/// Per-worker state for one block in the exact kernel, one buffer per field.
struct _ExactScratch {
  let balance: UnsafeMutablePointer<Int64>
  let level: UnsafeMutablePointer<Int64>
  let units: UnsafeMutablePointer<Int64>
  let remaining: UnsafeMutablePointer<Int>
  let age: UnsafeMutablePointer<Int>
  let equalPrincipal: UnsafeMutablePointer<Bool>
  let survival: UnsafeMutablePointer<Double>
  /// This month's per-day interest (`Σ aᵢ.units · daysᵢ`), or −1 for a regular month.
  let rateDays: UnsafeMutablePointer<Int64>
  /// This month is a dated loan's installment 1.
  let broken: UnsafeMutablePointer<Bool>
  /// `log1p(r)` of the lane's monthly rate, and `−expm1(−n · log1p(r))` for the `n` it was last
  /// needed for: a re-amortization then costs a division (`_Ledger.cachedInstallment`).
  let logRate: UnsafeMutablePointer<Double>
  let denominator: UnsafeMutablePointer<Double>
  let denominatorPeriods: UnsafeMutablePointer<Int>

  init(lanes: Int) {
    balance = .allocate(capacity: lanes)
    level = .allocate(capacity: lanes)
    units = .allocate(capacity: lanes)
    remaining = .allocate(capacity: lanes)
    age = .allocate(capacity: lanes)
    equalPrincipal = .allocate(capacity: lanes)
    survival = .allocate(capacity: lanes)
    rateDays = .allocate(capacity: lanes)
    broken = .allocate(capacity: lanes)
    logRate = .allocate(capacity: lanes)
    denominator = .allocate(capacity: lanes)
    denominatorPeriods = .allocate(capacity: lanes)
  }

  /// Lane `l`'s rate is now `units`.
  @inline(__always)
  func setRate(_ l: Int, _ units: Int64) {
    self.units[l] = units
    logRate[l] = Foundation.log1p(Double(units) / Double(_Ledger.perMonth))
    denominatorPeriods[l] = -1
  }

  /// The installment that repays `balance` in `periods` at lane `l`'s rate: the same fen as
  /// `Annuity.ledgerPayment` (the same floating-point expression; near a half fen, that function
  /// itself decides), with `log1p` and `expm1` computed once per rate and term.
  @inline(__always)
  func installment(_ l: Int, _ balance: Int64, _ periods: Int) -> Int64 {
    let units = self.units[l]
    if equalPrincipal[l] || units == 0 { return _Fen.quotient(balance, Int64(periods)) }
    if denominatorPeriods[l] != periods {
      denominator[l] = -Foundation.expm1(-Double(periods) * logRate[l])
      denominatorPeriods[l] = periods
    }
    let r = Double(units) / Double(_Ledger.perMonth)
    let x = Double(balance) * r / denominator[l]
    let floor = x.rounded(.down)
    // Twice the margin `Annuity.ledgerPayment` keeps from a half fen: outside it both round alike.
    if abs(x - floor - 0.5) > max(2e-6, abs(x) * 2e-13) {
      return Int64(x.rounded(.toNearestOrAwayFromZero))
    }
    return Annuity.ledgerPayment(
      balanceFen: balance, rate: AnnualRate(units: units), periods: periods)
  }

  func deallocate() {
    balance.deallocate()
    level.deallocate()
    units.deallocate()
    remaining.deallocate()
    age.deallocate()
    equalPrincipal.deallocate()
    survival.deallocate()
    rateDays.deallocate()
    broken.deallocate()
    logRate.deallocate()
    denominator.deallocate()
    denominatorPeriods.deallocate()
  }
}

enum _ExactKernel {
  /// Runs every loan of `block` through its remaining ledger (docs/conventions.md §2–5) and adds its flows to
  /// `sums`.
  ///
  /// Months outside, loans inside: one loan's months form a chain (each balance depends on the
  /// last), while the loans of a month are independent, so the processor overlaps them. A block's
  /// loans are sorted by remaining term, so the loans still running in month `t` are a suffix.
  static func run<C: _ExactCurveAccess>(
    _ curvesKind: C.Type, block: _Block, plan: _Plan, curves: _CurveTables, scenario: Scenario,
    horizon: Int, scratch s: _ExactScratch, sums: _ExactSums
  ) {
    let lag = scenario.recoveryLagMonths
    let severity = scenario.severity
    let threshold = scenario.defaultAfterOverdue ?? Int.max
    let amounts = sums.amounts
    let active = sums.active
    let width = _Flow.count + 1
    let n = block.count

    for l in 0..<n {
      let lane = block.offset + l
      var balance = plan.lanes.balance[lane]
      let m = Int(plan.lanes.remaining[lane])
      let units = Int64(plan.lanes.rate[lane])
      let ep = plan.lanes.equalPrincipal[lane]
      if Int(plan.lanes.overdue[lane]) >= threshold {
        // Defaults in month 1 with its whole balance.
        amounts[_Flow.defaults] += balance
        amounts[lag * width + _Flow.loss] += _Fen.rounded(Double(balance) * severity)
        balance = 0
      }
      s.balance[l] = balance
      s.remaining[l] = m
      s.equalPrincipal[l] = ep
      s.setRate(l, units)
      s.age[l] = Int(plan.lanes.age[lane])
      s.survival[l] = 1
      s.rateDays[l] = -1
      s.broken[l] = false
      s.level[l] =
        balance == 0
        ? 0
        : plan.lanes.payment[lane] >= 0 ? plan.lanes.payment[lane] : s.installment(l, balance, m)
    }

    let months = min(block.months, horizon)
    block.events.withUnsafeBufferPointer { events in
      var e = 0
      var first = 0  // lanes before `first` have run out
      var t = 1
      while t <= months {
        while first < n && s.remaining[first] < t { first += 1 }
        let firstEvent = e
        while e < events.count && Int(events[e].t) == t {
          let event = events[e]
          let l = Int(event.lane)
          if event.newRate >= 0 {
            s.setRate(l, event.newRate)
            if !s.equalPrincipal[l] && s.balance[l] > 0 {
              s.level[l] = s.installment(l, s.balance[l], s.remaining[l] - t + 1)
            }
          }
          s.rateDays[l] = event.rateDays
          s.broken[l] = event.broken
          e += 1
        }

        var sumPrincipal: Int64 = 0
        var sumInterest: Int64 = 0
        var sumBalance: Int64 = 0
        var sumPrepaid: Int64 = 0
        var sumDefaulted: Int64 = 0
        var sumLoss: Int64 = 0
        var sumActive = 0.0
        var l = first
        while l < n {
          var balance = s.balance[l]
          let m = s.remaining[l]
          let units = s.units[l]
          let ep = s.equalPrincipal[l]
          var level = s.level[l]
          var smm = 0.0
          var defaulted: Int64 = 0
          if C.active && balance > 0 {
            let rates = curves.rates(t: t, age: s.age[l])
            smm = rates.smm
            if rates.mdr > 0 {
              defaulted = _Fen.rounded(Double(balance) * rates.mdr)
              if defaulted > 0 {
                balance -= defaulted
                if t < m { level = s.installment(l, balance, m - t + 1) }
                sumLoss += _Fen.rounded(Double(defaulted) * severity)
              }
            }
            s.survival[l] *= (1 - rates.mdr) * (1 - rates.smm)
          }
          let rateDays = s.rateDays[l]
          let interest =
            rateDays >= 0
            ? _Fen.product(balance, rateDays, over: _Ledger.perDay)
            : _Ledger.monthlyInterest(balance, units)
          var principal: Int64
          if t == m {
            principal = balance
          } else if ep {
            principal = level
          } else if s.broken[l] {
            principal = level - _Ledger.monthlyInterest(balance, units)
          } else {
            principal = level - interest
          }
          if principal > balance { principal = balance }
          balance -= principal
          if C.active && smm > 0 && balance > 0 {
            let prepaid = _Fen.rounded(Double(balance) * smm)
            if prepaid > 0 {
              balance -= prepaid
              sumPrepaid += prepaid
              if t < m && balance > 0 { level = s.installment(l, balance, m - t) }
            }
          }
          s.balance[l] = balance
          s.level[l] = level
          sumPrincipal += principal
          sumInterest += interest
          sumBalance += balance
          sumDefaulted += defaulted
          if balance > 0 { sumActive += C.active ? s.survival[l] : 1 }
          l += 1
        }
        let row = amounts + (t - 1) * width
        row[_Flow.scheduled] += sumPrincipal
        row[_Flow.interest] += sumInterest
        row[_Flow.balance] += sumBalance
        active[(t - 1) * width] += sumActive
        if C.active {
          row[_Flow.prepayment] += sumPrepaid
          row[_Flow.defaults] += sumDefaulted
          amounts[(t - 1 + lag) * width + _Flow.loss] += sumLoss
        }
        for i in firstEvent..<e {
          let l = Int(events[i].lane)
          s.rateDays[l] = -1
          s.broken[l] = false
        }
        t += 1
      }
    }
  }
}
