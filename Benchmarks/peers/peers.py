#!/usr/bin/env python3
"""The Portfolio suite's workloads in numpy, numpy-financial and QuantLib, beside Provident.

Run by Benchmarks/peers/run.sh, which generates the book with `gjj data generate` and times ours
with the PeersRunner target; this script times the peers on the same file, checks that their totals
agree with ours, and prints a Markdown table of times and ratios.

    peers.py book.csv ours.json [--subset 2000] [--repeat 3] [--markdown out.md]

The model (the uniform book: new, undated, equal-installment loans; rates frozen):
    level      A = P·r / (1 − (1+r)^−n)                        r = annual rate / 12
    each month t = 1…360, for every loan:
      default    D = MDR·B;  performing B' = B − D;  A ← A·(1 − MDR)
      interest   I = B'·r
      scheduled  S = A − I, or B' for the last installment (t = n)
      prepaid    P = SMM·(B' − S);  B ← B' − S − P;  A ← A·(1 − SMM)
with CPR 8 %, CDR 0.5 % (SMM = 1 − (1 − CPR)^(1/12)) or none.
"""
import argparse
import json
import sys
import time

import numpy as np
import numpy_financial as npf
import QuantLib as ql

CPR, CDR = 0.08, 0.005
MONTHS = 360


def best(repeat, body):
    fastest, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = body()
        fastest = min(fastest, time.perf_counter() - start)
    return fastest, result


def read_book(path):
    """principal (yuan), annual rate (fraction), term (months) of each loan, with numpy.loadtxt."""
    skip = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            skip += 1
            if not line.startswith("#"):
                header = line.strip().split(",")
                break
    columns = [header.index(c) for c in ("principal", "rate", "months", "months_paid")]
    data = np.loadtxt(path, delimiter=",", skiprows=skip, usecols=columns, dtype=np.float64)
    if np.any(data[:, 3] != 0):
        sys.exit("peers.py: the peers model new loans only (gjj data generate --profile uniform)")
    return data[:, 0], data[:, 1] / 100, data[:, 2]


def payments_closed_form(p, r, n):
    return p * r / (1 - (1 + r) ** -n)


def project(p, r, n, level, cpr=0.0, cdr=0.0):
    """Monthly sums of scheduled principal, interest, prepayment and default: vectorized over
    loans, months in a loop, as numpy is best used. The loans are sorted by term once, so that
    month t works on a view of the loans still running; every step writes into preallocated
    buffers (out=)."""
    smm = 1 - (1 - cpr) ** (1 / 12)
    mdr = 1 - (1 - cdr) ** (1 / 12)
    order = np.argsort(n, kind="stable")
    n = n[order]
    r = r[order]
    balance = p[order].copy()
    a = level[order].copy()
    interest = np.empty_like(balance)
    scheduled = np.empty_like(balance)
    ends = np.searchsorted(n, np.arange(0, MONTHS + 1), side="right")  # loans with n ≤ t
    totals = np.zeros(4)
    for t in range(1, MONTHS + 1):
        first, last = ends[t - 1], ends[t]  # loans [first, last) pay their last installment now
        b, ai, ri = balance[first:], a[first:], r[first:]
        it, st = interest[first:], scheduled[first:]
        if mdr:
            totals[3] += b.sum() * mdr
            b *= 1 - mdr
            ai *= 1 - mdr
        np.multiply(b, ri, out=it)
        np.subtract(ai, it, out=st)
        np.minimum(st, b, out=st)
        st[: last - first] = b[: last - first]
        b -= st
        totals[0] += st.sum()
        totals[1] += it.sum()
        if smm:
            totals[2] += b.sum() * smm
            b *= 1 - smm
            ai *= 1 - smm
    return totals


def quantlib_totals(p, r, n):
    """Interest and principal of each loan as a QuantLib amortizing bond (French amortization:
    sinkingNotionals), 30/360 monthly accrual so that a coupon is notional · rate / 12."""
    start = ql.Date(1, 1, 2026)
    ql.Settings.instance().evaluationDate = start
    day_count = ql.Thirty360(ql.Thirty360.BondBasis)
    interest = principal = 0.0
    for pi, ri, ni in zip(p, r, n):
        tenor = ql.Period(int(ni), ql.Months)
        schedule = ql.sinkingSchedule(start, tenor, ql.Monthly, ql.NullCalendar())
        notionals = ql.sinkingNotionals(tenor, ql.Monthly, float(ri), float(pi))
        bond = ql.AmortizingFixedRateBond(
            0, notionals, schedule, [float(ri)], day_count, ql.Unadjusted, start)
        for cf in bond.cashflows():
            if ql.as_coupon(cf) is not None:
                interest += cf.amount()
            else:
                principal += cf.amount()
    return np.array([principal, interest])


