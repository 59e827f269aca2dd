"""Load benchmark of ``POST /v1/routes`` (a script, not a test).

Starts the API on the bundled catalog (``api.server.serve`` under uvicorn, on
a free port) unless ``--url`` names a running server, then drives it with N
concurrent clients for D seconds and prints throughput and latency
percentiles. The default query is the documented one, MLOps Engineer to Chief
Data Officer, five alternatives.

    python bench/api_load.py                       # 16 clients, 10 s, own server
    python bench/api_load.py --clients 64 --duration 30 --workers 4
    python bench/api_load.py --url http://127.0.0.1:8000 --json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]

MLOPS_TO_CDO: dict[str, Any] = {
    "from": "mlops-engineer",
    "to": "chief-data-officer",
    "mode": "alternatives",
    "k": 5,
}

_SERVE = (
    "import sys; from api.server import serve; "
    "serve(None, None, '127.0.0.1', int(sys.argv[1]), int(sys.argv[2]))"
)


@dataclass
class Result:
    """What one run measured."""

    url: str
    clients: int
    duration_s: float
    requests: int
    errors: int
    statuses: dict[str, int]
    throughput_rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    mean_ms: float


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of already sorted values (``q`` in 0-100).

    >>> percentile([1.0, 2.0, 3.0, 4.0], 50), percentile([1.0, 2.0, 3.0, 4.0], 99)
    (2.0, 4.0)
    """
    if not sorted_values:
        return float("nan")
    rank = max(1, -(-len(sorted_values) * q // 100))
    return sorted_values[int(rank) - 1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def local_server(
    workers: int, settings: Mapping[str, str] | None = None
) -> Iterator[tuple[str, int]]:
    """The API on the bundled catalog in a child process, as (URL, pid); stopped on exit.

    ``settings`` are ``RUMBO_*`` variables for the server; others from the caller's
    environment are dropped so that the run is reproducible.
    """
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUMBO_")}
    env.update(settings or {})
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    process = subprocess.Popen(
        [sys.executable, "-c", _SERVE, str(port), str(workers)],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise SystemExit(f"the server exited with code {process.returncode}")
            try:
                if httpx.get(f"{url}/ready", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("the server was not ready after 60 s")
            time.sleep(0.1)
        yield url, process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


async def drive(
    url: str, body: dict[str, Any], clients: int, duration: float, warmup: float
) -> Result:
    """N clients, each sending one request after another, for ``duration`` seconds."""
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    errors = 0
    payload = json.dumps(body).encode()
    headers = {"Content-Type": "application/json"}

    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as client:

        async def one() -> tuple[float, str]:
            start = time.perf_counter()
            try:
                response = await client.post("/v1/routes", content=payload, headers=headers)
                await response.aread()
                status = str(response.status_code)
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            return time.perf_counter() - start, status

        async def warm() -> None:
            end = time.perf_counter() + warmup
            while time.perf_counter() < end:
                await one()

        await asyncio.gather(*(warm() for _ in range(clients)))

        async def worker(end: float) -> None:
            nonlocal errors
            while time.perf_counter() < end:
                elapsed, status = await one()
                latencies.append(elapsed)
                statuses[status] += 1
                if status != "200":
                    errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker(started + duration) for _ in range(clients)))
        wall = time.perf_counter() - started

    ordered = sorted(latencies)
    ms = [v * 1000 for v in ordered]
    return Result(
        url=url,
        clients=clients,
        duration_s=round(wall, 2),
        requests=len(ms),
        errors=errors,
        statuses=dict(statuses),
        throughput_rps=round(len(ms) / wall, 1),
        p50_ms=round(percentile(ms, 50), 2),
        p90_ms=round(percentile(ms, 90), 2),
        p99_ms=round(percentile(ms, 99), 2),
        max_ms=round(ms[-1], 2) if ms else float("nan"),
        mean_ms=round(sum(ms) / len(ms), 2) if ms else float("nan"),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="A running server; by default one is started.")
    parser.add_argument("--clients", type=int, default=16, help="Concurrent clients (16).")
    parser.add_argument("--duration", type=float, default=10.0, help="Seconds to measure (10).")
    parser.add_argument("--warmup", type=float, default=2.0, help="Seconds of warm-up (2).")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn workers when started.")
    parser.add_argument("--body", help="Route query as JSON (default: MLOps -> CDO, k=5).")
    parser.add_argument("--json", action="store_true", help="Print the result as JSON.")
    args = parser.parse_args(argv)
    body = json.loads(args.body) if args.body else MLOPS_TO_CDO

    def run(url: str) -> Result:
        return asyncio.run(drive(url, body, args.clients, args.duration, args.warmup))

    if args.url:
        result = run(args.url)
    else:
        with local_server(args.workers) as (url, _):
            result = run(url)

    if args.json:
        print(json.dumps(asdict(result), indent=2))
    else:
        print(f"POST /v1/routes  {json.dumps(body)}")
        print(
            f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
            f"{platform.python_version()}; server workers: "
            f"{args.workers if not args.url else 'external'}"
        )
        print(f"clients: {result.clients}, measured for {result.duration_s} s")
        print(f"requests: {result.requests}, errors: {result.errors}, statuses: {result.statuses}")
        print(f"throughput: {result.throughput_rps} req/s")
        print(
            f"latency ms: p50 {result.p50_ms}, p90 {result.p90_ms}, p99 {result.p99_ms}, "
            f"max {result.max_ms}, mean {result.mean_ms}"
        )
    return 1 if result.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
