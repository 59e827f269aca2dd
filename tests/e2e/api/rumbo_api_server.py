"""A real API server for the end-to-end tests: ``api.server.serve`` under uvicorn, on a free port.

The ``server`` fixture is parametrised over stores: a copy of the bundled catalog
served writable from its folder always, and Neo4j (marked ``neo4j``) when a server answers at
``RUMBO_TEST_NEO4J_URI`` (default ``bolt://127.0.0.1:7687``, started by
``scripts/neo4j-local start``). The Neo4j database is loaded with the bundled
catalog first. :func:`serving` runs any server command until it is ready
(``tests/e2e/neo4j`` uses it for ``rumbo serve``).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[3]
E2E_KEY = "e2e-key-9f8e7d6c5b4a"
NEO4J_URI = os.environ.get("RUMBO_TEST_NEO4J_URI", "bolt://127.0.0.1:7687")
NEO4J_USER = os.environ.get("RUMBO_TEST_NEO4J_USER", "neo4j")
NEO4J_PASSWORD = os.environ.get("NEO4J_LOCAL_PASSWORD", "rumbo-local-pw")

_SERVE = (
    "import sys; from pathlib import Path; from api.server import serve; "
    "folder = sys.argv[3] if len(sys.argv) > 3 else ''; "
    "serve(Path(folder) if folder else None, sys.argv[2] or None, '127.0.0.1', "
    "int(sys.argv[1]), 1, writable=bool(folder))"
)


def serve_command(port: int, neo4j: str = "", folder: Path | None = None) -> list[str]:
    """The command serving Neo4j, a writable catalog folder, or (neither) the bundled catalog."""
    return [sys.executable, "-c", _SERVE, str(port), neo4j, *([str(folder)] if folder else [])]


def copy_of_bundled_catalog(into: Path) -> Path:
    """A writable copy of the bundled catalog, in the folder ``into``."""
    from usecases.settings import BUNDLED_CATALOG

    return Path(shutil.copytree(BUNDLED_CATALOG, into))


def server_env() -> dict[str, str]:
    """The environment of a test server: the e2e key, no store chosen by the caller's env."""
    env = {**os.environ, "RUMBO_API_KEYS": E2E_KEY, "PYTHONUNBUFFERED": "1"}
    for name in (
        "RUMBO_CATALOG_DIR",
        "RUMBO_CATALOG_WRITABLE",
        "RUMBO_NEO4J_URI",
        "RUMBO_READ_REQUIRES_KEY",
    ):
        env.pop(name, None)
    return env


@dataclass(frozen=True)
class Server:
    """A running API server."""

    url: str
    store: str
    key: str = E2E_KEY

    def client(self, **kwargs: object) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30, **kwargs)  # type: ignore[arg-type]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def load_bundled_catalog_into_neo4j() -> None:
    from graph.store import StoreUnavailable
    from loaders import read_catalog
    from stores.neo4j import connect
    from usecases.settings import BUNDLED_CATALOG

    try:
        store = connect(NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD)
    except StoreUnavailable as exc:
        message = f"{exc} (start it with scripts/neo4j-local start)"
        if os.environ.get("RUMBO_TEST_NEO4J_URI"):
            pytest.fail(message)  # scripts/test and CI always start the server
        pytest.skip(message)
    with store:
        store.replace(read_catalog(BUNDLED_CATALOG))


def start(store: str, log: Path) -> Iterator[Server]:
    port = free_port()
    env = server_env()
    if store == "neo4j":
        env.update(RUMBO_NEO4J_USER=NEO4J_USER, RUMBO_NEO4J_PASSWORD=NEO4J_PASSWORD)
        command = serve_command(port, neo4j=NEO4J_URI)
    else:
        command = serve_command(port, folder=copy_of_bundled_catalog(log.parent / "catalog"))
    with serving(command, env, log, port) as url:
        yield Server(url, store)


@contextmanager
def serving(command: Sequence[str], env: Mapping[str, str], log: Path, port: int) -> Iterator[str]:
    """Run a server ``command`` that listens on ``port``; its URL once /ready answers 200.

    The server's output goes to ``log`` (quoted when it exits or is not ready in 60 s);
    the server is stopped on exit.
    """
    with server_process(command, env, log, port) as (_, url):
        yield url


@contextmanager
def server_process(
    command: Sequence[str], env: Mapping[str, str], log: Path, port: int
) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """:func:`serving`, with the server's process too (to kill it)."""
    with log.open("ab") as out:
        process = subprocess.Popen(
            list(command), cwd=REPO, env=dict(env), stdout=out, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"server exited:\n{log.read_text()[-3000:]}")
            try:
                if httpx.get(f"{url}/ready", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"server not ready after 60 s:\n{log.read_text()[-3000:]}")
            time.sleep(0.1)
        yield process, url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
