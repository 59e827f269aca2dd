"""Concurrent heavy searches on O*NET 20.3: bounded per worker, /health keeps answering.

A real server on the O*NET 20.3 catalog (1,093 roles, 140 imputed, imported from
``<repo>/../shared/data/onet-20.3``; skipped when that release is absent) with
``RUMBO_MAX_CONCURRENT_SEARCHES=2`` gets 24 simultaneous
``GET /v1/roles/{id}/reachable?steps=8`` (each a 2 MB answer) while a probe
asks ``/health`` again and again. Every search answers 200 or, beyond the bound,
503 with ``Retry-After``; some are refused (they were not queued); every probe
answers 200.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from rumbo_api_server import REPO, free_port, serving

ONET_20_3 = REPO.parent / "shared" / "data" / "onet-20.3"
CONCURRENT = 24

_SERVE = (
    "import sys; from api.server import serve; "
    "serve(Path(sys.argv[2]), None, '127.0.0.1', int(sys.argv[1]), 1)"
)


@pytest.fixture(scope="module")
def onet_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not ONET_20_3.is_dir():
        pytest.skip(f"no O*NET 20.3 release at {ONET_20_3}")
    folder = tmp_path_factory.mktemp("onet") / "catalog"
    command = "from rumbo_cli.main import run; run()"
    subprocess.run(
        [sys.executable, "-c", command, "import", str(ONET_20_3), "--out", str(folder)],
        check=True,
        capture_output=True,
        cwd=REPO,
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUMBO_")}
    env["RUMBO_MAX_CONCURRENT_SEARCHES"] = "2"
    port = free_port()
    serve = "from pathlib import Path; " + _SERVE
    log: Path = folder.parent / "server.log"
    with serving([sys.executable, "-c", serve, str(port), str(folder)], env, log, port) as url:
        yield url


def test_concurrent_heavy_searches_are_bounded_and_health_answers(onet_url: str) -> None:
    with httpx.Client(base_url=onet_url, timeout=60) as client:
        roles = client.get("/v1/roles", params={"limit": CONCURRENT}).json()["items"]
        paths = [f"/v1/roles/{role['id']}/reachable?steps=8" for role in roles]
        assert len(paths) == CONCURRENT
        health: list[int] = []
        done = threading.Event()

        def probe() -> None:
            while not done.is_set():
                health.append(client.get("/health").status_code)

        prober = threading.Thread(target=probe)
        prober.start()
        try:
            with ThreadPoolExecutor(CONCURRENT) as pool:
                answers = list(pool.map(client.get, paths))
        finally:
            done.set()
            prober.join()
    statuses = [a.status_code for a in answers]
    assert set(statuses) <= {200, 503}, statuses
    assert 200 in statuses and 503 in statuses, statuses
    for answer in answers:
        if answer.status_code == 503:
            assert answer.headers["retry-after"] == "1"
            assert answer.json()["type"] == "urn:rumbo:problem:too-busy"
        else:
            assert answer.json()["steps"] == 8
    assert health and set(health) == {200}
