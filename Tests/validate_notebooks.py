"""Validate Jupyter notebooks against the nbformat v4 schema (used by `make test`)."""
import sys

import nbformat

failed = 0
for path in sys.argv[1:]:
    try:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        print(f"valid nbformat {nb.nbformat}.{nb.nbformat_minor}: {path}")
    except Exception as error:  # noqa: BLE001 - report every failure, then exit non-zero
        failed += 1
        print(f"INVALID: {path}: {error}", file=sys.stderr)
if not sys.argv[1:]:
    print("no notebooks given", file=sys.stderr)
    failed = 1
sys.exit(1 if failed else 0)
