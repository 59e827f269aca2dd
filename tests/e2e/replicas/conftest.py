"""Fixtures of the scale-out test: three API processes on one Neo4j.

The servers are started as ``tests/e2e/api/rumbo_api_server.py`` starts its Neo4j one (the
same command, environment and readiness wait), on the server ``RUMBO_TEST_NEO4J_URI`` names
(``scripts/neo4j-local start``; CI starts it). Its database is loaded with the bundled
catalog first.

(No ``__init__.py`` here, as in ``tests/e2e/neo4j``: the test modules are found by path.)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from tests.e2e.api.rumbo_api_server import Server, load_bundled_catalog_into_neo4j, start

#: API processes started on the one Neo4j.
REPLICAS = 3


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.neo4j)


@pytest.fixture
def replicas(tmp_path: Path) -> Iterator[list[Server]]:
    """Three running API processes on the Neo4j test server, which holds the bundled catalog."""
    load_bundled_catalog_into_neo4j()
    with ExitStack() as stack:
        yield [
            stack.enter_context(contextmanager(start)("neo4j", tmp_path / f"replica-{n}.log"))
            for n in range(REPLICAS)
        ]
