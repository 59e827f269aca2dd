"""The ``server`` fixture of the end-to-end API tests (see :mod:`rumbo_api_server`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rumbo_api_server import Server, load_bundled_catalog_into_neo4j, start


@pytest.fixture(
    scope="session",
    params=["memory", pytest.param("neo4j", marks=pytest.mark.neo4j)],
)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    store: str = request.param
    if store == "neo4j":
        load_bundled_catalog_into_neo4j()
    log = tmp_path_factory.mktemp(f"server-{store}") / "server.log"
    yield from start(store, log)
