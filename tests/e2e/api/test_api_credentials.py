"""A password written into a Neo4j URI never reaches any output: server logs or CLI errors.

Each command runs as a real process, with the URI given as ``--neo4j`` or as
``RUMBO_NEO4J_URI``; its whole output (stdout and stderr, tracebacks
included) must not contain the password, and must still say what went wrong.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence

import pytest
from rumbo_api_server import REPO, free_port

PASSWORD = "hunter2-Pa55word"

#: URIs the driver refuses (userinfo, bad host) or that point where nothing answers.
URIS = [
    f"bolt://neo4j:{PASSWORD}@127.0.0.1:1",
    f"neo4j://neo4j:{PASSWORD}@127.0.0.1:1",
    f"bolt://neo4j:{PASSWORD}@[::1",
    f"http://neo4j:{PASSWORD}@127.0.0.1:7474",
    f"bolt://neo4j:p@{PASSWORD}@127.0.0.1:1",
]

_SERVE = (
    "import sys; from api.server import serve; "
    "serve(None, sys.argv[2], '127.0.0.1', int(sys.argv[1]), 1)"
)


def _output(command: Sequence[str], uri_env: str | None = None) -> tuple[int, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUMBO_")}
    env["PYTHONUNBUFFERED"] = "1"
    if uri_env is not None:
        env["RUMBO_NEO4J_URI"] = uri_env
    done = subprocess.run(
        list(command), cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
    return done.returncode, done.stdout + done.stderr


def _rumbo(*args: str) -> list[str]:
    return [sys.executable, "-c", "from rumbo_cli.main import run; run()", *args]


def _assert_no_password(code: int, output: str) -> None:
    assert code != 0
    assert "Neo4j" in output, output  # the error still says what failed
    assert PASSWORD not in output, output
    assert PASSWORD.lower() not in output.lower(), output


@pytest.mark.parametrize("uri", URIS)
def test_the_server_never_logs_the_password(uri: str) -> None:
    """``api.server.serve`` as ``rumbo serve`` calls it: the store opens in uvicorn's lifespan."""
    _assert_no_password(*_output([sys.executable, "-c", _SERVE, str(free_port()), uri]))


@pytest.mark.parametrize("uri", URIS[:2])
def test_rumbo_serve_never_prints_the_password(uri: str) -> None:
    port = str(free_port())
    _assert_no_password(*_output(_rumbo("serve", "--neo4j", uri, "--port", port)))
    _assert_no_password(*_output(_rumbo("serve", "--port", port), uri_env=uri))


@pytest.mark.parametrize("uri", URIS)
def test_a_cli_query_never_prints_the_password(uri: str) -> None:
    route = ("route", "mlops-engineer", "chief-data-officer")
    _assert_no_password(*_output(_rumbo(*route, "--neo4j", uri)))
    _assert_no_password(*_output(_rumbo(*route), uri_env=uri))


@pytest.mark.parametrize("uri", URIS[:2])
def test_rumbo_db_never_prints_the_password(uri: str) -> None:
    _assert_no_password(*_output(_rumbo("db", "status", "--neo4j", uri)))