def relative(a, b):
    return abs(a - b) / max(abs(b), 1.0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("book")
    parser.add_argument("ours")
    parser.add_argument("--subset", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--markdown")
    args = parser.parse_args()
    with open(args.ours, encoding="utf-8") as f:
        ours = json.load(f)
    s = ours["seconds"]

    load_time, (p, r, n) = best(1, lambda: read_book(args.book))
    loans = len(p)
    monthly = r / 12
    pay_np, level = best(10, lambda: payments_closed_form(p, monthly, n))
    pay_npf, level_npf = best(10, lambda: -npf.pmt(monthly, n, p))
    proj_np, sched = best(args.repeat, lambda: project(p, monthly, n, level))
    proj_cpr_np, stressed = best(args.repeat, lambda: project(p, monthly, n, level, CPR, CDR))
    k = min(args.subset, loans)
    ql_time, ql_totals = best(1, lambda: quantlib_totals(p[:k], r[:k], n[:k]))
    ql_million = ql_time / k * loans

    # Agreement of totals (yuan), each stated with its tolerance.
    checks = []

    def check(name, peer, mine, tolerance):
        rel = relative(peer, mine)
        checks.append((name, peer, mine, rel, tolerance, rel <= tolerance))

    check("payments: numpy-financial vs ours (sum)", level_npf.sum(), ours["paymentsSum"], 1e-12)
    check("scheduled interest: numpy vs ours fast", sched[1], ours["scheduled"]["interest"], 1e-9)
    check("scheduled principal: numpy vs ours fast", sched[0],
          ours["scheduled"]["scheduledPrincipal"], 1e-9)
    # The fen-exact ledger rounds every booked amount: half a fen per loan-month at most.
    loan_months = float(n.sum())
    check("scheduled interest: numpy vs ours fen-exact", sched[1],
          ours["scheduledExact"]["interest"], 1e-9 + 0.005 * loan_months / sched[1])
    for i, key in enumerate(["scheduledPrincipal", "interest", "prepayment", "default"]):
        check(f"CPR/CDR {key}: numpy vs ours fast", stressed[i], ours["cprCdr"][key], 1e-9)
    sub = ours["subset"]["totals"]
    check(f"QuantLib ({k} loans) interest vs ours fast", ql_totals[1], sub["interest"], 1e-9)
    check(f"QuantLib ({k} loans) principal vs ours fast", ql_totals[0],
          sub["scheduledPrincipal"], 1e-9)

    def ratio(peer, mine):
        return f"{peer / mine:,.1f}×"

    scale = f"{loans:,}" if loans != 1_000_000 else "1M"
    rows = [
        (f"payments of {scale} loans", s["payments"], [("numpy closed form", pay_np),
                                                  ("numpy-financial pmt", pay_npf)]),
        (f"projection {scale} × 360, scheduled, fast", s["projectionScheduledFast"],
         [("numpy", proj_np), (f"QuantLib (extrapolated from {k} loans)", ql_million)]),
        (f"… the same, Provident on 1 thread", s["projectionScheduledFast1Thread"],
         [("numpy", proj_np)]),
        (f"projection {scale} × 360, CPR 8 % / CDR 0.5 %, fast", s["projectionCprCdrFast"],
         [("numpy", proj_cpr_np)]),
        (f"… the same, Provident on 1 thread", s["projectionCprCdrFast1Thread"],
         [("numpy", proj_cpr_np)]),
        ("… the same on a prepared book (kernel only)", s["projectionCprCdrFastPrepared"],
         [("numpy", proj_cpr_np)]),
        (f"fen-exact ledger {scale} × 360", s["ledgerExact"], [("numpy (Double, unrounded)", proj_np)]),
        (f"CSV load of {scale} rows (ours: all 15 columns validated)", s["csvLoad"],
         [("numpy.loadtxt, 4 columns", load_time)]),
    ]
    lines = [
        f"Book: `gjj data generate --loans {loans} --seed 7 --profile uniform`; "
        f"Provident on {ours['threads']} threads unless stated, numpy on 1; best of {args.repeat} runs "
        "(QuantLib: one run on a subset).",
        "",
        "| workload | Provident | peer | peer time | peer ÷ Provident |",
        "|---|---|---|---|---|",
    ]
    for workload, mine, peers in rows:
        for peer, seconds in peers:
            lines.append(f"| {workload} | {mine * 1000:,.1f} ms | {peer} | "
                         f"{seconds * 1000:,.1f} ms | {ratio(seconds, mine)} |")
    lines += ["", "| totals agree | peer | Provident | relative difference | tolerance | |",
              "|---|---|---|---|---|---|"]
    for name, peer, mine, rel, tol, ok in checks:
        lines.append(f"| {name} | {peer:,.2f} | {mine:,.2f} | {rel:.1e} | {tol:.0e} | "
                     f"{'ok' if ok else 'DISAGREE'} |")
    text = "\n".join(lines)
    print(text)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    if not all(c[5] for c in checks):
        sys.exit("peers.py: totals disagree (see the table)")


if __name__ == "__main__":
    main()
