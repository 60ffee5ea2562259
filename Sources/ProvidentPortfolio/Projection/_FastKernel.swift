// The fast kernel: the `exact` convention's formulas in Double, eight loans per SIMD lane group,
// months inside a cache-sized block of loans (docs/performance.md).
import ProvidentCore

/// Per-worker state for one block: one array per field, `_Plan.blockSize` lanes each.
struct _FastScratch {
  let balance: UnsafeMutablePointer<Double>
  let level: UnsafeMutablePointer<Double>
  /// Interest charged per fen this month.
  let interestRate: UnsafeMutablePointer<Double>
  /// Rate that turns the opening balance into the installment's interest part (0 for equal
  /// principal, whose principal is the level itself).
  let principalRate: UnsafeMutablePointer<Double>
  /// The monthly rate in force.
  let monthlyRate: UnsafeMutablePointer<Double>
  let remaining: UnsafeMutablePointer<Double>
  let survival: UnsafeMutablePointer<Double>
  let age: UnsafeMutablePointer<Double>
  let equalInstallment: UnsafeMutablePointer<Double>
  /// 1 while a lane's installment is not the re-amortized one (the book's own, or after a month
  /// split by a rate change), which the next prepayment or default replaces by the re-amortized
  /// installment (docs/conventions.md §5, keep-term), as the exact kernel does; 2 for such a month itself,
  /// until it is paid.
  let bookLevel: UnsafeMutablePointer<Double>

  init(lanes: Int) {
    func make() -> UnsafeMutablePointer<Double> {
      let p = UnsafeMutablePointer<Double>.allocate(capacity: lanes)
      p.initialize(repeating: 0, count: lanes)
      return p
    }
    balance = make()
    level = make()
    interestRate = make()
    principalRate = make()
    monthlyRate = make()
    remaining = make()
    survival = make()
    age = make()
    equalInstallment = make()
    bookLevel = make()
  }

  func deallocate() {
    for p in [
      balance, level, interestRate, principalRate, monthlyRate, remaining, survival, age,
      equalInstallment, bookLevel,
    ] { p.deallocate() }
  }
}

/// How the kernel finds a group's single-month rates.
protocol _FastCurveAccess {
  /// Whether there is prepayment or default at all.
  static var active: Bool { get }
  /// Whether rates differ between loans of a month (a ramp by age): survival is then per loan.
  static var byAge: Bool { get }
  /// MDR and SMM of the eight loans at `g` in month `t`.
  func rates(t: Int, group g: Int, ages: UnsafeMutablePointer<Double>) -> (
    mdr: SIMD8<Double>, smm: SIMD8<Double>
  )
  /// MDR and SMM of the loan at lane `l` in month `t`.
  func rates(t: Int, lane l: Int, ages: UnsafeMutablePointer<Double>) -> (mdr: Double, smm: Double)
}

/// No prepayment or default.
struct _FastNone: _FastCurveAccess {
  static var active: Bool { false }
  static var byAge: Bool { false }
  @inline(__always)
  func rates(t: Int, group g: Int, ages: UnsafeMutablePointer<Double>) -> (
    mdr: SIMD8<Double>, smm: SIMD8<Double>
  ) { (.zero, .zero) }
  @inline(__always)
  func rates(t: Int, lane l: Int, ages: UnsafeMutablePointer<Double>) -> (mdr: Double, smm: Double)
  { (0, 0) }
}

/// Rates by projection month: the same for every loan.
struct _FastByMonth: _FastCurveAccess {
  static var active: Bool { true }
  static var byAge: Bool { false }
  let mdr: UnsafePointer<Double>
  let smm: UnsafePointer<Double>
  @inline(__always)
  func rates(t: Int, group g: Int, ages: UnsafeMutablePointer<Double>) -> (
    mdr: SIMD8<Double>, smm: SIMD8<Double>
  ) { (SIMD8(repeating: mdr[t]), SIMD8(repeating: smm[t])) }
  @inline(__always)
  func rates(t: Int, lane l: Int, ages: UnsafeMutablePointer<Double>) -> (mdr: Double, smm: Double)
  { (mdr[t], smm[t]) }
}

