"""Reading a CSV catalog folder: the time of ``read_csv_catalog`` on synthetic catalogs.

``python -m bench.catalog_read --sizes 10k,100k [--code DIR ...]`` writes the synthetic
catalog of each size as CSV (:func:`loaders.write_catalog`) into a scratch folder, then
reads it back in a fresh interpreter per ``--code`` checkout (default: this one), so
one command can time the code before and after a change on the same files: export the
older commit with ``git archive <commit> | tar -x -C DIR`` and pass both folders. The
size limit on a table is lifted for the read (16 MiB by default; 100k roles need
45 MB). Each read is checked to give the written catalog back. Prints one JSON object
per read, with wall and CPU seconds and the 1-minute load average before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench import synthetic
from loaders import write_catalog

ROOT = Path(__file__).resolve().parent.parent

#: Run in the fresh interpreter, with the checkout to time first on ``sys.path``:
#: read the folder, lift the table size limit, say how long it took.
_READ = """
import inspect, json, os, pickle, sys, time
from pathlib import Path
from loaders import csv_catalog
folder, expected = sys.argv[1], sys.argv[2]
limit = 1 << 30
options = {}
if "max_table_bytes" in inspect.signature(csv_catalog.read_csv_catalog).parameters:
    options["max_table_bytes"] = limit
else:  # before the parameter: the module's constant
    csv_catalog.MAX_TABLE_BYTES = limit
load, wall, cpu = os.getloadavg()[0], time.perf_counter(), time.process_time()
catalog = csv_catalog.read_csv_catalog(Path(folder), **options)
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
with open(expected, "rb") as fh:
    same = pickle.load(fh) == catalog
print(json.dumps({"wall_s": round(wall, 3), "cpu_s": round(cpu, 3), "same_catalog": same,
                  "load_before": load, "load_after": os.getloadavg()[0]}))
"""


def read_in(code: Path, folder: Path, expected: Path) -> dict[str, Any]:
    """Time reading ``folder`` with the loaders of checkout ``code``, in a fresh interpreter."""
    environment = {**os.environ, "PYTHONPATH": str(code)}
    done = subprocess.run(
        [sys.executable, "-c", _READ, str(folder), str(expected)],
        cwd=code,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k")
    parser.add_argument("--seed", type=int, default=synthetic.DEFAULT_SEED)
    parser.add_argument(
        "--code", type=Path, action="append", help="checkout whose loaders to time (repeatable)"
    )
    args = parser.parse_args(argv)
    checkouts = args.code or [ROOT]
    all_same = True
    for n in (synthetic.parse_size(s) for s in args.sizes.split(",") if s.strip()):
        scratch = Path(tempfile.mkdtemp(prefix="rumbo-csv-read-"))
        try:
            catalog = synthetic.load(n, args.seed).catalog()
            write_catalog(catalog, scratch / "catalog", "csv")
            sizes = {p.name: p.stat().st_size for p in (scratch / "catalog").iterdir()}
            expected = scratch / "expected.pickle"
            expected.write_bytes(pickle.dumps(catalog))
            del catalog
            for code in checkouts:
                row: dict[str, Any] = {"roles": n, "code": str(code), "file_bytes": sizes}
                row.update(read_in(code.resolve(), scratch / "catalog", expected))
                all_same = all_same and row["same_catalog"]
                print(json.dumps(row), flush=True)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return 0 if all_same else 1


if __name__ == "__main__":
    sys.exit(main())
