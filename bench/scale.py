"""Every scale figure of docs/benchmarks.md in one run, one command after another.

``python -m bench.scale --neo4j bolt://127.0.0.1:7797`` runs, each in its own process
(``--sizes``, default ``10k,100k``, are the synthetic catalogs' sizes):

- :mod:`bench.derived_edges` at 10k and 100k roles (the quadratic method, the reference,
  at 10k in the same process; at 100k its time is estimated from 10k as ``n²``);
- :mod:`bench.catalog_read` at 10k and 100k roles (with ``--before DIR``, also an older
  checkout on the same files, as that command's ``--code``);
- :mod:`bench.memory` ``--served`` and ``--served --reloaded`` at 10k and 100k roles;
- a replica's way to ready from a projection file at 100k (``--ready``: unpickle the
  catalog, build its graph with derived edges, compile it);
- :mod:`bench.neo4j_load` at 100k roles and 1M transitions against ``--neo4j`` (a server
  whose catalog it replaces: use a private one, see docs/neo4j-local.md), when given; then
  its ``--read-only`` cold starts again in a fresh process, as a replica starts.

It prints each command's own output as it comes, then a summary table in Markdown, and
saves every figure with the load average around it to ``bench/.cache/scale-run.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench import synthetic

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / ".cache" / "scale-run.json"
#: The lines of bench.neo4j_load's report this run keeps: phase name, wall and CPU seconds.
_PHASE = re.compile(
    r"^(?P<phase>\S.*?)\s{2,}(?P<wall>[\d.]+) s\s+\(this process's CPU\s+(?P<cpu>[\d.]+) s"
)


def run(command: list[str], label: str) -> tuple[list[str], dict[str, Any]]:
    """Run one command in a fresh interpreter; its output lines and how long it took."""
    print(f"\n$ {' '.join(command)}", flush=True)
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    print(done.stdout, end="", flush=True)
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr, flush=True)
        raise SystemExit(f"{label} failed (exit {done.returncode})")
    info = {"wall_s": round(elapsed, 1), "load": [load_before, os.getloadavg()[0]]}
    return done.stdout.splitlines(), info


def json_lines(lines: Sequence[str]) -> list[dict[str, Any]]:
    """The lines that are JSON objects, parsed."""
    return [json.loads(line) for line in lines if line.startswith("{")]


def neo4j_phases(lines: Sequence[str]) -> dict[str, dict[str, float]]:
    """bench.neo4j_load's phases: wall and CPU seconds by phase name."""
    phases = {}
    for line in lines:
        if match := _PHASE.match(line):
            phases[match["phase"]] = {"wall_s": float(match["wall"]), "cpu_s": float(match["cpu"])}
    return phases


