#!/usr/bin/env python3
"""Wall clock of the candidate against its baseline, measured side by side in one run.

Usage: compare.py --candidate RUNNER [--baseline RUNNER] [--pairs N] [--tolerance X]

Both runners (GateRunner built from the candidate's and the baseline's tree) serve at once; each
workload is timed in turn on one and the other (A B, then B A, …: N samples each, after one
untimed warm-up), so both see the same machine within seconds. For each workload the log gets the
median of the N ratios candidate/baseline with their range; a bulk workload fails when that median
is above the tolerance. One-loan workloads (microseconds, and switching between two speeds on some
hosts) are reported, not gated: their guard is the instruction count.

Parallel scaling is checked in the candidate alone, in one process, on machines with two cores or
more: each projection on one thread and on all cores is timed in turn, with the CPU time the
calling thread and the whole process spent in the all-cores call. Two medians must hold: the share
of that CPU time spent on other threads (about 50 % on two cores, idle or not; 0 % when the loop
runs serially) at least --min-share, and the speed-up over one thread at least --min-speedup (about
1.9× idle; with one core of two taken by another process the projection gets 4/3 of a core against
1, and the median fell to 1.13× once; a loop that runs on one thread or waits on a lock gives 1.0×
or less).

Exit status: 0 passed, 1 a regression (each named on a line starting 'bench: REGRESSION'), 2 a
runner failed.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

SCALING = [
    ("Portfolio.project360.cprcdr.fast.1thread", "Portfolio.project360.cprcdr.fast"),
    ("Portfolio.ledger360.exact.1thread", "Portfolio.ledger360.exact"),
    ("Risk.delinquency.1000x8x360.one-matrix.one-thread", "Risk.delinquency.1000x8x360.one-matrix"),
]


class Runner:
    def __init__(self, label, path):
        self.label = label
        self.process = subprocess.Popen(
            [path, "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)

    def workloads(self, path):
        out = subprocess.run([path, "list"], capture_output=True, text=True, check=True).stdout
        return [tuple(line.split()) for line in out.splitlines() if line.strip()]

    def ask(self, command, name, fields):
        self.process.stdin.write(f"{command} {name}\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        words = line.split()
        if len(words) != fields + 1 or words[0] != name:
            raise RuntimeError(f"{self.label} runner answered {line.strip()!r} to '{command} {name}'")
        return [int(w) for w in words[1:]]

    def time(self, name):
        """Wall clock of one sample, in nanoseconds."""
        return self.ask("time", name, 1)[0]

    def cpu(self, name):
        """One sample: wall clock, the calling thread's and the process's CPU time (ns)."""
        return self.ask("cpu", name, 3)

    def close(self):
        try:
            self.process.stdin.write("quit\n")
            self.process.stdin.flush()
            self.process.wait(timeout=60)
        except Exception:
            self.process.kill()


def milliseconds(ns):
    return f"{ns / 1e6:10.2f}"


def interleaved(first, second, pairs):
    """Times `first` and `second` in turn (a warm-up each, then AB, BA, …); their samples."""
    first(), second()
    a, b = [], []
    for i in range(pairs):
        if i % 2 == 0:
            a.append(first()); b.append(second())
        else:
            b.append(second()); a.append(first())
    return a, b


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidate", required=True)
    parser.add_argument("--baseline")
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--tolerance", type=float, default=1.6)
    parser.add_argument("--min-speedup", type=float, default=1.05)
    parser.add_argument("--min-share", type=float, default=25)
    parser.add_argument("--scaling-pairs", type=int, default=11)
    parser.add_argument("--filter", default="")
    args = parser.parse_args()
    if args.pairs < 5:
        parser.error("--pairs: at least 5 samples of each side")

    started = time.monotonic()
    candidate = Runner("candidate", args.candidate)
    kinds = dict(candidate.workloads(args.candidate))
    failed = False
    try:
        if args.baseline:
            baseline = Runner("baseline", args.baseline)
            known = dict(baseline.workloads(args.baseline))
            print(f"bench: wall clock, candidate against baseline, {args.pairs} samples each, "
                  f"interleaved; bulk workloads fail above {args.tolerance:.2f}×")
            print(f"  {'workload':58} {'baseline ms':>11} {'candidate ms':>12} {'ratio':>6}  range")
            try:
                for name, kind in kinds.items():
                    if args.filter not in name:
                        continue
                    if name not in known:
                        print(f"  {name:58} (new: not in the baseline)")
                        continue
                    a, b = interleaved(lambda: baseline.time(name), lambda: candidate.time(name),
                                       args.pairs)
                    ratios = [y / x for x, y in zip(a, b)]
                    ratio = statistics.median(ratios)
                    verdict = ""
                    if kind == "bulk" and ratio > args.tolerance:
                        verdict = "  REGRESSION"
                        failed = True
                    elif kind != "bulk":
                        verdict = "  (one loan: reported, not gated)"
                    print(f"  {name:58} {milliseconds(statistics.median(a)):>11} "
                          f"{milliseconds(statistics.median(b)):>12} {ratio:6.2f}  "
                          f"{min(ratios):.2f}–{max(ratios):.2f}{verdict}")
                    if verdict == "  REGRESSION":
                        print(f"bench: REGRESSION {name}: wall clock {ratio:.2f}× the baseline's "
                              f"(median of {args.pairs} interleaved pairs; allowed {args.tolerance:.2f}×)")
            finally:
                baseline.close()

        cores = len(os.sched_getaffinity(0))
        if cores < 2:
            print("bench: parallel scaling not checked: this machine has one core")
        else:
            print(f"bench: parallel scaling in one process ({cores} cores), {args.scaling_pairs} "
                  f"samples each, interleaved; fails below {args.min_share:.0f} % of the CPU on other "
                  f"threads or {args.min_speedup:.2f}× over one thread")
            for one, many in SCALING:
                if args.filter not in one and args.filter not in many:
                    continue
                a, b = interleaved(lambda: candidate.time(one), lambda: candidate.cpu(many),
                                   args.scaling_pairs)
                speedups = [x / wall for x, (wall, _, _) in zip(a, b)]
                shares = [100 * (process - thread) / process for _, thread, process in b]
                speedup, share = statistics.median(speedups), statistics.median(shares)
                problems = []
                if share < args.min_share:
                    problems.append(f"{share:.0f} % of its CPU time on other threads (at least "
                                    f"{args.min_share:.0f} % required)")
                if speedup < args.min_speedup:
                    problems.append(f"{speedup:.2f}× faster than on one thread (at least "
                                    f"{args.min_speedup:.2f}× required)")
                print(f"  {many:58} {milliseconds(statistics.median(a))} ms on one thread, "
                      f"{milliseconds(statistics.median([w for w, _, _ in b]))} ms on {cores}: "
                      f"{speedup:.2f}× ({min(speedups):.2f}–{max(speedups):.2f}), "
                      f"{share:.0f} % of the CPU on other threads"
                      f"{'  REGRESSION' if problems else ''}")
                if problems:
                    failed = True
                    print(f"bench: REGRESSION {many}: " + "; ".join(problems)
                          + f" (medians of {args.scaling_pairs} interleaved pairs)")
    except (RuntimeError, BrokenPipeError, OSError) as error:
        print(f"bench: the comparison failed: {error}")
        return 2
    finally:
        candidate.close()
    print(f"bench: wall-clock comparison took {time.monotonic() - started:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
