"""A bounded soak run: mixed reads and writes against a running API on loopback.

Starts ``rumbo serve`` on a writable copy of the bundled catalog (a temporary folder;
the bundled catalog itself is read-only), then for ``--duration`` seconds runs reader
threads (route queries over random role pairs, role pages) and writer threads (create,
replace and delete scratch roles with the API key). Reports errors (anything but the
expected statuses), latency percentiles and the server's resident memory sampled over
the run. Not a test: run it by hand::

    python -m bench.soak --duration 120
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx

from bench.api_load import local_server, percentile
from graph.traits import TRAITS
from loaders import bundled_catalog

KEY = "soak-key-0123456789"


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = {"read": [], "write": []}
        self.errors: list[str] = []

    def record(self, kind: str, started: float, response: httpx.Response, ok: set[int]) -> None:
        elapsed = (time.perf_counter() - started) * 1000
        with self.lock:
            self.latencies[kind].append(elapsed)
            if response.status_code not in ok:
                self.errors.append(
                    f"{response.request.method} {response.request.url.path}: {response.status_code}"
                )


def reader(url: str, roles: list[str], until: float, tally: Tally, seed: int) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=url, timeout=30) as c:
        while time.monotonic() < until:
            a, b = rng.sample(roles, 2)
            mode = rng.choice(["best", "alternatives", "pareto", "shortest-gap"])
            started = time.perf_counter()
            r = c.post("/v1/routes", json={"from": a, "to": b, "mode": mode, "k": 5})
            tally.record("read", started, r, {200})
            started = time.perf_counter()
            r = c.get(f"/v1/roles/{a}", params={"lang": rng.choice(["es", "en"])})
            tally.record("read", started, r, {200})


def writer(url: str, until: float, tally: Tally, worker: int) -> None:
    rng = random.Random(worker)
    headers = {"X-API-Key": KEY}
    with httpx.Client(base_url=url, timeout=30) as c:
        n = 0
        while time.monotonic() < until:
            role_id = f"soak-{worker}-{n % 20}"
            body = {"name": f"Soak {n}", "profile": {t.value: rng.randint(20, 90) for t in TRAITS}}
            started = time.perf_counter()
            r = c.put(f"/v1/roles/{role_id}", json=body, headers=headers)
            tally.record("write", started, r, {200, 201})
            if n % 3 == 2:
                started = time.perf_counter()
                r = c.delete(f"/v1/roles/{role_id}", headers=headers)
                tally.record("write", started, r, {200})
            n += 1
            time.sleep(0.05)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=120)
    parser.add_argument("--readers", type=int, default=6)
    parser.add_argument("--writers", type=int, default=2)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="rumbo-soak-")) / "catalog"
    shutil.copytree(bundled_catalog(), folder)
    settings = {
        "RUMBO_API_KEYS": KEY,
        "RUMBO_CATALOG_DIR": str(folder),
        "RUMBO_CATALOG_WRITABLE": "true",
    }
    if "RUMBO_ANSWER_CACHE_SIZE" in os.environ:
        settings["RUMBO_ANSWER_CACHE_SIZE"] = os.environ["RUMBO_ANSWER_CACHE_SIZE"]
    with local_server(1, settings) as (url, pid):
        roles = [
            r["id"] for r in httpx.get(f"{url}/v1/roles", params={"limit": 200}).json()["items"]
        ]
        tally = Tally()
        until = time.monotonic() + args.duration
        threads = [
            threading.Thread(target=reader, args=(url, roles, until, tally, i))
            for i in range(args.readers)
        ]
        threads += [
            threading.Thread(target=writer, args=(url, until, tally, i))
            for i in range(args.writers)
        ]
        memory = [(0.0, rss_mib(pid))]
        started = time.monotonic()
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads):
            time.sleep(5)
            memory.append((time.monotonic() - started, rss_mib(pid)))
        for t in threads:
            t.join()
    print(
        f"duration {args.duration:.0f} s, {args.readers} readers, {args.writers} writers, "
        f"server and load on one {os.cpu_count()}-CPU machine (loopback)"
    )
    for kind, unsorted in tally.latencies.items():
        values = sorted(unsorted)
        print(
            f"{kind}: {len(values)} requests, p50 {percentile(values, 50):.1f} ms, "
            f"p95 {percentile(values, 95):.1f} ms, p99 {percentile(values, 99):.1f} ms, "
            f"max {max(values, default=float('nan')):.1f} ms"
        )
    print(f"errors: {len(tally.errors)}", *tally.errors[:10], sep="\n  ")
    minutes: dict[int, float] = {}
    for seconds, mib in memory:
        minutes.setdefault(int(seconds // 60), mib)  # the first sample of each minute
    print("server RSS MiB by minute:", ", ".join(f"{k}: {m:.0f}" for k, m in minutes.items()))
    first_minute = [m for t, m in memory if t <= 30] or [memory[0][1]]
    print(
        f"server RSS MiB: start {memory[0][1]:.0f}, "
        f"after warm-up {statistics.median(first_minute):.0f}, "
        f"end {memory[-1][1]:.0f}, max {max(m for _, m in memory):.0f}"
    )


if __name__ == "__main__":
    main()