def ready_from_file(roles: int) -> dict[str, Any]:
    """Seconds a replica takes from its projection file to a compiled graph (``--ready``)."""
    import pickle

    from bench.memory import _reloaded
    from graph.store import CatalogSnapshot

    _reloaded(roles, synthetic.DEFAULT_SEED)  # make the pickle first, in another process
    path = next((ROOT / "bench" / ".cache").glob(f"served-catalog-v4-{roles}-*.pickle"))
    steps: dict[str, Any] = {"roles": roles}
    clock = time.perf_counter()
    with path.open("rb") as file:
        snapshot = CatalogSnapshot(1, pickle.load(file))
    steps["after_read_s"] = round(time.perf_counter() - clock, 2)
    snapshot.graph  # noqa: B018  (built on first use, as /ready builds it)
    steps["after_graph_s"] = round(time.perf_counter() - clock, 2)
    snapshot.compiled  # noqa: B018
    steps["after_compiled_s"] = round(time.perf_counter() - clock, 2)
    steps["edges"] = snapshot.graph.number_of_edges()
    return steps


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--neo4j", help="bolt URI of a Neo4j whose catalog may be replaced")
    parser.add_argument("--before", type=Path, help="an older checkout for the CSV read")
    parser.add_argument("--sizes", default="10k,100k", help="catalog sizes, smallest first")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where the figures go")
    parser.add_argument("--ready", type=int, metavar="ROLES", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sizes = [synthetic.parse_size(s) for s in args.sizes.split(",") if s.strip()]
    if args.ready:
        print(json.dumps(ready_from_file(args.ready)))
        return 0
    python = [sys.executable, "-m"]
    results: dict[str, Any] = {"started": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())}
    lines, info = run(
        [*python, "bench.derived_edges", "--sizes", args.sizes, "--quadratic-max", str(sizes[0])],
        "derived edges",
    )
    results["derived_edges"] = {**info, "rows": json_lines(lines)}
    codes = ["--code", str(args.before), "--code", "."] if args.before else []
    lines, info = run([*python, "bench.catalog_read", "--sizes", args.sizes, *codes], "CSV read")
    results["csv_read"] = {**info, "rows": json_lines(lines)}
    memory = []
    for roles in sizes:
        for extra in ([], ["--reloaded"]):
            lines, info = run(
                [*python, "bench.memory", "--synthetic", str(roles), "--served", *extra], "memory"
            )
            memory += [{**row, "load": info["load"]} for row in json_lines(lines)]
    results["memory"] = memory
    lines, info = run([*python, "bench.scale", "--ready", str(sizes[-1])], "replica ready")
    results["ready"] = {**info, "rows": json_lines(lines)}
    if args.neo4j:
        load = ["--roles", "100000", "--per-role", "10", "--yes", "--no-second-load"]
        lines, info = run([*python, "bench.neo4j_load", "--uri", args.neo4j, *load], "Neo4j")
        results["neo4j"] = {**info, "phases": neo4j_phases(lines), "lines": lines}
        # A replica starts as a fresh process: its cold starts, without the load's heap.
        lines, info = run(
            [*python, "bench.neo4j_load", "--uri", args.neo4j, "--read-only"], "replica"
        )
        results["replica"] = {**info, "phases": neo4j_phases(lines), "lines": lines}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1) + "\n")
    print("\n" + summary(results), flush=True)
    return 0


def summary(results: dict[str, Any]) -> str:
    """The run's figures as a Markdown table."""
    rows = ["| figure | value | load average |", "| --- | ---: | --- |"]
    for row in results["derived_edges"]["rows"]:
        size = _size(row["roles"])
        indexed = f"{row['indexed']['wall_s']} s ({row['derived_edges']:,} edges)"
        rows.append(_row(f"derived edges {size}, indexed", indexed, row["indexed"]))
        if "quadratic" in row:
            quadratic = f"{row['quadratic']['wall_s']} s (equal: {row['equal']})"
            rows.append(_row(f"derived edges {size}, quadratic", quadratic, row["quadratic"]))
        elif "quadratic_estimate_s" in row:
            estimate = f"≈ {row['quadratic_estimate_s']} s, estimated"
            rows.append(_row(f"derived edges {size}, quadratic", estimate, row["indexed"]))
    for row in results["csv_read"]["rows"]:
        which = "" if row["code"] in (".", str(ROOT)) else f" ({row['code']})"
        label = f"CSV read {_size(row['roles'])}{which}"
        rows.append(_row(label, f"{row['wall_s']} s (CPU {row['cpu_s']} s)", row))
    for row in results["memory"]:
        label = f"RSS growth, served {_size(row['roles'])}"
        label += ", from the projection file" if row["reloaded"] else ""
        mib = (row["rss_searched"] - row["rss_before"]) / 2**20
        rows.append(_row(label, f"{mib:,.0f} MiB ({row['rss_searched'] / 2**20:,.0f} MiB)", row))
    for row in results["ready"]["rows"]:
        value = (
            f"read {row['after_read_s']} s, graph {row['after_graph_s']} s, "
            f"compiled {row['after_compiled_s']} s"
        )
        label = f"replica ready from the projection file {_size(row['roles'])}"
        rows.append(_row(label, value, results["ready"]))
    for part, title in (("neo4j", "Neo4j 100k"), ("replica", "Neo4j 100k, fresh process")):
        for phase, figures in results.get(part, {}).get("phases", {}).items():
            value = f"{figures['wall_s']} s (CPU {figures['cpu_s']} s)"
            rows.append(_row(f"{title}: {phase}", value, results[part]))
    return "\n".join(rows)


def _size(roles: int) -> str:
    return synthetic.size_label(roles)


def _row(label: str, value: str, source: dict[str, Any]) -> str:
    load = source.get("load") or [source.get("load_before"), source.get("load_after")]
    shown = "-".join(f"{x:.1f}" for x in load if x is not None)
    return f"| {label} | {value} | {shown} |"


if __name__ == "__main__":
    sys.exit(main())
