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

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver, GraphDatabase

from graph.catalog import Catalog
from loaders import read_catalog
from loaders.neo4j_store import Neo4jStore, connect

REPO = Path(__file__).resolve().parents[3]
DATA = REPO / "data"
URI = os.environ.get("RUMBO_TEST_NEO4J_URI", "bolt://127.0.0.1:7687")
USER = "neo4j"
PASSWORD = os.environ.get("RUMBO_TEST_NEO4J_PASSWORD", "rumbo-local-pw")
DATABASE = "neo4j"

# Test-only Cypher (never shipped): remove Rumbo's nodes, keep anything else in the database.
WIPE = (
    "MATCH (n) WHERE n:Role OR n:DevelopmentAction OR n:CatalogMeta "
    "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS"
)
COUNT_NODES = (
    "MATCH (n) WHERE n:Role OR n:DevelopmentAction OR n:CatalogMeta "
    "RETURN count(n) AS nodes, COUNT { ()-[:TRANSITION]->() } AS transitions"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.neo4j)


@pytest.fixture(scope="session")
def driver() -> Iterator[Driver]:
    """A driver on the test server; fails (never skips) when the server is unreachable."""
    drv = GraphDatabase.driver(URI, auth=(USER, PASSWORD), connection_timeout=5)
    problem = None
    try:
        drv.verify_connectivity()
    except Exception as exc:  # noqa: BLE001 - any failure means "no test server"
        problem = f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
    if problem is not None:
        drv.close()
        pytest.fail(
            f"the Neo4j test server is not reachable at {URI} ({problem}). Start it with "
            "`scripts/neo4j-local start` (CI does), or point RUMBO_TEST_NEO4J_URI / "
            "RUMBO_TEST_NEO4J_PASSWORD at one.",
            pytrace=False,
        )
    yield drv
    drv.close()


def wipe(drv: Driver) -> None:
    with drv.session(database=DATABASE) as session:
        session.run(WIPE).consume()


def raw_counts(drv: Driver) -> tuple[int, int]:
    """Rumbo's nodes and transitions in the database, whatever their generation."""
    record = drv.execute_query(COUNT_NODES, database_=DATABASE).records[0]
    return int(record["nodes"]), int(record["transitions"])


@pytest.fixture
def clean(driver: Driver) -> Driver:
    """The test server with no Rumbo nodes."""
    wipe(driver)
    return driver


def open_store(**kwargs: object) -> Neo4jStore:
    return connect(URI, USER, PASSWORD, DATABASE, **kwargs)  # type: ignore[arg-type]


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
