#!/usr/bin/env python3
"""Totals of one callgrind output file: `INSTRUCTIONS ALLOCATIONS`.

Instructions are the file's summary line. Allocations are the calls to malloc, calloc, realloc,
posix_memalign, aligned_alloc, memalign and valloc, summed over every call site the file records
(callgrind writes a call as `cfn=(id) name` followed by `calls=COUNT …`; names are given once per id
and then referred to by id alone). Callgrind runs the program's threads one at a time, so both
totals repeat exactly for the same binary and inputs, whatever else the machine is doing.
"""
import re
import sys

ALLOCATORS = {"malloc", "calloc", "realloc", "posix_memalign", "aligned_alloc", "memalign", "valloc"}
NAMED = re.compile(r"c?fn=\((\d+)\)(?: (.*))?$")


def totals(path):
    names, instructions, allocations, callee = {}, None, 0, None
    with open(path, errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith(("fn=", "cfn=")):
                m = NAMED.match(line)
                if m:
                    if m.group(2):
                        names[m.group(1)] = m.group(2)
                    callee = names.get(m.group(1)) if line.startswith("cfn=") else None
            elif line.startswith("calls=") and callee is not None:
                # `malloc'2` is callgrind's name for a recursive level of the same function.
                if callee.split("'")[0] in ALLOCATORS:
                    allocations += int(line[len("calls="):].split()[0])
                callee = None
            elif line.startswith("summary:"):
                instructions = int(line.split()[1])
    return instructions, allocations


if __name__ == "__main__":
    i, a = totals(sys.argv[1])
    if i is None:
        sys.exit("no summary line in " + sys.argv[1])
    print(i, a)
