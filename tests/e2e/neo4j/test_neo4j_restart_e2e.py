"""A stopped server gives clear errors and a stale snapshot; a restarted one is used again.

Runs its own private server (``scripts/neo4j-local`` on a free port with a temporary data
folder) so that stopping it disturbs nobody else's server.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j_e2e import REPO

from graph.catalog import Catalog
from graph.store import StoreUnavailable
from stores.neo4j import Neo4jStore, connect
from tests.e2e.api.rumbo_api_server import free_port, serving

LAUNCHER = REPO / "scripts" / "neo4j-local"
PASSWORD = "rumbo-private-pw"


class PrivateServer:
    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        self.uri = f"bolt://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "NEO4J_LOCAL_PORT": str(self.port),
            "NEO4J_LOCAL_DIR": str(folder),
            "NEO4J_LOCAL_PASSWORD": PASSWORD,
        }

    def _run(self, command: str) -> str:
        done = subprocess.run(
            [str(LAUNCHER), command],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=240,
            check=False,
        )
        if done.returncode != 0:
            pytest.fail(f"scripts/neo4j-local {command} failed:\n{done.stderr}", pytrace=False)
        return done.stdout.strip()

    def start(self) -> None:
        assert self._run("start") == self.uri

    def stop(self) -> None:
        self._run("stop")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrivateServer]:
    private = PrivateServer(tmp_path_factory.mktemp("neo4j-private"))
    private.start()
    try:
        yield private
    finally:
        private.stop()


def test_stopped_server_then_restarted_server(server: PrivateServer, bundled: Catalog) -> None:
    store: Neo4jStore = connect(server.uri, "neo4j", PASSWORD)
    try:
        loaded = store.load(bundled)
        assert loaded is not None
        fresh = store.snapshot()
        assert fresh.version == 1 and not fresh.stale

        server.stop()
        started = time.monotonic()
        stale = store.snapshot()
        assert time.monotonic() - started < 5  # no 30-second retry loop on reads
        assert stale.stale and stale.version == fresh.version and stale.catalog == bundled

        role = bundled.roles["data-engineer"]
        with pytest.raises(StoreUnavailable) as info:
            store.put_role(role.model_copy(update={"name": "Mientras tanto"}))
        message = str(info.value)
        assert message.startswith(f"Neo4j at {server.uri} (database 'neo4j'): ")
        assert "failed: the server does not answer" in message and "\n" not in message
        with pytest.raises(StoreUnavailable, match=f"^cannot reach Neo4j at {server.uri}: "):
            connect(server.uri, "neo4j", PASSWORD)

        server.start()
        recovered = store.snapshot()
        for _ in range(20):  # the first query after a start may still find the pool warming
            if not recovered.stale:
                break
            time.sleep(1)
            recovered = store.snapshot()
        assert not recovered.stale and recovered.version == fresh.version
        written = store.put_role(role.model_copy(update={"name": "Después del reinicio"})).snapshot
        assert written.version == fresh.version + 1
        with connect(server.uri, "neo4j", PASSWORD) as other:
            assert other.snapshot().catalog.roles["data-engineer"].name == "Después del reinicio"
    finally:
        store.close()


def test_api_keeps_answering_while_neo4j_is_down(
    server: PrivateServer, bundled: Catalog, tmp_path: Path
) -> None:
    """Reads from the last good projection (marked stale), writes 503, /ready says why."""
    import sys

    import httpx

    with connect(server.uri, "neo4j", PASSWORD) as store:
        store.load(bundled)
    port = free_port()
    env = {
        **os.environ,
        "RUMBO_NEO4J_URI": server.uri,
        "RUMBO_NEO4J_PASSWORD": PASSWORD,
        "RUMBO_API_KEYS": "fault-test-key",
    }
    env.pop("RUMBO_NEO4J_USER", None)  # the default user, neo4j
    command = [sys.executable, "-m", "uvicorn", "api.app:app_from_env", "--factory"]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    key = {"X-API-Key": "fault-test-key"}
    route = {"from": "mlops-engineer", "to": "chief-data-officer"}
    with serving(command, env, tmp_path / "api.log", port) as url:
        with httpx.Client(base_url=url, timeout=30) as c:
            before = c.post("/v1/routes", json=route)
            assert before.status_code == 200

            server.stop()
            during = c.post("/v1/routes", json={**route, "mode": "pareto"})
            assert during.status_code == 200
            assert during.headers.get("X-Catalog-Stale") == "true"
            assert during.json()["routes"]
            ready = c.get("/ready")
            assert ready.status_code == 503 and "copia antigua" in ready.text
            ready_en = c.get("/ready", headers={"Accept-Language": "en"})
            assert ready_en.status_code == 503 and "stale copy" in ready_en.text
            role = c.get("/v1/roles/data-engineer").json()
            body = {k: role[k] for k in ("name", "profile")}
            write = c.put("/v1/roles/data-engineer", json=body, headers=key)
            assert write.status_code == 503 and write.headers.get("Retry-After")

            server.start()
            for _ in range(60):
                if c.get("/ready").status_code == 200:
                    break
                time.sleep(1)
            assert c.get("/ready").status_code == 200
            again = c.put("/v1/roles/data-engineer", json=body, headers=key)
            assert again.status_code == 200, again.text
            assert c.post("/v1/routes", json=route).headers.get("X-Catalog-Stale") is None