/// A rate by loan age (a ramp) for at least one of the two: gathered lane by lane.
struct _FastByAge: _FastCurveAccess {
  static var active: Bool { true }
  static var byAge: Bool { true }
  let mdr: UnsafePointer<Double>
  let smm: UnsafePointer<Double>
  let mdrByAge: Bool
  let smmByAge: Bool
  @inline(__always)
  func rates(t: Int, group g: Int, ages: UnsafeMutablePointer<Double>) -> (
    mdr: SIMD8<Double>, smm: SIMD8<Double>
  ) {
    var m = SIMD8<Double>(repeating: mdr[t])
    var s = SIMD8<Double>(repeating: smm[t])
    if mdrByAge || smmByAge {
      for j in 0..<8 {
        let a = Int(ages[g + j]) + t
        if mdrByAge { m[j] = mdr[a] }
        if smmByAge { s[j] = smm[a] }
      }
    }
    return (m, s)
  }
  @inline(__always)
  func rates(t: Int, lane l: Int, ages: UnsafeMutablePointer<Double>) -> (mdr: Double, smm: Double)
  {
    let a = Int(ages[l]) + t
    return (mdr[mdrByAge ? a : t], smm[smmByAge ? a : t])
  }
}

enum _FastKernel {
  /// Makes a lane's principal its whole performing balance (its last installment, docs/conventions.md §2):
  /// `level − performing · rate` is then far above the balance and is clamped to it.
  static let lastInstallment = -1e250

