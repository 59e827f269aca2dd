"""HTTP throughput of ``POST /v1/routes`` under ``wrk`` (a script, not a test).

Starts the API on the bundled catalog (``rumbo serve`` settings, ``--workers``
uvicorn workers, on a free port), then runs Debian's ``wrk`` against it on
the same machine, once per scenario and connection count:

- ``documented``: the documented query (MLOps Engineer to Chief Data Officer,
  five alternatives), over and over: every answer after the first is cached;
- ``mixed``: the benchmark's 200 seeded role pairs of the bundled catalog
  (``bench.subjects.make_pairs``), each as a best-route, a 5-alternatives and a
  Pareto query, 600 bodies in turn: cached once each has been asked;
- ``mixed-uncached``: the same bodies with the answer cache off, so every
  request runs its search.

Each run is preceded by an unmeasured warm-up of the same length. Usage::

    python -m bench.api_wrk                          # 2 workers, 32 connections, 15 s
    python -m bench.api_wrk --connections 8,32 --duration 20 --json /tmp/wrk.json
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bench.api_load import MLOPS_TO_CDO, local_server
from bench.subjects import make_pairs

SCENARIOS = ("documented", "mixed", "mixed-uncached")


@dataclass
class WrkResult:
    """One wrk run, as parsed from its ``--latency`` report."""

    scenario: str
    connections: int
    requests: int
    seconds: float
    throughput_rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    non_2xx: int
    socket_errors: int


def mixed_bodies() -> list[str]:
    """The 200 seeded pairs of the bundled catalog, each as three query modes."""
    from loaders import bundled_catalog, read_catalog

    graph = read_catalog(bundled_catalog()).to_graph()
    bodies = []
    for source, target in make_pairs(graph, 200, 202408, 6):
        for mode, extra in (("best", {}), ("alternatives", {"k": 5}), ("pareto", {})):
            bodies.append(json.dumps({"from": source, "to": target, "mode": mode, **extra}))
    return bodies


def lua_script(bodies: list[str]) -> str:
    """A wrk script that sends ``bodies`` in turn (each wrk thread from its own start)."""
    quoted = ",\n".join(f"  [==[{body}]==]" for body in bodies)
    return (
        f"local bodies = {{\n{quoted}\n}}\n"
        "local i = 0\n"
        'local headers = {["Content-Type"] = "application/json"}\n'
        "request = function()\n"
        "  i = i % #bodies + 1\n"
        '  return wrk.format("POST", "/v1/routes", headers, bodies[i])\n'
        "end\n"
    )


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_wrk(text: str, scenario: str, connections: int) -> WrkResult:
    """The figures of one ``wrk --latency`` report."""

    def latency(pct: str) -> float:
        match = re.search(rf"^\s*{pct}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        if not match:
            raise ValueError(f"no {pct}% latency in wrk's output:\n{text}")
        return round(float(match.group(1)) * _UNITS[match.group(2)], 2)

    done = re.search(r"(\d+) requests in ([\d.]+)(m?s)", text)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if not done or not rate:
        raise ValueError(f"unexpected wrk output:\n{text}")
    seconds = float(done.group(2)) / (1000 if done.group(3) == "ms" else 1)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    return WrkResult(
        scenario=scenario,
        connections=connections,
        requests=int(done.group(1)),
        seconds=seconds,
        throughput_rps=float(rate.group(1)),
        p50_ms=latency("50"),
        p90_ms=latency("90"),
        p99_ms=latency("99"),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(int(n) for n in errors.groups()) if errors else 0,
    )


def run_wrk(url: str, script: Path, connections: int, seconds: float, threads: int) -> str:
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds:g}s",
        "--latency",
        "-s",
        str(script),
        f"{url}/v1/routes",
    ]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers (2)")
    parser.add_argument("--connections", default="32", help="comma-separated list (32)")
    parser.add_argument("--duration", type=float, default=15.0, help="seconds per run (15)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--json", default="", help="write the results here too")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        print("bench.api_wrk needs wrk: apt-get install wrk", file=sys.stderr)
        return 2
    connections = [int(c) for c in args.connections.split(",")]
    bodies = {"documented": [json.dumps(MLOPS_TO_CDO)], "mixed": mixed_bodies()}
    results: list[WrkResult] = []
    with tempfile.TemporaryDirectory(prefix="rumbo-wrk-") as folder:
        for scenario in args.scenarios.split(","):
            script = Path(folder) / f"{scenario}.lua"
            script.write_text(lua_script(bodies[scenario.removesuffix("-uncached")]))
            cache_off = {"RUMBO_ANSWER_CACHE_SIZE": "0"} if scenario.endswith("-uncached") else {}
            with local_server(args.workers, cache_off) as (url, _):
                for c in connections:
                    run_wrk(url, script, c, args.duration, args.threads)  # warm-up
                    text = run_wrk(url, script, c, args.duration, args.threads)
                    result = parse_wrk(text, scenario, c)
                    results.append(result)
                    print(_row(result), flush=True)
    if args.json:
        payload: dict[str, Any] = {
            "workers": args.workers,
            "threads": args.threads,
            "cpus": os.cpu_count(),
            "loadavg": os.getloadavg(),
            "results": [asdict(r) for r in results],
        }
        Path(args.json).write_text(json.dumps(payload, indent=2))
    return 1 if any(r.non_2xx or r.socket_errors for r in results) else 0


def _row(r: WrkResult) -> str:
    return (
        f"| {r.scenario} | {r.connections} | {r.throughput_rps:,.0f} req/s | {r.p50_ms} ms "
        f"| {r.p90_ms} ms | {r.p99_ms} ms | {r.requests} | {r.non_2xx + r.socket_errors} |"
    )


if __name__ == "__main__":
    raise SystemExit(main())
