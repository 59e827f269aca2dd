"""Fixtures of the end-to-end tests against a real Neo4j server.

The server is the one ``scripts/neo4j-local start`` runs (CI starts it before the tests):
``RUMBO_TEST_NEO4J_URI`` (default ``bolt://127.0.0.1:7687``), user ``neo4j``, password
``RUMBO_TEST_NEO4J_PASSWORD`` (default ``rumbo-local-pw``). When it cannot be reached the
tests fail with a message saying so; they never skip. Community edition has one user
database, so every test starts by deleting Rumbo's nodes (and only those) from it.

(No ``__init__.py`` here on purpose: as a package this folder would be imported as
``neo4j`` and hide the driver.)
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver
from neo4j_e2e import DATA, DATABASE, PASSWORD, URI, USER, open_store, wipe

from graph.catalog import Catalog
from graph.store import StoreUnavailable
from loaders import read_catalog
from stores.driver import open_driver
from stores.neo4j import Neo4jStore


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.neo4j)


@pytest.fixture(scope="session")
def driver() -> Iterator[Driver]:
    """A driver on the test server; fails (never skips) when the server is unreachable."""
    try:
        drv = open_driver(URI, USER, PASSWORD, DATABASE, connection_timeout=5)
    except StoreUnavailable as exc:
        pytest.fail(
            f"the Neo4j test server is not reachable ({exc}). Start it with "
            "`scripts/neo4j-local start` (CI does), or point RUMBO_TEST_NEO4J_URI / "
            "RUMBO_TEST_NEO4J_PASSWORD at one.",
            pytrace=False,
        )
    yield drv
    drv.close()


@pytest.fixture
def clean(driver: Driver) -> Driver:
    """The test server with no Rumbo nodes."""
    wipe(driver)
    return driver


@pytest.fixture
def store(clean: Driver) -> Iterator[Neo4jStore]:
    """A store on an empty database."""
    opened = open_store()
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def bundled() -> Catalog:
    return read_catalog(DATA)


@pytest.fixture
def loaded(store: Neo4jStore, bundled: Catalog) -> Neo4jStore:
    """A store whose database holds the bundled catalog."""
    store.load(bundled)
    return store