  /// Projects `block` and writes its monthly sums to `sums[(t − 1) · 7 + field]` (field 6: active
  /// loans).
  ///
  /// Per group of eight loans and month, the loop reads the balance, the level installment and two
  /// rates and writes the balance back. When the month's rates are the same for every loan, the
  /// share of a loan still performing, `F_t = Π (1 − MDR)(1 − SMM)`, is one number for the block:
  /// each lane keeps its installment divided by it (`level · F` is the installment in force; a
  /// re-amortization at month `t` stores `A / F`), so prepayment and default cost no per-lane
  /// state. Ramps by age keep a per-lane installment and survival instead. A block's loans are
  /// sorted by remaining term, so the groups that have run out are a prefix, skipped, and the
  /// loans paying their last installment are a range, marked with `lastInstallment`.
  static func run<C: _FastCurveAccess>(
    curves: C, block: _Block, plan: _Plan, scenario: Scenario, horizon: Int,
    scratch s: _FastScratch, sums: UnsafeMutablePointer<Double>
  ) {
    let lanes = block.lanes
    let count = block.count
    let lag = scenario.recoveryLagMonths
    let severity = scenario.severity
    let threshold = scenario.defaultAfterOverdue ?? Int.max
    let width = _Flow.count + 1

    // Set-up: the state at the as-of date.
    for l in 0..<lanes {
      let lane = block.offset + l
      let real = l < count
      let m = real ? Double(plan.lanes.remaining[lane]) : 0
      let r = real ? Double(plan.lanes.rate[lane]) / Double(_Ledger.perMonth) : 0
      let ei: Double = real && !plan.lanes.equalPrincipal[lane] ? 1 : 0
      var b = real ? Double(plan.lanes.balance[lane]) : 0
      if real && Int(plan.lanes.overdue[lane]) >= threshold {
        sums[_Flow.defaults] += b
        sums[lag * width + _Flow.loss] += b * severity
        b = 0
      }
      s.balance[l] = b
      s.monthlyRate[l] = r
      s.interestRate[l] = r
      s.principalRate[l] = r * ei
      s.remaining[l] = m
      s.survival[l] = b > 0 ? 1 : 0
      s.age[l] = real ? Double(plan.lanes.age[lane]) : 0
      s.equalInstallment[l] = ei
    }
    // Level installments: eight at a time, then the book's own and equal principal's.
    _payments(s.balance, s.monthlyRate, s.remaining, s.level, lanes)
    var bookLevels = 0
    for l in 0..<lanes {
      let lane = block.offset + l
      s.bookLevel[l] = 0
      if s.balance[l] == 0 {
        s.level[l] = 0
      } else if plan.lanes.payment[lane] >= 0 {
        s.level[l] = Double(plan.lanes.payment[lane])
        if C.active {
          s.bookLevel[l] = 1
          bookLevels += 1
        }
      } else if plan.lanes.equalPrincipal[lane] {
        s.level[l] = s.balance[l] / s.remaining[l]
      }
    }
    /// The installment that repays `balance` in `periods`.
    @inline(__always) func reamortized(_ l: Int, _ balance: Double, _ periods: Double) -> Double {
      s.equalInstallment[l] == 1
        ? Annuity.payment(principal: balance, monthlyRate: s.monthlyRate[l], periods: periods)
        : balance / periods
    }

    // The block's survival factor: the level of lane l in force in month t is level[l] · factor.
    var factor = 1.0
    /// Stores the installment in force for a lane's next payment.
    @inline(__always) func setLevel(_ l: Int, _ level: Double, factor f: Double) {
      s.level[l] = C.byAge ? level : (f > 0 ? level / f : 0)
    }

    let months = min(block.months, horizon)
    block.events.withUnsafeBufferPointer { events in
      var e = 0
      var firstGroup = 0
      var ending = 0  // lanes before `ending` have been marked for their last installment
      var t = 1
      while t <= months {
        // Groups whose loans have all run out are skipped; loans paying their last installment
        // this month are marked.
        while firstGroup < lanes && s.remaining[min(firstGroup + 7, count - 1)] < Double(t) {
          firstGroup += 8
        }
        while ending < count && s.remaining[ending] <= Double(t) {
          if s.remaining[ending] == Double(t) { s.principalRate[ending] = lastInstallment }
          ending += 1
        }
        let rates = curves.rates(t: t, lane: 0, ages: s.age)
        // This month's rate events, lane by lane.
        let firstEvent = e
        while e < events.count && Int(events[e].t) == t {
          let event = events[e]
          let l = Int(event.lane)
          if event.newRate >= 0 {
            let r = Double(event.newRate) / Double(_Ledger.perMonth)
            s.monthlyRate[l] = r
            if s.equalInstallment[l] == 1 && s.balance[l] > 0 {
              setLevel(
                l,
                Annuity.payment(
                  principal: s.balance[l], monthlyRate: r, periods: s.remaining[l] - Double(t) + 1),
                factor: factor)
            }
          }
          if event.newRate >= 0 && s.equalInstallment[l] == 1 && s.bookLevel[l] != 0 {
            s.bookLevel[l] = 0
            bookLevels -= 1
          }
          if C.active && event.rateDays >= 0 && !event.broken && s.equalInstallment[l] == 1 {
            // The split month's principal leaves a balance the installment no longer fits.
            if s.bookLevel[l] == 0 { bookLevels += 1 }
            s.bookLevel[l] = 2
          }
          let r = s.monthlyRate[l]
          let daily = event.rateDays >= 0 ? Double(event.rateDays) / Double(_Ledger.perDay) : r
          s.interestRate[l] = daily
          if s.remaining[l] != Double(t) {
            s.principalRate[l] = s.equalInstallment[l] * (event.broken ? r : daily)
          }
          e += 1
        }

        // A default re-amortizes a book installment before it is paid.
        if C.active && bookLevels > 0 {
          for l in 0..<count where s.bookLevel[l] == 1 {
            let periods = s.remaining[l] - Double(t) + 1
            if curves.rates(t: t, lane: l, ages: s.age).mdr > 0 && periods > 1 {
              setLevel(l, reamortized(l, s.balance[l], periods), factor: factor)
              s.bookLevel[l] = 0
              bookLevels -= 1
            }
          }
        }

        var sumScheduled = SIMD8<Double>.zero
        var sumInterest = SIMD8<Double>.zero
        var sumPrepaid = SIMD8<Double>.zero
        var sumDefaulted = SIMD8<Double>.zero
        var sumBalance = SIMD8<Double>.zero
        var sumActive = SIMD8<Double>.zero
        // The month's rates and the level scale, for rates the same for all loans: the month's
        // defaults and prepayments are then sums times a rate.
        let keep = SIMD8<Double>(repeating: 1 - rates.mdr)
        let stay = SIMD8<Double>(repeating: 1 - rates.smm)
        let levelScale = SIMD8<Double>(repeating: factor * (1 - rates.mdr))
        var g = firstGroup
        while g < lanes {
          let opening = load(s.balance, g)
          var performing = opening
          var level: SIMD8<Double>
          var mdr = SIMD8<Double>.zero
          var smm = SIMD8<Double>.zero
          if C.byAge {
            (mdr, smm) = curves.rates(t: t, group: g, ages: s.age)
            level = load(s.level, g) * (1 - mdr)
            performing = opening * (1 - mdr)
            sumDefaulted += opening * mdr
          } else if C.active {
            performing = opening * keep
            level = load(s.level, g) * levelScale
            sumDefaulted += opening
          } else {
            level = load(s.level, g)
          }
          let interest = performing * load(s.interestRate, g)
          var principal = level - performing * load(s.principalRate, g)
          principal.replace(with: performing, where: principal .> performing)
          var closing = performing - principal
          if C.byAge {
            sumPrepaid += closing * smm
            closing = closing * (1 - smm)
            store(level * (1 - smm), s.level, g)
            let survival = load(s.survival, g) * (1 - mdr) * (1 - smm)
            store(survival, s.survival, g)
            sumActive += survival.replacing(with: 0, where: closing .<= 0)
          } else {
            if C.active {
              sumPrepaid += closing
              closing = closing * stay
            }
            sumActive += SIMD8<Double>.zero.replacing(with: 1, where: closing .> 0)
          }
          store(closing, s.balance, g)
          sumScheduled += principal
          sumInterest += interest
          sumBalance += closing
          g += 8
        }
        if C.active && !C.byAge { factor *= (1 - rates.mdr) * (1 - rates.smm) }
        let row = sums + (t - 1) * width
        row[_Flow.scheduled] += sumScheduled.sum()
        row[_Flow.interest] += sumInterest.sum()
        row[_Flow.balance] += sumBalance.sum()
        row[_Flow.count] += C.byAge || !C.active ? sumActive.sum() : sumActive.sum() * factor
        if C.active {
          // By month: Σ D = MDR · Σ opening, Σ P = SMM · Σ (balance after the installment).
          let defaulted = C.byAge ? sumDefaulted.sum() : sumDefaulted.sum() * rates.mdr
          row[_Flow.prepayment] += C.byAge ? sumPrepaid.sum() : sumPrepaid.sum() * rates.smm
          row[_Flow.defaults] += defaulted
          sums[(t - 1 + lag) * width + _Flow.loss] += defaulted * severity
        }

        // A prepayment re-amortizes a book installment after it is paid.
        if C.active && bookLevels > 0 {
          for l in 0..<count where s.bookLevel[l] != 0 {
            let periods = s.remaining[l] - Double(t)
            if curves.rates(t: t, lane: l, ages: s.age).smm > 0 && periods >= 1 && s.balance[l] > 0
            {
              setLevel(l, reamortized(l, s.balance[l], periods), factor: factor)
              s.bookLevel[l] = 0
              bookLevels -= 1
            } else {
              s.bookLevel[l] = 1
            }
          }
        }

        // Back to regular months for the lanes that had an event.
        for i in firstEvent..<e {
          let l = Int(events[i].lane)
          s.interestRate[l] = s.monthlyRate[l]
          if s.remaining[l] > Double(t) {
            s.principalRate[l] = s.monthlyRate[l] * s.equalInstallment[l]
          }
        }
        t += 1
      }
    }
  }

  @inline(__always)
  static func load(_ p: UnsafeMutablePointer<Double>, _ i: Int) -> SIMD8<Double> {
    UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Double>.self)
  }

  @inline(__always)
  static func store(_ v: SIMD8<Double>, _ p: UnsafeMutablePointer<Double>, _ i: Int) {
    UnsafeMutableRawPointer(p + i).storeBytes(of: v, as: SIMD8<Double>.self)
  }
}
